import type { DataSource } from 'typeorm';
import type { ApiSession } from '../support/http';
import { eventually } from '../support/wait';
import { startE2eStack, type E2eStack } from '../support/e2e-stack';
import { recordHistory } from '../support/histories';

/**
 * Programs as versioned data and Henan's pool, through the HTTP API on the real worker, Temporal dev
 * server and PostgreSQL: an admin lists and adds program versions (refused field by field when wrong) and
 * publishes a supplier list that later applications are judged against; Henan's 20% vouchers stop at the
 * 1,000,000.00 cumulative cap, and a run pays in contract-signing order until the pool is used up, each
 * payout split 1:1 between province and city to the fen.
 */
describe('programs as versioned data and the Henan pool (real worker, Temporal, PostgreSQL)', () => {
  let stack: E2eStack;
  let db: DataSource;
  let admin: ApiSession;
  let suppliers: Map<string, { id: string }>;

  beforeAll(async () => {
    // Henan's vouchers here stay below the threshold: one review each.
    stack = await startE2eStack('henan', { SECOND_APPROVAL_THRESHOLD: '5000000.00' });
    ({ db, admin, suppliers } = stack);
  });

  afterAll(async () => {
    await stack?.close();
  });

  const setDate = (businessDate: string) => stack.setDate(businessDate);
  const user = (email: string, role: string, owner: { enterpriseId?: string; supplierId?: string } = {}) =>
    stack.user(email, role, owner);

  const enterprise = (region: string) => stack.enterprise(region, 'HEN');
  const settled = (session: ApiSession, id: string, statuses: string[]) =>
    stack.applicationIn(session, id, statuses);
  const approve = (reviewer: ApiSession, applicationId: string) =>
    stack.approveReview(reviewer, applicationId);

  it('lists, validates and adds program versions; a published supplier list decides later applications', async () => {
    const listed = await admin.get('/admin/programs/henan-compute/versions').expect(200);
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0]).toMatchObject({
      version: 1,
      effectiveFrom: '2024-01-01',
      definition: { code: 'henan-compute', rate: '0.20', perEnterpriseCumulativeCap: '1000000.00' },
    });
    const v1 = listed.body[0].definition;

    // A broken definition is refused field by field and changes nothing.
    const bad = await admin.post('/admin/programs/henan-compute/versions', {
      effectiveFrom: '2025-07-01',
      definition: {
        ...v1,
        rate: '1.20',
        budgetPoolTotal: 'lots',
        fundingShares: [
          { funderCode: 'henan-province', funder: { zh: '省级', en: 'Province' }, share: '0.6' },
          { funderCode: 'henan-city', funder: { zh: '市级', en: 'City' }, share: '0.6' },
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['definition.rate', 'definition.budgetPoolTotal']),
    );
    const wrongCode = await admin.post('/admin/programs/henan-compute/versions', {
      effectiveFrom: '2025-07-01',
      definition: { ...v1, code: 'beijing-ai-compute-2023' },
    });
    expect(wrongCode.status).toBe(400);
    expect(wrongCode.body.errors).toEqual([
      {
        field: 'definition.code',
        messages: ['must stay henan-compute'],
        localized: { zh: '项目代码不能修改', en: 'must stay henan-compute' },
      },
    ]);
    const unknownField = await admin.post('/admin/programs/henan-compute/versions', {
      effectiveFrom: '2025-07-01',
      definition: v1,
      approvedBy: 'me',
    });
    expect(unknownField.status).toBe(400);
    expect((await admin.get('/admin/programs/henan-compute/versions').expect(200)).body).toHaveLength(1);

    // A revised notice: the same rules from 2026-01-01 with a corrected source document.
    const added = await admin.post('/admin/programs/henan-compute/versions', {
      effectiveFrom: '2026-01-01',
      definition: { ...v1, sources: ['seeds/003', 'revised notice'] },
      sourceDocument: '豫发改〔2026〕1号',
      note: '延续执行',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ version: 2, effectiveFrom: '2026-01-01' });
    const earlier = await admin.post('/admin/programs/henan-compute/versions', {
      effectiveFrom: '2025-12-31',
      definition: v1,
    });
    expect(earlier.status).toBe(400);
    expect(earlier.body.errors[0].field).toBe('effectiveFrom');
    const audit = await db.query(
      `SELECT actor, after FROM audit_log WHERE action = 'program.version_added' AND entity_id = 'henan-compute'`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ version: 2, sourceDocument: '豫发改〔2026〕1号' });
    // Versions are immutable in the database itself.
    await expect(
      db.query(`UPDATE program_versions SET note = 'x' WHERE program_code = 'henan-compute'`),
    ).rejects.toThrow(/immutable/);

    // Beijing's list from 2025-06-01 drops Baidu: an application submitted after that date is refused.
    const list = await admin.post('/admin/programs/beijing-ai-compute-2023/supplier-lists', {
      effectiveFrom: '2025-06-01',
      supplierCodes: ['alibaba-cloud', 'kingsoft-cloud'],
      note: '2025年下半年算力伙伴名单',
    });
    expect(list.status).toBe(201);
    const unknownSupplier = await admin.post('/admin/programs/beijing-ai-compute-2023/supplier-lists', {
      effectiveFrom: '2025-12-01',
      supplierCodes: ['nobody'],
    });
    expect(unknownSupplier.status).toBe(400);
    expect(unknownSupplier.body.errors[0]).toMatchObject({ field: 'supplierCodes' });

    const reviewer = await user('reviewer@henan.example.cn', 'reviewer');
    const bj = await enterprise('beijing');
    const apply = (number: string) =>
      bj.session.post('/applications', {
        supplierId: suppliers.get('baidu')!.id,
        contractNumber: number,
        signedOn: '2025-05-20',
        startDate: '2025-06-01',
        endDate: '2026-05-31',
        applicationDomain: 'medical',
        lines: [{ serviceKind: 'intelligent_compute', amount: '100000.00' }],
      });
    await setDate('2025-05-30');
    const before = await apply('BJ-LIST-1');
    expect(before.status).toBe(201);
    expect(before.body.programVersion).toBe(1);
    const beforeDone = await settled(bj.session, before.body.id, ['in_review']);
    expect(beforeDone.checks.find((c: { rule: string }) => c.rule === 'supplier.partner').passed).toBe(true);
    await approve(reviewer, before.body.id);
    await settled(bj.session, before.body.id, ['issued']);
    await setDate('2025-06-02');
    const after = await apply('BJ-LIST-2');
    expect(after.status).toBe(201);
    const refused = await settled(bj.session, after.body.id, ['refused']);
    expect(refused.refusalCode).toBe('SUPPLIER_NOT_PARTNER');
  });

  it('Henan: 20% vouchers up to the cumulative cap; a run pays in signing order until the pool is used up, 1:1', async () => {
    await setDate('2025-04-10');
    const reviewer = await user('reviewer2@henan.example.cn', 'reviewer');
    const finance = await user('finance@henan.example.cn', 'finance');
    // The one who starts a run by hand does not approve it (ADR 0045).
    const approver = await user('finance2@henan.example.cn', 'finance');
    // Henan's program lists no partner suppliers: any non-affiliated supplier counts.
    const supplier = await user('settle@henan.example.cn', 'supplier', {
      supplierId: suppliers.get('cd-ai-computing')!.id,
    });

    const [e1, e2, e3, e4] = [
      await enterprise('henan'),
      await enterprise('henan'),
      await enterprise('henan'),
      await enterprise('henan-zhengzhou'),
    ];
    let n = 0;
    async function voucher(
      e: { session: ApiSession },
      signedOn: string,
      amount: string,
      expected: string | null,
    ) {
      n += 1;
      const res = await e.session.post('/applications', {
        programCode: 'henan-compute',
        supplierId: suppliers.get('cd-ai-computing')!.id,
        contractNumber: `HA-${n}`,
        signedOn,
        startDate: signedOn,
        endDate: '2025-03-31',
        applicationDomain: 'other',
        lines: [{ serviceKind: 'intelligent_compute', amount }],
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ programCode: 'henan-compute', programVersion: 1 });
      if (expected === null) return settled(e.session, res.body.id, ['refused']);
      await settled(e.session, res.body.id, ['in_review']);
      await approve(reviewer, res.body.id);
      const done = await settled(e.session, res.body.id, ['issued']);
      expect(done.voucher.faceValue).toBe(expected);
      return done;
    }

    // Contracts signed in a different order from the applications.
    const a1 = await voucher(e1, '2024-06-01', '3333333.38', '666666.67'); // 20%, truncated to the fen
    const a2 = await voucher(e2, '2024-09-01', '2500000.05', '500000.01');
    const a3 = await voucher(e3, '2024-03-01', '3000000.00', '600000.00');
    const a4 = await voucher(e4, '2025-01-15', '1000000.00', '200000.00');
    // The cumulative cap: 1,000,000.00 per user over the plan, not per year.
    await voucher(e1, '2024-07-01', '2000000.00', '333333.33');
    const capped = await voucher(e1, '2024-08-01', '500000.00', null);
    expect(capped.refusalCode).toBe('CUMULATIVE_CAP_EXHAUSTED');
    const ledger = await db.query(
      `SELECT issued::text FROM cumulative_cap_ledger WHERE program_code = 'henan-compute' AND enterprise_id = $1`,
      [e1.id],
    );
    expect(ledger[0].issued).toBe('1000000.00');

    // Each supplier confirms the whole contract as delivered; each user claims it.
    await setDate('2025-05-06');
    for (const [e, a, amount] of [
      [e1, a1, '3333333.38'],
      [e2, a2, '2500000.05'],
      [e3, a3, '3000000.00'],
      [e4, a4, '1000000.00'],
    ] as const) {
      const s = await supplier.post(`/supplier/contracts/${a.contract.id}/settlements`, {
        periodStart: a.contract.startDate,
        periodEnd: '2025-03-31',
        amount,
        invoiceNumber: `HA-INV-${a.contract.contractNumber}`,
        invoiceDate: '2025-04-30',
      });
      expect(s.status).toBe(201);
      const c = await e.session.post('/claims', {
        settlementId: s.body.id,
        invoiceNumber: s.body.invoiceNumber,
        invoicedAmount: amount,
      });
      expect(c.status).toBe(201);
      expect(c.body.run).toEqual(expect.objectContaining({ year: 2025, quarter: 2 }));
    }

    // Earlier quarters have used 48,500,000.00 of the 50,000,000.00 pool: 1,500,000.00 is left.
    await db.query(
      `INSERT INTO budget_pools (program_code, period, budget, committed) VALUES ('henan-compute', 'total', 50000000.00, 48500000.00)`,
    );
    await setDate('2025-06-30');
    const started = await finance.post('/redemption-runs', {
      programCode: 'henan-compute',
      year: 2025,
      quarter: 2,
    });
    expect(started.status).toBe(201);
    const run = await eventually(async () => {
      const r = await finance.get(`/redemption-runs/${started.body.id}`).expect(200);
      return r.body.status === 'awaiting_approval' ? r.body : undefined;
    }, 'the Henan run to await approval');
    // Signing order: e3 (2024-03-01) 600,000.00, e1 (06-01) 666,666.67, then e2 (09-01) gets the 233,333.33
    // left, e4 (2025-01-15) nothing.
    expect(run).toMatchObject({ claimCount: 4, totalPayout: '1500000.00' });
    expect(run.report.preview).toMatchObject({
      limitedByPoolCount: 2,
      // The odd fen of each 1:1 split goes to the last-listed funder (ADR 0013): 0.01 + 0.01 - 0.00.
      byFunder: [
        { funderCode: 'henan-city', total: '750000.01' },
        { funderCode: 'henan-province', total: '749999.99' },
      ],
    });
    await approver.post(`/redemption-runs/${run.id}/approve`).expect(200);
    const done = await eventually(async () => {
      const r = await finance.get(`/redemption-runs/${run.id}`).expect(200);
      return r.body.status === 'completed' ? r.body : undefined;
    }, 'the Henan run to complete');
    expect(done).toMatchObject({ paidCount: 3, paidTotal: '1500000.00' });

    const payouts = await db.query(
      `SELECT p.enterprise_id, p.amount::text, p.status, p.limited_by_pool, p.program_version,
              (SELECT json_object_agg(f.funder_code, f.amount::text) FROM funding_shares f
                WHERE f.payment_kind = 'payout' AND f.payment_id = p.id) AS shares,
              t.amount::text AS transferred
         FROM payouts p LEFT JOIN simulated_bank_transfers t ON t.idempotency_key = p.idempotency_key
        WHERE p.run_id = $1`,
      [run.id],
    );
    const of = (id: string) => payouts.find((p: { enterprise_id: string }) => p.enterprise_id === id);
    expect(of(e3.id)).toMatchObject({
      amount: '600000.00',
      status: 'paid',
      limited_by_pool: false,
      transferred: '600000.00',
    });
    expect(of(e3.id).shares).toEqual({ 'henan-province': '300000.00', 'henan-city': '300000.00' });
    expect(of(e1.id)).toMatchObject({
      amount: '666666.67',
      status: 'paid',
      transferred: '666666.67',
      program_version: 1,
    });
    expect(of(e1.id).shares).toEqual({ 'henan-province': '333333.33', 'henan-city': '333333.34' });
    expect(of(e2.id)).toMatchObject({
      amount: '233333.33',
      status: 'paid',
      limited_by_pool: true,
      transferred: '233333.33',
    });
    expect(of(e2.id).shares).toEqual({ 'henan-province': '116666.66', 'henan-city': '116666.67' });
    expect(of(e4.id)).toMatchObject({
      amount: '0.00',
      status: 'skipped',
      limited_by_pool: true,
      transferred: null,
    });
    const [pool] = await db.query(
      `SELECT budget::text, committed::text FROM budget_pools WHERE program_code = 'henan-compute' AND period = 'total'`,
    );
    expect(pool).toEqual({ budget: '50000000.00', committed: '50000000.00' });
    const dashboard = await finance.get('/dashboard/budget?programCode=henan-compute').expect(200);
    expect(dashboard.body.pools).toEqual([
      { period: 'total', budget: '50000000.00', committed: '50000000.00', remaining: '0.00' },
    ]);
    // The program's budget line (ADR 0045): the whole plan's pool, nothing left.
    expect(
      dashboard.body.budgets.find((b: { programCode: string }) => b.programCode === 'henan-compute'),
    ).toMatchObject({ period: 'total', budget: '50000000.00', committed: '50000000.00', remaining: '0.00' });
    expect(dashboard.body.byFunder).toEqual([
      expect.objectContaining({ funderCode: 'henan-province', paid: '749999.99', remaining: '0.00' }),
      expect.objectContaining({ funderCode: 'henan-city', paid: '750000.01', remaining: '0.00' }),
    ]);
    // Every payout's shares add up to it exactly.
    const mismatched = await db.query(
      `SELECT p.id FROM payouts p LEFT JOIN funding_shares f ON f.payment_kind = 'payout' AND f.payment_id = p.id
        GROUP BY p.id, p.amount HAVING coalesce(sum(f.amount), -1) <> p.amount`,
    );
    expect(mismatched).toEqual([]);

    // Replay fixtures (RECORD_HISTORIES=1): an application and a run with a pool cut.
    await recordHistory(`application:${a2.id}`, 'henan-application-issued');
    await recordHistory(`redemption-run:henan-compute:2025-Q2`, 'henan-redemption-run-pool-cut');
  });
});
