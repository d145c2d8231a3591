import { Logger } from '@nestjs/common';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { keepAliveHeartbeats } from './heartbeat';

export interface WorkerLifecycleOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  activities: object;
  workerOptions: Partial<WorkerOptions>;
}

/**
 * Owns one Temporal Worker: created and started at bootstrap, shut down exactly once however many
 * signals or close() calls arrive, and the run promise awaited so in-flight activities finish or are
 * handed back to the server before the process exits.
 */
export class WorkerLifecycle {
  private readonly logger = new Logger('TemporalWorker');
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;
  private stopping?: Promise<void>;

  constructor(private readonly options: WorkerLifecycleOptions) {}

  async start(): Promise<void> {
    if (this.running) return;
    const { address, namespace, taskQueue, activities, workerOptions } = this.options;
    this.connection = await NativeConnection.connect({ address });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace,
      taskQueue,
      activities,
      ...workerOptions,
      // Long activities heartbeat while they run, so a dead worker is noticed in seconds (heartbeat.ts).
      interceptors: {
        ...workerOptions.interceptors,
        activity: [keepAliveHeartbeats, ...(workerOptions.interceptors?.activity ?? [])],
      },
    });
    this.running = this.worker.run().catch((err: unknown) => {
      this.logger.error(`worker stopped with an error: ${err instanceof Error ? err.stack : String(err)}`);
      throw err;
    });
    this.logger.log(`polling task queue "${taskQueue}" on ${address} (${namespace})`);
  }

  get state(): string {
    return this.worker?.getState() ?? 'NOT_STARTED';
  }

  /** Idempotent: the first call shuts down and awaits; later calls await the same promise. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (!this.worker) return;
      if (this.worker.getState() === 'RUNNING') this.worker.shutdown();
      try {
        await this.running;
      } finally {
        await this.connection?.close();
        this.logger.log('worker shut down');
      }
    })();
    return this.stopping;
  }
}
