import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserRecord, hashPassword } from '@app/persistence';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { bootstrapWorker } from '../../apps/worker/src/worker';
import { createEnterprise, openTestDataSource, seedReference } from '../support/fixtures';
import { signIn, type ApiSession } from '../support/http';
import { eventually } from '../support/wait';

/**
 * Many applications of one enterprise, submitted and approved at the same moment: issuance queues on the
 * yearly ledger row, so the 2,000,000 cap is met exactly and never passed.
 */
describe('yearly cap under concurrency (real worker, Temporal, PostgreSQL)', () => {
  const PASSWORD = 'correct horse battery staple';
  const N = 12;
  let db: DataSource;
  let worker: INestApplicationContext;
  let app: INestApplication;

  beforeAll(async () => {
    Object.assign(process.env, {
      SANDBOX_CLOCK: 'true',
      REVIEW_DUE_SECONDS: '3600',
      SECOND_APPROVAL_THRESHOLD: '500000.00',
      TEMPORAL_TASK_QUEUE: `e2e-cap-${process.pid}`,
    });
    db = await openTestDataSource();
    await seedReference(db);
    worker = await bootstrapWorker();
    app = await createApiApp();
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await worker?.close();
    await db?.destroy();
  });

  async function user(email: string, role: string, enterpriseId: string | null = null): Promise<ApiSession> {
    await db.getRepository(UserRecord).insert({
      email,
      displayName: email,
      passwordHash: await hashPassword(PASSWORD),
      role: role as UserRecord['role'],
      enterpriseId,
      supplierId: null,
      active: true,
    });
    return signIn(app, email, PASSWORD);
  }

  it(`${N} simultaneous applications never push the enterprise past its yearly cap`, async () => {
    const admin = await user('cap-admin@e2e.example.cn', 'admin');
    await admin.put('/admin/clock', { businessDate: '2025-04-01' }).expect(200);
    const enterprise = await createEnterprise(db);
    const company = await user('cap-company@e2e.example.cn', 'enterprise', enterprise.id);
    const reviewers = await Promise.all(
      [1, 2, 3].map((i) => user(`cap-reviewer${i}@e2e.example.cn`, 'reviewer')),
    );
    const [{ id: supplierId }] = await db.query(`SELECT id FROM suppliers WHERE code = 'baidu'`);

    // Each contract: 1,500,000 of compute inside 2025 → face value 300,000 (below the second-approval line).
    const submitted = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        company.post('/applications', {
          supplierId,
          contractNumber: `CAP-${i}`,
          signedOn: '2025-03-25',
          startDate: '2025-04-01',
          endDate: '2025-12-31',
          applicationDomain: 'finance',
          lines: [{ serviceKind: 'intelligent_compute', amount: '1500000.00' }],
        }),
      ),
    );
    expect(submitted.map((r) => r.status)).toEqual(Array(N).fill(201));
    const ids = submitted.map((r) => r.body.id as string);

    const tasks = await eventually(async () => {
      const res = await reviewers[0].get('/review-tasks?view=unassigned&pageSize=100').expect(200);
      const mine = res.body.items.filter((t: { applicationId: string }) => ids.includes(t.applicationId));
      return mine.length === N ? mine : undefined;
    }, 'every review task');
    for (const t of tasks) expect(t.quotedFaceValue).toBe('300000.00');

    // Three reviewers claim and approve all of them at once.
    await Promise.all(
      tasks.map(async (t: { id: string }, i: number) => {
        const r = reviewers[i % reviewers.length];
        await r.post(`/review-tasks/${t.id}/claim`).expect(200);
        await r.post(`/review-tasks/${t.id}/decision`, { decision: 'approve' }).expect(200);
      }),
    );

    const final = await eventually(async () => {
      const rows: { status: string; refusal_code: string | null; face_value: string | null }[] =
        await db.query(`SELECT status, refusal_code, face_value::text FROM applications WHERE id = ANY($1)`, [
          ids,
        ]);
      return rows.every((r) => ['issued', 'refused'].includes(r.status)) ? rows : undefined;
    }, 'every application to be issued or refused');

    const issued = final.filter((r) => r.status === 'issued');
    const refused = final.filter((r) => r.status === 'refused');
    // 6 × 300,000 + one voucher for the last 200,000 of room; the other 5 are refused for the cap.
    expect(issued).toHaveLength(7);
    expect(issued.map((r) => r.face_value).sort()).toEqual(['200000.00', ...Array(6).fill('300000.00')]);
    expect(refused).toHaveLength(N - 7);
    for (const r of refused) expect(r.refusal_code).toBe('YEARLY_CAP_EXHAUSTED');
    const [ledger] = await db.query(
      `SELECT issued::text, cap::text FROM yearly_cap_ledger WHERE enterprise_id = $1 AND year = 2025`,
      [enterprise.id],
    );
    expect(ledger).toEqual({ issued: '2000000.00', cap: '2000000.00' });
    const [{ sum }] = await db.query(
      `SELECT sum(face_value)::text AS sum FROM vouchers WHERE enterprise_id = $1`,
      [enterprise.id],
    );
    expect(sum).toBe('2000000.00');
  });
});
