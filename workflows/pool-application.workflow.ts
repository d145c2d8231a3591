import {
  ParentClosePolicy,
  condition,
  defineQuery,
  defineUpdate,
  log,
  proxyActivities,
  setHandler,
  startChild,
} from '@temporalio/workflow';
import type {
  PoolActivities,
  PoolApplicationEvent,
  PoolDecisionKind,
  PoolDecisionOutcome,
} from '../activities/pool.activities';
import type { ActivitiesOf } from './activity-types';
import { refusal } from './refusal';

const acts = proxyActivities<ActivitiesOf<PoolActivities>>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1s',
    maximumInterval: '30s',
    nonRetryableErrorTypes: ['POOL_MATERIALS_MISSING'],
  },
});

// Mail trouble must not stall the pool: a bounded number of tries, then the step goes on.
const notifications = proxyActivities<Pick<ActivitiesOf<PoolActivities>, 'notifyPoolApplication'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2s', maximumInterval: '1 minute', maximumAttempts: 8 },
});

export interface PoolApplicationInput {
  applicationId: string;
  programCode: string;
  /** Set when the slot passed to this application from a refused one. */
  promotedFrom?: string | null;
}

export interface PoolDecision {
  reviewerId: string;
  decision: PoolDecisionKind;
  reason?: string | null;
}

export interface PoolApplicationState {
  phase: 'review' | 'deciding' | 'issued' | 'refused';
  voucherId: string | null;
  promotedId: string | null;
}

export const poolDecideUpdate = defineUpdate<PoolDecisionOutcome, [PoolDecision]>('decide');
export const poolStateQuery = defineQuery<PoolApplicationState>('state');

/** `pool-application:<id>`: one per application while it holds a slot of the pool. */
export function poolApplicationWorkflowId(applicationId: string): string {
  return `pool-application:${applicationId}`;
}

/**
 * One per application that holds a slot (`pool-application:<id>`), started when the bureau first decides
 * on it or when a refusal passes a slot on to it: the bureau's decision (an Update with a validator) issues the voucher, or
 * refuses and hands the slot to the earliest waiting application, whose own workflow this one starts.
 */
export async function poolApplicationWorkflow(input: PoolApplicationInput): Promise<PoolApplicationState> {
  const state: PoolApplicationState = { phase: 'review', voucherId: null, promotedId: null };
  let outcome: PoolDecisionOutcome | null = null;
  setHandler(poolStateQuery, () => state);

  setHandler(
    poolDecideUpdate,
    async (d) => {
      state.phase = 'deciding';
      try {
        outcome = await acts.decidePoolApplication({
          applicationId: input.applicationId,
          reviewerId: d.reviewerId,
          decision: d.decision,
          reason: d.reason?.trim() || null,
        });
        return outcome;
      } catch (err) {
        state.phase = 'review';
        const cause = (err as { cause?: { type?: string; message?: string } }).cause;
        if (cause?.type === 'POOL_MATERIALS_MISSING' || cause?.type === 'POOL_NOT_HOLDING') {
          const message = cause.message ?? cause.type;
          throw refusal(cause.type, { zh: message, en: message });
        }
        throw err;
      }
    },
    {
      validator: (d) => {
        if (state.phase !== 'review')
          throw refusal('POOL_NOT_AWAITING_DECISION', {
            zh: '该申请已决定',
            en: 'This application is decided',
          });
        if (d.decision !== 'approve' && d.decision !== 'refuse') {
          throw refusal(
            'BAD_DECISION',
            { zh: '决定须为通过或不通过', en: 'The decision must be approve or refuse' },
            'decision',
          );
        }
        if (d.decision === 'refuse' && !(d.reason ?? '').trim()) {
          throw refusal(
            'REASON_REQUIRED',
            { zh: '不通过须填写理由', en: 'A refusal needs a reason' },
            'reason',
          );
        }
      },
    },
  );

  // A holder learned its place from the HTTP answer; one the slot passed to hears it here.
  if (input.promotedFrom) await notify('promoted');
  await condition(() => outcome !== null);
  const decided = outcome as unknown as PoolDecisionOutcome;
  if (decided.status === 'issued') {
    state.phase = 'issued';
    state.voucherId = decided.voucherId;
    await notify('issued');
    return state;
  }
  state.phase = 'refused';
  state.promotedId = decided.promotedId;
  await notify('refused');
  if (decided.promotedId) {
    try {
      await startChild(poolApplicationWorkflow, {
        workflowId: poolApplicationWorkflowId(decided.promotedId),
        args: [
          {
            applicationId: decided.promotedId,
            programCode: input.programCode,
            promotedFrom: input.applicationId,
          },
        ],
        // The promoted application lives on after this one ends.
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    } catch (err) {
      // Already started (a retry of this step after a worker restart): nothing more to do.
      if ((err as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw err;
    }
  }
  return state;

  async function notify(event: PoolApplicationEvent): Promise<void> {
    try {
      await notifications.notifyPoolApplication({ applicationId: input.applicationId, event });
    } catch (err) {
      log.warn('notification not delivered', { event, error: String(err) });
    }
  }
}
