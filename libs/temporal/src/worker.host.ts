import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { AppEnv } from '@app/config';
import { TEMPORAL_WORKER_SETUP } from './tokens';
import { WorkerLifecycle } from './worker.lifecycle';
import type { WorkerOptions } from '@temporalio/worker';

export interface TemporalWorkerSetup {
  activities: object;
  workerOptions: Partial<WorkerOptions>;
}

/**
 * Nest-managed worker: starts polling when the application context has bootstrapped and drains before the
 * context shuts down (the process turns SIGINT/SIGTERM into exactly one close(): see closeOnSignals).
 */
@Injectable()
export class TemporalWorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly lifecycle: WorkerLifecycle;

  constructor(env: AppEnv, @Inject(TEMPORAL_WORKER_SETUP) setup: TemporalWorkerSetup) {
    this.lifecycle = new WorkerLifecycle({
      address: env.TEMPORAL_ADDRESS,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      activities: setup.activities,
      workerOptions: setup.workerOptions,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.lifecycle.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.lifecycle.stop();
  }
}
