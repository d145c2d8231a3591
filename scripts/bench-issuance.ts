/*
 * Issuance under concurrency (issue 11, part 7), run by `npm run bench` (or `--only issuance`).
 *
 * Ours: one Beijing enterprise has BENCH_ISSUANCE_APPROVALS (default 64) applications waiting in review,
 * each claimed by a reviewer; the reviewers send their approvals through the HTTP API, 16 in flight at a
 * time (POST /review-tasks/{id}/decision: the guard, the task checks, the decision Update to the
 * application workflow, the decision recorded and the voucher issued under the enterprise's yearly ledger
 * row). The clock stops when every decision has answered and every application reads `issued`.
 * Floor: the same number of Updates, 16 in flight, to a trivial workflow on the same dev server
 * (bench-floor.workflow.ts: accepts the Update and returns), sent from this process.
 */
import { randomUUID } from 'node:crypto';
import { temporal } from '@temporalio/proto';
import { applicationWorkflowId } from '@app/temporal';
import { cpuPerOperation, cpuSnapshot } from './bench-cpu';
import { createEnterprise } from '../test/support/fixtures';
import {
  type BenchRow,
  type BenchStack,
  beijingApplicationBody,
  inParallel,
  loadNow,
  msSince,
  percentile,
} from './bench-stack';

const CONCURRENCY = 16;

/** History events the dev server wrote for these workflows since `since`: what each unit costs Temporal. */
async function eventsSince(
  stack: BenchStack,
  workflowIds: string[],
  since: Date,
): Promise<{ total: number; byType: Map<string, number> }> {
  let total = 0;
  const byType = new Map<string, number>();
  for (const id of workflowIds) {
    const history = await stack.client.workflow.getHandle(id).fetchHistory();
    for (const e of history.events ?? []) {
      const at = Number(e.eventTime?.seconds ?? 0) * 1000 + (e.eventTime?.nanos ?? 0) / 1e6;
      if (at < since.getTime()) continue;
      total += 1;
      const type = (temporal.api.enums.v1.EventType[e.eventType ?? 0] ?? String(e.eventType)).replace(
        /^EVENT_TYPE_/,
        '',
      );
      byType.set(type, (byType.get(type) ?? 0) + 1);
    }
  }
  return { total, byType };
}

/** e.g. "WORKFLOW_TASK_COMPLETED 4.0, MARKER_RECORDED 1.0, …" per unit, most frequent first. */
function perUnit(byType: Map<string, number>, units: number): string {
  return [...byType]
    .sort((a, b) => b[1] - a[1])
    .map(([type, count]) => `${type} ${(count / units).toFixed(1)}`)
    .join(', ');
}

async function api(
  stack: BenchStack,
  token: string,
  method: string,
  url: string,
  body?: object,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${stack.apiBase}${url}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The trivial-Update floor: `n` Updates, `concurrency` in flight, each lane to its own workflow. */
export async function measureUpdateFloor(
  stack: BenchStack,
  n: number,
  concurrency = CONCURRENCY,
): Promise<{ rate: number; p50: number; p95: number; eventsPerUnit: number; cpu: string }> {
  const handles = await Promise.all(
    Array.from({ length: concurrency }, () =>
      stack.client.workflow.start('benchFloorWorkflow', {
        workflowId: `bench-floor-${randomUUID()}`,
        taskQueue: stack.floorTaskQueue,
        args: [],
      }),
    ),
  );
  try {
    // Warm-up: each workflow's first task (and the worker's sticky cache) before the clock starts.
    await Promise.all(handles.map((h) => h.executeUpdate<number, [number]>('ping', { args: [0] })));
    const latencies: number[] = [];
    const since = new Date();
    const cpuBefore = await cpuSnapshot(stack.processes);
    const t = process.hrtime.bigint();
    await inParallel(n, concurrency, async (i, lane) => {
      const s = process.hrtime.bigint();
      const echoed = await handles[lane].executeUpdate<number, [number]>('ping', { args: [i] });
      if (echoed !== i) throw new Error(`floor update ${i} answered ${echoed}`);
      latencies.push(msSince(s));
    });
    const elapsed = msSince(t);
    const cpu = cpuPerOperation(cpuBefore, await cpuSnapshot(stack.processes), n);
    latencies.sort((a, b) => a - b);
    const events = await eventsSince(
      stack,
      handles.map((h) => h.workflowId),
      since,
    );
    return {
      rate: n / (elapsed / 1000),
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      eventsPerUnit: events.total / n,
      cpu,
    };
  } finally {
    await Promise.all(handles.map((h) => h.signal('stop')));
  }
}

interface ApprovalRun {
  rate: number;
  latencies: number[];
  load: number[];
  eventsPerUnit: number;
  eventTypes: string;
  cpu: string;
}

/**
 * `n` applications of `enterprises` Beijing enterprises waiting in review, claimed, then approved through
 * the API, 16 at a time; the clock stops when every application reads `issued`.
 */
async function approvals(stack: BenchStack, n: number, enterprises: number): Promise<ApprovalRun> {
  const { db } = stack;
  const units = await Promise.all(
    Array.from({ length: enterprises }, async () => {
      const enterprise = await createEnterprise(db);
      return { id: enterprise.id, user: await stack.user('enterprise', { enterpriseId: enterprise.id }) };
    }),
  );
  const reviewers = await Promise.all(Array.from({ length: 4 }, () => stack.user('reviewer')));
  const [{ id: supplierId }] = (await db.query(`SELECT id FROM suppliers WHERE code = 'baidu'`)) as {
    id: string;
  }[];
  const tag = Math.random().toString(36).slice(2, 8);
  const submitted = await inParallel(n, CONCURRENCY, async (i) => {
    const r = await api(
      stack,
      units[i % enterprises].user.token,
      'POST',
      '/applications',
      beijingApplicationBody(supplierId, `BENCH-${tag}-${i}`),
    );
    if (r.status !== 201) throw new Error(`application not submitted: ${JSON.stringify(r.body)}`);
    return (r.body as { id: string }).id;
  });
  const tasks = await until('every review task', async () => {
    const rows = (await db.query(
      `SELECT id, application_id FROM review_tasks WHERE status = 'open' AND application_id = ANY($1)`,
      [submitted],
    )) as { id: string; application_id: string }[];
    return rows.length === n ? rows : undefined;
  });
  // Claimed before the clock starts: the measure is the decision itself.
  const deciders = await inParallel(n, CONCURRENCY, async (i) => {
    const reviewer = reviewers[i % reviewers.length];
    const r = await api(stack, reviewer.token, 'POST', `/review-tasks/${tasks[i].id}/claim`);
    if (r.status !== 200) throw new Error(`task not claimed: ${JSON.stringify(r.body)}`);
    return reviewer;
  });

  const latencies: number[] = [];
  const since = new Date();
  const cpuBefore = await cpuSnapshot(stack.processes);
  const t = process.hrtime.bigint();
  await inParallel(n, CONCURRENCY, async (i) => {
    const s = process.hrtime.bigint();
    const r = await api(stack, deciders[i].token, 'POST', `/review-tasks/${tasks[i].id}/decision`, {
      decision: 'approve',
    });
    if (r.status !== 200) throw new Error(`decision refused: ${r.status} ${JSON.stringify(r.body)}`);
    latencies.push(msSince(s));
  });
  await until(
    'every application issued',
    async () => {
      const [{ issued }] = (await db.query(
        `SELECT count(*)::int AS issued FROM applications WHERE id = ANY($1) AND status = 'issued'`,
        [submitted],
      )) as { issued: number }[];
      return issued === n ? true : undefined;
    },
    60_000,
  );
  const elapsed = msSince(t);
  const cpu = cpuPerOperation(cpuBefore, await cpuSnapshot(stack.processes), n);
  const load = loadNow();
  latencies.sort((a, b) => a - b);

  // Every approval issued its 20,000.00 under the yearly cap: the ledgers add up.
  const [ledger] = (await db.query(
    `SELECT sum(issued)::text AS issued FROM yearly_cap_ledger WHERE enterprise_id = ANY($1) AND year = 2025`,
    [units.map((u) => u.id)],
  )) as { issued: string }[];
  const expected = `${(n * 20000).toFixed(0)}.00`;
  if (ledger?.issued !== expected) {
    throw new Error(`the yearly ledgers read ${ledger?.issued}, expected ${expected}`);
  }
  const events = await eventsSince(stack, submitted.map(applicationWorkflowId), since);
  return {
    rate: n / (elapsed / 1000),
    latencies,
    load,
    eventsPerUnit: events.total / n,
    eventTypes: perUnit(events.byType, n),
    cpu,
  };
}

export async function benchIssuance(stack: BenchStack): Promise<BenchRow[]> {
  const n = Number(process.env.BENCH_ISSUANCE_APPROVALS ?? 64);
  // Beijing's 2025 program year; 100,000.00 of compute → a 20,000.00 face each, n × 20,000 inside the
  // 2,000,000.00 yearly cap and below the second-approval line: every approval issues.
  await stack.db.query(`UPDATE sandbox_clock SET business_date = '2025-04-01' WHERE id = 1`);
  const floor = await measureUpdateFloor(stack, n);
  const floorLoad = loadNow();
  const one = await approvals(stack, n, 1);
  // For scale: the same approvals spread over 16 enterprises (no yearly ledger row shared between them).
  const spread = await approvals(stack, n, CONCURRENCY);
  const p = (r: ApprovalRun, q: number) => percentile(r.latencies, q).toFixed(0);
  return [
    {
      measure: `issuance: ${n} approvals of one enterprise, 16 at a time, through the API`,
      unit: 'issuances/s',
      ours: one.rate,
      floor: floor.rate,
      floorIs: 'trivial Workflow Update round trip, 16 at a time',
      kind: 'rate',
      target: 0.5,
      load: one.load,
      detail:
        `decision latency p50 ${p(one, 50)} ms, p95 ${p(one, 95)} ms; floor p50 ${floor.p50.toFixed(0)} ms, ` +
        `p95 ${floor.p95.toFixed(0)} ms (load ${floorLoad.join(' ')}); for scale, the same over 16 ` +
        `enterprises: ${spread.rate.toFixed(1)} issuances/s, p50 ${p(spread, 50)} ms, p95 ${p(spread, 95)} ms ` +
        `(load ${spread.load.join(' ')}); Temporal history events written per approval (from the decision ` +
        `until all issued) ${one.eventsPerUnit.toFixed(1)}, per floor Update ${floor.eventsPerUnit.toFixed(1)} (per approval: ${one.eventTypes}); ` +
        `ours: ${one.cpu}; floor: ${floor.cpu}`,
    },
  ];
}
