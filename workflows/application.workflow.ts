import {
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  defineUpdate,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
// Only the modules this workflow uses: each new execution evaluates what the bundle imports (ADR 0054).
import { Money } from '@app/domain/money';
import {
  SAME_REVIEWER_MESSAGE,
  applicationStatusOf,
  phaseAfterDecision,
  sameReviewerRefusal,
  type ApplicationPhase,
} from '@app/domain/application-status';
import type {
  ApplicationActivities,
  IssuanceOutcome,
  ReviewDecisionKind,
  VoucherState,
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

// The steps a user waits on (submission → review task; a decision → its answer) run as local activities:
// each is one short transaction, and running it inside the workflow task saves the server hand-offs a
// scheduled activity costs (ADR 0038).
const local = proxyLocalActivities<ActivitiesOf<ApplicationActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1s', maximumInterval: '30s' },
});

/** Checks and the first review task in one step (workflows started before it ran two activities). */
export const ONE_STEP_SUBMISSION = 'one-step-submission';
/** A decision and, when nothing else must approve, the issuance in one step (before: two activities). */
export const ONE_STEP_DECISION = 'one-step-decision';
/**
 * The voucher's first check comes with its issuance, and the issued notice is sent while the voucher's life
 * begins (before: the notice, then a check, each an activity and a workflow task of its own).
 */
export const ISSUED_IN_ONE_TASK = 'issued-in-one-task';

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
  phase: ApplicationPhase;
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
const SAME_REVIEWER = SAME_REVIEWER_MESSAGE;

/**
 * One per application (`application:<id>`): automated checks → review (with supplement rounds) →
 * second approval above the threshold → issuance within the yearly cap → the voucher's life until it is
 * exhausted, expires after the program's final run, or is withdrawn.
 */
export async function applicationWorkflow(input: ApplicationWorkflowInput): Promise<ApplicationState> {
  const state: ApplicationState = {
    phase: input.voucher ? 'issued' : 'submitted',
    round: 1,
    openTask: null,
    voucherId: input.voucher?.voucherId ?? null,
    eligibility: null,
    voucherChecks: 0,
  };
  let decision: ReviewDecision | null = null;
  let deciding = false;
  let needsSecond = false;
  /** The issuance a one-step decision already made (null until then, and always on older runs). */
  let issuance: IssuanceOutcome | null = null;
  /**
   * The issued voucher's state as that decision's transaction left it: the voucher's first check
   * (ISSUED_IN_ONE_TASK; absent from older results).
   */
  let issuedVoucher: VoucherState | null = null;
  /** The issued notice on its way while the voucher's life begins; awaited before the workflow moves on. */
  let issuedNotice: Promise<void> | null = null;
  let resubmitted = false;
  setHandler(stateQuery, () => state);

  setHandler(
    decideUpdate,
    async (d) => {
      // The task row is visible in the queue a moment before this workflow learns its id: wait for it.
      const reached = await condition(() => state.openTask?.taskId === d.taskId, '30 seconds');
      if (!reached || deciding) throw refusal('TASK_NOT_OPEN', TASK_NOT_OPEN);
      const task = state.openTask!;
      if (sameReviewerRefusal(task, d.reviewerId)) {
        throw refusal('SAME_REVIEWER', SAME_REVIEWER);
      }
      deciding = true;
      const recorded = {
        applicationId: input.applicationId,
        taskId: d.taskId,
        kind: task.kind,
        reviewerId: d.reviewerId,
        decision: d.decision,
        reason: d.reason ?? null,
      };
      if (patched(ONE_STEP_DECISION)) {
        const next = phaseAfterDecision({
          kind: task.kind,
          decision: d.decision,
          needsSecondApproval: needsSecond,
        });
        const done = await local.decide({
          ...recorded,
          // An approval leaves the status to the next step (the second task, or the issuance below).
          status: next === 'rejected' || next === 'supplement' ? applicationStatusOf(next) : null,
          issue:
            next === 'issue'
              ? {
                  approvedBy: d.reviewerId,
                  statuses: {
                    issued: applicationStatusOf('issued'),
                    refused: applicationStatusOf('refused'),
                  },
                }
              : null,
        });
        issuance = done.issuance;
        issuedVoucher = done.voucher ?? null;
        decision = d;
        return { applicationStatus: done.applicationStatus };
      }
      const result = await acts.recordReviewDecision(recorded);
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
        if (task && sameReviewerRefusal(task, d.reviewerId)) {
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
      // Read before awaiting: the main loop moves to the next round while the resubmission is recorded.
      const next = state.round + 1;
      resubmitted = true;
      await acts.recordResubmission({ applicationId: input.applicationId, userId, note: note ?? null });
      return { round: next };
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
    upsertSearchAttributes({
      ProgramCode: [input.programCode],
      ApplicationStatus: [applicationStatusOf('submitted')],
    });
    const oneStep = patched(ONE_STEP_SUBMISSION);
    let firstTask: { taskId: string } | null = null;
    let eligibility: EligibilityOutcome;
    if (oneStep) {
      // Ready for the first task's decision before the task becomes visible in the queue.
      decision = null;
      deciding = false;
      const checked = await local.checkAndOpenReview({
        applicationId: input.applicationId,
        round: state.round,
        dueInMs: input.reviewDueMs ?? DEFAULT_REVIEW_DUE_MS,
        statuses: { eligible: applicationStatusOf('review'), refused: applicationStatusOf('refused') },
      });
      eligibility = checked.eligibility;
      firstTask = checked.task;
    } else {
      eligibility = await acts.runEligibilityChecks(input.applicationId);
    }
    state.eligibility = eligibility;
    if (!eligibility.eligible) {
      enter('refused');
      await notify({ applicationId: input.applicationId, event: 'refused' });
      return false;
    }
    const threshold = Money.parse(input.secondApprovalThreshold ?? '500000.00');
    needsSecond = Money.of(eligibility.quotedFaceValue ?? '0').gte(threshold);
    for (;;) {
      const first = await review('review', null, firstTask);
      firstTask = null;
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

  /** Opens the task (unless the submission step already did) and waits for its decision. */
  async function review(
    kind: 'review' | 'second_approval',
    excludedUserId: string | null,
    opened: { taskId: string } | null = null,
  ): Promise<ReviewDecision> {
    const dueInMs = input.reviewDueMs ?? DEFAULT_REVIEW_DUE_MS;
    enter(kind);
    issuance = null;
    let taskId: string;
    if (opened) {
      taskId = opened.taskId;
    } else {
      // Ready for this task's decision before the task becomes visible in the queue.
      decision = null;
      deciding = false;
      ({ taskId } = await acts.openReviewTask({
        applicationId: input.applicationId,
        kind,
        round: state.round,
        dueInMs,
        excludedUserId,
      }));
    }
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
    enter('supplement');
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
    enter('rejected');
    await notify({ applicationId: input.applicationId, event: 'rejected' });
    return false;
  }

  async function issue(approvedBy: string): Promise<boolean> {
    // A one-step decision issued (or was refused at issuance) already; older runs issue here.
    const outcome: IssuanceOutcome =
      issuance ??
      (await acts.issueVoucher({
        applicationId: input.applicationId,
        approvedBy,
      }));
    if (!outcome.issued) {
      enter('refused');
      await notify({ applicationId: input.applicationId, event: 'refused' });
      return false;
    }
    state.voucherId = outcome.voucherId;
    enter('issued');
    if (issuedVoucher && patched(ISSUED_IN_ONE_TASK)) {
      issuedNotice = notify({ applicationId: input.applicationId, event: 'issued' });
      return true;
    }
    issuedVoucher = null;
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
      const v = issuedVoucher ?? (await acts.voucherState(state.voucherId!));
      issuedVoucher = null;
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
        if (issuedNotice) await issuedNotice;
        await continueAsNew<typeof applicationWorkflow>({
          ...input,
          voucher: { voucherId: state.voucherId! },
        });
      }
    }
    if (issuedNotice) await issuedNotice;
    if (withdrawn) {
      await acts.withdrawVoucher({
        voucherId: state.voucherId!,
        ...(withdrawn as { userId: string; reason: string }),
      });
    }
    state.phase = 'closed';
    return state;
  }

  /** The one place the workflow moves phase; the search attribute shows the phase's status. */
  function enter(phase: ApplicationPhase) {
    state.phase = phase;
    upsertSearchAttributes({ ApplicationStatus: [applicationStatusOf(phase)] });
  }
}
