import { Client } from 'pg';
import { SUITE_NAMESPACES, adminUrl, createTestDatabase, runPrefix } from './database';

/**
 * Runs before each integration suite's own hooks: the suite gets a fresh, migrated database and a
 * Temporal namespace of its own, so suites never see each other's rows or workflow ids (jest gives
 * each file its own copy of process.env). Suites run one after another (--runInBand), so the n-th
 * database of the run takes namespace suite-n.
 */
beforeAll(async () => {
  const db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    const { rows } = await admin.query(`SELECT count(*)::int AS n FROM pg_database WHERE datname LIKE $1`, [
      `${runPrefix()}\\_%`,
    ]);
    // The global setup's own database counts too: suite numbers start at 1.
    const suite = rows[0].n - 1;
    if (suite > SUITE_NAMESPACES)
      throw new Error(`more than ${SUITE_NAMESPACES} integration suites: raise SUITE_NAMESPACES`);
    process.env.TEMPORAL_NAMESPACE = `suite-${suite}`;
  } finally {
    await admin.end();
  }
});
