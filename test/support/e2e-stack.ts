import { eligibleEnterprise } from '@app/domain';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserRecord, hashPassword } from '@app/persistence';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { bootstrapWorker } from '../../apps/worker/src/worker';
import { openTestDataSource, seedReference } from './fixtures';
import { signIn, type ApiSession } from './http';
import { eventually } from './wait';
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
  /**
   * Registers an enterprise that passes the registry checks (in `region`) with a signed-in user of its own.
   * `tag`: three letters of the credit-code alphabet (no I, O, S, V, Z) keeping each suite's codes apart.
   */
  enterprise(region: string, tag: string): Promise<{ id: string; session: ApiSession }>;
  /** Waits until the application reaches one of the statuses; returns its detail (GET /applications/{id}). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's JSON, read field by field by tests
  applicationIn(session: ApiSession, id: string, statuses: string[]): Promise<any>;
  /** The reviewer claims the application's review task and approves it. */
  approveReview(reviewer: ApiSession, applicationId: string): Promise<void>;
  /**
   * The users a redemption run needs, signed in: a reviewer, two finance users (who starts a run by hand
   * does not approve it, ADR 0045) and a settlement user of the supplier `supplierCode`.
   */
  runCrew(supplierCode: string): Promise<RunCrew>;
  /** Creates a user through the admin API and signs them in. */
  user(
    email: string,
    role: string,
    owner?: { enterpriseId?: string; supplierId?: string },
  ): Promise<ApiSession>;
  close(): Promise<void>;
}

/** See E2eStack.runCrew. */
export interface RunCrew {
  reviewer: ApiSession;
  starter: ApiSession;
  approver: ApiSession;
  supplier: ApiSession;
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
  let enterprises = 0;
  const stack: E2eStack = {
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
    async runCrew(supplierCode) {
      const at = `@${name}.example.cn`;
      return {
        reviewer: await stack.user(`reviewer${at}`, 'reviewer'),
        starter: await stack.user(`starter${at}`, 'finance'),
        approver: await stack.user(`approver${at}`, 'finance'),
        supplier: await stack.user(`settle${at}`, 'supplier', {
          supplierId: suppliers.get(supplierCode)!.id,
        }),
      };
    },
    async enterprise(region, tag) {
      enterprises += 1;
      const res = await admin.post('/admin/enterprises', {
        name: `${name}测试企业${enterprises}有限公司`,
        creditCode: `91000000${tag}${String(enterprises).padStart(7, '0')}`,
        ...eligibleEnterprise({ registrationRegion: region }),
        contactEmail: `${name}-${enterprises}@example.cn`,
      });
      if (res.status !== 201) throw new Error(`enterprise not created: ${JSON.stringify(res.body)}`);
      const session = await stack.user(`${name}-user${enterprises}@example.cn`, 'enterprise', {
        enterpriseId: res.body.id,
      });
      return { id: res.body.id as string, session };
    },
    applicationIn(session, id, statuses) {
      return eventually(
        async () => {
          const res = await session.get(`/applications/${id}`).expect(200);
          return statuses.includes(res.body.status) ? res.body : undefined;
        },
        `application ${id} to reach ${statuses.join('/')}`,
      );
    },
    async approveReview(reviewer, applicationId) {
      const task = await eventually(async () => {
        const res = await reviewer.get('/review-tasks?kind=review&pageSize=200').expect(200);
        return res.body.items.find((t: { applicationId: string }) => t.applicationId === applicationId);
      }, `review task for ${applicationId}`);
      await reviewer.post(`/review-tasks/${task.id}/claim`).expect(200);
      await reviewer.post(`/review-tasks/${task.id}/decision`, { decision: 'approve' }).expect(200);
    },
    async close() {
      await app.close();
      await worker.close();
      await db.destroy();
      await sink.stop();
    },
  };
  return stack;
}

/**
 * Registers an end-to-end suite's set-up and teardown: the stack started (`name` keeps its task queue apart,
 * `env` adds to its settings) and, with `date`, the sandbox business date pinned. A suite's own beforeAll
 * hooks, registered after this call, run once the stack is up; read the fields inside hooks and tests.
 */
export function e2eSuite(
  name: string,
  options: { env?: Record<string, string>; date?: string } = {},
): E2eStack {
  const suite = {} as E2eStack;
  beforeAll(async () => {
    Object.assign(suite, await startE2eStack(name, options.env));
    if (options.date) await suite.setDate(options.date);
  });
  afterAll(async () => {
    await suite.close?.();
  });
  return suite;
}
