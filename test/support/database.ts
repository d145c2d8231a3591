import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrate } from '@app/persistence';

/** The server to create test databases on: TEST_DATABASE_ADMIN_URL, else the local default. */
export function adminUrl(): string {
  return process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** Creates a uniquely named, fully migrated database; returns its name and URL. */
/** Temporal namespaces pre-created for the integration suites (more than there are suites). */
export const SUITE_NAMESPACES = 100;

/** Every database of one test run shares this prefix, so teardown can drop them all. */
export function runPrefix(): string {
  return process.env.CV_TEST_RUN_PREFIX ?? 'cv_test';
}

export async function createTestDatabase(prefix = runPrefix()): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl(), name);
  await migrate({ DATABASE_URL: url, DATABASE_POOL_SIZE: 2, DATABASE_SSL: false, DATABASE_LOGGING: false });
  return { name, url };
}

export async function dropTestDatabase(name: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Drops every database this test run created (names starting with the run's prefix). */
export async function dropRunDatabases(prefix: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `${prefix}\\_%`,
    ]);
    for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
