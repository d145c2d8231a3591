import { eligibleEnterprise } from '@app/domain';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { ApiSession } from '../support/http';
import { eventually } from '../support/wait';
import { startE2eStack, type E2eStack } from '../support/e2e-stack';

/**
 * A rehearsed 2025 on the real stack: the bureau publishes a version of the Beijing program with a
 * 3,000,000.00 pool from 2025-01-01; vouchers of 400,000.00 (03-01), 300,000.00 (04-15) and 200,000.00
 * (05-20) are issued, 100,000.00 is under review and a claim is pending. On 2025-05-30 the 90-day burn
 * window (03-02 … 05-30) holds 500,000.00, what is left after the pipeline is 2,000,000.00, so the pool
 * runs out after ⌈2,000,000.00 × 90 ÷ 500,000.00⌉ = 360 days: on 2026-05-25. Then, signed out: the
 * published list of the year's vouchers (a withdrawn one taken off) as a page and a CSV, and the bank's
 * verification — unknown numbers refused, a valid one answered with its balance and nothing else,
 * rate limited and audited.
 */
describe('budget forecast and published lists (real worker, Temporal, PostgreSQL)', () => {
  let stack: E2eStack;
  let db: DataSource;
  let admin: ApiSession;
  let suppliers: Map<string, { id: string }>;
  const vouchers: Record<string, string> = {};
  const creditCodes: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startE2eStack('fc', { SECOND_APPROVAL_THRESHOLD: '5000000.00' });
    ({ db, admin, suppliers } = stack);
  });

  afterAll(async () => {
    await stack?.close();
  });

  const setDate = (businessDate: string) => stack.setDate(businessDate);
  const anonymous = () => request(stack.app.getHttpServer());
  const user = (email: string, role: string, owner: { enterpriseId?: string; supplierId?: string } = {}) =>
    stack.user(email, role, owner);

  let seq = 0;
  async function enterprise(name: string) {
    seq += 1;
    const creditCode = `91110105MA${String(seq).padStart(8, '0')}`;
    const res = await admin.post('/admin/enterprises', {
      name,
      creditCode,
      ...eligibleEnterprise(),
      contactEmail: `fc${seq}@example.cn`,
    });
    expect(res.status).toBe(201);
    creditCodes[name] = creditCode;
    const session = await user(`fc-user${seq}@example.cn`, 'enterprise', { enterpriseId: res.body.id });
    return { id: res.body.id as string, name, session };
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

  let n = 0;
  async function apply(e: { session: ApiSession }, signedOn: string, amount: string) {
    n += 1;
    const res = await e.session.post('/applications', {
      supplierId: suppliers.get('baidu')!.id,
      contractNumber: `FC-${n}`,
      signedOn,
      startDate: signedOn,
      endDate: '2025-12-31',
      applicationDomain: 'finance',
      lines: [{ serviceKind: 'intelligent_compute', amount }],
    });
    expect(res.status).toBe(201);
    return settled(e.session, res.body.id, ['in_review']);
  }

  it('forecasts the run-out date of the pool from the pipeline and the burn rate', async () => {
    const reviewer = await user('reviewer@fc.example.cn', 'reviewer');
    const finance = await user('finance@fc.example.cn', 'finance');
    const supplier = await user('settle@fc.example.cn', 'supplier', {
      supplierId: suppliers.get('baidu')!.id,
    });

    // The bureau publishes a version with a plan pool of 3,000,000.00 from 2025-01-01.
    const [v1] = (await admin.get('/admin/programs/beijing-ai-compute-2023/versions').expect(200)).body;
    const added = await admin.post('/admin/programs/beijing-ai-compute-2023/versions', {
      effectiveFrom: '2025-01-01',
      definition: { ...v1.definition, budgetPoolTotal: '3000000.00' },
      sourceDocument: '京经信发〔2025〕1号',
      note: '设立资金池',
    });
    expect(added.status).toBe(201);

    const [e1, e2, e3] = [
      await enterprise('北京甲算科技有限公司'),
      await enterprise('北京乙算科技有限公司'),
      await enterprise('北京丙算科技有限公司'),
    ];
    for (const [e, date, amount, face] of [
      [e1, '2025-03-01', '2000000.00', '400000.00'],
      [e2, '2025-04-15', '1500000.00', '300000.00'],
      [e3, '2025-05-20', '1000000.00', '200000.00'],
    ] as const) {
      await setDate(date);
      const a = await apply(e, date, amount);
      await approve(reviewer, a.id);
      const issued = await settled(e.session, a.id, ['issued']);
      expect(issued.voucher).toMatchObject({ faceValue: face, issuedOn: date });
      vouchers[e.name] = issued.voucher.id;
      if (e === e2) {
        // A delivered part claimed, not yet paid: 20% of 300,000.00.
        const s = await supplier.post(`/supplier/contracts/${issued.contract.id}/settlements`, {
          periodStart: date,
          periodEnd: date,
          amount: '300000.00',
          invoiceNumber: 'FC-INV-1',
          invoiceDate: date,
        });
        expect(s.status).toBe(201);
        await e.session
          .post('/claims', {
            settlementId: s.body.id,
            invoiceNumber: 'FC-INV-1',
            invoicedAmount: '300000.00',
          })
          .expect(201);
      }
    }
    // Under review at the end of May: 20% of 500,000.00 quoted.
    await setDate('2025-05-25');
    const pending = await apply(e1, '2025-05-25', '500000.00');
    expect(pending.computation.quotedFaceValue).toBe('100000.00');

    await setDate('2025-05-30');
    await reviewer.get('/forecast/beijing-ai-compute-2023').expect(403);
    const res = await finance.get('/forecast/beijing-ai-compute-2023').expect(200);
    expect(res.body).toMatchObject({
      programCode: 'beijing-ai-compute-2023',
      version: 2,
      asOf: '2025-05-30',
      period: { basis: 'total', from: '2023-09-01', to: '2025-12-31' },
      budget: '3000000.00',
      committed: '900000.00',
      issued: '900000.00',
      redeemed: '0.00',
      outstanding: '900000.00',
      pipeline: {
        underReview: { applications: 1, unquoted: 0, amount: '100000.00' },
        claimsPending: { claims: 1, amount: '60000.00' },
        total: '100000.00',
      },
      burn: {
        windowFrom: '2025-03-02',
        windowTo: '2025-05-30',
        windowDays: 90,
        committedInWindow: '500000.00',
        perDay: '5555.55',
      },
      remaining: '2100000.00',
      remainingAfterPipeline: '2000000.00',
      daysLeft: 360,
      runOutOn: '2026-05-25',
      exhausted: false,
      // The plan ends 2025-12-31: at this pace the pool outlives it.
      runsOutBeforePeriodEnd: false,
      series: [
        { month: '2025-03', committed: '400000.00', cumulative: '400000.00' },
        { month: '2025-04', committed: '300000.00', cumulative: '700000.00' },
        { month: '2025-05', committed: '200000.00', cumulative: '900000.00' },
      ],
      byFunder: [
        expect.objectContaining({
          funderCode: 'beijing-municipal',
          issued: '900000.00',
          redeemed: '0.00',
          outstanding: '900000.00',
          pipeline: '100000.00',
          remaining: '2100000.00',
        }),
      ],
    });
    const all = await admin.get('/forecast').expect(200);
    expect(all.body.items.map((i: { programCode: string }) => i.programCode)).toContain('henan-compute');
  });

  it('publishes the year’s recipients signed out, and verifies a voucher for a bank without exposing anything else', async () => {
    // A voucher withdrawn (e.g. after a finding) is taken off the list.
    await admin
      .post(`/admin/vouchers/${vouchers['北京丙算科技有限公司']}/withdraw`, {
        reason: '核查中 / under review',
      })
      .expect(200);
    await eventually(async () => {
      const [v] = await db.query(`SELECT status FROM vouchers WHERE id = $1`, [
        vouchers['北京丙算科技有限公司'],
      ]);
      return v.status === 'withdrawn' ? v : undefined;
    }, 'the withdrawal');

    const index = await anonymous().get('/public/recipients').expect(200);
    expect(index.body.items).toEqual([
      expect.objectContaining({ programCode: 'beijing-ai-compute-2023', years: [2025] }),
    ]);
    const list = await anonymous().get('/public/recipients/beijing-ai-compute-2023/2025').expect(200);
    expect(list.body).toMatchObject({
      programCode: 'beijing-ai-compute-2023',
      year: 2025,
      vouchers: [
        { recipient: '北京甲算科技有限公司', amount: '400000.00', date: '2025-03-01' },
        { recipient: '北京乙算科技有限公司', amount: '300000.00', date: '2025-04-15' },
      ],
      grants: [],
      totals: { vouchers: 2, faceValue: '700000.00', grants: 0, paid: '0.00' },
    });
    // Only what a bureau publishes: no ids, credit codes, contracts.
    const text = JSON.stringify(list.body);
    for (const code of Object.values(creditCodes)) expect(text).not.toContain(code);
    for (const id of Object.values(vouchers)) expect(text).not.toContain(id);
    await anonymous().get('/public/recipients/no-such-program/2025').expect(404);
    const csv = await anonymous().get('/public/recipients/beijing-ai-compute-2023/2025/download').expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\r\n')).toEqual([
      '\uFEFF类别 kind,名称 recipient,金额 amount,日期 date',
      '算力券 voucher,北京甲算科技有限公司,400000.00,2025-03-01',
      '算力券 voucher,北京乙算科技有限公司,300000.00,2025-04-15',
      '',
    ]);

    // Verification: bad input 400, unknown numbers 404, a valid one its balance and nothing else.
    const verify = (body: object) => anonymous().post('/public/voucher-verifications').send(body);
    const auditCount = async () =>
      (await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'voucher.verification'`))[0]
        .n as number;
    expect((await verify({ voucherNumber: 'x' })).status).toBe(400);
    const unknown = await verify({ voucherNumber: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'VOUCHER_NOT_FOUND', genuine: false });
    expect((await verify({ voucherNumber: 'PH-2025-NOPE-000001' })).status).toBe(404);
    const valid = await verify({ voucherNumber: vouchers['北京乙算科技有限公司'] });
    expect(valid.status).toBe(200);
    expect(valid.body).toEqual({
      genuine: true,
      voucherNumber: vouchers['北京乙算科技有限公司'],
      programCode: 'beijing-ai-compute-2023',
      programName: expect.objectContaining({ zh: '人工智能算力券实施方案(2023—2025年)' }),
      authority: expect.objectContaining({ zh: '北京市经济和信息化局' }),
      status: 'active',
      faceValue: '300000.00',
      balance: '300000.00',
      validUntil: '2026-03-31',
    });
    const matches = await verify({
      voucherNumber: vouchers['北京乙算科技有限公司'],
      creditCode: creditCodes['北京乙算科技有限公司'],
    });
    expect(matches.body.holderMatches).toBe(true);
    const other = await verify({
      voucherNumber: vouchers['北京乙算科技有限公司'],
      creditCode: creditCodes['北京甲算科技有限公司'],
    });
    expect(other.body.holderMatches).toBe(false);
    expect(JSON.stringify(other.body)).not.toContain('北京乙算');
    const withdrawn = await verify({ voucherNumber: vouchers['北京丙算科技有限公司'] });
    expect(withdrawn.body).toMatchObject({ genuine: true, status: 'withdrawn', balance: '0.00' });
    // Every call that reached the handler is audited, the number as a hash.
    expect(await auditCount()).toBe(6);
    const [last] = await db.query(
      `SELECT actor, entity_type, entity_id, after FROM audit_log WHERE action = 'voucher.verification' ORDER BY id DESC LIMIT 1`,
    );
    expect(last).toMatchObject({ entity_type: 'voucher', entity_id: vouchers['北京丙算科技有限公司'] });
    expect(last.actor).toMatch(/^public:/);
    expect(JSON.stringify(last.after)).not.toContain(vouchers['北京丙算科技有限公司']);

    // Rate limited: 20 calls a minute per address (7 used so far); the 21st is refused with 429.
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++)
      statuses.push((await verify({ voucherNumber: vouchers['北京甲算科技有限公司'] })).status);
    expect(statuses.slice(0, 13).every((s) => s === 200)).toBe(true);
    expect(statuses[13]).toBe(429);
    const limited = await verify({ voucherNumber: vouchers['北京甲算科技有限公司'] });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    const [{ n: limitedRows }] = await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'voucher.verification_rate_limited'`,
    );
    expect(limitedRows).toBe(1);
    expect(await auditCount()).toBe(6 + 13);
  });
});
