// Finds, provisions and starts the Temporal dev server (the CLI's embedded server, SQLite-backed).
// Plain CommonJS so both the npm scripts and jest's global setup can use it without a build.
const { execFileSync, spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const TOOLS_BIN = path.join(ROOT, '.tools', 'bin');
const CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

// Our search attributes, registered on every dev server we start (the API never lists via Temporal;
// these are for operators filtering in the Web UI / CLI).
const SEARCH_ATTRIBUTES = {
  ProgramCode: 'Keyword',
  ApplicationStatus: 'Keyword',
  EnterpriseId: 'Keyword',
  RedemptionQuarter: 'Keyword',
};

function isExecutable(p) {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

function goVersion() {
  const go = onPath('go') || (isExecutable('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : null);
  if (!go) return null;
  const out = spawnSync(go, ['version'], { encoding: 'utf8' });
  const m = /go(\d+)\.(\d+)/.exec(out.stdout || '');
  return m ? { go, major: Number(m[1]), minor: Number(m[2]) } : null;
}

/** The `temporal` binary: $TEMPORAL_CLI_PATH, then PATH, then .tools/bin; null when none is found. */
function findTemporal() {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`TEMPORAL_CLI_PATH=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  return (
    onPath('temporal') ||
    (isExecutable(path.join(TOOLS_BIN, 'temporal')) ? path.join(TOOLS_BIN, 'temporal') : null)
  );
}

/**
 * Finds the binary or installs it with `go install` (Go >= 1.25) into .tools/bin.
 * Returns null when neither works: callers then let @temporalio/testing download one (needs internet).
 */
function provisionTemporal({ log = console.error } = {}) {
  const found = findTemporal();
  if (found) return found;
  const go = goVersion();
  if (!go || go.major < 1 || (go.major === 1 && go.minor < 25)) {
    log(
      'temporal: no binary found and no Go >= 1.25 to build one; falling back to @temporalio/testing download',
    );
    return null;
  }
  log(`temporal: installing ${CLI_MODULE} into .tools/bin (a few minutes the first time)`);
  fs.mkdirSync(TOOLS_BIN, { recursive: true });
  execFileSync(go.go, ['install', CLI_MODULE], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, GOBIN: TOOLS_BIN, GOFLAGS: process.env.GOFLAGS || '-mod=mod' },
  });
  const bin = path.join(TOOLS_BIN, 'temporal');
  if (!isExecutable(bin)) throw new Error('temporal: go install finished but .tools/bin/temporal is missing');
  return bin;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function portOpen(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

async function waitForPort(port, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new Error(`temporal server exited early with code ${child.exitCode}`);
    if (await portOpen(port)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`temporal server did not open port ${port} within ${timeoutMs} ms`);
}

/** CLI arguments for a file-backed (WAL) dev server with our search attributes. */
function devServerArgs({ port, uiPort, dbFile, namespaces = ['default'], ui = true }) {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port)];
  for (const ns of namespaces) args.push('--namespace', ns);
  args.push('--log-level', 'warn');
  if (dbFile) args.push('--db-filename', dbFile, '--sqlite-pragma', 'journal_mode=wal');
  if (ui) args.push('--ui-port', String(uiPort));
  else args.push('--headless');
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES))
    args.push('--search-attribute', `${name}=${type}`);
  return args;
}

/**
 * Starts `temporal server start-dev` as a child process and waits until its frontend accepts connections.
 * Returns { address, port, uiPort, child, stop }.
 */
async function startDevServer({ bin, port, uiPort, dbFile, ui = true, logFile, namespaces } = {}) {
  bin = bin || provisionTemporal();
  if (!bin) throw new Error('temporal: no binary available (set TEMPORAL_CLI_PATH or install Go >= 1.25)');
  port = port || (await freePort());
  uiPort = uiPort || (ui ? await freePort() : undefined);
  for (const file of [dbFile, logFile]) if (file) fs.mkdirSync(path.dirname(file), { recursive: true });
  const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
  const child = spawn(bin, devServerArgs({ port, uiPort, dbFile, ui, namespaces }), {
    stdio: ['ignore', out, out],
  });
  await waitForPort(port, 60_000, child);
  const address = `127.0.0.1:${port}`;
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 10_000).unref();
    });
  return { address, port, uiPort, child, stop };
}

module.exports = {
  ROOT,
  SEARCH_ATTRIBUTES,
  findTemporal,
  provisionTemporal,
  startDevServer,
  devServerArgs,
  freePort,
  portOpen,
};
