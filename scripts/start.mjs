// `npm start`: the whole system on the embedded default. Builds, provisions and starts the Temporal dev
// server (file-backed, WAL, Web UI), uses local PostgreSQL or starts an embedded one, migrates, seeds the
// demo, then runs the API and the worker until Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ensureDatabase, ensurePostgres, redact, withDatabase } from './lib/postgres.mjs';
import { startMailCatcher } from './lib/mail-catcher.mjs';

const require = createRequire(import.meta.url);
const temporal = require('./lib/temporal.js');
const ROOT = temporal.ROOT;
const log = (msg) => console.log(`[start] ${msg}`);

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/compute_voucher';
const dbName = new URL(databaseUrl).pathname.slice(1);
const temporalPort = Number(process.env.TEMPORAL_PORT ?? 7233);
const temporalUiPort = Number(process.env.TEMPORAL_UI_PORT ?? 8233);

const children = [];
let stopping = false;
async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  for (const c of children.reverse()) {
    if (c.exitCode === null) c.kill('SIGTERM');
    await new Promise((r) => (c.exitCode !== null ? r() : c.once('exit', r)));
  }
  await pgServer?.stop();
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

log('building (tsc)…');
const build = spawnSync(
  process.execPath,
  [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
  {
    stdio: 'inherit',
    cwd: ROOT,
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);
log('building the web console (vite)…');
const consoleBuild = spawnSync(
  process.execPath,
  [
    path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
    'build',
    '--config',
    'apps/console/vite.config.mts',
    '--logLevel',
    'warn',
  ],
  {
    stdio: 'inherit',
    cwd: ROOT,
  },
);
if (consoleBuild.status !== 0) process.exit(consoleBuild.status ?? 1);

const pgServer = await ensurePostgres({
  adminUrl: withDatabase(databaseUrl, 'postgres'),
  dataDir: path.join(ROOT, '.data', 'pg'),
});
const effectiveDbUrl = withDatabase(pgServer.adminUrl, dbName);
await ensureDatabase(effectiveDbUrl);
log(`database ${redact(effectiveDbUrl)}${pgServer.embedded ? ' (embedded)' : ''}`);

let temporalAddress = process.env.TEMPORAL_ADDRESS;
if (!temporalAddress) {
  if (await temporal.portOpen(temporalPort)) {
    temporalAddress = `127.0.0.1:${temporalPort}`;
    log(`Temporal already listening on ${temporalAddress}; using it`);
  } else {
    const bin = temporal.provisionTemporal();
    if (!bin) {
      log('no temporal binary; starting one through @temporalio/testing (downloads it)');
      const { TestWorkflowEnvironment } = require('@temporalio/testing');
      const env = await TestWorkflowEnvironment.createLocal({
        server: {
          port: temporalPort,
          ui: true,
          uiPort: temporalUiPort,
          dbFilename: path.join(ROOT, '.data', 'temporal', 'temporal.db'),
        },
      });
      temporalAddress = env.address;
    } else {
      const server = await temporal.startDevServer({
        bin,
        port: temporalPort,
        uiPort: temporalUiPort,
        dbFile: path.join(ROOT, '.data', 'temporal', 'temporal.db'),
        logFile: path.join(ROOT, '.data', 'temporal.log'),
      });
      children.push(server.child);
      temporalAddress = server.address;
      log(`Temporal dev server on ${temporalAddress}, Web UI http://127.0.0.1:${temporalUiPort}`);
    }
  }
}

let smtpUrl = process.env.SMTP_URL;
if (!smtpUrl && !(await temporal.portOpen(1025))) {
  const catcher = await startMailCatcher({ dir: path.join(ROOT, '.data', 'mail') });
  if (catcher) {
    smtpUrl = catcher.url;
    log(`no SMTP_URL: mail is caught in .data/mail/ (${catcher.url})`);
  }
}

// The token-signing secret: the one given, else (outside production) this installation's own, made once
// and kept in .data/jwt-secret (0600). Production never gets a made-up secret: the API refuses to start.
let jwtSecret = process.env.JWT_SECRET;
if (!jwtSecret && process.env.NODE_ENV !== 'production') {
  const { provisionLocalSecret } = require(
    path.join(ROOT, 'dist', 'libs', 'config', 'src', 'local-secret.js'),
  );
  try {
    const kept = provisionLocalSecret(path.join(ROOT, '.data', 'jwt-secret'));
    jwtSecret = kept.secret;
    log(`${kept.created ? 'made a new' : 'using the'} token-signing secret in .data/jwt-secret`);
  } catch (err) {
    log(err.message);
    await stopAll(1);
  }
}

const env = {
  ...process.env,
  ...(jwtSecret ? { JWT_SECRET: jwtSecret } : {}),
  DATABASE_URL: effectiveDbUrl,
  TEMPORAL_ADDRESS: temporalAddress,
  SMTP_URL: smtpUrl ?? 'smtp://127.0.0.1:1025',
  // Outside production the business date is a sandbox clock, so the demo lives inside the plan (ADR 0044).
  ...(process.env.NODE_ENV !== 'production' && process.env.SANDBOX_CLOCK === undefined
    ? { SANDBOX_CLOCK: 'true' }
    : {}),
};
const register = path.join(ROOT, 'scripts', 'register-paths.js');
const seed = spawnSync(
  process.execPath,
  ['-r', register, 'dist/libs/persistence/src/cli/seed.js', '--demo'],
  {
    stdio: 'inherit',
    cwd: ROOT,
    env,
  },
);
if (seed.status !== 0) await stopAll(1);

for (const app of ['worker', 'api']) {
  const child = spawn(process.execPath, ['-r', register, `dist/apps/${app}/src/main.js`], {
    stdio: 'inherit',
    cwd: ROOT,
    env,
  });
  child.on('exit', (code) => {
    if (!stopping) {
      log(`${app} exited with code ${code}`);
      stopAll(code || 1);
    }
  });
  children.push(child);
}
const apiBase = `http://127.0.0.1:${env.PORT ?? 3000}`;
// The living demo (ADR 0044): once the API answers, a Beijing year is played through it — once; a second
// start finds it played and leaves it. DEMO_YEAR=false skips it.
if (
  process.env.NODE_ENV !== 'production' &&
  env.SANDBOX_CLOCK === 'true' &&
  process.env.DEMO_YEAR !== 'false'
) {
  await waitForHealth(apiBase);
  log('playing the demo year through the API (first start only; a minute or two)…');
  // Asynchronously: this process answers the mail catcher's SMTP while the demo's workflows send mail.
  const demo = spawn(process.execPath, ['-r', register, 'dist/scripts/demo-year.js', apiBase], {
    stdio: 'inherit',
    cwd: ROOT,
    env,
  });
  children.push(demo);
  const code = await new Promise((r) => demo.once('exit', r));
  if (code !== 0 && !stopping) log('the demo year did not finish (see above); the system runs without it');
}
log(`console ${apiBase}/console/ · API health /health · OpenAPI /docs`);
if (env.SANDBOX_CLOCK === 'true')
  log('sandbox clock on: move the business date on the console page 业务日期 (admin)');

async function waitForHealth(base) {
  for (let i = 0; i < 240; i++) {
    try {
      const res = await globalThis.fetch(`${base}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  log('the API did not answer /health within two minutes');
}
