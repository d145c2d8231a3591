export * from './application.workflow';
