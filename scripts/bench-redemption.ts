/*
 * Benchmark of the redemption run's compute phase (not a test). Run with `npm run bench:redemption`
 * (builds, then `node -r ./scripts/register-paths.js dist/scripts/bench-redemption.js`).
 *
 * Creates a fresh database, seeds BENCH_CLAIMS (default 50,000) pending claims for one run, then times
 *   1. one plain set-based SQL statement doing the same payout arithmetic into a scratch table, and
 *   2. the full compute phase through RedemptionActivities (open + every chunk, as the workflow runs it),
 *   3. for scale, the same activity with every voucher in one chunk (the same writes, no chunking),
 * checks that both produced the same amounts claim by claim, and prints both times and their ratio.
 * Environment: TEST_DATABASE_ADMIN_URL (server to create the database on), BENCH_CLAIMS,
 * BENCH_CHUNK_VOUCHERS, BENCH_KEEP_DB=1 to keep the database.
 */
import 'reflect-metadata';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadEnv } from '@app/config';
import { BEIJING_2023_2025 } from '@app/domain';
import { createDataSource, seedReferenceData } from '@app/persistence';
import { DEFAULT_COMPUTE_CHUNK_VOUCHERS, RedemptionActivities } from '@app/activities/redemption.activities';
import { createTestDatabase, dropTestDatabase } from '../test/support/database';
import { seedBulkRedemption } from '../test/support/redemption-fixtures';

const ROOT = path.resolve(__dirname, '..', '..');
const YEAR = 2025;
const QUARTER = 1;

/** A real ESM import from CommonJS output (tsc would turn `import()` into `require`). */
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<unknown>;

const PLAIN_SQL = `
INSERT INTO bench_scratch_payouts (claim_id, voucher_id, amount, uncapped_amount, limited_by_balance)
SELECT claim_id, voucher_id, amount, uncapped, amount < uncapped
  FROM (
    SELECT x.*, greatest(0, least(x.uncapped, x.remaining - x.earlier)) AS amount
      FROM (
        SELECT c.id AS claim_id, c.voucher_id, s.supplier_id,
               trunc(c.invoiced_eligible_amount * $4::numeric, 2) AS uncapped,
               CASE WHEN v.status = 'withdrawn' THEN 0
                    ELSE v.face_value - v.redeemed_amount
                         - coalesce((SELECT sum(p.amount) FROM payouts p
                                      WHERE p.voucher_id = v.id AND p.status = 'computed'), 0)
               END AS remaining,
               coalesce(sum(trunc(c.invoiced_eligible_amount * $4::numeric, 2))
                          OVER (PARTITION BY c.voucher_id ORDER BY c.claimed_on, c.id
                                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS earlier
          FROM redemption_claims c
          JOIN vouchers v ON v.id = c.voucher_id
          JOIN settlements s ON s.id = c.settlement_id
         WHERE c.program_code = $1 AND c.run_year = $2 AND c.run_quarter = $3 AND c.status = 'pending'
      ) x
  ) y`;

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main(): Promise<void> {
  const claims = Number(process.env.BENCH_CLAIMS ?? 50000);
  const chunkVouchers = Number(process.env.BENCH_CHUNK_VOUCHERS ?? DEFAULT_COMPUTE_CHUNK_VOUCHERS);
  const claimsPerVoucher = 5;
  const vouchersPerEnterprise = 4;
  const enterprises = Math.ceil(claims / (claimsPerVoucher * vouchersPerEnterprise));

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
  const database = await createTestDatabase('cv_bench');
  process.env.DATABASE_URL = database.url;
  const db = await createDataSource({
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: 4,
    DATABASE_SSL: false,
    DATABASE_LOGGING: false,
  }).initialize();
  try {
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
    await db.query('ANALYZE');
    console.log(
      `seeded ${seeded.claims} claims on ${seeded.vouchers} vouchers of ${seeded.enterprises} enterprises in ${ms(t).toFixed(0)} ms`,
    );

    // 1. One plain statement, same arithmetic, into a scratch table (claims stay pending).
    await db.query(`CREATE TABLE bench_scratch_payouts (
      claim_id uuid PRIMARY KEY, voucher_id uuid NOT NULL, amount numeric(15,2) NOT NULL,
      uncapped_amount numeric(15,2) NOT NULL, limited_by_balance boolean NOT NULL)`);
    const rate = BEIJING_2023_2025.rate; // the version-1 rate every fixture voucher is issued under
    t = process.hrtime.bigint();
    await db.query(PLAIN_SQL, [BEIJING_2023_2025.code, YEAR, QUARTER, rate]);
    const plainMs = ms(t);

    // 2. The compute phase as the workflow runs it: open, then chunk after chunk until a pass finds nothing.
    const activities = new RedemptionActivities(db, loadEnv());
    t = process.hrtime.bigint();
    const run = await activities.openRedemptionRun({
      programCode: BEIJING_2023_2025.code,
      year: YEAR,
      quarter: QUARTER,
    });
    let cursor: string | null = null;
    let chunks = 0;
    let computed = 0;
    for (;;) {
      const r = await activities.computeRunPayoutsChunk({
        runId: run.runId,
        cursor,
        maxVouchers: chunkVouchers,
      });
      chunks += 1;
      computed += r.payoutsCreated;
      if (r.vouchers === 0 && cursor === null) break;
      cursor = r.endOfPass ? null : r.nextCursor;
    }
    const chunkedMs = ms(t);
    t = process.hrtime.bigint();
    const summary = await activities.summarizeRedemptionRun(run.runId);
    const summarizeMs = ms(t);

    const [diff] = await db.query(
      `SELECT count(*)::int AS n FROM bench_scratch_payouts b FULL JOIN payouts p ON p.claim_id = b.claim_id
        WHERE b.claim_id IS NULL OR p.claim_id IS NULL OR b.amount <> p.amount
           OR b.uncapped_amount <> p.uncapped_amount OR b.limited_by_balance <> p.limited_by_balance`,
    );
    const [limited] = await db.query(`SELECT count(*)::int AS n FROM payouts WHERE limited_by_balance`);

    // 3. For scale: the same activity with every voucher in ONE chunk (same writes, no chunking), after
    //    putting the claims back to pending.
    await db.query(`DELETE FROM payouts`);
    await db.query(`UPDATE redemption_claims SET status = 'pending'`);
    await db.query(`UPDATE redemption_runs SET status = 'computing', claim_count = 0, total_payout = 0`);
    await db.query('VACUUM ANALYZE');
    t = process.hrtime.bigint();
    const single = await activities.computeRunPayoutsChunk({
      runId: run.runId,
      cursor: null,
      maxVouchers: 1e9,
    });
    const singleMs = ms(t);

    console.log(
      `claims computed: ${computed} (limited by balance: ${limited.n}); total payout ${summary.totalPayout}`,
    );
    console.log(`plain set-based statement (scratch table):   ${plainMs.toFixed(1)} ms`);
    console.log(
      `chunked compute phase (${chunks} activity calls, ${chunkVouchers} vouchers/chunk): ${chunkedMs.toFixed(1)} ms`,
    );
    console.log(`ratio chunked / plain: ${(chunkedMs / plainMs).toFixed(2)}`);
    console.log(
      `for scale, the activity with all ${single.vouchers} vouchers in one chunk (same writes): ${singleMs.toFixed(1)} ms`,
    );
    console.log(`summarize (totals, preview): ${summarizeMs.toFixed(1)} ms`);
    console.log(`claims whose results differ between the two: ${diff.n}`);
    if (diff.n !== 0 || computed !== seeded.claims) process.exitCode = 1;
  } finally {
    await db.destroy();
    if (!process.env.BENCH_KEEP_DB) await dropTestDatabase(database.name);
    else console.log(`kept database ${database.name}`);
    await pg.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
