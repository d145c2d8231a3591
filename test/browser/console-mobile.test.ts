/// <reference lib="dom" />
// The checks below run inside the page (page.evaluate), where the DOM is.
import type { Page } from 'playwright-core';
import { createEnterprise } from '../support/fixtures';
import { eventually } from '../support/wait';
import {
  consoleSuite,
  fillSignIn,
  openSignIn,
  publishScreenshot,
  seedUsers,
  setClock,
  shot,
  type SuiteUser,
  type System,
} from './harness';

const WIDTH = 390;

/**
 * Text whose colour against the background it sits on is below WCAG AA (4.5:1, or 3:1 for large text).
 * Disabled controls are exempt (WCAG 1.4.3), and so is text over a picture or gradient.
 */
function lowContrast(): string[] {
  const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
  const lum = ([r, g, b]: number[]) => {
    const f = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el: Element | null): number[] | null => {
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.backgroundImage !== 'none') return null;
      const c = rgb(s.backgroundColor);
      if (c.length >= 3 && (c.length === 3 || c[3] > 0)) return c;
    }
    return [255, 255, 255];
  };
  const faint = (el: Element | null): boolean => {
    for (let e = el; e; e = e.parentElement)
      if (Number(getComputedStyle(e).opacity) < 1 || (e as HTMLButtonElement).disabled) return true;
    return false;
  };
  const bad: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || !n.textContent?.trim()) continue;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (box.width === 0 || style.visibility === 'hidden' || el.closest('.visually-hidden')) continue;
    if (faint(el)) continue;
    const bg = background(el);
    if (!bg) continue;
    const fg = rgb(style.color);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5))
      bad.push(
        `${n.textContent.trim().slice(0, 20)} (${style.color} on rgb(${bg.join(',')}): ${ratio.toFixed(2)})`,
      );
  }
  return bad;
}

/**
 * The console on a phone (ADR 0050), 390×844 in Chromium against the real API: every role's first screen
 * fits the width, the menu button opens the navigation and signing out works from it, a wide table scrolls
 * inside its own box, a form is filled and sent, a dialog closes with Esc and gives focus back, and the text
 * on these screens is readable (contrast ≥ 4.5:1).
 */
describe('the console at 390 px (Chromium, real API + worker)', () => {
  const suite = consoleSuite('mobile');
  let sys: System;
  let page: Page;
  const USERS: Record<string, { email: string; home: string; ready: string }> = {
    enterprise: { email: 'ops@mobile-co.example.cn', home: '/applications', ready: 'main .card' },
    supplier: { email: 'ops@mobile-supplier.example.cn', home: '/contracts', ready: 'main .card' },
    reviewer: { email: 'reviewer@mobile.example.cn', home: '/review', ready: '[data-testid=refresh]' },
    senior_reviewer: { email: 'senior@mobile.example.cn', home: '/review', ready: '[data-testid=refresh]' },
    finance: { email: 'finance@mobile.example.cn', home: '/runs', ready: '[data-testid=start-run]' },
    admin: { email: 'admin@mobile.example.cn', home: '/dashboard', ready: 'main .card' },
  };

  beforeAll(async () => {
    ({ sys, page } = suite);
    const enterprise = await createEnterprise(sys.db, { name: '北京移动端测试科技有限公司' });
    const names: Record<string, string> = {
      enterprise: '企业经办人',
      supplier: '供给方经办人',
      reviewer: '审核员',
      senior_reviewer: '复核人',
      finance: '财务经办',
      admin: '局管理员',
    };
    const refs: Record<string, SuiteUser[3]> = {
      enterprise: { enterpriseId: enterprise.id },
      supplier: { supplierId: suite.suppliers.get('baidu')!.id },
    };
    await seedUsers(
      sys.db,
      Object.entries(USERS).map(([role, u]): SuiteUser => [u.email, names[role], role, refs[role]]),
    );
    await setClock(sys, USERS.admin.email, '2025-05-06');
    await page.setViewportSize({ width: WIDTH, height: 844 });
  });

  /** The page scrolls sideways by this many pixels (0 is what a phone needs). */
  const overflow = () =>
    page.evaluate(() => document.scrollingElement!.scrollWidth - document.documentElement.clientWidth);

  const signIn = async (email: string) => {
    await openSignIn(page, sys.base);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await fillSignIn(page, email);
    // On a phone the account line is folded behind the menu: it is there, not shown.
    await page.waitForSelector('[data-testid=whoami]', { state: 'attached' });
  };

  it.each(Object.keys(USERS))("fits the %s's first screen into 390 px", async (role) => {
    const u = USERS[role];
    await signIn(u.email);
    expect(new URL(page.url()).pathname).toBe(`/console${u.home}`);
    await page.waitForSelector(u.ready);
    await page.waitForSelector('.loading', { state: 'detached' });
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(WIDTH);
    expect(await page.locator('.topbar nav').isVisible()).toBe(false);
    expect(await page.locator('[data-testid=menu-button]').isVisible()).toBe(true);
    expect(await page.evaluate(lowContrast)).toEqual([]);
    await shot(page, `mobile-${role}`);
  });

  it.each([
    [
      'admin',
      ['/admin/applications', '/admin/vouchers', '/admin/clock', '/admin/programs', '/runs', '/grants'],
    ],
    ['enterprise', ['/applications/new', '/vouchers', '/settlements']],
    ['finance', ['/dashboard', '/supervision', '/rounds']],
  ])("fits the %s's other screens into 390 px", async (role, paths) => {
    await signIn(USERS[role].email);
    for (const p of paths as string[]) {
      await page.goto(`${sys.base}/console${p}`);
      await page.waitForSelector('main .card, main [data-testid]');
      await page.waitForSelector('.loading', { state: 'detached' });
      expect([p, await page.evaluate(() => document.scrollingElement!.scrollWidth)]).toEqual([p, WIDTH]);
      expect([p, await page.evaluate(lowContrast)]).toEqual([p, []]);
    }
  });

  it('opens the navigation from the menu button, moves on, and signs out from it', async () => {
    await signIn(USERS.admin.email);
    await page.click('[data-testid=menu-button]');
    await page.locator('.topbar nav').waitFor();
    expect(await page.locator('[data-testid=menu-button]').getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('[data-testid=whoami]').isVisible()).toBe(true);
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await page.evaluate(lowContrast)).toEqual([]);
    await shot(page, 'console-mobile-menu');
    publishScreenshot('console-mobile-menu', 'console-mobile-menu');

    // Choosing a screen closes the menu; Esc closes it too.
    await page.click('[data-testid="nav-/admin/users"]');
    await page.locator('.topbar nav').waitFor({ state: 'hidden' });
    await page.click('[data-testid=menu-button]');
    await page.locator('.topbar nav').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.topbar nav').waitFor({ state: 'hidden' });

    await page.click('[data-testid=menu-button]');
    await page.click('.who button.link');
    await page.waitForSelector('[data-testid=login-flash]');
    expect(new URL(page.url()).pathname).toBe('/console/login');
  });

  it('scrolls a wide table inside its box, never the page', async () => {
    await signIn(USERS.admin.email);
    await page.goto(`${sys.base}/console/admin/users`);
    await page.waitForSelector('[data-testid=users-row]');
    const box = page.locator('[data-testid=users] .table-wrap');
    const sizes = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(sizes.scroll).toBeGreaterThan(sizes.client);
    await box.evaluate((el) => (el.scrollLeft = el.scrollWidth));
    expect(await box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(WIDTH);
    expect(await page.evaluate(lowContrast)).toEqual([]);
    await box.evaluate((el) => (el.scrollLeft = 0));
    await shot(page, 'console-mobile-table');
    publishScreenshot('console-mobile-table', 'console-mobile-table');
  });

  it('closes a dialog with Esc, keeps focus inside it meanwhile and gives it back after', async () => {
    const row = page.locator('[data-testid=users-row]', { hasText: USERS.reviewer.email });
    const button = row.locator('[data-testid=deactivate]');
    await button.scrollIntoViewIfNeeded();
    await button.click();
    const dialog = page.locator('[role=dialog]');
    await dialog.waitFor();
    const box = await dialog.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(WIDTH);
    // Tab goes round the dialog's buttons and never leaves it.
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('[role=dialog]'))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);
    // Nothing was deactivated.
    const [u] = await sys.db.query(`SELECT active FROM users WHERE email = $1`, [USERS.reviewer.email]);
    expect(u.active).toBe(true);
  });

  it('stacks a form one field a row and sends it', async () => {
    await page.goto(`${sys.base}/console/admin/enterprises`);
    await page.click('[data-testid=enterprises] [data-testid=new]');
    const form = page.locator('[data-testid=enterprises-form]');
    await form.waitFor();
    const lefts = await form
      .locator('input[name=name], input[name=creditCode], select[name=industry], input[name=contactEmail]')
      .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().left)));
    expect(new Set(lefts).size).toBe(1);
    const rights = await form
      .locator('input, select, button')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
    expect(Math.max(...rights)).toBeLessThanOrEqual(WIDTH);
    await form.locator('input[name=name]').fill('北京掌上算力科技有限公司');
    await form.locator('input[name=creditCode]').fill('91110108MA01XKCD7H');
    await form.locator('select[name=industry]').selectOption('software_information_services');
    await form.locator('input[name=contactEmail]').fill('ops@zhangshang.example.cn');
    for (const flag of ['independentLegalPerson', 'aiDirectionAligned', 'soundFinancialManagement'])
      await form.locator(`input[name=${flag}]`).check();
    await shot(page, 'console-mobile-form');
    publishScreenshot('console-mobile-form', 'console-mobile-form');
    await form.locator('button[type=submit]').click();
    await form.waitFor({ state: 'detached' });
    await eventually(
      async () =>
        (await sys.db.query(`SELECT 1 FROM enterprises WHERE credit_code = '91110108MA01XKCD7H'`)).length ===
        1,
      'the enterprise saved',
      5_000,
    );
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(WIDTH);
  });
});
