import { Body, Inject, Post, StreamableFile, UploadedFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client } from '@temporalio/client';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppEnv } from '@app/config';
import { REASON_MESSAGES, dataCentreKey, grantAmount, grantRefusal, grantWorkflowKey } from '@app/domain';
import { BusinessClock, ProgramCatalog, appendAudit } from '@app/persistence';
import { TEMPORAL_CLIENT } from '@app/temporal';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { conflict, notFound, refused } from '../common/errors';
import { WorkflowGateway } from '../common/workflow-gateway';
import { RecordGreenDataCentreDto } from './grants.dto';
import { DocumentUpload, requireDocument } from '../common/document-upload';
import { sendStoredDocument } from '../common/stored-file';
import { ApiAction, ApiController, ApiDownload, ApiGet, IdParam, PassthroughRes } from '../common/routes';
import { GrantPageResponse, GrantRecordedResponse, GrantResponse } from './grants.responses';

const GRANT_SELECT = `
  SELECT g.id, g.program_code, g.program_version, g.event, g.payee_kind, g.enterprise_id, g.subject_key, g.subject_name, g.supplier_id,
         s.code AS supplier_code, s.name_zh AS supplier_name, to_char(g.approved_on, 'YYYY-MM-DD') AS approved_on,
         g.approval_reference, g.document_filename, g.amount::text AS amount, g.status, g.workflow_id,
         g.recorded_by, ru.display_name AS recorded_by_name, g.recorded_at, g.finance_approved_by,
         fu.display_name AS finance_approved_by_name, g.finance_approved_at, g.paid_at,
         p.id AS payment_id, p.status AS payment_status, p.bank_reference
    FROM grants g
    LEFT JOIN suppliers s ON s.id = g.supplier_id
    LEFT JOIN users ru ON ru.id = g.recorded_by
    LEFT JOIN users fu ON fu.id = g.finance_approved_by
    LEFT JOIN direct_payments p ON p.kind = 'grant' AND p.source_id = g.id`;

function grantView(g: Record<string, unknown>) {
  return {
    id: g.id,
    programCode: g.program_code,
    programVersion: g.program_version,
    event: g.event,
    dataCentreCode: g.subject_key,
    dataCentreName: g.subject_name,
    payeeKind: g.payee_kind,
    enterpriseId: g.enterprise_id,
    supplierId: g.supplier_id,
    supplierCode: g.supplier_code,
    supplierName: g.supplier_name,
    approvedOn: g.approved_on,
    approvalReference: g.approval_reference,
    documentFilename: g.document_filename,
    amount: g.amount,
    status: g.status,
    workflowId: g.workflow_id,
    recordedBy: g.recorded_by,
    recordedByName: g.recorded_by_name,
    recordedAt: g.recorded_at,
    financeApprovedBy: g.finance_approved_by,
    financeApprovedByName: g.finance_approved_by_name,
    financeApprovedAt: g.finance_approved_at,
    paidAt: g.paid_at,
    paymentId: g.payment_id ?? null,
    paymentStatus: g.payment_status ?? null,
    bankReference: g.bank_reference ?? null,
  };
}

/**
 * 免申即享 grants (绿色算力券): an admin records the qualifying fact with its approval document; the grant is
 * created without any application (once per data centre), finance approves it and it is paid directly.
 */
@ApiController('grants', 'grants')
export class GrantsController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    private readonly env: AppEnv,
    private readonly clock: BusinessClock,
    private readonly catalog: ProgramCatalog,
    private readonly workflows: WorkflowGateway,
  ) {}

  @Post()
  @Roles('admin')
  @DocumentUpload('The approval document', {
    fields: ['supplierId', 'dataCentreCode', 'dataCentreName', 'approvedOn', 'approvalReference'],
  })
  @ApiOperation({ summary: '登记奖补 · Record a grant' })
  @ApiCreatedResponse({ type: GrantRecordedResponse, description: 'Recorded' })
  @ApiOkResponse({ type: GrantRecordedResponse, description: 'Already recorded (once per subject)' })
  async record(
    @CurrentUser() me: Principal,
    @Body() dto: RecordGreenDataCentreDto,
    @UploadedFile() file: Express.Multer.File | undefined,
    @PassthroughRes() res: Response,
  ) {
    requireDocument(file, 'file', 'Attach the approval document in the "file" field (请上传认定文件)');
    const programCode = dto.programCode ?? 'chengdu-green';
    const today = await this.clock.today();
    const snapshot = await this.catalog.inForce(programCode, today).catch(() => null);
    if (!snapshot?.definition.grant)
      refused('UNKNOWN_PROGRAM', `No automatic grant: ${programCode}`, 'programCode');
    const [supplier] = await this.db.query(`SELECT id, code FROM suppliers WHERE id = $1`, [dto.supplierId]);
    if (!supplier) refused('UNKNOWN_SUPPLIER', 'No supplier with this id', 'supplierId');
    const listed = await this.catalog.suppliersInForce(programCode, today).catch(() => [] as string[]);
    const why = grantRefusal(listed, supplier.code);
    if (why) refused(why, REASON_MESSAGES[why], 'supplierId');
    const key = dataCentreKey(dto.dataCentreCode);
    const amount = grantAmount(snapshot.definition);
    const workflowId = grantWorkflowKey(programCode, key);
    const created = await this.db.transaction(async (tx) => {
      const rows = await tx.query(
        `INSERT INTO grants (program_code, program_version, event, subject_key, subject_name, supplier_id, approved_on,
                             approval_reference, document_filename, document_content_type, document_sha256, document,
                             amount, workflow_id, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         ON CONFLICT (program_code, subject_key) DO NOTHING RETURNING id`,
        [
          programCode,
          snapshot.version,
          snapshot.definition.grant!.event,
          key,
          dto.dataCentreName.trim(),
          supplier.id,
          dto.approvedOn,
          dto.approvalReference.trim(),
          Buffer.from(file.originalname, 'latin1').toString('utf8').slice(0, 255),
          file.mimetype,
          createHash('sha256').update(file.buffer).digest('hex'),
          file.buffer,
          amount.toString(),
          workflowId,
          me.userId,
        ],
      );
      if (rows.length) {
        await appendAudit(tx, me.userId, 'grant.created', ['grant', rows[0].id], {
          after: { programCode, dataCentre: key, supplier: supplier.code, amount: amount.toString() },
        });
      } else {
        await appendAudit(tx, me.userId, 'grant.recorded_again', ['grant', key], {
          after: { programCode, dataCentre: key, note: 'one grant per data centre: nothing created' },
        });
      }
      return rows[0]?.id as string | undefined;
    });
    const [row] = await this.db.query(`${GRANT_SELECT} WHERE g.program_code = $1 AND g.subject_key = $2`, [
      programCode,
      key,
    ]);
    // Started for a new grant, and again (harmlessly) for one whose start did not happen before.
    await this.client.workflow
      .start('grantWorkflow', {
        workflowId,
        taskQueue: this.env.TEMPORAL_TASK_QUEUE,
        args: [{ grantId: row.id }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      })
      .catch((err: Error) => {
        if (err.name !== 'WorkflowExecutionAlreadyStartedError') throw err;
      });
    res.status(created ? 201 : 200);
    return { ...grantView(row), created: Boolean(created) };
  }

  @ApiGet('', '奖补列表 · List grants', GrantPageResponse)
  @Roles('admin', 'finance')
  async list() {
    const rows = await this.db.query(`${GRANT_SELECT} ORDER BY g.recorded_at DESC`);
    return { items: rows.map(grantView), total: rows.length };
  }

  @ApiGet(':id', '奖补详情 · One grant', GrantResponse)
  @Roles('admin', 'finance')
  async detail(@IdParam() id: string) {
    const [row] = await this.db.query(`${GRANT_SELECT} WHERE g.id = $1`, [id]);
    if (!row) notFound('grant');
    return grantView(row);
  }

  @ApiDownload(':id/document', "下载奖补文件 · Download a grant's document", "The grant's stored document")
  @Roles('admin', 'finance')
  async document(@IdParam() id: string, @PassthroughRes() res: Response) {
    const [g] = await this.db.query(
      `SELECT document_filename, document_content_type, document FROM grants WHERE id = $1`,
      [id],
    );
    if (!g) notFound('grant');
    sendStoredDocument(res, g.document_filename, g.document_content_type);
    return new StreamableFile(g.document);
  }

  @ApiAction(':id/approve', '批准奖补 · Approve a grant', GrantResponse)
  @Roles('finance')
  async approve(@CurrentUser() me: Principal, @IdParam() id: string) {
    const [g] = await this.db.query(`SELECT status, workflow_id FROM grants WHERE id = $1`, [id]);
    if (!g) notFound('grant');
    if (g.status !== 'awaiting_finance') conflict('GRANT_NOT_AWAITING_FINANCE', `The grant is ${g.status}`);
    await this.workflows.updateWorkflow(g.workflow_id, 'approveGrant', { approverId: me.userId });
    return this.detail(id);
  }
}
