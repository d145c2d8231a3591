import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import { Money } from '@app/domain';
import { settleAndClaim, type ApiSession } from '../support/http';
import { eventually } from '../support/wait';
import { e2eSuite } from '../support/e2e-stack';

/** A download's bytes, whatever its content type. */
async function download(session: ApiSession, url: string): Promise<{ status: number; bytes: Buffer }> {
  const res = await session
    .get(url)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  return { status: res.status, bytes: res.body as Buffer };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** An instant as a clock on a wall in Beijing reads it: 'YYYY-MM-DD HH:mm:ss'. */
const shanghai = (d: Date) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(d);

/**
 * Finance-grade runs (ADR 0045), through the HTTP API on the real worker, Temporal and PostgreSQL: the
 * run's per-claim lines before approval, the starter who cannot approve, the CSV and XLSX a Chinese finance
 * office opens as they are, and a dashboard whose tile and table agree, with each program's budget.
 */
describe('finance reports, four eyes and the dashboard (real worker, Temporal, PostgreSQL)', () => {
  const stack = e2eSuite('finance-reports', { date: '2025-03-03' });
  let db: DataSource;
  let reviewer: ApiSession;
  let starter: ApiSession;
  let approver: ApiSession;
  let supplier: ApiSession;
  let enterprise: ApiSession;
  let enterpriseName: string;
  const faces: string[] = [];
  let runId: string;
  const PROGRAM = 'hangzhou-compute';

  beforeAll(async () => {
    db = stack.db;
    ({ reviewer, starter, approver, supplier } = await stack.runCrew('cd-ai-computing'));
    const unit = await stack.enterprise('zhejiang-hangzhou', 'FNR');
    enterprise = unit.session;
    [{ name: enterpriseName }] = await db.query(`SELECT name FROM enterprises WHERE id = $1`, [unit.id]);
  });

  async function issued(contractNumber: string, amount: string) {
    const res = await enterprise.post('/applications', {
      programCode: PROGRAM,
      supplierId: stack.suppliers.get('cd-ai-computing')!.id,
      contractNumber,
      signedOn: '2025-02-20',
      startDate: '2025-03-01',
      endDate: '2026-02-28',
      applicationDomain: 'medical',
      lines: [{ serviceKind: 'intelligent_compute', amount, domestic: true }],
    });
    expect(res.status).toBe(201);
    await stack.approveReview(reviewer, res.body.id);
    const app = await stack.applicationIn(enterprise, res.body.id, ['issued']);
    faces.push(app.voucher.faceValue);
    return app;
  }

  async function claim(contractId: string, invoice: string, amount: string, period: [string, string]) {
    expect((await settleAndClaim(supplier, enterprise, contractId, invoice, amount, period)).status).toBe(
      201,
    );
  }

  it('finance reads the per-claim lines of a run awaiting approval, searches them, and exports them', async () => {
    const a = await issued('HZ-FR-A', '1000000.00');
    const b = await issued('HZ-FR-B', '400000.00');
    await stack.setDate('2025-05-06');
    await claim(a.contract.id, 'HZ-FR-INV-1', '800000.03', ['2025-03-01', '2025-03-31']);
    await claim(a.contract.id, 'HZ-FR-INV-2', '123456.78', ['2025-04-01', '2025-04-30']);
    await claim(b.contract.id, 'HZ-FR-INV-3', '100000.00', ['2025-03-01', '2025-04-30']);

    const started = await starter.post('/redemption-runs', { programCode: PROGRAM, year: 2025, quarter: 2 });
    expect(started.status).toBe(201);
    runId = started.body.id;
    const run = await eventually(async () => {
      const r = await starter.get(`/redemption-runs/${runId}`).expect(200);
      return r.body.status === 'awaiting_approval' ? r.body : undefined;
    }, 'the run to await approval');
    expect(run.claimCount).toBe(3);

    const page1 = await starter.get(`/redemption-runs/${runId}/lines?pageSize=2`).expect(200);
    expect(page1.body).toMatchObject({ total: 3, page: 1, pageSize: 2, totalAmount: run.totalPayout });
    expect(page1.body.items).toHaveLength(2);
    const page2 = await starter.get(`/redemption-runs/${runId}/lines?pageSize=2&page=2`).expect(200);
    expect(page2.body.items).toHaveLength(1);
    const all = [...page1.body.items, ...page2.body.items];
    expect(all.map((l: { invoiceNumber: string }) => l.invoiceNumber).sort()).toEqual([
      'HZ-FR-INV-1',
      'HZ-FR-INV-2',
      'HZ-FR-INV-3',
    ]);
    // Our numbers, no internal ids; each claim's payout is its 30% share, truncated to the fen.
    for (const l of all) {
      expect(JSON.stringify(l)).not.toMatch(UUID);
      expect(l.claimNumber).toMatch(/^DF\d{8}$/);
      expect(l.status).toBe('computed');
    }
    const byInvoice = (n: string) => all.find((l: { invoiceNumber: string }) => l.invoiceNumber === n);
    expect(byInvoice('HZ-FR-INV-1')).toMatchObject({ amount: '240000.00', contractNumber: 'HZ-FR-A' });
    expect(byInvoice('HZ-FR-INV-2')).toMatchObject({ amount: '37037.03', contractNumber: 'HZ-FR-A' });
    expect(byInvoice('HZ-FR-INV-3')).toMatchObject({ amount: '30000.00', contractNumber: 'HZ-FR-B' });
    const refOf = async (table: string, id: string) =>
      (await db.query(`SELECT reference_no FROM ${table} WHERE id = $1`, [id]))[0].reference_no as string;
    expect(byInvoice('HZ-FR-INV-1').voucherNumber).toBe(await refOf('vouchers', a.voucher.id));
    expect(byInvoice('HZ-FR-INV-1').applicationNumber).toBe(await refOf('applications', a.id));

    const found = await starter
      .get(`/redemption-runs/${runId}/lines?q=${encodeURIComponent('fr-b')}`)
      .expect(200);
    expect(found.body).toMatchObject({ total: 1, totalAmount: '30000.00' });
    expect(found.body.items[0].invoiceNumber).toBe('HZ-FR-INV-3');
    // A literal % matches itself, not everything.
    const none = await starter.get(`/redemption-runs/${runId}/lines?q=%25`).expect(200);
    expect(none.body.total).toBe(0);
    const bad = await starter.get(`/redemption-runs/${runId}/lines?pageSize=0`);
    expect(bad.status).toBe(400);

    const csv = await download(starter, `/redemption-runs/${runId}/report.csv`);
    expect(csv.status).toBe(200);
    const bytes = csv.bytes;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      '兑付编号,算力券编号,申请编号,合同编号,发票号码,企业名称,统一社会信用代码,算力供给方,申请日期,交付日期,' +
        '是否结转,发票可支持金额(元),按比例应兑付金额(元),兑付金额(元),受券余额限制,状态,银行流水号,拨付时间',
    );
    expect(text).not.toMatch(UUID);
    expect(text).toContain('待拨付');
  });

  it('the finance user who started the run cannot approve it; a second one can', async () => {
    const refused = await starter.post(`/redemption-runs/${runId}/approve`);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('RUN_STARTER_CANNOT_APPROVE');
    expect(refused.body.messages.zh).toBe('您发起了该兑付批次，须由另一位财务人员审批');
    const asStarter = await starter.get(`/redemption-runs/${runId}`).expect(200);
    expect(asStarter.body).toMatchObject({
      status: 'awaiting_approval',
      mayApprove: false,
      approvalBlock: { code: 'RUN_STARTER_CANNOT_APPROVE' },
      startedByName: 'starter',
    });
    const asApprover = await approver.get(`/redemption-runs/${runId}`).expect(200);
    expect(asApprover.body).toMatchObject({ mayApprove: true, approvalBlock: null });

    await approver.post(`/redemption-runs/${runId}/approve`).expect(200);
    const done = await eventually(async () => {
      const r = await approver.get(`/redemption-runs/${runId}`).expect(200);
      return r.body.status === 'completed' ? r.body : undefined;
    }, 'the run to complete');
    expect(done).toMatchObject({ paidCount: 3, paidTotal: '307037.03' });
  });

  it('the CSV has Asia/Shanghai times and Chinese statuses; the XLSX amounts are ¥ numbers summing to the total', async () => {
    const paid: { invoice: string; paid_at: Date }[] = await db.query(
      `SELECT st.invoice_number AS invoice, p.paid_at FROM payouts p
         JOIN redemption_claims c ON c.id = p.claim_id JOIN settlements st ON st.id = c.settlement_id
        WHERE p.run_id = $1`,
      [runId],
    );
    const csv = await download(approver, `/redemption-runs/${runId}/report.csv`);
    const rows = csv.bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    const header = rows[0].split(',');
    const cell = (row: string, name: string) => row.split(',')[header.indexOf(name)];
    expect(rows).toHaveLength(4);
    for (const row of rows.slice(1)) {
      const at = paid.find((p) => p.invoice === cell(row, '发票号码'))!;
      expect(cell(row, '拨付时间')).toBe(shanghai(new Date(at.paid_at)));
      expect(cell(row, '状态')).toBe('已拨付');
      expect(cell(row, '企业名称')).toBe(enterpriseName);
    }

    const xlsx = await download(approver, `/redemption-runs/${runId}/report.xlsx`);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('兑付明细')!;
    const head = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(head).toContain('兑付金额(元)');
    const amountCol = head.indexOf('兑付金额(元)') + 1;
    const statusCol = head.indexOf('状态') + 1;
    let fen = 0n;
    for (let r = 2; r <= sheet.rowCount; r += 1) {
      const c = sheet.getRow(r).getCell(amountCol);
      expect(typeof c.value).toBe('number');
      expect(c.numFmt).toContain('¥');
      // The number prints back as the decimal it was written from (at most 2 decimals).
      fen += Money.parse(String(c.value)).toFen();
      expect(sheet.getRow(r).getCell(statusCol).value).toBe('已拨付');
    }
    expect(sheet.rowCount).toBe(4);
    expect(fen).toBe(Money.parse('307037.03').toFen());
    const summary = book.getWorksheet('汇总')!;
    const total = summary.getColumn(1).values.indexOf('兑付总额');
    expect(summary.getRow(total).getCell(2).value).toBe(307037.03);
    expect(summary.getRow(total).getCell(2).numFmt).toContain('¥');
  });

  it("the dashboard's 未兑付余额 tile is its table's total, also with a lapsed voucher; budgets to the fen", async () => {
    const issuedTotal = faces.reduce((s, f) => s.plus(Money.parse(f)), Money.zero());
    const before = await approver.get(`/dashboard/budget?programCode=${PROGRAM}`).expect(200);
    // Budget 250,000,000.00 a year, taken as vouchers are issued (their face values).
    const budget = before.body.budgets.find((b: { programCode: string }) => b.programCode === PROGRAM);
    expect(budget).toMatchObject({
      period: '2025',
      budget: '250000000.00',
      committed: issuedTotal.toString(),
      remaining: Money.parse('250000000.00').minus(issuedTotal).toString(),
    });

    // The second voucher expires (what the application workflow's expiry step records) with ¥30,000 paid.
    await db.query(`UPDATE vouchers SET status = 'expired' WHERE contract_id IN
                      (SELECT id FROM contracts WHERE contract_number = 'HZ-FR-B')`);
    const res = await approver.get(`/dashboard/budget?programCode=${PROGRAM}`).expect(200);
    const { totals, byQuarter } = res.body;
    const last = byQuarter[byQuarter.length - 1];
    expect(totals.outstanding).toBe(last.outstanding);
    const sum = (k: string) =>
      byQuarter
        .reduce((s: Money, r: Record<string, string>) => s.plus(Money.parse(r[k])), Money.zero())
        .toString();
    expect(totals.issued).toBe(sum('issued'));
    expect(totals.redeemed).toBe(sum('redeemed'));
    expect(totals.lapsed).toBe(sum('lapsed'));
    expect(totals.issued).toBe(issuedTotal.toString());
    expect(totals.redeemed).toBe('307037.03');
    // The expired voucher's unpaid rest lapses: face − 30,000.00 paid.
    expect(totals.lapsed).toBe(Money.parse(faces[1]).minus(Money.parse('30000.00')).toString());
    // Outstanding: the active voucher's face less its 277,037.03 paid.
    expect(totals.outstanding).toBe(Money.parse(faces[0]).minus(Money.parse('277037.03')).toString());
  });
});
