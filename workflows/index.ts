export * from './application.workflow';
export * from './redemption-run.workflow';
