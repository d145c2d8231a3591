import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { AppEnv } from '@app/config';
import {
  DomainInputError,
  Money,
  REASON_MESSAGES,
  checkEnterprise,
  compareDates,
  computeDeduction,
  materialCodes,
  missingMaterials,
  placeInPool,
  poolApplicationRefusal,
  voucherUsableOn,
  yearOf,
  type BusinessDate,
  type Industry,
  type ProgramDefinition,
  type ReasonCode,
} from '@app/domain';
import {
  BusinessClock,
  ProgramCatalog,
  appendAudit,
  auditTrailSql,
  rowsOf,
  type ProgramSnapshot,
} from '@app/persistence';
import { TEMPORAL_CLIENT } from '@app/temporal';
import {
  poolApplicationWorkflowId,
  type poolApplicationWorkflow,
} from '@app/workflows/pool-application.workflow';
import {
  poolRedemptionWorkflowId,
  type poolRedemptionWorkflow,
} from '@app/workflows/pool-redemption.workflow';
import type { Principal } from '../auth/principal';
import { conflict, notFound, refused } from '../common/errors';
import { WorkflowGateway } from '../common/workflow-gateway';
import type { PoolDecisionDto, RecordDeductionDto } from './pool.dto';
import { assertNotDebarred } from '../supervision/debarment.query';

const STAFF = new Set(['reviewer', 'senior_reviewer', 'finance', 'admin']);

export interface UploadedMaterial {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/**
 * Receipt and slot in one statement (ADR 0015): the conditional UPDATE locks the year's pool row, takes a
 * slot if one is left (else counts the application as waiting, or — without a waitlist — matches nothing),
 * and draws the receipt number from the sequence while it holds the lock, so receipt order is slot order;
 * the application and its audit row are written by the same statement, so the lock is held for one
 * statement only, never across round trips. A second application of the unit that year fails the unique
 * key and the whole statement writes nothing.
 * $1 program, $2 year, $3 waitlist, $4 id, $5 version, $6 enterprise, $7 today, $8 user, $9 checks, $10 workflow id.
 */
const CLAIM_SLOT_SQL = `
WITH p AS (
  UPDATE pool_years
     SET last_took_slot = held < slots,
         held = held + CASE WHEN held < slots THEN 1 ELSE 0 END,
         waiting = waiting + CASE WHEN held < slots THEN 0 ELSE 1 END,
         received = received + 1
   WHERE program_code = $1 AND year = $2 AND (held < slots OR $3::boolean)
  RETURNING last_took_slot AS took, waiting, nextval('pool_receipt_seq') AS receipt_no
), a AS (
  INSERT INTO pool_applications
    (id, program_code, program_version, year, enterprise_id, receipt_no, status, submitted_on, submitted_by,
     eligibility_results, workflow_id)
  SELECT $4, $1, $5, $2, $6, p.receipt_no, CASE WHEN p.took THEN 'holding' ELSE 'waitlisted' END, $7, $8,
         $9::jsonb, CASE WHEN p.took THEN $10 END
    FROM p
  RETURNING id, receipt_no, status
), audit AS (
  INSERT INTO audit_log (actor, action, entity_type, entity_id, after)
  SELECT $8::text, 'pool.application_received', 'pool_application', a.id::text,
         jsonb_build_object('programCode', $1::text, 'programVersion', $5::int, 'year', $2::int,
                            'receiptNo', a.receipt_no::text, 'status', a.status)
    FROM a
)
SELECT p.took, p.waiting, p.receipt_no::text AS receipt_no FROM p`;

function refuseWith(code: ReasonCode, field?: string): never {
  refused(code, REASON_MESSAGES[code], field);
}

/**
 * The first-come pool (Chengdu 普惠): applications take the year's slots in the server's receipt order under
 * one row lock; the review, the deductions suppliers record and their redemptions (ADR 0015–0017).
 */
@Injectable()
export class PoolService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly env: AppEnv,
    private readonly clock: BusinessClock,
    private readonly catalog: ProgramCatalog,
    private readonly workflows: WorkflowGateway,
  ) {}

  /** The pool program in force today; refused unless it is a first-come pool and today is in its plan. */
  private async poolProgram(code: string, today: BusinessDate): Promise<ProgramSnapshot> {
    let snapshot: ProgramSnapshot;
    try {
      snapshot = await this.catalog.inForce(code, today);
    } catch (err) {
      if (err instanceof DomainInputError)
        refused('UNKNOWN_PROGRAM', `No such program: ${code}`, 'programCode');
      throw err;
    }
    if (snapshot.definition.pool === null || snapshot.definition.vouchersPerYear === null) {
      refused('NOT_A_POOL', `${code} is not a first-come pool`, 'programCode');
    }
    return snapshot;
  }

  private inPlan(def: ProgramDefinition, today: BusinessDate): boolean {
    return compareDates(today, def.planStart) >= 0 && compareDates(today, def.planEnd) <= 0;
  }

  // ---------------------------------------------------------------- the pool and its applications

  async state(me: Principal, code: string, year?: number) {
    const today = await this.clock.today();
    const program = await this.poolProgram(code, today);
    const y = year ?? yearOf(today);
    const [row] = await this.db.query(
      `SELECT slots, held, issued, received FROM pool_years WHERE program_code = $1 AND year = $2`,
      [code, y],
    );
    const [counts] = await this.db.query(
      `SELECT count(*) FILTER (WHERE status = 'holding')::int AS holding,
              count(*) FILTER (WHERE status = 'waitlisted')::int AS waiting,
              count(*) FILTER (WHERE status = 'refused')::int AS refused
         FROM pool_applications WHERE program_code = $1 AND year = $2`,
      [code, y],
    );
    const slots: number = row?.slots ?? program.definition.vouchersPerYear!;
    const held: number = row?.held ?? 0;
    const waitlist = STAFF.has(me.role)
      ? await this.db.query(
          `SELECT a.id AS "applicationId", a.receipt_no::text AS "receiptNo", e.name AS "enterpriseName",
                  row_number() OVER (ORDER BY a.receipt_no)::int AS position, a.received_at AS "receivedAt"
             FROM pool_applications a JOIN enterprises e ON e.id = a.enterprise_id
            WHERE a.program_code = $1 AND a.year = $2 AND a.status = 'waitlisted'
            ORDER BY a.receipt_no LIMIT 100`,
          [code, y],
        )
      : [];
    const mine =
      me.role === 'enterprise'
        ? ((
            await this.db.query(
              `SELECT id, status, receipt_no::text AS "receiptNo" FROM pool_applications
                WHERE program_code = $1 AND year = $2 AND enterprise_id = $3`,
              [code, y, me.enterpriseId],
            )
          )[0] ?? null)
        : null;
    return {
      programCode: code,
      programVersion: program.version,
      name: program.definition.name,
      year: y,
      today,
      open: this.inPlan(program.definition, today) && y === yearOf(today),
      faceValue: program.definition.fixedFaceValue,
      waitlistEnabled: program.definition.pool!.waitlist,
      slots,
      held,
      issued: row?.issued ?? 0,
      received: row?.received ?? 0,
      slotsLeft: slots - held,
      holding: counts.holding,
      waiting: counts.waiting,
      refused: counts.refused,
      waitlist,
      mine: mine
        ? { ...mine, position: mine.status === 'waitlisted' ? await this.position(mine.id) : null }
        : null,
    };
  }

  /** 1-based place among the waiting applications of the same pool year. */
  private async position(applicationId: string): Promise<number | null> {
    const [r] = await this.db.query(
      `SELECT count(*)::int AS n FROM pool_applications w JOIN pool_applications a ON a.id = $1
        WHERE w.program_code = a.program_code AND w.year = a.year AND w.status = 'waitlisted'
          AND a.status = 'waitlisted' AND w.receipt_no <= a.receipt_no`,
      [applicationId],
    );
    return r?.n ? r.n : null;
  }

  /**
   * Receives one unit's application: eligibility (seed 001 §二) and one-per-unit / not-with-特惠 are checked
   * first (a refusal writes nothing); then, in one short transaction, the pool row is locked by a
   * conditional UPDATE that takes a slot if one is left and draws the receipt number inside that lock, so
   * receipt order and slot order are one order. Holders get their review workflow.
   */
  async apply(me: Principal, code: string) {
    const today = await this.clock.today();
    const program = await this.poolProgram(code, today);
    const def = program.definition;
    if (!this.inPlan(def, today)) refuseWith('POOL_NOT_OPEN', 'programCode');
    // A unit barred from the authority's programs is refused before anything is written (ADR 0027).
    await assertNotDebarred(this.db.manager, me.enterpriseId, def.authority.code, today);
    const year = yearOf(today);
    const [facts] = await this.db.query(
      `SELECT e.registration_region, e.independent_legal_person, e.industry, e.ai_direction_aligned,
              e.sound_financial_management, to_char(e.last_dishonesty_record_date, 'YYYY-MM-DD') AS dishonesty,
              e.receives_other_municipal_compute_subsidy AS other_subsidy,
              (SELECT active FROM programs WHERE code = $2) AS program_active,
              (SELECT count(*)::int FROM pool_applications
                WHERE program_code = $2 AND year = $3 AND enterprise_id = e.id) AS applied,
              ARRAY(SELECT DISTINCT program_code FROM round_entries
                     WHERE enterprise_id = e.id AND year = $3 AND program_code = ANY($4)
                       AND standing NOT IN ('refused', 'removed', 'unranked')
                    UNION
                    SELECT DISTINCT program_code FROM pool_applications
                     WHERE enterprise_id = e.id AND year = $3 AND program_code = ANY($4) AND status <> 'refused'
              ) AS held
         FROM enterprises e WHERE e.id = $1`,
      [me.enterpriseId, code, year, def.stacking.notCombinableWith],
    );
    if (!facts) notFound('enterprise');
    if (!facts.program_active) refuseWith('POOL_NOT_OPEN', 'programCode');
    const checks = checkEnterprise(
      def,
      {
        registrationRegion: facts.registration_region,
        independentLegalPerson: facts.independent_legal_person,
        industry: facts.industry as Industry,
        aiDirectionAligned: facts.ai_direction_aligned,
        soundFinancialManagement: facts.sound_financial_management,
        lastDishonestyRecordDate: facts.dishonesty,
        receivesOtherMunicipalComputeSubsidy: facts.other_subsidy,
      },
      today,
    );
    const failed = checks.find((c) => !c.passed);
    if (failed) refuseWith(failed.code as ReasonCode);
    const stop = poolApplicationRefusal(def, {
      applicationsThisYear: facts.applied,
      programsHeldThisYear: facts.held,
    });
    if (stop) refuseWith(stop);

    const id = randomUUID();
    const claim = async () =>
      rowsOf<{ took: boolean; waiting: number; receipt_no: string }>(
        await this.db.query(CLAIM_SLOT_SQL, [
          code,
          year,
          def.pool!.waitlist,
          id,
          program.version,
          me.enterpriseId,
          today,
          me.userId,
          JSON.stringify(checks),
          poolApplicationWorkflowId(id),
        ]),
      )[0];
    let got: Awaited<ReturnType<typeof claim>> | undefined;
    try {
      got = await claim();
      if (!got) {
        // The year's pool row does not exist yet (or, without a waitlist, the pool is full).
        await this.db.query(
          `INSERT INTO pool_years (program_code, year, slots) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
          [code, year, def.vouchersPerYear],
        );
        got = await claim();
      }
    } catch (err) {
      if ((err as { constraint?: string }).constraint === 'uq_pool_application_per_unit_year') {
        refuseWith('POOL_ALREADY_APPLIED_THIS_YEAR');
      }
      throw err;
    }
    if (!got) {
      const [row] = await this.db.query(
        `SELECT slots, held FROM pool_years WHERE program_code = $1 AND year = $2`,
        [code, year],
      );
      const placement = placeInPool(def.pool!, row.slots, row.held);
      refuseWith(placement.kind === 'refused' ? placement.code : 'POOL_EXHAUSTED');
    }
    return {
      id,
      programCode: code,
      programVersion: program.version,
      year,
      receiptNo: got.receipt_no,
      status: got.took ? 'holding' : 'waitlisted',
      // Read under the pool row's lock: the waiting count including this application.
      waitlistPosition: got.took ? null : got.waiting,
    };
  }

  /**
   * The review workflow of a slot holder, started when a reviewer first decides (or when a refusal passes
   * a slot on): USE_EXISTING makes a repeated start find the running one.
   */
  private async startReview(applicationId: string, programCode: string): Promise<void> {
    await this.temporal.workflow.start<typeof poolApplicationWorkflow>('poolApplicationWorkflow', {
      workflowId: poolApplicationWorkflowId(applicationId),
      taskQueue: this.env.TEMPORAL_TASK_QUEUE,
      args: [{ applicationId, programCode }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  }

  /** Staff see every application of the pool year in receipt order; a unit sees its own. */
  async list(
    me: Principal,
    code: string,
    q: { status?: string; year?: number; page: number; pageSize: number },
  ) {
    const today = await this.clock.today();
    await this.poolProgram(code, today);
    const year = q.year ?? yearOf(today);
    const params: unknown[] = [code, year];
    let where = `a.program_code = $1 AND a.year = $2`;
    if (me.role === 'enterprise') {
      params.push(me.enterpriseId);
      where += ` AND a.enterprise_id = $${params.length}`;
    } else if (!STAFF.has(me.role)) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    if (q.status) {
      params.push(q.status);
      where += ` AND a.status = $${params.length}`;
    }
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM pool_applications a WHERE ${where}`,
      params,
    );
    const items = await this.db.query(
      `SELECT a.id, a.status, a.receipt_no::text AS "receiptNo", a.year, a.program_version AS "programVersion",
              to_char(a.submitted_on, 'YYYY-MM-DD') AS "submittedOn", a.received_at AS "receivedAt",
              a.refusal_code AS "refusalCode", a.refusal_reason AS "refusalReason", a.promoted_at AS "promotedAt",
              e.id AS "enterpriseId", e.name AS "enterpriseName", e.credit_code AS "creditCode",
              v.voucher_no AS "voucherNo",
              (SELECT count(DISTINCT m.code)::int FROM pool_materials m
                WHERE m.owner_kind = 'application' AND m.owner_id = a.id) AS "materialsUploaded",
              CASE WHEN a.status = 'waitlisted' THEN
                (SELECT count(*)::int FROM pool_applications w WHERE w.program_code = a.program_code
                   AND w.year = a.year AND w.status = 'waitlisted' AND w.receipt_no <= a.receipt_no) END AS position
         FROM pool_applications a JOIN enterprises e ON e.id = a.enterprise_id
         LEFT JOIN pool_vouchers v ON v.application_id = a.id
        WHERE ${where}
        ORDER BY a.receipt_no
        OFFSET ${(q.page - 1) * q.pageSize} LIMIT ${q.pageSize}`,
      params,
    );
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async detail(me: Principal, id: string) {
    const [a] = await this.db.query(
      `SELECT a.*, a.receipt_no::text AS receipt_no, to_char(a.submitted_on, 'YYYY-MM-DD') AS submitted_on,
              e.name AS enterprise_name, e.credit_code, e.registration_region
         FROM pool_applications a JOIN enterprises e ON e.id = a.enterprise_id WHERE a.id = $1`,
      [id],
    );
    if (!a || !this.canSeeApplication(me, a.enterprise_id)) notFound('pool application');
    const program = await this.catalog.version(a.program_code, a.program_version);
    const [materials, voucher, history] = await Promise.all([
      this.db.query(
        `SELECT id, code, filename, content_type AS "contentType", size_bytes AS "sizeBytes", sha256,
                uploaded_at AS "uploadedAt"
           FROM pool_materials WHERE owner_kind = 'application' AND owner_id = $1 ORDER BY uploaded_at`,
        [id],
      ),
      this.clock.today().then((today) => this.voucherOf(id, yearOf(today))),
      this.db.query(auditTrailSql('pool_application'), [id]),
    ]);
    const uploaded = materials.map((m: { code: string }) => m.code);
    return {
      id: a.id,
      programCode: a.program_code,
      programVersion: a.program_version,
      year: a.year,
      receiptNo: a.receipt_no,
      status: a.status,
      waitlistPosition: a.status === 'waitlisted' ? await this.position(id) : null,
      submittedOn: a.submitted_on,
      receivedAt: a.received_at,
      promotedAt: a.promoted_at,
      refusalCode: a.refusal_code,
      refusalReason: a.refusal_reason,
      decidedAt: a.decided_at,
      enterprise: {
        id: a.enterprise_id,
        name: a.enterprise_name,
        creditCode: a.credit_code,
        registrationRegion: a.registration_region,
      },
      checks: a.eligibility_results ?? [],
      requiredMaterials: program.definition.materials
        .filter((m) => m.party === 'applicant' && m.stage === 'application')
        .map((m) => ({
          code: m.code,
          name: m.name,
          required: m.required,
          uploaded: uploaded.includes(m.code),
        })),
      materials,
      voucher,
      history,
    };
  }

  /** A voucher past its valid year shows as expired (当年领取当年有效); its row keeps what was deducted. */
  private async voucherOf(applicationId: string, currentYear: number) {
    const [v] = await this.db.query(
      `SELECT id, voucher_no AS "voucherNo", face_value::text AS "faceValue", deducted::text AS deducted,
              (face_value - deducted)::text AS remaining, valid_year AS "validYear",
              to_char(issued_on, 'YYYY-MM-DD') AS "issuedOn",
              CASE WHEN status = 'active' AND valid_year < $2 THEN 'expired' ELSE status END AS status
         FROM pool_vouchers WHERE application_id = $1`,
      [applicationId, currentYear],
    );
    return v ?? null;
  }

  private canSeeApplication(me: Principal, enterpriseId: string): boolean {
    return me.role === 'enterprise' ? enterpriseId === me.enterpriseId : STAFF.has(me.role);
  }

  async addApplicationMaterial(me: Principal, id: string, code: string, file: UploadedMaterial) {
    const [a] = await this.db.query(
      `SELECT id, enterprise_id, status, program_code, program_version FROM pool_applications WHERE id = $1`,
      [id],
    );
    if (!a || a.enterprise_id !== me.enterpriseId) notFound('pool application');
    if (a.status !== 'holding' && a.status !== 'waitlisted') {
      conflict('APPLICATION_CLOSED', 'This application no longer accepts materials');
    }
    const program = await this.catalog.version(a.program_code, a.program_version);
    const allowed = materialCodes(program.definition, 'applicant', 'application');
    if (!allowed.includes(code)) {
      refused('MATERIAL_CODE', `The program asks for no material "${code}" (${allowed.join(', ')})`, 'code');
    }
    return this.saveMaterial(me, 'application', id, code, file);
  }

  private async saveMaterial(
    me: Principal,
    ownerKind: 'application' | 'redemption',
    ownerId: string,
    code: string,
    file: UploadedMaterial,
  ) {
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    // Multer reads the multipart filename as latin1; browsers send UTF-8 (e.g. 申领表.pdf).
    const filename = Buffer.from(file.originalname, 'latin1').toString('utf8').slice(0, 255);
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query(
        `INSERT INTO pool_materials (owner_kind, owner_id, code, filename, content_type, size_bytes, sha256, content, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         RETURNING id, code, filename, content_type AS "contentType", size_bytes AS "sizeBytes", sha256`,
        [ownerKind, ownerId, code, filename, file.mimetype, file.size, sha256, file.buffer, me.userId],
      );
      await appendAudit(
        tx,
        me.userId,
        `pool.${ownerKind}_material_uploaded`,
        [`pool_${ownerKind}`, ownerId],
        { after: { materialId: row.id, code, filename, sha256, sizeBytes: file.size } },
      );
      return row;
    });
  }

  async material(
    me: Principal,
    ownerKind: 'application' | 'redemption',
    ownerId: string,
    materialId: string,
  ) {
    if (ownerKind === 'application') {
      const [a] = await this.db.query(`SELECT enterprise_id FROM pool_applications WHERE id = $1`, [ownerId]);
      if (!a || !this.canSeeApplication(me, a.enterprise_id)) notFound('pool application');
    } else {
      const [r] = await this.db.query(`SELECT supplier_id FROM pool_redemptions WHERE id = $1`, [ownerId]);
      if (!r || !(STAFF.has(me.role) || (me.role === 'supplier' && r.supplier_id === me.supplierId))) {
        notFound('redemption');
      }
    }
    const [m] = await this.db.query(
      `SELECT filename, content_type AS "contentType", content FROM pool_materials
        WHERE id = $1 AND owner_kind = $2 AND owner_id = $3`,
      [materialId, ownerKind, ownerId],
    );
    if (!m) notFound('material');
    return m as { filename: string; contentType: string; content: Buffer };
  }

  /** A reviewer's decision, sent to the application's workflow as an Update (its validator answers first). */
  async decide(me: Principal, id: string, dto: PoolDecisionDto) {
    const [a] = await this.db.query(
      `SELECT id, status, program_code, program_version FROM pool_applications WHERE id = $1`,
      [id],
    );
    if (!a) notFound('pool application');
    if (a.status !== 'holding') {
      conflict('POOL_NOT_HOLDING', 'Only an application holding a slot awaits a decision');
    }
    if (dto.decision === 'refuse' && !(dto.reason ?? '').trim()) {
      refused('REASON_REQUIRED', { zh: '不通过须填写理由', en: 'A refusal needs a reason' }, 'reason');
    }
    if (dto.decision === 'approve') {
      const program = await this.catalog.version(a.program_code, a.program_version);
      const uploaded: { code: string }[] = await this.db.query(
        `SELECT DISTINCT code FROM pool_materials WHERE owner_kind = 'application' AND owner_id = $1`,
        [id],
      );
      const missing = missingMaterials(
        program.definition,
        'applicant',
        'application',
        uploaded.map((u) => u.code),
      );
      if (missing.length) {
        refused(
          'POOL_MATERIALS_MISSING',
          {
            zh: `${REASON_MESSAGES.POOL_MATERIALS_MISSING.zh}:${missing.map((m) => m.name.zh).join('、')}`,
            en: `${REASON_MESSAGES.POOL_MATERIALS_MISSING.en} ${missing.map((m) => m.name.en).join(', ')}`,
          },
          'materials',
        );
      }
    }
    await this.startReview(id, a.program_code);
    const outcome = await this.workflows.updateWorkflow(poolApplicationWorkflowId(id), 'decide', {
      reviewerId: me.userId,
      decision: dto.decision,
      reason: dto.reason ?? null,
    });
    return { outcome, application: await this.detail(me, id) };
  }

  // ---------------------------------------------------------------- vouchers and deductions

  async vouchers(me: Principal) {
    return this.db.query(
      `SELECT v.id, v.voucher_no AS "voucherNo", v.program_code AS "programCode", v.face_value::text AS "faceValue",
              v.deducted::text AS deducted, (v.face_value - v.deducted)::text AS remaining,
              v.valid_year AS "validYear", to_char(v.issued_on, 'YYYY-MM-DD') AS "issuedOn",
              CASE WHEN v.status = 'active' AND v.valid_year < $2 THEN 'expired' ELSE v.status END AS status,
              v.application_id AS "applicationId"
         FROM pool_vouchers v WHERE v.enterprise_id = $1 ORDER BY v.issued_on DESC, v.voucher_no`,
      [me.enterpriseId, yearOf(await this.clock.today())],
    );
  }

  /**
   * The supplier records what the presented voucher takes off one actual payment: only a supplier on the
   * program's list in force that day, only within the voucher's year, at most 50% of the payment and at
   * most what is left (computeDeduction). The voucher row is locked, so concurrent deductions queue.
   */
  async deduct(me: Principal, dto: RecordDeductionDto) {
    const today = await this.clock.today();
    const [v] = await this.db.query(
      `SELECT id, program_code, enterprise_id FROM pool_vouchers WHERE voucher_no = $1`,
      [dto.voucherNo],
    );
    if (!v) refused('UNKNOWN_VOUCHER', { zh: '无此算力券', en: 'No voucher with this number' }, 'voucherNo');
    const [supplier] = await this.db.query(`SELECT id, code FROM suppliers WHERE id = $1`, [me.supplierId]);
    if (!supplier) notFound('supplier');
    const program = await this.catalog.inForce(v.program_code, today);
    const listed = await this.catalog.suppliersInForce(v.program_code, today);
    if (!listed.includes(supplier.code)) refuseWith('DEDUCTION_SUPPLIER_NOT_LISTED');
    const related = await this.db.query(
      `SELECT 1 FROM related_party_links WHERE enterprise_id = $1 AND supplier_id = $2`,
      [v.enterprise_id, supplier.id],
    );
    if (related.length) refuseWith('SUPPLIER_RELATED_PARTY');
    const rule = program.definition.deduction;
    if (!rule) refused('NOT_DEDUCTIBLE', `${v.program_code} is not deducted at the supplier`);
    const payment = Money.parse(dto.paymentAmount);

    const result = await this.db
      .transaction(async (tx) => {
        const [locked] = await tx.query(
          `SELECT id, voucher_no, enterprise_id, status, face_value::text AS face, deducted::text AS deducted,
                to_char(issued_on, 'YYYY-MM-DD') AS issued_on, program_code
           FROM pool_vouchers WHERE id = $1 FOR UPDATE`,
          [v.id],
        );
        // The same payment recorded twice is the same deduction (a retried request), never a second one.
        const [existing] = await tx.query(
          `SELECT id, voucher_id, payment_amount::text AS payment FROM pool_deductions
          WHERE supplier_id = $1 AND payment_reference = $2`,
          [supplier.id, dto.paymentReference],
        );
        if (existing) {
          if (existing.voucher_id === v.id && Money.parse(existing.payment).eq(payment)) {
            return { id: existing.id as string, replay: true };
          }
          conflict('PAYMENT_ALREADY_DEDUCTED', 'This payment reference already carries a deduction');
        }
        if (locked.status === 'withdrawn') throw new DeductionRefusal('VOUCHER_NOT_ACTIVE');
        const usable = voucherUsableOn(program.definition.validity, locked.issued_on, today);
        if (!usable.usable) throw new DeductionRefusal(usable.code);
        const d = computeDeduction({
          payment,
          faceValue: Money.parse(locked.face),
          deductedBefore: Money.parse(locked.deducted),
          maxShareOfPayment: rule.maxShareOfPayment,
        });
        if (!d.ok) throw new DeductionRefusal(d.code);
        const taken = rowsOf(
          await tx.query(
            `UPDATE pool_vouchers
              SET deducted = deducted + $2,
                  status = CASE WHEN deducted + $2 = face_value THEN 'exhausted' ELSE status END
            WHERE id = $1 AND status = 'active' AND deducted + $2 <= face_value
          RETURNING deducted`,
            [v.id, d.amount.toString()],
          ),
        );
        if (taken.length === 0) throw new DeductionRefusal('VOUCHER_BALANCE_EXHAUSTED');
        const [row] = await tx.query(
          `INSERT INTO pool_deductions
           (voucher_id, supplier_id, enterprise_id, program_code, program_version, payment_reference,
            payment_amount, amount, share_limit, limited_by, paid_on, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
          [
            v.id,
            supplier.id,
            locked.enterprise_id,
            v.program_code,
            program.version,
            dto.paymentReference,
            payment.toString(),
            d.amount.toString(),
            d.shareLimit.toString(),
            d.limitedBy,
            today,
            me.userId,
          ],
        );
        await appendAudit(tx, me.userId, 'pool.deduction_recorded', ['pool_voucher', v.id], {
          before: { deducted: locked.deducted },
          after: {
            deductionId: row.id,
            voucherNo: locked.voucher_no,
            paymentAmount: payment.toString(),
            amount: d.amount.toString(),
            limitedBy: d.limitedBy,
            remaining: d.remainingAfter.toString(),
            paidOn: today,
            programVersion: program.version,
          },
        });
        return { id: row.id as string, replay: false };
      })
      .catch((err) => {
        if (err instanceof DeductionRefusal) refuseWith(err.code);
        if ((err as { constraint?: string }).constraint === 'uq_pool_deduction_payment') {
          conflict('PAYMENT_ALREADY_DEDUCTED', 'This payment reference already carries a deduction');
        }
        throw err;
      });
    return this.deduction(result.id);
  }

  private async deduction(id: string) {
    const [d] = await this.db.query(
      `SELECT d.id, v.voucher_no AS "voucherNo", d.payment_reference AS "paymentReference",
              d.payment_amount::text AS "paymentAmount", d.amount::text AS amount,
              d.share_limit::text AS "shareLimit", d.limited_by AS "limitedBy",
              to_char(d.paid_on, 'YYYY-MM-DD') AS "paidOn", d.program_version AS "programVersion",
              (v.face_value - v.deducted)::text AS "voucherRemaining", e.name AS "enterpriseName",
              s.code AS "supplierCode", s.name_zh AS "supplierName",
              r.id AS "redemptionId", r.status AS "redemptionStatus"
         FROM pool_deductions d JOIN pool_vouchers v ON v.id = d.voucher_id
         JOIN enterprises e ON e.id = d.enterprise_id JOIN suppliers s ON s.id = d.supplier_id
         LEFT JOIN LATERAL (SELECT id, status FROM pool_redemptions
                             WHERE deduction_id = d.id ORDER BY created_at DESC LIMIT 1) r ON true
        WHERE d.id = $1`,
      [id],
    );
    return d;
  }

  async deductions(me: Principal) {
    const own =
      me.role === 'supplier'
        ? { sql: 'd.supplier_id = $1', p: [me.supplierId] }
        : me.role === 'enterprise'
          ? { sql: 'd.enterprise_id = $1', p: [me.enterpriseId] }
          : STAFF.has(me.role)
            ? { sql: 'true', p: [] }
            : null;
    if (!own) return [];
    const ids: { id: string }[] = await this.db.query(
      `SELECT d.id FROM pool_deductions d WHERE ${own.sql} ORDER BY d.recorded_at DESC LIMIT 200`,
      own.p,
    );
    return Promise.all(ids.map((r) => this.deduction(r.id)));
  }

  // ---------------------------------------------------------------- redemptions

  /** The supplier opens a redemption for one of its deductions (a draft that takes its materials). */
  async startRedemption(me: Principal, deductionId: string) {
    const [d] = await this.db.query(
      `SELECT id, supplier_id, program_code, program_version, amount::text AS amount FROM pool_deductions WHERE id = $1`,
      [deductionId],
    );
    if (!d || d.supplier_id !== me.supplierId) notFound('deduction');
    const [live] = await this.db.query(
      `SELECT id FROM pool_redemptions WHERE deduction_id = $1 AND status <> 'refused'`,
      [deductionId],
    );
    if (live) return this.redemption(me, live.id);
    const id = await this.db
      .transaction(async (tx) => {
        const [row] = await tx.query(
          `INSERT INTO pool_redemptions (deduction_id, supplier_id, program_code, program_version, amount, status, created_by)
           VALUES ($1, $2, $3, $4, $5, 'draft', $6) RETURNING id`,
          [d.id, d.supplier_id, d.program_code, d.program_version, d.amount, me.userId],
        );
        await appendAudit(tx, me.userId, 'pool.redemption_opened', ['pool_redemption', row.id], {
          after: { deductionId: d.id, amount: d.amount },
        });
        return row.id as string;
      })
      .catch(async (err) => {
        // Two clicks at once: the partial unique index lets one through; the other answers with it.
        if ((err as { constraint?: string }).constraint === 'uq_pool_redemption_live') {
          const [again] = await this.db.query(
            `SELECT id FROM pool_redemptions WHERE deduction_id = $1 AND status <> 'refused'`,
            [deductionId],
          );
          return again.id as string;
        }
        throw err;
      });
    return this.redemption(me, id);
  }

  private async ownRedemption(me: Principal, id: string) {
    const [r] = await this.db.query(
      `SELECT id, supplier_id, status, program_code, program_version FROM pool_redemptions WHERE id = $1`,
      [id],
    );
    if (!r || r.supplier_id !== me.supplierId) notFound('redemption');
    return r as { id: string; status: string; program_code: string; program_version: number };
  }

  async addRedemptionMaterial(me: Principal, id: string, code: string, file: UploadedMaterial) {
    const r = await this.ownRedemption(me, id);
    if (r.status !== 'draft')
      conflict('REDEMPTION_SUBMITTED', 'A submitted redemption takes no more materials');
    const program = await this.catalog.version(r.program_code, r.program_version);
    const allowed = materialCodes(program.definition, 'supplier', 'redemption');
    if (!allowed.includes(code)) {
      refused('MATERIAL_CODE', `The program asks for no material "${code}" (${allowed.join(', ')})`, 'code');
    }
    return this.saveMaterial(me, 'redemption', id, code, file);
  }

  /** Materials complete → submitted, and its verification workflow starts. */
  async submitRedemption(me: Principal, id: string) {
    const r = await this.ownRedemption(me, id);
    if (r.status === 'draft') {
      const program = await this.catalog.version(r.program_code, r.program_version);
      const uploaded: { code: string }[] = await this.db.query(
        `SELECT DISTINCT code FROM pool_materials WHERE owner_kind = 'redemption' AND owner_id = $1`,
        [id],
      );
      const missing = missingMaterials(
        program.definition,
        'supplier',
        'redemption',
        uploaded.map((u) => u.code),
      );
      if (missing.length) {
        refused(
          'POOL_MATERIALS_MISSING',
          {
            zh: `${REASON_MESSAGES.POOL_MATERIALS_MISSING.zh}:${missing.map((m) => m.name.zh).join('、')}`,
            en: `${REASON_MESSAGES.POOL_MATERIALS_MISSING.en} ${missing.map((m) => m.name.en).join(', ')}`,
          },
          'materials',
        );
      }
      await this.db.transaction(async (tx) => {
        const moved = rowsOf(
          await tx.query(
            `UPDATE pool_redemptions SET status = 'submitted', submitted_at = now(), workflow_id = $2
              WHERE id = $1 AND status = 'draft' RETURNING id`,
            [id, poolRedemptionWorkflowId(id)],
          ),
        );
        if (moved.length) {
          await appendAudit(tx, me.userId, 'pool.redemption_submitted', ['pool_redemption', id], {
            before: { status: 'draft' },
            after: { status: 'submitted' },
          });
        }
      });
    } else if (r.status !== 'submitted') {
      return this.redemption(me, id);
    }
    await this.temporal.workflow.start<typeof poolRedemptionWorkflow>('poolRedemptionWorkflow', {
      workflowId: poolRedemptionWorkflowId(id),
      taskQueue: this.env.TEMPORAL_TASK_QUEUE,
      args: [{ redemptionId: id }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    return this.redemption(me, id);
  }

  async redemption(me: Principal, id: string) {
    const [r] = await this.db.query(
      `SELECT r.id, r.status, r.amount::text AS amount, r.supplier_id AS "supplierId", s.name_zh AS "supplierName",
              r.deduction_id AS "deductionId", v.voucher_no AS "voucherNo", e.name AS "enterpriseName",
              d.payment_amount::text AS "paymentAmount", d.payment_reference AS "paymentReference",
              to_char(d.paid_on, 'YYYY-MM-DD') AS "paidOn", r.program_version AS "programVersion",
              r.program_code AS "programCode", r.program_version AS pv,
              r.submitted_at AS "submittedAt", r.decided_at AS "decidedAt", r.refusal_reason AS "refusalReason",
              r.direct_payment_id AS "directPaymentId", r.paid_at AS "paidAt", p.bank_reference AS "bankReference"
         FROM pool_redemptions r JOIN pool_deductions d ON d.id = r.deduction_id
         JOIN pool_vouchers v ON v.id = d.voucher_id JOIN enterprises e ON e.id = d.enterprise_id
         JOIN suppliers s ON s.id = r.supplier_id
         LEFT JOIN direct_payments p ON p.id = r.direct_payment_id
        WHERE r.id = $1`,
      [id],
    );
    if (!r || !(STAFF.has(me.role) || (me.role === 'supplier' && r.supplierId === me.supplierId))) {
      notFound('redemption');
    }
    const program = await this.catalog.version(r.programCode, r.pv);
    const materials: { id: string; code: string; filename: string }[] = await this.db.query(
      `SELECT id, code, filename, content_type AS "contentType", size_bytes AS "sizeBytes", sha256
         FROM pool_materials WHERE owner_kind = 'redemption' AND owner_id = $1 ORDER BY uploaded_at`,
      [id],
    );
    const shares = r.directPaymentId
      ? await this.db.query(
          `SELECT funder_code AS "funderCode", amount::text AS amount FROM funding_shares
            WHERE payment_kind = 'direct' AND payment_id = $1 ORDER BY funder_code`,
          [r.directPaymentId],
        )
      : [];
    delete r.pv;
    return {
      ...r,
      requiredMaterials: program.definition.materials
        .filter((m) => m.party === 'supplier' && m.stage === 'redemption')
        .map((m) => ({
          code: m.code,
          name: m.name,
          required: m.required,
          uploaded: materials.some((x) => x.code === m.code),
        })),
      materials,
      fundingShares: shares,
    };
  }

  async redemptions(me: Principal, q: { status?: string; page: number; pageSize: number }) {
    const params: unknown[] = [];
    const where: string[] = [];
    if (me.role === 'supplier') {
      params.push(me.supplierId);
      where.push(`r.supplier_id = $${params.length}`);
    } else if (!STAFF.has(me.role)) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    if (q.status) {
      params.push(q.status);
      where.push(`r.status = $${params.length}`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM pool_redemptions r ${clause}`,
      params,
    );
    const rows: { id: string }[] = await this.db.query(
      `SELECT r.id FROM pool_redemptions r ${clause} ORDER BY r.created_at
        OFFSET ${(q.page - 1) * q.pageSize} LIMIT ${q.pageSize}`,
      params,
    );
    const items = await Promise.all(rows.map((r) => this.redemption(me, r.id)));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async decideRedemption(me: Principal, id: string, dto: PoolDecisionDto) {
    const [r] = await this.db.query(`SELECT id, status FROM pool_redemptions WHERE id = $1`, [id]);
    if (!r) notFound('redemption');
    if (r.status !== 'submitted')
      conflict('REDEMPTION_NOT_SUBMITTED', 'This redemption is not awaiting verification');
    if (dto.decision === 'refuse' && !(dto.reason ?? '').trim()) {
      refused('REASON_REQUIRED', { zh: '不通过须填写理由', en: 'A refusal needs a reason' }, 'reason');
    }
    const outcome = await this.workflows.updateWorkflow(poolRedemptionWorkflowId(id), 'verify', {
      userId: me.userId,
      decision: dto.decision,
      reason: dto.reason ?? null,
    });
    return { outcome, redemption: await this.redemption(me, id) };
  }
}

class DeductionRefusal extends Error {
  constructor(readonly code: ReasonCode) {
    super(code);
  }
}
