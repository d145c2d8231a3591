import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Money, materialCodes, CHENGDU_PUHUI } from '@app/domain';
import { UserRecord, hashPassword } from '@app/persistence';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { bootstrapWorker } from '../../apps/worker/src/worker';
import { createEnterprise, openTestDataSource, seedReference } from '../support/fixtures';
import { signIn, type ApiSession } from '../support/http';
import { eventually } from '../support/wait';
import { recordHistory } from '../support/histories';

/**
 * Chengdu 普惠算力券 (seed 001 §三(一)1, §四(一)) through the HTTP API on the real worker, Temporal and
 * PostgreSQL: 1,000 units apply at once for the year's 300 vouchers; review in receipt order with a refusal
 * passing its slot on; one per unit per year and not beside 特惠; deductions at a listed supplier (≤ 50% of
 * the payment, ≤ what is left); the supplier's redemption paid to it; a 2025 voucher refused in 2026.
 */
describe('Chengdu 普惠算力券: first-come pool, deduction at the supplier, redemption (real servers)', () => {
  const PASSWORD = 'correct horse battery staple';
  const PROGRAM = 'chengdu-puhui';
  const N = 1000;
  const PDF = Buffer.from('%PDF-1.4\n% 普惠算力券 材料\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
  let db: DataSource;
  let worker: INestApplicationContext;
  let app: INestApplication;
  let admin: ApiSession;
  let reviewer: ApiSession;
  let finance: ApiSession;
  let supplier: ApiSession;
  let supplierId: string;
  /** Bearer tokens of the 1,000 units' users, in the order the units were created. */
  let unitTokens: { enterpriseId: string; userId: string; token: string }[] = [];
  let results: { enterpriseId: string; status: number; body: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    Object.assign(process.env, {
      SANDBOX_CLOCK: 'true',
      TEMPORAL_TASK_QUEUE: `e2e-puhui-${process.pid}`,
      DATABASE_POOL_SIZE: '10',
    });
    db = await openTestDataSource();
    const suppliers = await seedReference(db);
    supplierId = suppliers.get('cd-ai-computing')!.id;
    worker = await bootstrapWorker();
    app = await createApiApp();
    await app.init();
    admin = await user('puhui-admin@e2e.example.cn', 'admin');
    reviewer = await user('puhui-reviewer@e2e.example.cn', 'reviewer');
    finance = await user('puhui-finance@e2e.example.cn', 'finance');
    supplier = await user('puhui-supplier@e2e.example.cn', 'supplier', { supplierId });
    await admin.put('/admin/clock', { businessDate: '2025-03-03' }).expect(200);

    // 1,000 Chengdu units and their users written with SQL (fast); their tokens are what sign-in issues.
    const units: { id: string }[] = await db.query(
      `INSERT INTO enterprises (name, credit_code, registration_region, independent_legal_person, industry,
                                ai_direction_aligned, sound_financial_management, contact_email)
       SELECT '成都普惠测试单位 ' || i, '915101' || lpad(i::text, 12, '0'), 'chengdu', true,
              'software_information_services', true, true, 'unit' || i || '@puhui.example.cn'
         FROM generate_series(1, $1) AS i
       RETURNING id`,
      [N],
    );
    const users: { id: string; enterprise_id: string; display_name: string }[] = await db.query(
      `INSERT INTO users (email, display_name, password_hash, role, enterprise_id)
       SELECT 'ops' || i || '@puhui.example.cn', '经办人 ' || i, 'not-a-password', 'enterprise', id
         FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, i)
       RETURNING id, enterprise_id, display_name`,
      [units.map((u) => u.id)],
    );
    const jwt = app.get(JwtService, { strict: false });
    unitTokens = await Promise.all(
      users.map(async (u) => ({
        enterpriseId: u.enterprise_id,
        userId: u.id,
        // What sign-in would issue: the user and their (new) token version.
        token: await jwt.signAsync({ sub: u.id, ver: 0 }),
      })),
    );
  });

  afterAll(async () => {
    await app?.close();
    await worker?.close();
    await db?.destroy();
  });

  async function user(
    email: string,
    role: UserRecord['role'],
    owner: { enterpriseId?: string; supplierId?: string } = {},
  ): Promise<ApiSession> {
    await db.getRepository(UserRecord).insert({
      email,
      displayName: email,
      passwordHash: await hashPassword(PASSWORD),
      role,
      enterpriseId: owner.enterpriseId ?? null,
      supplierId: owner.supplierId ?? null,
      active: true,
    });
    return signIn(app, email, PASSWORD);
  }

  const as = (token: string) => ({
    get: (url: string) => request(app.getHttpServer()).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string) => request(app.getHttpServer()).post(url).set('Authorization', `Bearer ${token}`),
  });

  async function uploadAll(
    post: (url: string) => request.Test,
    url: string,
    codes: readonly string[],
  ): Promise<void> {
    for (const code of codes) {
      await post(url)
        .field('code', code)
        .attach('file', PDF, { filename: `${code}.pdf`, contentType: 'application/pdf' })
        .expect(201);
    }
  }

  async function poolCounters() {
    const [row] = await db.query(
      `SELECT slots, held, issued, received FROM pool_years WHERE program_code = $1 AND year = 2025`,
      [PROGRAM],
    );
    return row;
  }

  async function inbox(enterpriseId: string): Promise<string[]> {
    const rows: { kind: string }[] = await db.query(
      `SELECT n.kind FROM notifications n JOIN users u ON u.id = n.recipient_user_id
        WHERE u.enterprise_id = $1 ORDER BY n.created_at`,
      [enterpriseId],
    );
    return rows.map((r) => r.kind);
  }

  it(`${N} simultaneous applications: exactly 300 hold slots, in receipt order, the rest wait in line`, async () => {
    results = await Promise.all(
      unitTokens.map(async (u) => {
        const res = await as(u.token).post(`/pools/${PROGRAM}/applications`);
        return { enterpriseId: u.enterpriseId, status: res.status, body: res.body };
      }),
    );
    expect(results.filter((r) => r.status !== 201)).toEqual([]);
    const holding = results.filter((r) => r.body.status === 'holding');
    const waiting = results.filter((r) => r.body.status === 'waitlisted');
    expect(holding).toHaveLength(300);
    expect(waiting).toHaveLength(N - 300);

    // Receipt order is slot order: every holder was received before every waiting application.
    const receipt = (r: { body: Record<string, unknown> }) => BigInt(r.body.receiptNo as string);
    const lastHolder = holding.map(receipt).reduce((a, b) => (a > b ? a : b));
    const firstWaiting = waiting.map(receipt).reduce((a, b) => (a < b ? a : b));
    expect(lastHolder < firstWaiting).toBe(true);
    expect(new Set(results.map((r) => r.body.receiptNo)).size).toBe(N);
    // The waiting are told their place: 1 … 700 in receipt order.
    const byReceipt = [...waiting].sort((a, b) => (receipt(a) < receipt(b) ? -1 : 1));
    expect(byReceipt.map((r) => r.body.waitlistPosition)).toEqual(
      Array.from({ length: N - 300 }, (_, i) => i + 1),
    );
    for (const h of holding) expect(h.body.waitlistPosition).toBeNull();
    expect(await poolCounters()).toEqual({ slots: 300, held: 300, issued: 0, received: N });

    const state = await reviewer.get(`/pools/${PROGRAM}`).expect(200);
    expect(state.body).toMatchObject({
      year: 2025,
      slots: 300,
      held: 300,
      issued: 0,
      slotsLeft: 0,
      holding: 300,
      waiting: 700,
      faceValue: '10000.00',
    });
    expect(state.body.waitlist[0]).toMatchObject({ position: 1, receiptNo: byReceipt[0].body.receiptNo });
  });

  it('a second application by the same unit that year is refused, and nothing is written', async () => {
    const before = await poolCounters();
    const res = await as(unitTokens[0].token).post(`/pools/${PROGRAM}/applications`).expect(422);
    expect(res.body.code).toBe('POOL_ALREADY_APPLIED_THIS_YEAR');
    expect(res.body.message).toContain('每家单位每年限领一次');
    expect(await poolCounters()).toEqual(before);
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM pool_applications WHERE enterprise_id = $1`,
      [unitTokens[0].enterpriseId],
    );
    expect(n).toBe(1);
  });

  it('refuses units outside seed 001 §二 and a unit already in the 特惠 round (不可重复申领)', async () => {
    const before = await poolCounters();
    const beijing = await createEnterprise(db, { registrationRegion: 'beijing' });
    const dishonest = await createEnterprise(db, {
      registrationRegion: 'chengdu-gaoxin',
      lastDishonestyRecordDate: '2023-06-01',
    });
    const tehui = await createEnterprise(db, { registrationRegion: 'chengdu' });
    const [round] = await db.query(
      `INSERT INTO allocation_rounds (program_code, program_version, year, workflow_id, opens_on, closes_on,
                                      review_quota, notice_working_days)
       VALUES ('chengdu-tehui', 1, 2025, 'allocation-round:chengdu-tehui:2025:puhui-test', '2025-03-01',
               '2025-03-31', 135, 5) RETURNING id`,
    );
    const tehuiUser = await user('puhui-tehui@e2e.example.cn', 'enterprise', { enterpriseId: tehui.id });
    const [{ id: tehuiUserId }] = await db.query(
      `SELECT id FROM users WHERE email = 'puhui-tehui@e2e.example.cn'`,
    );
    await db.query(
      `INSERT INTO round_entries (round_id, program_code, year, program_version, applicant_kind, enterprise_id,
                                  applicant_name, submitted_on, submitted_by, basis, standing)
       VALUES ($1, 'chengdu-tehui', 2025, 1, 'enterprise', $2, $3, '2025-03-02', $4, '600000.00', 'approved')`,
      [round.id, tehui.id, tehui.name, tehuiUserId],
    );
    const cases: [ApiSession, string][] = [
      [
        await user('puhui-bj@e2e.example.cn', 'enterprise', { enterpriseId: beijing.id }),
        'ENTERPRISE_NOT_REGISTERED_IN_REGION',
      ],
      [
        await user('puhui-dis@e2e.example.cn', 'enterprise', { enterpriseId: dishonest.id }),
        'ENTERPRISE_DISHONESTY_RECORD',
      ],
      [tehuiUser, 'POOL_NOT_COMBINABLE'],
    ];
    for (const [session, code] of cases) {
      const res = await session.post(`/pools/${PROGRAM}/applications`).expect(422);
      expect(res.body.code).toBe(code);
    }
    expect(await poolCounters()).toEqual(before);
  });

  it('review in receipt order: approval issues a 10,000.00 voucher; a refusal passes the slot to the earliest waiting', async () => {
    const queue = await reviewer.get(`/pools/${PROGRAM}/applications?status=holding&pageSize=3`).expect(200);
    expect(queue.body.total).toBe(300);
    const [a, b] = queue.body.items as { id: string; enterpriseId: string; receiptNo: string }[];
    expect(BigInt(a.receiptNo) < BigInt(b.receiptNo)).toBe(true);
    const tokenOf = (enterpriseId: string) => unitTokens.find((u) => u.enterpriseId === enterpriseId)!.token;

    // Approving before the unit's materials are in is refused with what is missing.
    const early = await reviewer
      .post(`/pool-applications/${a.id}/decision`, { decision: 'approve' })
      .expect(422);
    expect(early.body.code).toBe('POOL_MATERIALS_MISSING');
    expect(early.body.message).toContain('申领表');
    // A file of the wrong type is refused like the other applications' materials.
    await as(tokenOf(a.enterpriseId))
      .post(`/pool-applications/${a.id}/materials`)
      .field('code', 'puhui-form')
      .attach('file', Buffer.from('hello'), { filename: 'a.txt', contentType: 'text/plain' })
      .expect(422);
    await uploadAll(
      (url) => as(tokenOf(a.enterpriseId)).post(url),
      `/pool-applications/${a.id}/materials`,
      materialCodes(CHENGDU_PUHUI, 'applicant', 'application'),
    );
    const approved = await reviewer
      .post(`/pool-applications/${a.id}/decision`, { decision: 'approve' })
      .expect(200);
    expect(approved.body.outcome.status).toBe('issued');
    await recordHistory(`pool-application:${a.id}`, 'chengdu-puhui-application-issued');
    expect(approved.body.application.voucher).toMatchObject({
      faceValue: '10000.00',
      remaining: '10000.00',
      validYear: 2025,
      issuedOn: '2025-03-03',
      status: 'active',
    });
    // A decided application takes no second decision.
    await reviewer
      .post(`/pool-applications/${a.id}/decision`, { decision: 'refuse', reason: 'x' })
      .expect(409);

    // A refusal needs a reason; with one, the slot passes to the first in line.
    const state = await reviewer.get(`/pools/${PROGRAM}`).expect(200);
    const firstWaiting = state.body.waitlist[0] as { applicationId: string; receiptNo: string };
    await reviewer.post(`/pool-applications/${b.id}/decision`, { decision: 'refuse' }).expect(422);
    const refusedRes = await reviewer
      .post(`/pool-applications/${b.id}/decision`, { decision: 'refuse', reason: '申领表未加盖公章' })
      .expect(200);
    expect(refusedRes.body.outcome).toEqual({ status: 'refused', promotedId: firstWaiting.applicationId });
    expect(refusedRes.body.application).toMatchObject({
      status: 'refused',
      refusalCode: 'POOL_REVIEW_REFUSED',
      refusalReason: '申领表未加盖公章',
    });
    const promoted = await reviewer.get(`/pool-applications/${firstWaiting.applicationId}`).expect(200);
    expect(promoted.body).toMatchObject({
      status: 'holding',
      receiptNo: firstWaiting.receiptNo,
      waitlistPosition: null,
    });
    const after = await reviewer.get(`/pools/${PROGRAM}`).expect(200);
    expect(after.body).toMatchObject({ held: 300, issued: 1, slotsLeft: 0, waiting: 699, refused: 1 });
    expect(after.body.waitlist[0].position).toBe(1);
    expect(after.body.waitlist[0].receiptNo).not.toBe(firstWaiting.receiptNo);
    expect(await poolCounters()).toEqual({ slots: 300, held: 300, issued: 1, received: N });

    // Who heard what: the refused unit, and the promoted one (its own review workflow now runs).
    await eventually(async () => (await inbox(b.enterpriseId)).includes('pool.refused'), 'refusal notified');
    await eventually(
      async () => (await inbox(promoted.body.enterprise.id)).includes('pool.promoted'),
      'promotion notified',
    );
    await eventually(async () => {
      const rows: unknown[] = await db.query(
        `SELECT 1 FROM notifications n JOIN users u ON u.id = n.recipient_user_id
          WHERE u.enterprise_id = $1 AND n.kind = 'pool.issued'`,
        [a.enterpriseId],
      );
      return rows.length === 1;
    }, 'issuance notified');

    // The promoted application is reviewed like any holder and issued.
    const promotedToken = tokenOf(promoted.body.enterprise.id);
    await uploadAll(
      (url) => as(promotedToken).post(url),
      `/pool-applications/${firstWaiting.applicationId}/materials`,
      materialCodes(CHENGDU_PUHUI, 'applicant', 'application'),
    );
    await eventually(
      async () =>
        (
          await reviewer.post(`/pool-applications/${firstWaiting.applicationId}/decision`, {
            decision: 'approve',
          })
        ).status === 200,
      'the promoted application to be approved',
    );
    const vouchers = await as(promotedToken).get('/pool-vouchers').expect(200);
    expect(vouchers.body).toHaveLength(1);
    expect(vouchers.body[0]).toMatchObject({ faceValue: '10000.00', validYear: 2025 });
    expect(await poolCounters()).toEqual({ slots: 300, held: 300, issued: 2, received: N });
  });

  it('deducts at a listed supplier: 50% of the payment binds, then the remaining face value; the supplier redeems and is paid', async () => {
    const [voucher] = await db.query(
      `SELECT v.voucher_no, v.enterprise_id FROM pool_vouchers v ORDER BY v.voucher_no LIMIT 1`,
    );
    // 8,000.00 paid: half is 4,000.00, less than the 10,000.00 left → 4,000.00.
    const first = await supplier
      .post('/pool-deductions', {
        voucherNo: voucher.voucher_no,
        paymentAmount: '8000.00',
        paymentReference: 'PAY-1',
      })
      .expect(201);
    expect(first.body).toMatchObject({
      paymentAmount: '8000.00',
      amount: '4000.00',
      shareLimit: '4000.00',
      limitedBy: 'share-of-payment',
      voucherRemaining: '6000.00',
      paidOn: '2025-03-03',
    });
    // The same payment sent again is the same deduction, not a second one.
    const replay = await supplier
      .post('/pool-deductions', {
        voucherNo: voucher.voucher_no,
        paymentAmount: '8000.00',
        paymentReference: 'PAY-1',
      })
      .expect(201);
    expect(replay.body.id).toBe(first.body.id);
    await supplier
      .post('/pool-deductions', {
        voucherNo: voucher.voucher_no,
        paymentAmount: '9000.00',
        paymentReference: 'PAY-1',
      })
      .expect(409);
    // 30,000.01 paid: half is 15,000.00 (truncated to the fen), but only 6,000.00 is left → 6,000.00.
    const second = await supplier
      .post('/pool-deductions', {
        voucherNo: voucher.voucher_no,
        paymentAmount: '30000.01',
        paymentReference: 'PAY-2',
      })
      .expect(201);
    expect(second.body).toMatchObject({
      amount: '6000.00',
      shareLimit: '15000.00',
      limitedBy: 'remaining-face-value',
      voucherRemaining: '0.00',
    });
    const exhausted = await supplier
      .post('/pool-deductions', {
        voucherNo: voucher.voucher_no,
        paymentAmount: '100.00',
        paymentReference: 'PAY-3',
      })
      .expect(422);
    expect(exhausted.body.code).toBe('VOUCHER_BALANCE_EXHAUSTED');
    // A supplier not on Chengdu's list in force that day cannot take the voucher.
    const baidu = await user('puhui-baidu@e2e.example.cn', 'supplier', {
      supplierId: (await db.query(`SELECT id FROM suppliers WHERE code = 'baidu'`))[0].id,
    });
    const unlisted = await baidu
      .post('/pool-deductions', {
        voucherNo: voucher.voucher_no,
        paymentAmount: '100.00',
        paymentReference: 'BD-1',
      })
      .expect(422);
    expect(unlisted.body.code).toBe('DEDUCTION_SUPPLIER_NOT_LISTED');
    const bad = await supplier.post('/pool-deductions', {
      voucherNo: voucher.voucher_no,
      paymentAmount: '12.345',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'paymentAmount',
      'paymentReference',
    ]);

    // The supplier redeems the 4,000.00 deduction with its materials; the bureau verifies; the bank pays.
    const opened = await supplier.post(`/pool-deductions/${first.body.id}/redemption`).expect(201);
    const redemptionId = opened.body.id as string;
    expect(opened.body).toMatchObject({ status: 'draft', amount: '4000.00' });
    const again = await supplier.post(`/pool-deductions/${first.body.id}/redemption`).expect(201);
    expect(again.body.id).toBe(redemptionId);
    const codes = materialCodes(CHENGDU_PUHUI, 'supplier', 'redemption');
    await uploadAll(
      (url) => supplier.post(url),
      `/pool-redemptions/${redemptionId}/materials`,
      codes.slice(0, -1),
    );
    const incomplete = await supplier.post(`/pool-redemptions/${redemptionId}/submit`).expect(422);
    expect(incomplete.body.code).toBe('POOL_MATERIALS_MISSING');
    await uploadAll(
      (url) => supplier.post(url),
      `/pool-redemptions/${redemptionId}/materials`,
      codes.slice(-1),
    );
    const submitted = await supplier.post(`/pool-redemptions/${redemptionId}/submit`).expect(200);
    expect(submitted.body.status).toBe('submitted');
    // Finance and a reviewer approve at the same moment: one verdict is taken, the other is a 409.
    const verdicts = await Promise.all(
      [finance, reviewer].map((who) =>
        who.post(`/pool-redemptions/${redemptionId}/decision`, { decision: 'approve' }),
      ),
    );
    expect(verdicts.map((v) => v.status).sort()).toEqual([200, 409]);
    expect(verdicts.find((v) => v.status === 200)!.body.outcome.status).toBe('approved');
    await finance.post(`/pool-redemptions/${redemptionId}/decision`, { decision: 'approve' }).expect(409);

    const paid = await eventually(async () => {
      const res = await supplier.get(`/pool-redemptions/${redemptionId}`).expect(200);
      return res.body.status === 'paid' ? res.body : undefined;
    }, 'the redemption to be paid');
    expect(paid.amount).toBe('4000.00');
    // Replay fixture (RECORD_HISTORIES=1): a supplier's redemption verified and paid.
    await recordHistory(`pool-redemption:${redemptionId}`, 'chengdu-puhui-redemption-paid');
    const transfers: { payee_kind: string; payee_id: string; amount: string }[] = await db.query(
      `SELECT t.payee_kind, t.payee_id, t.amount::text AS amount FROM simulated_bank_transfers t
         JOIN direct_payments d ON d.idempotency_key = t.idempotency_key
        WHERE d.kind = 'supplier_redemption' AND d.source_id = $1`,
      [redemptionId],
    );
    expect(transfers).toEqual([{ payee_kind: 'supplier', payee_id: supplierId, amount: '4000.00' }]);
    const shareTotal = Money.sum(
      (paid.fundingShares as { amount: string }[]).map((s) => Money.parse(s.amount)),
    );
    expect(paid.fundingShares).toEqual([{ funderCode: 'chengdu-municipal', amount: '4000.00' }]);
    expect(shareTotal.toString()).toBe('4000.00');
    // Paid once: one direct payment for the redemption, and the deduction cannot be redeemed again.
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM direct_payments WHERE kind = 'supplier_redemption' AND source_id = $1`,
      [redemptionId],
    );
    expect(n).toBe(1);
    const reopened = await supplier.post(`/pool-deductions/${first.body.id}/redemption`).expect(201);
    expect(reopened.body).toMatchObject({ id: redemptionId, status: 'paid' });
    await eventually(async () => {
      const rows: unknown[] = await db.query(
        `SELECT 1 FROM notifications n JOIN users u ON u.id = n.recipient_user_id
          WHERE u.supplier_id = $1 AND n.kind = 'pool.redemption_paid'`,
        [supplierId],
      );
      return rows.length === 1;
    }, 'the supplier to hear it was paid');
    const audit: { action: string }[] = await db.query(
      `SELECT action FROM audit_log WHERE entity_type = 'pool_redemption' AND entity_id = $1 ORDER BY id`,
      [redemptionId],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'pool.redemption_opened',
      ...Array(codes.length).fill('pool.redemption_material_uploaded'),
      'pool.redemption_submitted',
      'pool.redemption_approved',
      'pool.redemption_paid',
    ]);
  });

  it('simultaneous deductions on one voucher never take more than its face value', async () => {
    // One more holder is approved: a fresh 10,000.00 voucher.
    const queue = await reviewer.get(`/pools/${PROGRAM}/applications?status=holding&pageSize=1`).expect(200);
    const c = queue.body.items[0] as { id: string; enterpriseId: string };
    const token = unitTokens.find((u) => u.enterpriseId === c.enterpriseId)!.token;
    await uploadAll(
      (url) => as(token).post(url),
      `/pool-applications/${c.id}/materials`,
      materialCodes(CHENGDU_PUHUI, 'applicant', 'application'),
    );
    const approved = await reviewer
      .post(`/pool-applications/${c.id}/decision`, { decision: 'approve' })
      .expect(200);
    const voucherNo = approved.body.application.voucher.voucherNo as string;
    // Five payments of 8,000.00 at once: each would take 4,000.00; the voucher holds 10,000.00.
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        supplier.post('/pool-deductions', {
          voucherNo,
          paymentAmount: '8000.00',
          paymentReference: `RACE-${i}`,
        }),
      ),
    );
    const taken = results.filter((r) => r.status === 201).map((r) => r.body.amount as string);
    expect(taken.sort()).toEqual(['2000.00', '4000.00', '4000.00']);
    for (const r of results.filter((x) => x.status !== 201)) {
      expect([r.status, r.body.code]).toEqual([422, 'VOUCHER_BALANCE_EXHAUSTED']);
    }
    const [v] = await db.query(
      `SELECT deducted::text AS deducted, status, (SELECT sum(amount)::text FROM pool_deductions d WHERE d.voucher_id = v.id) AS total
         FROM pool_vouchers v WHERE voucher_no = $1`,
      [voucherNo],
    );
    expect(v).toEqual({ deducted: '10000.00', status: 'exhausted', total: '10000.00' });
  });

  it('a 2025 voucher presented in 2026 is refused, and nothing is deducted', async () => {
    const [voucher] = await db.query(
      `SELECT voucher_no, enterprise_id, deducted::text AS deducted FROM pool_vouchers WHERE status = 'active' ORDER BY voucher_no LIMIT 1`,
    );
    expect(voucher.deducted).toBe('0.00');
    await admin.put('/admin/clock', { businessDate: '2026-01-05' }).expect(200);
    const res = await supplier
      .post('/pool-deductions', {
        voucherNo: voucher.voucher_no,
        paymentAmount: '2000.00',
        paymentReference: 'PAY-2026',
      })
      .expect(422);
    expect(res.body.code).toBe('VOUCHER_NOT_VALID_THIS_YEAR');
    expect(res.body.message).toContain('当年领取当年有效');
    const [after] = await db.query(
      `SELECT deducted::text AS deducted FROM pool_vouchers WHERE voucher_no = $1`,
      [voucher.voucher_no],
    );
    expect(after.deducted).toBe('0.00');
    // The unit sees it as expired.
    const owner = unitTokens.find((u) => u.enterpriseId === voucher.enterprise_id)!;
    const mine = await as(owner.token).get('/pool-vouchers').expect(200);
    expect(mine.body).toEqual([
      expect.objectContaining({
        voucherNo: voucher.voucher_no,
        validYear: 2025,
        status: 'expired',
        remaining: '10000.00',
      }),
    ]);
    // The 2026 pool is a new year: 300 fresh slots, and last year's applicants may apply again.
    const again = await as(unitTokens[0].token).post(`/pools/${PROGRAM}/applications`).expect(201);
    expect(again.body).toMatchObject({ year: 2026, status: 'holding' });
  });
});
