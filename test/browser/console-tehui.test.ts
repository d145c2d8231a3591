import type { Page } from 'playwright-core';
import { createEnterprise } from '../support/fixtures';
import { eventually } from '../support/wait';
import {
  apiCall,
  apiToken,
  consoleSuite,
  seedUser,
  shot,
  signInAs,
  signOut,
  textOf,
  type System,
} from './harness';

/**
 * Chengdu 特惠算力券 2026 walked through the console in Chromium against the real API, worker, Temporal and
 * PostgreSQL: the admin opens the round, units apply with their prior-year spend, a reviewer closes, ranks
 * and reviews (one refused), the plan goes on public notice and is read signed out, where an objection is
 * raised; a senior upholds it (the plan is re-matched and published again), finance is refused during the
 * notice and pays after it, and the unit sees its award paid.
 */
describe('the 特惠 round through the console (Chromium, real API + worker)', () => {
  const suite = consoleSuite('tehui');
  let sys: System;
  let page: Page;
  let adminToken: string;
  let suppliers: Map<string, { id: string }>;
  const UNITS = [
    { name: '成都天府大模型科技有限公司', spend: '12000000.00' },
    { name: '成都锦城智能制造有限公司', spend: '6000000.00' },
    { name: '成都蓉城医疗影像有限公司', spend: '3000000.00' },
    { name: '成都高新视觉算法有限公司', spend: '2000000.00' },
    { name: '成都武侯语音科技有限公司', spend: '800000.00' },
    { name: '成都青羊数据标注有限公司', spend: '600000.00' },
  ];
  const emails = UNITS.map((_, i) => `unit${i + 1}@tehui-console.example.cn`);

  beforeAll(async () => {
    ({ sys, page } = suite);
    suppliers = suite.suppliers;
    await seedUser(sys.db, 'admin@bureau.example.cn', '局管理员', 'admin');
    await seedUser(sys.db, 'reviewer@bureau.example.cn', '张审核', 'reviewer');
    await seedUser(sys.db, 'senior@bureau.example.cn', '李高审', 'senior_reviewer');
    await seedUser(sys.db, 'finance@bureau.example.cn', '赵财务', 'finance');
    for (const [i, u] of UNITS.entries()) {
      const e = await createEnterprise(sys.db, { name: u.name, registrationRegion: 'chengdu' });
      await seedUser(sys.db, emails[i], u.name, 'enterprise', { enterpriseId: e.id });
    }
    adminToken = await apiToken(sys.base, 'admin@bureau.example.cn');
  }, 120_000);

  const setDate = async (businessDate: string) =>
    expect((await apiCall(sys.base, adminToken, 'PUT', '/admin/clock', { businessDate })).status).toBe(200);
  const entryRow = (name: string) => page.locator('[data-testid=entry-row]', { hasText: name });
  let roundUrl = '';

  it('the admin opens the round and units apply with their prior-year spend', async () => {
    await setDate('2026-03-02');
    await signInAs(page, sys.base, 'admin@bureau.example.cn');
    await page.click('[data-testid="nav-/rounds"]');
    await page.selectOption('[data-testid=open-round] select[name=programCode]', 'chengdu-tehui');
    await page.fill('[data-testid=open-round] input[name=year]', '2026');
    await page.click('[data-testid=open-round] button[type=submit]');
    await page.waitForSelector('[data-testid=round-summary]');
    roundUrl = page.url();
    expect(await textOf(page, '[data-testid=round-summary]')).toContain('2026-03-01 ~ 2026-03-31');
    await signOut(page);

    // The first two apply through the console, in this order; the others through the same API.
    for (const i of [0, 1]) {
      await signInAs(page, sys.base, emails[i]);
      await page.click('[data-testid="nav-/round-entries"]');
      const form = page.locator('[data-testid=round-apply]');
      await form.locator('input[name=year]').fill('2026');
      await form.locator('select[name=supplierId-0]').selectOption(suppliers.get('cd-ai-computing')!.id);
      await form.locator('input[name=contractNumber-0]').fill(`HT-2025-0${i + 1}`);
      await form.locator('input[name=invoiceNumber-0]').fill(`FP-2025-0${i + 1}`);
      await form.locator('input[name=paidOn-0]').fill('2025-10-15');
      await form.locator('input[name=amount-0]').fill(UNITS[i].spend);
      await form.locator('[data-testid=submit-entry]').click();
      await form.getByText('已受理').waitFor();
      await page.locator('[data-testid=my-entry-row]').first().waitFor();
      expect(await textOf(page, '[data-testid=my-entries]')).toContain(
        i === 0 ? '¥12,000,000.00' : '¥6,000,000.00',
      );
      if (i === 0) {
        // Twice in a year is refused, in the unit's own words.
        await form.locator('[data-testid=submit-entry]').click();
        await form.getByText('每家单位每年限领一份，本年度已申报').waitFor();
        expect(await form.innerText()).not.toContain('ROUND_ALREADY_APPLIED');
        await shot(page, 'tehui-01-unit-applies');
      }
      await signOut(page);
    }
    for (const i of [2, 3, 4, 5]) {
      const token = await apiToken(sys.base, emails[i]);
      const res = await apiCall(sys.base, token, 'POST', '/round-entries', {
        programCode: 'chengdu-tehui',
        year: 2026,
        evidence: [
          {
            supplierId: suppliers.get('cd-supercomputing')!.id,
            contractNumber: `HT-2025-0${i + 1}`,
            invoiceNumber: `FP-2025-0${i + 1}`,
            paidOn: '2025-06-30',
            amount: UNITS[i].spend,
          },
        ],
      });
      expect(res.status).toBe(201);
    }
  });

  it('a reviewer closes, ranks and reviews; the plan goes on public notice', async () => {
    await setDate('2026-04-01');
    await signInAs(page, sys.base, 'reviewer@bureau.example.cn');
    await page.goto(roundUrl);
    await page.click('[data-testid=close-round]');
    await entryRow(UNITS[0].name).getByTestId('approve-entry').waitFor();
    // Ranked by bracket: the 12M unit first, the 0.6M unit last.
    const ranking = await textOf(page, '[data-testid=ranking]');
    expect(ranking.indexOf(UNITS[0].name)).toBeLessThan(ranking.indexOf(UNITS[1].name));
    expect(ranking.indexOf(UNITS[4].name)).toBeLessThan(ranking.indexOf(UNITS[5].name));
    await shot(page, 'tehui-02-ranking');
    await entryRow(UNITS[5].name).getByTestId('refuse-entry').click();
    await entryRow(UNITS[5].name).locator('input[name=reason]').fill('结算发票与支付凭证不符');
    await entryRow(UNITS[5].name).getByTestId('confirm-refuse').click();
    await entryRow(UNITS[5].name).locator('[data-status=refused]').waitFor();
    for (const u of UNITS.slice(0, 5)) {
      await entryRow(u.name).getByTestId('approve-entry').click();
      await entryRow(u.name).locator('[data-status=approved]').waitFor();
    }
    await page.locator('[data-testid=round-summary] [data-status=notice]').waitFor({ timeout: 30_000 });
    expect(await textOf(page, '[data-testid=round-total]')).toBe('¥3,900,000.00');
    expect(await textOf(page, '[data-testid=round-summary]')).toContain('2026-04-01 ~ 2026-04-09');
    expect(await entryRow(UNITS[0].name).innerText()).toContain('¥2,000,000.00');
    await shot(page, 'tehui-03-plan-on-notice');
    await signOut(page);
  });

  it('anyone reads the public notice signed out and raises an objection', async () => {
    await setDate('2026-04-02');
    await page.goto(`${sys.base}/console/notices/chengdu-tehui/2026`);
    await page.waitForSelector('[data-testid=notice-plan]');
    expect(await page.locator('[data-testid=whoami]').count()).toBe(0);
    const plan = await textOf(page, '[data-testid=notice-plan]');
    expect(plan).toContain('公示中');
    expect(plan).toContain(UNITS[0].name);
    expect(plan).not.toContain(UNITS[5].name);
    expect(await textOf(page, '[data-testid=notice-total]')).toBe('¥3,900,000.00');
    expect(await page.locator('[data-testid=notice-entry]').count()).toBe(5);
    await shot(page, 'tehui-04-public-notice-signed-out');
    const form = page.locator('[data-testid=objection-form]');
    await form.locator('[data-testid=submit-objection]').click();
    await form.locator('.field.invalid').first().waitFor();
    const options = await form.locator('select[name=entryId] option').allInnerTexts();
    await form
      .locator('select[name=entryId]')
      .selectOption({ label: options.find((o) => o.includes(UNITS[0].name))! });
    await form.locator('input[name=name]').fill('王五');
    await form.locator('input[name=contact]').fill('13800000001');
    await form.locator('textarea[name=content]').fill('该单位上年度算力支出含关联方租赁费用，不应计入。');
    await form.locator('[data-testid=submit-objection]').click();
    await form.getByText('异议已提交').waitFor();
    // The list of notices is public too.
    await page.goto(`${sys.base}/console/notices`);
    await page.locator('[data-testid=notice-row]', { hasText: '2026' }).waitFor();
  });

  it('finance is refused during the notice; a senior upholds the objection and the plan is republished', async () => {
    await setDate('2026-04-03');
    await signInAs(page, sys.base, 'finance@bureau.example.cn');
    await page.goto(roundUrl);
    await page.click('[data-testid=approve-round]');
    await page.click('.modal button.primary');
    await page.locator('.modal').getByText('分配方案公示期尚未结束').waitFor();
    expect(await textOf(page, '.modal')).not.toContain('ROUND_NOTICE_NOT_OVER');
    await shot(page, 'tehui-05-finance-refused-during-notice');
    await page.locator('.modal').getByRole('button', { name: '取消' }).click();
    await signOut(page);

    await signInAs(page, sys.base, 'senior@bureau.example.cn');
    await page.goto(roundUrl);
    const decision = page.locator('[data-testid=objection-row]', { hasText: '王五' });
    await decision.locator('select[name=outcome]').selectOption('upheld');
    await decision.locator('input[name=decisionReason]').fill('经核实，关联方费用不计入，取消其入选资格');
    await decision.locator('button[type=submit]').click();
    await page.locator('[data-testid=objection-row] [data-status=upheld]').waitFor();
    await entryRow(UNITS[0].name).locator('[data-status=removed]').waitFor();
    await eventually(
      async () => (await textOf(page, '[data-testid=round-summary]')).includes('2026-04-03 ~ 2026-04-13'),
      'the re-matched plan republished',
    );
    // The 6M unit now has the highest tier it qualifies for with room: 1,000,000.00.
    expect(await entryRow(UNITS[1].name).innerText()).toContain('¥1,000,000.00');
    expect(await textOf(page, '[data-testid=round-total]')).toBe('¥1,900,000.00');
    await shot(page, 'tehui-06-objection-upheld');
    await signOut(page);
  });

  it('finance pays after the notice and the unit sees its award paid', async () => {
    await setDate('2026-04-14');
    await signInAs(page, sys.base, 'finance@bureau.example.cn');
    await page.goto(roundUrl);
    await page.click('[data-testid=approve-round]');
    expect(await textOf(page, '.modal')).toContain('¥1,900,000.00');
    await page.click('.modal button.primary');
    await page.locator('[data-testid=round-summary] [data-status=paid]').waitFor({ timeout: 60_000 });
    await shot(page, 'tehui-07-paid');
    await signOut(page);

    await signInAs(page, sys.base, emails[1]);
    await page.click('[data-testid="nav-/round-entries"]');
    const mine = page.locator('[data-testid=my-entry-row]');
    await mine.locator('[data-status=paid]').waitFor();
    expect(await mine.innerText()).toContain('¥1,000,000.00');
    const [paid] = await sys.db.query(
      `SELECT count(*)::int AS n, sum(amount)::text AS total FROM direct_payments WHERE kind = 'round_award' AND status = 'paid'`,
    );
    expect(paid).toEqual({ n: 4, total: '1900000.00' });
  });

  it('the admin records a green data centre twice, one grant is created, finance approves and it is paid', async () => {
    await signInAs(page, sys.base, 'admin@bureau.example.cn');
    await page.click('[data-testid="nav-/grants"]');
    const form = page.locator('[data-testid=record-grant]');
    const record = async () => {
      await form.locator('select[name=supplierId]').selectOption(suppliers.get('cd-supercomputing')!.id);
      await form.locator('input[name=dataCentreCode]').fill('CD-SC-DC1');
      await form.locator('input[name=dataCentreName]').fill('成都超算中心绿色数据中心');
      await form.locator('input[name=approvedOn]').fill('2026-04-10');
      await form.locator('input[name=approvalReference]').fill('工信部节函〔2026〕21号');
      await form.locator('input[name=file]').setInputFiles({
        name: '国家绿色数据中心认定文件.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4 green data centre'),
      });
      await form.locator('[data-testid=submit-grant]').click();
    };
    await record();
    await form.getByText('已生成绿色算力券').waitFor();
    await record();
    await form.getByText('该数据中心已登记过，不重复发放').waitFor();
    const rows = page.locator('[data-testid=grant-row]');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('¥1,000,000.00');
    await shot(page, 'tehui-08-green-grant-recorded');
    await signOut(page);

    await signInAs(page, sys.base, 'finance@bureau.example.cn');
    await page.click('[data-testid="nav-/grants"]');
    await page.click('[data-testid=approve-grant]');
    expect(await textOf(page, '.modal')).toContain('¥1,000,000.00');
    await page.click('.modal button.primary');
    await page.locator('[data-testid=grant-row] [data-status=paid]').waitFor({ timeout: 30_000 });
    const [grant] = await sys.db.query(
      `SELECT count(*)::int AS n, sum(amount)::text AS total FROM direct_payments WHERE kind = 'grant' AND status = 'paid'`,
    );
    expect(grant).toEqual({ n: 1, total: '1000000.00' });
  });
});
