export * from './activities.module';
export * from './eligibility.activities';
export * from './application.activities';
export * from './application-notification.activities';
export * from './notification.activities';
export * from './redemption.activities';
