/*
 * Benchmark of the first-come pool (Chengdu 普惠算力券), not a test. Run with `npm run bench:pool`
 * (builds, then `node -r ./scripts/register-paths.js dist/scripts/bench-pool.js`).
 *
 * On a fresh database, a Temporal dev server, an SMTP sink, the real worker and the real HTTP API (its own
 * process, as deployed — the load is generated from this one):
 *   1. a raw SQL loop: BENCH_UNITS (default 1,000) conditional UPDATEs claiming the same 300 slots on a
 *      scratch copy of the pool row, all issued at once through a pool of DATABASE_POOL_SIZE connections;
 *   2. the API: BENCH_UNITS distinct units POST /pools/chengdu-puhui/applications at the same moment
 *      (eligibility, one-per-unit, the slot and receipt number under the pool row's lock, the audit row,
 *      the review workflow started for each holder);
 * checks that each hands out exactly 300 slots, and prints both rates and their ratio.
 * Environment: TEST_DATABASE_ADMIN_URL, BENCH_UNITS, DATABASE_POOL_SIZE (default 10), BENCH_KEEP_DB=1,
 * BENCH_API_NODE_ARGS (extra node flags for the API process).
 */
import 'reflect-metadata';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { Pool } from 'pg';
import { CHENGDU_PUHUI, businessDateOf, yearOf } from '@app/domain';
import { seedReferenceData } from '@app/persistence';
import { createTestDatabase, dropTestDatabase } from '../test/support/database';
import { startSmtpSink } from '../test/support/smtp-sink';
import { ensureBenchPostgres, openBenchDataSource, untilHealthy } from './bench-stack';

const ROOT = path.resolve(__dirname, '..', '..');
const PROGRAM = CHENGDU_PUHUI.code;
const SLOTS = CHENGDU_PUHUI.vouchersPerYear!;

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main(): Promise<void> {
  const units = Number(process.env.BENCH_UNITS ?? 1000);
  const poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10);
  await ensureBenchPostgres();
  const database = await createTestDatabase('cv_bench_pool');
  const temporal = require(path.join(ROOT, 'scripts', 'lib', 'temporal.js'));
  const server = await temporal.startDevServer({
    bin: temporal.provisionTemporal(),
    ui: false,
    logFile: path.join(ROOT, '.data', 'temporal-bench-pool.log'),
    namespaces: ['default'],
  });
  const smtp = await startSmtpSink();
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: String(poolSize),
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: `bench-pool-${process.pid}`,
    REDEMPTION_SCHEDULES: 'false',
    // Production's clock (no sandbox row read per request): the business date is today's.
    SANDBOX_CLOCK: 'false',
    SMTP_URL: smtp.url,
    JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(32).toString('hex'),
  });
  const db = await openBenchDataSource(database.url, 2);
  const raw = new Pool({ connectionString: database.url, max: poolSize });
  // Loaded after the environment is set: its modules read it.
  const { bootstrapWorker } = await import('../apps/worker/src/worker');
  const worker = await bootstrapWorker();
  const port: number = await temporal.freePort();
  const api = spawn(
    process.execPath,
    [
      // e.g. BENCH_API_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the API process.
      ...(process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean),
      '-r',
      path.join(ROOT, 'scripts', 'register-paths.js'),
      path.join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js'),
    ],
    { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    await untilHealthy(base, () => {
      if (api.exitCode !== null) throw new Error('the API did not start');
    });
    await seedReferenceData(db);
    const year = yearOf(businessDateOf(new Date()));
    const created: { id: string; enterprise_id: string }[] = await db.query(
      `WITH e AS (
         INSERT INTO enterprises (name, credit_code, registration_region, independent_legal_person, industry,
                                  ai_direction_aligned, sound_financial_management, contact_email)
         SELECT '成都压测单位 ' || i, '915101' || lpad(i::text, 12, '0'), 'chengdu', true,
                'software_information_services', true, true, 'bench' || i || '@puhui.example.cn'
           FROM generate_series(1, $1) AS i
         RETURNING id, contact_email)
       INSERT INTO users (email, display_name, password_hash, role, enterprise_id)
       SELECT contact_email, contact_email, 'not-a-password', 'enterprise', id FROM e
       RETURNING id, enterprise_id`,
      [units],
    );
    // The tokens sign-in would issue (same secret and issuer as the API's JwtModule).
    const jwt = new JwtService({
      secret: process.env.JWT_SECRET,
      signOptions: { algorithm: 'HS256', issuer: 'compute-voucher' },
    });
    const tokens = await Promise.all(created.map((u) => jwt.signAsync({ sub: u.id, ver: 0 })));
    await db.query('ANALYZE');

    // 1. Raw: the same conditional UPDATE on a scratch copy of the pool row, at the same concurrency.
    await db.query(`CREATE TABLE bench_pool_years (LIKE pool_years INCLUDING ALL)`);
    await db.query(`CREATE SEQUENCE bench_receipt_seq AS bigint`);
    await db.query(`INSERT INTO bench_pool_years (program_code, year, slots) VALUES ($1, $2, $3)`, [
      PROGRAM,
      year,
      SLOTS,
    ]);
    await Promise.all(Array.from({ length: poolSize }, () => raw.query('SELECT 1')));
    let t = process.hrtime.bigint();
    const rawResults = await Promise.all(
      Array.from({ length: units }, () =>
        raw.query<{ took: boolean }>(
          `UPDATE bench_pool_years
              SET last_took_slot = held < slots,
                  held = held + CASE WHEN held < slots THEN 1 ELSE 0 END,
                  received = received + 1
            WHERE program_code = $1 AND year = $2
          RETURNING last_took_slot AS took, nextval('bench_receipt_seq') AS receipt_no`,
          [PROGRAM, year],
        ),
      ),
    );
    const rawMs = ms(t);
    const rawTook = rawResults.filter((r) => r.rows[0].took).length;

    // For scale: the floor of any signed-in request (guard, token, one lookup), at the same concurrency.
    t = process.hrtime.bigint();
    const me = await Promise.all(
      tokens.map(
        async (token) =>
          (await fetch(`${base}/auth/me`, { headers: { Authorization: `Bearer ${token}` } })).status,
      ),
    );
    const meMs = ms(t);
    if (me.some((s) => s !== 200)) throw new Error('GET /auth/me failed');

    // 2. The API: every unit applies at the same moment.
    t = process.hrtime.bigint();
    const apiResults = await Promise.all(
      tokens.map(async (token) => {
        const res = await fetch(`${base}/pools/${PROGRAM}/applications`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}` },
        });
        return { status: res.status, body: (await res.json()) as { status?: string } };
      }),
    );
    const apiMs = ms(t);
    const apiHolding = apiResults.filter((r) => r.body.status === 'holding').length;
    const failed = apiResults.filter((r) => r.status !== 201);
    const [counters] = await db.query(
      `SELECT held, received FROM pool_years WHERE program_code = $1 AND year = $2`,
      [PROGRAM, year],
    );

    const rawRate = units / (rawMs / 1000);
    const apiRate = units / (apiMs / 1000);
    console.log(`units: ${units}, slots: ${SLOTS}, year: ${year}, database connections: ${poolSize} (both)`);
    console.log(
      `raw SQL conditional UPDATE: ${rawMs.toFixed(0)} ms, ${rawRate.toFixed(0)} claims/s, ${rawTook} slots taken`,
    );
    console.log(
      `HTTP API submissions:       ${apiMs.toFixed(0)} ms, ${apiRate.toFixed(0)} applications/s, ` +
        `${apiHolding} hold slots, ${units - apiHolding - failed.length} waitlisted, ${failed.length} failed` +
        ` (pool row: held ${counters?.held}, received ${counters?.received})`,
    );
    console.log(
      `(for scale) GET /auth/me:    ${meMs.toFixed(0)} ms, ${(units / (meMs / 1000)).toFixed(0)} requests/s`,
    );
    console.log(`API rate / raw rate: ${((apiRate / rawRate) * 100).toFixed(1)}% (goal ≥ 25%)`);
    if (rawTook !== SLOTS || apiHolding !== SLOTS || failed.length) {
      console.error('NOT exactly 300 slots each, or some submissions failed:', failed.slice(0, 3));
      process.exitCode = 1;
    }
  } finally {
    api.kill('SIGTERM');
    await worker.close();
    await raw.end();
    await db.destroy();
    await smtp.stop();
    await server.stop();
    if (process.env.BENCH_KEEP_DB !== '1') await dropTestDatabase(database.name);
    else console.log(`kept database ${database.name}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
