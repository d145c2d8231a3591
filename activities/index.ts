export * from './eligibility.activities';
