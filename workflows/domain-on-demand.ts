import type * as Domain from '@app/domain';

/**
 * The whole of `@app/domain`, evaluated the first time a workflow asks for it.
 *
 * The SDK evaluates the workflow bundle's module graph afresh for every new workflow execution (and for
 * every replay of an evicted one). With the barrel imported at the top, that was every program definition
 * (frozen deeply), the holiday calendar, and the refusal and label tables: about 5 ms of the worker's CPU
 * per new application workflow, which needs none of it (ADR 0054). The runs and the rounds need the
 * registry and the calendar; they ask for them here. Evaluation is synchronous and has no effect outside
 * the sandbox, so when it happens does not change any command a workflow sends.
 */
export function domainOnDemand(): typeof Domain {
  return require('@app/domain') as typeof Domain;
}
