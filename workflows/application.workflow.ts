import {
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  defineUpdate,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { Money } from '@app/domain';
import type {
  ApplicationActivities,
  IssuanceOutcome,
  ReviewDecisionKind,
} from '../activities/application.activities';
import type { ApplicationNotificationActivities } from '../activities/application-notification.activities';
import type { EligibilityActivities, EligibilityOutcome } from '../activities/eligibility.activities';
import type { ActivitiesOf } from './activity-types';
import { refusal } from './refusal';

// Mail trouble must not stall an application: a bounded number of tries, then the step goes on (the inbox
// row is written before the email is attempted, so the user still sees the message in the console).
const notifications = proxyActivities<ActivitiesOf<ApplicationNotificationActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2s', maximumInterval: '1 minute', maximumAttempts: 8 },
});

const acts = proxyActivities<ActivitiesOf<EligibilityActivities> & ActivitiesOf<ApplicationActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1s', maximumInterval: '30s' },
});

export interface ApplicationWorkflowInput {
  applicationId: string;
  programCode: string;
  /** How long a review task may stay undecided before a reminder (and as long again before escalation). */
  reviewDueMs?: number;
  /** Face values at or above this need a second approval (string money). */
  secondApprovalThreshold?: string;
  /** Present when continuing as new in the voucher phase. */
  voucher?: { voucherId: string };
}

export interface ReviewDecision {
  taskId: string;
  reviewerId: string;
  decision: ReviewDecisionKind;
  reason?: string | null;
}

export interface ApplicationState {
  phase:
    'checking' | 'refused' | 'review' | 'second_approval' | 'supplement' | 'rejected' | 'issued' | 'closed';
  round: number;
  openTask: { taskId: string; kind: 'review' | 'second_approval'; excludedUserId: string | null } | null;
  voucherId: string | null;
  eligibility: EligibilityOutcome | null;
  /** Voucher checks made by this run of the workflow (it continues as new after VOUCHER_CHECKS_PER_RUN). */
  voucherChecks: number;
}

export const decideUpdate = defineUpdate<{ applicationStatus: string }, [ReviewDecision]>('decide');
export const resubmitUpdate = defineUpdate<{ round: number }, [{ userId: string; note?: string | null }]>(
  'resubmit',
);
export const withdrawVoucherSignal = defineSignal<[{ userId: string; reason: string }]>('withdrawVoucher');
export const voucherChangedSignal = defineSignal('voucherChanged');
export const stateQuery = defineQuery<ApplicationState>('state');

const DEFAULT_REVIEW_DUE_MS = 5 * 24 * 3600 * 1000;
/** About three months of daily checks per run of the workflow. */
export const VOUCHER_CHECKS_PER_RUN = 100;

async function notify(
  input: Parameters<ApplicationNotificationActivities['notifyApplicationEvent']>[0],
): Promise<void> {
  try {
    await notifications.notifyApplicationEvent(input);
  } catch (err) {
    log.warn('notification not delivered', { event: input.event, error: String(err) });
  }
}

const TASK_NOT_OPEN = { zh: '该任务不在待决定状态', en: 'This task is not awaiting a decision' };
const SAME_REVIEWER = {
  zh: '复核须由与初审不同的审核人完成',
  en: 'The second approval must come from a different reviewer than the first',
};

/**
 * One per application (`application:<id>`): automated checks → review (with supplement rounds) →
 * second approval above the threshold → issuance within the yearly cap → the voucher's life until it is
 * exhausted, expires after the program's final run, or is withdrawn.
 */
export async function applicationWorkflow(input: ApplicationWorkflowInput): Promise<ApplicationState> {
  const state: ApplicationState = {
    phase: input.voucher ? 'issued' : 'checking',
    round: 1,
    openTask: null,
    voucherId: input.voucher?.voucherId ?? null,
    eligibility: null,
    voucherChecks: 0,
  };
  let decision: ReviewDecision | null = null;
  let deciding = false;
  let resubmitted = false;
  setHandler(stateQuery, () => state);

  setHandler(
    decideUpdate,
    async (d) => {
      // The task row is visible in the queue a moment before this workflow learns its id: wait for it.
      const reached = await condition(() => state.openTask?.taskId === d.taskId, '30 seconds');
      if (!reached || deciding) throw refusal('TASK_NOT_OPEN', TASK_NOT_OPEN);
      const task = state.openTask!;
      if (task.excludedUserId && task.excludedUserId === d.reviewerId) {
        throw refusal('SAME_REVIEWER', SAME_REVIEWER);
      }
      deciding = true;
      const result = await acts.recordReviewDecision({
        applicationId: input.applicationId,
        taskId: d.taskId,
        kind: task.kind,
        reviewerId: d.reviewerId,
        decision: d.decision,
        reason: d.reason ?? null,
      });
      decision = d;
      return result;
    },
    {
      validator: (d) => {
        const task = state.openTask;
        if (
          deciding ||
          (task && task.taskId !== d.taskId) ||
          ['refused', 'rejected', 'issued', 'closed'].includes(state.phase)
        ) {
          throw refusal('TASK_NOT_OPEN', TASK_NOT_OPEN);
        }
        if (task?.excludedUserId && task.excludedUserId === d.reviewerId) {
          throw refusal('SAME_REVIEWER', SAME_REVIEWER);
        }
        if (!['approve', 'reject', 'request_supplement'].includes(d.decision))
          throw refusal(
            'BAD_DECISION',
            {
              zh: '决定须为通过、驳回或要求补充材料',
              en: 'The decision must be approve, reject or request_supplement',
            },
            'decision',
          );
        if (d.decision !== 'approve' && !(d.reason ?? '').trim()) {
          throw refusal(
            'REASON_REQUIRED',
            { zh: '驳回或要求补充材料须填写理由', en: 'A rejection or supplement request needs a reason' },
            'reason',
          );
        }
      },
    },
  );

  setHandler(
    resubmitUpdate,
    async ({ userId, note }) => {
      resubmitted = true;
      await acts.recordResubmission({ applicationId: input.applicationId, userId, note: note ?? null });
      return { round: state.round + 1 };
    },
    {
      validator: (_resubmission) => {
        if (state.phase !== 'supplement' || resubmitted)
          throw refusal('NOT_AWAITING_SUPPLEMENT', {
            zh: '当前无需重新提交',
            en: 'Nothing to resubmit now',
          });
      },
    },
  );

  if (!input.voucher) {
    const issued = await reviewAndIssue();
    if (!issued) return state;
  }
  return voucherLife();

  async function reviewAndIssue(): Promise<boolean> {
    upsertSearchAttributes({ ProgramCode: [input.programCode], ApplicationStatus: ['checking'] });
    const eligibility = await acts.runEligibilityChecks(input.applicationId);
    state.eligibility = eligibility;
    if (!eligibility.eligible) {
      state.phase = 'refused';
      setStatus('refused');
      await notify({ applicationId: input.applicationId, event: 'refused' });
      return false;
    }
    const threshold = Money.parse(input.secondApprovalThreshold ?? '500000.00');
    const needsSecond = Money.of(eligibility.quotedFaceValue ?? '0').gte(threshold);
    for (;;) {
      const first = await review('review', null);
      if (first.decision === 'approve' && needsSecond) {
        const second = await review('second_approval', first.reviewerId);
        if (second.decision === 'approve') return issue(second.reviewerId);
        if (second.decision === 'reject') return reject();
        await awaitSupplement();
        continue;
      }
      if (first.decision === 'approve') return issue(first.reviewerId);
      if (first.decision === 'reject') return reject();
      await awaitSupplement();
    }
  }

  async function review(
    kind: 'review' | 'second_approval',
    excludedUserId: string | null,
  ): Promise<ReviewDecision> {
    const dueInMs = input.reviewDueMs ?? DEFAULT_REVIEW_DUE_MS;
    state.phase = kind;
    setStatus(kind === 'review' ? 'in_review' : 'awaiting_second_approval');
    // Ready for this task's decision before the task becomes visible in the queue.
    decision = null;
    deciding = false;
    const { taskId } = await acts.openReviewTask({
      applicationId: input.applicationId,
      kind,
      round: state.round,
      dueInMs,
      excludedUserId,
    });
    state.openTask = { taskId, kind, excludedUserId };
    await notify({ applicationId: input.applicationId, event: 'task_opened', taskId });
    // Undecided by the due time: remind; as long again: escalate to senior reviewers; then keep waiting.
    if (!(await condition(() => decision !== null, dueInMs))) {
      await acts.flagOverdueReviewTask({ taskId, stage: 'reminded' });
      await notify({
        applicationId: input.applicationId,
        event: 'task_reminder',
        taskId,
      });
      if (!(await condition(() => decision !== null, dueInMs))) {
        await acts.flagOverdueReviewTask({ taskId, stage: 'escalated' });
        await notify({
          applicationId: input.applicationId,
          event: 'task_escalated',
          taskId,
        });
        await condition(() => decision !== null);
      }
    }
    state.openTask = null;
    return decision!;
  }

  async function awaitSupplement(): Promise<void> {
    state.phase = 'supplement';
    setStatus('supplement_requested');
    resubmitted = false;
    await notify({
      applicationId: input.applicationId,
      event: 'supplement_requested',
      round: state.round,
    });
    await condition(() => resubmitted);
    state.round += 1;
  }

  async function reject(): Promise<false> {
    state.phase = 'rejected';
    setStatus('rejected');
    await notify({ applicationId: input.applicationId, event: 'rejected' });
    return false;
  }

  async function issue(approvedBy: string): Promise<boolean> {
    const outcome: IssuanceOutcome = await acts.issueVoucher({
      applicationId: input.applicationId,
      approvedBy,
    });
    if (!outcome.issued) {
      state.phase = 'refused';
      setStatus('refused');
      await notify({ applicationId: input.applicationId, event: 'refused' });
      return false;
    }
    state.phase = 'issued';
    state.voucherId = outcome.voucherId;
    setStatus('issued');
    await notify({ applicationId: input.applicationId, event: 'issued' });
    return true;
  }

  /**
   * Checks the voucher daily (or when signalled); ends when it is used up, withdrawn, or — after the
   * program's final run on the business calendar — expired.
   */
  async function voucherLife(): Promise<ApplicationState> {
    let withdrawn: { userId: string; reason: string } | null = null;
    let changed = false;
    setHandler(withdrawVoucherSignal, (w) => void (withdrawn = w));
    setHandler(voucherChangedSignal, () => void (changed = true));
    for (;;) {
      if (withdrawn) break;
      const v = await acts.voucherState(state.voucherId!);
      state.voucherChecks += 1;
      if (v.status !== 'active' || Money.of(v.remaining).isZero()) break;
      if (v.pastFinalRun) {
        await acts.expireVoucher(state.voucherId!);
        break;
      }
      changed = false;
      await condition(() => changed || withdrawn !== null, '1 day');
      // A fresh run keeps the history small; a withdrawal that just arrived is handled first.
      if (
        !withdrawn &&
        (state.voucherChecks >= VOUCHER_CHECKS_PER_RUN || workflowInfo().continueAsNewSuggested)
      ) {
        await continueAsNew<typeof applicationWorkflow>({
          ...input,
          voucher: { voucherId: state.voucherId! },
        });
      }
    }
    if (withdrawn) {
      await acts.withdrawVoucher({
        voucherId: state.voucherId!,
        ...(withdrawn as { userId: string; reason: string }),
      });
    }
    state.phase = 'closed';
    return state;
  }

  function setStatus(status: string) {
    upsertSearchAttributes({ ApplicationStatus: [status] });
  }
}
