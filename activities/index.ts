export * from './activities.module';
export * from './eligibility.activities';
