/*
 * Authenticated list reads (issue 11, part 6), run by `npm run bench` (or `--only list`).
 *
 * 16 enterprises with BENCH_LIST_VOUCHERS (default 30) vouchers each, one signed-in user per enterprise.
 * Ours: 16 keep-alive connections, each sending GET /vouchers (first page of 20) as its user, one after
 * another, for BENCH_LIST_SECONDS (default 5) after a warm-up: requests/s.
 * Floor: 16 pg connections, each running the statement the endpoint runs (voucherPageSql, sandbox date) for its
 * enterprise for as long: statements/s.
 * For scale (ADR 0042), in the same run: the API's GET / (Nest on Express, public, no database), and a bare
 * node:http server in its own process answering the same JSON body (no database), at the same concurrency.
 */
import http from 'node:http';
import { spawn } from 'node:child_process';
import { Pool } from 'pg';
import { SANDBOX_TODAY_SQL } from '@app/persistence';
import { voucherPageSql } from '../apps/api/src/vouchers/enterprise-lists';
import { seedQ2Claims } from '../test/support/redemption-fixtures';
import { type BenchProcesses, cpuPerOperation, cpuSnapshot } from './bench-cpu';
import { type BenchRow, type BenchStack, loadNow, msSince } from './bench-stack';

const CONCURRENCY = 16;
/** The statement GET /vouchers sends as the bench runs the API (sandbox clock: today rides along). */
const FLOOR_SQL = voucherPageSql(SANDBOX_TODAY_SQL);

/**
 * Runs `lanes` loops of `once` for `seconds`; returns completed operations per second and, given the
 * stack's processes, where their CPU went (after the warm-up).
 */
async function forSeconds(
  lanes: number,
  seconds: number,
  once: (lane: number) => Promise<void>,
  procs?: BenchProcesses,
): Promise<{ rate: number; cpu: string }> {
  const warmUntil = Date.now() + 500;
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      while (Date.now() < warmUntil) await once(lane);
    }),
  );
  let done = 0;
  const before = procs && (await cpuSnapshot(procs));
  const t = process.hrtime.bigint();
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      while (Date.now() < until) {
        await once(lane);
        done += 1;
      }
    }),
  );
  const rate = done / (msSince(t) / 1000);
  const cpu = procs && before ? cpuPerOperation(before, await cpuSnapshot(procs), done) : '';
  return { rate, cpu };
}

function get(
  agent: http.Agent,
  base: URL,
  path: string,
  token?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      {
        agent,
        host: base.hostname,
        port: base.port,
        path,
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
}

/** A bare node:http server answering every request with `body`, in its own process (as the API is). */
async function startBareServer(body: string): Promise<{ base: URL; stop(): void }> {
  const code = `
    const http = require('node:http');
    const body = Buffer.from(process.env.BARE_BODY, 'utf8');
    const s = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
      res.end(body);
    });
    s.keepAliveTimeout = 60000;
    s.listen(0, '127.0.0.1', () => process.stdout.write(String(s.address().port) + '\\n'));`;
  const child = spawn(process.execPath, ['-e', code], {
    env: { ...process.env, BARE_BODY: body },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()));
    child.once('exit', (c) => reject(new Error(`bare server exited ${c}`)));
  });
  return { base: new URL(`http://127.0.0.1:${port}`), stop: () => child.kill('SIGTERM') };
}

export async function benchList(stack: BenchStack): Promise<BenchRow[]> {
  const seconds = Number(process.env.BENCH_LIST_SECONDS ?? 5);
  const perEnterprise = Number(process.env.BENCH_LIST_VOUCHERS ?? 30);
  const { db } = stack;
  await seedQ2Claims(db, CONCURRENCY, perEnterprise);
  await db.query('ANALYZE');
  const enterprises = (
    (await db.query(
      `SELECT enterprise_id AS id FROM vouchers GROUP BY enterprise_id HAVING count(*) = $1 ORDER BY 1 LIMIT $2`,
      [perEnterprise, CONCURRENCY],
    )) as { id: string }[]
  ).map((r) => r.id);
  if (enterprises.length !== CONCURRENCY) throw new Error('the list fixture did not seed as expected');
  const users = await Promise.all(enterprises.map((id) => stack.user('enterprise', { enterpriseId: id })));

  // Floor: the same statement through pg, 16 connections.
  const pool = new Pool({ connectionString: stack.databaseUrl, max: CONCURRENCY });
  let floor: { rate: number; cpu: string };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, () => pool.query('SELECT 1')));
    floor = await forSeconds(
      CONCURRENCY,
      seconds,
      async (lane) => {
        const r = await pool.query(FLOOR_SQL, [enterprises[lane], 0, 20]);
        if (r.rows.length !== 20) throw new Error(`floor page has ${r.rows.length} rows`);
      },
      stack.processes,
    );
  } finally {
    await pool.end();
  }
  const floorLoad = loadNow();

  // Ours: the API, 16 keep-alive connections, each its own enterprise's user.
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const base = new URL(stack.apiBase);
  const first = await get(agent, base, '/vouchers', users[0].token);
  const page = JSON.parse(first.body) as { items: unknown[]; total: number };
  if (first.status !== 200 || page.items.length !== 20 || page.total !== perEnterprise) {
    throw new Error(`GET /vouchers answered ${first.status}: ${first.body.slice(0, 300)}`);
  }
  const ours = await forSeconds(
    CONCURRENCY,
    seconds,
    async (lane) => {
      const r = await get(agent, base, '/vouchers', users[lane].token);
      if (r.status !== 200) throw new Error(`GET /vouchers answered ${r.status}: ${r.body.slice(0, 300)}`);
    },
    stack.processes,
  );
  const load = loadNow();
  // For scale (ADR 0042): what Nest on Express costs with no token and no database — GET / (a public
  // redirect to the console), same connections.
  const { rate: bareNestRate } = await forSeconds(CONCURRENCY, seconds, async () => {
    const r = await get(agent, base, '/');
    if (r.status !== 302) throw new Error(`GET / answered ${r.status}`);
  });
  const bareNestLoad = loadNow();
  agent.destroy();

  // For scale: bare node:http with the same body and no database.
  const bare = await startBareServer(first.body);
  const bareAgent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let bareRate: number;
  try {
    ({ rate: bareRate } = await forSeconds(CONCURRENCY, seconds, async () => {
      const r = await get(bareAgent, bare.base, '/vouchers');
      if (r.status !== 200) throw new Error('bare server failed');
    }));
  } finally {
    bareAgent.destroy();
    bare.stop();
  }
  const bareLoad = loadNow();

  return [
    {
      measure: 'list: authenticated GET /vouchers (page of 20), 16 connections',
      unit: 'requests/s',
      ours: ours.rate,
      floor: floor.rate,
      floorIs: 'the same SELECT through pg, 16 connections',
      kind: 'rate',
      target: 0.5,
      load,
      detail:
        `for scale: bare node:http with the same ${first.body.length}-byte body ${bareRate.toFixed(0)} req/s ` +
        `(load ${bareLoad.join(' ')}); Nest on Express, GET / (public redirect, no database) ` +
        `${bareNestRate.toFixed(0)} req/s (load ${bareNestLoad.join(' ')}); load at floor ${floorLoad.join(' ')}; ` +
        `ours: ${ours.cpu}; floor: ${floor.cpu}`,
    },
  ];
}
