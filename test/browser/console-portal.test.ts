import fs from 'node:fs';
import { BEIJING_2023_2025, claimCutoffDate } from '@app/domain';
import { seedVoucherWithClaims, type SeededVoucher } from '../support/redemption-fixtures';
import { eventually } from '../support/wait';
import { tinyPdf } from './materials';
import {
  apiCall,
  apiToken,
  consoleSuite,
  expectNoEnglish,
  fillSignIn,
  seedUser,
  setClock,
  shot,
  signInAs,
  textOf,
} from './harness';

/**
 * The enterprise and supplier portal (ADR 0049), as a user sees it in Chinese: vouchers show their last day
 * and an expired one offers no claim and says why; the application's progress tracker shows its steps with
 * dates; an inbox message opens its record; signing in again after the session ended lands on the same
 * page; a supplier sees what is left to settle, records a settlement with its invoice PDF, sees it drop by
 * exactly the settled amount and downloads the invoice file back.
 */
describe('console: the enterprise and supplier portal', () => {
  const suite = consoleSuite('portal');
  const ENTERPRISE = 'finance@portal-console.example.cn';
  const SUPPLIER = 'sales@portal-console.example.cn';
  const TODAY = '2025-07-15';
  let expired: SeededVoucher;
  let active: SeededVoucher;
  let expiredContract: string;
  let activeContract: string;
  let activeApplication: string;
  const invoicePdf = tinyPdf('portal invoice FP-PORTAL-0002');

  const contractNumberOf = async (contractId: string) =>
    (
      (await suite.sys.db.query(`SELECT contract_number FROM contracts WHERE id = $1`, [contractId])) as {
        contract_number: string;
      }[]
    )[0].contract_number;

  /** Signs in on the sign-in page the console showed (not through signInAs, which opens /login itself). */
  async function signInHere(email: string) {
    const { page } = suite;
    await page.waitForSelector('input[name=email]');
    await fillSignIn(page, email);
    await page.waitForSelector('[data-testid=whoami]');
  }

  beforeAll(async () => {
    const { sys, suppliers } = suite;
    await seedUser(sys.db, 'admin@portal-console.example.cn', '管理员', 'admin');
    await setClock(sys, 'admin@portal-console.example.cn', TODAY);

    // Two vouchers of one enterprise, both issued on 2025-01-10 by the baidu contracts: one whose last day
    // of use (2025-06-30) is behind the business date, one valid until 2025-12-31.
    expired = await seedVoucherWithClaims(sys.db, {
      faceValue: '80000.00',
      issuedOn: '2025-01-10',
      claims: [],
    });
    active = await seedVoucherWithClaims(sys.db, {
      faceValue: '100000.00',
      issuedOn: '2025-01-10',
      enterpriseId: expired.enterpriseId,
      claims: [],
    });
    await sys.db.query(`UPDATE vouchers SET valid_until = '2025-06-30' WHERE id = $1`, [expired.voucherId]);
    await sys.db.query(`UPDATE vouchers SET valid_until = '2025-12-31' WHERE id = $1`, [active.voucherId]);
    // Submitted and approved on the day the voucher was issued (decided_at is an instant, Beijing time).
    await sys.db.query(
      `UPDATE applications SET decided_at = '2025-01-10T10:00:00+08:00', submitted_on = '2025-01-06'
        WHERE contract_id = ANY($1::uuid[])`,
      [[expired.contractId, active.contractId]],
    );
    expiredContract = await contractNumberOf(expired.contractId);
    activeContract = await contractNumberOf(active.contractId);
    [{ id: activeApplication }] = (await sys.db.query(`SELECT id FROM applications WHERE contract_id = $1`, [
      active.contractId,
    ])) as { id: string }[];

    await seedUser(sys.db, ENTERPRISE, '企业财务王', 'enterprise', { enterpriseId: expired.enterpriseId });
    await seedUser(sys.db, SUPPLIER, '百度销售李', 'supplier', { supplierId: suppliers.get('baidu')!.id });

    // The supplier already settled ¥100,000.01 of the active voucher's ¥500,000.00 contract.
    const supplier = await apiToken(sys.base, SUPPLIER);
    const first = await apiCall(
      sys.base,
      supplier,
      'POST',
      `/supplier/contracts/${active.contractId}/settlements`,
      {
        periodStart: '2025-01-10',
        periodEnd: '2025-03-31',
        amount: '100000.01',
        invoiceNumber: 'FP-PORTAL-0001',
        invoiceDate: '2025-04-01',
      },
    );
    expect(first.status).toBe(201);
  });

  it('vouchers show their last day; the expired one offers no 申请兑付 and says why, the active one does', async () => {
    const { page, sys } = suite;
    await signInAs(page, sys.base, ENTERPRISE);
    await page.click('[data-testid="nav-/vouchers"]');
    await page.waitForSelector('[data-testid=voucher-row]');
    expect(await page.locator('[data-testid=voucher-row]').count()).toBe(2);
    expect(await textOf(page, 'table thead')).toContain('有效期至');

    // Every date in the table stays on one line at the console's usual width (no "2025-" / "06-30").
    const dateLines = await page.evaluate(() =>
      Array.from(document.querySelectorAll('[data-testid=voucher-row] .date')).map((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return { text: (el as HTMLElement).innerText, lines: range.getClientRects().length };
      }),
    );
    expect(dateLines).toHaveLength(4); // issued on and valid until, two vouchers
    for (const date of dateLines) expect(date).toEqual({ text: date.text, lines: 1 });

    const expiredRow = page.locator('[data-testid=voucher-row]').filter({ hasText: expiredContract });
    expect(await expiredRow.locator('[data-testid=voucher-valid-until]').innerText()).toBe('2025-06-30');
    expect(await expiredRow.innerText()).toContain('已过期');
    expect(
      (await expiredRow.locator('[data-testid=no-claim-reason]').innerText()).replace(/\s+/g, ' ').trim(),
    ).toBe('已于 2025-06-30 到期 · 算力券已过期，不能再申请兑付');
    expect(await expiredRow.locator('[data-testid=voucher-claim]').count()).toBe(0);
    expect(await expiredRow.getByRole('link', { name: '申请兑付', exact: true }).count()).toBe(0);
    expect(await expiredRow.getByRole('button', { name: '申请兑付', exact: true }).count()).toBe(0);

    const activeRow = page.locator('[data-testid=voucher-row]').filter({ hasText: activeContract });
    expect(await activeRow.locator('[data-testid=voucher-valid-until]').innerText()).toBe('2025-12-31');
    expect(await activeRow.innerText()).not.toContain('已过期');
    expect(await activeRow.locator('[data-testid=no-claim-reason]').count()).toBe(0);
    const claim = activeRow.getByRole('link', { name: '申请兑付', exact: true });
    expect(await claim.count()).toBe(1);

    await shot(page, 'portal-01-vouchers');
    // PDF names the certificate's file format (算力券凭证（PDF）), as Chinese forms do.
    await expectNoEnglish(page, 'body', [expiredContract, activeContract, 'PDF']);

    // The offer leads to the settlements, where the supplier's settlement can be claimed.
    await claim.click();
    await page.waitForSelector('[data-testid=settlement-row]');
    expect(new URL(page.url()).pathname).toBe('/console/settlements');
    const row = page.locator('[data-testid=settlement-row]').filter({ hasText: 'FP-PORTAL-0001' });
    expect(await row.getByRole('button', { name: '申请兑付', exact: true }).count()).toBe(1);
  });

  it("the enterprise's application shows the progress tracker's steps with their dates", async () => {
    const { page, sys } = suite;
    await page.goto(`${sys.base}/console/applications/${activeApplication}`);
    await page.waitForSelector('[data-testid=progress-tracker] [data-testid=progress-step]');
    const steps = page.locator('[data-testid=progress-step]');
    expect(await steps.count()).toBe(7);
    // Each step's parts (name, date, time limit, badge) as the user reads them, one after the other.
    const step = async (key: string) =>
      (await page.locator(`[data-testid=progress-step][data-step=${key}] > span`).allInnerTexts())
        .map((t) => t.trim())
        .join(' ');
    expect(await step('submitted')).toBe('提交申请 完成于 2025-01-06');
    expect(await step('decision')).toContain('审批决定 完成于 2025-01-10');
    expect(await step('voucher')).toContain('发放算力券 完成于 2025-01-10');
    // The first settlement's date is its invoice date; its time limit is the voucher's last day of use.
    expect(await step('settlement')).toContain('服务结算 完成于 2025-04-01');
    expect(await step('settlement')).toContain('时限 2025-12-31');
    const cutoff = claimCutoffDate(BEIJING_2023_2025, 2025);
    expect(cutoff).not.toBeNull();
    expect(await step('claim')).toBe(`申请兑付 时限 ${cutoff} 进行中`);
    expect(
      await page.locator('[data-testid=progress-step][data-step=claim]').getAttribute('data-state'),
    ).toBe('current');
    expect(await step('paid')).toBe('兑付到账');
    expect(await textOf(page, '[data-testid=progress-tracker]')).toContain('办理进度');
    await expectNoEnglish(page, '[data-testid=progress-tracker]');
  });

  it('after the session ends, signing in again lands on the same page', async () => {
    const { page, sys } = suite;
    const here = `/console/applications/${activeApplication}`;
    expect(new URL(page.url()).pathname).toBe(here);

    // The token is no longer accepted (401): the console says the session expired and keeps the page.
    await page.evaluate(
      `(() => { const s = JSON.parse(localStorage.getItem('cv.session')); s.token = 'no-longer-valid';
                localStorage.setItem('cv.session', JSON.stringify(s)); })()`,
    );
    await page.reload();
    await page.waitForSelector('[data-testid=login-flash]');
    expect(await textOf(page, '[data-testid=login-flash]')).toBe('登录已过期，请重新登录');
    expect(new URL(page.url()).pathname).toBe('/console/login');
    await signInHere(ENTERPRISE);
    await page.waitForSelector('[data-testid=progress-tracker]');
    expect(new URL(page.url()).pathname).toBe(here);

    // The token's own expiry passed while the tab was away: opening a page signs in there again.
    await page.evaluate(
      `(() => { const s = JSON.parse(localStorage.getItem('cv.session')); s.expiresAt = Date.now() - 1000;
                localStorage.setItem('cv.session', JSON.stringify(s)); })()`,
    );
    await page.goto(`${sys.base}/console/vouchers`);
    await page.waitForSelector('input[name=email]');
    expect(new URL(page.url()).pathname).toBe('/console/login');
    await signInHere(ENTERPRISE);
    await page.waitForSelector('[data-testid=voucher-row]');
    expect(new URL(page.url()).pathname).toBe('/console/vouchers');
  });

  it('a supplier sees what is left to settle, settles with the invoice PDF, and left to settle drops to the fen', async () => {
    const { page, sys } = suite;
    await signInAs(page, sys.base, SUPPLIER);
    await page.waitForSelector('[data-testid=contract-row]');
    expect(await textOf(page, 'table thead')).toContain('待结算金额');
    const listRow = page.locator('[data-testid=contract-row]').filter({ hasText: activeContract });
    expect(await listRow.innerText()).toContain('¥399,999.99');

    await listRow.getByRole('link', { name: activeContract }).click();
    await page.waitForSelector('[data-testid=left-to-settle]');
    expect(await textOf(page, '[data-testid=left-to-settle]')).toBe('¥399,999.99');
    expect(await textOf(page, 'main')).toContain('待结算金额');

    const form = page.locator('[data-testid=settlement-form]');
    await form.locator('input[name=periodStart]').fill('2025-04-01');
    await form.locator('input[name=periodEnd]').fill('2025-06-30');
    // Typed as people write amounts, with thousands separators.
    await form.locator('input[name=amount]').fill('12,345.67');
    await form.locator('input[name=invoiceNumber]').fill('FP-PORTAL-0002');
    await form.locator('input[name=invoiceDate]').fill('2025-07-01');
    await form
      .locator('input[name=invoiceFile]')
      .setInputFiles({ name: '发票-FP-PORTAL-0002.pdf', mimeType: 'application/pdf', buffer: invoicePdf });
    await form.locator('button[type=submit]').click();
    await page.waitForSelector('[data-testid=settlement-confirmed]');
    expect(await textOf(page, '[data-testid=settlement-confirmed]')).toContain('FP-PORTAL-0002');

    // ¥399,999.99 − ¥12,345.67 = ¥387,654.32, to the fen.
    await eventually(
      async () => ((await textOf(page, '[data-testid=left-to-settle]')) === '¥387,654.32' ? true : undefined),
      'left to settle to drop by the settled amount',
    );
    const row = page.locator('[data-testid=supplier-settlement-row]').filter({ hasText: 'FP-PORTAL-0002' });
    await row.locator('[data-testid=invoice-file]').waitFor();
    expect(await row.locator('[data-testid=invoice-file]').innerText()).toBe('发票-FP-PORTAL-0002.pdf');
    // The earlier settlement had no file attached.
    expect(
      await page
        .locator('[data-testid=supplier-settlement-row]')
        .filter({ hasText: 'FP-PORTAL-0001' })
        .innerText(),
    ).toContain('未上传');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.locator('[data-testid=invoice-file]').click(),
    ]);
    expect(download.suggestedFilename()).toBe('发票-FP-PORTAL-0002.pdf');
    expect(fs.readFileSync((await download.path())!).equals(invoicePdf)).toBe(true);
    await shot(page, 'portal-02-supplier-contract');

    // The contracts list agrees.
    await page.click('[data-testid="nav-/contracts"]');
    await page.waitForSelector('[data-testid=contract-row]');
    expect(
      await page.locator('[data-testid=contract-row]').filter({ hasText: activeContract }).innerText(),
    ).toContain('¥387,654.32');
  });

  it("an inbox message opens its record: the supplier's settlement notice leads to the settlements", async () => {
    const { page, sys } = suite;
    await signInAs(page, sys.base, ENTERPRISE);
    await page.click('[data-testid="nav-/inbox"]');
    await page.waitForSelector('.inbox-row');
    const rows = page.locator('.inbox li').filter({ hasText: '算力服务结算已确认' });
    expect(await rows.count()).toBe(2);
    // Newest first: the settlement the supplier just recorded.
    await rows.first().locator('.inbox-row').click();
    await page.waitForSelector('.message-open');
    expect(await textOf(page, '.message-open .message')).toContain('FP-PORTAL-0002');
    const link = page.locator('[data-testid=inbox-record-link]');
    expect((await link.innerText()).trim()).toBe('查看相关记录');
    await link.click();
    await page.waitForSelector('[data-testid=settlement-row]');
    expect(new URL(page.url()).pathname).toBe('/console/settlements');
    const record = page.locator('[data-testid=settlement-row]').filter({ hasText: 'FP-PORTAL-0002' });
    expect(await record.count()).toBe(1);
    expect(await record.innerText()).toContain('¥12,345.67');
  });
});
