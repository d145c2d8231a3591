import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { UserRecord, hashPassword, type Role } from '@app/persistence';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { E2E_PASSWORD } from './e2e-stack';
import { openTestDataSource, seedReference } from './fixtures';
import { signIn, type ApiSession } from './http';

/** The API alone on the suite's database (no worker): what the edge's own suites need. */
export interface ApiSuite {
  db: DataSource;
  app: INestApplication;
  /** Inserts an active user with the suite password (E2E_PASSWORD); answers its id. */
  addUser(email: string, role: Role, owner?: { enterpriseId?: string; supplierId?: string }): Promise<string>;
  /** Inserts such a user and signs them in. */
  user(
    email: string,
    role: Role,
    owner?: { enterpriseId?: string; supplierId?: string },
  ): Promise<ApiSession>;
}

/**
 * Registers the suite's set-up (database, reference data, the API) and teardown. A suite's own beforeAll
 * hooks, registered after this call, run once the API is up.
 */
export function apiSuite(options: { beforeTeardown?: (db: DataSource) => Promise<unknown> } = {}): ApiSuite {
  const suite = {
    async addUser(email, role, owner = {}) {
      const [{ id }] = (
        await suite.db.getRepository(UserRecord).insert({
          email,
          displayName: email.split('@')[0],
          passwordHash: await hashPassword(E2E_PASSWORD),
          role,
          enterpriseId: owner.enterpriseId ?? null,
          supplierId: owner.supplierId ?? null,
          active: true,
        })
      ).identifiers as { id: string }[];
      return id;
    },
    async user(email, role, owner) {
      await suite.addUser(email, role, owner);
      return signIn(suite.app, email, E2E_PASSWORD);
    },
  } as ApiSuite;
  beforeAll(async () => {
    suite.db = await openTestDataSource();
    await seedReference(suite.db);
    suite.app = await createApiApp();
    await suite.app.init();
  });
  afterAll(async () => {
    if (suite.db) await options.beforeTeardown?.(suite.db);
    await suite.app?.close();
    await suite.db?.destroy();
  });
  return suite;
}
