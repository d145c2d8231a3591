import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Runtime } from '@temporalio/worker';
import { WorkerModule } from './worker.module';

let runtimeInstalled = false;

/**
 * Boots the worker's Nest context; TemporalWorkerHost starts polling at bootstrap. The Temporal runtime
 * is installed without its own signal traps: main.ts's closeOnSignals is the one path to a clean stop.
 */
export async function bootstrapWorker(): Promise<INestApplicationContext> {
  if (!runtimeInstalled) {
    try {
      Runtime.install({ shutdownSignals: [] });
    } catch {
      // Already installed in this process (a test harness created it first): keep that one.
    }
    runtimeInstalled = true;
  }
  const app = await NestFactory.createApplicationContext(WorkerModule, {
    logger: process.env.NODE_ENV === 'test' ? ['error', 'warn'] : undefined,
  });
  await app.init();
  return app;
}
