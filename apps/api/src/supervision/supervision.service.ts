import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import {
  CLAWBACK_DUE_DAYS,
  FINDING_KIND_LABELS,
  Money,
  REASON_MESSAGES,
  addDays,
  applyRepayment,
  debarmentEndsOn,
  isDebarmentInForce,
  isOverdue,
  type FindingKind,
  type ReceivableStatus,
} from '@app/domain';
import { BusinessClock, ProgramCatalog, appendAudit, auditTrailSql } from '@app/persistence';
import { Notifier } from '@app/notifications';
import { applicationWorkflowId } from '@app/temporal';
import { SupervisionActivities } from '@app/activities/supervision.activities';
import type { Principal } from '../auth/principal';
import { conflict, notFound, refused } from '../common/errors';
import { WorkflowGateway } from '../common/workflow-gateway';
import type {
  DecideAppealDto,
  RecordAppealDto,
  RecordFindingDto,
  RecordRepaymentDto,
} from './supervision.dto';

export interface EvidenceFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

interface ReceivableRow {
  id: string;
  finding_id: string;
  enterprise_id: string;
  program_code: string;
  principal: string;
  repaid: string;
  status: ReceivableStatus;
  opened_on: string;
  due_on: string;
  closed_on: string | null;
  close_reason: string | null;
  reminders_sent: number;
}

interface DebarmentView {
  id: string;
  enterpriseId: string;
  authorityCode: string;
  findingId: string;
  startsOn: string;
  endsOn: string;
  reason: string;
  liftedOn: string | null;
  liftReason: string | null;
  liftedBy: string | null;
  inForce: boolean;
}

const RECEIVABLE_COLUMNS = `r.id, r.finding_id, r.enterprise_id, r.program_code, r.principal::text AS principal,
  r.repaid::text AS repaid, r.status, to_char(r.opened_on, 'YYYY-MM-DD') AS opened_on,
  to_char(r.due_on, 'YYYY-MM-DD') AS due_on, to_char(r.closed_on, 'YYYY-MM-DD') AS closed_on, r.close_reason,
  r.reminders_sent`;

const DEBARMENT_COLUMNS = `d.id, d.enterprise_id AS "enterpriseId", d.authority_code AS "authorityCode",
  d.finding_id AS "findingId", to_char(d.starts_on, 'YYYY-MM-DD') AS "startsOn",
  to_char(d.ends_on, 'YYYY-MM-DD') AS "endsOn", d.reason, to_char(d.lifted_on, 'YYYY-MM-DD') AS "liftedOn",
  d.lift_reason AS "liftReason", d.lifted_by AS "liftedBy"`;

/**
 * Supervision (ADR 0027): a finding withdraws the voucher, opens a receivable of everything already paid
 * on it, and bars the unit from the authority's programs for three years. Each step is one transaction
 * that writes the fact and its audit row together; a refusal writes nothing.
 */
@Injectable()
export class SupervisionService {
  private readonly log = new Logger(SupervisionService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: BusinessClock,
    private readonly catalog: ProgramCatalog,
    private readonly workflows: WorkflowGateway,
    private readonly notifier: Notifier,
    private readonly reminders: SupervisionActivities,
  ) {}

  async recordFinding(me: Principal, dto: RecordFindingDto, evidence: EvidenceFile) {
    const [app] = await this.db.query(
      `SELECT id, enterprise_id, program_code, program_version FROM applications WHERE id = $1`,
      [dto.applicationId],
    );
    if (!app) notFound('application');
    const { definition } = await this.catalog.version(app.program_code, app.program_version);
    const today = await this.clock.today();
    const authorityCode = definition.authority.code;
    const sha256 = createHash('sha256').update(evidence.buffer).digest('hex');
    const result = await this.db.transaction(async (tx) => {
      await tx.query(`SELECT id FROM applications WHERE id = $1 FOR UPDATE`, [app.id]);
      const [existing] = await tx.query(`SELECT id FROM supervision_findings WHERE application_id = $1`, [
        app.id,
      ]);
      if (existing) conflict('SUPERVISION_FINDING_EXISTS', REASON_MESSAGES.SUPERVISION_FINDING_EXISTS.en);
      const [voucher] = await tx.query(
        `SELECT id, status, face_value::text AS face_value FROM vouchers WHERE application_id = $1`,
        [app.id],
      );
      const [{ paid }] = voucher
        ? await tx.query(
            `SELECT coalesce(sum(amount), 0)::numeric(15,2)::text AS paid FROM payouts
              WHERE voucher_id = $1 AND status = 'paid'`,
            [voucher.id],
          )
        : [{ paid: '0.00' }];
      const [finding] = await tx.query(
        `INSERT INTO supervision_findings
           (application_id, enterprise_id, program_code, authority_code, voucher_id, kind, description, found_on, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          app.id,
          app.enterprise_id,
          app.program_code,
          authorityCode,
          voucher?.id ?? null,
          dto.kind,
          dto.description.trim(),
          today,
          me.userId,
        ],
      );
      const [ev] = await tx.query(
        `INSERT INTO supervision_evidence (finding_id, filename, content_type, size_bytes, sha256, content, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, filename`,
        [
          finding.id,
          Buffer.from(evidence.originalname, 'latin1').toString('utf8').slice(0, 255),
          evidence.mimetype,
          evidence.size,
          sha256,
          evidence.buffer,
          me.userId,
        ],
      );
      const findingAudit = {
        findingId: finding.id,
        kind: dto.kind,
        description: dto.description.trim(),
        voucherId: voucher?.id ?? null,
        evidence: { id: ev.id, filename: ev.filename, sha256 },
        foundOn: today,
      };
      await appendAudit(tx, me.userId, 'supervision.finding_recorded', ['supervision_finding', finding.id], {
        after: { applicationId: app.id, enterpriseId: app.enterprise_id, ...findingAudit },
      });
      // The application's own history shows it too (reviewers read it there).
      await appendAudit(tx, me.userId, 'supervision.finding_recorded', ['application', app.id], {
        after: findingAudit,
      });
      const principal = Money.parse(paid);
      let receivableId: string | null = null;
      if (principal.isPositive()) {
        const dueOn = addDays(today, CLAWBACK_DUE_DAYS);
        const [r] = await tx.query(
          `INSERT INTO clawback_receivables (finding_id, enterprise_id, program_code, principal, opened_on, due_on)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [finding.id, app.enterprise_id, app.program_code, principal.toString(), today, dueOn],
        );
        receivableId = r.id;
        await appendAudit(tx, me.userId, 'clawback.opened', ['clawback_receivable', r.id], {
          after: {
            findingId: finding.id,
            enterpriseId: app.enterprise_id,
            voucherId: voucher?.id ?? null,
            principal: principal.toString(),
            dueOn,
          },
        });
      }
      const endsOn = debarmentEndsOn(today);
      const [bar] = await tx.query(
        `INSERT INTO debarments (enterprise_id, authority_code, finding_id, starts_on, ends_on, reason, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          app.enterprise_id,
          authorityCode,
          finding.id,
          today,
          endsOn,
          `${FINDING_KIND_LABELS[dto.kind as FindingKind].zh}: ${dto.description.trim()}`,
          me.userId,
        ],
      );
      await appendAudit(tx, me.userId, 'debarment.imposed', ['debarment', bar.id], {
        after: {
          enterpriseId: app.enterprise_id,
          authorityCode,
          findingId: finding.id,
          startsOn: today,
          endsOn,
        },
      });
      return { findingId: finding.id as string, voucher, receivableId, principal, endsOn };
    });
    // The application workflow owns the voucher's life: the withdrawal is a signal to it, after the
    // finding is committed (a lost signal is re-sent by recording the withdrawal again from the admin).
    if (result.voucher?.status === 'active')
      await this.workflows.signal(applicationWorkflowId(app.id), 'withdrawVoucher', {
        userId: me.userId,
        reason: `监督检查认定 / supervision finding ${result.findingId}: ${dto.description.trim()}`.slice(
          0,
          500,
        ),
      });
    await this.notifyEnterprise(app.enterprise_id, `supervision-finding:${result.findingId}`, {
      subject: { zh: '监督检查处理决定', en: 'Supervision decision' },
      body: {
        zh: `经监督检查，认定贵单位申领材料存在${FINDING_KIND_LABELS[dto.kind as FindingKind].zh}。已收回算力券${
          result.principal.isPositive()
            ? `，请于 ${addDays(await this.clock.today(), CLAWBACK_DUE_DAYS)} 前退回已兑付资金 ¥${result.principal.toString()}`
            : ''
        }；自即日起至 ${result.endsOn} 不得申报本局项目。`,
        en: `A supervision check found ${FINDING_KIND_LABELS[dto.kind as FindingKind].en.toLowerCase()} in your application. The voucher is withdrawn${
          result.principal.isPositive()
            ? `; repay ¥${result.principal.toString()} already paid within ${CLAWBACK_DUE_DAYS} days`
            : ''
        }; you may not apply for this bureau's programs until ${result.endsOn}.`,
      },
      entityId: result.findingId,
    });
    return this.finding(result.findingId);
  }

  async addEvidence(me: Principal, findingId: string, file: EvidenceFile) {
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    return this.db.transaction(async (tx) => {
      const [f] = await tx.query(`SELECT id FROM supervision_findings WHERE id = $1 FOR UPDATE`, [findingId]);
      if (!f) notFound('finding');
      const [same] = await tx.query(
        `SELECT id, filename FROM supervision_evidence WHERE finding_id = $1 AND sha256 = $2`,
        [findingId, sha256],
      );
      if (same) return { id: same.id, filename: same.filename, sha256 };
      const [ev] = await tx.query(
        `INSERT INTO supervision_evidence (finding_id, filename, content_type, size_bytes, sha256, content, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, filename`,
        [
          findingId,
          Buffer.from(file.originalname, 'latin1').toString('utf8').slice(0, 255),
          file.mimetype,
          file.size,
          sha256,
          file.buffer,
          me.userId,
        ],
      );
      await appendAudit(tx, me.userId, 'supervision.evidence_added', ['supervision_finding', findingId], {
        after: { evidenceId: ev.id, filename: ev.filename, sha256, sizeBytes: file.size },
      });
      return { id: ev.id, filename: ev.filename, sha256 };
    });
  }

  async evidence(findingId: string, evidenceId: string) {
    const [e] = await this.db.query(
      `SELECT filename, content_type AS "contentType", content FROM supervision_evidence WHERE id = $1 AND finding_id = $2`,
      [evidenceId, findingId],
    );
    if (!e) notFound('evidence');
    return e as { filename: string; contentType: string; content: Buffer };
  }

  async list(q: { enterpriseId?: string }) {
    const today = await this.clock.today();
    const rows = await this.db.query(
      `SELECT f.id, f.application_id AS "applicationId", f.enterprise_id AS "enterpriseId", e.name AS "enterpriseName",
              f.program_code AS "programCode", f.kind, f.status, to_char(f.found_on, 'YYYY-MM-DD') AS "foundOn",
              r.id AS "receivableId", r.principal::text AS principal, r.repaid::text AS repaid, r.status AS "receivableStatus",
              to_char(r.due_on, 'YYYY-MM-DD') AS "dueOn",
              d.id AS "debarmentId", to_char(d.ends_on, 'YYYY-MM-DD') AS "debarredUntil",
              to_char(d.starts_on, 'YYYY-MM-DD') AS "debarredFrom", to_char(d.lifted_on, 'YYYY-MM-DD') AS "liftedOn"
         FROM supervision_findings f JOIN enterprises e ON e.id = f.enterprise_id
         LEFT JOIN clawback_receivables r ON r.finding_id = f.id
         LEFT JOIN debarments d ON d.finding_id = f.id
        WHERE ($1::uuid IS NULL OR f.enterprise_id = $1)
        ORDER BY f.created_at DESC LIMIT 500`,
      [q.enterpriseId ?? null],
    );
    return {
      businessDate: today,
      items: rows.map((r: Record<string, string | null>) => ({
        ...r,
        outstanding:
          r.principal === null
            ? null
            : Money.parse(r.principal).minus(Money.parse(r.repaid!)).clampToZero().toString(),
        overdue:
          r.principal !== null &&
          isOverdue(
            {
              principal: Money.parse(r.principal),
              repaid: Money.parse(r.repaid!),
              status: r.receivableStatus as ReceivableStatus,
              dueOn: r.dueOn!,
            },
            today,
          ),
        debarredNow:
          r.debarmentId !== null &&
          isDebarmentInForce(
            { authorityCode: '', startsOn: r.debarredFrom!, endsOn: r.debarredUntil!, liftedOn: r.liftedOn },
            today,
          ),
      })),
    };
  }

  async finding(id: string) {
    const today = await this.clock.today();
    const [f] = await this.db.query(
      `SELECT f.id, f.application_id AS "applicationId", f.enterprise_id AS "enterpriseId", e.name AS "enterpriseName",
              e.credit_code AS "creditCode", f.program_code AS "programCode", f.authority_code AS "authorityCode",
              f.voucher_id AS "voucherId", v.status AS "voucherStatus", v.face_value::text AS "voucherFaceValue",
              f.kind, f.description, f.status, to_char(f.found_on, 'YYYY-MM-DD') AS "foundOn",
              f.recorded_by AS "recordedBy", u.display_name AS "recordedByName"
         FROM supervision_findings f JOIN enterprises e ON e.id = f.enterprise_id
         LEFT JOIN vouchers v ON v.id = f.voucher_id LEFT JOIN users u ON u.id = f.recorded_by
        WHERE f.id = $1`,
      [id],
    );
    if (!f) notFound('finding');
    const [evidence, receivables, debarments, appeals, history] = await Promise.all([
      this.db.query(
        `SELECT id, filename, content_type AS "contentType", size_bytes AS "sizeBytes", sha256, uploaded_at AS "uploadedAt"
           FROM supervision_evidence WHERE finding_id = $1 ORDER BY uploaded_at`,
        [id],
      ),
      this.db.query(`SELECT ${RECEIVABLE_COLUMNS} FROM clawback_receivables r WHERE r.finding_id = $1`, [id]),
      this.db.query(`SELECT ${DEBARMENT_COLUMNS} FROM debarments d WHERE d.finding_id = $1`, [id]),
      this.db.query(
        `SELECT id, to_char(filed_on, 'YYYY-MM-DD') AS "filedOn", grounds, status, decided_by AS "decidedBy",
                to_char(decided_on, 'YYYY-MM-DD') AS "decidedOn", decision_reason AS "decisionReason"
           FROM supervision_appeals WHERE finding_id = $1 ORDER BY created_at`,
        [id],
      ),
      this.db.query(auditTrailSql('supervision_finding', { entityType: true }), [id]),
    ]);
    const receivable = receivables[0] ? await this.receivableView(receivables[0], today) : null;
    return {
      ...f,
      businessDate: today,
      evidence,
      receivable,
      debarment: debarments[0] ? this.debarmentView(debarments[0], today) : null,
      appeals,
      history,
    };
  }

  private async receivableView(r: ReceivableRow, today: string) {
    const repayments = await this.db.query(
      `SELECT id, amount::text AS amount, to_char(received_on, 'YYYY-MM-DD') AS "receivedOn", reference,
              recorded_by AS "recordedBy", created_at AS "createdAt"
         FROM clawback_repayments WHERE receivable_id = $1 ORDER BY received_on, created_at`,
      [r.id],
    );
    const facts = {
      principal: Money.parse(r.principal),
      repaid: Money.parse(r.repaid),
      status: r.status,
      dueOn: r.due_on,
    };
    return {
      id: r.id,
      findingId: r.finding_id,
      enterpriseId: r.enterprise_id,
      programCode: r.program_code,
      principal: r.principal,
      repaid: r.repaid,
      outstanding: facts.principal.minus(facts.repaid).clampToZero().toString(),
      status: r.status,
      overdue: isOverdue(facts, today),
      openedOn: r.opened_on,
      dueOn: r.due_on,
      closedOn: r.closed_on,
      closeReason: r.close_reason,
      remindersSent: r.reminders_sent,
      repayments,
    };
  }

  private debarmentView(d: Record<string, string | null>, today: string): DebarmentView {
    return {
      id: d.id!,
      enterpriseId: d.enterpriseId!,
      authorityCode: d.authorityCode!,
      findingId: d.findingId!,
      startsOn: d.startsOn!,
      endsOn: d.endsOn!,
      reason: d.reason!,
      liftedOn: d.liftedOn,
      liftReason: d.liftReason,
      liftedBy: d.liftedBy,
      inForce: isDebarmentInForce(
        { authorityCode: d.authorityCode!, startsOn: d.startsOn!, endsOn: d.endsOn!, liftedOn: d.liftedOn },
        today,
      ),
    };
  }

  private async lockReceivable(tx: EntityManager, id: string): Promise<ReceivableRow> {
    const [r] = await tx.query(
      `SELECT ${RECEIVABLE_COLUMNS} FROM clawback_receivables r WHERE r.id = $1 FOR UPDATE`,
      [id],
    );
    if (!r) notFound('receivable');
    return r;
  }

  /** A (partial) repayment, idempotent by the bank's reference: the same receipt twice is recorded once. */
  async recordRepayment(me: Principal, id: string, dto: RecordRepaymentDto) {
    const amount = Money.parse(dto.amount);
    await this.db.transaction(async (tx) => {
      const r = await this.lockReceivable(tx, id);
      const [same] = await tx.query(
        `SELECT amount::text AS amount FROM clawback_repayments WHERE receivable_id = $1 AND reference = $2`,
        [id, dto.reference],
      );
      if (same) {
        if (Money.parse(same.amount).eq(amount)) return;
        conflict('CLAWBACK_REFERENCE_REUSED', `Reference ${dto.reference} was recorded with another amount`);
      }
      const result = applyRepayment(
        {
          principal: Money.parse(r.principal),
          repaid: Money.parse(r.repaid),
          status: r.status,
          dueOn: r.due_on,
        },
        amount,
      );
      if (!result.ok) refused(result.code, result.message, 'amount');
      await tx.query(
        `INSERT INTO clawback_repayments (receivable_id, amount, received_on, reference, recorded_by)
         VALUES ($1, $2, $3, $4, $5)`,
        [id, amount.toString(), dto.receivedOn, dto.reference, me.userId],
      );
      await tx.query(
        `UPDATE clawback_receivables SET repaid = $2, status = $3::varchar, closed_on = CASE WHEN $3::varchar = 'repaid' THEN $4::date END
          WHERE id = $1`,
        [id, result.repaid.toString(), result.status, dto.receivedOn],
      );
      await appendAudit(tx, me.userId, 'clawback.repayment_recorded', ['clawback_receivable', id], {
        before: { repaid: r.repaid, status: r.status },
        after: {
          findingId: r.finding_id,
          amount: amount.toString(),
          reference: dto.reference,
          receivedOn: dto.receivedOn,
          repaid: result.repaid.toString(),
          outstanding: result.outstanding.toString(),
          status: result.status,
        },
      });
    });
    return this.receivable(id);
  }

  async receivable(id: string) {
    const [r] = await this.db.query(
      `SELECT ${RECEIVABLE_COLUMNS} FROM clawback_receivables r WHERE r.id = $1`,
      [id],
    );
    if (!r) notFound('receivable');
    return this.receivableView(r, await this.clock.today());
  }

  /** Written off only with a reason (e.g. the unit was deregistered); what is outstanding is recorded. */
  async writeOff(me: Principal, id: string, reason: string) {
    const today = await this.clock.today();
    await this.db.transaction(async (tx) => {
      const r = await this.lockReceivable(tx, id);
      if (r.status !== 'open') refused('CLAWBACK_NOT_OPEN', REASON_MESSAGES.CLAWBACK_NOT_OPEN);
      await tx.query(
        `UPDATE clawback_receivables SET status = 'written_off', closed_on = $2, close_reason = $3 WHERE id = $1`,
        [id, today, reason.trim()],
      );
      await appendAudit(tx, me.userId, 'clawback.written_off', ['clawback_receivable', id], {
        before: { status: r.status, repaid: r.repaid },
        after: {
          findingId: r.finding_id,
          status: 'written_off',
          reason: reason.trim(),
          writtenOff: Money.parse(r.principal).minus(Money.parse(r.repaid)).toString(),
        },
      });
    });
    return this.receivable(id);
  }

  /** Overdue reminders now (the daily Schedule runs the same activity; ADR 0027). */
  async sendOverdueReminders(me: Principal) {
    return this.reminders.sendClawbackReminders({ actor: me.userId });
  }

  async liftDebarment(me: Principal, id: string, reason: string) {
    const today = await this.clock.today();
    await this.db.transaction(async (tx) => {
      const [d] = await tx.query(`SELECT ${DEBARMENT_COLUMNS} FROM debarments d WHERE d.id = $1 FOR UPDATE`, [
        id,
      ]);
      if (!d) notFound('debarment');
      if (d.liftedOn !== null || !isDebarmentInForce({ ...d, liftedOn: null }, today))
        conflict('DEBARMENT_NOT_IN_FORCE', REASON_MESSAGES.DEBARMENT_NOT_IN_FORCE.en);
      await this.lift(tx, me.userId, d, today, reason.trim(), 'debarment.lifted');
    });
    const [d] = await this.db.query(`SELECT ${DEBARMENT_COLUMNS} FROM debarments d WHERE d.id = $1`, [id]);
    return this.debarmentView(d, today);
  }

  private async lift(
    tx: EntityManager,
    actor: string,
    d: { id: string; findingId: string; enterpriseId: string; endsOn: string },
    today: string,
    reason: string,
    action: string,
  ) {
    await tx.query(`UPDATE debarments SET lifted_on = $2, lifted_by = $3, lift_reason = $4 WHERE id = $1`, [
      d.id,
      today,
      actor,
      reason,
    ]);
    await appendAudit(tx, actor, action, ['debarment', d.id], {
      before: { liftedOn: null, endsOn: d.endsOn },
      after: { findingId: d.findingId, enterpriseId: d.enterpriseId, liftedOn: today, reason },
    });
  }

  async recordAppeal(me: Principal, findingId: string, dto: RecordAppealDto) {
    const today = await this.clock.today();
    return this.db.transaction(async (tx) => {
      const [f] = await tx.query(`SELECT id, status FROM supervision_findings WHERE id = $1 FOR UPDATE`, [
        findingId,
      ]);
      if (!f) notFound('finding');
      const [pending] = await tx.query(
        `SELECT id FROM supervision_appeals WHERE finding_id = $1 AND status = 'pending'`,
        [findingId],
      );
      if (pending) conflict('APPEAL_ALREADY_OPEN', REASON_MESSAGES.APPEAL_ALREADY_OPEN.en);
      const [a] = await tx.query(
        `INSERT INTO supervision_appeals (finding_id, filed_on, grounds, recorded_by) VALUES ($1, $2, $3, $4)
         RETURNING id, status`,
        [findingId, dto.filedOn ?? today, dto.grounds.trim(), me.userId],
      );
      await appendAudit(tx, me.userId, 'supervision.appeal_recorded', ['supervision_appeal', a.id], {
        after: { findingId, filedOn: dto.filedOn ?? today, grounds: dto.grounds.trim() },
      });
      return { id: a.id, findingId, status: a.status, filedOn: dto.filedOn ?? today };
    });
  }

  /**
   * Dismissed: everything stands. Granted: the finding is overturned, the bar lifted from today and an
   * open receivable cancelled (what was repaid stays recorded; a refund is a separate payment). The
   * voucher stays withdrawn: the unit applies again (ADR 0027).
   */
  async decideAppeal(me: Principal, appealId: string, dto: DecideAppealDto) {
    const today = await this.clock.today();
    const findingId = await this.db.transaction(async (tx) => {
      const [a] = await tx.query(
        `SELECT a.id, a.finding_id, a.status, f.recorded_by FROM supervision_appeals a
           JOIN supervision_findings f ON f.id = a.finding_id WHERE a.id = $1 FOR UPDATE OF a`,
        [appealId],
      );
      if (!a) notFound('appeal');
      if (a.status !== 'pending')
        conflict('APPEAL_ALREADY_DECIDED', REASON_MESSAGES.APPEAL_ALREADY_DECIDED.en);
      if (a.recorded_by === me.userId)
        conflict('APPEAL_SAME_PERSON', 'The person who recorded the finding cannot decide its appeal');
      const reason = dto.reason.trim();
      await tx.query(
        `UPDATE supervision_appeals SET status = $2, decided_by = $3, decided_on = $4, decision_reason = $5 WHERE id = $1`,
        [appealId, dto.decision, me.userId, today, reason],
      );
      await appendAudit(
        tx,
        me.userId,
        `supervision.appeal_${dto.decision}`,
        ['supervision_appeal', appealId],
        {
          before: { status: 'pending' },
          after: { findingId: a.finding_id, status: dto.decision, reason, decidedOn: today },
        },
      );
      if (dto.decision === 'granted') {
        await tx.query(`UPDATE supervision_findings SET status = 'overturned' WHERE id = $1`, [a.finding_id]);
        await appendAudit(
          tx,
          me.userId,
          'supervision.finding_overturned',
          ['supervision_finding', a.finding_id],
          { before: { status: 'upheld' }, after: { status: 'overturned', appealId, reason } },
        );
        const [d] = await tx.query(
          `SELECT ${DEBARMENT_COLUMNS} FROM debarments d WHERE d.finding_id = $1 AND d.lifted_on IS NULL FOR UPDATE`,
          [a.finding_id],
        );
        if (d)
          await this.lift(
            tx,
            me.userId,
            d,
            today,
            `申诉成立 / appeal granted: ${reason}`,
            'debarment.lifted',
          );
        const [r] = await tx.query(
          `SELECT ${RECEIVABLE_COLUMNS} FROM clawback_receivables r WHERE r.finding_id = $1 AND r.status = 'open' FOR UPDATE`,
          [a.finding_id],
        );
        if (r) {
          await tx.query(
            `UPDATE clawback_receivables SET status = 'cancelled', closed_on = $2, close_reason = $3 WHERE id = $1`,
            [r.id, today, `申诉成立 / appeal granted: ${reason}`],
          );
          await appendAudit(tx, me.userId, 'clawback.cancelled', ['clawback_receivable', r.id], {
            before: { status: 'open', repaid: r.repaid },
            after: { findingId: a.finding_id, status: 'cancelled', appealId },
          });
        }
      }
      return a.finding_id as string;
    });
    return this.finding(findingId);
  }

  /** The unit's supervision record: its findings and bars (its record page, reviewers, and itself). */
  async enterpriseRecord(enterpriseId: string) {
    const today = await this.clock.today();
    const [e] = await this.db.query(`SELECT id, name FROM enterprises WHERE id = $1`, [enterpriseId]);
    if (!e) notFound('enterprise');
    const debarments = await this.db.query(
      `SELECT ${DEBARMENT_COLUMNS} FROM debarments d WHERE d.enterprise_id = $1 ORDER BY d.starts_on DESC`,
      [enterpriseId],
    );
    const views = debarments.map((d: Record<string, string | null>) => this.debarmentView(d, today));
    const findings = (await this.list({ enterpriseId })).items;
    return {
      enterpriseId,
      enterpriseName: e.name,
      businessDate: today,
      debarredNow: views.some((d: { inForce: boolean }) => d.inForce),
      debarments: views,
      findings,
    };
  }

  /** What the unit itself sees: its bars and what it owes (no reviewer names, no evidence). */
  async mine(me: Principal) {
    if (!me.enterpriseId) return { debarments: [], receivables: [] };
    const today = await this.clock.today();
    const debarments = await this.db.query(
      `SELECT ${DEBARMENT_COLUMNS} FROM debarments d WHERE d.enterprise_id = $1 ORDER BY d.starts_on DESC`,
      [me.enterpriseId],
    );
    const receivables: ReceivableRow[] = await this.db.query(
      `SELECT ${RECEIVABLE_COLUMNS} FROM clawback_receivables r WHERE r.enterprise_id = $1 ORDER BY r.opened_on DESC`,
      [me.enterpriseId],
    );
    return {
      businessDate: today,
      debarments: debarments.map((d: Record<string, string | null>) => {
        const v = this.debarmentView(d, today);
        return {
          authorityCode: v.authorityCode,
          startsOn: v.startsOn,
          endsOn: v.endsOn,
          liftedOn: v.liftedOn,
          reason: v.reason,
          inForce: v.inForce,
        };
      }),
      receivables: await Promise.all(
        receivables.map(async (r) => {
          const v = await this.receivableView(r, today);
          return {
            id: v.id,
            principal: v.principal,
            repaid: v.repaid,
            outstanding: v.outstanding,
            status: v.status,
            dueOn: v.dueOn,
            overdue: v.overdue,
          };
        }),
      ),
    };
  }

  private async notifyEnterprise(
    enterpriseId: string,
    key: string,
    msg: {
      subject: { zh: string; en: string };
      body: { zh: string; en: string };
      entityId: string;
    },
  ) {
    const users: { id: string }[] = await this.db.query(
      `SELECT id FROM users WHERE enterprise_id = $1 AND active ORDER BY created_at`,
      [enterpriseId],
    );
    for (const u of users) {
      try {
        await this.notifier.notify({
          dedupeKey: `${key}:${u.id}`,
          kind: 'supervision',
          recipientUserId: u.id,
          subject: msg.subject,
          body: msg.body,
          entityType: 'supervision_finding',
          entityId: msg.entityId,
        });
      } catch (e) {
        // The decision stands; the inbox row is written first and the mail is retried by the next call.
        this.log.warn(`notification ${key} to ${u.id} failed: ${(e as Error).message}`);
      }
    }
  }
}
