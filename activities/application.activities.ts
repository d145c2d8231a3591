import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Money, computeFaceValue, isAfter, quarterEndDate, yearOf } from '@app/domain';
import {
  ApplicationRecord,
  BusinessClock,
  EnterpriseRecord,
  ProgramCatalog,
  ReviewTaskRecord,
  VoucherRecord,
  YearlyCapLedgerRecord,
  appendAudit,
  rowsOf,
  type ReviewTaskKind,
} from '@app/persistence';

export type ReviewDecisionKind = 'approve' | 'reject' | 'request_supplement';

export interface OpenReviewTaskInput {
  applicationId: string;
  kind: ReviewTaskKind;
  round: number;
  dueInMs: number;
  excludedUserId?: string | null;
}

export interface RecordDecisionInput {
  applicationId: string;
  taskId: string;
  kind: ReviewTaskKind;
  reviewerId: string;
  decision: ReviewDecisionKind;
  reason: string | null;
}

export type IssuanceOutcome =
  | { issued: true; voucherId: string; faceValue: string; limitedByYearlyCap: boolean; capYear: number }
  | { issued: false; code: string };

/** The review and issuance steps of an application, each safe to run twice. */
@Injectable()
export class ApplicationActivities {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: BusinessClock,
    private readonly catalog: ProgramCatalog,
  ) {}

  /** Puts a task in the reviewers' (or senior reviewers') queue; returns its id. */
  async openReviewTask(input: OpenReviewTaskInput): Promise<{ taskId: string; dueAt: string }> {
    return this.db.transaction(async (tx) => {
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
      const status = input.kind === 'review' ? 'in_review' : 'awaiting_second_approval';
      if (app.status !== status) {
        await tx.update(ApplicationRecord, { id: app.id }, { status });
        await appendAudit(tx, {
          actor: 'system:review',
          action: 'review_task.opened',
          entityType: 'application',
          entityId: app.id,
          before: { status: app.status },
          after: { status, taskId: task.id, kind: input.kind, round: input.round },
        });
      }
      return { taskId: task.id, dueAt: task.dueAt.toISOString() };
    });
  }

  /** Completes the task with the reviewer's decision and moves the application on. */
  async recordReviewDecision(input: RecordDecisionInput): Promise<{ applicationStatus: string }> {
    return this.db.transaction(async (tx) => {
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
      if (!done.affected) return { applicationStatus: app.status }; // already recorded (retry)
      const status =
        input.decision === 'reject'
          ? 'rejected'
          : input.decision === 'request_supplement'
            ? 'supplement_requested'
            : app.status; // approval: the workflow decides what comes next
      await tx.update(
        ApplicationRecord,
        { id: app.id },
        { status, decidedAt: status === 'rejected' ? new Date() : null },
      );
      await appendAudit(tx, {
        actor: input.reviewerId,
        action: `review.${input.decision}`,
        entityType: 'application',
        entityId: app.id,
        before: { status: app.status },
        after: { status, taskId: input.taskId, kind: input.kind, reason: input.reason },
      });
      return { applicationStatus: status };
    });
  }

  /** Marks a task reminded (first miss of its due time) or escalated (second). */
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
    await appendAudit(this.db.manager, {
      actor: 'system:review',
      action: `review_task.${input.stage}`,
      entityType: 'application',
      entityId: task.applicationId,
      after: { taskId: task.id, dueAt: task.dueAt.toISOString() },
    });
    return { assigneeId: task.assigneeId, applicationId: task.applicationId, kind: task.kind };
  }

  /** Back in the enterprise's hands after a supplement request: nothing to write but the audit. */
  async recordResubmission(input: {
    applicationId: string;
    userId: string;
    note: string | null;
  }): Promise<void> {
    await appendAudit(this.db.manager, {
      actor: input.userId,
      action: 'application.resubmitted',
      entityType: 'application',
      entityId: input.applicationId,
      after: { note: input.note },
    });
  }

  /**
   * Issues the voucher: locks the enterprise's ledger row for the issuance year, computes the face value
   * with the domain rule against the room left, and adds it with a conditional UPDATE — concurrent
   * issuances queue on the row lock and can never push `issued` past the cap. One voucher per
   * application (unique key), so a retry returns the voucher already written.
   */
  async issueVoucher(input: { applicationId: string; approvedBy: string }): Promise<IssuanceOutcome> {
    return this.db.transaction(async (tx) => {
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
      if (app.status === 'refused') return { issued: false, code: app.refusalCode ?? 'REFUSED' };
      const { definition: program } = await this.catalog.version(app.programCode, app.programVersion, tx);
      const today = await this.clock.today();
      const year = yearOf(today);
      // A cumulative cap (Henan: 1,000,000.00 per user over the plan) is a second ledger row, locked too.
      const cumulative =
        program.perEnterpriseCumulativeCap === null
          ? null
          : await this.lockCumulativeLedger(
              tx,
              program.code,
              app.enterpriseId,
              program.perEnterpriseCumulativeCap,
            );
      const ledger = await this.lockLedger(
        tx,
        program.code,
        app.enterpriseId,
        year,
        program.perEnterpriseYearlyCap,
      );
      const face = computeFaceValue(program, {
        eligibleAmount: app.eligibleAmount ?? Money.zero(),
        issuedThisYear: ledger.issued,
        ...(cumulative ? { issuedCumulative: cumulative } : {}),
      });
      if (!face.ok) {
        await tx.update(
          ApplicationRecord,
          { id: app.id },
          { status: 'refused', refusalCode: face.code, decidedAt: new Date() },
        );
        await appendAudit(tx, {
          actor: 'system:issuance',
          action: 'application.refused_at_issuance',
          entityType: 'application',
          entityId: app.id,
          before: { status: app.status },
          after: { status: 'refused', refusalCode: face.code, issuedThisYear: ledger.issued.toString() },
        });
        return { issued: false, code: face.code };
      }
      const reserved = await tx.query(
        `UPDATE yearly_cap_ledger SET issued = issued + $4
          WHERE program_code = $1 AND enterprise_id = $2 AND year = $3 AND issued + $4 <= cap
          RETURNING issued`,
        [program.code, app.enterpriseId, year, face.faceValue.toString()],
      );
      if (!rowsOf(reserved).length) throw new Error('yearly cap reservation lost its row lock');
      if (cumulative) {
        const taken = await tx.query(
          `UPDATE cumulative_cap_ledger SET issued = issued + $3
            WHERE program_code = $1 AND enterprise_id = $2 AND issued + $3 <= cap RETURNING issued`,
          [program.code, app.enterpriseId, face.faceValue.toString()],
        );
        if (!rowsOf(taken).length) throw new Error('cumulative cap reservation lost its row lock');
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
      await tx.update(
        ApplicationRecord,
        { id: app.id },
        { status: 'issued', faceValue: face.faceValue, decidedAt: new Date() },
      );
      await appendAudit(tx, {
        actor: input.approvedBy,
        action: 'voucher.issued',
        entityType: 'voucher',
        entityId: voucher.id,
        before: { issuedThisYear: ledger.issued.toString() },
        after: {
          applicationId: app.id,
          faceValue: face.faceValue.toString(),
          uncappedFaceValue: face.uncappedFaceValue.toString(),
          limitedByYearlyCap: face.limitedByYearlyCap,
          capYear: year,
        },
      });
      return {
        issued: true,
        voucherId: voucher.id,
        faceValue: face.faceValue.toString(),
        limitedByYearlyCap: face.limitedByYearlyCap,
        capYear: year,
      };
    });
  }

  /**
   * The voucher's state for the application workflow's life after issuance, judged on the business
   * date (so a sandbox rehearsal expires vouchers on its own calendar, not the wall clock's).
   */
  async voucherState(
    voucherId: string,
  ): Promise<{ status: string; remaining: string; pastFinalRun: boolean }> {
    const v = await this.db.getRepository(VoucherRecord).findOneByOrFail({ id: voucherId });
    const { finalRun } = (await this.catalog.version(v.programCode, v.programVersion)).definition.redemption;
    const today = await this.clock.today();
    return {
      status: v.status,
      remaining: v.faceValue.minus(v.redeemedAmount).toString(),
      pastFinalRun: isAfter(today, quarterEndDate(finalRun.year, finalRun.quarter)),
    };
  }

  /** After the program's last redemption run an active voucher expires; its unused balance is released. */
  async expireVoucher(voucherId: string): Promise<{ status: string }> {
    return this.db.transaction(async (tx) => {
      const res = await tx.query(
        `UPDATE vouchers SET status = 'expired' WHERE id = $1 AND status = 'active' RETURNING id`,
        [voucherId],
      );
      if (rowsOf(res).length) {
        await appendAudit(tx, {
          actor: 'system:voucher',
          action: 'voucher.expired',
          entityType: 'voucher',
          entityId: voucherId,
        });
      }
      const v = await tx.findOneByOrFail(VoucherRecord, { id: voucherId });
      return { status: v.status };
    });
  }

  /** The bureau withdraws a voucher (e.g. a clawback case): no further payouts are computed against it. */
  async withdrawVoucher(input: { voucherId: string; userId: string; reason: string }): Promise<void> {
    await this.db.transaction(async (tx) => {
      const res = await tx.query(
        `UPDATE vouchers SET status = 'withdrawn' WHERE id = $1 AND status = 'active' RETURNING id`,
        [input.voucherId],
      );
      if (rowsOf(res).length) {
        await appendAudit(tx, {
          actor: input.userId,
          action: 'voucher.withdrawn',
          entityType: 'voucher',
          entityId: input.voucherId,
          after: { reason: input.reason },
        });
      }
    });
  }

  /** The enterprise's cumulative ledger row, created at the cap and locked; returns what it has issued. */
  private async lockCumulativeLedger(
    tx: EntityManager,
    programCode: string,
    enterpriseId: string,
    cap: string,
  ): Promise<Money> {
    await tx.query(
      `INSERT INTO cumulative_cap_ledger (program_code, enterprise_id, cap) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [programCode, enterpriseId, cap],
    );
    const [row] = rowsOf<{ issued: string }>(
      await tx.query(
        `SELECT issued::text AS issued FROM cumulative_cap_ledger
          WHERE program_code = $1 AND enterprise_id = $2 FOR UPDATE`,
        [programCode, enterpriseId],
      ),
    );
    return Money.parse(row.issued);
  }

  private async lockLedger(
    tx: EntityManager,
    programCode: string,
    enterpriseId: string,
    year: number,
    cap: string | null,
  ): Promise<YearlyCapLedgerRecord> {
    await tx.query(
      `INSERT INTO yearly_cap_ledger (program_code, enterprise_id, year, cap, issued)
       VALUES ($1, $2, $3, $4, 0) ON CONFLICT DO NOTHING`,
      [programCode, enterpriseId, year, cap ?? '9999999999999.99'],
    );
    return tx.findOneOrFail(YearlyCapLedgerRecord, {
      where: { programCode, enterpriseId, year },
      lock: { mode: 'pessimistic_write' },
    });
  }
}
