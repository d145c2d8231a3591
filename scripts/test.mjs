// `npm test`: the whole suite. Provisions what it needs (Temporal binary, PostgreSQL), then runs the
// unit tier and the integration tier (real Temporal dev server + a fresh PostgreSQL database), and ends
// with one plain "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ensurePostgres } from './lib/postgres.mjs';

const require = createRequire(import.meta.url);
const temporal = require('./lib/temporal.js');
const ROOT = temporal.ROOT;
const resultsDir = path.join(ROOT, 'test-results');
fs.mkdirSync(resultsDir, { recursive: true });

const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const pg = await ensurePostgres({ adminUrl, dataDir: path.join(ROOT, '.data', 'pg-test') });
const bin = temporal.provisionTemporal();
if (!bin) {
  console.error('test: no temporal binary and no Go >= 1.25 to build one; set TEMPORAL_CLI_PATH');
  process.exit(1);
}

const env = {
  ...process.env,
  TEST_DATABASE_ADMIN_URL: pg.adminUrl,
  TEMPORAL_CLI_PATH: bin,
  NODE_ENV: 'test',
};
const extra = process.argv.slice(2);
const tiers = [
  ['unit', ['--selectProjects', 'unit']],
  ['integration', ['--selectProjects', 'integration', '--runInBand']],
];

let passed = 0;
let failed = 0;
let exitCode = 0;
for (const [name, args] of tiers) {
  const out = path.join(resultsDir, `${name}.json`);
  fs.rmSync(out, { force: true });
  console.log(`\n=== ${name} tier ===`);
  const r = spawnSync(
    process.execPath,
    [require.resolve('jest/bin/jest'), ...args, '--json', `--outputFile=${out}`, ...extra],
    { stdio: 'inherit', env, cwd: ROOT },
  );
  if (fs.existsSync(out)) {
    const summary = JSON.parse(fs.readFileSync(out, 'utf8'));
    passed += summary.numPassedTests;
    failed += summary.numFailedTests;
    if (summary.numTotalTests === 0) {
      console.error(`${name} tier ran no test`);
      exitCode = 1;
    }
    // A suite that failed to load counts as a failure even with no failed test inside it.
    failed += summary.numRuntimeErrorTestSuites;
  } else {
    failed += 1;
  }
  if (r.status !== 0) exitCode = 1;
}
await pg.stop();
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(exitCode || (failed > 0 ? 1 : 0));
