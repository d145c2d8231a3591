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
  workflowInfo,
} from '@temporalio/workflow';
import type {
  ApproveRoundPaymentInput,
  DecideObjectionInput,
  ReviewEntryInput,
  RoundActivities,
} from '../activities/round.activities';
import type { RoundState } from '../activities/round-store';
import type { ActivitiesOf } from './activity-types';
import { domainOnDemand } from './domain-on-demand';
import { refusal } from './refusal';

/*
 * One ranked round of one program and year, id `allocation-round:<program>:<year>` (特惠算力券, 算力补贴券):
 * open → closed and ranked → reviewing (refusals admit the next in rank) → plan on public notice (公示;
 * objections decided by a senior reviewer, an upheld one sends the round back to review or straight to a
 * re-matched plan) → awaiting finance → paying → paid. PostgreSQL is the read model; each step's activity
 * checks the state under the round's lock. The business clock lives in PostgreSQL (sandbox): the workflow
 * looks at it through activities, on each human step and on a timer.
 */

/** The foundation's payment step (activities/direct-payment.activities.ts). */
interface DirectPaymentSteps {
  disburseDirectPayment(input: { paymentId: string }): Promise<unknown>;
}

// Bounded: a human step waits on these, so a step that keeps failing answers the caller with the error.
const steps = proxyActivities<ActivitiesOf<RoundActivities>>({
  startToCloseTimeout: '2 minutes',
  // Kept alive by the worker's heartbeats: a dead worker is noticed in seconds, not at the timeout.
  heartbeatTimeout: '15 seconds',
  retry: { initialInterval: '1s', maximumInterval: '10s', maximumAttempts: 5 },
});

// Mail trouble never holds the round: a few tries, then it goes on (the inbox rows are written first).
const { notifyRoundEntries } = proxyActivities<ActivitiesOf<RoundActivities>>({
  startToCloseTimeout: '10 minutes',
  // Kept alive by the worker's heartbeats: a dead worker is noticed in seconds, not at the timeout.
  heartbeatTimeout: '15 seconds',
  retry: { initialInterval: '2s', maximumInterval: '1 minute', maximumAttempts: 6 },
});

const payments = proxyActivities<DirectPaymentSteps>({
  startToCloseTimeout: '2 minutes',
  // Kept alive by the worker's heartbeats: a dead worker is noticed in seconds, not at the timeout.
  heartbeatTimeout: '15 seconds',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '10s' },
});

export interface AllocationRoundInput {
  programCode: string;
  year: number;
  /** How often the workflow looks at the business clock by itself (window close, notice end). */
  clockCheckSeconds?: number;
  /** Carried across continue-as-new: the last plan revision announced. */
  notifiedRevision?: number;
  /** Continue-as-new past this many history events (default 5000). */
  maxHistoryEvents?: number;
}

export interface CloseRoundInput {
  actorId: string;
}

export const closeRoundUpdate = defineUpdate<RoundState, [CloseRoundInput]>('closeRound');
export const reviewEntryUpdate = defineUpdate<RoundState, [Omit<ReviewEntryInput, 'roundId'>]>('reviewEntry');
export const decideObjectionUpdate = defineUpdate<RoundState, [Omit<DecideObjectionInput, 'roundId'>]>(
  'decideObjection',
);
export const approveRoundPaymentUpdate = defineUpdate<
  RoundState,
  [Omit<ApproveRoundPaymentInput, 'roundId'>]
>('approveRoundPayment');
export const roundStateQuery = defineQuery<RoundState | null>('roundState');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function rethrow(err: unknown): never {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure) throw ApplicationFailure.nonRetryable(cause.message, cause.type);
  throw ApplicationFailure.nonRetryable(cause instanceof Error ? cause.message : String(cause), 'StepFailed');
}

export async function allocationRoundWorkflow(input: AllocationRoundInput): Promise<RoundState> {
  const workflowId = domainOnDemand().allocationRoundKey(input.programCode, input.year);
  const checkEvery = Math.max(1, input.clockCheckSeconds ?? 3600) * 1000;
  // Handlers are registered before the first await: a step that reaches a new run (after continue-as-new)
  // before its first activity returns waits for the round's state instead of being refused.
  let state = { status: 'starting', stamp: -1 } as unknown as RoundState;
  const started = () => (state.status as string) !== 'starting';
  let nudged = false;
  let paymentIds: string[] = [];
  let notifiedRevision = input.notifiedRevision ?? 0;
  const notify = async (event: 'plan' | 'paid', planRevision: number) => {
    try {
      await notifyRoundEntries({ roundId: state.roundId, event, planRevision });
    } catch (err) {
      log.warn('round notifications failed; the round goes on', { event, error: String(err) });
    }
  };

  /** Keeps the newest snapshot: concurrent steps may return out of order. */
  const adopt = (next: RoundState) => {
    if (next.stamp >= state.stamp) state = next;
    nudged = true;
    return state;
  };
  const uuid = (v: unknown, what: string) => {
    if (typeof v !== 'string' || !UUID.test(v)) {
      throw refusal('INVALID_ID', { zh: `${what} 须为 uuid`, en: `${what} must be a uuid` }, what);
    }
  };

  setHandler(roundStateQuery, () => state);

  setHandler(
    closeRoundUpdate,
    async ({ actorId }) => {
      await condition(started);
      const r = await steps.closeAndRankRound({ roundId: state.roundId, actor: actorId }).catch(rethrow);
      if (!r.closed) {
        throw refusal('ROUND_WINDOW_NOT_OVER', { zh: '申报期尚未结束', en: 'The window is still open' });
      }
      return adopt(r);
    },
    {
      validator: ({ actorId }) => {
        uuid(actorId, 'actorId');
        if (started() && state.status !== 'open') {
          throw refusal('ROUND_ALREADY_CLOSED', {
            zh: `本轮已截止(${state.status})`,
            en: `The round is ${state.status}`,
          });
        }
      },
    },
  );

  setHandler(
    reviewEntryUpdate,
    async (decision) => {
      await condition(started);
      return adopt(await steps.recordRoundReview({ ...decision, roundId: state.roundId }).catch(rethrow));
    },
    {
      validator: (d) => {
        uuid(d?.entryId, 'entryId');
        uuid(d?.reviewerId, 'reviewerId');
        if (d.decision !== 'approve' && d.decision !== 'refuse')
          throw refusal(
            'BAD_DECISION',
            { zh: '决定须为通过或不通过', en: 'The decision must be approve or refuse' },
            'decision',
          );
        if (d.decision === 'refuse' && !d.reason?.trim())
          throw refusal(
            'REASON_REQUIRED',
            { zh: '不通过须填写理由', en: 'A refusal needs a reason' },
            'reason',
          );
        if (started() && state.status !== 'reviewing') {
          throw refusal('ROUND_NOT_REVIEWING', {
            zh: `本轮不在审核阶段(${state.status})`,
            en: `The round is ${state.status}`,
          });
        }
      },
    },
  );

  setHandler(
    decideObjectionUpdate,
    async (d) => {
      await condition(started);
      return adopt(await steps.recordObjectionDecision({ ...d, roundId: state.roundId }).catch(rethrow));
    },
    {
      validator: (d) => {
        uuid(d?.objectionId, 'objectionId');
        uuid(d?.deciderId, 'deciderId');
        if (d.outcome !== 'upheld' && d.outcome !== 'dismissed')
          throw refusal(
            'BAD_OUTCOME',
            { zh: '结论须为成立或不成立', en: 'The outcome must be upheld or dismissed' },
            'outcome',
          );
        if (!d.reason?.trim()) {
          throw refusal(
            'REASON_REQUIRED',
            { zh: '决定须填写理由', en: 'A decision needs a reason' },
            'reason',
          );
        }
        if (started() && !['reviewing', 'notice', 'awaiting_finance'].includes(state.status)) {
          throw refusal('ROUND_NOT_IN_NOTICE', {
            zh: `本轮不在公示阶段(${state.status})`,
            en: `The round is ${state.status}`,
          });
        }
      },
    },
  );

  setHandler(
    approveRoundPaymentUpdate,
    async ({ approverId }) => {
      await condition(started);
      const r = await steps.approveRoundPayment({ roundId: state.roundId, approverId }).catch(rethrow);
      paymentIds = r.paymentIds;
      return adopt(r);
    },
    {
      validator: ({ approverId }) => {
        uuid(approverId, 'approverId');
        if (started() && state.status !== 'notice' && state.status !== 'awaiting_finance') {
          throw refusal('ROUND_NOT_IN_NOTICE', {
            zh: `本轮不在公示阶段(${state.status})`,
            en: `The round is ${state.status}`,
          });
        }
      },
    },
  );

  adopt(await steps.openAllocationRound({ programCode: input.programCode, year: input.year, workflowId }));

  /**
   * Waits for a human step or the timer, whichever comes first. A round lives for months: when the history
   * grows long it continues as new at this quiet point (the round's state is in PostgreSQL).
   */
  const pause = async () => {
    nudged = false;
    await condition(() => nudged, checkEvery);
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > (input.maxHistoryEvents ?? 5000)) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof allocationRoundWorkflow>({ ...input, notifiedRevision });
    }
  };

  while (state.status !== 'paid') {
    // Each published revision of the plan is announced once (also when finance was quicker than the mail).
    if (state.planRevision > notifiedRevision && state.status !== 'reviewing') {
      notifiedRevision = state.planRevision;
      await notify('plan', notifiedRevision);
      continue;
    }
    switch (state.status) {
      case 'open': {
        await pause();
        if (state.status === 'open') {
          const r = await steps.closeAndRankRound({ roundId: state.roundId });
          adopt(r);
        }
        break;
      }
      case 'reviewing':
        if (state.reviewComplete) adopt(await steps.publishRoundPlan(state.roundId));
        else await pause();
        break;
      case 'notice':
        await pause();
        if (state.status === 'notice') adopt(await steps.settleRoundNotice(state.roundId));
        break;
      case 'paying': {
        // After a continue-as-new (or a restart) the approved payments are read back from PostgreSQL.
        if (paymentIds.length === 0) paymentIds = await steps.listRoundPayments(state.roundId);
        for (const paymentId of paymentIds) await payments.disburseDirectPayment({ paymentId });
        const done = adopt(await steps.completeRoundPayment(state.roundId));
        if (done.status === 'paid') await notify('paid', done.planRevision);
        break;
      }
      case 'ranked':
      case 'awaiting_finance':
        await pause();
        break;
    }
  }
  await condition(allHandlersFinished);
  return state;
}
