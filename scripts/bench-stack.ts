/*
 * What `npm run bench` starts once for every measure: a scratch database on the PostgreSQL server, a
 * Temporal dev server as `npm start` runs it (file-backed SQLite in WAL mode), an SMTP server that accepts
 * and drops mail, and — each in a process of its own, as deployed — the real worker, a floor worker
 * running only a trivial workflow on a task queue of its own (bench-floor-worker.ts), and the real HTTP
 * API. This process only generates load. Measures sign users in through POST /auth/login.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { type BenchProcesses, postgresBackendsOf } from './bench-cpu';
import type { DataSource } from 'typeorm';
import { createDataSource, hashPassword, seedReferenceData } from '@app/persistence';
import { createTestDatabase, dropTestDatabase } from '../test/support/database';
import { SMTPServer } from 'smtp-server';

export const ROOT = path.resolve(__dirname, '..', '..');

/** One line of the combined table: our figure beside its floor measured in the same run. */
export interface BenchRow {
  measure: string;
  /** e.g. 'issuances/s', 'ms'. */
  unit: string;
  ours: number;
  floor: number;
  /** What the floor is, in a few words. */
  floorIs: string;
  /** 'rate': higher is better, ratio = ours / floor; 'time': lower is better, ratio = floor / ours. */
  kind: 'rate' | 'time';
  /** The ratio the issue asks for (0.5 = 50%). */
  target: number;
  /** os.loadavg() when the measure finished. */
  load: number[];
  /** Anything a reader needs beside the figure (latency percentiles, counts). */
  detail?: string;
}

export function ratioOf(row: BenchRow): number {
  return row.kind === 'rate' ? row.ours / row.floor : row.floor / row.ours;
}

export function loadNow(): number[] {
  return os.loadavg().map((l) => Math.round(l * 100) / 100);
}

export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs `jobs` tasks with at most `concurrency` in flight; resolves with each one's result in order. */
export async function inParallel<T>(
  jobs: number,
  concurrency: number,
  job: (i: number, lane: number) => Promise<T>,
): Promise<T[]> {
  const out: T[] = new Array<T>(jobs);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, jobs) }, async (_, lane) => {
      while (next < jobs) {
        const i = next++;
        out[i] = await job(i, lane);
      }
    }),
  );
  return out;
}

export interface BenchStack {
  databaseUrl: string;
  /** A small TypeORM data source for seeding and checks (not part of what is measured). */
  db: DataSource;
  apiBase: string;
  temporalAddress: string;
  client: Client;
  /** The task queue of the floor worker (trivial workflows only). */
  floorTaskQueue: string;
  /** The processes whose CPU a measure reports (bench-cpu.ts). */
  processes: BenchProcesses;
  /** Creates an active user with a password and returns a bearer token from POST /auth/login. */
  user(role: string, owner?: { enterpriseId?: string; supplierId?: string }): Promise<BenchUser>;
  close(): Promise<void>;
}

export interface BenchUser {
  id: string;
  email: string;
  token: string;
}

const PASSWORD = 'bench horse battery staple';

/** A real ESM import from CommonJS output (tsc would turn `import()` into `require`). */
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<unknown>;

/**
 * The PostgreSQL server the tests use (started from .data/pg-test when none answers at
 * TEST_DATABASE_ADMIN_URL); TEST_DATABASE_ADMIN_URL is set to its admin URL for the scratch databases.
 */
export async function ensureBenchPostgres(): Promise<{ adminUrl: string; stop(): Promise<void> }> {
  const { ensurePostgres } = (await importEsm(
    pathToFileURL(path.join(ROOT, 'scripts', 'lib', 'postgres.mjs')).href,
  )) as {
    ensurePostgres: (o: {
      adminUrl: string;
      dataDir: string;
    }) => Promise<{ adminUrl: string; stop(): Promise<void> }>;
  };
  const pg = await ensurePostgres({
    adminUrl: process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    dataDir: path.join(ROOT, '.data', 'pg-test'),
  });
  process.env.TEST_DATABASE_ADMIN_URL = pg.adminUrl;
  return pg;
}

/** A data source on a scratch database, as the bench scripts open it (no SSL, no query log). */
export function openBenchDataSource(url: string, poolSize: number): Promise<DataSource> {
  return createDataSource({
    DATABASE_URL: url,
    DATABASE_POOL_SIZE: poolSize,
    DATABASE_SSL: false,
    DATABASE_LOGGING: false,
  }).initialize();
}

export { beijingApplicationBody } from '../test/support/fixtures';

/** Runs a bench script's main when the script is run itself (not when bench.ts imports it); a failure exits 1. */
export function runIfMain(mod: NodeModule, main: () => Promise<void>): void {
  if (require.main !== mod) return;
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

/** A measure run by itself: on a stack of its own, closed afterwards, its rows printed by `print`. */
export function runMeasureIfMain(
  mod: NodeModule,
  measure: (stack: BenchStack) => Promise<BenchRow[]>,
  print: (rows: BenchRow[]) => void,
): void {
  runIfMain(mod, async () => {
    const stack = await startBenchStack();
    try {
      print(await measure(stack));
    } finally {
      await stack.close();
    }
  });
}

export async function startBenchStack(): Promise<BenchStack> {
  const pg = await ensureBenchPostgres();
  const database = await createTestDatabase('cv_bench_all');
  const closers: (() => Promise<unknown>)[] = [
    () => (process.env.BENCH_KEEP_DB === '1' ? Promise.resolve() : dropTestDatabase(database.name)),
    () => pg.stop(),
  ];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch((err) => console.error('bench cleanup:', err));
  };
  try {
    const temporal = require(path.join(ROOT, 'scripts', 'lib', 'temporal.js'));
    const temporalDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-bench-temporal-'));
    const server = await temporal.startDevServer({
      bin: temporal.provisionTemporal(),
      ui: false,
      // As `npm start` runs it: file-backed, WAL.
      dbFile: path.join(temporalDir, 'temporal.db'),
      logFile: path.join(ROOT, '.data', 'temporal-bench.log'),
      namespaces: ['default'],
    });
    closers.splice(1, 0, async () => {
      await server.stop();
      fs.rmSync(temporalDir, { recursive: true, force: true });
    });
    // Mail is accepted and dropped: parsing it is no part of what is measured.
    const smtp = await startDiscardingSmtp();
    closers.push(() => smtp.close());
    const smtpPort = smtp.port;
    const floorTaskQueue = `bench-floor-${process.pid}`;
    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: server.address,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: `bench-${process.pid}`,
      BENCH_FLOOR_TASK_QUEUE: floorTaskQueue,
      REDEMPTION_SCHEDULES: 'false',
      // The issuance measure runs Beijing's 2025 program year: the business date is pinned (one small
      // row read where "today" is asked; the list measure never asks).
      SANDBOX_CLOCK: 'true',
      REVIEW_DUE_SECONDS: '3600',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(32).toString('hex'),
    });
    const db = await openBenchDataSource(database.url, 2);
    closers.push(() => db.destroy());
    await seedReferenceData(db);

    // The worker, the floor worker and the API each in a process of their own, as deployed; this process
    // only generates the load.
    const child = (name: string, script: string, env: Record<string, string> = {}) => {
      const proc: ChildProcess = spawn(
        process.execPath,
        [
          // e.g. BENCH_API_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the API process.
          ...((name === 'api' ? process.env.BENCH_API_NODE_ARGS : process.env.BENCH_WORKER_NODE_ARGS) ?? '')
            .split(' ')
            .filter(Boolean),
          '-r',
          path.join(ROOT, 'scripts', 'register-paths.js'),
          path.join(ROOT, 'dist', script),
        ],
        { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      proc.stdout?.resume();
      closers.push(
        () =>
          new Promise<void>((resolve) => {
            if (proc.exitCode !== null) return resolve();
            proc.once('exit', () => resolve());
            proc.kill('SIGTERM');
            setTimeout(() => proc.exitCode === null && proc.kill('SIGKILL'), 15_000).unref();
          }),
      );
      return proc;
    };
    const worker = child('worker', 'apps/worker/src/main.js');
    const floorWorker = child('floor', 'scripts/bench-floor-worker.js');

    const connection = await Connection.connect({ address: server.address });
    closers.push(() => connection.close());
    const client = new Client({ connection, namespace: 'default' });

    const port: number = await temporal.freePort();
    const api = child('api', 'apps/api/src/main.js', { PORT: String(port), API_HOST: '127.0.0.1' });
    const apiBase = `http://127.0.0.1:${port}`;
    await untilHealthy(apiBase, () => {
      if (api.exitCode !== null) throw new Error('the API did not start');
      if (worker.exitCode !== null || floorWorker.exitCode !== null) throw new Error('a worker exited');
    });

    const passwordHash = await hashPassword(PASSWORD);
    let users = 0;
    return {
      databaseUrl: database.url,
      db,
      apiBase,
      temporalAddress: server.address,
      client,
      floorTaskQueue,
      processes: {
        api: api.pid!,
        worker: worker.pid!,
        floorWorker: floorWorker.pid!,
        temporal: server.child.pid as number,
        postgresBackends: postgresBackendsOf(db, database.name),
      },
      async user(role, owner = {}) {
        users += 1;
        const email = `bench-${role}-${users}@bench.example.cn`;
        const [row] = (await db.query(
          `INSERT INTO users (email, display_name, password_hash, role, enterprise_id, supplier_id, active)
           VALUES ($1, $1, $2, $3, $4, $5, true) RETURNING id`,
          [email, passwordHash, role, owner.enterpriseId ?? null, owner.supplierId ?? null],
        )) as { id: string }[];
        const res = await fetch(`${apiBase}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: PASSWORD }),
        });
        const body = (await res.json()) as { accessToken?: string };
        if (!res.ok || !body.accessToken) throw new Error(`sign-in failed: ${JSON.stringify(body)}`);
        return { id: row.id, email, token: body.accessToken };
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** An SMTP server that accepts and discards every message (the mail's cost stays on the sending side). */
export async function startDiscardingSmtp(): Promise<{ port: number; close(): Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('end', () => callback());
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Waits (up to a minute) for the API's /health; `check` throws when a process it depends on has exited. */
export async function untilHealthy(base: string, check: () => void): Promise<void> {
  for (let i = 0; ; i++) {
    const up = await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    check();
    if (i > 300) throw new Error('the API did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
}
