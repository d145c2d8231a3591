import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { createEnterprise } from '../support/fixtures';
import { eventually } from '../support/wait';
import { fillRequiredMaterials } from './materials';
import {
  MEDICAL_YEAR,
  consoleSuite,
  fillApplyForm,
  publishScreenshot,
  seedUsers,
  setClock,
  shot,
  signInAs,
  signOut,
  textOf,
  type System,
} from './harness';

/**
 * A Beijing program year driven through the web console as its four kinds of users drive it, against the
 * real API, worker, Temporal, PostgreSQL and an SMTP sink: apply, review with a supplement round, second
 * approval (refused to the first reviewer), supplier settlement, claim, and finance's redemption run.
 */
describe('the web console through a Beijing program year (Chromium, real API + worker)', () => {
  const suite = consoleSuite('year');
  let sys: System;
  let page: Page;
  let baiduId: string;
  const ENTERPRISE = '北京智算医疗科技有限公司';

  beforeAll(async () => {
    ({ sys, page } = suite);
    const suppliers = suite.suppliers;
    baiduId = suppliers.get('baidu')!.id;
    const ent = await createEnterprise(sys.db, { name: ENTERPRISE });
    await seedUsers(sys.db, [
      ['admin@console.example.cn', '管理员', 'admin'],
      ['ops@zhisuan.example.cn', '智算医疗 经办人', 'enterprise', { enterpriseId: ent.id }],
      ['wang@bureau.example.cn', '王审核', 'senior_reviewer'],
      ['li@bureau.example.cn', '李复核', 'senior_reviewer'],
      ['settle@baidu.example.cn', '百度结算', 'supplier', { supplierId: baiduId }],
      ['finance@bureau.example.cn', '财务张', 'finance'],
      // Four eyes (ADR 0045): the one who starts a run by hand does not approve it.
      ['chen@bureau.example.cn', '财务陈', 'finance'],
    ]);
  });

  const setDate = (businessDate: string) => setClock(sys, 'admin@console.example.cn', businessDate);
  const statusIs = (status: string) =>
    page.waitForSelector(`[data-testid=application-status] [data-status=${status}]`, { timeout: 30_000 });

  let appUrl = '';

  it('an enterprise applies with the guided form and sees the automated checks and the computation', async () => {
    await setDate('2025-03-03');
    await signInAs(page, sys.base, 'ops@zhisuan.example.cn');
    expect(await textOf(page, '[data-testid=whoami]')).toContain('企业');
    // Role-based navigation: an enterprise sees its own menu only.
    const nav = await textOf(page, '.topbar nav');
    expect(nav).toContain('申领算力券');
    expect(nav).not.toContain('审核队列');
    expect(nav).not.toContain('兑付批次');

    await page.click('[data-testid="nav-/applications/new"]');
    // Validation as they type, with the API's rules: separators are an amount, a bad grouping is not.
    await fillApplyForm(page, {
      ...MEDICAL_YEAR,
      supplierId: baiduId,
      contractNumber: 'BD-HT-2025-0042',
      amount: '5,00,000',
    });
    await page.getByText('金额须为数字，最多两位小数').first().waitFor();
    await page.fill('input[name="lines.0.amount"]', '5,000,000.00');
    expect(await page.getByText('金额须为数字，最多两位小数').count()).toBe(0);
    // The program's materials checklist: submit stays disabled until the required slots are filled.
    await fillRequiredMaterials(page);
    // The browser computes the estimate with the same domain rules: 5,000,000 × 306/365 × 20%.
    expect(await textOf(page, '[data-testid=estimate]')).toBe('¥838,356.16');
    await shot(page, '01-enterprise-apply');
    await page.click('[data-testid=apply-form] button[type=submit]');

    await page.waitForSelector('[data-testid=application-page]');
    appUrl = page.url();
    await statusIs('in_review');
    expect(await page.locator('[data-testid=check-row]').count()).toBeGreaterThan(10);
    expect(await textOf(page, '[data-testid=checks]')).toContain('通过');
    expect(await textOf(page, '[data-testid=quoted-face-value]')).toBe('¥838,356.16');
    expect(await textOf(page, '[data-testid=room-left]')).toBe('¥2,000,000.00');
    const computation = await textOf(page, '[data-testid=computation]');
    expect(computation).toContain('365');
    expect(computation).toContain('306');
    expect(computation).toContain('¥4,191,780.82');
    expect(computation).toContain('20%');
    await shot(page, '02-enterprise-application-in-review');
    await signOut(page);
  });

  it('a reviewer claims the task and requests a supplement (the reason is required)', async () => {
    await signInAs(page, sys.base, 'wang@bureau.example.cn');
    const nav = await textOf(page, '.topbar nav');
    expect(nav).toContain('审核队列');
    expect(nav).toContain('复核队列');
    expect(nav).not.toContain('申领算力券');
    // Reviewers find an enterprise's task with the name filter (the queue may hold thousands).
    await page.fill('input[name=enterprise]', '智算医疗');
    const row = page.locator('[data-testid=queue-row]', { hasText: ENTERPRISE });
    await eventually(async () => {
      await page.click('[data-testid=refresh]');
      await page.waitForTimeout(200);
      return (await row.count()) > 0;
    }, 'the task in the unassigned queue');
    expect(await row.first().innerText()).toContain('¥838,356.16');
    await shot(page, '03-reviewer-queue');
    await row.first().getByRole('button', { name: '领取' }).click();
    await page.click('[data-testid=tab-mine]');
    await row.first().waitFor();
    expect(await row.first().innerText()).toContain('王审核');

    await row.first().getByRole('link').click();
    await page.waitForSelector('[data-testid=decision-form]');
    await page.check('input[name=decision][value=request_supplement]');
    await page.click('[data-testid=decision-form] button[type=submit]');
    await page.getByText('驳回或要求补充材料时必须填写理由').waitFor();
    await page.fill('textarea[name=reason]', '请补充算力交付方案');
    await page.click('[data-testid=decision-form] button[type=submit]');
    // A decision is confirmed before it is sent (ADR 0048).
    await page.getByRole('dialog').getByRole('button', { name: '确认' }).click();
    await statusIs('supplement_requested');
    expect(await textOf(page, '[data-testid=history]')).toContain('要求补充材料');
    await signOut(page);
  });

  it('the enterprise uploads the material and resubmits', async () => {
    await signInAs(page, sys.base, 'ops@zhisuan.example.cn');
    await page.goto(appUrl);
    await statusIs('supplement_requested');
    expect(await textOf(page, '[data-testid=supplement-reason]')).toContain('请补充算力交付方案');
    await page.setInputFiles('input[name=file]', {
      name: '交付方案.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 delivery plan'),
    });
    await page
      .locator('[data-testid=materials]', { hasText: '交付方案.pdf' })
      .waitFor({ timeout: 10_000 })
      .catch(async (e) => {
        await shot(page, 'debug-upload');
        throw e;
      });
    await page.fill('textarea[name=note]', '已补充交付方案');
    await page.getByRole('button', { name: '重新提交' }).click();
    await statusIs('in_review');
    expect(await textOf(page, '[data-testid=history]')).toContain('重新提交');
    await signOut(page);
  });

  it('the reviewer approves the second round; as a senior, the same person is refused the second approval', async () => {
    await signInAs(page, sys.base, 'wang@bureau.example.cn');
    await page.fill('input[name=enterprise]', '智算医疗');
    const row = page.locator('[data-testid=queue-row]', { hasText: ENTERPRISE });
    await eventually(async () => {
      await page.click('[data-testid=refresh]');
      await page.waitForTimeout(200);
      return (await row.count()) > 0 && (await row.first().innerText()).includes('轮次 2');
    }, 'the round-2 task');
    await row.first().getByRole('button', { name: '领取' }).click();
    await page.click('[data-testid=tab-mine]');
    await row.first().getByRole('link').click();
    await page.waitForSelector('[data-testid=decision-form]');
    await page.check('input[name=decision][value=approve]');
    await page.click('[data-testid=decision-form] button[type=submit]');
    await page.getByRole('dialog').getByRole('button', { name: '确认' }).click();
    await statusIs('awaiting_second_approval');
    await page.getByText('您是该申请的初审人').first().waitFor();

    await page.click('[data-testid="nav-/review/second"]');
    await page.fill('input[name=enterprise]', '智算医疗');
    const second = page.locator('[data-testid=queue-row]', { hasText: ENTERPRISE });
    await eventually(async () => {
      await page.click('[data-testid=refresh]');
      await page.waitForTimeout(200);
      return (await second.count()) > 0;
    }, 'the second-approval task');
    expect(await second.first().getByRole('button', { name: '领取' }).isDisabled()).toBe(true);
    expect(await second.first().innerText()).toContain('您是该申请的初审人');
    await shot(page, '04-second-approval-refused');
    await signOut(page);
  });

  it('another senior reviewer gives the second approval and the voucher is issued', async () => {
    await signInAs(page, sys.base, 'li@bureau.example.cn');
    await page.click('[data-testid="nav-/review/second"]');
    await page.fill('input[name=enterprise]', '智算医疗');
    const row = page.locator('[data-testid=queue-row]', { hasText: ENTERPRISE });
    await row.first().waitFor();
    await row.first().getByRole('button', { name: '领取' }).click();
    await page.click('[data-testid=tab-mine]');
    await row.first().getByRole('link').click();
    await page.waitForSelector('[data-testid=decision-form]');
    // The first reviewer's opinion is shown to the senior; no decision is preselected.
    expect(await textOf(page, '[data-testid=first-opinion]')).toContain('通过');
    await page.check('input[name=decision][value=approve]');
    await page.click('[data-testid=decision-form] button[type=submit]');
    await page.getByRole('dialog').getByRole('button', { name: '确认' }).click();
    await statusIs('issued');
    expect(await textOf(page, '[data-testid=face-value]')).toBe('¥838,356.16');
    expect(await textOf(page, '[data-testid=voucher]')).toContain('¥838,356.16');
    const history = await textOf(page, '[data-testid=history]');
    for (const step of ['提交申领', '要求补充材料', '上传材料', '重新提交', '审核通过', '发放算力券'])
      expect(history).toContain(step);
    expect(history).toContain('王审核');
    expect(history).toContain('李复核');
    await shot(page, '05-application-issued');
    await signOut(page);
  });

  it('the supplier confirms a delivered part with its invoice', async () => {
    await signInAs(page, sys.base, 'settle@baidu.example.cn');
    expect(await textOf(page, '.topbar nav')).not.toContain('审核队列');
    const row = page.locator('[data-testid=contract-row]', { hasText: 'BD-HT-2025-0042' });
    await row.waitFor();
    expect(await row.innerText()).toContain('¥5,000,000.00');
    await row.getByRole('link').click();
    await page.fill('input[name=periodStart]', '2025-03-01');
    await page.fill('input[name=periodEnd]', '2025-06-30');
    await page.fill('input[name=amount]', '1000000.00');
    await page.fill('input[name=invoiceNumber]', 'BD 2025/001');
    await page.getByText('发票号仅可包含字母、数字和连字符').waitFor();
    await page.fill('input[name=invoiceNumber]', 'BD-2025-001');
    await page.fill('input[name=invoiceDate]', '2025-07-02');
    await page.click('[data-testid=settlement-form] button[type=submit]');
    await page.waitForSelector('[data-testid=settlement-confirmed]');
    const settled = page.locator('[data-testid=supplier-settlement-row]', { hasText: 'BD-2025-001' });
    expect(await settled.innerText()).toContain('¥1,000,000.00');
    await shot(page, '06-supplier-settlement');
    await signOut(page);
  });

  it('the enterprise files a claim and sees which run it goes to', async () => {
    await setDate('2025-07-05');
    await signInAs(page, sys.base, 'ops@zhisuan.example.cn');
    await page.click('[data-testid="nav-/vouchers"]');
    const voucher = page.locator('[data-testid=voucher-row]', { hasText: 'BD-HT-2025-0042' });
    expect(await voucher.innerText()).toContain('¥838,356.16');
    await page.click('[data-testid="nav-/settlements"]');
    const row = page.locator('[data-testid=settlement-row]', { hasText: 'BD-2025-001' });
    await row.getByRole('button', { name: '申请兑付' }).click();
    await page.click('[data-testid=claim-form] button[type=submit]');
    expect(await textOf(page, '[data-testid=claim-filed]')).toContain('2025 年第 3 季度');
    const claim = page.locator('[data-testid=claim-row]').first();
    expect(await claim.innerText()).toContain('¥1,000,000.00');
    expect(await claim.innerText()).toContain('2025 Q3');
    await shot(page, '07-enterprise-claim');
    await signOut(page);
  });

  it('finance starts the Q3 run, previews, approves, watches it complete and downloads the CSV', async () => {
    await setDate('2025-09-30');
    await signInAs(page, sys.base, 'finance@bureau.example.cn');
    expect(await textOf(page, '.topbar nav')).toContain('预算看板');
    await page.fill('input[name=year]', '2025');
    await page.selectOption('select[name=quarter]', '3');
    await page.click('[data-testid=start-run] button[type=submit]');
    await page.waitForSelector('[data-testid=run-page]', { timeout: 45_000 });
    await page.waitForSelector('[data-testid=run-status] [data-status=awaiting_approval]', {
      timeout: 45_000,
    });
    expect(await textOf(page, '[data-testid=run-claims]')).toBe('1');
    expect(await textOf(page, '[data-testid=run-total]')).toBe('¥200,000.00');
    expect(await textOf(page, '[data-testid=by-enterprise]')).toContain(ENTERPRISE);
    expect(await textOf(page, '[data-testid=by-enterprise]')).toContain('¥200,000.00');
    expect(await textOf(page, '[data-testid=by-supplier]')).toContain('¥200,000.00');
    await shot(page, '08-finance-run-preview');
    // The starter sees why they cannot approve; a second finance user approves.
    await page.waitForSelector('[data-testid=run-approval-block]');
    expect(await page.getByRole('button', { name: '审批并拨付' }).count()).toBe(0);
    const runUrl = page.url();
    await signOut(page);
    await signInAs(page, sys.base, 'chen@bureau.example.cn');
    await page.goto(runUrl);
    await page.waitForSelector('[data-testid=run-status] [data-status=awaiting_approval]');

    await page.getByRole('button', { name: '审批并拨付' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.innerText()).toContain('¥200,000.00');
    await dialog.getByRole('button', { name: '确认' }).click();
    await page.waitForSelector('[data-testid=run-status] [data-status=completed]', { timeout: 60_000 });
    expect(await textOf(page, '[data-testid=run-paid]')).toBe('¥200,000.00');
    await shot(page, '09-finance-run-completed');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 CSV' }).click(),
    ]);
    const csv = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    const header = lines[0].split(',');
    const cells = lines[1].split(',');
    const col = (name: string) => cells[header.indexOf(name)];
    expect(col('发票号码')).toBe('BD-2025-001');
    expect(col('兑付金额(元)')).toBe('200000.00');
    expect(col('发票可支持金额(元)')).toBe('1000000.00');
    expect(col('状态')).toBe('已拨付');
    expect(col('企业名称')).toBe(ENTERPRISE);
  });

  it('finance reads the budget dashboard', async () => {
    await page.click('[data-testid="nav-/dashboard"]');
    await page.waitForSelector('[data-testid=dashboard]');
    await shot(page, '10-finance-dashboard');
    expect(await textOf(page, '[data-testid=kpi-issued]')).toBe('¥838,356.16');
    expect(await textOf(page, '[data-testid=kpi-redeemed]')).toBe('¥200,000.00');
    expect(await textOf(page, '[data-testid=kpi-outstanding]')).toBe('¥638,356.16');
    expect(await textOf(page, '[data-testid=dashboard]')).toContain(ENTERPRISE);
  });

  it('switches to English (persisted) and sends an expired session back to sign-in with a message', async () => {
    await page.getByRole('button', { name: 'EN' }).click();
    expect(await textOf(page, '.topbar nav')).toContain('Budget dashboard');
    await page.reload();
    await page.waitForSelector('[data-testid=dashboard]');
    expect(await textOf(page, '.topbar nav')).toContain('Redemption runs');
    expect(await textOf(page, '[data-testid=kpi-issued]')).toBe('¥838,356.16');
    // The server stops accepting the token: the next request answers 401.
    await page.evaluate(`(() => {
      const s = JSON.parse(localStorage.getItem('cv.session'));
      s.token = s.token + 'x';
      localStorage.setItem('cv.session', JSON.stringify(s));
    })()`);
    await page.click('[data-testid="nav-/runs"]');
    await page.waitForSelector('[data-testid=login-flash]');
    expect(await textOf(page, '[data-testid=login-flash]')).toBe(
      'Your session has expired; please sign in again',
    );
  });

  afterAll(() => {
    // The README shows these screens (the queue with 10,000 tasks comes from the performance test).
    publishScreenshot('05-application-issued', 'application');
    publishScreenshot('10-finance-dashboard', 'budget-dashboard');
  });
});
