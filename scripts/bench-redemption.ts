/*
 * Benchmark of the whole redemption run (not a test). Run with `npm run bench:redemption` (builds, then
 * `node -r ./scripts/register-paths.js dist/scripts/bench-redemption.js`); `benchRedemption()` returns
 * the same row for a bench runner.
 *
 * Seeds BENCH_CLAIMS (default 50,000) pending claims for one run into a fresh database, clones it, then
 *   ours:  the run's activities in the workflow's order on one clone — open, compute chunks, summarize,
 *          notify finance, approval, disbursement chunks (bank batches), payout notices (inbox rows and
 *          emails through the pooled SMTP transport to a local sink that discards them), complete;
 *   floor: ONE SQL transaction on the other clone writing the identical end state — payouts, funding
 *          shares, bank transfers, claims, vouchers, audit rows, inbox rows (marked mailed) and the run row.
 * Both end states are compared (counts and sums); prints measure, ours, floor, ratio and load.
 * Temporal's own round trips are not in "ours" (about 5 ms per activity, some 80 activities here).
 * Environment: TEST_DATABASE_ADMIN_URL, BENCH_CLAIMS, BENCH_KEEP_DB=1 to keep the databases.
 */
import 'reflect-metadata';
import os from 'node:os';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { loadEnv } from '@app/config';
import { BEIJING_2023_2025, quarterEndDate, redemptionRunKey } from '@app/domain';
import { seedReferenceData } from '@app/persistence';
import {
  COMPUTE_CHUNK_SQL,
  PAYOUT_FUNDING_SHARES_SQL,
  redemptionActivities,
} from '@app/activities/redemption.activities';
import { adminUrl, createTestDatabase, dropTestDatabase } from '../test/support/database';
import { createUser, seedBulkRedemption } from '../test/support/redemption-fixtures';
import { ensureBenchPostgres, openBenchDataSource, runIfMain, startDiscardingSmtp } from './bench-stack';

const YEAR = 2025;
const QUARTER = 1;

export interface BenchRow {
  measure: string;
  ours: number;
  floor: number;
  ratio: number;
  /** The ratio aimed at (ours ≤ 3 × floor). */
  target: number;
  unit: string;
  load: string;
  /** Phases of ours, in ms. */
  detail: Record<string, number>;
}

/** The floor: the run's whole end state in one transaction, as statements with their parameters. */
const FLOOR_STATEMENTS = (runId: string, approver: string): [string, unknown[]][] => [
  [COMPUTE_CHUNK_SQL, [runId, null, 1e9]],
  [PAYOUT_FUNDING_SHARES_SQL, [runId]],
  [
    `INSERT INTO simulated_bank_transfers (idempotency_key, payee_id, payee_kind, amount, reference)
     SELECT idempotency_key, enterprise_id, 'enterprise', amount,
            'SB-' || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 20))
       FROM payouts WHERE run_id = $1::uuid AND amount > 0`,
    [runId],
  ],
  [
    `UPDATE payouts p SET status = CASE WHEN p.amount > 0 THEN 'paid' ELSE 'skipped' END,
            bank_reference = t.reference, paid_at = CASE WHEN p.amount > 0 THEN now() END, attempts = 1
       FROM payouts q LEFT JOIN simulated_bank_transfers t ON t.idempotency_key = q.idempotency_key
      WHERE p.id = q.id AND p.run_id = $1::uuid`,
    [runId],
  ],
  [
    `UPDATE vouchers v SET redeemed_amount = v.redeemed_amount + s.total,
            status = CASE WHEN v.redeemed_amount + s.total = v.face_value THEN 'exhausted' ELSE v.status END
       FROM (SELECT voucher_id, sum(amount) AS total FROM payouts WHERE run_id = $1::uuid AND status = 'paid'
              GROUP BY voucher_id) s
      WHERE v.id = s.voucher_id AND v.redeemed_amount + s.total <= v.face_value`,
    [runId],
  ],
  [
    `UPDATE redemption_claims c SET status = 'paid' FROM payouts p WHERE p.claim_id = c.id AND p.run_id = $1::uuid`,
    [runId],
  ],
  [
    `INSERT INTO audit_log (actor, action, entity_type, entity_id, after)
     SELECT 'system:redemption-run', 'payout.' || p.status, 'payout', p.id::text,
            jsonb_build_object('runId', $1::text, 'claimId', p.claim_id, 'voucherId', p.voucher_id,
                               'enterpriseId', p.enterprise_id, 'amount', p.amount::text,
                               'bankReference', p.bank_reference, 'duplicateTransfer', false,
                               'voucherRedeemed', v.redeemed_amount::text, 'voucherStatus', v.status)
       FROM payouts p JOIN vouchers v ON v.id = p.voucher_id WHERE p.run_id = $1::uuid`,
    [runId],
  ],
  [
    `INSERT INTO notifications (dedupe_key, recipient_email, kind, subject, body, entity_type, entity_id, email_sent_at)
     SELECT 'redemption-paid:' || $1::text || ':' || e.id, e.contact_email, 'payout_paid',
            '算力券兑付已支付 / Compute voucher redemption paid',
            format(E'%s：您在 %s 年第 %s 季度兑付批次中的算力券兑付款 %s 元已支付。\\n\\n%s: your compute voucher redemption of CNY %s in the %s Q%s run has been paid.',
                   e.name, $2::int, $3::int, sum(p.amount), e.name, sum(p.amount), $2::int, $3::int),
            'redemption_run', $1::text, now()
       FROM payouts p JOIN enterprises e ON e.id = p.enterprise_id
      WHERE p.run_id = $1::uuid AND p.status = 'paid' GROUP BY e.id, e.name, e.contact_email`,
    [runId, YEAR, QUARTER],
  ],
  [
    `WITH t AS (
       SELECT count(*) AS n, sum(amount) AS total,
              count(*) FILTER (WHERE status = 'paid') AS paid, coalesce(sum(amount) FILTER (WHERE status = 'paid'), 0) AS paid_total
         FROM payouts WHERE run_id = $1::uuid
     ), by_enterprise AS (
       SELECT jsonb_agg(jsonb_build_object('id', enterprise_id, 'payouts', n, 'total', total::text)) AS j
         FROM (SELECT enterprise_id, count(*) AS n, sum(amount) AS total FROM payouts WHERE run_id = $1::uuid
                GROUP BY enterprise_id) x
     )
     UPDATE redemption_runs r
        SET status = 'completed', claim_count = t.n, total_payout = t.total, paid_count = t.paid,
            paid_total = t.paid_total, approved_by = $2, approved_at = now(), computed_at = now(),
            completed_at = now(), pool_applied_at = now(),
            report = jsonb_build_object('totals', jsonb_build_object('claimCount', t.n, 'totalPayout', t.total::text),
                                        'byEnterprise', by_enterprise.j)
       FROM t, by_enterprise WHERE r.id = $1::uuid`,
    [runId, approver],
  ],
  [
    `INSERT INTO audit_log (actor, action, entity_type, entity_id, after)
     SELECT 'system:redemption-run', a, 'redemption_run', $1::text, jsonb_build_object('status', a)
       FROM unnest(ARRAY['redemption_run.computed', 'redemption_run.approved', 'redemption_run.completed']) a`,
    [runId],
  ],
];

/** The end state compared between the two clones. */
const END_STATE_SQL = `
SELECT (SELECT count(*) FROM payouts)::int AS payouts,
       (SELECT coalesce(sum(amount), 0)::text FROM payouts WHERE status = 'paid') AS paid_total,
       (SELECT count(*) FROM payouts WHERE status = 'paid')::int AS paid,
       (SELECT count(*) FROM payouts WHERE status = 'skipped')::int AS skipped,
       (SELECT count(*) FROM simulated_bank_transfers)::int AS transfers,
       (SELECT count(*) FROM redemption_claims WHERE status = 'paid')::int AS claims_paid,
       (SELECT sum(redeemed_amount)::text FROM vouchers) AS redeemed,
       (SELECT count(*) FROM vouchers WHERE status = 'exhausted')::int AS exhausted,
       (SELECT count(*) FROM funding_shares)::int AS funding_shares,
       (SELECT count(*) FROM audit_log WHERE entity_type IN ('payout', 'redemption_run'))::int AS audit_rows,
       (SELECT count(*) FROM notifications WHERE kind = 'payout_paid' AND email_sent_at IS NOT NULL)::int AS notices,
       (SELECT status FROM redemption_runs) AS run_status`;

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function open(url: string): Promise<DataSource> {
  return openBenchDataSource(url, 8);
}

/** Runs the whole run both ways on identical data and returns the row. */
export async function benchRedemption(claims = Number(process.env.BENCH_CLAIMS ?? 50000)): Promise<BenchRow> {
  const claimsPerVoucher = 5;
  const vouchersPerEnterprise = 4;
  const enterprises = Math.ceil(claims / (claimsPerVoucher * vouchersPerEnterprise));
  const smtp = await startDiscardingSmtp();
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;

  const seededDb = await createTestDatabase('cv_bench');
  const floorName = `${seededDb.name}_floor`;
  let floorCreated = false;
  let ours: DataSource | null = null;
  let floor: DataSource | null = null;
  try {
    // Seed once, then clone it: both sides start from the very same rows.
    let db = await open(seededDb.url);
    await seedReferenceData(db);
    let t = process.hrtime.bigint();
    const seeded = await seedBulkRedemption(db, {
      runYear: YEAR,
      runQuarter: QUARTER,
      enterprises,
      vouchersPerEnterprise,
      claimsPerVoucher,
      preRedeemedShare: 0.2,
    });
    const approver = await createUser(db, 'finance');
    console.log(
      `seeded ${seeded.claims} claims on ${seeded.vouchers} vouchers of ${seeded.enterprises} enterprises in ${ms(t).toFixed(0)} ms`,
    );
    await db.destroy();
    const admin = new Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${floorName}" TEMPLATE "${seededDb.name}"`);
    await admin.end();
    floorCreated = true;
    const floorUrl = new URL(seededDb.url);
    floorUrl.pathname = `/${floorName}`;
    for (const url of [seededDb.url, floorUrl.toString()]) {
      db = await open(url);
      await db.query('VACUUM ANALYZE');
      await db.destroy();
    }

    // Ours: the activities in the workflow's order.
    ours = await open(seededDb.url);
    const run = redemptionActivities(ours, loadEnv());
    const detail: Record<string, number> = {};
    const phase = async <T>(name: string, step: () => Promise<T>): Promise<T> => {
      const s = process.hrtime.bigint();
      const r = await step();
      detail[name] = (detail[name] ?? 0) + ms(s);
      return r;
    };
    const start = process.hrtime.bigint();
    const opened = await phase('compute', () =>
      run.openRedemptionRun({ programCode: BEIJING_2023_2025.code, year: YEAR, quarter: QUARTER }),
    );
    let cursor: string | null = null;
    for (;;) {
      const c = await phase('compute', () => run.computeRunPayoutsChunk({ runId: opened.runId, cursor }));
      if (c.vouchers === 0 && cursor === null) break;
      cursor = c.endOfPass ? null : c.nextCursor;
    }
    await phase('compute', () => run.summarizeRedemptionRun(opened.runId));
    await phase('approval', async () => {
      await run.notifyRunAwaitingApproval(opened.runId);
      await run.recordRunApproval({ runId: opened.runId, approverId: approver });
    });
    let chunks = 0;
    for (;;) {
      const d = await phase('disburse', () => run.disburseRunPayoutsChunk({ runId: opened.runId }));
      chunks += 1;
      if (d.remaining === 0) break;
    }
    await phase('notify', () => run.notifyRunPayouts(opened.runId));
    await phase('complete', () => run.completeRedemptionRun({ runId: opened.runId }));
    const oursMs = ms(start);
    console.log(
      `ours: ${chunks} disbursement chunks; phases ${JSON.stringify(detail, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v) : v))}`,
    );

    // Floor: one transaction writing the same end state.
    floor = await open(floorUrl.toString());
    const [{ id: floorRun }] = (await floor.query(
      `INSERT INTO redemption_runs (program_code, year, quarter, run_date, status, workflow_id)
       VALUES ($1, $2, $3, $4, 'computing', $5) RETURNING id`,
      [
        BEIJING_2023_2025.code,
        YEAR,
        QUARTER,
        quarterEndDate(YEAR, QUARTER),
        redemptionRunKey(BEIJING_2023_2025.code, YEAR, QUARTER),
      ],
    )) as { id: string }[];
    t = process.hrtime.bigint();
    await floor.transaction(async (tx) => {
      for (const [text, params] of FLOOR_STATEMENTS(floorRun, approver)) await tx.query(text, params);
    });
    const floorMs = ms(t);

    const [a] = (await ours.query(END_STATE_SQL)) as Record<string, unknown>[];
    const [b] = (await floor.query(END_STATE_SQL)) as Record<string, unknown>[];
    const differs = Object.keys(a).filter((k) => a[k] !== b[k]);
    if (differs.length > 0) {
      throw new Error(
        `end states differ: ${differs.map((k) => `${k} ours ${String(a[k])} floor ${String(b[k])}`).join('; ')}`,
      );
    }
    console.log(`end state (both): ${JSON.stringify(a)}`);
    const load = os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
    return {
      measure: `redemption run, ${seeded.claims} claims (compute → approval → disburse → notify)`,
      ours: Math.round(oursMs),
      floor: Math.round(floorMs),
      ratio: Number((oursMs / floorMs).toFixed(2)),
      target: 3,
      unit: 'ms',
      load,
      detail: Object.fromEntries(Object.entries(detail).map(([k, v]) => [k, Math.round(v)])),
    };
  } finally {
    await ours?.destroy();
    await floor?.destroy();
    await smtp.close();
    if (!process.env.BENCH_KEEP_DB) {
      await dropTestDatabase(seededDb.name);
      if (floorCreated) await dropTestDatabase(floorName);
    } else console.log(`kept databases ${seededDb.name}, ${floorName}`);
  }
}

async function main(): Promise<void> {
  const pg = await ensureBenchPostgres();
  try {
    const row = await benchRedemption();
    console.log('measure | ours | floor | ratio | load (1/5/15 min)');
    console.log(`${row.measure} | ${row.ours} ms | ${row.floor} ms | ${row.ratio} | ${row.load}`);
  } finally {
    await pg.stop();
  }
}

runIfMain(module, main);
