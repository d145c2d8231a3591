import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRecord, hashPassword } from '@app/persistence';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { bootstrapWorker } from '../../apps/worker/src/worker';
import { createEnterprise, openTestDataSource, seedReference } from '../support/fixtures';
import { signIn, type ApiSession } from '../support/http';
import { eventually } from '../support/wait';
import { recordHistory } from '../support/histories';

/**
 * Chengdu 算力补贴券 2027 from 2026's usage (seeded with SQL: 普惠 deductions recorded by suppliers and a paid
 * 特惠 2026 round with spend evidence naming them), through notice to payment to the suppliers; and the
 * 绿色算力券 granted once per data centre (免申即享) however often the approval is recorded, approved by
 * finance and paid. Real worker, Temporal and PostgreSQL through the HTTP API.
 */
describe('Chengdu supplier subsidy and green grant through the API (real worker, Temporal, PostgreSQL)', () => {
  const PASSWORD = 'correct horse battery staple';
  let db: DataSource;
  let worker: INestApplicationContext;
  let app: INestApplication;
  let admin: ApiSession;
  let reviewer: ApiSession;
  let finance: ApiSession;
  let suppliers: Map<string, { id: string }>;
  let passwordHash: string;
  let adminId: string;

  async function user(email: string, role: string, supplierId: string | null = null) {
    const saved = await db.getRepository(UserRecord).insert({
      email,
      displayName: email.split('@')[0],
      passwordHash,
      role: role as UserRecord['role'],
      enterpriseId: null,
      supplierId,
      active: true,
    });
    return saved.identifiers[0].id as string;
  }

  beforeAll(async () => {
    Object.assign(process.env, { SANDBOX_CLOCK: 'true', TEMPORAL_TASK_QUEUE: `e2e-subsidy-${process.pid}` });
    db = await openTestDataSource();
    suppliers = await seedReference(db);
    passwordHash = await hashPassword(PASSWORD);
    adminId = await user('admin@subsidy.example.cn', 'admin');
    await user('reviewer@subsidy.example.cn', 'reviewer');
    await user('finance@subsidy.example.cn', 'finance');
    worker = await bootstrapWorker();
    app = await createApiApp();
    await app.init();
    admin = await signIn(app, 'admin@subsidy.example.cn', PASSWORD);
    reviewer = await signIn(app, 'reviewer@subsidy.example.cn', PASSWORD);
    finance = await signIn(app, 'finance@subsidy.example.cn', PASSWORD);
  });

  afterAll(async () => {
    await app?.close();
    await worker?.close();
    await db?.destroy();
  }, 60_000);

  const setDate = (businessDate: string) => admin.put('/admin/clock', { businessDate }).expect(200);

  let receipt = 800000;
  /** One 普惠 voucher of 2026 and the payments its supplier recorded deductions against. */
  async function puhuiUsage(supplierCode: string, payments: { amount: string; paidOn: string }[]) {
    const e = await createEnterprise(db, { registrationRegion: 'chengdu' });
    const year = Number(payments[0].paidOn.slice(0, 4));
    receipt += 1;
    const [application] = await db.query(
      `INSERT INTO pool_applications (program_code, program_version, year, enterprise_id, receipt_no, status,
                                      submitted_on, submitted_by)
       VALUES ('chengdu-puhui', 1, $1, $2, $3, 'issued', $4, $5) RETURNING id`,
      [year, e.id, receipt, `${year}-01-10`, adminId],
    );
    const [voucher] = await db.query(
      `INSERT INTO pool_vouchers (voucher_no, application_id, program_code, program_version, enterprise_id, face_value,
                                  valid_year, issued_on, issued_by)
       VALUES ($1, $2, 'chengdu-puhui', 1, $3, 10000.00, $4, $5, $6) RETURNING id`,
      [`PH-${receipt}`, application.id, e.id, year, `${year}-01-12`, adminId],
    );
    for (const [i, p] of payments.entries()) {
      await db.query(
        `INSERT INTO pool_deductions (voucher_id, supplier_id, enterprise_id, program_code, program_version,
                                      payment_reference, payment_amount, amount, share_limit, limited_by, paid_on,
                                      recorded_by)
         VALUES ($1, $2, $3, 'chengdu-puhui', 1, $4, $5, 1.00, 1.00, 'remaining-face-value', $6, $7)`,
        [
          voucher.id,
          suppliers.get(supplierCode)!.id,
          e.id,
          `PAY-${receipt}-${i}`,
          p.amount,
          p.paidOn,
          adminId,
        ],
      );
    }
  }

  /** A 特惠 2026 award (paid or not) whose prior-year spend evidence names suppliers. */
  async function tehuiAward(paid: boolean, evidence: { supplierCode: string; amount: string }[]) {
    let [round] = await db.query(
      `SELECT id FROM allocation_rounds WHERE program_code = 'chengdu-tehui' AND year = 2026`,
    );
    if (!round) {
      [round] = await db.query(
        `INSERT INTO allocation_rounds (program_code, program_version, year, workflow_id, status, opens_on, closes_on,
                                        review_quota, notice_working_days)
         VALUES ('chengdu-tehui', 1, 2026, 'allocation-round:chengdu-tehui:2026', 'paid', '2026-03-01', '2026-03-31',
                 135, 5) RETURNING id`,
      );
    }
    const e = await createEnterprise(db, { registrationRegion: 'chengdu' });
    const [entry] = await db.query(
      `INSERT INTO round_entries (round_id, program_code, year, program_version, applicant_kind, enterprise_id,
                                  applicant_name, submitted_on, submitted_by, basis, standing, rank, award)
       VALUES ($1, 'chengdu-tehui', 2026, 1, 'enterprise', $2, $3, '2026-03-05', $4, 10000000.00, 'approved', 1,
               2000000.00) RETURNING id`,
      [round.id, e.id, e.name, adminId],
    );
    for (const [i, v] of evidence.entries()) {
      await db.query(
        `INSERT INTO round_entry_evidence (entry_id, supplier_id, contract_number, invoice_number, paid_on, amount)
         VALUES ($1, $2, $3, $4, '2025-08-01', $5)`,
        [entry.id, suppliers.get(v.supplierCode)!.id, `HT-${entry.id}-${i}`, `FP-${entry.id}-${i}`, v.amount],
      );
    }
    await db.query(
      `INSERT INTO direct_payments (program_code, program_version, kind, source_id, payee_kind, payee_id, amount,
                                    idempotency_key, status, approved_by, paid_at)
       VALUES ('chengdu-tehui', 1, 'round_award', $1, 'enterprise', $2, 2000000.00, $3, $4, $5, $6)`,
      [entry.id, e.id, `fixture:${entry.id}`, paid ? 'paid' : 'approved', adminId, paid ? new Date() : null],
    );
  }

  it('computes each supplier’s subsidy from last year’s usage, puts it on notice and pays the suppliers', async () => {
    // Last year's usage. cd-ai-computing: 普惠 payments 20,000.00 + 15,555.55 and 特惠 evidence 1,234,567.89.
    await puhuiUsage('cd-ai-computing', [
      { amount: '20000.00', paidOn: '2026-05-10' },
      { amount: '15555.55', paidOn: '2026-11-30' },
    ]);
    await tehuiAward(true, [
      { supplierCode: 'cd-ai-computing', amount: '1234567.89' },
      { supplierCode: 'cd-supercomputing', amount: '12000000.00' },
    ]);
    // cd-supercomputing: 40,000.00 under 普惠 too; its 20% (2,408,000.00) is above the 2,000,000.00 cap.
    await puhuiUsage('cd-supercomputing', [{ amount: '40000.00', paidOn: '2026-07-01' }]);
    // Not counted: a payment of 2025, and a 特惠 award not yet paid.
    await puhuiUsage('cd-ai-computing', [{ amount: '99999.99', paidOn: '2025-12-31' }]);
    await tehuiAward(false, [{ supplierCode: 'cd-ai-computing', amount: '5000000.00' }]);

    await user('ai@subsidy.example.cn', 'supplier', suppliers.get('cd-ai-computing')!.id);
    await user('sc@subsidy.example.cn', 'supplier', suppliers.get('cd-supercomputing')!.id);
    await user('tf@subsidy.example.cn', 'supplier', suppliers.get('cd-tianfu-dispatch')!.id);
    await user('baidu@subsidy.example.cn', 'supplier', suppliers.get('baidu')!.id);
    const aiSession = await signIn(app, 'ai@subsidy.example.cn', PASSWORD);
    const scSession = await signIn(app, 'sc@subsidy.example.cn', PASSWORD);
    const tfSession = await signIn(app, 'tf@subsidy.example.cn', PASSWORD);
    const baiduSession = await signIn(app, 'baidu@subsidy.example.cn', PASSWORD);

    await setDate('2027-03-02');
    const body = { programCode: 'chengdu-supplier-subsidy', year: 2027 };
    const aiEntry = (await aiSession.post('/round-entries', body).expect(201)).body;
    expect(aiEntry).toMatchObject({
      basis: '1270123.44',
      applicantKind: 'supplier',
      basisDetail: {
        priorYear: 2026,
        byProgram: { 'chengdu-puhui': '35555.55', 'chengdu-tehui': '1234567.89' },
        expected: '254024.68',
        limitedByCap: false,
      },
    });
    const scEntry = (await scSession.post('/round-entries', body).expect(201)).body;
    expect(scEntry).toMatchObject({
      basis: '12040000.00',
      basisDetail: { expected: '2000000.00', limitedByCap: true },
    });
    expect((await tfSession.post('/round-entries', body).expect(422)).body.code).toBe('ROUND_NO_BASIS_FEES');
    expect((await baiduSession.post('/round-entries', body).expect(422)).body.code).toBe(
      'ROUND_SUPPLIER_NOT_LISTED',
    );
    expect((await aiSession.post('/round-entries', body).expect(422)).body.code).toBe(
      'ROUND_ALREADY_APPLIED',
    );
    expect(
      (await aiSession.post('/round-entries', { ...body, evidence: [] }).expect(400)).body.errors[0].field,
    ).toBe('evidence');

    // Close, rank (by fees, highest first), review, plan on notice.
    await setDate('2027-04-01');
    const rounds = (await reviewer.get('/rounds').expect(200)).body.items;
    const round = rounds.find((r: { programCode: string }) => r.programCode === 'chengdu-supplier-subsidy');
    await reviewer.post(`/rounds/${round.id}/close`).expect(200);
    const entries = (await reviewer.get(`/rounds/${round.id}/entries`).expect(200)).body.items;
    expect(entries.map((e: { id: string; rank: number }) => [e.id, e.rank])).toEqual([
      [scEntry.id, 1],
      [aiEntry.id, 2],
    ]);
    for (const e of entries) {
      await reviewer.post(`/rounds/${round.id}/entries/${e.id}/review`, { decision: 'approve' }).expect(200);
    }
    const onNotice = await eventually(async () => {
      const r = await reviewer.get(`/rounds/${round.id}`).expect(200);
      return r.body.status === 'notice' ? r.body : undefined;
    }, 'the subsidy plan on notice');
    expect(onNotice).toMatchObject({
      publishedOn: '2027-04-01',
      noticeEndsOn: '2027-04-08',
      totalAward: '2254024.68',
    });
    const page = await request(app.getHttpServer())
      .get('/public/notices/chengdu-supplier-subsidy/2027')
      .expect(200);
    expect(
      page.body.entries.map((e: { applicantName: string; award: string }) => [e.applicantName, e.award]),
    ).toEqual([
      ['成都超算中心运营管理有限公司', '2000000.00'],
      ['成都智算中心有限公司', '254024.68'],
    ]);
    await setDate('2027-04-08');
    expect((await finance.post(`/rounds/${round.id}/approve`).expect(422)).body.code).toBe(
      'ROUND_NOTICE_NOT_OVER',
    );
    await setDate('2027-04-09');
    await finance.post(`/rounds/${round.id}/approve`).expect(200);
    await eventually(async () => {
      const r = await finance.get(`/rounds/${round.id}`).expect(200);
      return r.body.status === 'paid';
    }, 'the subsidy round paid');
    const payments = await db.query(
      `SELECT s.code, p.amount::text AS amount, p.status, p.payee_kind, p.program_version
         FROM direct_payments p JOIN suppliers s ON s.id = p.payee_id
        WHERE p.kind = 'supplier_subsidy' ORDER BY s.code`,
    );
    expect(payments).toEqual([
      {
        code: 'cd-ai-computing',
        amount: '254024.68',
        status: 'paid',
        payee_kind: 'supplier',
        program_version: 1,
      },
      {
        code: 'cd-supercomputing',
        amount: '2000000.00',
        status: 'paid',
        payee_kind: 'supplier',
        program_version: 1,
      },
    ]);
    const [bank] = await db.query(
      `SELECT count(*)::int AS n, sum(amount)::text AS total FROM simulated_bank_transfers WHERE payee_kind = 'supplier'`,
    );
    expect(bank).toEqual({ n: 2, total: '2254024.68' });
    const mine = (await aiSession.get('/round-entries').expect(200)).body.items;
    expect(mine).toEqual([expect.objectContaining({ award: '254024.68', paymentStatus: 'paid' })]);
    // Replay fixture (RECORD_HISTORIES=1): a whole round, notice to payment.
    await recordHistory(
      round.workflowId ??
        (await db.query(`SELECT workflow_id FROM allocation_rounds WHERE id = $1`, [round.id]))[0]
          .workflow_id,
      'chengdu-subsidy-round-paid',
    );
  }, 300_000);

  it('grants 1,000,000.00 once per newly approved green data centre, approved by finance and paid', async () => {
    await setDate('2027-05-20');
    const pdf = Buffer.from('%PDF-1.4\n% 国家绿色数据中心名单\n');
    const record = (code: string, supplierCode = 'cd-ai-computing', approvedOn = '2027-05-18') =>
      admin
        .post('/grants')
        .field('supplierId', suppliers.get(supplierCode)!.id)
        .field('dataCentreCode', code)
        .field('dataCentreName', '成都智算中心一期数据中心')
        .field('approvedOn', approvedOn)
        .field('approvalReference', '工信部节函〔2027〕88号')
        .attach('file', pdf, { filename: '国家绿色数据中心认定.pdf', contentType: 'application/pdf' });

    const first = await record('CD-DC-01').expect(201);
    expect(first.body).toMatchObject({
      created: true,
      dataCentreCode: 'cd-dc-01',
      amount: '1000000.00',
      status: 'awaiting_finance',
      supplierCode: 'cd-ai-computing',
      programVersion: 1,
    });
    // Recorded again (even spelled differently): the same grant, nothing new.
    const again = await record(' cd-dc-01 ').expect(200);
    expect(again.body).toMatchObject({ id: first.body.id, created: false });
    expect((await db.query(`SELECT count(*)::int AS n FROM grants`))[0].n).toBe(1);
    const notListed = await record('BJ-DC-09', 'baidu').expect(422);
    expect(notListed.body.code).toBe('GRANT_SUPPLIER_NOT_LISTED');
    const noFile = await admin
      .post('/grants')
      .field('supplierId', suppliers.get('cd-ai-computing')!.id)
      .field('dataCentreCode', 'CD-DC-02')
      .field('dataCentreName', 'x')
      .field('approvedOn', '2027-05-18')
      .field('approvalReference', 'x')
      .expect(422);
    expect(noFile.body.code).toBe('MATERIAL_MISSING');
    const badDate = await record('CD-DC-03', 'cd-ai-computing', '2027-02-30').expect(400);
    expect(badDate.body.errors.map((e: { field: string }) => e.field)).toEqual(['approvedOn']);
    expect((await db.query(`SELECT count(*)::int AS n FROM grants`))[0].n).toBe(1);

    const doc = await finance
      .get(`/grants/${first.body.id}/document`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect((doc.body as Buffer).equals(pdf)).toBe(true);
    await eventually(
      async () => (await finance.post(`/grants/${first.body.id}/approve`)).status === 200,
      'finance approves the grant',
    );
    expect((await finance.post(`/grants/${first.body.id}/approve`).expect(409)).body.code).toBe(
      'GRANT_NOT_AWAITING_FINANCE',
    );
    const paid = await eventually(async () => {
      const g = (await finance.get(`/grants/${first.body.id}`).expect(200)).body;
      return g.status === 'paid' ? g : undefined;
    }, 'the grant paid');
    expect(paid).toMatchObject({
      amount: '1000000.00',
      paymentStatus: 'paid',
      financeApprovedByName: 'finance',
    });
    expect(paid.bankReference).toBeTruthy();
    const [grantRow] = await db.query(`SELECT workflow_id FROM grants WHERE id = $1`, [first.body.id]);
    await recordHistory(grantRow.workflow_id, 'chengdu-green-grant-paid');
    // Recording it after payment still grants nothing new.
    expect((await record('CD-DC-01').expect(200)).body).toMatchObject({ id: first.body.id, status: 'paid' });
    const [payment] = await db.query(
      `SELECT count(*)::int AS n, sum(amount)::text AS total, min(payee_kind) AS payee_kind FROM direct_payments WHERE kind = 'grant'`,
    );
    expect(payment).toEqual({ n: 1, total: '1000000.00', payee_kind: 'supplier' });
    const [share] = await db.query(
      `SELECT funder_code, amount::text AS amount FROM funding_shares WHERE program_code = 'chengdu-green'`,
    );
    expect(share).toEqual({ funder_code: 'chengdu-municipal', amount: '1000000.00' });
    const audit = await db.query(`SELECT action FROM audit_log WHERE action LIKE 'grant.%' ORDER BY id`);
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'grant.created',
      'grant.recorded_again',
      'grant.approved',
      'grant.paid',
      'grant.recorded_again',
    ]);
  }, 120_000);
});
