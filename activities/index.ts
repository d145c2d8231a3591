export * from './activities.module';
export * from './eligibility.activities';
export * from './notification.activities';
