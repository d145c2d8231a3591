/// <reference lib="dom" />
// The checks below run inside the page (page.evaluate), where the DOM is.
import type { Page } from 'playwright-core';
import { applicationBody, beijingTerms, createEnterprise } from '../support/fixtures';
import { seedVoucherWithClaims } from '../support/redemption-fixtures';
import { eventually } from '../support/wait';
import {
  XINGHE,
  YUNNAO,
  apiCall,
  apiCallAs,
  apiToken,
  consoleSuite,
  expectNoEnglish,
  publishScreenshot,
  reviewTaskOf,
  seedUsers,
  setClock,
  shot,
  signInAs,
  textOf,
  type System,
} from './harness';

interface RegisterItem {
  id: string;
  number: string;
  enterpriseName: string;
  status: string;
  voucherId?: string | null;
  voucherStatus?: string | null;
}

/**
 * The administrator's registers (ADR 0050), in Chromium against the real API, worker and Temporal: the
 * applications register searched by enterprise, number, status and program; a voucher withdrawn from it
 * with a reason (the voucher and the audit log change, nothing else does); the vouchers register, where a
 * voucher with claims still in a run cannot be withdrawn; 发起兑付批次 shown to finance only; the sandbox
 * clock set, advanced and turned off through its form.
 */
describe('the admin registers, role-gated buttons and the clock form (Chromium, real API + worker)', () => {
  const suite = consoleSuite('registers');
  /** A record's reference number, as the registers show it. */
  const refOf = async (table: string, id: string): Promise<string> =>
    (await suite.sys.db.query(`SELECT reference_no FROM ${table} WHERE id = $1`, [id]))[0].reference_no;
  let sys: System;
  let page: Page;
  let adminToken: string;
  /** What set-up made: an application approved (its voucher issued), one in review, a voucher with claims in a run. */
  let made: {
    issuedApp: string;
    issuedVoucher: string;
    reviewingApp: string;
    busyVoucher: string;
  };
  const ADMIN = 'admin@registers.example.cn';
  const FINANCE = 'finance@registers.example.cn';

  beforeAll(async () => {
    ({ sys, page } = suite);
    const baiduId = suite.suppliers.get('baidu')!.id;
    const xinghe = await createEnterprise(sys.db, { name: XINGHE });
    const yunnao = await createEnterprise(sys.db, { name: YUNNAO });
    await seedUsers(sys.db, [
      [ADMIN, '局管理员', 'admin'],
      [FINANCE, '财务经办', 'finance'],
      ['reviewer@registers.example.cn', '审核员', 'reviewer'],
      ['ops@xinghe.example.cn', '星河经办', 'enterprise', { enterpriseId: xinghe.id }],
      ['ops@yunnao.example.cn', '云脑经办', 'enterprise', { enterpriseId: yunnao.id }],
    ]);
    adminToken = await setClock(sys, ADMIN, '2025-05-06');

    const apply = async (email: string, contractNumber: string) => {
      const terms = { signedOn: '2025-04-20', startDate: '2025-05-01', applicationDomain: 'medical' };
      const body = applicationBody(beijingTerms(baiduId, contractNumber, terms));
      const res = await apiCallAs(sys, email, 'POST', '/applications', body);
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const issuedApp = await apply('ops@xinghe.example.cn', 'XH-2025-001');
    const reviewingApp = await apply('ops@yunnao.example.cn', 'YN-2025-001');
    const reviewer = await apiToken(sys.base, 'reviewer@registers.example.cn');
    const taskId = await reviewTaskOf(sys, reviewer, issuedApp);
    expect((await apiCall(sys.base, reviewer, 'POST', `/review-tasks/${taskId}/claim`)).status).toBe(200);
    const decided = await apiCall(sys.base, reviewer, 'POST', `/review-tasks/${taskId}/decision`, {
      decision: 'approve',
    });
    expect(decided.status).toBe(200);
    const issuedVoucher = await eventually(async () => {
      const [v] = await sys.db.query(
        `SELECT id FROM vouchers WHERE application_id = $1 AND status = 'active'`,
        [issuedApp],
      );
      return v?.id as string | undefined;
    }, 'the issued voucher');
    // A voucher with one claim already paid and one still pending in the Q2 run.
    const busy = await seedVoucherWithClaims(sys.db, {
      faceValue: '50000.00',
      issuedOn: '2025-04-01',
      claims: [
        {
          amount: '10000.00',
          claimedOn: '2025-04-10',
          deliveredOn: '2025-04-05',
          runYear: 2025,
          runQuarter: 2,
        },
      ],
    });
    const busyVoucher = busy.voucherId;
    made = { issuedApp, issuedVoucher, reviewingApp, busyVoucher };
  });

  const register = async (url: string): Promise<RegisterItem[]> => {
    const res = await apiCall(sys.base, adminToken, 'GET', url);
    expect(res.status).toBe(200);
    return res.body.items as RegisterItem[];
  };
  const rows = (testId: string) => page.locator(`[data-testid=${testId}-row]`);
  /** Waits until the register shows `count` rows (the search is debounced), the first holding `text`. */
  const waitRows = async (testId: string, count: number, text = '') =>
    eventually(
      async () =>
        (await rows(testId).count()) === count && (await rows(testId).first().innerText()).includes(text),
      `${count} ${testId} rows showing ${text}`,
      10_000,
    );

  it('searches the applications register by enterprise, number, status and program', async () => {
    await signInAs(page, sys.base, ADMIN);
    await page.click('[data-testid="nav-/admin/applications"]');
    const card = page.locator('[data-testid=application-register]');
    await waitRows('application-register', 3);

    await card.locator('input[name=q]').fill('星河');
    await waitRows('application-register', 1, XINGHE);

    // The start of the number shown in the table finds the same application.
    const number = await refOf('applications', made.issuedApp);
    await card.locator('input[name=q]').fill(number.toLowerCase());
    await waitRows('application-register', 1, number);

    await card.locator('input[name=q]').fill('');
    await waitRows('application-register', 3);
    await card.locator('select[name=status]').selectOption('in_review');
    await waitRows('application-register', 1, await refOf('applications', made.reviewingApp));
    expect(await textOf(page, '[data-testid=application-register-row]')).toContain(YUNNAO);
    await card.locator('select[name=status]').selectOption('');
    await card.locator('select[name=programCode]').selectOption('beijing-ai-compute-2023');
    await waitRows('application-register', 3);
    await card.locator('select[name=programCode]').selectOption('');
    // The data the test put there (names as registered, program names as published) may hold Latin letters.
    const shown = (await register('/admin/applications?pageSize=50')) as unknown as Record<string, string>[];
    const programs = (await apiCall(sys.base, adminToken, 'GET', '/admin/programs')) as unknown as {
      body: { nameZh: string }[];
    };
    await expectNoEnglish(
      page,
      '[data-testid=application-register]',
      shown.flatMap((a) => [a.number, a.enterpriseName]).concat(programs.body.map((p) => p.nameZh)),
    );
    await shot(page, 'admin-application-register');
    publishScreenshot('admin-application-register', 'admin-application-register');

    // Bad filters are refused field by field.
    const bad = await apiCall(
      sys.base,
      adminToken,
      'GET',
      '/admin/applications?status=lost&programCode=A%20B',
    );
    expect(bad.status).toBe(400);
    const fields = (bad.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['programCode', 'status']);
  });

  it('withdraws a voucher from the applications register with a reason: it and the audit log change, nothing else', async () => {
    const before = await sys.db.query(
      `SELECT id, status, face_value, redeemed_amount FROM vouchers ORDER BY id`,
    );
    const appsBefore = await sys.db.query(`SELECT id, status FROM applications ORDER BY id`);
    const card = page.locator('[data-testid=application-register]');
    await card.locator('input[name=q]').fill('星河');
    await waitRows('application-register', 1, XINGHE);
    const row = rows('application-register').first();

    // Esc closes the dialog and gives focus back to the button; nothing is withdrawn.
    await row.locator('[data-testid=withdraw]').click();
    const dialog = page.locator('[data-testid=withdraw-dialog]');
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('reason');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('withdraw');

    // No reason: said next to the field, nothing sent.
    await row.locator('[data-testid=withdraw]').click();
    await dialog.locator('button[type=submit]').click();
    await dialog.getByText('请填写作废原因').waitFor();
    expect(
      await sys.db.query(`SELECT id, status, face_value, redeemed_amount FROM vouchers ORDER BY id`),
    ).toEqual(before);
    await shot(page, 'admin-withdraw-dialog');

    await dialog.locator('textarea[name=reason]').fill('虚报材料，依规收回');
    await dialog.locator('button[type=submit]').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`算力券 ${await refOf('applications', made.issuedApp)} 已作废`).waitFor();
    await eventually(
      async () => (await textOf(page, '[data-testid=application-register-row]')).includes('已撤回'),
      'the row to show the voucher withdrawn',
      10_000,
    );

    const after = await sys.db.query(
      `SELECT id, status, face_value, redeemed_amount FROM vouchers ORDER BY id`,
    );
    expect(after).toEqual(
      before.map((v: { id: string }) => (v.id === made.issuedVoucher ? { ...v, status: 'withdrawn' } : v)),
    );
    expect(await sys.db.query(`SELECT id, status FROM applications ORDER BY id`)).toEqual(appsBefore);
    const audit = await sys.db.query(
      `SELECT a.after, u.email FROM audit_log a JOIN users u ON u.id::text = a.actor::text
        WHERE a.action = 'voucher.withdrawn' AND a.entity_id = $1`,
      [made.issuedVoucher],
    );
    expect(audit).toEqual([{ after: { reason: '虚报材料，依规收回' }, email: ADMIN }]);
  });

  it('searches the vouchers register; a voucher with a claim still in a run cannot be withdrawn', async () => {
    await page.click('[data-testid="nav-/admin/vouchers"]');
    const card = page.locator('[data-testid=voucher-register]');
    await waitRows('voucher-register', 2);
    const busyNumber = await refOf('vouchers', made.busyVoucher);
    await card.locator('input[name=q]').fill(busyNumber);
    await waitRows('voucher-register', 1, busyNumber);
    const row = rows('voucher-register').first();
    expect(await row.locator('[data-testid=withdraw]').isDisabled()).toBe(true);
    expect(await textOf(page, '[data-testid=withdraw-blocked]')).toContain('尚有 1 笔申领在兑付批次中');
    await card.locator('input[name=q]').fill('');
    await waitRows('voucher-register', 2);
    await card.locator('select[name=status]').selectOption('withdrawn');
    await waitRows('voucher-register', 1, XINGHE);
    expect(await textOf(page, '[data-testid=voucher-register-row]')).toContain(
      await refOf('vouchers', made.issuedVoucher),
    );
    await card.locator('select[name=status]').selectOption('');
    await shot(page, 'admin-voucher-register');
    publishScreenshot('admin-voucher-register', 'admin-voucher-register');

    // The API refuses it too, in Chinese and English, and changes nothing.
    const res = await apiCall(sys.base, adminToken, 'POST', `/admin/vouchers/${made.busyVoucher}/withdraw`, {
      reason: '测试',
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('VOUCHER_CLAIMS_IN_FLIGHT');
    expect((res.body.messages as { zh: string }).zh).toContain('不能作废');
    const [v] = await sys.db.query(`SELECT status FROM vouchers WHERE id = $1`, [made.busyVoucher]);
    expect(v.status).toBe('active');
    expect(
      await sys.db.query(`SELECT 1 FROM audit_log WHERE action = 'voucher.withdrawn' AND entity_id = $1`, [
        made.busyVoucher,
      ]),
    ).toEqual([]);
  });

  it('shows 发起兑付批次 to finance and not to the admin', async () => {
    await page.click('[data-testid="nav-/runs"]');
    await page.waitForSelector('[data-testid=run-row], .empty');
    expect(await page.locator('[data-testid=start-run]').count()).toBe(0);
    expect(await page.getByText('发起兑付批次').count()).toBe(0);

    await signInAs(page, sys.base, FINANCE);
    await page.locator('[data-testid=start-run]').waitFor();
    expect(await page.locator('[data-testid=start-run] button[type=submit]').innerText()).toContain(
      '发起兑付批次',
    );
    // Finance has no register of applications (the API agrees: 403).
    expect(await page.locator('[data-testid="nav-/admin/applications"]').count()).toBe(0);
    const finance = await apiToken(sys.base, FINANCE);
    expect((await apiCall(sys.base, finance, 'GET', '/admin/applications')).status).toBe(403);
  });

  it('sets, advances and turns off the sandbox date through the clock form', async () => {
    await signInAs(page, sys.base, ADMIN);
    await page.click('[data-testid="nav-/admin/clock"]');
    await page.locator('[data-testid=clock-today]').waitFor();
    expect(await textOf(page, '[data-testid=clock-today]')).toBe('2025-05-06');

    const setForm = page.locator('[data-testid=clock-set]');
    await setForm.locator('input[name=businessDate]').fill('2025-02-30');
    await setForm.locator('button[type=submit]').click();
    await setForm.getByText('日期格式为 YYYY-MM-DD').waitFor();
    expect((await apiCall(sys.base, adminToken, 'GET', '/admin/clock')).body.today).toBe('2025-05-06');

    await setForm.locator('input[name=businessDate]').fill('2025-06-28');
    await setForm.locator('button[type=submit]').click();
    await page.getByText('业务日期已设置为 2025-06-28').waitFor();
    await eventually(
      async () => (await textOf(page, '[data-testid=clock-today]')) === '2025-06-28',
      'the new date shown',
      5_000,
    );

    const advance = page.locator('[data-testid=clock-advance]');
    await advance.locator('input[name=days]').fill('0');
    await advance.locator('button[type=submit]').click();
    await advance.getByText('请输入 1–366 之间的整数').waitFor();
    await advance.locator('input[name=days]').fill('5');
    await advance.locator('button[type=submit]').click();
    await page.getByText('业务日期已设置为 2025-07-03').waitFor();
    expect((await apiCall(sys.base, adminToken, 'GET', '/admin/clock')).body.today).toBe('2025-07-03');
    await expectNoEnglish(page, '[data-testid=clock]');
    await shot(page, 'admin-clock');
    publishScreenshot('admin-clock', 'admin-clock');

    await page.click('[data-testid=clock-off]');
    await page.getByText('已恢复真实日期').waitFor();
    const real = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    expect((await apiCall(sys.base, adminToken, 'GET', '/admin/clock')).body.today).toBe(real);
    const audit = await sys.db.query(`SELECT after FROM audit_log WHERE action = 'clock.set' ORDER BY id`);
    expect(audit.map((a: { after: { businessDate: string | null } }) => a.after.businessDate)).toEqual([
      '2025-05-06',
      '2025-06-28',
      '2025-07-03',
      null,
    ]);
  });
});
