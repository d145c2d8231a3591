import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { UserRecord, hashPassword } from '@app/persistence';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { bootstrapWorker } from '../../apps/worker/src/worker';
import {
  TRANSPORT_MAY_TO_OCTOBER,
  applicationBody,
  beijingTerms,
  createEnterprise,
  openTestDataSource,
  seedReference,
} from '../support/fixtures';
import { signIn, type ApiSession } from '../support/http';
import { eventually } from '../support/wait';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { VOUCHER_CHECKS_PER_RUN, type ApplicationState } from '../../workflows/application.workflow';

/**
 * Review due times (reminder, then escalation to senior reviewers) and the voucher's life after issuance
 * (withdrawal by the bureau; expiry after the program's final run on the business calendar).
 */
describe('review reminders, escalation and the voucher life (real worker, Temporal, PostgreSQL, SMTP)', () => {
  const PASSWORD = 'correct horse battery staple';
  let db: DataSource;
  let sink: SmtpSink;
  let worker: INestApplicationContext;
  let app: INestApplication;
  let temporal: Client;
  let supplierId: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    Object.assign(process.env, {
      SMTP_URL: sink.url,
      SANDBOX_CLOCK: 'true',
      REVIEW_DUE_SECONDS: '2',
      TEMPORAL_TASK_QUEUE: `e2e-due-${process.pid}`,
    });
    db = await openTestDataSource();
    supplierId = (await seedReference(db)).get('baidu')!.id;
    worker = await bootstrapWorker();
    app = await createApiApp();
    await app.init();
    temporal = new Client({
      connection: await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! }),
      namespace: process.env.TEMPORAL_NAMESPACE,
    });
  });

  afterAll(async () => {
    await temporal?.connection.close();
    await app?.close();
    await worker?.close();
    await db?.destroy();
    await sink?.stop();
  });

  async function user(
    email: string,
    role: UserRecord['role'],
    enterpriseId: string | null = null,
  ): Promise<ApiSession> {
    await db.getRepository(UserRecord).insert({
      email,
      displayName: email.split('@')[0],
      passwordHash: await hashPassword(PASSWORD),
      role,
      enterpriseId,
      supplierId: null,
      active: true,
    });
    return signIn(app, email, PASSWORD);
  }

  let n = 0;
  async function applyAndWaitForTask(company: ApiSession) {
    n += 1;
    const terms = { ...TRANSPORT_MAY_TO_OCTOBER, amount: '500000.00' };
    const res = await company.post(
      '/applications',
      applicationBody(beijingTerms(supplierId, `DUE-${n}`, terms)),
    );
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  it('reminds at the due time, escalates after as long again, and the voucher can be withdrawn or expire', async () => {
    const admin = await user('due-admin@e2e.example.cn', 'admin');
    await admin.put('/admin/clock', { businessDate: '2025-05-06' }).expect(200);
    const enterprise = await createEnterprise(db);
    const company = await user('due-company@e2e.example.cn', 'enterprise', enterprise.id);
    const reviewer = await user('due-reviewer@e2e.example.cn', 'reviewer');
    await user('due-senior@e2e.example.cn', 'senior_reviewer');

    const appId = await applyAndWaitForTask(company);
    const task = await eventually(
      async () => {
        const [row] = await db.query(
          `SELECT id, reminded_at, escalated_at FROM review_tasks WHERE application_id = $1`,
          [appId],
        );
        return row?.reminded_at && row?.escalated_at ? row : undefined;
      },
      'the task to be reminded and escalated',
      20_000,
    );
    expect(new Date(task.escalated_at).getTime()).toBeGreaterThan(new Date(task.reminded_at).getTime());
    const reminder = await sink.waitFor(
      (m) => m.to.includes('due-reviewer@e2e.example.cn') && m.subject.includes('提醒'),
    );
    expect(reminder.subject).toContain('Reminder');
    const escalation = await sink.waitFor(
      (m) => m.to.includes('due-senior@e2e.example.cn') && m.subject.includes('升级'),
    );
    expect(escalation.subject).toContain('escalated');
    const queue = await reviewer.get('/review-tasks?view=overdue').expect(200);
    expect(queue.body.items.map((t: { id: string }) => t.id)).toContain(task.id);

    // Still decidable after escalation: approve, the voucher is issued (100,000.00 = 20% of 500,000).
    await reviewer.post(`/review-tasks/${task.id}/claim`).expect(200);
    await reviewer.post(`/review-tasks/${task.id}/decision`, { decision: 'approve' }).expect(200);
    const issued = await eventually(async () => {
      const r = await company.get(`/applications/${appId}`).expect(200);
      return r.body.voucher ? r.body : undefined;
    }, 'the voucher');
    expect(issued.voucher).toMatchObject({ faceValue: '100000.00', status: 'active' });

    // The bureau withdraws it: the application workflow records it and ends.
    const noReason = await admin.post(`/admin/vouchers/${issued.voucher.id}/withdraw`, {});
    expect(noReason.status).toBe(400);
    await admin
      .post(`/admin/vouchers/${issued.voucher.id}/withdraw`, { reason: '虚报材料 / false claim' })
      .expect(200);
    const withdrawn = await temporal.workflow.getHandle(`application:${appId}`).result();
    expect(withdrawn).toMatchObject({ phase: 'closed' });
    const [v1] = await db.query(`SELECT status FROM vouchers WHERE id = $1`, [issued.voucher.id]);
    expect(v1.status).toBe('withdrawn');
    const [audit] = await db.query(
      `SELECT after FROM audit_log WHERE action = 'voucher.withdrawn' AND entity_id = $1`,
      [issued.voucher.id],
    );
    expect(audit.after).toEqual({ reason: '虚报材料 / false claim' });

    // A second voucher outlives the plan: after the final run (2026-03-31) it expires.
    const app2 = await applyAndWaitForTask(company);
    const task2 = await eventually(async () => {
      const r = await reviewer.get('/review-tasks?view=unassigned').expect(200);
      return r.body.items.find((t: { applicationId: string }) => t.applicationId === app2);
    }, 'the second task');
    await reviewer.post(`/review-tasks/${task2.id}/claim`).expect(200);
    await reviewer.post(`/review-tasks/${task2.id}/decision`, { decision: 'approve' }).expect(200);
    await eventually(async () => {
      const r = await company.get(`/applications/${app2}`).expect(200);
      return r.body.status === 'issued' ? true : undefined;
    }, 'the second voucher');
    // Each check of the voucher is one activity in the history; after VOUCHER_CHECKS_PER_RUN the workflow
    // continues as new, keeping its voucher and its signals.
    const handle2 = temporal.workflow.getHandle(`application:${app2}`);
    const firstRun = (await handle2.describe()).runId;
    for (let i = 0; i < VOUCHER_CHECKS_PER_RUN + 1; i++) {
      const before = (await handle2.query<ApplicationState>('state')).voucherChecks;
      await handle2.signal('voucherChanged');
      await eventually(
        async () => {
          const d = await handle2.describe();
          if (d.runId !== firstRun) return true;
          const now = (await handle2.query<ApplicationState>('state')).voucherChecks;
          return now > before ? true : undefined;
        },
        `voucher check ${i + 1}`,
      );
    }
    const continued = await handle2.describe();
    expect(continued.runId).not.toBe(firstRun);
    expect(continued.status.name).toBe('RUNNING');
    await admin.put('/admin/clock', { businessDate: '2026-04-01' }).expect(200);
    // The workflow checks its voucher daily; a signal makes it look now.
    await handle2.signal('voucherChanged');
    await handle2.result();
    const [v2] = await db.query(`SELECT v.status FROM vouchers v WHERE v.application_id = $1`, [app2]);
    expect(v2.status).toBe('expired');
  });
});
