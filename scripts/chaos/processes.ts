import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/*
 * The processes the crash suite kills: a PostgreSQL cluster of its own (never the machine's shared one on
 * 5432), a Temporal dev server of its own on a SQLite file that survives a SIGKILL, and worker processes.
 */

/** The repository root, from the sources (scripts/chaos) or from a build (dist/scripts/chaos). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || path.basename(dir) === 'dist') {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('chaos: no package.json above ' + __dirname);
    dir = up;
  }
  return dir;
}

interface TemporalLib {
  provisionTemporal(): string | null;
  freePort(): Promise<number>;
  startDevServer(o: {
    bin: string;
    port: number;
    dbFile: string;
    ui: boolean;
    logFile: string;
    namespaces: string[];
  }): Promise<{ address: string; child: ChildProcess }>;
}

export function temporalLib(): TemporalLib {
  // Plain CommonJS shared with the npm scripts; not compiled, so reached from the repository root.

  return require(path.join(repoRoot(), 'scripts', 'lib', 'temporal.js')) as TemporalLib;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}

const PG_BIN = process.env.CHAOS_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** PostgreSQL refuses to run as root: as root, its tools run as the postgres user. */
function asPostgres(cmd: string, args: string[]) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const r = root
    ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8' })
    : spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} failed: ${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** As asPostgres, without blocking the event loop (the flows keep retrying while the server comes back). */
function asPostgresAsync(cmd: string, args: string[]): Promise<void> {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const [file, argv] = root ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) =>
    execFile(file, argv, (err, stdout, stderr) =>
      err ? reject(new Error(`${path.basename(cmd)} failed: ${stdout}\n${stderr}`)) : resolve(),
    ),
  );
}

/** A throwaway PostgreSQL 15 cluster: initdb into `dir`, its own port, stopped with `-m immediate`. */
export class ChaosPostgres {
  constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  get adminUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  urlOf(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  init(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
    fs.mkdirSync(this.dir, { recursive: true });
    if (typeof process.getuid === 'function' && process.getuid() === 0)
      spawnSync('chown', ['postgres', this.dir]);
    asPostgres(path.join(PG_BIN, 'initdb'), [
      '-D',
      path.join(this.dir, 'data'),
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
  }

  start(): Promise<void> {
    const data = path.join(this.dir, 'data');
    return asPostgresAsync(path.join(PG_BIN, 'pg_ctl'), [
      '-D',
      data,
      '-l',
      path.join(this.dir, 'postgres.log'),
      '-o',
      `-p ${this.port} -k ${data} -c listen_addresses=127.0.0.1 -c max_connections=200`,
      '-w',
      '-t',
      '60',
      'start',
    ]);
  }

  /** The fault: no shutdown checkpoint, every connection cut (a crash, recovered from WAL at start). */
  crash(): void {
    this.stopWith('immediate');
  }

  stop(): void {
    try {
      this.stopWith('fast');
    } catch {
      // already stopped
    }
  }

  private stopWith(mode: 'immediate' | 'fast'): void {
    asPostgres(path.join(PG_BIN, 'pg_ctl'), ['-D', path.join(this.dir, 'data'), '-m', mode, '-w', 'stop']);
  }
}

/** The Temporal dev server on a fixed port and SQLite file, so a restart finds every history again. */
export class ChaosTemporal {
  child: ChildProcess | null = null;
  address = '';

  constructor(
    readonly dir: string,
    readonly port: number,
    readonly namespaces: string[],
  ) {}

  async start(): Promise<void> {
    const lib = temporalLib();
    const bin = lib.provisionTemporal();
    if (!bin) throw new Error('chaos: no temporal binary (set TEMPORAL_CLI_PATH)');
    fs.mkdirSync(this.dir, { recursive: true });
    const server = await lib.startDevServer({
      bin,
      port: this.port,
      dbFile: path.join(this.dir, 'temporal.db'),
      ui: false,
      logFile: path.join(this.dir, 'temporal.log'),
      namespaces: this.namespaces,
    });
    this.child = server.child;
    this.address = server.address;
  }

  async kill(): Promise<void> {
    if (!this.child) return;
    this.child.kill('SIGKILL');
    await exited(this.child);
    this.child = null;
  }
}

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<void>;
}

/** The worker's own main.js (compiled under `buildRoot`) in a child process, @app/* resolved there. */
export function spawnWorker(buildRoot: string, env: Record<string, string>): WorkerProcess {
  const { compilerOptions } = require(path.join(repoRoot(), 'tsconfig.json')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  const boot = `
    require('tsconfig-paths').register({ baseUrl: ${JSON.stringify(buildRoot)}, paths: ${JSON.stringify(compilerOptions.paths)} });
    require(${JSON.stringify(path.join(buildRoot, 'apps', 'worker', 'src', 'main.js'))});`;
  let out = '';
  const child = spawn(process.execPath, ['-e', boot], {
    cwd: repoRoot(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { child, output: () => out, exited: exited(child) };
}

/** Resolves once the worker polls its task queue; rejects if it exits first or takes too long. */
export async function workerPolling(w: WorkerProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!/polling task queue|state: 'RUNNING'/.test(w.output())) {
    if (w.child.exitCode !== null || w.child.signalCode !== null)
      throw new Error(`worker exited while starting:\n${w.output().slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`worker did not poll in time:\n${w.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function killProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  await exited(child);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
