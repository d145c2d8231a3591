export * from './tokens';
export * from './client.module';
export * from './activities';
export * from './workflow-bundle';
export * from './worker.lifecycle';
export * from './workflow-ids';
export * from './worker.host';
export * from './schedules';
