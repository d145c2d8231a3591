import type { Locator, Page } from 'playwright-core';
import { applicationBody, beijingTerms, createEnterprise } from '../support/fixtures';
import { fillRequiredMaterials } from './materials';
import {
  PASSWORD,
  apiCall,
  apiToken,
  consoleSuite,
  expectNoEnglish,
  fillApplyForm,
  reviewTaskOf,
  seedUsers,
  setClock,
  shot,
  signInAs,
  submitSignIn,
  type System,
} from './harness';

type Lang = 'zh' | 'en';

interface Refusal {
  name: string;
  /** Provokes the refusal through the console; returns where the screen says why. */
  provoke(): Promise<Locator>;
  /** What that place must say in each language. */
  says: Record<Lang, RegExp>;
  /** The part of the screen that must hold no English word, code or id when in Chinese. */
  scope: string;
}

/**
 * Refusals provoked through the console as a user meets them — sign-in, an unknown session, a role, a
 * task someone else took, settlements beyond the contract, a reused invoice, a date that does not exist,
 * a taken email, a wrong current password, the server out of reach — each said in Chinese with no English
 * word, code or internal id on the screen; then the same refusals in English.
 */
describe('refusals on the console screens, in the user’s language (Chromium, real API + worker)', () => {
  const suite = consoleSuite('refusals');
  let sys: System;
  let page: Page;
  /** The application set-up made: its contract and its review task (in REVIEWER_A's queue). */
  let application: { id: string; contractId: string; taskId: string; reviewerAToken: string };
  const ADMIN = 'admin@refusals.example.cn';
  const COMPANY = 'company@refusals.example.cn';
  const SUPPLIER = 'supplier@refusals.example.cn';
  const REVIEWER_A = 'reviewer-a@refusals.example.cn';
  const REVIEWER_B = 'reviewer-b@refusals.example.cn';
  /** The contract applied for in set-up; the console's second application for it is refused. */
  const applied = () =>
    beijingTerms(suite.suppliers.get('baidu')!.id, '2025001', {
      signedOn: '2025-03-20',
      applicationDomain: 'medical',
      amount: '1000000.00',
    });

  beforeAll(async () => {
    ({ sys, page } = suite);
    const enterprise = await createEnterprise(sys.db, { name: '北京拒答测试科技有限公司' });
    await seedUsers(sys.db, [
      [ADMIN, '局管理员', 'admin'],
      [COMPANY, '企业经办人', 'enterprise', { enterpriseId: enterprise.id }],
      [SUPPLIER, '供给方经办人', 'supplier', { supplierId: applied().supplierId }],
      [REVIEWER_A, '审核员甲', 'reviewer'],
      [REVIEWER_B, '审核员乙', 'reviewer'],
    ]);
    await setClock(sys, ADMIN, '2025-04-01');
    const reviewerAToken = await apiToken(sys.base, REVIEWER_A);
    const companyToken = await apiToken(sys.base, COMPANY);
    const res = await apiCall(sys.base, companyToken, 'POST', '/applications', applicationBody(applied()));
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    const detail = await apiCall(sys.base, companyToken, 'GET', `/applications/${id}`);
    const contractId = (detail.body.contract as { id: string }).id;
    application = { id, contractId, taskId: await reviewTaskOf(sys, reviewerAToken, id), reviewerAToken };
    // One settlement confirmed already: its invoice number cannot be used again.
    const supplierToken = await apiToken(sys.base, SUPPLIER);
    const first = await apiCall(
      sys.base,
      supplierToken,
      'POST',
      `/supplier/contracts/${contractId}/settlements`,
      {
        periodStart: '2025-04-01',
        periodEnd: '2025-04-30',
        amount: '100000.00',
        invoiceNumber: '900001',
        invoiceDate: '2025-05-06',
      },
    );
    expect(first.status).toBe(201);
  });

  async function useLanguage(lang: Lang) {
    await page.goto(`${sys.base}/console/login`);
    await page.evaluate(`localStorage.setItem('cv.lang', '${lang}')`);
  }

  const signInWith = (email: string, password: string) => submitSignIn(page, sys.base, email, password);

  const field = (form: string, name: string) =>
    page.locator(`${form} .field`, { has: page.locator(`[name=${name}]`) }).locator('.field-error');

  async function settle(values: Record<string, string>): Promise<void> {
    await signInAs(page, sys.base, SUPPLIER);
    await page.goto(`${sys.base}/console/contracts/${application.contractId}`);
    const form = page.locator('[data-testid=settlement-form]');
    const filled = {
      periodStart: '2025-05-01',
      periodEnd: '2025-06-30',
      amount: '100.00',
      invoiceNumber: '900009',
      invoiceDate: '2025-07-01',
      ...values,
    };
    for (const [k, v] of Object.entries(filled)) await form.locator(`input[name=${k}]`).fill(v);
    await form.locator('button[type=submit]').click();
  }

  const refusals: Refusal[] = [
    {
      name: 'wrong password',
      provoke: async () => {
        await signInWith(ADMIN, `${PASSWORD}!`);
        return page.locator('.login [role=alert]');
      },
      says: { zh: /邮箱或密码错误/, en: /Wrong email or password/ },
      scope: '.login',
    },
    {
      name: 'the server out of reach',
      provoke: async () => {
        await page.route('**/auth/login', (route) => route.abort());
        await signInWith(ADMIN, PASSWORD);
        const alert = page.locator('.login [role=alert]');
        await alert.waitFor();
        await page.unroute('**/auth/login');
        return alert;
      },
      says: { zh: /无法连接服务器/, en: /cannot be reached/ },
      scope: '.login',
    },
    {
      name: 'an unknown session',
      provoke: async () => {
        await page.goto(`${sys.base}/console/login`);
        const user = { id: 'x', email: 'x@example.cn', displayName: '某人', role: 'enterprise' };
        const session = { token: 'not-a-token', user: { ...user, enterpriseId: null, supplierId: null } };
        const stored = JSON.stringify({ ...session, expiresAt: Date.now() + 3_600_000 });
        await page.evaluate(`localStorage.setItem('cv.session', ${JSON.stringify(stored)})`);
        await page.goto(`${sys.base}/console/applications`);
        return page.locator('[data-testid=login-flash]');
      },
      says: { zh: /登录已过期/, en: /session has expired/ },
      scope: '.login',
    },
    {
      name: 'a role that may not',
      provoke: async () => {
        await signInAs(page, sys.base, COMPANY);
        // The console is told the user is an administrator; the API knows better.
        await page.evaluate(`(() => {
          const s = JSON.parse(localStorage.getItem('cv.session'));
          localStorage.setItem('cv.session', JSON.stringify({ ...s, user: { ...s.user, role: 'admin' } }));
        })()`);
        await page.goto(`${sys.base}/console/admin/users`);
        return page.locator('main [role=alert]').first();
      },
      says: { zh: /您的角色无权执行此操作/, en: /Your role may not do this/ },
      scope: 'main [role=alert]',
    },
    {
      name: 'a task someone else has just taken',
      provoke: async () => {
        await signInAs(page, sys.base, REVIEWER_B);
        await page.goto(`${sys.base}/console/review`);
        const row = page.locator(`[data-testid=queue-row][data-application="${application.id}"]`);
        const claim = row.locator('button', { hasText: /^(领取|Claim)$/ });
        await claim.waitFor();
        // REVIEWER_A takes the task meanwhile.
        const byReviewerA = (step: 'claim' | 'release') =>
          apiCall(
            sys.base,
            application.reviewerAToken,
            'POST',
            `/review-tasks/${application.taskId}/${step}`,
          );
        expect((await byReviewerA('claim')).status).toBe(200);
        await claim.click();
        const alert = page.locator('main [role=alert]').first();
        await alert.waitFor();
        // Given back, so the same refusal can be met again in the other language.
        await byReviewerA('release');
        return alert;
      },
      says: { zh: /该任务已被他人领取或已办结/, en: /already assigned or no longer open/ },
      scope: 'main [role=alert]',
    },
    {
      name: 'settled beyond the contract amount',
      provoke: async () => {
        await settle({ amount: '2000000.00' });
        return field('[data-testid=settlement-form]', 'amount');
      },
      says: { zh: /结算累计金额超过合同金额/, en: /exceed the contract amount/ },
      scope: '[data-testid=settlement-form]',
    },
    {
      name: 'delivered outside the contract',
      provoke: async () => {
        await settle({ periodEnd: '2026-03-31', invoiceDate: '2026-04-01' });
        return field('[data-testid=settlement-form]', 'periodEnd');
      },
      says: { zh: /交付期间超出合同期限/, en: /must lie within the contract/ },
      scope: '[data-testid=settlement-form]',
    },
    {
      name: 'an invoice number used before',
      provoke: async () => {
        await settle({ invoiceNumber: '900001' });
        return page.locator('[data-testid=settlement-form] [role=alert]');
      },
      says: { zh: /发票号已使用/, en: /invoice number has already been confirmed/ },
      scope: '[data-testid=settlement-form]',
    },
    {
      name: 'a date that does not exist',
      provoke: async () => {
        await settle({ periodStart: '2025-02-30' });
        return field('[data-testid=settlement-form]', 'periodStart');
      },
      says: { zh: /日期/, en: /date/ },
      scope: '[data-testid=settlement-form]',
    },
    {
      name: 'a contract number already applied for',
      provoke: async () => {
        await signInAs(page, sys.base, COMPANY);
        await page.goto(`${sys.base}/console/applications/new`);
        await fillApplyForm(page, applied());
        await fillRequiredMaterials(page);
        await page.click('[data-testid=apply-form] button[type=submit]');
        return page.locator('[data-testid=apply-form] .field-error, [data-testid=apply-form] [role=alert]');
      },
      says: { zh: /同一合同仅能申领一次算力券/, en: /one application per contract/ },
      scope: '[data-testid=apply-form] .field-error, [data-testid=apply-form] [role=alert]',
    },
    {
      name: 'an email that already has a user',
      provoke: async () => {
        await signInAs(page, sys.base, ADMIN);
        await page.goto(`${sys.base}/console/admin/users`);
        await page.click('[data-testid=users] [data-testid=new]');
        const form = page.locator('[data-testid=users-form]');
        await form.locator('input[name=displayName]').fill('重复的审核员');
        await form.locator('input[name=email]').fill(REVIEWER_A);
        await form.locator('input[name=password]').fill(PASSWORD);
        await form.locator('select[name=role]').selectOption('reviewer');
        await form.locator('button[type=submit]').click();
        return field('[data-testid=users-form]', 'email');
      },
      says: { zh: /该邮箱已有账号/, en: /already exists/ },
      scope: '[data-testid=users-form]',
    },
    {
      name: 'a wrong current password',
      provoke: async () => {
        await signInAs(page, sys.base, COMPANY);
        await page.goto(`${sys.base}/console/account/password`);
        const form = '[data-testid=change-password-form]';
        await page.fill(`${form} input[name=currentPassword]`, 'not my password at all');
        await page.fill(`${form} input[name=newPassword]`, 'another horse battery staple');
        await page.fill(`${form} input[name=confirmPassword]`, 'another horse battery staple');
        await page.click(`${form} button[type=submit]`);
        return field(form, 'currentPassword');
      },
      says: { zh: /当前密码错误/, en: /current password is wrong/ },
      scope: '[data-testid=change-password]',
    },
  ];

  it.each(['zh', 'en'] as const)('says each refusal in the screen’s language (%s)', async (lang) => {
    expect(refusals.length).toBeGreaterThanOrEqual(10);
    for (const refusal of refusals) {
      await useLanguage(lang);
      const where = await refusal.provoke().catch(async (err: unknown) => {
        await shot(page, `refusals-${lang}-failed-${refusal.name.replace(/\W+/g, '-')}`);
        throw err;
      });
      await where.first().waitFor();
      const said = (await where.first().innerText()).trim();
      expect({ refusal: refusal.name, said, ok: refusal.says[lang].test(said) }).toEqual({
        refusal: refusal.name,
        said,
        ok: true,
      });
      // Never the code, in either language.
      expect({ refusal: refusal.name, code: said.match(/[A-Z]{2,}_[A-Z_]+/)?.[0] }).toEqual({
        refusal: refusal.name,
      });
      if (lang === 'zh') await expectNoEnglish(page, refusal.scope);
      // …and in English, no Chinese in what is said.
      else
        expect({ refusal: refusal.name, said, chinese: /[\u4e00-\u9fff]/.test(said) }).toEqual({
          refusal: refusal.name,
          said,
          chinese: false,
        });
      await shot(page, `refusals-${lang}-${refusal.name.replace(/\W+/g, '-')}`);
    }
  });
});
