import { Body, Inject, Post, UploadedFile } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client } from '@temporalio/client';
import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppEnv } from '@app/config';
import { Money, REASON_MESSAGES, grantAmount, grantWorkflowKey, isWithinRegion, yearOf } from '@app/domain';
import { ProgramCatalog, appendAudit, rowsOf } from '@app/persistence';
import { TEMPORAL_CLIENT } from '@app/temporal';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { refused } from '../common/errors';
import { IsBusinessDate } from '../common/money.validators';
import { DocumentUpload, requireDocument } from '../common/document-upload';
import { ApiController, PassthroughRes } from '../common/routes';
import { EntrantGrantRecordedResponse } from '../grants/grants.responses';

/** 新落地人工智能企业: an admin records that the unit arrived (with the registration document). */
export class RecordNewAiEntrantDto {
  @ApiPropertyOptional({ example: 'langfang-entrant' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, { message: 'programCode must be a program code' })
  programCode?: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'enterpriseId must be an enterprise id (UUID)' })
  enterpriseId!: string;

  @ApiProperty({ example: '2025-05-12', description: 'Date the arrival was registered (落地)' })
  @IsBusinessDate()
  arrivedOn!: string;

  @ApiProperty({ example: '廊坊市招商〔2025〕8号' })
  @IsString()
  @Length(1, 100, { message: 'reference must be 1 to 100 characters' })
  reference!: string;
}

/**
 * 免申即享 for an enterprise (Langfang: "对具有算力需求的新落地人工智能企业、科研机构，当年给予一次性50万元算力券"):
 * the same grants, workflow, finance approval and direct payment as the green data centre grant, with the
 * enterprise as payee. Once per enterprise; the amount counts on the program's shared yearly ledger (the
 * 1,000,000.00 per unit a year includes it), so a grant never passes that cap (ADR 0021).
 */
@ApiController('grants', 'grants/new-ai-entrants')
export class EntrantGrantsController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    private readonly env: AppEnv,
    private readonly catalog: ProgramCatalog,
  ) {}

  @Post()
  @Roles('admin')
  @DocumentUpload('The document', { fields: ['programCode', 'enterpriseId', 'arrivedOn', 'reference'] })
  @ApiOperation({ summary: '登记新入驻奖补 · Record a new-AI-entrant grant' })
  @ApiCreatedResponse({ type: EntrantGrantRecordedResponse, description: 'Recorded' })
  @ApiOkResponse({ type: EntrantGrantRecordedResponse, description: 'Already recorded' })
  async record(
    @CurrentUser() me: Principal,
    @Body() dto: RecordNewAiEntrantDto,
    @UploadedFile() file: Express.Multer.File | undefined,
    @PassthroughRes() res: Response,
  ) {
    requireDocument(
      file,
      'file',
      'Attach the registration document in the "file" field (请上传落地证明文件)',
    );
    const programCode = dto.programCode ?? 'langfang-entrant';
    const snapshot = await this.catalog.inForce(programCode, dto.arrivedOn).catch(() => null);
    if (snapshot?.definition.grant?.event !== 'new-ai-entrant')
      refused('UNKNOWN_PROGRAM', `No new-entrant grant: ${programCode}`, 'programCode');
    const program = snapshot.definition;
    const [enterprise] = rowsOf<{ id: string; name: string; registration_region: string }>(
      await this.db.query(`SELECT id, name, registration_region FROM enterprises WHERE id = $1`, [
        dto.enterpriseId,
      ]),
    );
    if (!enterprise) refused('UNKNOWN_ENTERPRISE', 'No enterprise with this id', 'enterpriseId');
    if (!isWithinRegion(program.region, enterprise.registration_region))
      refused(
        'ENTERPRISE_NOT_REGISTERED_IN_REGION',
        REASON_MESSAGES.ENTERPRISE_NOT_REGISTERED_IN_REGION,
        'enterpriseId',
      );
    const key = `enterprise-${enterprise.id}`;
    const workflowId = grantWorkflowKey(programCode, key);
    const year = yearOf(dto.arrivedOn);
    const ledgerCode = program.yearlyCapSharedWith ?? program.code;
    const created = await this.db.transaction(async (tx) => {
      const [exists] = rowsOf(
        await tx.query(`SELECT 1 FROM grants WHERE program_code = $1 AND subject_key = $2`, [
          programCode,
          key,
        ]),
      );
      if (exists) return null;
      // The unit's yearly ledger (shared with the program's compute voucher), locked: the grant is the room
      // left up to its amount, never past the cap.
      let amount = grantAmount(program);
      if (program.perEnterpriseYearlyCap !== null) {
        await tx.query(
          `INSERT INTO yearly_cap_ledger (program_code, enterprise_id, year, cap, issued) VALUES ($1, $2, $3, $4, 0)
           ON CONFLICT DO NOTHING`,
          [ledgerCode, enterprise.id, year, program.perEnterpriseYearlyCap],
        );
        const [ledger] = rowsOf<{ room: string }>(
          await tx.query(
            `SELECT (cap - issued)::text AS room FROM yearly_cap_ledger
              WHERE program_code = $1 AND enterprise_id = $2 AND year = $3 FOR UPDATE`,
            [ledgerCode, enterprise.id, year],
          ),
        );
        amount = amount.min(Money.parse(ledger.room));
        if (amount.isZero())
          refused('YEARLY_CAP_EXHAUSTED', REASON_MESSAGES.YEARLY_CAP_EXHAUSTED, 'enterpriseId');
        const taken = await tx.query(
          `UPDATE yearly_cap_ledger SET issued = issued + $4
            WHERE program_code = $1 AND enterprise_id = $2 AND year = $3 AND issued + $4 <= cap RETURNING issued`,
          [ledgerCode, enterprise.id, year, amount.toString()],
        );
        if (!rowsOf(taken).length) throw new Error('yearly cap reservation lost its row lock');
      }
      const [row] = rowsOf<{ id: string }>(
        await tx.query(
          `INSERT INTO grants (program_code, program_version, event, subject_key, subject_name, payee_kind, enterprise_id,
                               approved_on, approval_reference, document_filename, document_content_type,
                               document_sha256, document, amount, workflow_id, recorded_by)
           VALUES ($1, $2, 'new-ai-entrant', $3, $4, 'enterprise', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
           RETURNING id`,
          [
            programCode,
            snapshot.version,
            key,
            enterprise.name,
            enterprise.id,
            dto.arrivedOn,
            dto.reference.trim(),
            Buffer.from(file.originalname, 'latin1').toString('utf8').slice(0, 255),
            file.mimetype,
            createHash('sha256').update(file.buffer).digest('hex'),
            file.buffer,
            amount.toString(),
            workflowId,
            me.userId,
          ],
        ),
      );
      await appendAudit(tx, me.userId, 'grant.created', ['grant', row.id], {
        after: {
          programCode,
          enterpriseId: enterprise.id,
          amount: amount.toString(),
          capYear: year,
          ledgerCode,
        },
      });
      return row.id;
    });
    const [grant] = rowsOf<{ id: string; amount: string; status: string }>(
      await this.db.query(
        `SELECT id, amount::text, status, payee_kind AS "payeeKind", enterprise_id AS "enterpriseId", workflow_id AS "workflowId"
           FROM grants WHERE program_code = $1 AND subject_key = $2`,
        [programCode, key],
      ),
    );
    await this.client.workflow
      .start('grantWorkflow', {
        workflowId,
        taskQueue: this.env.TEMPORAL_TASK_QUEUE,
        args: [{ grantId: grant.id }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      })
      .catch((err: Error) => {
        if (err.name !== 'WorkflowExecutionAlreadyStartedError') throw err;
      });
    res.status(created ? 201 : 200);
    return { ...grant, created: Boolean(created) };
  }
}
