import type { Page } from 'playwright-core';
import { seedDemo } from '@app/persistence';
import { DEMO_BUSINESS_DATE, DEMO_YEAR_PASSWORD, seedDemoYear } from '../../scripts/demo-year';
import { eventually } from '../support/wait';
import {
  bootSystem,
  ensureConsoleBuilt,
  launchBrowser,
  publishScreenshot,
  shot,
  signInAs,
  textOf,
  type System,
} from './harness';

/**
 * The living demo (ADR 0044) as `npm start` makes it: the reference data and demo users of `seed --demo`,
 * then the demo year played through the real API and worker. Each role's first screen shows the product
 * at work; a second start changes nothing.
 */
describe('the living demo: every role’s first screen is populated (Chromium, real API + worker)', () => {
  let sys: System;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;

  beforeAll(async () => {
    ensureConsoleBuilt();
    sys = await bootSystem('demo');
    await seedDemo(sys.db);
    const first = await seedDemoYear(sys.base);
    expect(first).toEqual({ seeded: true, businessDate: DEMO_BUSINESS_DATE });
    browser = await launchBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    // Leaving a screen with a half-typed filter may ask to confirm (beforeunload): the tour moves on.
    page.on('dialog', (d) => void d.accept());
  });

  afterAll(async () => {
    await browser?.close();
    await sys?.close();
  });

  const counts = async () => {
    const [row] = await sys.db.query(
      `SELECT (SELECT count(*) FROM applications)::int AS applications,
              (SELECT count(*) FROM vouchers)::int AS vouchers,
              (SELECT count(*) FROM settlements)::int AS settlements,
              (SELECT count(*) FROM redemption_claims)::int AS claims,
              (SELECT count(*) FROM redemption_runs)::int AS runs,
              (SELECT count(*) FROM enterprises)::int AS enterprises,
              (SELECT count(*) FROM users)::int AS users`,
    );
    return row as Record<string, number>;
  };

  async function signIn(email: string, home: string): Promise<void> {
    await signInAs(page, sys.base, email, DEMO_YEAR_PASSWORD);
    await page.waitForURL(`**/console${home}`);
  }

  const rowsOf = async (testId: string, atLeast: number) => {
    await eventually(
      async () => (await page.locator(`[data-testid=${testId}]`).count()) >= atLeast,
      `${atLeast} ${testId}`,
    );
    return page.locator(`[data-testid=${testId}]`).count();
  };

  it('leaves the sandbox clock inside the Beijing plan, with applications in every state', async () => {
    const [clock] = await sys.db.query(
      `SELECT to_char(business_date, 'YYYY-MM-DD') AS d FROM sandbox_clock WHERE id = 1`,
    );
    expect(clock.d).toBe(DEMO_BUSINESS_DATE);
    const statuses: { status: string }[] = await sys.db.query(
      `SELECT DISTINCT status FROM applications ORDER BY status`,
    );
    expect(statuses.map((s) => s.status)).toEqual([
      'awaiting_second_approval',
      'in_review',
      'issued',
      'refused',
      'rejected',
      'supplement_requested',
    ]);
    const vouchers: { status: string }[] = await sys.db.query(`SELECT status FROM vouchers ORDER BY status`);
    expect(vouchers.map((v) => v.status)).toEqual(['active', 'active', 'withdrawn']);
    const runs: { quarter: number; status: string }[] = await sys.db.query(
      `SELECT quarter, status FROM redemption_runs WHERE year = 2025 ORDER BY quarter`,
    );
    expect(runs).toEqual([
      { quarter: 2, status: 'completed' },
      { quarter: 3, status: 'awaiting_approval' },
    ]);
  });

  it('a second start changes nothing', async () => {
    const before = await counts();
    await seedDemo(sys.db);
    expect(await seedDemoYear(sys.base)).toEqual({ seeded: false, businessDate: DEMO_BUSINESS_DATE });
    expect(await counts()).toEqual(before);
  });

  /**
   * A screen of a role's first visit: its rows (at least so many), a text it shows in its first row (`row`)
   * or anywhere on it (`main`), its screenshot and, when it is not the home screen, the menu entry to it.
   */
  type Screen = [
    rows: string,
    atLeast: number,
    where: 'row' | 'main',
    shows: string,
    shot: string,
    nav?: string,
  ];
  it.each<[string, string, string, Screen[]]>([
    [
      'the enterprise sees its applications and its voucher',
      'ops@zhiyuan-med.example.cn',
      '/applications',
      [
        ['application-row', 1, 'row', 'BD-HT-2025-0101', 'demo-enterprise'],
        ['voucher-row', 1, 'row', '¥838,356.16', 'demo-enterprise-vouchers', '/vouchers'],
      ],
    ],
    [
      'the reviewer’s queue has tasks',
      'reviewer1@bureau.example.cn',
      '/review',
      [['queue-row', 2, 'main', '北京深瞳视觉科技有限公司', 'demo-reviewer']],
    ],
    [
      'the senior reviewer has a second approval waiting',
      'senior1@bureau.example.cn',
      '/review',
      [['queue-row', 1, 'row', '北京航芯智造科技有限公司', 'demo-senior-reviewer', '/review/second']],
    ],
    [
      'the supplier sees its contracts and confirmed settlements',
      'settlement@baidu.example.cn',
      '/contracts',
      [['contract-row', 1, 'main', 'BD-HT-2025-0101', 'demo-supplier']],
    ],
  ])('%s', async (_name, email, home, screens) => {
    await signIn(email, home);
    for (const [rows, atLeast, where, shows, name, nav] of screens) {
      if (nav) await page.click(`[data-testid="nav-${nav}"]`);
      expect(await rowsOf(rows, atLeast)).toBeGreaterThanOrEqual(atLeast);
      expect(await textOf(page, where === 'row' ? `[data-testid=${rows}]` : 'main')).toContain(shows);
      await shot(page, name);
    }
  });

  it('finance sees a run awaiting approval and a paid run', async () => {
    await signIn('finance@bureau.example.cn', '/runs');
    await rowsOf('run-row', 2);
    const awaiting = page.locator('[data-testid=run-row]', {
      has: page.locator('[data-status=awaiting_approval]'),
    });
    const paid = page.locator('[data-testid=run-row]', { has: page.locator('[data-status=completed]') });
    expect(await awaiting.count()).toBe(1);
    expect(await paid.count()).toBe(1);
    // Q3: 1,600,000 × 20% + 800,000 × 20%; Q2 paid: 1,000,000 × 20% + 600,000 × 20%.
    expect(await awaiting.innerText()).toContain('¥480,000.00');
    expect(await paid.innerText()).toContain('¥320,000.00');
    await shot(page, 'demo-finance');
  });

  it('the admin’s dashboard shows the year’s figures', async () => {
    await signIn('admin@bureau.example.cn', '/dashboard');
    await page.waitForSelector('[data-testid=dashboard]');
    await eventually(
      async () => (await textOf(page, '[data-testid=dashboard]')).includes('北京智源医疗大模型科技有限公司'),
      'the dashboard’s enterprises',
    );
    await shot(page, 'demo-admin');
  });

  it('after the plan’s end the admin sees the Beijing program closed by itself, still open by hand', async () => {
    const open = page
      .locator('[data-testid=program-row]', { hasText: '人工智能算力券实施方案(2023—2025年)' })
      .filter({ hasText: '2023-09-01' })
      .first();
    await page.goto(`${sys.base}/console/admin/programs`);
    await open.waitFor();
    expect(await open.locator('[data-status]').getAttribute('data-status')).toBe('open');
    const admin = await fetch(`${sys.base}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'admin@bureau.example.cn', password: DEMO_YEAR_PASSWORD }),
    }).then(async (r) => ((await r.json()) as { accessToken: string }).accessToken);
    const setDate = (businessDate: string) =>
      fetch(`${sys.base}/admin/clock`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ businessDate }),
      });
    expect((await setDate('2026-01-05')).status).toBe(200);
    try {
      await page.reload();
      await open.waitFor();
      expect(await open.locator('[data-status]').getAttribute('data-status')).toBe('closed');
      expect(await open.innerText()).toContain('已关闭');
      await shot(page, 'demo-admin-programs-after-plan');
    } finally {
      await setDate(DEMO_BUSINESS_DATE);
    }
  });

  afterAll(() => {
    publishScreenshot('demo-finance', 'demo-finance');
  });
});
