/*
 * POST /applications → review task visible (issue 11 §4), not a test. Standalone:
 *   npm run build && node -r ./scripts/register-paths.js dist/scripts/bench-submission.js
 * or as a measure of `npm run bench` (benchSubmission takes the shared BenchStack and returns its rows).
 *
 * Ours: Beijing applications (eligible, below the second-approval line) submitted through the HTTP API at
 * concurrency 1 and 16; for each, the time from sending the POST until its review task row is in
 * PostgreSQL (what GET /review-tasks reads), polled every 2 ms by one poller for all submissions in flight.
 * Floor: a trivial Workflow Update round trip at the same concurrency on the same dev server — one
 * hand-off, the least a step through Temporal can cost.
 */
import { Pool } from 'pg';
import { createEnterprise } from '../test/support/fixtures';
import { cpuPerOperation, cpuSnapshot } from './bench-cpu';
import { measureUpdateFloor } from './bench-issuance';
import * as bench from './bench-stack';
import type { BenchRow, BenchStack } from './bench-stack';

async function post(stack: BenchStack, token: string, url: string, body: object) {
  const res = await fetch(`${stack.apiBase}${url}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { id: string } };
}

/**
 * `n` submissions, `concurrency` in flight; each one's POST → task-visible time and POST → 201 time (the
 * API's own share: it starts the workflow and answers with the application's detail), in ms, sorted.
 */
async function submissions(
  stack: BenchStack,
  n: number,
  concurrency: number,
): Promise<{ visible: number[]; answered: number[]; cpu: string }> {
  const units = await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const enterprise = await createEnterprise(stack.db);
      return stack.user('enterprise', { enterpriseId: enterprise.id });
    }),
  );
  const [{ id: supplierId }] = (await stack.db.query(`SELECT id FROM suppliers WHERE code = 'baidu'`)) as {
    id: string;
  }[];
  const visibility = new TaskVisibility(stack.databaseUrl);
  const tag = Math.random().toString(36).slice(2, 8);
  const answered: number[] = [];
  try {
    const cpuBefore = await cpuSnapshot(stack.processes);
    const times = await bench.inParallel(n, concurrency, async (i, lane) => {
      const start = process.hrtime.bigint();
      const r = await post(
        stack,
        units[lane].token,
        '/applications',
        bench.beijingApplicationBody(supplierId, `SUB-${tag}-${i}`),
      );
      if (r.status !== 201) throw new Error(`application not submitted: ${JSON.stringify(r.body)}`);
      answered.push(bench.msSince(start));
      await visibility.seen(r.body.id);
      return bench.msSince(start);
    });
    const cpu = cpuPerOperation(cpuBefore, await cpuSnapshot(stack.processes), n);
    return { visible: times.sort((a, b) => a - b), answered: answered.sort((a, b) => a - b), cpu };
  } finally {
    await visibility.close();
  }
}

/**
 * One poller for every submission in flight: every 2 ms, one SELECT for all the applications still waiting
 * for their review task. Sixteen pollers of their own would send 8,000 queries a second and take a large
 * share of this 2-core machine from what is measured.
 */
class TaskVisibility {
  private readonly pool: Pool;
  private readonly waiting = new Map<
    string,
    { resolve: () => void; reject: (err: Error) => void; since: bigint }
  >();
  private timer?: NodeJS.Timeout;

  constructor(databaseUrl: string) {
    this.pool = new Pool({ connectionString: databaseUrl, max: 1 });
  }

  seen(applicationId: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.set(applicationId, { resolve, reject, since: process.hrtime.bigint() });
      this.timer ??= setTimeout(() => void this.poll(), 2);
    });
  }

  private async poll(): Promise<void> {
    const ids = [...this.waiting.keys()];
    const { rows } = await this.pool.query<{ application_id: string }>(
      `SELECT application_id FROM review_tasks WHERE application_id = ANY($1::uuid[])`,
      [ids],
    );
    for (const { application_id } of rows) {
      this.waiting.get(application_id)?.resolve();
      this.waiting.delete(application_id);
    }
    for (const [id, { reject, since }] of this.waiting)
      if (bench.msSince(since) > 60_000) {
        reject(new Error(`no review task for ${id}`));
        this.waiting.delete(id);
      }
    this.timer = this.waiting.size ? setTimeout(() => void this.poll(), 2) : undefined;
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    await this.pool.end();
  }
}

export async function benchSubmission(stack: BenchStack): Promise<BenchRow[]> {
  const n = Number(process.env.BENCH_SUBMISSIONS ?? 48);
  // Beijing's 2025 program year: each application is eligible and goes to review.
  await stack.db.query(`UPDATE sandbox_clock SET business_date = '2025-04-01' WHERE id = 1`);
  await submissions(stack, 4, 1); // warm-up: the worker's caches and the API's connections
  const rows: BenchRow[] = [];
  for (const concurrency of [1, 16]) {
    const floor = await measureUpdateFloor(stack, n, concurrency);
    const { visible: times, answered, cpu } = await submissions(stack, n, concurrency);
    rows.push({
      measure: `POST /applications → review task visible, p95 at concurrency ${concurrency}`,
      unit: 'ms',
      ours: bench.percentile(times, 95),
      floor: floor.p95,
      floorIs: `trivial Workflow Update round trip p95, ${concurrency} at a time`,
      kind: 'time',
      target: 0,
      load: bench.loadNow(),
      detail:
        `${n} submissions; p50 ${bench.percentile(times, 50).toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms; ` +
        `the POST's own answer p50 ${bench.percentile(answered, 50).toFixed(0)} ms, p95 ${bench.percentile(answered, 95).toFixed(0)} ms; ` +
        `ours until the task is visible: ${cpu}; floor: ${floor.cpu}`,
    });
  }
  return rows;
}

bench.runMeasureIfMain(module, benchSubmission, (rows) => {
  for (const r of rows)
    console.log(
      `${r.measure}: ${r.ours.toFixed(0)} ms (${r.detail}); floor ${r.floor.toFixed(0)} ms (${r.floorIs}); ` +
        `floor / ours ${(bench.ratioOf(r) * 100).toFixed(0)}%; load ${r.load.join(' ')}`,
    );
});
