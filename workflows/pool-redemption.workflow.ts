import { condition, defineQuery, defineUpdate, log, proxyActivities, setHandler } from '@temporalio/workflow';
import type {
  PoolRedemptionActivities,
  PoolRedemptionOutcome,
} from '../activities/pool-redemption.activities';
import type { ActivitiesOf } from './activity-types';
import { refusal } from './refusal';

const acts = proxyActivities<ActivitiesOf<PoolRedemptionActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1s', maximumInterval: '30s' },
});

// The foundation's DirectPaymentActivities (activities/direct-payment.activities.ts): sends one approved
// direct payment to the bank with its idempotency key, marks it paid, writes its funding shares.
const payments = proxyActivities<{
  disburseDirectPayment(input: { paymentId: string }): Promise<unknown>;
}>({
  startToCloseTimeout: '2 minutes',
  // Kept alive by the worker's heartbeats: a dead worker is noticed in seconds, not at the timeout.
  heartbeatTimeout: '15 seconds',
  retry: { initialInterval: '2s', maximumInterval: '1 minute' },
});

const notifications = proxyActivities<Pick<ActivitiesOf<PoolRedemptionActivities>, 'notifyPoolRedemption'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2s', maximumInterval: '1 minute', maximumAttempts: 8 },
});

export interface PoolRedemptionInput {
  redemptionId: string;
}

export interface PoolRedemptionVerdictInput {
  userId: string;
  decision: 'approve' | 'refuse';
  reason?: string | null;
}

export interface PoolRedemptionState {
  phase: 'verifying' | 'deciding' | 'refused' | 'paying' | 'paid';
  paymentId: string | null;
}

export const poolVerifyUpdate = defineUpdate<PoolRedemptionOutcome, [PoolRedemptionVerdictInput]>('verify');
export const poolRedemptionStateQuery = defineQuery<PoolRedemptionState>('state');

export function poolRedemptionWorkflowId(redemptionId: string): string {
  return `pool-redemption:${redemptionId}`;
}

/**
 * One per submitted redemption (`pool-redemption:<id>`): the bureau verifies (an Update with a validator);
 * approval creates one direct payment to the supplier, which is disbursed once and marked paid.
 */
export async function poolRedemptionWorkflow(input: PoolRedemptionInput): Promise<PoolRedemptionState> {
  const state: PoolRedemptionState = { phase: 'verifying', paymentId: null };
  let outcome: PoolRedemptionOutcome | null = null;
  setHandler(poolRedemptionStateQuery, () => state);
  setHandler(
    poolVerifyUpdate,
    async (v) => {
      state.phase = 'deciding';
      try {
        outcome = await acts.decidePoolRedemption({
          redemptionId: input.redemptionId,
          userId: v.userId,
          decision: v.decision,
          reason: v.reason?.trim() || null,
        });
        return outcome;
      } catch (err) {
        state.phase = 'verifying';
        const cause = (err as { cause?: { type?: string; message?: string } }).cause;
        if (cause?.type) {
          const message = cause.message ?? cause.type;
          throw refusal(cause.type, { zh: message, en: message });
        }
        throw err;
      }
    },
    {
      validator: (v) => {
        if (state.phase !== 'verifying') {
          throw refusal('REDEMPTION_DECIDED', { zh: '该兑付申请已决定', en: 'This redemption is decided' });
        }
        if (v.decision !== 'approve' && v.decision !== 'refuse') {
          throw refusal(
            'BAD_DECISION',
            { zh: '决定须为通过或不通过', en: 'The decision must be approve or refuse' },
            'decision',
          );
        }
        if (v.decision === 'refuse' && !(v.reason ?? '').trim()) {
          throw refusal(
            'REASON_REQUIRED',
            { zh: '不通过须填写理由', en: 'A refusal needs a reason' },
            'reason',
          );
        }
      },
    },
  );

  await condition(() => outcome !== null);
  const decided = outcome as unknown as PoolRedemptionOutcome;
  if (decided.status === 'refused') {
    state.phase = 'refused';
    await notify('refused');
    return state;
  }
  state.phase = 'paying';
  state.paymentId = decided.paymentId;
  await notify('approved');
  await payments.disburseDirectPayment({ paymentId: decided.paymentId });
  await acts.markPoolRedemptionPaid({ redemptionId: input.redemptionId });
  state.phase = 'paid';
  await notify('paid');
  return state;

  async function notify(event: 'approved' | 'refused' | 'paid'): Promise<void> {
    try {
      await notifications.notifyPoolRedemption({ redemptionId: input.redemptionId, event });
    } catch (err) {
      log.warn('notification not delivered', { event, error: String(err) });
    }
  }
}
