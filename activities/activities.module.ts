import { Module, type Type } from '@nestjs/common';
import { ApplicationNotificationActivities } from './application-notification.activities';
import { ApplicationActivities } from './application.activities';
import { DirectPaymentActivities } from './direct-payment.activities';
import { EligibilityActivities } from './eligibility.activities';
import { NotificationActivities } from './notification.activities';
import { RedemptionApprovalActivities } from './redemption-approval.activities';
import { RedemptionComputeActivities } from './redemption-compute.activities';
import { RedemptionDisburseActivities } from './redemption-disburse.activities';
import { RedemptionNotifyActivities } from './redemption-notify.activities';
import { PoolActivities } from './pool.activities';
import { PoolRedemptionActivities } from './pool-redemption.activities';
import { RoundActivities } from './round.activities';
import { GrantActivities } from './grant.activities';
import { SupervisionActivities } from './supervision.activities';
import { ClawbackReminderSchedule } from './supervision-schedule';

/**
 * Every activity class the worker registers. Each is an injectable provider; the methods it marks
 * with `@Activity()` become activities (names must be unique across classes:
 * mergeActivities refuses duplicates).
 */
export const ACTIVITY_CLASSES: Type<object>[] = [
  EligibilityActivities,
  NotificationActivities,
  ApplicationActivities,
  ApplicationNotificationActivities,
  RedemptionComputeActivities,
  RedemptionApprovalActivities,
  RedemptionDisburseActivities,
  RedemptionNotifyActivities,
  DirectPaymentActivities,
  PoolActivities,
  PoolRedemptionActivities,
  RoundActivities,
  GrantActivities,
  SupervisionActivities,
];

@Module({
  // The clawback reminder Schedule is ensured when the worker boots (ADR 0027).
  providers: [...ACTIVITY_CLASSES, ClawbackReminderSchedule],
  exports: [...ACTIVITY_CLASSES],
})
export class ActivitiesModule {}
