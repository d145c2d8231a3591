import { eligibleEnterprise } from '@app/domain';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserRecord, hashPassword } from '@app/persistence';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { bootstrapWorker } from '../../apps/worker/src/worker';
import { openTestDataSource, seedReference } from '../support/fixtures';
import { fileClaim, signIn, type ApiSession } from '../support/http';
import { eventually } from '../support/wait';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { recordHistory } from '../support/histories';
import { Client, Connection } from '@temporalio/client';

/**
 * A Beijing program year driven through the HTTP API like its users drive it, against the real worker,
 * Temporal dev server, PostgreSQL and an SMTP sink: admin set-up, refusals for each eligibility reason,
 * review with a supplement round, second approval, the yearly cap reached exactly, supplier settlements
 * and redemption claims assigned to their runs (cutoff and rollover).
 */
describe('a Beijing program year through the API (real worker, Temporal, PostgreSQL, SMTP)', () => {
  const PASSWORD = 'correct horse battery staple';
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
      SECOND_APPROVAL_THRESHOLD: '500000.00',
      TEMPORAL_TASK_QUEUE: `e2e-year-${process.pid}`,
      REDEMPTION_SCHEDULES: 'true',
    });
    db = await openTestDataSource();
    suppliers = await seedReference(db);
    await db.getRepository(UserRecord).insert({
      email: 'admin@e2e.example.cn',
      displayName: 'E2E Admin',
      passwordHash: await hashPassword(PASSWORD),
      role: 'admin',
      enterpriseId: null,
      supplierId: null,
      active: true,
    });
    worker = await bootstrapWorker();
    app = await createApiApp();
    await app.init();
    admin = await signIn(app, 'admin@e2e.example.cn', PASSWORD);
  });

  afterAll(async () => {
    await app?.close();
    await worker?.close();
    await db?.destroy();
    await sink?.stop();
  });

  const setDate = (businessDate: string) => admin.put('/admin/clock', { businessDate }).expect(200);

  let seq = 0;
  async function enterprise(overrides: Record<string, unknown> = {}) {
    seq += 1;
    const body = {
      name: `北京测试企业${seq}有限公司`,
      creditCode: `91110108MA0${String(seq).padStart(2, '0')}E2E${String(seq).padStart(4, '0')}`.slice(0, 18),
      ...eligibleEnterprise(),
      contactEmail: `contact${seq}@e2e.example.cn`,
      ...overrides,
    };
    const res = await admin.post('/admin/enterprises', body);
    expect(res.status).toBe(201);
    const email = `user${seq}@e2e.example.cn`;
    await admin
      .post('/admin/users', {
        email,
        displayName: `企业用户${seq}`,
        password: PASSWORD,
        role: 'enterprise',
        enterpriseId: res.body.id,
      })
      .expect(201);
    return { id: res.body.id as string, email, session: await signIn(app, email, PASSWORD) };
  }

  async function staff(email: string, role: string) {
    await admin
      .post('/admin/users', { email, displayName: email.split('@')[0], password: PASSWORD, role })
      .expect(201);
    return signIn(app, email, PASSWORD);
  }

  let contractNo = 0;
  function contract(supplierCode: string, overrides: Record<string, unknown> = {}) {
    contractNo += 1;
    return {
      supplierId: suppliers.get(supplierCode)!.id,
      contractNumber: `E2E-${contractNo}`,
      signedOn: '2025-02-20',
      startDate: '2025-03-01',
      endDate: '2026-02-28',
      applicationDomain: 'medical',
      lines: [{ serviceKind: 'intelligent_compute', amount: '5000000.00' }],
      ...overrides,
    };
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

  async function openTask(session: ApiSession, applicationId: string, kind: string) {
    return eventually(async () => {
      const res = await session.get(`/review-tasks?kind=${kind}&pageSize=200`).expect(200);
      return res.body.items.find((t: { applicationId: string }) => t.applicationId === applicationId);
    }, `${kind} task for ${applicationId}`);
  }

  it('runs the year: refusals, review, supplement, second approval, cap, settlements, claims', async () => {
    await setDate('2025-03-03');
    const reviewer = await staff('reviewer@e2e.example.cn', 'reviewer');
    const senior = await staff('senior@e2e.example.cn', 'senior_reviewer');
    await staff('senior2@e2e.example.cn', 'senior_reviewer');
    await admin
      .post('/admin/users', {
        email: 'baidu@e2e.example.cn',
        displayName: '百度结算',
        password: PASSWORD,
        role: 'supplier',
        supplierId: suppliers.get('baidu')!.id,
      })
      .expect(201);
    await admin
      .post('/admin/users', {
        email: 'ali@e2e.example.cn',
        displayName: '阿里结算',
        password: PASSWORD,
        role: 'supplier',
        supplierId: suppliers.get('alibaba-cloud')!.id,
      })
      .expect(201);
    const baidu = await signIn(app, 'baidu@e2e.example.cn', PASSWORD);
    const ali = await signIn(app, 'ali@e2e.example.cn', PASSWORD);

    // --- Refusals, one for each eligibility reason -----------------------------------------------------
    const nonPartner = await admin.post('/admin/suppliers', {
      code: 'local-gpu',
      nameZh: '本地算力有限公司',
      nameEn: 'Local GPU Co.',
      isPartner: false,
      serviceKinds: ['intelligent_compute'],
      contactEmail: 'ops@local-gpu.example.cn',
    });
    expect(nonPartner.status).toBe(201);
    suppliers.set('local-gpu', { id: nonPartner.body.id });
    const related = await enterprise();
    await admin
      .post('/admin/related-parties', {
        enterpriseId: related.id,
        supplierId: suppliers.get('jd-tech')!.id,
        description: '同一实际控制人',
      })
      .expect(201);
    const clean = await enterprise();
    const cases: [string, { session: ApiSession }, Record<string, unknown>][] = [
      ['ENTERPRISE_NOT_REGISTERED_IN_REGION', await enterprise({ registrationRegion: 'tianjin' }), {}],
      ['ENTERPRISE_NOT_INDEPENDENT_LEGAL_PERSON', await enterprise({ independentLegalPerson: false }), {}],
      ['ENTERPRISE_INDUSTRY_NOT_ELIGIBLE', await enterprise({ industry: 'other' }), {}],
      ['ENTERPRISE_AI_DIRECTION_NOT_ALIGNED', await enterprise({ aiDirectionAligned: false }), {}],
      ['ENTERPRISE_FINANCIAL_MANAGEMENT_UNSOUND', await enterprise({ soundFinancialManagement: false }), {}],
      ['ENTERPRISE_DISHONESTY_RECORD', await enterprise({ lastDishonestyRecordDate: '2023-06-01' }), {}],
      [
        'ENTERPRISE_DUPLICATE_MUNICIPAL_SUBSIDY',
        await enterprise({ receivesOtherMunicipalComputeSubsidy: true }),
        {},
      ],
      ['SUPPLIER_NOT_PARTNER', clean, { supplierCode: 'local-gpu' }],
      ['SUPPLIER_RELATED_PARTY', related, { supplierCode: 'jd-tech' }],
      [
        'CONTRACT_SIGNED_BEFORE_WINDOW',
        clean,
        { signedOn: '2023-08-31', startDate: '2023-09-01', endDate: '2024-08-31' },
      ],
      ['CONTRACT_TERM_TOO_LONG', clean, { startDate: '2025-03-01', endDate: '2026-03-01' }],
      ['CONTRACT_NO_ELIGIBLE_SERVICE', clean, { lines: [{ serviceKind: 'storage', amount: '100000.00' }] }],
      ['CONTRACT_DOMAIN_NOT_ELIGIBLE', clean, { applicationDomain: 'other' }],
    ];
    for (const [code, who, change] of cases) {
      const { supplierCode, ...rest } = change as { supplierCode?: string };
      const res = await who.session.post('/applications', contract(supplierCode ?? 'baidu', rest));
      expect(res.status).toBe(201);
      const done = await settled(who.session, res.body.id, ['refused']);
      expect(done.refusalCode).toBe(code);
      expect(
        done.checks.find((c: { code: string; passed: boolean }) => c.code === code && !c.passed),
      ).toBeDefined();
    }
    const refusedMail = await sink.waitFor((m) => m.subject.includes('未通过资格审核'));
    expect(refusedMail.subject).toContain('Compute voucher application refused');
    expect(refusedMail.text).toContain('Enterprise: ');

    // --- A: review with a supplement round, then a second approval -------------------------------------
    const a = await enterprise({ name: '北京智算医疗科技有限公司' });
    // 2025-03-01 … 2026-02-28: 365 days, 306 inside the plan. 5,000,000 × 306/365 = 4,191,780.82;
    // × 20% = 838,356.16 — at or above the 500,000 threshold, so a second approval is needed.
    const applied = await a.session.post('/applications', contract('baidu'));
    expect(applied.status).toBe(201);
    const appA = applied.body.id as string;
    let detail = await settled(a.session, appA, ['in_review']);
    expect(detail.computation).toMatchObject({
      contractDays: 365,
      eligibleDays: 306,
      eligibleAmount: '4191780.82',
      quotedFaceValue: '838356.16',
      rate: '0.20',
      yearlyRoomLeft: '2000000.00',
    });

    const task1 = await openTask(reviewer, appA, 'review');
    // Due in 5 working days from Monday 2025-03-03 (the business date): the next Monday, 7 days on.
    const dueInDays = (new Date(task1.dueAt).getTime() - new Date(task1.createdAt).getTime()) / 86_400_000;
    expect(dueInDays).toBeCloseTo(7, 2);
    await reviewer.post(`/review-tasks/${task1.id}/decision`, { decision: 'approve' }).expect(409); // not claimed
    await reviewer.post(`/review-tasks/${task1.id}/claim`).expect(200);
    const noReason = await reviewer.post(`/review-tasks/${task1.id}/decision`, {
      decision: 'request_supplement',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    await reviewer
      .post(`/review-tasks/${task1.id}/decision`, {
        decision: 'request_supplement',
        reason: '请补充算力交付方案 / add the delivery plan',
      })
      .expect(200);
    await settled(a.session, appA, ['supplement_requested']);
    await sink.waitFor((m) => m.to.includes(a.email) && m.subject.includes('补充'));
    await a.session
      .post(`/applications/${appA}/materials`)
      .attach('file', Buffer.from('%PDF-1.4 delivery plan'), {
        filename: '交付方案.pdf',
        contentType: 'application/pdf',
      })
      .expect(201);
    const badType = await a.session
      .post(`/applications/${appA}/materials`)
      .attach('file', Buffer.from('MZ...'), {
        filename: 'tool.exe',
        contentType: 'application/x-msdownload',
      });
    expect(badType.status).toBe(422);
    await a.session.post(`/applications/${appA}/resubmit`, { note: '已补充' }).expect(201);

    const task2 = await openTask(reviewer, appA, 'review').then(async (t) =>
      t.id === task1.id ? openTask(reviewer, appA, 'review') : t,
    );
    await reviewer.post(`/review-tasks/${task2.id}/claim`).expect(200);
    await reviewer.post(`/review-tasks/${task2.id}/decision`, { decision: 'approve' }).expect(200);
    await settled(a.session, appA, ['awaiting_second_approval']);
    const second = await openTask(senior, appA, 'second_approval');
    expect(second.excludedUserId).toBeTruthy();
    await senior.post(`/review-tasks/${second.id}/claim`).expect(200);
    const secondRes = await senior.post(`/review-tasks/${second.id}/decision`, { decision: 'approve' });
    expect([secondRes.status, secondRes.body.code]).toEqual([200, undefined]);
    detail = await settled(a.session, appA, ['issued']);
    expect(detail.voucher).toMatchObject({
      faceValue: '838356.16',
      remaining: '838356.16',
      status: 'active',
      capYear: 2025,
    });
    await sink.waitFor((m) => m.to.includes(a.email) && m.subject.includes('算力券已发放'));
    expect(detail.materials.map((m: { filename: string }) => m.filename)).toEqual(['交付方案.pdf']);
    expect(detail.tasks.find((t: { kind: string }) => t.kind === 'second_approval').completedByName).toBe(
      'senior',
    );
    expect(detail.history.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining([
        'application.submitted',
        'review.request_supplement',
        'application.resubmitted',
        'review.approve',
        'voucher.issued',
      ]),
    );

    // --- A again: the yearly cap reached exactly, then refusing ------------------------------------------
    // 2025-04-01 … 2025-12-31, 6,000,000 → face 1,200,000, but only 1,161,643.84 of room is left.
    const a2 = await a.session.post(
      '/applications',
      contract('alibaba-cloud', {
        signedOn: '2025-03-20',
        startDate: '2025-04-01',
        endDate: '2025-12-31',
        lines: [{ serviceKind: 'intelligent_compute', amount: '6000000.00' }],
      }),
    );
    expect(a2.status).toBe(201);
    await settled(a.session, a2.body.id, ['in_review']);
    const t3 = await openTask(reviewer, a2.body.id, 'review');
    await reviewer.post(`/review-tasks/${t3.id}/claim`).expect(200);
    await reviewer.post(`/review-tasks/${t3.id}/decision`, { decision: 'approve' }).expect(200);
    const s3 = await openTask(senior, a2.body.id, 'second_approval');
    // The first reviewer is not a senior reviewer here; a senior who reviewed first would be refused below.
    await senior.post(`/review-tasks/${s3.id}/claim`).expect(200);
    await senior.post(`/review-tasks/${s3.id}/decision`, { decision: 'approve' }).expect(200);
    const issued2 = await settled(a.session, a2.body.id, ['issued']);
    expect(issued2.voucher.faceValue).toBe('1161643.84');
    const vouchers = await a.session.get('/vouchers').expect(200);
    expect(vouchers.body.items.map((v: { faceValue: string }) => v.faceValue).sort()).toEqual([
      '1161643.84',
      '838356.16',
    ]);
    const [{ issued }] = await db.query(
      `SELECT issued::text FROM yearly_cap_ledger WHERE enterprise_id = $1 AND year = 2025`,
      [a.id],
    );
    expect(issued).toBe('2000000.00');

    const a3 = await a.session.post('/applications', contract('kingsoft-cloud', { signedOn: '2025-03-21' }));
    const refused3 = await settled(a.session, a3.body.id, ['refused']);
    expect(refused3.refusalCode).toBe('YEARLY_CAP_EXHAUSTED');

    // --- A senior reviewer who reviewed first cannot give the second approval ---------------------------
    const b = await enterprise();
    const bApp = await b.session.post(
      '/applications',
      contract('ct-beijing', {
        signedOn: '2025-03-02',
        lines: [{ serviceKind: 'intelligent_compute', amount: '4000000.00' }],
      }),
    );
    await settled(b.session, bApp.body.id, ['in_review']);
    const bt = await openTask(senior, bApp.body.id, 'review');
    await senior.post(`/review-tasks/${bt.id}/claim`).expect(200);
    await senior.post(`/review-tasks/${bt.id}/decision`, { decision: 'approve' }).expect(200);
    const bs = await openTask(senior, bApp.body.id, 'second_approval');
    const same = await senior.post(`/review-tasks/${bs.id}/claim`);
    expect(same.status).toBe(409);
    expect(same.body.code).toBe('SAME_REVIEWER');

    // --- Supplier confirmations -----------------------------------------------------------------------
    const contractA = detail.contract.id as string;
    const notMine = await ali.post(`/supplier/contracts/${contractA}/settlements`, {
      periodStart: '2025-03-01',
      periodEnd: '2025-06-30',
      amount: '1000000.00',
      invoiceNumber: 'ALI-1',
      invoiceDate: '2025-07-01',
    });
    expect(notMine.status).toBe(404);
    const confirm = (body: Record<string, string>) =>
      baidu.post(`/supplier/contracts/${contractA}/settlements`, body);
    const s1 = await confirm({
      periodStart: '2025-03-01',
      periodEnd: '2025-06-30',
      amount: '1000000.00',
      invoiceNumber: 'BD-2025-001',
      invoiceDate: '2025-07-02',
    });
    expect(s1.status).toBe(201);
    const s2 = await confirm({
      periodStart: '2025-07-01',
      periodEnd: '2025-11-10',
      amount: '1500000.00',
      invoiceNumber: 'BD-2025-002',
      invoiceDate: '2025-11-11',
    });
    const s3b = await confirm({
      periodStart: '2025-11-16',
      periodEnd: '2025-12-31',
      amount: '600000.00',
      invoiceNumber: 'BD-2025-003',
      invoiceDate: '2026-01-04',
    });
    // Claimed on the Q3 run date, but after that run has gathered its claims (see below).
    const sAfterRun = await confirm({
      periodStart: '2025-09-21',
      periodEnd: '2025-09-30',
      amount: '50000.00',
      invoiceNumber: 'BD-2025-00Q3',
      invoiceDate: '2025-09-30',
    });
    expect(sAfterRun.status).toBe(201);
    // Delivered before the cutoff but claimed after it: late for 2025, so it waits for 2026 Q1.
    const sLate = await confirm({
      periodStart: '2025-11-11',
      periodEnd: '2025-11-15',
      amount: '100000.00',
      invoiceNumber: 'BD-2025-002B',
      invoiceDate: '2025-11-16',
    });
    expect(sLate.status).toBe(201);
    const s4 = await confirm({
      periodStart: '2026-01-01',
      periodEnd: '2026-02-28',
      amount: '800000.00',
      invoiceNumber: 'BD-2026-001',
      invoiceDate: '2026-03-01',
    });
    expect([s2.status, s3b.status, s4.status]).toEqual([201, 201, 201]);
    const reused = await confirm({
      periodStart: '2025-07-01',
      periodEnd: '2025-07-31',
      amount: '1.00',
      invoiceNumber: 'BD-2025-002',
      invoiceDate: '2025-08-01',
    });
    expect(reused.status).toBe(409);
    const outside = await confirm({
      periodStart: '2026-02-01',
      periodEnd: '2026-03-31',
      amount: '1.00',
      invoiceNumber: 'BD-X',
      invoiceDate: '2026-04-01',
    });
    expect(outside.status).toBe(422);
    expect(outside.body.code).toBe('SETTLEMENT_OUTSIDE_CONTRACT');

    // --- Claims and their runs ------------------------------------------------------------------------
    const claim = (s: { body: { id: string; invoiceNumber: string; amount: string } }) =>
      fileClaim(a.session, s.body.id, s.body.invoiceNumber, s.body.amount);
    await setDate('2025-07-05');
    const c1 = await claim(s1);
    expect([c1.status, c1.body.code]).toEqual([201, undefined]);
    expect(c1.body).toMatchObject({
      run: { year: 2025, quarter: 3 },
      rolledOver: false,
      invoicedEligibleAmount: '1000000.00',
    });
    expect((await claim(s1)).status).toBe(409); // the same settlement twice
    const mismatch = await fileClaim(a.session, s2.body.id, 'BD-2025-002', '1500000.01');
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.code).toBe('CLAIM_DOES_NOT_MATCH_SETTLEMENT');
    await setDate('2025-11-15');
    const c2 = await claim(s2);
    expect(c2.body).toMatchObject({ run: { year: 2025, quarter: 4 }, rolledOver: false });
    await setDate('2025-11-20');
    const cLate = await claim(sLate);
    expect(cLate.body).toMatchObject({
      run: { year: 2026, quarter: 1 },
      rolledOver: true,
      assignmentReason: 'CLAIMED_AFTER_CUTOFF',
    });
    await setDate('2026-01-05');
    const c3 = await claim(s3b);
    expect(c3.body).toMatchObject({
      run: { year: 2026, quarter: 1 },
      rolledOver: true,
      assignmentReason: 'DELIVERED_AFTER_CUTOFF',
    });
    await setDate('2026-03-02');
    const c4 = await claim(s4);
    // Deliveries after the plan's end (2025-12-31) pay nothing.
    expect(c4.status).toBe(422);
    expect(c4.body.code).toBe('DELIVERY_AFTER_PLAN_END');
    const otherEnterprise = await fileClaim(b.session, s2.body.id, 'BD-2025-002', '1500000.00');
    expect(otherEnterprise.status).toBe(404);

    // --- Finance: the quarterly runs -----------------------------------------------------------------
    const finance = await staff('finance@e2e.example.cn', 'finance');
    // Four eyes: the finance user who starts a run by hand does not approve it (ADR 0045).
    const approver = await staff('finance2@e2e.example.cn', 'finance');
    async function runQuarter(year: number, quarter: number, expected: { claims: number; total: string }) {
      const started = await finance.post('/redemption-runs', { year, quarter });
      expect(started.status).toBe(201);
      expect(started.body.id).toMatch(/^[0-9a-f-]{36}$/);
      const run = await eventually(async () => {
        const list = await finance.get('/redemption-runs').expect(200);
        const r = list.body.items.find(
          (x: { year: number; quarter: number }) => x.year === year && x.quarter === quarter,
        );
        return r?.status === 'awaiting_approval' ? r : undefined;
      }, `run ${year}-Q${quarter} to await approval`);
      // Finance sees the totals before approving.
      const preview = await finance.get(`/redemption-runs/${run.id}`).expect(200);
      expect(preview.body).toMatchObject({ claimCount: expected.claims, totalPayout: expected.total });
      expect(preview.body.report.preview.byEnterprise[0]).toMatchObject({
        name: '北京智算医疗科技有限公司',
        total: expected.total,
      });
      expect(preview.body.report.preview.bySupplier[0]).toMatchObject({
        code: 'baidu',
        total: expected.total,
      });
      await reviewer.post(`/redemption-runs/${run.id}/approve`).expect(403);
      await finance.post(`/redemption-runs/${run.id}/approve`).expect(422);
      await approver.post(`/redemption-runs/${run.id}/approve`).expect(200);
      const done = await eventually(async () => {
        const r = await finance.get(`/redemption-runs/${run.id}`).expect(200);
        return r.body.status === 'completed' ? r.body : undefined;
      }, `run ${year}-Q${quarter} to complete`);
      expect(done).toMatchObject({ paidCount: expected.claims, paidTotal: expected.total });
      const again = await approver.post(`/redemption-runs/${run.id}/approve`);
      expect(again.status).toBe(409);
      return done;
    }

    // 2025 Q3: the July claim, 1,000,000 × 20% = 200,000.00.
    const q3 = await runQuarter(2025, 3, { claims: 1, total: '200000.00' });
    // A claim filed on 2025-09-30 belongs to Q3, but the Q3 run has already gathered its claims:
    // it waits for the next run instead of being stranded.
    await setDate('2025-09-30');
    const cAfterRun = await fileClaim(a.session, sAfterRun.body.id, 'BD-2025-00Q3', '50000.00');
    expect(cAfterRun.status).toBe(201);
    expect(cAfterRun.body).toMatchObject({
      run: { year: 2025, quarter: 4 },
      assignmentReason: 'RUN_ALREADY_GATHERED',
    });
    // 2025 Q4: the claim filed on Nov 15 (the cutoff day), 1,500,000 × 20% = 300,000.00, and the one that
    // missed the Q3 run, 50,000 × 20% = 10,000.00.
    await runQuarter(2025, 4, { claims: 2, total: '310000.00' });
    // 2026 Q1: the Nov 16 – Dec 31 delivery rolled over, 600,000 × 20% = 120,000.00.
    // and the claim filed on Nov 20 for a part delivered by Nov 15: 100,000 × 20% = 20,000.00.
    await runQuarter(2026, 1, { claims: 2, total: '140000.00' });

    const paidMail = await sink.waitFor(
      (m) =>
        m.to.includes(a.email) && m.subject.includes('Voucher payout paid') && m.text.includes('¥140,000.00'),
    );
    expect(paidMail.text).toContain('拨付');
    const csv = await finance.get(`/redemption-runs/${q3.id}/report.csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain('BD-2025-001');
    expect(csv.text).toMatch(/,200000\.00,/);
    const xlsx = await finance
      .get(`/redemption-runs/${q3.id}/report.xlsx`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).toBe(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK'); // a zip container

    const voucherA = (await a.session.get(`/applications/${appA}`).expect(200)).body.voucher;
    expect(voucherA).toMatchObject({
      faceValue: '838356.16',
      redeemedAmount: '650000.00',
      remaining: '188356.16',
    });
    const [{ transfers, paid }] = await db.query(
      `SELECT (SELECT count(*) FROM simulated_bank_transfers)::int AS transfers,
              (SELECT count(*) FROM payouts WHERE status = 'paid')::int AS paid`,
    );
    expect(transfers).toBe(paid);

    const dashboard = await finance.get('/dashboard/budget').expect(200);
    expect(dashboard.body.totals).toMatchObject({ issued: '2000000.00', redeemed: '650000.00' });
    expect(dashboard.body.rolledOver).toEqual([
      { year: 2026, quarter: 1, claims: 2, invoicedEligibleAmount: '700000.00' },
    ]);
    expect(dashboard.body.capUse[0]).toMatchObject({
      enterpriseName: '北京智算医疗科技有限公司',
      issued: '2000000.00',
      remaining: '0.00',
    });

    // --- Admin: deactivating a user ends their session at once; a closed program takes no applications.
    const aliUser = (await admin.get('/admin/users?pageSize=200').expect(200)).body.items.find(
      (u: { email: string }) => u.email === 'ali@e2e.example.cn',
    );
    await admin.patch(`/admin/users/${aliUser.id}`, { active: false }).expect(200);
    await ali.get('/supplier/contracts').expect(401);
    await admin.patch('/admin/programs/beijing-ai-compute-2023', { active: false }).expect(200);
    const closed = await b.session.post('/applications', contract('baidu', { signedOn: '2025-03-05' }));
    expect([closed.status, closed.body.code]).toEqual([422, 'PROGRAM_CLOSED']);
    await admin.patch('/admin/programs/beijing-ai-compute-2023', { active: true }).expect(200);
    const [{ n: adminAudits }] = await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action IN ('user.active_set', 'program.active_set')`,
    );
    expect(adminAudits).toBe(3);

    // The worker registered the program's quarterly Schedule at start-up (Asia/Shanghai, overlap skip).
    const temporal = new Client({
      connection: await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! }),
      namespace: process.env.TEMPORAL_NAMESPACE,
    });
    const schedule = await temporal.schedule
      .getHandle('redemption-schedule:beijing-ai-compute-2023')
      .describe();
    expect(schedule.spec.timezone).toBe('Asia/Shanghai');
    expect(schedule.policies.overlap).toBe('SKIP');
    expect(schedule.action).toMatchObject({
      workflowType: 'scheduledRedemptionRunWorkflow',
      taskQueue: process.env.TEMPORAL_TASK_QUEUE,
    });
    await temporal.connection.close();

    // With RECORD_HISTORIES=1 these become the replay tier's fixtures (test/histories).
    await recordHistory(`application:${appA}`, 'application-supplement-second-approval-issued');
    await recordHistory(`application:${a2.body.id}`, 'application-issued-limited-by-cap');
    await recordHistory(`application:${a3.body.id}`, 'application-refused-yearly-cap');
  });
});
