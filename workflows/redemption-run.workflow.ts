import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineUpdate,
  log,
  proxyActivities,
  setHandler,
  sleep,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Quarter } from '@app/domain';
import type {
  RedemptionApprovalActivities,
  RunApprovalRecord,
} from '../activities/redemption-approval.activities';
import type { RedemptionComputeActivities } from '../activities/redemption-compute.activities';
import type { RedemptionDisburseActivities } from '../activities/redemption-disburse.activities';
import type { RedemptionNotifyActivities } from '../activities/redemption-notify.activities';
import type { RunState } from '../activities/redemption-run.store';
import type { ActivitiesOf } from './activity-types';
import { domainOnDemand } from './domain-on-demand';
import { refusal } from './refusal';

/*
 * The quarterly redemption run (docs/adr/0010-redemption-run.md), id `redemption-run:<program>:<year>-Q<n>`:
 * open → compute payouts in chunks → summarize → wait for finance's `approveRun` Update → disburse in
 * chunks → notify → complete. PostgreSQL holds the run's state (status, cursor-free chunk progress), so a
 * continued-as-new or restarted execution resumes from the run's recorded status.
 */

// Every step heartbeats while it runs (the worker's keep-alive, and progress where a step loops), so a
// worker killed mid-step is noticed within the heartbeat timeout and the step retried on another worker,
// instead of waiting out the start-to-close timeout.
const HEARTBEAT = '15 seconds';

const { openRedemptionRun, computeRunPayoutsChunk, summarizeRedemptionRun } = proxyActivities<
  ActivitiesOf<RedemptionComputeActivities>
>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: HEARTBEAT,
  retry: { initialInterval: '1s', maximumInterval: '30s' },
});

const { recordRunApproval } = proxyActivities<ActivitiesOf<RedemptionApprovalActivities>>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: HEARTBEAT,
  retry: { initialInterval: '1s', maximumInterval: '10s', maximumAttempts: 10 },
});

const { disburseRunPayoutsChunk } = proxyActivities<ActivitiesOf<RedemptionDisburseActivities>>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '10s' },
});

const { completeRedemptionRun } = proxyActivities<ActivitiesOf<RedemptionDisburseActivities>>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: HEARTBEAT,
  retry: { initialInterval: '1s', maximumInterval: '30s' },
});

const { notifyRunPayouts } = proxyActivities<ActivitiesOf<RedemptionNotifyActivities>>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: HEARTBEAT,
  // Mail trouble must not hold the money trail hostage: a few tries, then the run completes and says so.
  retry: { initialInterval: '2s', maximumInterval: '1 minute', maximumAttempts: 6 },
});

const { notifyRunAwaitingApproval } = proxyActivities<ActivitiesOf<RedemptionApprovalActivities>>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: HEARTBEAT,
  // Mail trouble never holds the run: a few tries, then it waits for finance anyway.
  retry: { initialInterval: '2s', maximumInterval: '1 minute', maximumAttempts: 6 },
});

export interface RedemptionRunInput {
  programCode: string;
  year: number;
  quarter: Quarter;
  /** Vouchers per compute chunk (default: the activity's). */
  computeChunkVouchers?: number;
  /** Payouts per disbursement activity (default: the activity's). */
  disburseChunkPayouts?: number;
  /** Activities per execution before continue-as-new (keeps history small). */
  maxChunksPerExecution?: number;
}

export interface ApproveRunInput {
  /** The finance user approving the run (users.id). */
  approverId: string;
}

export interface RunProgress {
  runId: string | null;
  status: string;
  claimCount: number;
  totalPayout: string;
  paidCount: number;
  paidTotal: string;
}

export interface RedemptionRunResult extends RunProgress {
  workflowId: string;
  notificationsFailed: boolean;
}

export const approveRunUpdate = defineUpdate<RunApprovalRecord, [ApproveRunInput]>('approveRun');
export const runProgressQuery = defineQuery<RunProgress>('runProgress');

const DEFAULT_MAX_CHUNKS_PER_EXECUTION = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function failureMessage(err: unknown): string {
  if (err instanceof ActivityFailure && err.cause) return err.cause.message;
  return err instanceof Error ? err.message : String(err);
}

export async function redemptionRunWorkflow(input: RedemptionRunInput): Promise<RedemptionRunResult> {
  const { programCode, year, quarter } = input;
  const { findProgram, redemptionRunKey } = domainOnDemand();
  if (!findProgram(programCode)) {
    throw ApplicationFailure.nonRetryable(`unknown program ${programCode}`, 'UnknownProgram');
  }
  const key = redemptionRunKey(programCode, year, quarter); // validates year and quarter
  const maxChunks = Math.max(1, input.maxChunksPerExecution ?? DEFAULT_MAX_CHUNKS_PER_EXECUTION);

  const progress: RunProgress = {
    runId: null,
    status: 'opening',
    claimCount: 0,
    totalPayout: '0.00',
    paidCount: 0,
    paidTotal: '0.00',
  };
  let approval: RunApprovalRecord | null = null;
  let approving = false;
  let chunks = 0;

  const adopt = (run: RunState) => {
    progress.runId = run.runId;
    progress.status = run.status;
    progress.claimCount = run.claimCount;
    progress.totalPayout = run.totalPayout;
    progress.paidCount = run.paidCount;
    progress.paidTotal = run.paidTotal;
  };

  setHandler(runProgressQuery, () => ({ ...progress }));
  setHandler(
    approveRunUpdate,
    async ({ approverId }) => {
      approving = true;
      try {
        approval = await recordRunApproval({ runId: progress.runId!, approverId });
        progress.status = approval.status;
        return approval;
      } catch (err) {
        // The activity's reason (RunAlreadyApproved, ApproverNotFinance…) as a domain code: RUN_ALREADY_APPROVED.
        const cause = err instanceof ActivityFailure ? err.cause : err;
        const type = cause instanceof ApplicationFailure ? cause.type : null;
        const code = type ? type.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase() : 'APPROVAL_REFUSED';
        const message = `approval refused: ${failureMessage(err)}`;
        throw refusal(code, { zh: `审批未通过:${failureMessage(err)}`, en: message });
      } finally {
        approving = false;
      }
    },
    {
      validator: (update: ApproveRunInput) => {
        if (approval) {
          throw refusal('RUN_ALREADY_APPROVED', {
            zh: `该兑付批次已由 ${approval.approvedBy} 审批`,
            en: `Run already approved by ${approval.approvedBy}`,
          });
        }
        if (approving) {
          throw refusal('RUN_APPROVAL_IN_PROGRESS', {
            zh: '审批正在记录中',
            en: 'An approval is already being recorded',
          });
        }
        if (progress.status !== 'awaiting_approval') {
          throw refusal('RUN_NOT_AWAITING_APPROVAL', {
            zh: `该兑付批次不在待审批状态(${progress.status})`,
            en: `Run is not awaiting approval (status: ${progress.status})`,
          });
        }
        if (typeof update?.approverId !== 'string' || !UUID.test(update.approverId)) {
          throw refusal(
            'INVALID_ID',
            { zh: 'approverId 须为用户 id(uuid)', en: 'approverId must be a user id (uuid)' },
            'approverId',
          );
        }
      },
    },
  );

  /** Continue-as-new with the same input: the run's recorded status tells the next execution where to go. */
  const maybeContinueAsNew = async () => {
    chunks += 1;
    if (chunks < maxChunks && !workflowInfo().continueAsNewSuggested) return;
    await condition(allHandlersFinished);
    await continueAsNew<typeof redemptionRunWorkflow>(input);
  };

  upsertSearchAttributes({ ProgramCode: [programCode], RedemptionQuarter: [`${year}-Q${quarter}`] });
  const run = await openRedemptionRun({ programCode, year, quarter, workflowId: key });
  adopt(run);
  const runId = run.runId;
  if (run.approvedBy) {
    approval = { runId, approvedBy: run.approvedBy, approvedAt: run.approvedAt!, status: run.status };
  }

  if (run.status === 'cancelled') {
    return { ...progress, workflowId: key, notificationsFailed: false };
  }

  if (run.status === 'gathering' || run.status === 'computing') {
    // Keyset pages over vouchers; claims computed leave 'pending', so a page past the end restarts from
    // the beginning once to sweep claims that arrived behind the cursor, and an empty first page ends it.
    let cursor: string | null = null;
    for (;;) {
      const chunk: Awaited<ReturnType<typeof computeRunPayoutsChunk>> = await computeRunPayoutsChunk({
        runId,
        cursor,
        maxVouchers: input.computeChunkVouchers,
      });
      progress.claimCount += chunk.payoutsCreated;
      if (chunk.vouchers === 0 && cursor === null) break;
      cursor = chunk.endOfPass ? null : chunk.nextCursor;
      // After real work only, so even a limit of one chunk per execution always makes progress.
      await maybeContinueAsNew();
    }
  }

  if (progress.status !== 'disbursing' && progress.status !== 'completed') {
    if (progress.status !== 'awaiting_approval') {
      const summary = await summarizeRedemptionRun(runId);
      progress.status = summary.status;
      progress.claimCount = summary.claimCount;
      progress.totalPayout = summary.totalPayout;
      try {
        await notifyRunAwaitingApproval(runId);
      } catch (err) {
        log.warn('could not notify finance that the run awaits approval', {
          runId,
          error: failureMessage(err),
        });
      }
    }
    await condition(() => approval !== null && !approving);
  }

  if (progress.status === 'disbursing') {
    for (;;) {
      const chunk: Awaited<ReturnType<typeof disburseRunPayoutsChunk>> = await disburseRunPayoutsChunk({
        runId,
        limit: input.disburseChunkPayouts,
      });
      progress.paidCount = chunk.paidCount;
      progress.paidTotal = chunk.paidTotal;
      if (chunk.remaining === 0) break;
      await maybeContinueAsNew();
    }
  }

  let notificationsFailed = false;
  if (progress.status !== 'completed') {
    try {
      await notifyRunPayouts(runId);
    } catch (err) {
      notificationsFailed = true;
      log.warn('payout notifications failed; completing the run anyway', {
        runId,
        error: failureMessage(err),
      });
    }
    adopt(await completeRedemptionRun({ runId, notificationsFailed }));
  }
  await condition(allHandlersFinished);
  return { ...progress, workflowId: key, notificationsFailed };
}

export interface ScheduledRedemptionRunInput {
  programCode: string;
  /**
   * The instant the run is for (ISO). Default: the schedule's scheduled time (TemporalScheduledStartTime),
   * else the workflow's start time. Only for backfills by hand and tests.
   */
  scheduledFor?: string;
}

export type ScheduledRedemptionRunResult =
  | { outcome: 'no-run-this-quarter'; year: number; quarter: Quarter; businessDate: string }
  | { outcome: 'already-running'; workflowId: string; year: number; quarter: Quarter }
  | {
      outcome: 'started';
      workflowId: string;
      year: number;
      quarter: Quarter;
      result: RedemptionRunResult | null;
    };

/** The time the Schedule meant to start this workflow (kept across catch-up), else the start time. */
function scheduledInstant(input: ScheduledRedemptionRunInput): Date {
  if (input.scheduledFor) return new Date(input.scheduledFor);
  const info = workflowInfo();
  const attr = (info.searchAttributes as Record<string, unknown[] | undefined> | undefined)
    ?.TemporalScheduledStartTime?.[0];
  if (attr instanceof Date) return attr;
  if (typeof attr === 'string') return new Date(attr);
  return info.startTime;
}

/** How long the scheduled parent waits for the run (approval can take weeks); the run itself goes on. */
const SCHEDULED_PARENT_WAIT = '80 days';

/**
 * Started by the program's Schedule at each quarter end (libs/temporal/src/schedules.ts). Derives the
 * quarter from the scheduled time in Asia/Shanghai and starts the run as a child with the deterministic
 * id, so a duplicate (catch-up, a run started by hand) finds the existing run instead of a second one.
 */
export async function scheduledRedemptionRunWorkflow(
  input: ScheduledRedemptionRunInput,
): Promise<ScheduledRedemptionRunResult> {
  const { businessDateOf, findProgram, quarterOf, redemptionRunKey, runsOfProgram } = domainOnDemand();
  const program = findProgram(input.programCode);
  if (!program)
    throw ApplicationFailure.nonRetryable(`unknown program ${input.programCode}`, 'UnknownProgram');
  const businessDate = businessDateOf(scheduledInstant(input));
  const { year, quarter } = quarterOf(businessDate);
  if (!runsOfProgram(program).some((r) => r.year === year && r.quarter === quarter)) {
    return { outcome: 'no-run-this-quarter', year, quarter, businessDate };
  }
  const workflowId = redemptionRunKey(program.code, year, quarter);
  try {
    const child = await startChild(redemptionRunWorkflow, {
      workflowId,
      args: [{ programCode: program.code, year, quarter }],
      // A completed run is never run again; a failed or terminated one may be retried by a later trigger.
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      // The run outlives this parent (approval may take longer than the parent waits).
      parentClosePolicy: 'ABANDON',
    });
    const result = await Promise.race([child.result(), sleep(SCHEDULED_PARENT_WAIT).then(() => null)]);
    return { outcome: 'started', workflowId, year, quarter, result };
  } catch (err) {
    // WorkflowExecutionAlreadyStartedError (from @temporalio/common, which workflows may not import).
    if (err instanceof Error && err.name === 'WorkflowExecutionAlreadyStartedError') {
      return { outcome: 'already-running', workflowId, year, quarter };
    }
    throw err;
  }
}
