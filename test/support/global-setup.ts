import path from 'node:path';
// Global setup runs outside jest's module mapper: resolve the @app/* aliases like the tests do.
import { register } from 'tsconfig-paths';
import { compilerOptions } from '../../tsconfig.json';
register({ baseUrl: path.resolve(__dirname, '..', '..'), paths: compilerOptions.paths });
import { SUITE_NAMESPACES, createTestDatabase } from './database';
import { startSmtpSink } from './smtp-sink';

// Plain CommonJS helper shared with the npm scripts.
const temporal = require('../../scripts/lib/temporal.js');

/**
 * One fresh PostgreSQL database and one real Temporal dev server for the whole integration run.
 * No tier is skipped: if either cannot be had, setup fails and says why.
 */
export default async function globalSetup(): Promise<void> {
  // One prefix per run: each suite gets its own database (isolate-database.ts), all dropped at teardown.
  process.env.CV_TEST_RUN_PREFIX = `cv_test_${Date.now().toString(36)}`;
  const db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.CV_TEST_DATABASE_NAME = db.name;

  const bin = temporal.provisionTemporal();
  if (!bin)
    throw new Error('No temporal binary: set TEMPORAL_CLI_PATH, or install Go >= 1.25 so it can be built');
  const logFile = path.join(temporal.ROOT, '.data', 'temporal-test.log');
  require('node:fs').mkdirSync(path.dirname(logFile), { recursive: true });
  // Deterministic workflow ids (a quarter's run) repeat across suites: each suite works in a namespace of
  // its own (isolate-database.ts picks one), all pre-created here.
  const namespaces = ['default', ...Array.from({ length: SUITE_NAMESPACES }, (_, i) => `suite-${i + 1}`)];
  const server = await temporal.startDevServer({ bin, ui: false, logFile, namespaces });
  process.env.TEMPORAL_ADDRESS = server.address;
  process.env.TEMPORAL_CLI_PATH = bin;
  process.env.TEMPORAL_TASK_QUEUE = `cv-test-${process.pid}`;
  // Suites that test the schedules create them themselves.
  process.env.REDEMPTION_SCHEDULES = 'false';
  // The API has no secret of its own: each run signs with a fresh one unless the caller gave one.
  process.env.JWT_SECRET ??= require('node:crypto').randomBytes(32).toString('hex');
  (globalThis as Record<string, unknown>).__cvTemporal = server;
  // A real SMTP server that accepts (and keeps) every message, so suites that do not assert on mail still
  // deliver it; suites that do start their own sink and point SMTP_URL at it.
  const sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
  (globalThis as Record<string, unknown>).__cvSmtp = sink;
}
