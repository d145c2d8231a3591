import 'reflect-metadata';
import cluster from 'node:cluster';
import os from 'node:os';
import { Logger } from '@nestjs/common';
import { AppEnv, closeOnSignals } from '@app/config';
import { createApiApp } from './bootstrap';

/**
 * How many API processes share the port (ADR 0052): API_PROCESSES, or one per core up to four. The API
 * keeps no state of its own between requests (the principal cache is evicted by NOTIFY in each process,
 * the start reconciler is idempotent), so a second process is a second core's worth of requests.
 */
function apiProcesses(): number {
  const raw = process.env.API_PROCESSES;
  if (raw === undefined || raw === '') return Math.min(os.availableParallelism(), 4);
  if (!/^[1-9][0-9]?$/.test(raw))
    throw new Error(`API_PROCESSES must be a whole number from 1 to 99, e.g. 2 (got "${raw}")`);
  return Number(raw);
}

async function serve() {
  const app = await createApiApp();
  const { PORT, API_HOST } = app.get(AppEnv);
  // Loopback by default: reachable from other machines only when API_HOST says so (containers: 0.0.0.0).
  await app.listen(PORT, API_HOST);
  if (!cluster.isWorker || cluster.worker?.id === 1)
    Logger.log(`API on http://${API_HOST}:${PORT} (OpenAPI at /docs)`, 'Api');
  return app;
}

/**
 * The primary only forks and watches: a process that dies is replaced (unless they keep dying at boot,
 * which is a configuration fault to report, not to loop on); a signal is passed on and the primary exits
 * when every process has drained.
 */
function supervise(processes: number) {
  const log = new Logger('Api');
  let stopping = false;
  let quickDeaths = 0;
  const fork = () => {
    const bornAt = Date.now();
    cluster.fork().once('exit', (code, signal) => {
      if (stopping) return;
      quickDeaths = Date.now() - bornAt < 10_000 ? quickDeaths + 1 : 0;
      if (quickDeaths >= processes * 2) {
        log.error(`API processes keep exiting at start (last: ${signal ?? code}); giving up`);
        process.exit(1);
      }
      log.warn(`an API process exited (${signal ?? code}); starting another`);
      fork();
    });
  };
  for (let i = 0; i < processes; i += 1) fork();
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    let failed = false;
    let left = workers.length;
    if (left === 0) process.exit(0);
    for (const worker of workers) {
      worker.once('exit', (code) => {
        failed ||= code !== 0;
        left -= 1;
        if (left === 0) process.exit(failed ? 1 : 0);
      });
      worker.process.kill(signal);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

let processes = 1;
try {
  processes = cluster.isPrimary ? apiProcesses() : 1;
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
if (cluster.isPrimary && processes > 1) {
  supervise(processes);
} else {
  const booting = serve();
  closeOnSignals(booting, 'Api');
  booting.catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
