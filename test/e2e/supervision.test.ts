import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { BEIJING_2023_2025, eligibleEnterprise } from '@app/domain';
import { UserRecord, hashPassword } from '@app/persistence';
import { TEMPORAL_CLIENT } from '@app/temporal';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { bootstrapWorker } from '../../apps/worker/src/worker';
import { openTestDataSource, seedReference } from '../support/fixtures';
import { signIn, type ApiSession } from '../support/http';
import { eventually } from '../support/wait';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

/**
 * Supervision through the HTTP API on the real worker, Temporal dev server and PostgreSQL (seed 000 §五,
 * seed 001 §五): a voucher paid in a Q2 run is found to rest on forged material → the voucher is
 * withdrawn, a receivable of everything paid is opened, partly repaid (to the fen, idempotent by the
 * bank's reference), reminded when overdue, and the unit is barred from the bureau's programs for three
 * years — a new application under the bureau's other program is refused with the reason and nothing is
 * written — until an admin lifts the bar with a reason. An appeal is recorded and dismissed; another
 * unit's appeal is granted. Every step is in the audit log.
 */
describe('supervision: finding → withdrawal → receivable → repayment → debarment → lifting (real stack)', () => {
  const PASSWORD = 'correct horse battery staple';
  const PDF = Buffer.from(
    '%PDF-1.4\n% 核查报告 inspection report\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n',
  );
  let db: DataSource;
  let sink: SmtpSink;
  let worker: INestApplicationContext;
  let app: INestApplication;
  let admin: ApiSession;
  let suppliers: Map<string, { id: string }>;

  beforeAll(async () => {
    sink = await startSmtpSink();
    Object.assign(process.env, {
      SMTP_URL: sink.url,
      SANDBOX_CLOCK: 'true',
      SECOND_APPROVAL_THRESHOLD: '5000000.00',
      TEMPORAL_TASK_QUEUE: `e2e-supervision-${process.pid}`,
      REDEMPTION_SCHEDULES: 'false',
    });
    db = await openTestDataSource();
    suppliers = await seedReference(db);
    // The bureau's successor plan (the same authority, bj-jxj): a second program to be barred from.
    const successor = {
      ...BEIJING_2023_2025,
      code: 'beijing-ai-compute-2026',
      name: {
        zh: '人工智能算力券实施方案(2025—2027年)',
        en: 'Beijing AI Compute Voucher Programme 2025–2027',
      },
      planPublishedOn: '2025-07-15',
      planStart: '2025-08-01',
      planEnd: '2027-07-31',
      contractSignedFrom: '2025-08-01',
      redemption: {
        ...BEIJING_2023_2025.redemption,
        firstRun: { year: 2025, quarter: 3 },
        finalRun: { year: 2027, quarter: 3 },
      },
    };
    await db.query(`INSERT INTO programs (code, name_zh, name_en, active) VALUES ($1, $2, $3, true)`, [
      successor.code,
      successor.name.zh,
      successor.name.en,
    ]);
    await db.query(
      `INSERT INTO program_versions (program_code, version, effective_from, definition, created_by)
       VALUES ($1, 1, '2025-07-15', $2, 'test:fixture')`,
      [successor.code, JSON.stringify(successor)],
    );
    await db.getRepository(UserRecord).insert({
      email: 'admin@sup.example.cn',
      displayName: 'Admin',
      passwordHash: await hashPassword(PASSWORD),
      role: 'admin',
      enterpriseId: null,
      supplierId: null,
      active: true,
    });
    worker = await bootstrapWorker();
    app = await createApiApp();
    await app.init();
    admin = await signIn(app, 'admin@sup.example.cn', PASSWORD);
  });

  afterAll(async () => {
    await app?.close();
    await worker?.close();
    await db?.destroy();
    await sink?.stop();
  });

  const setDate = (businessDate: string) => admin.put('/admin/clock', { businessDate }).expect(200);

  async function user(email: string, role: string, extra: Record<string, string> = {}) {
    await admin
      .post('/admin/users', { email, displayName: email.split('@')[0], password: PASSWORD, role, ...extra })
      .expect(201);
    return signIn(app, email, PASSWORD);
  }

  let seq = 0;
  async function enterprise() {
    seq += 1;
    const res = await admin.post('/admin/enterprises', {
      name: `北京核查测试${seq}科技有限公司`,
      creditCode: `91110108MA${String(seq).padStart(8, '0')}`,
      ...eligibleEnterprise(),
      contactEmail: `sup${seq}@example.cn`,
    });
    expect(res.status).toBe(201);
    const session = await user(`sup-user${seq}@example.cn`, 'enterprise', { enterpriseId: res.body.id });
    return { id: res.body.id as string, session };
  }

  async function settled(session: ApiSession, id: string, statuses: string[]) {
    return eventually(
      async () => {
        const res = await session.get(`/applications/${id}`).expect(200);
        return statuses.includes(res.body.status) ? res.body : undefined;
      },
      `application ${id} to reach ${statuses.join('/')}`,
    );
  }

  async function approve(reviewer: ApiSession, applicationId: string) {
    const task = await eventually(async () => {
      const res = await reviewer.get('/review-tasks?kind=review&pageSize=200').expect(200);
      return res.body.items.find((t: { applicationId: string }) => t.applicationId === applicationId);
    }, `review task for ${applicationId}`);
    await reviewer.post(`/review-tasks/${task.id}/claim`).expect(200);
    await reviewer.post(`/review-tasks/${task.id}/decision`, { decision: 'approve' }).expect(200);
  }

  const contract = (
    programCode: string,
    number: string,
    signedOn: string,
    endDate: string,
    amount: string,
  ) => ({
    programCode,
    supplierId: suppliers.get('baidu')!.id,
    contractNumber: number,
    signedOn,
    startDate: signedOn,
    endDate,
    applicationDomain: 'medical',
    lines: [{ serviceKind: 'intelligent_compute', amount }],
  });

  const count = async (table: string) =>
    (await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  it('records a finding, withdraws the voucher, recovers what was paid and bars the unit until lifted', async () => {
    const reviewer = await user('reviewer@sup.example.cn', 'reviewer');
    const finance = await user('finance@sup.example.cn', 'finance');
    // The one who starts a run by hand does not approve it (ADR 0045).
    const approver = await user('finance2@sup.example.cn', 'finance');
    const supplier = await user('settle@sup.example.cn', 'supplier', {
      supplierId: suppliers.get('baidu')!.id,
    });
    const e = await enterprise();

    // A voucher of 200,000.00 (20% of 1,000,000.00) issued in March 2025.
    await setDate('2025-03-03');
    const applied = await e.session.post(
      '/applications',
      contract('beijing-ai-compute-2023', 'SUP-2025-001', '2025-03-01', '2025-12-31', '1000000.00'),
    );
    expect(applied.status).toBe(201);
    await settled(e.session, applied.body.id, ['in_review']);
    await approve(reviewer, applied.body.id);
    const issued = await settled(e.session, applied.body.id, ['issued']);
    expect(issued.voucher.faceValue).toBe('200000.00');

    // A delivered part of 300,033.35 is claimed and paid in the Q2 run: 20% = 60,006.67.
    await setDate('2025-05-06');
    const s = await supplier.post(`/supplier/contracts/${issued.contract.id}/settlements`, {
      periodStart: '2025-03-01',
      periodEnd: '2025-04-30',
      amount: '300033.35',
      invoiceNumber: 'SUP-INV-1',
      invoiceDate: '2025-04-30',
    });
    expect(s.status).toBe(201);
    const claim = await e.session.post('/claims', {
      settlementId: s.body.id,
      invoiceNumber: 'SUP-INV-1',
      invoicedAmount: '300033.35',
    });
    expect(claim.status).toBe(201);
    await setDate('2025-06-30');
    const run = await finance.post('/redemption-runs', {
      programCode: 'beijing-ai-compute-2023',
      year: 2025,
      quarter: 2,
    });
    expect(run.status).toBe(201);
    await eventually(async () => {
      const r = await finance.get(`/redemption-runs/${run.body.id}`).expect(200);
      return r.body.status === 'awaiting_approval' ? r.body : undefined;
    }, 'the Q2 run to await approval');
    await approver.post(`/redemption-runs/${run.body.id}/approve`).expect(200);
    const done = await eventually(async () => {
      const r = await finance.get(`/redemption-runs/${run.body.id}`).expect(200);
      return r.body.status === 'completed' ? r.body : undefined;
    }, 'the Q2 run to complete');
    expect(done).toMatchObject({ paidCount: 1, paidTotal: '60006.67' });

    // The finding needs its evidence; without it nothing is written.
    await setDate('2025-07-10');
    const findingsBefore = await count('supervision_findings');
    const noEvidence = await reviewer
      .post('/supervision/findings')
      .field('applicationId', applied.body.id)
      .field('kind', 'false_material')
      .field('description', '交付凭证系伪造');
    expect(noEvidence.status).toBe(422);
    expect(noEvidence.body.errors[0].field).toBe('evidence');
    const badKind = await reviewer
      .post('/supervision/findings')
      .field('applicationId', applied.body.id)
      .field('kind', 'rumour')
      .field('description', '交付凭证系伪造')
      .attach('evidence', PDF, { filename: 'report.pdf', contentType: 'application/pdf' });
    expect(badKind.status).toBe(400);
    expect(await count('supervision_findings')).toBe(findingsBefore);
    // An enterprise cannot record one.
    await e.session
      .post('/supervision/findings')
      .field('applicationId', applied.body.id)
      .field('kind', 'fraud')
      .field('description', 'x')
      .attach('evidence', PDF, { filename: 'r.pdf', contentType: 'application/pdf' })
      .expect(403);

    const found = await reviewer
      .post('/supervision/findings')
      .field('applicationId', applied.body.id)
      .field('kind', 'false_material')
      .field('description', '交付凭证系伪造 / the delivery proof was forged')
      .attach('evidence', PDF, { filename: '核查报告.pdf', contentType: 'application/pdf' });
    expect(found.status).toBe(201);
    expect(found.body).toMatchObject({
      applicationId: applied.body.id,
      enterpriseId: e.id,
      authorityCode: 'bj-jxj',
      kind: 'false_material',
      status: 'upheld',
      foundOn: '2025-07-10',
      evidence: [expect.objectContaining({ filename: '核查报告.pdf', contentType: 'application/pdf' })],
      // Everything already paid is receivable, due in 30 days.
      receivable: expect.objectContaining({
        principal: '60006.67',
        repaid: '0.00',
        outstanding: '60006.67',
        status: 'open',
        openedOn: '2025-07-10',
        dueOn: '2025-08-09',
        overdue: false,
      }),
      // 3年内不可申报: to the day before the third anniversary.
      debarment: expect.objectContaining({
        authorityCode: 'bj-jxj',
        startsOn: '2025-07-10',
        endsOn: '2028-07-09',
        liftedOn: null,
        inForce: true,
      }),
    });
    const findingId = found.body.id as string;
    const receivableId = found.body.receivable.id as string;
    const debarmentId = found.body.debarment.id as string;
    const evidence = await reviewer
      .get(`/supervision/findings/${findingId}/evidence/${found.body.evidence[0].id}`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(evidence.body as Buffer, PDF)).toBe(0);

    // A second finding on the same application is a conflict, not a second clawback.
    const twice = await reviewer
      .post('/supervision/findings')
      .field('applicationId', applied.body.id)
      .field('kind', 'fraud')
      .field('description', 'again')
      .attach('evidence', PDF, { filename: 'again.pdf', contentType: 'application/pdf' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('SUPERVISION_FINDING_EXISTS');
    expect(await count('clawback_receivables')).toBe(1);

    // The voucher is withdrawn by its workflow; no later payout is computed against it.
    await eventually(async () => {
      const [v] = await db.query(`SELECT status FROM vouchers WHERE application_id = $1`, [applied.body.id]);
      return v.status === 'withdrawn' ? v : undefined;
    }, 'the voucher to be withdrawn');
    // The reviewers see the finding on the application's history, and the unit is told.
    const history = (await reviewer.get(`/applications/${applied.body.id}`).expect(200)).body.history;
    expect(history.map((h: { action: string }) => h.action)).toContain('supervision.finding_recorded');
    const [withdrawal] = await db.query(
      `SELECT actor, after FROM audit_log WHERE action = 'voucher.withdrawn' AND entity_id = $1`,
      [found.body.voucherId],
    );
    expect(withdrawal.after.reason).toContain(findingId);
    const inbox = await e.session.get('/inbox').expect(200);
    expect(inbox.body.items.map((n: { subject: string }) => n.subject).join('|')).toContain(
      '监督检查处理决定',
    );

    // Partial repayment, to the fen; the same bank reference twice is recorded once.
    const repay = (body: object) => finance.post(`/supervision/receivables/${receivableId}/repayments`, body);
    const first = await repay({ amount: '25000.50', receivedOn: '2025-07-20', reference: 'BANK-0720-1' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ repaid: '25000.50', outstanding: '35006.17', status: 'open' });
    const again = await repay({ amount: '25000.50', receivedOn: '2025-07-20', reference: 'BANK-0720-1' });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ repaid: '25000.50', outstanding: '35006.17' });
    expect(again.body.repayments).toHaveLength(1);
    const reused = await repay({ amount: '1.00', receivedOn: '2025-07-21', reference: 'BANK-0720-1' });
    expect(reused.status).toBe(409);
    const over = await repay({ amount: '35006.18', receivedOn: '2025-07-21', reference: 'BANK-0721-1' });
    expect(over.status).toBe(422);
    expect(over.body.code).toBe('CLAWBACK_REPAYMENT_EXCEEDS_OUTSTANDING');
    const badAmount = await repay({ amount: '10.001', receivedOn: '2025-07-21', reference: 'BANK-0721-2' });
    expect(badAmount.status).toBe(400);
    expect(badAmount.body.errors.map((x: { field: string }) => x.field)).toEqual(['amount']);
    // Only finance and admins record money.
    await reviewer
      .post(`/supervision/receivables/${receivableId}/repayments`, {
        amount: '1.00',
        receivedOn: '2025-07-21',
        reference: 'BANK-X',
      })
      .expect(403);
    const [ledger] = await db.query(
      `SELECT r.repaid::text, (SELECT count(*)::int FROM clawback_repayments WHERE receivable_id = r.id) AS n
         FROM clawback_receivables r WHERE r.id = $1`,
      [receivableId],
    );
    expect(ledger).toEqual({ repaid: '25000.50', n: 1 });

    // Overdue after 2025-08-09: one reminder, not two on the same day.
    await setDate('2025-08-12');
    // The daily Schedule's workflow sends it; the same run from the screen afterwards sends nothing.
    const temporal = app.get<Client>(TEMPORAL_CLIENT);
    const daily = await temporal.workflow.execute('clawbackRemindersWorkflow', {
      workflowId: `clawback-reminders-test-${process.pid}`,
      taskQueue: process.env.TEMPORAL_TASK_QUEUE!,
      args: [],
    });
    expect(daily).toEqual({ businessDate: '2025-08-12', sent: 1 });
    expect((await finance.post('/supervision/reminders').expect(200)).body.sent).toEqual([]);
    const [reminderAudit] = await db.query(
      `SELECT actor, after FROM audit_log WHERE action = 'clawback.reminder_sent' AND entity_id = $1`,
      [receivableId],
    );
    expect(reminderAudit).toMatchObject({
      actor: 'system:clawback-reminders',
      after: { reminder: 1, outstanding: '35006.17', dueOn: '2025-08-09' },
    });
    // A week later the second reminder, from the screen.
    await setDate('2025-08-17');
    const second = await finance.post('/supervision/reminders').expect(200);
    expect(second.body.sent).toEqual([{ receivableId, reminder: 2, outstanding: '35006.17' }]);
    expect((await finance.get(`/supervision/receivables/${receivableId}`).expect(200)).body).toMatchObject({
      overdue: true,
      remindersSent: 2,
    });
    await eventually(async () => {
      const res = await e.session.get('/inbox').expect(200);
      return res.body.items.find((n: { subject: string }) => n.subject.includes('追缴资金逾期提醒'));
    }, 'the overdue reminder in the inbox');

    // Barred from the bureau's programs: the successor plan refuses a new application, nothing written.
    const contractsBefore = await count('contracts');
    const applicationsBefore = await count('applications');
    const barred = await e.session.post(
      '/applications',
      contract('beijing-ai-compute-2026', 'SUP-2026-001', '2025-08-11', '2026-08-10', '500000.00'),
    );
    expect(barred.status).toBe(422);
    expect(barred.body.code).toBe('ENTERPRISE_DEBARRED');
    expect(barred.body.message).toContain('3年内不可申报');
    expect(barred.body.message).toContain('2028-07-09');
    expect(await count('contracts')).toBe(contractsBefore);
    expect(await count('applications')).toBe(applicationsBefore);
    // Visible on its record to reviewers, and to the unit itself.
    const record = await reviewer.get(`/supervision/enterprises/${e.id}`).expect(200);
    expect(record.body).toMatchObject({
      debarredNow: true,
      debarments: [expect.objectContaining({ endsOn: '2028-07-09', inForce: true })],
      findings: [expect.objectContaining({ id: findingId, outstanding: '35006.17', overdue: true })],
    });
    const mine = await e.session.get('/supervision/mine').expect(200);
    expect(mine.body).toMatchObject({
      debarments: [expect.objectContaining({ endsOn: '2028-07-09', inForce: true })],
      receivables: [expect.objectContaining({ outstanding: '35006.17', overdue: true })],
    });
    expect(JSON.stringify(mine.body)).not.toContain('evidence');

    // An appeal is recorded and dismissed: the bar stands.
    const appeal = await reviewer.post(`/supervision/findings/${findingId}/appeals`, {
      grounds: '企业称交付凭证由供应商出具',
      filedOn: '2025-08-12',
    });
    expect(appeal.status).toBe(201);
    expect(
      (await reviewer.post(`/supervision/findings/${findingId}/appeals`, { grounds: 'again' })).status,
    ).toBe(409);
    // The one who recorded the finding does not decide its appeal; only seniors and admins do.
    await reviewer
      .post(`/supervision/appeals/${appeal.body.id}/decision`, { decision: 'granted', reason: 'x' })
      .expect(403);
    const dismissed = await admin.post(`/supervision/appeals/${appeal.body.id}/decision`, {
      decision: 'dismissed',
      reason: '经复核，供应商否认出具该凭证',
    });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({
      status: 'upheld',
      appeals: [expect.objectContaining({ status: 'dismissed' })],
      debarment: expect.objectContaining({ inForce: true }),
    });

    // An admin lifts the bar with a reason (without one: 400; twice: 409); the unit may apply again.
    await admin.post(`/supervision/debarments/${debarmentId}/lift`, {}).expect(400);
    await reviewer.post(`/supervision/debarments/${debarmentId}/lift`, { reason: 'x' }).expect(403);
    await setDate('2025-09-01');
    const lifted = await admin.post(`/supervision/debarments/${debarmentId}/lift`, {
      reason: '已全额整改并经局务会研究解除',
    });
    expect(lifted.status).toBe(200);
    expect(lifted.body).toMatchObject({ liftedOn: '2025-09-01', inForce: false });
    expect(
      (await admin.post(`/supervision/debarments/${debarmentId}/lift`, { reason: 'again' })).status,
    ).toBe(409);
    const accepted = await e.session.post(
      '/applications',
      contract('beijing-ai-compute-2026', 'SUP-2026-001', '2025-08-20', '2026-08-19', '500000.00'),
    );
    expect(accepted.status).toBe(201);
    expect(accepted.body.programCode).toBe('beijing-ai-compute-2026');
    const judged = await settled(e.session, accepted.body.id, ['in_review', 'refused']);
    expect(judged.refusalCode ?? null).not.toBe('ENTERPRISE_DEBARRED');

    // What is left is written off only with a reason.
    await admin.post(`/supervision/receivables/${receivableId}/write-off`, {}).expect(400);
    const writtenOff = await admin.post(`/supervision/receivables/${receivableId}/write-off`, {
      reason: '企业已注销，无财产可供执行',
    });
    expect(writtenOff.status).toBe(200);
    expect(writtenOff.body).toMatchObject({
      status: 'written_off',
      repaid: '25000.50',
      outstanding: '35006.17',
      closedOn: '2025-09-01',
      closeReason: '企业已注销，无财产可供执行',
    });
    const late = await repay({ amount: '1.00', receivedOn: '2025-09-02', reference: 'BANK-0902-1' });
    expect(late.status).toBe(422);
    expect(late.body.code).toBe('CLAWBACK_NOT_OPEN');

    // Every step audited, in order.
    const audit = await db.query(
      `SELECT action, actor, after FROM audit_log
        WHERE (entity_type IN ('supervision_finding', 'clawback_receivable', 'debarment', 'supervision_appeal'))
        ORDER BY id`,
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'supervision.finding_recorded',
      'clawback.opened',
      'debarment.imposed',
      'clawback.repayment_recorded',
      'clawback.reminder_sent',
      'clawback.reminder_sent',
      'supervision.appeal_recorded',
      'supervision.appeal_dismissed',
      'debarment.lifted',
      'clawback.written_off',
    ]);
    expect(audit[1].after).toMatchObject({ principal: '60006.67', dueOn: '2025-08-09' });
    expect(audit[3].after).toMatchObject({
      amount: '25000.50',
      outstanding: '35006.17',
      reference: 'BANK-0720-1',
    });
    expect(audit[8].after).toMatchObject({ reason: '已全额整改并经局务会研究解除', liftedOn: '2025-09-01' });
    expect(audit[9].after).toMatchObject({ writtenOff: '35006.17' });
  });

  it('a finding before issuance bars without a receivable; a granted appeal overturns it and lifts the bar', async () => {
    await setDate('2025-09-02');
    const reviewer = await user('reviewer2@sup.example.cn', 'reviewer');
    const senior = await user('senior@sup.example.cn', 'senior_reviewer');
    const e = await enterprise();
    const applied = await e.session.post(
      '/applications',
      contract('beijing-ai-compute-2023', 'SUP-2025-201', '2025-09-01', '2025-12-31', '100000.00'),
    );
    expect(applied.status).toBe(201);
    await settled(e.session, applied.body.id, ['in_review']);
    const found = await reviewer
      .post('/supervision/findings')
      .field('applicationId', applied.body.id)
      .field('kind', 'fraud')
      .field('description', '营业执照系变造')
      .attach('evidence', PDF, { filename: 'licence.pdf', contentType: 'application/pdf' });
    expect(found.status).toBe(201);
    expect(found.body).toMatchObject({
      voucherId: null,
      receivable: null,
      debarment: expect.objectContaining({ inForce: true }),
    });
    expect(
      (
        await e.session.post(
          '/applications',
          contract('beijing-ai-compute-2026', 'SUP-2026-201', '2025-09-01', '2026-08-31', '100000.00'),
        )
      ).body.code,
    ).toBe('ENTERPRISE_DEBARRED');
    const appeal = await reviewer.post(`/supervision/findings/${found.body.id}/appeals`, {
      grounds: '执照真实',
    });
    expect(appeal.status).toBe(201);
    const granted = await senior.post(`/supervision/appeals/${appeal.body.id}/decision`, {
      decision: 'granted',
      reason: '市场监管部门确认执照真实',
    });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({
      status: 'overturned',
      debarment: expect.objectContaining({ liftedOn: '2025-09-02', inForce: false }),
    });
    expect(
      (
        await senior.post(`/supervision/appeals/${appeal.body.id}/decision`, {
          decision: 'dismissed',
          reason: 'x',
        })
      ).status,
    ).toBe(409);
    const again = await e.session.post(
      '/applications',
      contract('beijing-ai-compute-2026', 'SUP-2026-202', '2025-09-01', '2026-08-31', '100000.00'),
    );
    expect(again.status).toBe(201);
  });
});
