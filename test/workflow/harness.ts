import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ApplicationFailure, Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundleOptions } from '@app/temporal';
import { eventually } from '../support/wait';

/*
 * The workflow tier: each workflow alone on the run's real Temporal dev server (global setup), its
 * activities replaced by a small object of async functions typed against the real activity classes — so a
 * renamed or re-typed activity is a compile error here, not a silently passing test.
 */

const ROOT = path.resolve(__dirname, '..', '..');

export interface WorkflowHarness {
  client: Client;
  /** Runs `body` with a worker polling a task queue of its own, serving `activities`. */
  withWorker<T>(activities: object, body: (taskQueue: string) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function workflowHarness(): Promise<WorkflowHarness> {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
  } catch {
    // Installed already in this process: keep it.
  }
  const address = process.env.TEMPORAL_ADDRESS!;
  const namespace = process.env.TEMPORAL_NAMESPACE!;
  const options = workflowBundleOptions(ROOT);
  const { code } = await bundleWorkflowCode({
    logger: new DefaultLogger('WARN'),
    workflowsPath: options.workflowsPath!,
    webpackConfigHook: options.bundlerOptions?.webpackConfigHook,
  });
  const native = await NativeConnection.connect({ address });
  const client = new Client({ connection: await Connection.connect({ address }), namespace });
  return {
    client,
    async withWorker(activities, body) {
      const taskQueue = `wf-${randomUUID()}`;
      const worker = await Worker.create({
        connection: native,
        namespace,
        taskQueue,
        workflowBundle: { code },
        activities,
      });
      return worker.runUntil(body(taskQueue));
    },
    async close() {
      await client.connection.close();
      await native.close();
    },
  };
}

/** The domain code of an Update's refusal (workflows/refusal.ts puts it in the failure's type). */
export async function refusalOf(update: Promise<unknown>): Promise<string> {
  try {
    await update;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure)
      return err.cause.type ?? 'untyped';
    throw err;
  }
  throw new Error('the update was accepted, a refusal was expected');
}

/**
 * The harness for one describe block: started before its tests, closed after them. The returned object
 * forwards to the harness once it is up.
 */
export function suiteHarness(): WorkflowHarness {
  let h: WorkflowHarness | undefined;
  beforeAll(async () => {
    h = await workflowHarness();
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });
  const up = (): WorkflowHarness => {
    if (!h) throw new Error('the workflow harness is not started');
    return h;
  };
  return {
    get client() {
      return up().client;
    },
    withWorker: (activities, body) => up().withWorker(activities, body),
    close: () => up().close(),
  };
}

/** Polls `check` until it returns a value (a query answering, a count reached); 20 s, every 50 ms. */
export const until = <T>(
  check: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> => eventually(check, what, timeoutMs, 50);

export const uuid = (): string => randomUUID();
