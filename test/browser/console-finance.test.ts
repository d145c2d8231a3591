import { BEIJING_2023_2025 } from '@app/domain';
import { seedVoucherWithClaims, type SeededVoucher } from '../support/redemption-fixtures';
import { eventually } from '../support/wait';
import { apiCall, apiToken, consoleSuite, seedUser, shot, signInAs, signOut, textOf } from './harness';

/**
 * Finance in the console (ADR 0045): a run awaiting approval shows its claims line by line (searched,
 * paginated); the finance user who started it by hand is told, in Chinese, that someone else must approve
 * it and has no approve button; a second finance user approves it and it is paid.
 */
describe('console: finance reads a run claim by claim; the starter cannot approve it', () => {
  const suite = consoleSuite('finance');
  let runId: string;
  let vouchers: SeededVoucher[];
  let contractOf: string;

  beforeAll(async () => {
    const { sys } = suite;
    await seedUser(sys.db, 'admin@fin-console.example.cn', '管理员', 'admin');
    await seedUser(sys.db, 'zhang@fin-console.example.cn', '财务张', 'finance');
    await seedUser(sys.db, 'chen@fin-console.example.cn', '财务陈', 'finance');
    const admin = await apiToken(sys.base, 'admin@fin-console.example.cn');
    expect(
      (await apiCall(sys.base, admin, 'PUT', '/admin/clock', { businessDate: '2025-03-31' })).status,
    ).toBe(200);
    // 23 claims on 4 vouchers: more than one page of 20 lines.
    vouchers = [];
    for (let v = 0; v < 4; v += 1) {
      const claims = Array.from({ length: v === 3 ? 2 : 7 }, (_, i) => ({
        amount: `${10000 + v * 1000 + i}.${String(10 + i).padStart(2, '0')}`,
        claimedOn: `2025-02-${String(10 + i).padStart(2, '0')}`,
        deliveredOn: `2025-02-${String(10 + i).padStart(2, '0')}`,
        runYear: 2025,
        runQuarter: 1 as const,
      }));
      vouchers.push(
        await seedVoucherWithClaims(sys.db, { faceValue: '500000.00', issuedOn: '2024-12-01', claims }),
      );
    }
    const [c] = await sys.db.query(`SELECT contract_number FROM contracts WHERE id = $1`, [
      vouchers[3].contractId,
    ]);
    contractOf = c.contract_number;

    // 财务张 starts the run by hand.
    const zhang = await apiToken(sys.base, 'zhang@fin-console.example.cn');
    const started = await apiCall(sys.base, zhang, 'POST', '/redemption-runs', { year: 2025, quarter: 1 });
    expect(started.status).toBe(201);
    runId = (started.body as { id: string }).id;
    await eventually(async () => {
      const r = await apiCall(sys.base, zhang, 'GET', `/redemption-runs/${runId}`);
      return (r.body as { status: string }).status === 'awaiting_approval' ? true : undefined;
    }, 'the run to await approval');
  });

  it('the starter reads the lines, finds one, and is told another finance user must approve', async () => {
    const { page, sys } = suite;
    await signInAs(page, sys.base, 'zhang@fin-console.example.cn');
    // The list of runs says who started each by hand.
    await page.click('[data-testid="nav-/runs"]');
    await page.waitForSelector('[data-testid=run-row]');
    expect(await textOf(page, '[data-testid=run-row]')).toContain('财务张');
    await page.goto(`${sys.base}/console/runs/${runId}`);
    await page.waitForSelector('[data-testid=run-status] [data-status=awaiting_approval]');
    await page.waitForSelector('[data-testid=run-line]');
    expect(await page.locator('[data-testid=run-line]').count()).toBe(20);
    expect(await textOf(page, '[data-testid=run-lines-summary]')).toContain('共 23 笔');
    expect(await textOf(page, '[data-testid=run-lines] [data-testid=pager-text]')).toContain('第 1 / 2 页');
    await page
      .locator('[data-testid=run-lines]')
      .getByRole('button', { name: /下一页/ })
      .click();
    await eventually(
      async () => ((await page.locator('[data-testid=run-line]').count()) === 3 ? true : undefined),
      'the second page of lines',
    );

    await page.fill('[data-testid=run-lines] input[name=q]', contractOf);
    await eventually(
      async () => ((await page.locator('[data-testid=run-line]').count()) === 2 ? true : undefined),
      'the search to narrow the lines to one voucher',
    );
    expect(await textOf(page, '[data-testid=run-lines-summary]')).toContain('共 2 笔');
    const line = await textOf(page, '[data-testid=run-line]');
    expect(line).toContain(contractOf);
    const [{ reference_no: voucherNumber }] = await suite.sys.db.query(
      `SELECT reference_no FROM vouchers WHERE id = $1`,
      [vouchers[3].voucherId],
    );
    expect(line).toContain(voucherNumber);
    expect(line).toContain('待拨付');

    expect(await textOf(page, '[data-testid=run-started-by]')).toBe('财务张');
    expect(await textOf(page, '[data-testid=run-approval-block]')).toBe(
      '您发起了该兑付批次，须由另一位财务人员审批',
    );
    expect(await page.getByRole('button', { name: '审批并拨付' }).count()).toBe(0);
    await shot(page, 'finance-01-starter-cannot-approve');
    // The API refuses too, whatever the screen shows.
    const token = await apiToken(sys.base, 'zhang@fin-console.example.cn');
    const refused = await apiCall(sys.base, token, 'POST', `/redemption-runs/${runId}/approve`);
    expect(refused.status).toBe(422);
    await signOut(page);
  });

  it('a second finance user approves it and the run is paid', async () => {
    const { page, sys } = suite;
    await signInAs(page, sys.base, 'chen@fin-console.example.cn');
    await page.goto(`${sys.base}/console/runs/${runId}`);
    await page.waitForSelector('[data-testid=run-status] [data-status=awaiting_approval]');
    expect(await page.locator('[data-testid=run-approval-block]').count()).toBe(0);
    await page.getByRole('button', { name: '审批并拨付' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认' }).click();
    await page.waitForSelector('[data-testid=run-status] [data-status=completed]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid=run-line]');
    await eventually(
      async () => ((await textOf(page, '[data-testid=run-line]')).includes('已拨付') ? true : undefined),
      'the lines to show the payouts paid',
    );
    await shot(page, 'finance-02-second-user-approved');
  });

  it("the dashboard: the 未兑付余额 tile is the table's last figure, budgets per program, the chart fills its card", async () => {
    const { page } = suite;
    await page.click('[data-testid="nav-/dashboard"]');
    await page.waitForSelector('[data-testid=quarter-row]');
    expect(await textOf(page, '[data-testid=kpi-redeemed]')).toBe('¥51,413.32');
    // Four vouchers of ¥500,000.00, ¥51,413.32 of them paid.
    expect(await textOf(page, '[data-testid=kpi-outstanding]')).toBe('¥1,948,586.68');
    const rows = page.locator('[data-testid=quarter-row]');
    const lastRow = await rows.nth((await rows.count()) - 1).innerText();
    expect(lastRow.trim().split(/\s+/).at(-1)).toBe('¥1,948,586.68');
    const budgets = page.locator('[data-testid=program-budget]');
    // 北京 has no pool; 河南's whole-plan pool of ¥50,000,000.00 is untouched so far.
    const beijing = budgets.filter({ hasText: BEIJING_2023_2025.name.zh });
    expect(await beijing.count()).toBe(1);
    expect(await beijing.innerText()).toContain('未设资金池');
    expect(await budgets.filter({ hasText: '¥50,000,000.00' }).count()).toBeGreaterThan(0);
    // The chart draws to its card's width, not a fixed one.
    const card = await page.locator('[data-testid=quarter-chart]').boundingBox();
    const svg = await page.locator('[data-testid=quarter-chart] svg').boundingBox();
    expect(svg!.width).toBeGreaterThanOrEqual(card!.width - 4);
    await shot(page, 'finance-03-dashboard');
  });
});
