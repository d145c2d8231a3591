import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { GrantActivities, GrantState } from '../activities/grant.activities';
import type { ActivitiesOf } from './activity-types';
import { refusal } from './refusal';

/*
 * One automatic grant (免申即享, 绿色算力券), id `grant:<program>:<data centre>`: created when an admin records
 * the qualifying fact, approved by finance (an Update), paid as one direct payment, done.
 */

interface DirectPaymentSteps {
  disburseDirectPayment(input: { paymentId: string }): Promise<unknown>;
}

const steps = proxyActivities<ActivitiesOf<GrantActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1s', maximumInterval: '30s' },
});
const payments = proxyActivities<DirectPaymentSteps>({
  startToCloseTimeout: '2 minutes',
  // Kept alive by the worker's heartbeats: a dead worker is noticed in seconds, not at the timeout.
  heartbeatTimeout: '15 seconds',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '10s' },
});

export interface GrantWorkflowInput {
  grantId: string;
}

export const approveGrantUpdate = defineUpdate<GrantState, [{ approverId: string }]>('approveGrant');
export const grantStateQuery = defineQuery<GrantState | null>('grantState');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function grantWorkflow(input: GrantWorkflowInput): Promise<GrantState> {
  // Handlers first: an approval arriving before the first activity returns waits for the grant's state.
  let state: GrantState | null = null;
  let approving = false;
  setHandler(grantStateQuery, () => state);
  setHandler(
    approveGrantUpdate,
    async ({ approverId }) => {
      approving = true;
      try {
        await condition(() => state !== null);
        state = await steps.approveGrantPayment({ grantId: input.grantId, approverId });
        return state;
      } catch (err) {
        const cause = err instanceof ActivityFailure ? err.cause : err;
        throw ApplicationFailure.nonRetryable(
          cause instanceof Error ? cause.message : String(cause),
          'StepFailed',
        );
      } finally {
        approving = false;
      }
    },
    {
      validator: ({ approverId }) => {
        if (typeof approverId !== 'string' || !UUID.test(approverId))
          throw refusal(
            'INVALID_ID',
            { zh: 'approverId 须为 uuid', en: 'approverId must be a uuid' },
            'approverId',
          );
        if (approving || (state !== null && state.status !== 'awaiting_finance')) {
          const status = approving ? 'being approved' : state?.status;
          throw refusal('GRANT_NOT_AWAITING_FINANCE', {
            zh: `该项资助不在待财务审批状态(${status})`,
            en: `The grant is ${status}`,
          });
        }
      },
    },
  );
  const loaded = await steps.loadGrantState(input.grantId);
  // An approval that ran meanwhile holds the newer state.
  if (state === null) state = loaded;
  await condition(() => state!.status !== 'awaiting_finance' && !approving);
  if (state!.status === 'approved' && state!.paymentId) {
    await payments.disburseDirectPayment({ paymentId: state!.paymentId });
  }
  state = await steps.completeGrant(input.grantId);
  await condition(allHandlersFinished);
  return state;
}
