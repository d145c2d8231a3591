/** Injection token for the shared @temporalio/client Client. */
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
/** Injection token for the worker's activities and options (see TemporalWorkerHost). */
export const TEMPORAL_WORKER_SETUP = Symbol('TEMPORAL_WORKER_SETUP');
