import type { DataSource } from 'typeorm';
import type { AppEnv } from '@app/config';
import type { Notifier } from '@app/notifications';
import { bindActivities, mergeActivities, type ActivitiesOf } from '@app/temporal/activities';
import type { PaymentAdapter } from './payment';
import { RedemptionApprovalActivities } from './redemption-approval.activities';
import { RedemptionComputeActivities } from './redemption-compute.activities';
import { RedemptionDisburseActivities } from './redemption-disburse.activities';
import { RedemptionNotifyActivities } from './redemption-notify.activities';

export * from './redemption-run.store';
export * from './redemption-compute.activities';
export * from './redemption-approval.activities';
export * from './redemption-disburse.activities';
export * from './redemption-notify.activities';

/*
 * The quarterly redemption run's activities (docs/adr/0010-redemption-run.md), one class per phase —
 * compute, approval, disburse, notify — each registered with the worker, over the run's SQL in
 * redemption-run.store.ts.
 */

/** The whole run's activities in one object, as the worker registers them. */
export type RedemptionActivities = ActivitiesOf<RedemptionComputeActivities> &
  ActivitiesOf<RedemptionApprovalActivities> &
  ActivitiesOf<RedemptionDisburseActivities> &
  ActivitiesOf<RedemptionNotifyActivities>;

/**
 * The run's four phases bound as the worker binds them, for scripts and tests that drive the steps by
 * hand (the bench, the integration tests).
 */
export function redemptionActivities(
  db: DataSource,
  env: AppEnv,
  notifier?: Notifier,
  payments?: PaymentAdapter,
): RedemptionActivities {
  return mergeActivities(
    bindActivities(new RedemptionComputeActivities(db)),
    bindActivities(new RedemptionApprovalActivities(db, env, notifier)),
    bindActivities(new RedemptionDisburseActivities(db, payments)),
    bindActivities(new RedemptionNotifyActivities(db, env, notifier)),
  ) as unknown as RedemptionActivities;
}
