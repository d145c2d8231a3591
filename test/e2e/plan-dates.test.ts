import { e2eSuite } from '../support/e2e-stack';
import { beijingApplicationBody } from '../support/fixtures';
import { fileClaim, type ApiSession } from '../support/http';
import { eventually } from '../support/wait';

/**
 * The dates the Beijing plan enforces (ADR 0044), through the API with the real worker: nothing applied for
 * after the plan's end (PLAN_CLOSED, nothing written), the program shows itself closed, no voucher issued
 * already expired (and no cap used), and a claim never lands in a run that has gathered or completed.
 */
describe('plan dates through the API (real worker, Temporal, PostgreSQL)', () => {
  const stack = e2eSuite('plan-dates', { env: { SECOND_APPROVAL_THRESHOLD: '500000.00' } });
  let reviewer: ApiSession;
  let finance: ApiSession;
  let finance2: ApiSession;

  beforeAll(async () => {
    reviewer = await stack.user('reviewer@plan-dates.example.cn', 'reviewer');
    finance = await stack.user('finance@plan-dates.example.cn', 'finance');
    finance2 = await stack.user('finance2@plan-dates.example.cn', 'finance');
  });
  const baidu = () => stack.suppliers.get('baidu')!.id;
  const written = async () => {
    const [row] = await stack.db.query(
      `SELECT (SELECT count(*) FROM applications)::int AS applications,
              (SELECT count(*) FROM contracts)::int AS contracts,
              (SELECT count(*) FROM vouchers)::int AS vouchers`,
    );
    return row as Record<string, number>;
  };
  const beijingStatus = async (session: ApiSession) => {
    const res = await session.get('/catalog/programs').expect(200);
    return (res.body as { code: string; status: string }[]).find((p) => p.code === 'beijing-ai-compute-2023')!
      .status;
  };

  it('refuses an application after the plan has ended with PLAN_CLOSED and writes nothing', async () => {
    const { session } = await stack.enterprise('beijing', 'PDA');
    await stack.setDate('2025-12-31');
    expect(await beijingStatus(session)).toBe('open');
    const adminView = (await stack.admin.get('/admin/programs').expect(200)).body as {
      code: string;
      status: string;
    }[];
    expect(adminView.find((p) => p.code === 'beijing-ai-compute-2023')!.status).toBe('open');

    await stack.setDate('2026-01-05');
    const before = await written();
    const res = await session.post('/applications', beijingApplicationBody(baidu(), 'PD-CLOSED-1'));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('PLAN_CLOSED');
    expect(res.body.messages.zh).toBe('实施方案已到期，不再受理新的申领');
    expect(res.body.messages.en).toMatch(/plan has ended/);
    expect(await written()).toEqual(before);
    // The program closed itself: never 开放申领 after its plan.
    expect(await beijingStatus(session)).toBe('closed');
    const adminAfter = (await stack.admin.get('/admin/programs').expect(200)).body as {
      code: string;
      status: string;
      active: boolean;
    }[];
    expect(adminAfter.find((p) => p.code === 'beijing-ai-compute-2023')).toMatchObject({
      active: true,
      status: 'closed',
    });
  });

  it('does not issue a voucher approved after the plan has ended, and uses no cap', async () => {
    const ent = await stack.enterprise('beijing', 'PDB');
    await stack.setDate('2025-12-29');
    const applied = await ent.session.post('/applications', beijingApplicationBody(baidu(), 'PD-LATE-1'));
    expect(applied.status).toBe(201);
    await stack.applicationIn(ent.session, applied.body.id, ['in_review']);
    // Approved on 2026-01-05: the voucher would be valid until 2025-12-31 — already expired.
    await stack.setDate('2026-01-05');
    await stack.approveReview(reviewer, applied.body.id);
    const detail = await stack.applicationIn(ent.session, applied.body.id, ['refused', 'issued']);
    expect(detail.status).toBe('refused');
    expect(detail.refusalCode).toBe('ISSUANCE_AFTER_VALIDITY');
    expect(detail.voucher ?? null).toBeNull();
    const [{ n }] = await stack.db.query(
      `SELECT count(*)::int AS n FROM vouchers WHERE application_id = $1`,
      [applied.body.id],
    );
    expect(n).toBe(0);
    const ledger: { issued: string }[] = await stack.db.query(
      `SELECT issued::text FROM yearly_cap_ledger WHERE enterprise_id = $1`,
      [ent.id],
    );
    for (const row of ledger) expect(row.issued).toBe('0.00');
  });

  it('sends a claim past a completed run and a gathered one to the next open run', async () => {
    const ent = await stack.enterprise('beijing', 'PDC');
    await stack.setDate('2025-03-26');
    const applied = await ent.session.post('/applications', beijingApplicationBody(baidu(), 'PD-RUNS-1'));
    await stack.applicationIn(ent.session, applied.body.id, ['in_review']);
    await stack.approveReview(reviewer, applied.body.id);
    const issued = await stack.applicationIn(ent.session, applied.body.id, ['issued']);
    const supplier = await stack.user('settle@plan-dates.example.cn', 'supplier', { supplierId: baidu() });
    const settlement = await supplier
      .post(`/supplier/contracts/${issued.contract.id}/settlements`, {
        periodStart: '2025-04-01',
        periodEnd: '2025-09-20',
        amount: '50000.00',
        invoiceNumber: 'PD-INV-1',
        invoiceDate: '2025-09-25',
      })
      .expect(201);

    const runIn = (year: number, quarter: number, status: string) =>
      eventually(async () => {
        const list = await finance.get('/redemption-runs?pageSize=50').expect(200);
        const r = list.body.items.find(
          (x: { year: number; quarter: number }) => x.year === year && x.quarter === quarter,
        );
        return r?.status === status ? r : undefined;
      }, `run ${year} Q${quarter} ${status}`);
    // Q3 run on its run date, approved and completed; Q4 started early (a sandbox rehearsal may).
    await stack.setDate('2025-09-30');
    await finance.post('/redemption-runs', { year: 2025, quarter: 3 }).expect(201);
    const q3 = await runIn(2025, 3, 'awaiting_approval');
    await finance2.post(`/redemption-runs/${q3.id}/approve`).expect(200);
    await runIn(2025, 3, 'completed');
    await finance.post('/redemption-runs', { year: 2025, quarter: 4 }).expect(201);
    await runIn(2025, 4, 'awaiting_approval');

    // Filed on 2025-09-30 (Q3's day): Q3 has completed, Q4 has gathered — it waits for 2026 Q1.
    const claim = await fileClaim(ent.session, settlement.body.id, 'PD-INV-1', '50000.00');
    expect(claim.status).toBe(201);
    expect(claim.body).toMatchObject({
      run: { year: 2026, quarter: 1 },
      assignmentReason: 'RUN_ALREADY_GATHERED',
      status: 'pending',
    });
    const stranded: { n: number }[] = await stack.db.query(
      `SELECT count(*)::int AS n FROM redemption_claims c
         JOIN redemption_runs r ON r.program_code = c.program_code AND r.year = c.run_year AND r.quarter = c.run_quarter
        WHERE c.status = 'pending' AND r.status <> 'gathering'`,
    );
    expect(stranded[0].n).toBe(0);
  });
});
