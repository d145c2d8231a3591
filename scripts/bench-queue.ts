/*
 * The review queue at a million open tasks (issue 11 §3), not a test. Standalone:
 *   npm run build && node -r ./scripts/register-paths.js dist/scripts/bench-queue.js
 * or as a measure of `npm run bench` (benchQueue takes the shared BenchStack and returns its rows).
 *
 * Fills BENCH_QUEUE_TASKS (default 1,000,000) open tasks in the scratch database with set-based SQL (1,000
 * enterprises, one application each, the tasks spread over rounds; 90% first reviews, 10% second
 * approvals; due dates ±30 days around now; 1% assigned to the measuring reviewer), then for each view and
 * sort measures the median of GET /review-tasks through the HTTP API (signed in, keep-alive) beside the
 * median of the same two statements (page + capped count) sent through pg — the floor.
 */
import 'reflect-metadata';
import http from 'node:http';
import { Pool } from 'pg';
import { queueStatements } from '../apps/api/src/review/review.service';
import type { QueueQuery } from '../apps/api/src/review/review.dto';
import {
  type BenchRow,
  type BenchStack,
  loadNow,
  msSince,
  percentile,
  ratioOf,
  runMeasureIfMain,
} from './bench-stack';

const ENTERPRISES = 1000;

function get(agent: http.Agent, url: URL, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
  });
}

async function median(times: number, run: () => Promise<void>): Promise<number> {
  for (let i = 0; i < 3; i++) await run(); // warm the plan and the cache
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = process.hrtime.bigint();
    await run();
    samples.push(msSince(start));
  }
  return percentile(
    samples.sort((a, b) => a - b),
    50,
  );
}

/** Set-based: enterprises, contracts and applications, then the tasks in one INSERT … SELECT. */
async function fill(stack: BenchStack, tasks: number, reviewerId: string): Promise<void> {
  const { db } = stack;
  const start = process.hrtime.bigint();
  const [{ id: supplierId }] = (await db.query(`SELECT id FROM suppliers ORDER BY code LIMIT 1`)) as {
    id: string;
  }[];
  await db.query(
    `INSERT INTO enterprises (name, credit_code, registration_region, independent_legal_person, industry,
                              ai_direction_aligned, sound_financial_management, contact_email)
     SELECT (ARRAY['北京','智源','深度','云图','星河','天工','极光','启明'])[1 + i % 8] || '智能科技' || i || '有限公司',
            'QB' || lpad(i::text, 16, '0'), 'beijing', true, 'software', true, true, 'q' || i || '@bench.example.cn'
       FROM generate_series(1, $1) i`,
    [ENTERPRISES],
  );
  await db.query(
    `INSERT INTO contracts (enterprise_id, supplier_id, contract_number, signed_on, start_date, end_date,
                            total_amount, application_domain)
     SELECT e.id, $1, 'Q-' || e.credit_code, '2025-03-01', '2025-04-01', '2025-12-31', 1000000, 'finance'
       FROM enterprises e WHERE e.contact_email LIKE '%@bench.example.cn'`,
    [supplierId],
  );
  await db.query(
    `INSERT INTO applications (program_code, program_version, enterprise_id, contract_id, status, workflow_id,
                               submitted_on, quoted_face_value)
     SELECT 'beijing-ai-compute-2023', 1, c.enterprise_id, c.id, 'in_review', 'application:bench-' || c.id,
            '2025-03-05', 200000
       FROM contracts c WHERE c.contract_number LIKE 'Q-%'`,
  );
  // Each application carries tasks / 1,000 rounds: the unique (application, kind, round) holds.
  await db.query(
    `INSERT INTO review_tasks (application_id, program_code, kind, status, candidate_role, assignee_id,
                               enterprise_id, enterprise_name, quoted_face_value, round, due_at, created_at)
     SELECT a.id, a.program_code,
            CASE WHEN r % 10 = 0 THEN 'second_approval' ELSE 'review' END, 'open',
            CASE WHEN r % 10 = 0 THEN 'senior_reviewer' ELSE 'reviewer' END,
            CASE WHEN (r * 7 + a.n) % 100 = 0 THEN $2::uuid END,
            a.enterprise_id, e.name, round((10000 + ((r * 7919 + a.n * 104729) % 1990000))::numeric, 2), r,
            now() + ((((r * 7919 + a.n * 104723) % 86400) - 43200) * interval '1 minute'),
            now() - ((r + a.n) * interval '1 second')
       FROM (SELECT id, program_code, enterprise_id, row_number() OVER (ORDER BY id) AS n
               FROM applications WHERE workflow_id LIKE 'application:bench-%') a
       JOIN enterprises e ON e.id = a.enterprise_id
       CROSS JOIN generate_series(1, $1) r`,
    [Math.ceil(tasks / ENTERPRISES), reviewerId],
  );
  await db.query(`VACUUM ANALYZE review_tasks`);
  const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM review_tasks WHERE status = 'open'`)) as {
    n: number;
  }[];
  console.log(`bench-queue: ${n} open tasks filled in ${(msSince(start) / 1000).toFixed(1)} s`);
}

const CASES: { label: string; role: 'reviewer' | 'senior_reviewer'; q: Partial<QueueQuery> }[] = [
  ...(['all', 'unassigned', 'mine', 'due_soon', 'overdue'] as const).map((view) => ({
    label: `view=${view}`,
    role: 'reviewer' as const,
    q: { view },
  })),
  ...['-due_at', 'amount', '-amount', 'created_at', '-created_at'].map((sort) => ({
    label: `sort=${sort}`,
    role: 'reviewer' as const,
    q: { sort },
  })),
  // One enterprise's tasks (1,000), a broad two-character search matching an eighth of all names, and a
  // rare one (ten enterprises) that a pattern scan would read the whole table for.
  { label: 'enterprise=科技999有限', role: 'reviewer', q: { enterprise: '科技999有限' } },
  { label: 'enterprise=启明 (broad)', role: 'reviewer', q: { enterprise: '启明' } },
  { label: 'enterprise=77 (rare)', role: 'reviewer', q: { enterprise: '77' } },
  { label: 'page=50', role: 'reviewer', q: { page: 50 } },
  { label: 'senior view=all', role: 'senior_reviewer', q: {} },
  { label: 'senior sort=-amount', role: 'senior_reviewer', q: { sort: '-amount' } },
];

/** Rows for `npm run bench`: each view and sort, the API median beside the same statements through pg. */
export async function benchQueue(stack: BenchStack): Promise<BenchRow[]> {
  const tasks = Number(process.env.BENCH_QUEUE_TASKS ?? 1_000_000);
  const times = Number(process.env.BENCH_QUEUE_TIMES ?? 30);
  const users = {
    reviewer: await stack.user('reviewer'),
    senior_reviewer: await stack.user('senior_reviewer'),
  };
  await fill(stack, tasks, users.reviewer.id);
  const pool = new Pool({ connectionString: stack.databaseUrl, max: 2 });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const rows: BenchRow[] = [];
  try {
    for (const c of CASES) {
      const user = users[c.role];
      const q = { view: 'all', status: 'open', sort: 'due_at', page: 1, pageSize: 20, ...c.q } as QueueQuery;
      const { countSql, pageSql, params } = queueStatements({ role: c.role, userId: user.id }, q);
      const floor = await median(times, async () => {
        await Promise.all([pool.query(countSql, params), pool.query(pageSql, params)]);
      });
      const url = new URL('/review-tasks', stack.apiBase);
      for (const [k, v] of Object.entries(c.q)) url.searchParams.set(k, String(v));
      const first = await get(agent, url, user.token);
      const page = JSON.parse(first.body) as { items: unknown[]; total: number; totalExact: boolean };
      if (first.status !== 200) throw new Error(`GET ${url.search} answered ${first.status}: ${first.body}`);
      const ours = await median(times, async () => {
        const r = await get(agent, url, user.token);
        if (r.status !== 200) throw new Error(`GET ${url.search} answered ${r.status}`);
      });
      rows.push({
        measure: `queue ${c.label}`,
        unit: 'ms',
        ours,
        floor,
        floorIs: 'the same page + capped count through pg',
        kind: 'time',
        target: 0,
        load: loadNow(),
        detail: `${page.items.length} rows, total ${page.total}${page.totalExact ? '' : '+'}`,
      });
    }
  } finally {
    agent.destroy();
    await pool.end();
  }
  return rows;
}

runMeasureIfMain(module, benchQueue, (rows) => {
  console.log('| measure | API median | pg median (floor) | floor / ours | page |');
  console.log('| ------- | ---------- | ----------------- | ------------ | ---- |');
  for (const r of rows)
    console.log(
      `| ${r.measure} | ${r.ours.toFixed(2)} ms | ${r.floor.toFixed(2)} ms | ` +
        `${(ratioOf(r) * 100).toFixed(0)}% | ${r.detail} |`,
    );
});
