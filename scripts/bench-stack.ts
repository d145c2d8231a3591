/*
 * What `npm run bench` starts once for every measure: a scratch database on the PostgreSQL server, a
 * Temporal dev server as `npm start` runs it (file-backed SQLite in WAL mode), an SMTP sink, the real
 * worker (in this process), a floor worker on a task queue of its own running only a trivial workflow,
 * and the real HTTP API in its own process, as deployed. Measures sign users in through POST /auth/login.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createDataSource, hashPassword, seedReferenceData } from '@app/persistence';
import { createTestDatabase, dropTestDatabase } from '../test/support/database';
import { startSmtpSink } from '../test/support/smtp-sink';

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

export async function startBenchStack(): Promise<BenchStack> {
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
    const smtp = await startSmtpSink();
    closers.push(() => smtp.stop());
    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: server.address,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: `bench-${process.pid}`,
      REDEMPTION_SCHEDULES: 'false',
      // The issuance measure runs Beijing's 2025 program year: the business date is pinned (one small
      // row read where "today" is asked; the list measure never asks).
      SANDBOX_CLOCK: 'true',
      REVIEW_DUE_SECONDS: '3600',
      SMTP_URL: smtp.url,
      JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(32).toString('hex'),
    });
    const db = await createDataSource({
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: 2,
      DATABASE_SSL: false,
      DATABASE_LOGGING: false,
    }).initialize();
    closers.push(() => db.destroy());
    await seedReferenceData(db);

    // The SDK's state-change lines would bury the table; bootstrapWorker keeps a runtime already installed.
    try {
      Runtime.install({ shutdownSignals: [], logger: new DefaultLogger('WARN') });
    } catch {
      // installed already
    }
    // Loaded after the environment is set: its modules read it.
    const { bootstrapWorker } = await import('../apps/worker/src/worker');
    const worker: INestApplicationContext = await bootstrapWorker();
    closers.push(() => worker.close());

    const floorTaskQueue = `bench-floor-${process.pid}`;
    const floorConnection = await NativeConnection.connect({ address: server.address });
    const floorWorker = await Worker.create({
      connection: floorConnection,
      namespace: 'default',
      taskQueue: floorTaskQueue,
      workflowsPath: require.resolve('./bench-floor.workflow'),
    });
    const floorRun = floorWorker.run();
    closers.push(async () => {
      floorWorker.shutdown();
      await floorRun;
      await floorConnection.close();
    });

    const connection = await Connection.connect({ address: server.address });
    closers.push(() => connection.close());
    const client = new Client({ connection, namespace: 'default' });

    const port: number = await temporal.freePort();
    const api: ChildProcess = spawn(
      process.execPath,
      [
        // e.g. BENCH_API_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the API process.
        ...(process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean),
        '-r',
        path.join(ROOT, 'scripts', 'register-paths.js'),
        path.join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js'),
      ],
      {
        env: { ...process.env, PORT: String(port), API_HOST: '127.0.0.1' },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          if (api.exitCode !== null) return resolve();
          api.once('exit', () => resolve());
          api.kill('SIGTERM');
        }),
    );
    const apiBase = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      const up = await fetch(`${apiBase}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (i > 300 || api.exitCode !== null) throw new Error('the API did not start');
      await new Promise((r) => setTimeout(r, 200));
    }

    const passwordHash = await hashPassword(PASSWORD);
    let users = 0;
    return {
      databaseUrl: database.url,
      db,
      apiBase,
      temporalAddress: server.address,
      client,
      floorTaskQueue,
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
