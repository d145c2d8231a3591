import type { DataSource } from 'typeorm';
import { settleAndClaim, type ApiSession } from '../support/http';
import { eventually } from '../support/wait';
import { e2eSuite } from '../support/e2e-stack';

/**
 * Programs whose lines earn different rates are paid in the quarterly runs at the blend their voucher was
 * computed from (Hangzhou: 30% domestic, 20% other), and a voucher valid for six months (Guizhou cash
 * vouchers) pays only for what was delivered while it was valid — through the HTTP API on the real worker,
 * Temporal dev server and PostgreSQL.
 */
describe('per-line rates in the runs and time-limited vouchers (real worker, Temporal, PostgreSQL)', () => {
  const stack = e2eSuite('line-rates', {
    env: { SECOND_APPROVAL_THRESHOLD: '5000000.00' },
    date: '2025-03-03',
  });
  let db: DataSource;
  let reviewer: ApiSession;
  /** Starts runs by hand; a second finance user approves them (ADR 0045). */
  let finance: ApiSession;
  let approver: ApiSession;
  let supplier: ApiSession;

  beforeAll(async () => {
    db = stack.db;
    ({ reviewer, starter: finance, approver, supplier } = await stack.runCrew('cd-ai-computing'));
  });

  const unit = async (region: string) => (await stack.enterprise(region, 'LNR')).session;

  async function issued(session: ApiSession, body: Record<string, unknown>) {
    const res = await session.post('/applications', {
      supplierId: stack.suppliers.get('cd-ai-computing')!.id,
      signedOn: '2025-02-20',
      startDate: '2025-03-01',
      endDate: '2026-02-28',
      applicationDomain: 'medical',
      ...body,
    });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    await stack.approveReview(reviewer, id);
    return stack.applicationIn(session, id, ['issued']);
  }

  async function runQuarter(programCode: string, year: number, quarter: number) {
    const started = await finance.post('/redemption-runs', { programCode, year, quarter });
    expect(started.status).toBe(201);
    const run = await eventually(async () => {
      const r = await finance.get(`/redemption-runs/${started.body.id}`).expect(200);
      return r.body.status === 'awaiting_approval' ? r.body : undefined;
    }, `${programCode} ${year}-Q${quarter} awaiting approval`);
    await approver.post(`/redemption-runs/${run.id}/approve`).expect(200);
    return eventually(async () => {
      const r = await finance.get(`/redemption-runs/${run.id}`).expect(200);
      return r.body.status === 'completed' ? r.body : undefined;
    }, `${programCode} ${year}-Q${quarter} completed`);
  }

  it('Hangzhou: a voucher of 30% domestic and 20% other compute is paid at its 25% blend, to the fen', async () => {
    const hz = await unit('zhejiang-hangzhou');
    const app = await issued(hz, {
      programCode: 'hangzhou-compute',
      contractNumber: 'HZ-LR-1',
      lines: [
        { serviceKind: 'intelligent_compute', amount: '1000000.00', domestic: true },
        { serviceKind: 'intelligent_compute', amount: '1000000.00', domestic: false },
      ],
    });
    expect(app.voucher.faceValue).toBe('500000.00');
    const [v] = await db.query(`SELECT payout_rate::text AS rate FROM vouchers WHERE id = $1`, [
      app.voucher.id,
    ]);
    expect(v.rate).toBe('0.2500000000');

    await stack.setDate('2025-05-06');
    const claim = await settleAndClaim(supplier, hz, app.contract.id, 'HZ-INV-1', '800000.03', [
      '2025-03-01',
      '2025-04-30',
    ]);
    expect(claim.status).toBe(201);
    const done = await runQuarter('hangzhou-compute', 2025, 2);
    // 800,000.03 × 0.25 = 200,000.0075 → 200,000.00 (truncated: never above the lines' own rates).
    expect(done).toMatchObject({ paidCount: 1, paidTotal: '200000.00' });
    const voucher = await hz.get('/vouchers').expect(200);
    expect(voucher.body.items.find((x: { id: string }) => x.id === app.voucher.id)).toMatchObject({
      redeemedAmount: '200000.00',
    });
  });

  it('Guizhou: a cash voucher valid six months pays for deliveries inside them and refuses later ones', async () => {
    await stack.setDate('2025-03-03');
    const gz = await unit('guizhou');
    const app = await issued(gz, {
      programCode: 'guizhou-compute',
      contractNumber: 'GZ-LR-1',
      lines: [{ serviceKind: 'model_training', amount: '1000000.00' }],
    });
    expect(app.voucher.faceValue).toBe('300000.00');
    const [v] = await db.query(
      `SELECT valid_until::text AS until, payout_rate::text AS rate FROM vouchers WHERE id = $1`,
      [app.voucher.id],
    );
    // Six months from 2025-03-03: through 2025-09-02 (ADR 0022).
    expect(v).toEqual({ until: '2025-09-02', rate: '0.3000000000' });

    await stack.setDate('2025-11-03');
    const inside = await settleAndClaim(supplier, gz, app.contract.id, 'GZ-INV-1', '500000.00', [
      '2025-03-01',
      '2025-09-02',
    ]);
    expect(inside.status).toBe(201);
    const after = await settleAndClaim(supplier, gz, app.contract.id, 'GZ-INV-2', '100000.00', [
      '2025-09-03',
      '2025-10-31',
    ]);
    expect(after.status).toBe(422);
    expect(after.body.code).toBe('VOUCHER_VALIDITY_ENDED');
    const [claims] = await db.query(
      `SELECT count(*)::int AS n FROM redemption_claims WHERE voucher_id = $1`,
      [app.voucher.id],
    );
    expect(claims.n).toBe(1);
    const done = await runQuarter('guizhou-compute', 2025, 4);
    expect(done).toMatchObject({ paidCount: 1, paidTotal: '150000.00' });
  });
});
