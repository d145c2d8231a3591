import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  Money,
  applicationStatusOf,
  blendedPayoutRate,
  sameReviewerRefusal,
  isAfter,
  quarterEndDate,
  rateLines,
  voucherValidUntil,
  issuanceDateVerdict,
  yearOf,
  type ApplicationStatus,
  type BusinessDate,
  type ReviewDecisionKind,
  type ServiceKind,
} from '@app/domain';
import {
  ApplicationRecord,
  BusinessClock,
  EnterpriseRecord,
  ProgramCatalog,
  ReviewTaskRecord,
  VoucherRecord,
  appendAudit,
  rowsOf,
  type ReviewTaskKind,
} from '@app/persistence';
import { applicationFacts, crossProgramFace } from './cross-program.store';
import { checkEligibility, type CheckedStatuses, type EligibilityOutcome } from './eligibility.activities';
import { Activity } from '@app/temporal/activities';

export type { ReviewDecisionKind };

export interface OpenReviewTaskInput {
  applicationId: string;
  kind: ReviewTaskKind;
  round: number;
  dueInMs: number;
  excludedUserId?: string | null;
  /** The status the workflow moves the application to (absent from older runs: the map's for the kind). */
  status?: ApplicationStatus;
}

export interface RecordDecisionInput {
  applicationId: string;
  taskId: string;
  kind: ReviewTaskKind;
  reviewerId: string;
  decision: ReviewDecisionKind;
  reason: string | null;
}

/** What the voucher's life checks: still usable, and whether the program's final run is behind it. */
export interface VoucherState {
  status: string;
  remaining: string;
  pastFinalRun: boolean;
}

/** A decision's answer: the status it left, and when it issued, the issuance and the voucher's first check. */
export interface DecideOutcome {
  applicationStatus: string;
  issuance: IssuanceOutcome | null;
  /** Absent from the results recorded before the voucher's first check was made here. */
  voucher?: VoucherState | null;
}

export type IssuanceOutcome =
  | { issued: true; voucherId: string; faceValue: string; limitedByYearlyCap: boolean; capYear: number }
  | { issued: false; code: string };

/** The statuses the workflow moves an application to when its voucher is issued or refused at issuance. */
export interface IssuanceStatuses {
  issued: ApplicationStatus;
  refused: ApplicationStatus;
}

const ISSUANCE_STATUSES: IssuanceStatuses = {
  issued: applicationStatusOf('issued'),
  refused: applicationStatusOf('refused'),
};

/** The steps between submission and the first review task, as one activity (one hand-off, one transaction). */
export interface CheckAndOpenReviewInput {
  applicationId: string;
  round: number;
  dueInMs: number;
  statuses: CheckedStatuses;
}

/** A decision, and for an approval that needs no further approval the issuance, as one activity. */
export interface DecideInput extends RecordDecisionInput {
  /** The status the decision moves the application to; null leaves it for the next step to write. */
  status: ApplicationStatus | null;
  /** Present when this decision issues the voucher (an approval with no second approval to follow). */
  issue: { approvedBy: string; statuses: IssuanceStatuses } | null;
}

/** The review and issuance steps of an application, each safe to run twice. */
@Injectable()
export class ApplicationActivities {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: BusinessClock,
    private readonly catalog: ProgramCatalog,
  ) {}

  /** Puts a task in the reviewers' (or senior reviewers') queue; returns its id. */
  @Activity()
  async openReviewTask(input: OpenReviewTaskInput): Promise<{ taskId: string; dueAt: string }> {
    return this.db.transaction((tx) => this.openTaskIn(tx, input));
  }

  /**
   * Eligibility checks and, when they pass, the first review task, in one transaction: the application is
   * never seen checked but without its task, and the workflow waits on one activity instead of two.
   */
  @Activity()
  async checkAndOpenReview(
    input: CheckAndOpenReviewInput,
  ): Promise<{ eligibility: EligibilityOutcome; task: { taskId: string; dueAt: string } | null }> {
    return this.db.transaction(async (tx) => {
      const eligibility = await checkEligibility(tx, this.catalog, input.applicationId, input.statuses);
      if (!eligibility.eligible) return { eligibility, task: null };
      const task = await this.openTaskIn(tx, {
        applicationId: input.applicationId,
        kind: 'review',
        round: input.round,
        dueInMs: input.dueInMs,
        excludedUserId: null,
        status: input.statuses.eligible,
      });
      return { eligibility, task };
    });
  }

  private async openTaskIn(
    tx: EntityManager,
    input: OpenReviewTaskInput,
  ): Promise<{ taskId: string; dueAt: string }> {
    const app = await tx.findOneByOrFail(ApplicationRecord, { id: input.applicationId });
    const enterprise = await tx.findOneByOrFail(EnterpriseRecord, { id: app.enterpriseId });
    const dueAt = new Date(this.clock.now().getTime() + input.dueInMs);
    await tx
      .createQueryBuilder()
      .insert()
      .into(ReviewTaskRecord)
      .values({
        applicationId: app.id,
        programCode: app.programCode,
        kind: input.kind,
        status: 'open',
        candidateRole: input.kind === 'review' ? 'reviewer' : 'senior_reviewer',
        excludedUserId: input.excludedUserId ?? null,
        enterpriseId: enterprise.id,
        enterpriseName: enterprise.name,
        quotedFaceValue: app.quotedFaceValue,
        round: input.round,
        dueAt,
      })
      .orIgnore()
      .execute();
    const task = await tx.findOneByOrFail(ReviewTaskRecord, {
      applicationId: app.id,
      kind: input.kind,
      round: input.round,
    });
    const status =
      input.status ?? applicationStatusOf(input.kind === 'review' ? 'review' : 'second_approval');
    if (app.status !== status) {
      await tx.update(ApplicationRecord, { id: app.id }, { status });
      await appendAudit(tx, 'system:review', 'review_task.opened', ['application', app.id], {
        before: { status: app.status },
        after: { status, taskId: task.id, kind: input.kind, round: input.round },
      });
    }
    return { taskId: task.id, dueAt: task.dueAt.toISOString() };
  }

  /**
   * Completes the task with the reviewer's decision (the step of workflows started before a decision and
   * its issuance became one activity): the status is the map's for the decision; an approval leaves it.
   */
  @Activity()
  async recordReviewDecision(input: RecordDecisionInput): Promise<{ applicationStatus: string }> {
    const status =
      input.decision === 'reject'
        ? applicationStatusOf('rejected')
        : input.decision === 'request_supplement'
          ? applicationStatusOf('supplement')
          : null;
    return this.db.transaction(async (tx) => ({
      applicationStatus: (await this.recordDecisionIn(tx, input, status)).status,
    }));
  }

  /**
   * Records the reviewer's decision and, when the workflow says it issues the voucher, issues it — in one
   * transaction, so a decision round trip is one activity and the decision never stands without its
   * issuance. Safe to run twice: the task completes once and the voucher is unique per application.
   */
  @Activity()
  async decide(input: DecideInput): Promise<DecideOutcome> {
    const today = await this.clock.today(); // outside the transaction: see issueVoucher
    return this.db.transaction(async (tx) => {
      const recorded = await this.recordDecisionIn(tx, input, input.status);
      if (!input.issue || input.decision !== 'approve')
        return { applicationStatus: recorded.status, issuance: null, voucher: null };
      const issuance = await this.issueIn(
        tx,
        input.applicationId,
        input.issue.approvedBy,
        input.issue.statuses,
        today,
      );
      const app = await tx.findOneByOrFail(ApplicationRecord, { id: input.applicationId });
      // The voucher's first check, from the transaction that issued it: the workflow need not ask again.
      const voucher = issuance.issued ? await this.voucherStateIn(tx, issuance.voucherId, today) : null;
      return { applicationStatus: app.status, issuance, voucher };
    });
  }

  private async recordDecisionIn(
    tx: EntityManager,
    input: RecordDecisionInput,
    told: ApplicationStatus | null,
  ): Promise<{ status: ApplicationStatus }> {
    const task = await tx.findOneByOrFail(ReviewTaskRecord, { id: input.taskId });
    const sameReviewer = sameReviewerRefusal(task, input.reviewerId);
    if (sameReviewer) throw ApplicationFailure.nonRetryable(sameReviewer.message.en, sameReviewer.code);
    const done = await tx
      .createQueryBuilder()
      .update(ReviewTaskRecord)
      .set({
        status: 'completed',
        outcome: input.decision,
        reason: input.reason,
        completedBy: input.reviewerId,
        completedAt: () => 'now()',
      })
      .where('id = :id AND status = :open', { id: input.taskId, open: 'open' })
      .execute();
    const app = await tx.findOneByOrFail(ApplicationRecord, { id: input.applicationId });
    if (!done.affected) return { status: app.status }; // already recorded (retry)
    const status = told ?? app.status;
    const decided = status === applicationStatusOf('rejected');
    await tx.update(ApplicationRecord, { id: app.id }, { status, decidedAt: decided ? new Date() : null });
    await appendAudit(tx, input.reviewerId, `review.${input.decision}`, ['application', app.id], {
      before: { status: app.status },
      after: { status, taskId: input.taskId, kind: input.kind, reason: input.reason },
    });
    return { status };
  }

  /** Marks a task reminded (first miss of its due time) or escalated (second). */
  @Activity()
  async flagOverdueReviewTask(input: { taskId: string; stage: 'reminded' | 'escalated' }): Promise<{
    assigneeId: string | null;
    applicationId: string;
    kind: ReviewTaskKind;
  }> {
    const column = input.stage === 'reminded' ? 'reminded_at' : 'escalated_at';
    await this.db.query(`UPDATE review_tasks SET ${column} = coalesce(${column}, now()) WHERE id = $1`, [
      input.taskId,
    ]);
    const task = await this.db.getRepository(ReviewTaskRecord).findOneByOrFail({ id: input.taskId });
    await appendAudit(
      this.db.manager,
      'system:review',
      `review_task.${input.stage}`,
      ['application', task.applicationId],
      { after: { taskId: task.id, dueAt: task.dueAt.toISOString() } },
    );
    return { assigneeId: task.assigneeId, applicationId: task.applicationId, kind: task.kind };
  }

  /** Back in the enterprise's hands after a supplement request: nothing to write but the audit. */
  @Activity()
  async recordResubmission(input: {
    applicationId: string;
    userId: string;
    note: string | null;
  }): Promise<void> {
    await appendAudit(
      this.db.manager,
      input.userId,
      'application.resubmitted',
      ['application', input.applicationId],
      { after: { note: input.note } },
    );
  }

  /**
   * Issues the voucher: locks the enterprise's ledger row for the issuance year, computes the face value
   * with the domain rule against the room left, and adds it with a conditional UPDATE — concurrent
   * issuances queue on the row lock and can never push `issued` past the cap. One voucher per
   * application (unique key), so a retry returns the voucher already written.
   */
  @Activity()
  async issueVoucher(input: {
    applicationId: string;
    approvedBy: string;
    statuses?: IssuanceStatuses;
  }): Promise<IssuanceOutcome> {
    // Today is read before the transaction: inside it, a sandbox clock would need a second connection
    // while this one waits on the ledger lock (with the pool in use by waiters, a stall).
    const today = await this.clock.today();
    return this.db.transaction((tx) =>
      this.issueIn(tx, input.applicationId, input.approvedBy, input.statuses ?? ISSUANCE_STATUSES, today),
    );
  }

  private async issueIn(
    tx: EntityManager,
    applicationId: string,
    approvedBy: string,
    statuses: IssuanceStatuses,
    today: BusinessDate,
  ): Promise<IssuanceOutcome> {
    const input = { applicationId, approvedBy };
    const app = await tx.findOneOrFail(ApplicationRecord, {
      where: { id: input.applicationId },
      lock: { mode: 'pessimistic_write' },
    });
    const existing = await tx.findOneBy(VoucherRecord, { applicationId: app.id });
    if (existing) {
      return {
        issued: true,
        voucherId: existing.id,
        faceValue: existing.faceValue.toString(),
        limitedByYearlyCap: !existing.faceValue.eq(app.quotedFaceValue ?? existing.faceValue),
        capYear: existing.capYear,
      };
    }
    if (app.refusalCode !== null) return { issued: false, code: app.refusalCode };
    const { definition: program } = await this.catalog.version(app.programCode, app.programVersion, tx);
    // Approved after the voucher's validity (the plan's end): never issued already expired, and refused
    // before any ledger is touched, so it uses no cap (ADR 0044).
    const dated = issuanceDateVerdict(program, today);
    if (!dated.ok) {
      await tx.update(
        ApplicationRecord,
        { id: app.id },
        { status: statuses.refused, refusalCode: dated.code, decidedAt: new Date() },
      );
      await appendAudit(tx, 'system:issuance', 'application.refused_at_issuance', ['application', app.id], {
        before: { status: app.status },
        after: { status: statuses.refused, refusalCode: dated.code, today },
      });
      return { issued: false, code: dated.code };
    }
    const year = yearOf(today);
    const facts = await applicationFacts(tx, app.id);
    // Locks, in order: the yearly (possibly shared) ledger, the cumulative ledger, the lines of support,
    // each spending (advisory, by key), the pool — concurrent issuances queue and never pass a cap.
    const face = await crossProgramFace(tx, {
      program,
      programVersionOf: async (code, version) => (await this.catalog.version(code, version, tx)).definition,
      facts,
      year,
      lock: true,
    });
    if (!face.ok) {
      await recordOutcome(tx, app.id, face.detail, { status: statuses.refused, refusalCode: face.code });
      await appendAudit(tx, 'system:issuance', 'application.refused_at_issuance', ['application', app.id], {
        before: { status: app.status },
        after: { status: statuses.refused, refusalCode: face.code, ...face.detail },
      });
      return { issued: false, code: face.code };
    }
    const amount = face.faceValue.toString();
    // 从优: the vouchers this one replaces are withdrawn and what they held goes back (ADR 0023).
    for (const voucherId of face.supersededVouchers) await this.supersede(tx, voucherId, app.id);
    const reserved = await tx.query(
      `UPDATE yearly_cap_ledger SET issued = issued + $4
          WHERE program_code = $1 AND enterprise_id = $2 AND year = $3 AND issued + $4 <= cap
          RETURNING issued`,
      [face.ledgerCode, app.enterpriseId, year, amount],
    );
    if (!rowsOf(reserved).length) throw new Error('yearly cap reservation lost its row lock');
    if (program.perEnterpriseCumulativeCap !== null) {
      const taken = await tx.query(
        `UPDATE cumulative_cap_ledger SET issued = issued + $3
            WHERE program_code = $1 AND enterprise_id = $2 AND issued + $3 <= cap RETURNING issued`,
        [program.code, app.enterpriseId, amount],
      );
      if (!rowsOf(taken).length) throw new Error('cumulative cap reservation lost its row lock');
    }
    const bySupportLine = new Map<string, Money>();
    for (const l of face.lines)
      bySupportLine.set(l.supportLine, (bySupportLine.get(l.supportLine) ?? Money.zero()).plus(l.amount));
    for (const rule of program.rateRules.filter((r) => r.line && r.yearlyCap)) {
      const add = bySupportLine.get(rule.line!);
      if (!add || add.isZero()) continue;
      bySupportLine.delete(rule.line!);
      const taken = await tx.query(
        `UPDATE support_line_ledger SET issued = issued + $5
            WHERE program_code = $1 AND enterprise_id = $2 AND year = $3 AND line = $4 AND issued + $5 <= cap
            RETURNING issued`,
        [program.code, app.enterpriseId, year, rule.line, add.toString()],
      );
      if (!rowsOf(taken).length) throw new Error('support-line cap reservation lost its row lock');
    }
    if (face.poolPeriod !== null) {
      const taken = await tx.query(
        `UPDATE budget_pools SET committed = committed + $3
            WHERE program_code = $1 AND period = $2 AND committed + $3 <= budget RETURNING committed`,
        [program.code, face.poolPeriod, amount],
      );
      if (!rowsOf(taken).length) throw new Error('budget pool reservation lost its row lock');
    }
    const voucher = await tx.save(
      tx.create(VoucherRecord, {
        applicationId: app.id,
        programCode: program.code,
        programVersion: app.programVersion,
        enterpriseId: app.enterpriseId,
        contractId: app.contractId,
        faceValue: face.faceValue,
        redeemedAmount: Money.zero(),
        capYear: year,
        status: 'active',
        issuedOn: today,
      }),
    );
    await tx.query(`UPDATE vouchers SET valid_until = $2 WHERE id = $1`, [
      voucher.id,
      voucherValidUntil(program, today),
    ]);
    if (program.rateRules.length > 0) {
      // Lines at different rates: the run pays each invoiced yuan at the contract's blend (ADR 0021).
      const lines = rowsOf<{ service_kind: string; domestic: boolean | null; amount: string }>(
        await tx.query(
          `SELECT service_kind, domestic, amount::text FROM contract_lines WHERE contract_id = $1`,
          [app.contractId],
        ),
      );
      const rate = blendedPayoutRate(
        rateLines(
          program,
          lines.map((l) => ({
            serviceKind: l.service_kind as ServiceKind,
            domestic: l.domestic,
            amount: Money.parse(l.amount),
          })),
          facts.applicantCategories,
        ),
      );
      await tx.query(`UPDATE vouchers SET payout_rate = $2 WHERE id = $1`, [voucher.id, rate]);
    }
    // The funded-spending record: one active primary per spending (unique index), stacked / top-up beside.
    for (const d of face.decisions) {
      if (d.amount.isZero() || d.role === null) continue;
      const parts = new Map<string, { base: Money; amount: Money }>();
      for (const l of face.lines.filter((x) => x.key === d.key)) {
        const p = parts.get(l.supportLine) ?? { base: Money.zero(), amount: Money.zero() };
        parts.set(l.supportLine, { base: p.base.plus(l.base), amount: p.amount.plus(l.amount) });
      }
      for (const [supportLine, part] of parts) {
        if (!part.amount.isPositive()) continue;
        await tx.query(
          `INSERT INTO funded_spending (spending_key, role, program_code, program_version, enterprise_id, application_id,
                                          voucher_id, support_line, base, amount, reason_code)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [
            d.key,
            d.role,
            program.code,
            app.programVersion,
            app.enterpriseId,
            app.id,
            voucher.id,
            supportLine,
            part.base.toString(),
            part.amount.toString(),
            d.reason,
          ],
        );
      }
    }
    await recordOutcome(tx, app.id, face.detail, { status: statuses.issued, faceValue: face.faceValue });
    await appendAudit(tx, input.approvedBy, 'voucher.issued', ['voucher', voucher.id], {
      before: { issuedThisYear: face.face.yearlyRoomBefore?.toString() ?? null },
      after: {
        applicationId: app.id,
        faceValue: amount,
        uncappedFaceValue: face.face.uncappedFaceValue.toString(),
        limitedByYearlyCap: face.face.limitedByYearlyCap,
        limitedBySupportLineCap: face.face.limitedBySupportLineCap,
        limitedByPool: face.limitedByPool,
        capYear: year,
        validUntil: voucherValidUntil(program, today),
        decisions: face.detail.decisions,
        superseded: face.supersededVouchers,
      },
    });
    return {
      issued: true,
      voucherId: voucher.id,
      faceValue: amount,
      limitedByYearlyCap: face.face.limitedByYearlyCap,
      capYear: year,
    };
  }

  /**
   * Withdraws a voucher a more favourable program replaces (nothing of it paid: checked under its lock)
   * and gives back what it held: its yearly, cumulative and line-of-support room and its pool share.
   */
  private async supersede(tx: EntityManager, voucherId: string, byApplicationId: string): Promise<void> {
    const [v] = rowsOf<{
      program_code: string;
      program_version: number;
      enterprise_id: string;
      face_value: string;
      cap_year: number;
    }>(
      await tx.query(
        `UPDATE vouchers SET status = 'superseded'
          WHERE id = $1 AND status = 'active' AND redeemed_amount = 0
          RETURNING program_code, program_version, enterprise_id, face_value::text, cap_year`,
        [voucherId],
      ),
    );
    if (!v) throw new Error(`voucher ${voucherId} was paid or closed while being superseded`);
    const { definition: old } = await this.catalog.version(v.program_code, v.program_version, tx);
    const release = async (sql: string, params: unknown[]) => {
      if (!rowsOf(await tx.query(sql, params)).length) throw new Error(`release failed: ${sql}`);
    };
    await release(
      `UPDATE yearly_cap_ledger SET issued = issued - $4
          WHERE program_code = $1 AND enterprise_id = $2 AND year = $3 AND issued - $4 >= 0 RETURNING issued`,
      [old.yearlyCapSharedWith ?? old.code, v.enterprise_id, v.cap_year, v.face_value],
    );
    if (old.perEnterpriseCumulativeCap !== null)
      await release(
        `UPDATE cumulative_cap_ledger SET issued = issued - $3
          WHERE program_code = $1 AND enterprise_id = $2 AND issued - $3 >= 0 RETURNING issued`,
        [old.code, v.enterprise_id, v.face_value],
      );
    const lines = rowsOf<{ support_line: string; amount: string }>(
      await tx.query(
        `SELECT support_line, sum(amount)::text AS amount FROM funded_spending
          WHERE voucher_id = $1 AND status = 'active' GROUP BY support_line`,
        [voucherId],
      ),
    );
    for (const l of lines)
      if (old.rateRules.some((r) => r.line === l.support_line && r.yearlyCap))
        await release(
          `UPDATE support_line_ledger SET issued = issued - $5
            WHERE program_code = $1 AND enterprise_id = $2 AND year = $3 AND line = $4 AND issued - $5 >= 0 RETURNING issued`,
          [old.code, v.enterprise_id, v.cap_year, l.support_line, l.amount],
        );
    const budget = old.budgetPoolPerYear ?? old.budgetPoolTotal;
    if (old.budgetPoolCommittedAt === 'issuance' && budget !== null)
      await release(
        `UPDATE budget_pools SET committed = committed - $3
          WHERE program_code = $1 AND period = $2 AND committed - $3 >= 0 RETURNING committed`,
        [old.code, old.budgetPoolPerYear !== null ? String(v.cap_year) : 'total', v.face_value],
      );
    await tx.query(
      `UPDATE funded_spending SET status = 'superseded', superseded_by = $2 WHERE voucher_id = $1 AND status = 'active'`,
      [voucherId, byApplicationId],
    );
    await appendAudit(tx, 'system:cross-program', 'voucher.superseded', ['voucher', voucherId], {
      before: { status: 'active', faceValue: v.face_value },
      after: { status: 'superseded', byApplicationId, reason: 'CROSS_PROGRAM_SUPERSEDES' },
    });
  }

  /**
   * The voucher's state for the application workflow's life after issuance, judged on the business
   * date (so a sandbox rehearsal expires vouchers on its own calendar, not the wall clock's).
   */
  @Activity()
  async voucherState(voucherId: string): Promise<VoucherState> {
    return this.voucherStateIn(this.db.manager, voucherId, await this.clock.today());
  }

  private async voucherStateIn(
    manager: EntityManager,
    voucherId: string,
    today: BusinessDate,
  ): Promise<VoucherState> {
    const v = await manager.findOneByOrFail(VoucherRecord, { id: voucherId });
    const { definition } = await this.catalog.version(v.programCode, v.programVersion, manager);
    const { finalRun } = definition.redemption;
    return {
      status: v.status,
      remaining: v.faceValue.minus(v.redeemedAmount).toString(),
      pastFinalRun: isAfter(today, quarterEndDate(finalRun.year, finalRun.quarter)),
    };
  }

  /** After the program's last redemption run an active voucher expires; its unused balance is released. */
  @Activity()
  async expireVoucher(voucherId: string): Promise<{ status: string }> {
    return this.db.transaction(async (tx) => {
      const res = await tx.query(
        `UPDATE vouchers SET status = 'expired' WHERE id = $1 AND status = 'active' RETURNING id`,
        [voucherId],
      );
      if (rowsOf(res).length) {
        await appendAudit(tx, 'system:voucher', 'voucher.expired', ['voucher', voucherId]);
      }
      const v = await tx.findOneByOrFail(VoucherRecord, { id: voucherId });
      return { status: v.status };
    });
  }

  /** The bureau withdraws a voucher (e.g. a clawback case): no further payouts are computed against it. */
  @Activity()
  async withdrawVoucher(input: { voucherId: string; userId: string; reason: string }): Promise<void> {
    await this.db.transaction(async (tx) => {
      const res = await tx.query(
        `UPDATE vouchers SET status = 'withdrawn' WHERE id = $1 AND status = 'active' RETURNING id`,
        [input.voucherId],
      );
      if (rowsOf(res).length) {
        await appendAudit(tx, input.userId, 'voucher.withdrawn', ['voucher', input.voucherId], {
          after: { reason: input.reason },
        });
      }
    });
  }
}

/** The application's issuance outcome (issued or refused), decided now, with the cross-program reckoning. */
async function recordOutcome(
  tx: EntityManager,
  applicationId: string,
  crossProgram: unknown,
  outcome: Pick<ApplicationRecord, 'status'> & Partial<Pick<ApplicationRecord, 'refusalCode' | 'faceValue'>>,
): Promise<void> {
  await tx.update(ApplicationRecord, { id: applicationId }, { ...outcome, decidedAt: new Date() });
  await tx.query(`UPDATE applications SET cross_program = $2 WHERE id = $1`, [
    applicationId,
    JSON.stringify(crossProgram),
  ]);
}
