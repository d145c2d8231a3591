export * from './application.workflow';
export * from './redemption-run.workflow';
export * from './allocation-round.workflow';
export * from './grant.workflow';
export * from './pool-application.workflow';
export * from './pool-redemption.workflow';
export * from './clawback-reminders.workflow';
