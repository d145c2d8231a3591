import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  Money,
  UNDECIDED_APPLICATION_STATUSES,
  applicationDateVerdict,
  applicationStatusOf,
  isBusinessDate,
  yearlyRoom,
  hasYearlyCap,
  yearOf,
} from '@app/domain';
import {
  ApplicationMaterialRecord,
  ApplicationRecord,
  BusinessClock,
  ContractRecord,
  EnterpriseRecord,
  ProgramCatalog,
  ProgramRecord,
  SupplierRecord,
  VoucherRecord,
  YearlyCapLedgerRecord,
  appendAudit,
  auditTrailSql,
} from '@app/persistence';
import { applicationWorkflowId } from '@app/temporal';
import type { Principal } from '../auth/principal';
import { conflict, notFound, refused } from '../common/errors';
import { WorkflowGateway } from '../common/workflow-gateway';
import type { ApplyDto } from './application.dto';
import { assertNotDebarred } from '../supervision/debarment.query';
import { DraftsService } from './drafts.service';

const STAFF = new Set(['reviewer', 'senior_reviewer', 'finance', 'admin']);
const OPEN_FOR_MATERIALS = new Set<string>(UNDECIDED_APPLICATION_STATUSES);

@Injectable()
export class ApplicationsService {
  private readonly log = new Logger('Applications');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: BusinessClock,
    private readonly workflows: WorkflowGateway,
    private readonly catalog: ProgramCatalog,
    private readonly drafts: DraftsService,
  ) {}

  /**
   * Records the contract and the application in one transaction, then starts the application workflow (or,
   * with Temporal away, leaves that to ApplicationStartReconciler).
   */
  async apply(me: Principal, dto: ApplyDto) {
    const programCode = dto.programCode ?? 'beijing-ai-compute-2023';
    const program = await this.db.getRepository(ProgramRecord).findOneBy({ code: programCode });
    if (!program) refused('UNKNOWN_PROGRAM', `No such program: ${programCode}`, 'programCode');
    if (!program.active)
      refused('PROGRAM_CLOSED', 'This program is not accepting applications', 'programCode');
    // One business date for the whole submission (with the sandbox clock, each reading is a query).
    const today = await this.clock.today();
    // Judged under the version in force on the contract's signing date (ADR 0011).
    const { version: programVersion, definition } = await this.catalog.inForce(
      programCode,
      isBusinessDate(dto.signedOn) ? dto.signedOn : today,
    );
    // A unit barred from the authority's programs is refused before anything is written (ADR 0027).
    await assertNotDebarred(this.db.manager, me.enterpriseId, definition.authority.code, today);
    if (definition.allocation !== 'review' || definition.disbursement !== 'quarterly-claims')
      refused(
        'PROGRAM_NOT_CONTRACT_BASED',
        {
          zh: '该项目不按合同逐项申领，请通过对应的申领入口办理',
          en: 'This program does not take contract applications here; use its own application page',
        },
        'programCode',
      );
    const supplier = await this.db.getRepository(SupplierRecord).findOneBy({ id: dto.supplierId });
    if (!supplier) refused('UNKNOWN_SUPPLIER', 'No supplier with this id', 'supplierId');
    const lines = dto.lines.map((l) => ({
      serviceKind: l.serviceKind,
      amount: Money.parse(l.amount),
      description: l.description ?? '',
    }));
    const total = Money.sum(lines.map((l) => l.amount));
    if (total.gt(Money.parse('9999999999999.99')))
      refused('AMOUNT_TOO_LARGE', 'The contract total is too large', 'lines');
    // After the plan's last day nothing new is applied for, whatever the signing date; the form's own
    // faults are answered first (ADR 0044).
    const planDate = applicationDateVerdict(definition, today);
    if (!planDate.ok) refused(planDate.code, planDate.message, 'programCode');

    const app = await this.db.transaction(async (tx) => {
      // The same contract may be presented to another program (the cross-program resolver then funds
      // each spending once, ADR 0023); never twice to one program, never by another enterprise.
      const existing = await tx.findOneBy(ContractRecord, {
        supplierId: supplier.id,
        contractNumber: dto.contractNumber,
      });
      const appliedHere =
        existing !== null &&
        (existing.enterpriseId !== me.enterpriseId ||
          (await tx.existsBy(ApplicationRecord, { contractId: existing.id, programCode })));
      if (appliedHere)
        conflict(
          'CONTRACT_ALREADY_APPLIED',
          'This contract has already been submitted (同一合同仅能申领一次)',
          'contractNumber',
        );
      const contract =
        existing ??
        (await tx.save(
          tx.create(ContractRecord, {
            enterpriseId: me.enterpriseId!,
            supplierId: supplier.id,
            contractNumber: dto.contractNumber,
            signedOn: dto.signedOn,
            startDate: dto.startDate,
            endDate: dto.endDate,
            totalAmount: total,
            applicationDomain: dto.applicationDomain,
            lines,
          }),
        ));
      if (!existing) {
        // The line's position, domestic flag and invoice: the facts rate rules and the resolver read.
        for (const [i, line] of contract.lines.entries()) {
          await tx.query(
            `UPDATE contract_lines SET line_no = $2, domestic = $3, invoice_number = $4 WHERE id = $1`,
            [line.id, i + 1, dto.lines[i].domestic ?? null, dto.lines[i].invoiceNumber?.trim() || null],
          );
        }
      }
      const application = await tx.save(
        tx.create(ApplicationRecord, {
          programCode,
          programVersion,
          enterpriseId: me.enterpriseId!,
          contractId: contract.id,
          // The workflow's first phase; from here on only the workflow moves the status.
          status: applicationStatusOf('submitted'),
          submittedOn: today,
          workflowId: 'pending',
        }),
      );
      // From the console's draft: its checklist must be complete; its files become the materials (ADR 0047).
      if (dto.fromDraft) await this.drafts.submitInto(tx, me, programCode, definition, application.id);
      application.workflowId = applicationWorkflowId(application.id);
      await tx.update(ApplicationRecord, { id: application.id }, { workflowId: application.workflowId });
      await tx.query(
        `UPDATE applications SET applicant_categories = $2, project_facts = $3, declared_other_support = $4
          WHERE id = $1`,
        [
          application.id,
          [...new Set(dto.applicantCategories ?? [])],
          JSON.stringify(Object.fromEntries((dto.projectFacts ?? []).map((f) => [f.fact, f.value]))),
          JSON.stringify(
            (dto.declaredOtherSupport ?? []).map((d) => ({
              programCode: d.programCode ?? null,
              programName: d.programName,
              amount: Money.parse(d.amount).toString(),
              status: d.status,
            })),
          ),
        ],
      );
      await appendAudit(tx, me.userId, 'application.submitted', ['application', application.id], {
        after: {
          contractId: contract.id,
          contractNumber: dto.contractNumber,
          total: total.toString(),
          submittedOn: today,
          contractReused: existing !== null,
          applicantCategories: dto.applicantCategories ?? [],
          declaredOtherSupport: dto.declaredOtherSupport?.length ?? 0,
        },
      });
      return application;
    });
    try {
      await this.workflows.startApplication(app.id, programCode);
    } catch (err) {
      // The application is kept (the unit applied); ApplicationStartReconciler starts its workflow once
      // Temporal answers again, and the detail below shows it as submitted meanwhile.
      this.log.warn(
        `application ${app.id} submitted; its workflow will be started later: ${(err as Error).message}`,
      );
    }
    return this.detail(me, app.id);
  }

  async list(
    me: Principal,
    q: { status?: string; programCode?: string; enterpriseId?: string; page: number; pageSize: number },
  ) {
    const qb = this.db
      .getRepository(ApplicationRecord)
      .createQueryBuilder('a')
      .innerJoin(EnterpriseRecord, 'e', 'e.id = a.enterprise_id')
      .innerJoin(ContractRecord, 'c', 'c.id = a.contract_id')
      .select([
        'a.id AS id',
        'a.status AS status',
        'a.program_code AS "programCode"',
        'a.submitted_on::text AS "submittedOn"',
        'a.quoted_face_value::text AS "quotedFaceValue"',
        'a.face_value::text AS "faceValue"',
        'a.refusal_code AS "refusalCode"',
        'e.name AS "enterpriseName"',
        'c.contract_number AS "contractNumber"',
        'c.total_amount::text AS "contractAmount"',
      ]);
    if (me.role === 'enterprise') qb.andWhere('a.enterprise_id = :own', { own: me.enterpriseId });
    else if (!STAFF.has(me.role)) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    if (q.status) qb.andWhere('a.status = :status', { status: q.status });
    if (q.programCode) qb.andWhere('a.program_code = :pc', { pc: q.programCode });
    if (q.enterpriseId && me.role !== 'enterprise')
      qb.andWhere('a.enterprise_id = :eid', { eid: q.enterpriseId });
    const total = await qb.clone().getCount();
    const items = await qb
      .orderBy('a.created_at', 'DESC')
      .offset((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .getRawMany();
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  /** Everything a reviewer needs on one page; an enterprise sees only its own applications. */
  async detail(me: Principal, id: string) {
    const app = await this.db.getRepository(ApplicationRecord).findOneBy({ id });
    if (!app || !this.canSee(me, app)) notFound('application');
    const { definition: program } = await this.catalog.version(app.programCode, app.programVersion);
    const [enterprise, contract, voucher, materials, history, tasks] = await Promise.all([
      this.db.getRepository(EnterpriseRecord).findOneByOrFail({ id: app.enterpriseId }),
      this.db
        .getRepository(ContractRecord)
        .findOneOrFail({ where: { id: app.contractId }, relations: { lines: true } }),
      this.db.getRepository(VoucherRecord).findOneBy({ applicationId: app.id }),
      this.db
        .getRepository(ApplicationMaterialRecord)
        .find({ where: { applicationId: app.id }, order: { uploadedAt: 'ASC' } }),
      this.db.query(auditTrailSql('application'), [app.id]),
      this.db.query(
        `SELECT t.id, t.kind, t.status, t.round, t.assignee_id AS "assigneeId", a.display_name AS "assigneeName",
                t.excluded_user_id AS "excludedUserId", t.due_at AS "dueAt", t.outcome, t.reason,
                t.completed_by AS "completedBy", c.display_name AS "completedByName", t.completed_at AS "completedAt"
           FROM review_tasks t LEFT JOIN users a ON a.id = t.assignee_id LEFT JOIN users c ON c.id = t.completed_by
          WHERE t.application_id = $1 ORDER BY t.created_at`,
        [app.id],
      ),
    ]);
    const supplier = await this.db.getRepository(SupplierRecord).findOneByOrFail({ id: contract.supplierId });
    const crossProgram = await this.crossProgramView(app.id, contract.id);
    const year = yearOf(app.submittedOn);
    const ledger = await this.db
      .getRepository(YearlyCapLedgerRecord)
      .findOneBy({ programCode: program.code, enterpriseId: app.enterpriseId, year });
    const issued = ledger?.issued ?? Money.zero();
    return {
      id: app.id,
      programCode: app.programCode,
      programVersion: app.programVersion,
      status: app.status,
      refusalCode: app.refusalCode,
      submittedOn: app.submittedOn,
      workflowId: app.workflowId,
      enterprise: {
        id: enterprise.id,
        name: enterprise.name,
        creditCode: enterprise.creditCode,
        registrationRegion: enterprise.registrationRegion,
        industry: enterprise.industry,
      },
      contract: {
        id: contract.id,
        contractNumber: contract.contractNumber,
        supplier: { id: supplier.id, code: supplier.code, nameZh: supplier.nameZh, nameEn: supplier.nameEn },
        signedOn: contract.signedOn,
        startDate: contract.startDate,
        endDate: contract.endDate,
        totalAmount: contract.totalAmount.toString(),
        applicationDomain: contract.applicationDomain,
        lines: contract.lines.map((l) => ({
          serviceKind: l.serviceKind,
          amount: l.amount.toString(),
          description: l.description,
          ...(crossProgram.lines.get(l.id) ?? { lineNo: null, domestic: null, invoiceNumber: null }),
        })),
      },
      checks: app.eligibilityResults ?? [],
      computation: {
        rate: program.rate,
        contractDays: app.contractDays,
        eligibleDays: app.eligibleDays,
        eligibleAmount: app.eligibleAmount?.toString() ?? null,
        quotedFaceValue: app.quotedFaceValue?.toString() ?? null,
        faceValue: app.faceValue?.toString() ?? null,
        yearlyCap: program.perEnterpriseYearlyCap,
        capYear: year,
        issuedThisYear: issued.toString(),
        yearlyRoomLeft: hasYearlyCap(program) ? yearlyRoom(program, issued).toString() : null,
      },
      applicantCategories: crossProgram.app.applicant_categories,
      projectFacts: crossProgram.app.project_facts,
      declaredOtherSupport: crossProgram.app.declared_other_support,
      // What the resolver found and decided across programs (从优不重复, stacking, 晋级补差), and the
      // fundings this application holds: shown to the reviewer.
      crossProgram: {
        ...(crossProgram.app.cross_program ?? { decisions: [], detected: [], undeclared: [] }),
        fundings: crossProgram.fundings,
      },
      voucher: voucher
        ? {
            validUntil: crossProgram.validUntil,
            id: voucher.id,
            faceValue: voucher.faceValue.toString(),
            redeemedAmount: voucher.redeemedAmount.toString(),
            remaining: voucher.faceValue.minus(voucher.redeemedAmount).toString(),
            status: voucher.status,
            capYear: voucher.capYear,
            issuedOn: voucher.issuedOn,
          }
        : null,
      materials: materials.map((m) => ({
        id: m.id,
        slotCode: m.slotCode,
        filename: m.filename,
        contentType: m.contentType,
        sizeBytes: m.sizeBytes,
        sha256: m.sha256,
        uploadedAt: m.uploadedAt,
      })),
      tasks,
      history,
    };
  }

  async addMaterial(
    me: Principal,
    id: string,
    file: { originalname: string; mimetype: string; size: number; buffer: Buffer },
  ) {
    const app = await this.db.getRepository(ApplicationRecord).findOneBy({ id });
    if (!app || app.enterpriseId !== me.enterpriseId) notFound('application');
    if (!OPEN_FOR_MATERIALS.has(app.status))
      conflict('APPLICATION_CLOSED', 'This application no longer accepts materials');
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const row = await this.db.transaction(async (tx) => {
      const saved = await tx.save(
        tx.create(ApplicationMaterialRecord, {
          applicationId: app.id,
          // Multer reads the multipart filename as latin1; browsers send UTF-8 (e.g. 交付方案.pdf).
          filename: Buffer.from(file.originalname, 'latin1').toString('utf8').slice(0, 255),
          contentType: file.mimetype,
          sizeBytes: file.size,
          sha256,
          content: file.buffer,
          uploadedBy: me.userId,
        }),
      );
      await appendAudit(tx, me.userId, 'application.material_uploaded', ['application', app.id], {
        after: { materialId: saved.id, filename: saved.filename, sha256, sizeBytes: file.size },
      });
      return saved;
    });
    return {
      id: row.id,
      filename: row.filename,
      contentType: row.contentType,
      sizeBytes: row.sizeBytes,
      sha256,
    };
  }

  async material(me: Principal, id: string, materialId: string) {
    const app = await this.db.getRepository(ApplicationRecord).findOneBy({ id });
    if (!app || !this.canSee(me, app)) notFound('application');
    const m = await this.db
      .getRepository(ApplicationMaterialRecord)
      .createQueryBuilder('m')
      .addSelect('m.content')
      .where('m.id = :materialId AND m.application_id = :id', { materialId, id })
      .getOne();
    if (!m) notFound('material');
    return m;
  }

  async resubmit(me: Principal, id: string, note: string | null) {
    const app = await this.db.getRepository(ApplicationRecord).findOneBy({ id });
    if (!app || app.enterpriseId !== me.enterpriseId) notFound('application');
    await this.workflows.resubmit(app.id, me.userId, note);
    return this.detail(me, id);
  }

  /** The cross-program facts of one application (columns added by the CrossProgram migration). */
  private async crossProgramView(applicationId: string, contractId: string) {
    const [[app], lineRows, fundings, [voucher]] = await Promise.all([
      this.db.query(
        `SELECT applicant_categories, project_facts, declared_other_support, cross_program
           FROM applications WHERE id = $1`,
        [applicationId],
      ) as Promise<
        {
          applicant_categories: string[];
          project_facts: Record<string, string>;
          declared_other_support: unknown[];
          cross_program: Record<string, unknown> | null;
        }[]
      >,
      this.db.query(
        `SELECT id, line_no AS "lineNo", domestic, invoice_number AS "invoiceNumber"
           FROM contract_lines WHERE contract_id = $1`,
        [contractId],
      ) as Promise<
        { id: string; lineNo: number | null; domestic: boolean | null; invoiceNumber: string | null }[]
      >,
      this.db.query(
        `SELECT spending_key AS "spendingKey", role, support_line AS "supportLine", base::text, amount::text,
                reason_code AS "reasonCode", status
           FROM funded_spending WHERE application_id = $1 ORDER BY spending_key, role`,
        [applicationId],
      ),
      this.db.query(
        `SELECT to_char(valid_until, 'YYYY-MM-DD') AS valid_until FROM vouchers WHERE application_id = $1`,
        [applicationId],
      ) as Promise<{ valid_until: string | null }[]>,
    ]);
    return {
      app,
      lines: new Map(lineRows.map(({ id, ...rest }) => [id, rest])),
      fundings,
      validUntil: voucher?.valid_until ?? null,
    };
  }

  private canSee(me: Principal, app: ApplicationRecord): boolean {
    if (me.role === 'enterprise') return app.enterpriseId === me.enterpriseId;
    return STAFF.has(me.role);
  }
}
