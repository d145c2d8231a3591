import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserRecord, hashPassword } from '@app/persistence';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { bootstrapWorker } from '../../apps/worker/src/worker';
import { openTestDataSource, seedReference } from './fixtures';
import { signIn, type ApiSession } from './http';
import { startSmtpSink, type SmtpSink } from './smtp-sink';

/** The password of every user an end-to-end suite creates. */
export const E2E_PASSWORD = 'correct horse battery staple';

/** The whole system as users reach it: API, worker, Temporal (the run's dev server), PostgreSQL, SMTP. */
export interface E2eStack {
  db: DataSource;
  sink: SmtpSink;
  worker: INestApplicationContext;
  app: INestApplication;
  admin: ApiSession;
  suppliers: Map<string, { id: string }>;
  /** Pins the sandbox business date. */
  setDate(businessDate: string): Promise<unknown>;
  /** Creates a user through the admin API and signs them in. */
  user(
    email: string,
    role: string,
    owner?: { enterpriseId?: string; supplierId?: string },
  ): Promise<ApiSession>;
  close(): Promise<void>;
}

/**
 * Starts the API and a worker on a task queue of the suite's own, with the sandbox clock and an SMTP sink,
 * seeds the programs and suppliers, and signs in an administrator.
 */
export async function startE2eStack(name: string, env: Record<string, string> = {}): Promise<E2eStack> {
  const sink = await startSmtpSink();
  Object.assign(process.env, {
    SMTP_URL: sink.url,
    SANDBOX_CLOCK: 'true',
    TEMPORAL_TASK_QUEUE: `e2e-${name}-${process.pid}`,
    REDEMPTION_SCHEDULES: 'false',
    ...env,
  });
  const db = await openTestDataSource();
  const suppliers = await seedReference(db);
  const adminEmail = `admin@${name}.example.cn`;
  await db.getRepository(UserRecord).insert({
    email: adminEmail,
    displayName: 'Admin',
    passwordHash: await hashPassword(E2E_PASSWORD),
    role: 'admin',
    enterpriseId: null,
    supplierId: null,
    active: true,
  });
  const worker = await bootstrapWorker();
  const app = await createApiApp();
  await app.init();
  const admin = await signIn(app, adminEmail, E2E_PASSWORD);
  return {
    db,
    sink,
    worker,
    app,
    admin,
    suppliers,
    setDate: (businessDate) => admin.put('/admin/clock', { businessDate }).expect(200),
    async user(email, role, owner = {}) {
      await admin
        .post('/admin/users', {
          email,
          displayName: email.split('@')[0],
          password: E2E_PASSWORD,
          role,
          ...owner,
        })
        .expect(201);
      return signIn(app, email, E2E_PASSWORD);
    },
    async close() {
      await app.close();
      await worker.close();
      await db.destroy();
      await sink.stop();
    },
  };
}
