import { HttpException, Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { AppEnv } from '@app/config';
import {
  Money,
  REASON_MESSAGES,
  allocationRoundKey,
  checkEnterprise,
  checkSupplier,
  combinationRefusal,
  isWindowOpen,
  isWindowOver,
  paymentRefusal,
  roundWindow,
  spendBracket,
  supplierSubsidyAmount,
  yearOf,
  type ProgramDefinition,
  type ReasonCode,
  type ServiceKind,
} from '@app/domain';
import { BusinessClock, ProgramCatalog, appendAudit } from '@app/persistence';
import { TEMPORAL_CLIENT } from '@app/temporal';
import {
  findRound,
  programsHeldInYear,
  readRound,
  supplierFeesBasis,
  type RoundRow,
} from '@app/activities/round-store';
import type { Principal } from '../auth/principal';
import { conflict, notFound, refused } from '../common/errors';
import { WorkflowGateway } from '../common/workflow-gateway';
import type { ObjectionDecisionDto, ReviewEntryDto, SubmitEntryDto } from './rounds.dto';
import { assertNotDebarred } from '../supervision/debarment.query';

const refuse = (code: ReasonCode, field?: string, detail?: string): never =>
  refused(
    code,
    detail
      ? { zh: `${REASON_MESSAGES[code].zh}（${detail}）`, en: `${REASON_MESSAGES[code].en} (${detail})` }
      : REASON_MESSAGES[code],
    field,
  );

/** Entries, reviews, objections and finance approval of the ranked rounds (特惠算力券, 算力补贴券). */
@Injectable()
export class RoundsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    private readonly env: AppEnv,
    private readonly clock: BusinessClock,
    private readonly catalog: ProgramCatalog,
    private readonly workflows: WorkflowGateway,
  ) {}

  /** The round of a program and year: started once (deterministic id), recorded by its first step. */
  async ensureRound(programCode: string, year: number): Promise<RoundRow> {
    const existing = await findRound(this.db.manager, programCode, year);
    if (existing) return existing;
    await this.client.workflow.start('allocationRoundWorkflow', {
      workflowId: allocationRoundKey(programCode, year),
      taskQueue: this.env.TEMPORAL_TASK_QUEUE,
      args: [{ programCode, year }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    for (let i = 0; i < 100; i++) {
      const round = await findRound(this.db.manager, programCode, year);
      if (round) return round;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`round ${programCode} ${year} did not start`);
  }

  async open(programCode: string, year: number) {
    await this.roundDefinition(programCode, year);
    return this.detail((await this.ensureRound(programCode, year)).id);
  }

  /** The round's rules: the version the round records, else the one in force on the window's opening day. */
  private async roundDefinition(programCode: string, year: number): Promise<ProgramDefinition> {
    const existing = await findRound(this.db.manager, programCode, year);
    if (existing) return (await this.catalog.version(programCode, existing.program_version)).definition;
    const probe = await this.catalog
      .inForce(programCode, `${year}-12-31`)
      .then((s) => s.definition)
      .catch(() => null);
    if (!probe?.round) refused('UNKNOWN_PROGRAM', `No ranked round for ${programCode}`, 'programCode');
    const opening = await this.catalog.inForce(programCode, roundWindow(probe.round, year).opensOn);
    return opening.definition.round ? opening.definition : probe;
  }

  /**
   * 特惠: an enterprise enters with its prior-year spend evidence; the supplier subsidy: a listed supplier
   * enters and its fees under last year's vouchers are computed. Nothing is written on a refusal.
   */
  async submit(me: Principal, dto: SubmitEntryDto) {
    const def = await this.roundDefinition(dto.programCode, dto.year);
    const rule = def.round!;
    const today = await this.clock.today();
    const bySpend = rule.rankBy === 'prior-year-spend';
    // A unit barred from the authority's programs is refused before anything is written (ADR 0027).
    await assertNotDebarred(this.db.manager, me.enterpriseId, def.authority.code, today);
    if (bySpend && me.role !== 'enterprise') refused('ROLE_NOT_APPLICANT', 'Units apply for this voucher');
    if (!bySpend && me.role !== 'supplier') refused('ROLE_NOT_APPLICANT', 'Suppliers apply for this subsidy');
    if (bySpend && !dto.evidence?.length) {
      refused('EVIDENCE_REQUIRED', 'List the prior-year compute spend with its evidence', 'evidence');
    }
    if (!bySpend && dto.evidence?.length) refused('EVIDENCE_NOT_EXPECTED', 'Fees are computed', 'evidence');
    if (!isWindowOpen(rule, dto.year, today))
      refuse('ROUND_WINDOW_NOT_OPEN', 'year', `business date ${today}`);

    let basis: Money;
    let basisDetail: object;
    let applicantName: string;
    if (bySpend) {
      const evidence = dto.evidence!;
      const wrongYear = evidence.findIndex((e) => yearOf(e.paidOn) !== dto.year - 1);
      if (wrongYear >= 0) {
        refused(
          'EVIDENCE_NOT_PRIOR_YEAR',
          `Spend must be paid in ${dto.year - 1}`,
          `evidence.${wrongYear}.paidOn`,
        );
      }
      const suppliers: { id: string; code: string }[] = await this.db.query(
        `SELECT id, code FROM suppliers WHERE id = ANY($1)`,
        [evidence.map((e) => e.supplierId)],
      );
      const unknown = evidence.findIndex((e) => !suppliers.some((s) => s.id === e.supplierId));
      if (unknown >= 0)
        refused('UNKNOWN_SUPPLIER', 'No supplier with this id', `evidence.${unknown}.supplierId`);
      // §二: the unit (在蓉, independent legal person, good credit) and each supplier it paid (on the list in
      // force when it paid, not a related party, offering intelligent compute) — the program's own rules.
      const [ent] = await this.db.query(
        `SELECT registration_region, independent_legal_person, industry, ai_direction_aligned,
                sound_financial_management, to_char(last_dishonesty_record_date, 'YYYY-MM-DD') AS dishonesty,
                receives_other_municipal_compute_subsidy FROM enterprises WHERE id = $1`,
        [me.enterpriseId],
      );
      const unitFailure = checkEnterprise(
        def,
        {
          registrationRegion: ent.registration_region,
          independentLegalPerson: ent.independent_legal_person,
          industry: ent.industry,
          aiDirectionAligned: ent.ai_direction_aligned,
          soundFinancialManagement: ent.sound_financial_management,
          lastDishonestyRecordDate: ent.dishonesty,
          receivesOtherMunicipalComputeSubsidy: ent.receives_other_municipal_compute_subsidy,
        },
        today,
      ).find((r) => !r.passed);
      if (unitFailure) refused(unitFailure.code, unitFailure.message);
      for (const [i, line] of evidence.entries()) {
        const sup: { code: string; service_kinds: ServiceKind[] } = (
          await this.db.query(`SELECT code, service_kinds FROM suppliers WHERE id = $1`, [line.supplierId])
        )[0];
        const listed = await this.catalog.suppliersInForce(def.code, line.paidOn).catch(() => [] as string[]);
        const [link] = await this.db.query(
          `SELECT 1 FROM related_party_links WHERE enterprise_id = $1 AND supplier_id = $2`,
          [me.enterpriseId, line.supplierId],
        );
        const supplierFailure = checkSupplier(def, {
          supplierCode: sup.code,
          isPartner: listed.includes(sup.code),
          relatedParty: Boolean(link),
          offeredServiceKinds: sup.service_kinds,
        }).find((r) => !r.passed);
        if (supplierFailure)
          refused(supplierFailure.code, supplierFailure.message, `evidence.${i}.supplierId`);
      }
      basis = Money.sum(evidence.map((e) => Money.parse(e.amount)));
      if (spendBracket(def.faceValueTiers, basis) === null)
        refuse('ROUND_SPEND_BELOW_LOWEST_TIER', 'evidence');
      const held = await programsHeldInYear(this.db.manager, me.enterpriseId!, dto.year);
      if (held.includes(def.code)) refuse('ROUND_ALREADY_APPLIED');
      if (combinationRefusal(def, held)) refuse('ROUND_NOT_COMBINABLE');
      const [unit] = await this.db.query(`SELECT name FROM enterprises WHERE id = $1`, [me.enterpriseId]);
      applicantName = unit.name;
      basisDetail = { priorYear: dto.year - 1, lines: evidence.length };
    } else {
      const [sup] = await this.db.query(`SELECT code, name_zh FROM suppliers WHERE id = $1`, [me.supplierId]);
      const listed = await this.catalog.suppliersInForce(def.code, today).catch(() => [] as string[]);
      if (!listed.includes(sup.code)) refuse('ROUND_SUPPLIER_NOT_LISTED');
      const [dup] = await this.db.query(
        `SELECT 1 FROM round_entries WHERE program_code = $1 AND year = $2 AND supplier_id = $3`,
        [def.code, dto.year, me.supplierId],
      );
      if (dup) refuse('ROUND_ALREADY_APPLIED');
      const fees = await supplierFeesBasis(this.db.manager, me.supplierId!, dto.year, rule.basisProgramCodes);
      if (!fees.total.isPositive()) refuse('ROUND_NO_BASIS_FEES');
      basis = fees.total;
      const { amount, limitedByCap } = supplierSubsidyAmount(fees.total, def.rate, def.perSupplierYearlyCap);
      basisDetail = {
        priorYear: dto.year - 1,
        byProgram: fees.byProgram,
        expected: amount.toString(),
        limitedByCap,
      };
      applicantName = sup.name_zh;
    }

    const round = await this.ensureRound(def.code, dto.year);
    const entry = await this.db.transaction(async (tx) => {
      // Shares the round's lock with other entries; closing (FOR UPDATE) waits for this one to commit.
      const [r] = await tx.query(`SELECT status FROM allocation_rounds WHERE id = $1 FOR SHARE`, [round.id]);
      if (r.status !== 'open') refuse('ROUND_WINDOW_NOT_OPEN', 'year', `the round is ${r.status}`);
      const rows = await tx.query(
        `INSERT INTO round_entries (round_id, program_code, year, program_version, applicant_kind, enterprise_id,
                                    supplier_id, applicant_name, submitted_on, submitted_by, basis, basis_detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT DO NOTHING
         RETURNING id, receipt_seq::text AS receipt_seq, submitted_at`,
        [
          round.id,
          def.code,
          dto.year,
          round.program_version,
          bySpend ? 'enterprise' : 'supplier',
          bySpend ? me.enterpriseId : null,
          bySpend ? null : me.supplierId,
          applicantName,
          today,
          me.userId,
          basis.toString(),
          JSON.stringify(basisDetail),
        ],
      );
      if (!rows.length) refuse('ROUND_ALREADY_APPLIED');
      const e = rows[0];
      for (const line of dto.evidence ?? []) {
        await tx.query(
          `INSERT INTO round_entry_evidence (entry_id, supplier_id, contract_number, invoice_number, paid_on, amount)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [e.id, line.supplierId, line.contractNumber, line.invoiceNumber, line.paidOn, line.amount],
        );
      }
      await appendAudit(tx, me.userId, 'round.entry_submitted', ['round_entry', e.id], {
        after: { programCode: def.code, year: dto.year, basis: basis.toString(), receiptSeq: e.receipt_seq },
      });
      return e;
    });
    return this.entry(me, entry.id);
  }

  /** The caller's own entries (enterprise or supplier). */
  async mine(me: Principal) {
    const rows = await this.db.query(
      `${ENTRY_SELECT} WHERE (e.enterprise_id = $1 OR e.supplier_id = $2) ORDER BY e.year DESC, e.program_code`,
      [me.enterpriseId, me.supplierId],
    );
    return { items: rows.map(entryView) };
  }

  async entry(me: Principal, entryId: string) {
    const [row] = await this.db.query(`${ENTRY_SELECT} WHERE e.id = $1`, [entryId]);
    if (!row) notFound('round entry');
    const own =
      (me.enterpriseId !== null && row.enterprise_id === me.enterpriseId) ||
      (me.supplierId !== null && row.supplier_id === me.supplierId);
    if ((me.role === 'enterprise' || me.role === 'supplier') && !own) notFound('round entry');
    const evidence = await this.db.query(
      `SELECT v.id, v.supplier_id, s.code AS supplier_code, s.name_zh AS supplier_name, v.contract_number,
              v.invoice_number, to_char(v.paid_on, 'YYYY-MM-DD') AS paid_on, v.amount::text AS amount
         FROM round_entry_evidence v JOIN suppliers s ON s.id = v.supplier_id WHERE v.entry_id = $1 ORDER BY v.paid_on`,
      [entryId],
    );
    const def = (await this.catalog.version(row.program_code, row.program_version)).definition;
    const uploaded: { id: string; code: string; filename: string; size_bytes: number; uploaded_at: Date }[] =
      await this.db.query(
        `SELECT id, code, filename, size_bytes, uploaded_at FROM round_entry_materials WHERE entry_id = $1
          ORDER BY uploaded_at`,
        [entryId],
      );
    const required = materialsOf(def, row.supplier_id ? 'supplier' : 'applicant');
    return {
      ...entryView(row),
      materials: uploaded.map((m) => ({
        id: m.id,
        code: m.code,
        filename: m.filename,
        sizeBytes: m.size_bytes,
        uploadedAt: m.uploaded_at,
      })),
      requiredMaterials: required.map((m) => ({
        code: m.code,
        name: m.name,
        required: m.required,
        uploaded: uploaded.some((u) => u.code === m.code),
      })),
      evidence: evidence.map((v: Record<string, string>) => ({
        supplierId: v.supplier_id,
        supplierCode: v.supplier_code,
        supplierName: v.supplier_name,
        contractNumber: v.contract_number,
        invoiceNumber: v.invoice_number,
        paidOn: v.paid_on,
        amount: v.amount,
      })),
    };
  }

  /**
   * One document of the entry (the definition's application materials for the applicant's party), while the
   * round still takes entries or reviews them.
   */
  async addMaterial(
    me: Principal,
    entryId: string,
    code: string | undefined,
    file: { originalname: string; mimetype: string; size: number; buffer: Buffer },
  ) {
    const [row] = await this.db.query(
      `SELECT e.id, e.enterprise_id, e.supplier_id, e.program_code, e.program_version, r.status AS round_status
         FROM round_entries e JOIN allocation_rounds r ON r.id = e.round_id WHERE e.id = $1`,
      [entryId],
    );
    const own =
      row &&
      ((me.enterpriseId !== null && row.enterprise_id === me.enterpriseId) ||
        (me.supplierId !== null && row.supplier_id === me.supplierId));
    if (!own) notFound('round entry');
    const def = (await this.catalog.version(row.program_code, row.program_version)).definition;
    const codes = materialsOf(def, row.supplier_id ? 'supplier' : 'applicant').map((m) => m.code);
    if (!code || !codes.includes(code)) {
      refused('MATERIAL_CODE', `code must be one of: ${codes.join(', ')}`, 'code');
    }
    if (row.round_status !== 'open' && row.round_status !== 'reviewing') {
      conflict('ROUND_CLOSED_FOR_MATERIALS', `The round is ${row.round_status}`);
    }
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    return this.db.transaction(async (tx) => {
      const [m] = await tx.query(
        `INSERT INTO round_entry_materials (entry_id, code, filename, content_type, size_bytes, sha256, content, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, uploaded_at`,
        [
          entryId,
          code,
          // Multer reads the multipart filename as latin1; browsers send UTF-8.
          Buffer.from(file.originalname, 'latin1').toString('utf8').slice(0, 255),
          file.mimetype,
          file.size,
          sha256,
          file.buffer,
          me.userId,
        ],
      );
      await appendAudit(tx, me.userId, 'round.material_uploaded', ['round_entry', entryId], {
        after: { materialId: m.id, code, sha256, sizeBytes: file.size },
      });
      return { id: m.id, code, sha256, sizeBytes: file.size, uploadedAt: m.uploaded_at };
    });
  }

  async material(me: Principal, entryId: string, materialId: string) {
    await this.entry(me, entryId); // 404 unless the caller may see the entry
    const [m] = await this.db.query(
      `SELECT filename, content_type, content FROM round_entry_materials WHERE id = $1 AND entry_id = $2`,
      [materialId, entryId],
    );
    if (!m) notFound('material');
    return {
      filename: m.filename as string,
      contentType: m.content_type as string,
      content: m.content as Buffer,
    };
  }

  async list() {
    const rows = await this.db.query(`SELECT id FROM allocation_rounds ORDER BY year DESC, program_code`);
    return { items: await Promise.all(rows.map((r: { id: string }) => this.detail(r.id))) };
  }

  async detail(roundId: string) {
    const round = await readRound(this.db.manager, roundId);
    if (!round) notFound('allocation round');
    return roundView(this.db, round, await this.clock.today());
  }

  async entries(roundId: string) {
    const round = await readRound(this.db.manager, roundId);
    if (!round) notFound('allocation round');
    const rows = await this.db.query(
      `${ENTRY_SELECT} WHERE e.round_id = $1 ORDER BY e.rank NULLS LAST, e.receipt_seq`,
      [roundId],
    );
    const def = (await this.catalog.version(round.program_code, round.program_version)).definition;
    const uploaded: { entry_id: string; codes: string[] }[] = await this.db.query(
      `SELECT m.entry_id, array_agg(DISTINCT m.code) AS codes FROM round_entry_materials m
         JOIN round_entries e ON e.id = m.entry_id WHERE e.round_id = $1 GROUP BY m.entry_id`,
      [roundId],
    );
    const byEntry = new Map(uploaded.map((u) => [u.entry_id, u.codes]));
    return {
      items: rows.map((r: Record<string, unknown>) => {
        const view = entryView(r);
        const have = byEntry.get(view.id) ?? [];
        const required = materialsOf(
          def,
          view.applicantKind === 'supplier' ? 'supplier' : 'applicant',
        ).filter((m) => m.required);
        return {
          ...view,
          materialsMissing: required.filter((m) => !have.includes(m.code)).map((m) => m.code),
        };
      }),
      total: rows.length,
    };
  }

  async objections(roundId: string) {
    const round = await readRound(this.db.manager, roundId);
    if (!round) notFound('allocation round');
    const rows = await this.db.query(
      `SELECT o.id, o.entry_id, e.applicant_name, o.plan_revision, o.objector_name, o.contact, o.content,
              o.status, o.decided_by, u.display_name AS decided_by_name, o.decided_at, o.decision_reason, o.created_at
         FROM round_objections o JOIN round_entries e ON e.id = o.entry_id
         LEFT JOIN users u ON u.id = o.decided_by
        WHERE o.round_id = $1 ORDER BY o.created_at`,
      [roundId],
    );
    return {
      items: rows.map((o: Record<string, unknown>) => ({
        id: o.id,
        entryId: o.entry_id,
        applicantName: o.applicant_name,
        planRevision: o.plan_revision,
        objectorName: o.objector_name,
        contact: o.contact,
        content: o.content,
        status: o.status,
        decidedBy: o.decided_by,
        decidedByName: o.decided_by_name,
        decidedAt: o.decided_at,
        decisionReason: o.decision_reason,
        createdAt: o.created_at,
      })),
    };
  }

  /** Closes the window and ranks, once the business date is past it. */
  async close(me: Principal, roundId: string) {
    const round = await this.round(roundId);
    if (round.status !== 'open') conflict('ROUND_ALREADY_CLOSED', `The round is ${round.status}`);
    const def = await this.catalog.version(round.program_code, round.program_version);
    const today = await this.clock.today();
    if (!isWindowOver(def.definition.round!, round.year, today)) {
      refused('ROUND_WINDOW_STILL_OPEN', {
        zh: `申报期至 ${round.closes_on} 截止，尚未结束`,
        en: `The application window runs until ${round.closes_on}`,
      });
    }
    await this.update(round.workflow_id, 'closeRound', { actorId: me.userId });
    return this.detail(roundId);
  }

  async review(me: Principal, roundId: string, entryId: string, dto: ReviewEntryDto) {
    const round = await this.round(roundId);
    const [entry] = await this.db.query(
      `SELECT standing FROM round_entries WHERE id = $1 AND round_id = $2`,
      [entryId, roundId],
    );
    if (!entry) notFound('round entry');
    if (dto.decision === 'refuse' && !dto.reason?.trim()) {
      refused('REASON_REQUIRED', { zh: '不通过须填写理由', en: 'A refusal needs a reason' }, 'reason');
    }
    if (round.status !== 'reviewing') conflict('ROUND_NOT_REVIEWING', `The round is ${round.status}`);
    if (entry.standing !== 'in_review') conflict('ENTRY_NOT_IN_REVIEW', `The entry is ${entry.standing}`);
    await this.update(round.workflow_id, 'reviewEntry', {
      entryId,
      reviewerId: me.userId,
      decision: dto.decision,
      reason: dto.reason?.trim() || null,
    });
    const [row] = await this.db.query(`${ENTRY_SELECT} WHERE e.id = $1`, [entryId]);
    return entryView(row);
  }

  async decideObjection(me: Principal, roundId: string, objectionId: string, dto: ObjectionDecisionDto) {
    const round = await this.round(roundId);
    const [o] = await this.db.query(`SELECT status FROM round_objections WHERE id = $1 AND round_id = $2`, [
      objectionId,
      roundId,
    ]);
    if (!o) notFound('objection');
    if (o.status !== 'open') conflict('OBJECTION_DECIDED', `The objection is already ${o.status}`);
    await this.update(round.workflow_id, 'decideObjection', {
      objectionId,
      deciderId: me.userId,
      outcome: dto.outcome,
      reason: dto.reason.trim(),
    });
    return this.detail(roundId);
  }

  /** Finance: pay the plan — refused (422) while on notice or with an objection open. */
  async approve(me: Principal, roundId: string) {
    const round = await this.round(roundId);
    if (round.status === 'paying' || round.status === 'paid') {
      conflict('ROUND_ALREADY_APPROVED', `The round is ${round.status}`);
    }
    const today = await this.clock.today();
    const [{ open }] = await this.db.query(
      `SELECT count(*)::int AS open FROM round_objections WHERE round_id = $1 AND status = 'open'`,
      [roundId],
    );
    const notice =
      (round.status === 'notice' || round.status === 'awaiting_finance') &&
      round.published_on &&
      round.notice_ends_on
        ? { startsOn: round.published_on, endsOn: round.notice_ends_on }
        : null;
    const why = paymentRefusal(notice, open, today);
    if (why) {
      refuse(why, undefined, notice ? `${today} / ${notice.endsOn}` : `${round.status}`);
    }
    await this.update(round.workflow_id, 'approveRoundPayment', { approverId: me.userId });
    return this.detail(roundId);
  }

  /**
   * Sends a human step to the round's workflow. A round continues as new now and then (it lives for months):
   * a step that lands on the closing run is sent again to the next one (each step is idempotent).
   */
  private async update(workflowId: string, name: string, arg: unknown): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.workflows.updateWorkflow(workflowId, name, arg);
      } catch (err) {
        const body =
          err instanceof HttpException ? (err.getResponse() as { code?: string; message?: string }) : {};
        const closingRun =
          body.code === 'WORKFLOW_NOT_RUNNING' ||
          (body.code === 'UPDATE_REFUSED' && /complet|continu|not found/i.test(body.message ?? ''));
        if (attempt >= 10 || !closingRun) throw err;
        Logger.warn(
          `round step ${name} on ${workflowId} sent again (${body.code}: ${body.message})`,
          'Rounds',
        );
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  }

  private async round(roundId: string): Promise<RoundRow> {
    const round = await readRound(this.db.manager, roundId);
    if (!round) notFound('allocation round');
    return round;
  }
}

/** The documents an entry carries: the definition's application-stage materials of the applicant's party. */
function materialsOf(def: ProgramDefinition, party: 'applicant' | 'supplier') {
  return def.materials.filter((m) => m.stage === 'application' && m.party === party);
}

export const ENTRY_SELECT = `
  SELECT e.id, e.round_id, e.program_code, e.year, e.program_version, e.applicant_kind, e.enterprise_id,
         e.supplier_id, e.applicant_name, e.receipt_seq::text AS receipt_seq, e.submitted_at,
         to_char(e.submitted_on, 'YYYY-MM-DD') AS submitted_on, e.basis::text AS basis, e.basis_detail, e.standing,
         e.rank, e.bracket, e.unranked_reason, e.reviewed_by, ru.display_name AS reviewed_by_name, e.reviewed_at,
         e.review_reason, e.tier, e.award::text AS award, e.plan_reason, e.removed_reason,
         p.status AS payment_status, p.bank_reference, p.paid_at
    FROM round_entries e
    LEFT JOIN users ru ON ru.id = e.reviewed_by
    LEFT JOIN direct_payments p ON p.source_id = e.id AND p.kind IN ('round_award','supplier_subsidy')`;

export function entryView(r: Record<string, unknown>) {
  return {
    id: r.id as string,
    roundId: r.round_id,
    programCode: r.program_code,
    year: r.year,
    programVersion: r.program_version,
    applicantKind: r.applicant_kind,
    enterpriseId: r.enterprise_id,
    supplierId: r.supplier_id,
    applicantName: r.applicant_name,
    receiptSeq: r.receipt_seq,
    submittedAt: r.submitted_at,
    submittedOn: r.submitted_on,
    basis: r.basis,
    basisDetail: r.basis_detail,
    standing: r.standing as string,
    rank: r.rank as number | null,
    bracket: r.bracket as number | null,
    unrankedReason: r.unranked_reason,
    reviewedBy: r.reviewed_by,
    reviewedByName: r.reviewed_by_name,
    reviewedAt: r.reviewed_at,
    reviewReason: r.review_reason,
    tier: r.tier as number | null,
    award: r.award as string | null,
    planReason: r.plan_reason,
    removedReason: r.removed_reason,
    paymentStatus: r.payment_status ?? null,
    bankReference: r.bank_reference ?? null,
    paidAt: r.paid_at ?? null,
  };
}

export async function roundView(db: DataSource, round: RoundRow, today: string) {
  const [c] = await db.query(
    `SELECT count(*)::int AS entries,
            count(*) FILTER (WHERE standing = 'in_review')::int AS in_review,
            count(*) FILTER (WHERE standing = 'waiting')::int AS waiting,
            count(*) FILTER (WHERE standing = 'approved')::int AS approved,
            count(*) FILTER (WHERE standing = 'refused')::int AS refused,
            count(*) FILTER (WHERE standing = 'removed')::int AS removed,
            count(*) FILTER (WHERE standing = 'unranked')::int AS unranked,
            count(*) FILTER (WHERE award IS NOT NULL)::int AS awarded,
            (SELECT count(*)::int FROM round_objections o WHERE o.round_id = $1 AND o.status = 'open') AS open_objections
       FROM round_entries WHERE round_id = $1`,
    [round.id],
  );
  const [approval] = await db.query(
    `SELECT finance_approved_by, finance_approved_at, paid_at FROM allocation_rounds WHERE id = $1`,
    [round.id],
  );
  return {
    id: round.id,
    programCode: round.program_code,
    programVersion: round.program_version,
    year: round.year,
    workflowId: round.workflow_id,
    status: round.status,
    opensOn: round.opens_on,
    closesOn: round.closes_on,
    reviewQuota: round.review_quota,
    noticeWorkingDays: round.notice_working_days,
    planRevision: round.plan_revision,
    publishedOn: round.published_on,
    noticeEndsOn: round.notice_ends_on,
    totalAward: Money.of(round.total_award).toString(),
    businessDate: today,
    counts: {
      entries: c.entries,
      inReview: c.in_review,
      waiting: c.waiting,
      approved: c.approved,
      refused: c.refused,
      removed: c.removed,
      unranked: c.unranked,
      awarded: c.awarded,
      openObjections: c.open_objections,
    },
    financeApprovedBy: approval.finance_approved_by,
    financeApprovedAt: approval.finance_approved_at,
    paidAt: approval.paid_at,
  };
}
