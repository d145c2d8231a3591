import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { UserRecord, hashPassword, type SupplierRecord } from '@app/persistence';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { bootstrapWorker } from '../../apps/worker/src/worker';
import { openTestDataSource, seedReference, type ApplicationTerms } from '../support/fixtures';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { eventually } from '../support/wait';

export const ROOT = path.resolve(__dirname, '..', '..');
const CONSOLE = path.join(ROOT, 'apps', 'console');
const DIST_INDEX = path.join(CONSOLE, 'dist', 'index.html');
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
export const PASSWORD = 'correct horse battery staple';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the console with Vite when dist is missing or older than its sources (or the shared domain rules). */
export function ensureConsoleBuilt(): void {
  const built = fs.existsSync(DIST_INDEX) ? fs.statSync(DIST_INDEX).mtimeMs : 0;
  const sources = Math.max(newestMtime(CONSOLE), newestMtime(path.join(ROOT, 'libs', 'domain', 'src')));
  if (built >= sources) return;
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      path.join(CONSOLE, 'vite.config.mts'),
    ],
    { cwd: ROOT, stdio: 'pipe', env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' } },
  );
}

/** Debian's Chromium, headless, quiet, with a fresh profile (never a downloaded browser). */
export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-console-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1360, height: 900 },
    acceptDownloads: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface System {
  db: DataSource;
  sink: SmtpSink;
  worker: INestApplicationContext | null;
  app: INestApplication;
  base: string;
  close(): Promise<void>;
}

/** The real API (listening on a free port) and, unless told otherwise, the real worker — like the e2e tests. */
export async function bootSystem(name: string, withWorker = true): Promise<System> {
  const sink = await startSmtpSink();
  Object.assign(process.env, {
    SMTP_URL: sink.url,
    SANDBOX_CLOCK: 'true',
    REVIEW_DUE_SECONDS: '3600',
    SECOND_APPROVAL_THRESHOLD: '500000.00',
    TEMPORAL_TASK_QUEUE: `browser-${name}-${process.pid}`,
  });
  const db = await openTestDataSource();
  const worker = withWorker ? await bootstrapWorker() : null;
  const app = await createApiApp();
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const base = `http://127.0.0.1:${address.port}`;
  return {
    db,
    sink,
    worker,
    app,
    base,
    close: async () => {
      await app.close();
      await worker?.close();
      await db.destroy();
      await sink.stop();
    },
  };
}

/** What a browser suite holds once it is up: the system, the reference suppliers, Chromium and its page. */
export interface ConsoleSuite {
  sys: System;
  suppliers: Map<string, SupplierRecord>;
  browser: Awaited<ReturnType<typeof launchBrowser>>;
  page: Page;
}

/**
 * Registers a browser suite's set-up and teardown: the console built, the system booted (`name` keeps its
 * task queue apart), the programs and suppliers seeded, Chromium launched. A suite's own beforeAll hooks,
 * registered after this call, run once everything is up; read the fields inside hooks and tests.
 */
export function consoleSuite(name: string, options: { withWorker?: boolean } = {}): ConsoleSuite {
  const suite = {} as ConsoleSuite;
  beforeAll(async () => {
    ensureConsoleBuilt();
    suite.sys = await bootSystem(name, options.withWorker ?? true);
    suite.suppliers = await seedReference(suite.sys.db);
    suite.browser = await launchBrowser();
    suite.page = suite.browser.context.pages()[0] ?? (await suite.browser.context.newPage());
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.sys?.close();
  });
  return suite;
}

/** A user a browser suite seeds: email, the name the console shows, role and, for a unit's users, whose. */
export type SuiteUser = [
  email: string,
  displayName: string,
  role: string,
  refs?: { enterpriseId?: string; supplierId?: string },
];

/** Seeds the suite's users in order; answers their ids in the same order. */
export async function seedUsers(db: DataSource, users: SuiteUser[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [email, displayName, role, refs] of users)
    ids.push(await seedUser(db, email, displayName, role, refs));
  return ids;
}

/** Pins the sandbox business date as the administrator `adminEmail`; answers that administrator's token. */
export async function setClock(sys: System, adminEmail: string, businessDate: string): Promise<string> {
  const token = await apiToken(sys.base, adminEmail);
  expect((await apiCall(sys.base, token, 'PUT', '/admin/clock', { businessDate })).status).toBe(200);
  return token;
}

/** Waits until the application's review task is in the reviewer's queue; answers the task's id. */
export function reviewTaskOf(sys: System, reviewerToken: string, applicationId: string): Promise<string> {
  return eventually(async () => {
    const res = await apiCall(sys.base, reviewerToken, 'GET', '/review-tasks?kind=review&pageSize=50');
    const items = res.body.items as { id: string; applicationId: string }[];
    return items.find((t) => t.applicationId === applicationId)?.id;
  }, 'the review task');
}

export async function seedUser(
  db: DataSource,
  email: string,
  displayName: string,
  role: string,
  refs: { enterpriseId?: string; supplierId?: string } = {},
): Promise<string> {
  const repo = db.getRepository(UserRecord);
  const saved = await repo.save(
    repo.create({
      email,
      displayName,
      passwordHash: await hashPassword(PASSWORD),
      role: role as UserRecord['role'],
      enterpriseId: refs.enterpriseId ?? null,
      supplierId: refs.supplierId ?? null,
      active: true,
    }),
  );
  return saved.id;
}

/** A plain HTTP client for set-up steps (the admin's sandbox clock). */
export async function apiToken(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export async function apiCall(base: string, token: string, method: string, url: string, body?: unknown) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Signs in as `email` through the API and makes one call (a set-up step by a user who has no other). */
export async function apiCallAs(sys: System, email: string, method: string, url: string, body?: unknown) {
  return apiCall(sys.base, await apiToken(sys.base, email), method, url, body);
}

/** Opens the sign-in page with nobody signed in. */
export async function openSignIn(page: Page, base: string): Promise<void> {
  // Whoever was signed in before (a failed step may not have signed out) leaves first.
  await page.goto(`${base}/console/login`);
  await page.evaluate('localStorage.removeItem("cv.session")');
  await page.goto(`${base}/console/login`);
}

/** Types the email and password into the sign-in form the page shows, and submits it. */
export async function fillSignIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
}

/** Submits the console's sign-in form (whatever it answers: a refused sign-in is a test too). */
export async function submitSignIn(page: Page, base: string, email: string, password: string): Promise<void> {
  await openSignIn(page, base);
  await fillSignIn(page, email, password);
}

/** Signs in through the console's own sign-in page (`password`: the suite password unless told). */
export async function signInAs(page: Page, base: string, email: string, password = PASSWORD): Promise<void> {
  await submitSignIn(page, base, email, password);
  await page.waitForSelector('[data-testid=whoami]');
}

/** The Beijing units the admin suites register: the one they work on, and another that must stay apart. */
export const XINGHE = '北京星河智算科技有限公司';
export const YUNNAO = '华北云脑数据有限公司';

/** The contract the console suites apply with: medical services, March 2025 to February 2026. */
export const MEDICAL_YEAR = {
  applicationDomain: 'medical',
  signedOn: '2025-02-20',
  startDate: '2025-03-01',
  endDate: '2026-02-28',
};

/** Fills the application form's contract fields (materials and submission are the caller's). */
export async function fillApplyForm(page: Page, values: ApplicationTerms): Promise<void> {
  await page.selectOption('select[name=supplierId]', values.supplierId);
  await page.fill('input[name=contractNumber]', values.contractNumber);
  await page.selectOption('select[name=applicationDomain]', values.applicationDomain);
  for (const name of ['signedOn', 'startDate', 'endDate'] as const)
    await page.fill(`input[name=${name}]`, values[name]);
  await page.fill('input[name="lines.0.amount"]', values.amount);
}

export async function signOut(page: Page): Promise<void> {
  await page.click('.who button.link');
  await page.waitForSelector('[data-testid=login-flash]');
}

/**
 * Screens the README shows, by the name a suite gives its screenshot → the file in docs/screenshots. `shot`
 * publishes these itself, so a suite need not know which of its screens the README uses (ADR 0050).
 */
export const README_SCREENSHOTS: Record<string, string> = {
  'review-01-queue': 'console-review-queue',
  'finance-02-second-user-approved': 'console-finance-run',
  'forms-apply-date-and-materials': 'console-forms-apply',
};

export async function shot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (README_SCREENSHOTS[name]) publishScreenshot(name, README_SCREENSHOTS[name]);
  return file;
}

/**
 * Copies a screenshot to docs/screenshots (shown in the README) when that file is missing or when
 * UPDATE_DOC_SCREENSHOTS=1, so ordinary test runs leave the committed images alone.
 */
export function publishScreenshot(name: string, docName: string): void {
  const src = path.join(SCREENSHOTS, `${name}.png`);
  const dest = path.join(ROOT, 'docs', 'screenshots', `${docName}.png`);
  if (!fs.existsSync(src) || (fs.existsSync(dest) && process.env.UPDATE_DOC_SCREENSHOTS !== '1')) return;
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.copyFileSync(src, dest);
}

/** Visible text of the element, whitespace collapsed (amounts and statuses are asserted on it). */
export async function textOf(page: Page, selector: string): Promise<string> {
  const t = await page.locator(selector).first().innerText();
  return t.replace(/\s+/g, ' ').trim();
}

/**
 * What a Chinese screen shows (the page, or the part `scope` selects) has no English word, no UPPER_SNAKE
 * code and no internal id. Numbers, amounts, dates, email addresses, the date mask YYYY-MM-DD and the
 * language switch's own names (English, EN) may stand beside the Chinese; `allow` adds the data the test
 * put there itself.
 */
export async function expectNoEnglish(page: Page, scope = 'body', allow: string[] = []): Promise<void> {
  let text = await page.locator(scope).first().innerText();
  // File formats and sizes are written so in Chinese screens too (上传 PDF 文件，不超过 10 MB).
  for (const ok of [...allow, 'English', 'EN', 'YYYY-MM-DD', 'JPEG', 'PDF', 'PNG', 'MB'])
    text = text.split(ok).join(' ');
  text = text.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ');
  expect({ scope, uuid: text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/i)?.[0] }).toEqual({ scope });
  expect({ scope, code: text.match(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/)?.[0] }).toEqual({ scope });
  expect({ scope, words: text.match(/[A-Za-z]{2,}/g) ?? [] }).toEqual({ scope, words: [] });
}
