import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { AppEnv } from '@app/config';
import { getProgram, runApprovalVerdict } from '@app/domain';
import { Notifier, runAwaitingApproval, type NotificationInput } from '@app/notifications';
import { appendAudit, type RedemptionRunStatus } from '@app/persistence';
import { Activity } from '@app/temporal/activities';
import { iso, loadRun, sql } from './redemption-run.store';

/*
 * The run's approval phase: finance is told the run waits for it, and its approval (the workflow's
 * `approveRun` Update) is recorded once, with one audit row.
 */

export interface RecordRunApprovalInput {
  runId: string;
  approverId: string;
}

export interface RunApprovalRecord {
  runId: string;
  approvedBy: string;
  approvedAt: string;
  status: RedemptionRunStatus;
}

@Injectable()
export class RedemptionApprovalActivities {
  private readonly notify: (input: NotificationInput) => Promise<{ created: boolean }>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    env: AppEnv,
    // Shared when the host imports NotificationsModule; otherwise built from the same globals.
    @Optional() notifier?: Notifier,
  ) {
    const n = notifier ?? new Notifier(db, env);
    this.notify = (input) => n.notify(input);
  }

  /** Tells finance the run waits for approval (one message per finance user, deduplicated per run). */
  @Activity()
  async notifyRunAwaitingApproval(runId: string): Promise<{ recipients: number }> {
    const run = await loadRun(this.db, runId);
    const users = await sql<{ id: string; email: string }>(
      this.db,
      `SELECT id, email FROM users WHERE role = 'finance' AND active ORDER BY created_at, id`,
    );
    const message = runAwaitingApproval({
      programName: getProgram(run.programCode).name,
      runYear: run.year,
      runQuarter: run.quarter,
      totalPayout: run.totalPayout,
      claimCount: run.claimCount,
    });
    for (const user of users) {
      await this.notify({
        dedupeKey: `redemption-run-awaiting-approval:${runId}:${user.id}`,
        kind: 'redemption_run_awaiting_approval',
        recipientUserId: user.id,
        recipientEmail: user.email,
        ...message,
        entityType: 'redemption_run',
        entityId: runId,
      });
    }
    return { recipients: users.length };
  }

  /** Finance's approval: approver, time, status disbursing and one audit row. Idempotent per approver. */
  @Activity()
  async recordRunApproval(input: RecordRunApprovalInput): Promise<RunApprovalRecord> {
    return this.db.transaction(async (tx) => {
      const run = await loadRun(tx, input.runId, true);
      if (run.approvedBy !== null) {
        if (run.approvedBy === input.approverId) {
          return {
            runId: run.runId,
            approvedBy: run.approvedBy,
            approvedAt: run.approvedAt!,
            status: run.status,
          };
        }
        throw ApplicationFailure.nonRetryable(
          `run ${run.runId} was already approved by ${run.approvedBy}`,
          'RunAlreadyApproved',
        );
      }
      if (run.status !== 'awaiting_approval') {
        throw ApplicationFailure.nonRetryable(
          `run ${run.runId} is ${run.status}, not awaiting approval`,
          'RunNotAwaitingApproval',
        );
      }
      // Four eyes: the API refuses first; this is the last word for any other caller of the Update.
      const [started] = await sql<{ started_by: string | null }>(
        tx,
        `SELECT started_by::text AS started_by FROM redemption_runs WHERE id = $1`,
        [run.runId],
      );
      const fourEyes = runApprovalVerdict({ startedBy: started?.started_by ?? null }, input.approverId);
      if (!fourEyes.ok) {
        throw ApplicationFailure.nonRetryable(fourEyes.message.en, 'RunStarterCannotApprove');
      }
      const [approver] = await sql(
        tx,
        `SELECT id FROM users WHERE id::text = $1 AND role = 'finance' AND active`,
        [input.approverId],
      );
      if (!approver) {
        throw ApplicationFailure.nonRetryable(
          `approver ${input.approverId} is not an active finance user`,
          'ApproverNotFinance',
        );
      }
      const [row] = await sql(
        tx,
        `UPDATE redemption_runs SET approved_by = $2, approved_at = now(), status = 'disbursing'
          WHERE id = $1 RETURNING approved_at`,
        [run.runId, input.approverId],
      );
      await appendAudit(tx, input.approverId, 'redemption_run.approved', ['redemption_run', run.runId], {
        before: { status: run.status },
        after: {
          status: 'disbursing',
          claimCount: run.claimCount,
          totalPayout: run.totalPayout,
        },
      });
      return {
        runId: run.runId,
        approvedBy: input.approverId,
        approvedAt: iso(row.approved_at)!,
        status: 'disbursing',
      };
    });
  }
}
