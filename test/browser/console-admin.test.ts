import type { Page } from 'playwright-core';
import { createEnterprise } from '../support/fixtures';
import {
  PASSWORD,
  XINGHE,
  YUNNAO,
  apiCall,
  apiToken,
  consoleSuite,
  seedUsers,
  shot,
  signInAs,
  signOut,
  textOf,
  type System,
} from './harness';

interface Row {
  id: string;
  [k: string]: unknown;
}

/**
 * The bureau administrator's screens, driven in Chromium against the real API, worker, Temporal and
 * PostgreSQL: register an enterprise (a bad credit code is caught next to its field first), give it a
 * user, link it to a supplier as a related party, deactivate a user; then the API, the audit log and
 * the sign-in page agree that each change happened.
 */
describe('the web console for the administrator (Chromium, real API + worker)', () => {
  const suite = consoleSuite('admin');
  let sys: System;
  let page: Page;
  /** The administrator who makes the changes: its user id (the audit log's actor) and its API token. */
  let admin: { id: string; token: string };
  let oldToken: string;
  let baiduId: string;
  const ADMIN = 'admin@bureau.example.cn';
  const ENTERPRISE = XINGHE;
  const CREDIT_CODE = '91110108MA01XKCD7H';
  const NEW_USER = 'ops@xinghe.example.cn';
  const OLD_USER = 'former@bureau.example.cn';
  /** Registered before the test: a search for the new enterprise must leave it out. */
  const OTHER_ENTERPRISE = YUNNAO;

  beforeAll(async () => {
    ({ sys, page } = suite);
    baiduId = suite.suppliers.get('baidu')!.id;
    await createEnterprise(sys.db, { name: OTHER_ENTERPRISE });
    const [adminId] = await seedUsers(sys.db, [
      [ADMIN, '局管理员', 'admin'],
      [OLD_USER, '离职审核员', 'reviewer'],
    ]);
    admin = { id: adminId, token: await apiToken(sys.base, ADMIN) };
    oldToken = await apiToken(sys.base, OLD_USER);
  });

  const list = async (url: string): Promise<Row[]> => {
    const res = await apiCall(sys.base, admin.token, 'GET', `${url}?pageSize=200`);
    expect(res.status).toBe(200);
    return res.body.items as Row[];
  };
  const audit = (
    action: string,
    entityId: string,
  ): Promise<{ actor: string; before: Record<string, unknown> | null; after: Record<string, unknown> }[]> =>
    sys.db.query(
      `SELECT actor, before, after FROM audit_log WHERE action = $1 AND entity_id = $2 ORDER BY id`,
      [action, entityId],
    );
  const row = (testId: string, text: string) =>
    page.locator(`[data-testid=${testId}-row]`, { hasText: text });

  it('shows the admin screens to the admin role only', async () => {
    await signInAs(page, sys.base, OLD_USER);
    const reviewerNav = await textOf(page, '.topbar nav');
    expect(reviewerNav).not.toContain('企业管理');
    expect(reviewerNav).not.toContain('用户管理');
    await page.goto(`${sys.base}/console/admin/enterprises`);
    await page.getByText('您无权访问该页面').waitFor();
    await signOut(page);

    await signInAs(page, sys.base, ADMIN);
    const nav = await textOf(page, '.topbar nav');
    for (const item of ['企业管理', '供给方管理', '关联方', '用户管理', '项目管理', '业务日期'])
      expect(nav).toContain(item);
  });

  it('registers an enterprise: a bad credit code is refused next to its field and nothing is created', async () => {
    await page.click('[data-testid="nav-/admin/enterprises"]');
    await page.waitForSelector('[data-testid=enterprises] [data-testid=new]');
    const before = (await list('/admin/enterprises')).length;
    await page.click('[data-testid=enterprises] [data-testid=new]');
    const form = page.locator('[data-testid=enterprises-form]');
    await form.locator('input[name=name]').fill(ENTERPRISE);
    await form.locator('input[name=creditCode]').fill('91110108-BAD');
    expect(await form.locator('select[name=registrationRegion]').inputValue()).toBe('beijing');
    await form.locator('select[name=industry]').selectOption('software_information_services');
    await form.locator('input[name=contactEmail]').fill('finance@xinghe.example.cn');
    for (const flag of ['independentLegalPerson', 'aiDirectionAligned', 'soundFinancialManagement'])
      await form.locator(`input[name=${flag}]`).check();
    await form.locator('button[type=submit]').click();
    const creditField = form.locator('.field', { has: page.locator('input[name=creditCode]') });
    await creditField.getByText('统一社会信用代码须为 18 位').waitFor();
    await shot(page, 'admin-enterprise-form');
    // The same message in English through the dictionary, then back to Chinese.
    await page.click('.lang button:has-text("EN")');
    await creditField.getByText('A unified social credit code is 18').waitFor();
    await page.click('.lang button:has-text("中文")');
    await page.waitForTimeout(300);
    expect((await list('/admin/enterprises')).length).toBe(before);
    expect(await row('enterprises', ENTERPRISE).count()).toBe(0);

    await form.locator('input[name=creditCode]').fill(CREDIT_CODE);
    expect(await creditField.locator('.field-error').count()).toBe(0);
    await form.locator('button[type=submit]').click();
    await row('enterprises', ENTERPRISE).waitFor();
    expect(await row('enterprises', ENTERPRISE).innerText()).toContain(CREDIT_CODE);
    await shot(page, 'admin-enterprises');

    // Editing a registry fact the eligibility rules read: a dishonesty record date.
    await row('enterprises', ENTERPRISE).locator('[data-testid=edit]').click();
    expect(await form.locator('input[name=creditCode]').inputValue()).toBe(CREDIT_CODE);
    await form.locator('input[name=lastDishonestyRecordDate]').fill('2024/05/01');
    await form.getByText('日期格式为 YYYY-MM-DD').waitFor();
    await form.locator('input[name=lastDishonestyRecordDate]').fill('2024-05-01');
    await form.locator('button[type=submit]').click();
    await form.waitFor({ state: 'detached' });
    await row('enterprises', ENTERPRISE).getByText('2024-05-01').waitFor();
  });

  it('searches the enterprises by part of a name or code: only the match is listed', async () => {
    const search = page.locator('[data-testid=enterprises] input[name=q]');
    await row('enterprises', OTHER_ENTERPRISE).waitFor();
    await search.fill('星河智算');
    await row('enterprises', OTHER_ENTERPRISE).waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid=enterprises-row]').count()).toBe(1);
    expect(await row('enterprises', ENTERPRISE).count()).toBe(1);
    // Any case, any part of the credit code.
    await search.fill('');
    await row('enterprises', OTHER_ENTERPRISE).waitFor();
    await search.fill('ma01xkcd');
    await row('enterprises', OTHER_ENTERPRISE).waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid=enterprises-row]').count()).toBe(1);
    await search.fill('no such enterprise');
    await page.locator('[data-testid=enterprises] .empty').waitFor();
    await search.fill('');
    await row('enterprises', OTHER_ENTERPRISE).waitFor();
  });

  it('registers a supplier with its service kinds', async () => {
    await page.click('[data-testid="nav-/admin/suppliers"]');
    await page.click('[data-testid=suppliers] [data-testid=new]');
    const form = page.locator('[data-testid=suppliers-form]');
    await form.locator('input[name=code]').fill('Xinghe Cloud');
    await form.locator('input[name=nameZh]').fill('星河云计算有限公司');
    await form.locator('input[name=nameEn]').fill('Xinghe Cloud');
    await form.locator('input[name=contactEmail]').fill('billing@xinghe-cloud.example.cn');
    await form.locator('button[type=submit]').click();
    await form.getByText('代码为 2–64 位小写字母').waitFor();
    await form.getByText('请至少选择一项').waitFor();
    await form.locator('input[name=code]').fill('xinghe-cloud');
    await form.locator('input[name=serviceKinds][value=intelligent_compute]').check();
    await form.locator('input[name=serviceKinds][value=storage]').check();
    await form.locator('button[type=submit]').click();
    await row('suppliers', 'xinghe-cloud').waitFor();
    expect(await row('suppliers', 'xinghe-cloud').innerText()).toContain('否');
  });

  it('creates an enterprise user for it', async () => {
    await page.click('[data-testid="nav-/admin/users"]');
    await page.click('[data-testid=users] [data-testid=new]');
    const form = page.locator('[data-testid=users-form]');
    await form.locator('input[name=displayName]').fill('星河智算 经办人');
    await form.locator('input[name=email]').fill(NEW_USER);
    await form.locator('input[name=password]').fill(PASSWORD);
    expect(await form.locator('select[name=enterpriseId]').count()).toBe(0);
    await form.locator('select[name=role]').selectOption('enterprise');
    // An enterprise user belongs to an enterprise: the choice is required.
    await form.locator('button[type=submit]').click();
    await form.locator('.field-error', { hasText: '请选择企业' }).waitFor();
    // The picker searches the register as one types: the other enterprise drops out of the choices.
    const choice = (name: string) => form.locator('select[name=enterpriseId] option', { hasText: name });
    await choice(OTHER_ENTERPRISE).waitFor({ state: 'attached' });
    await form.locator('input[name=enterpriseId-search]').fill('星河');
    await choice(OTHER_ENTERPRISE).waitFor({ state: 'detached' });
    await form.locator('select[name=enterpriseId]').selectOption({ label: ENTERPRISE });
    await form.locator('button[type=submit]').click();
    await row('users', NEW_USER).waitFor();
    const text = await row('users', NEW_USER).innerText();
    expect(text).toContain(ENTERPRISE);
    expect(text).toContain('企业');
    expect(text).toContain('有效');
  });

  it('links the enterprise to a supplier as a related party, and removes a second link after confirming', async () => {
    await page.click('[data-testid="nav-/admin/related-parties"]');
    for (const [supplier, description] of [
      [{ value: baiduId }, '同一实际控制人'],
      [{ label: '星河云计算有限公司' }, '误登记'],
    ] as const) {
      await page.click('[data-testid=related-parties] [data-testid=new]');
      const form = page.locator('[data-testid=related-parties-form]');
      await form.locator('select[name=enterpriseId]').selectOption({ label: ENTERPRISE });
      await form.locator('select[name=supplierId]').selectOption(supplier);
      await form.locator('input[name=description]').fill(description);
      await form.locator('button[type=submit]').click();
      await row('related-parties', description).waitFor();
    }
    expect(await row('related-parties', '同一实际控制人').innerText()).toContain(ENTERPRISE);

    await row('related-parties', '误登记').locator('[data-testid=unlink]').click();
    expect(await textOf(page, '[role=dialog]')).toContain(ENTERPRISE);
    await page.click('[role=dialog] button:has-text("确认")');
    await page.waitForSelector('[role=dialog]', { state: 'detached' });
    await row('related-parties', '误登记').waitFor({ state: 'detached' });
    expect(await row('related-parties', '同一实际控制人').count()).toBe(1);
  });

  it('deactivates a user after confirming', async () => {
    await page.click('[data-testid="nav-/admin/users"]');
    const old = row('users', OLD_USER);
    await old.locator('[data-testid=deactivate]').click();
    expect(await textOf(page, '[role=dialog]')).toContain(OLD_USER);
    await page.click('[role=dialog] button:has-text("确认")');
    await old.locator('[data-status=inactive]').waitFor();
    expect(await old.innerText()).toContain('已停用');
    // The admin's own account has no deactivate button.
    expect(await row('users', ADMIN).locator('[data-testid=deactivate]').count()).toBe(0);
  });

  it('closes a program after confirming, then opens it again', async () => {
    // Inside the Beijing plan: after its end a program shows closed whatever its switch says (ADR 0044).
    await apiCall(sys.base, admin.token, 'PUT', '/admin/clock', { businessDate: '2025-06-02' });
    await page.click('[data-testid="nav-/admin/programs"]');
    const beijing = page.locator('[data-testid=program-row]', { hasText: 'beijing-ai-compute-2023' });
    await beijing.locator('[data-status=open]').waitFor();
    await beijing.locator('[data-testid=close-program]').click();
    await page.click('[role=dialog] button:has-text("确认")');
    await beijing.locator('[data-status=closed]').waitFor();
    await beijing.locator('[data-testid=open-program]').click();
    await page.click('[role=dialog] button:has-text("确认")');
    await beijing.locator('[data-status=open]').waitFor();
    const toggles: { after: { active: boolean } }[] = await sys.db.query(
      `SELECT after FROM audit_log WHERE action = 'program.active_set' AND entity_id = $1 ORDER BY id`,
      ['beijing-ai-compute-2023'],
    );
    expect(toggles.map((r) => r.after.active)).toEqual([false, true]);
    await signOut(page);
  });

  it('the API and the audit log hold every change', async () => {
    const enterprise = (await list('/admin/enterprises')).find((e) => e.name === ENTERPRISE)!;
    expect(enterprise).toMatchObject({
      creditCode: CREDIT_CODE,
      registrationRegion: 'beijing',
      industry: 'software_information_services',
      independentLegalPerson: true,
      aiDirectionAligned: true,
      soundFinancialManagement: true,
      receivesOtherMunicipalComputeSubsidy: false,
      lastDishonestyRecordDate: '2024-05-01',
      contactEmail: 'finance@xinghe.example.cn',
    });
    const created = await audit('enterprise.created', enterprise.id);
    expect(created).toHaveLength(1);
    expect(created[0].actor).toBe(admin.id);
    expect(created[0].after).toMatchObject({ creditCode: CREDIT_CODE });
    const updated = await audit('enterprise.updated', enterprise.id);
    expect(updated).toHaveLength(1);
    expect(updated[0].before).toMatchObject({ lastDishonestyRecordDate: null });
    expect(updated[0].after).toMatchObject({ lastDishonestyRecordDate: '2024-05-01' });

    const supplier = (await list('/admin/suppliers')).find((x) => x.code === 'xinghe-cloud')!;
    expect(supplier).toMatchObject({ isPartner: false, serviceKinds: ['intelligent_compute', 'storage'] });
    expect(await audit('supplier.created', supplier.id)).toHaveLength(1);

    const users = await list('/admin/users');
    const newUser = users.find((u) => u.email === NEW_USER)!;
    expect(newUser).toMatchObject({ role: 'enterprise', enterpriseId: enterprise.id, active: true });
    expect(await audit('user.created', newUser.id)).toHaveLength(1);
    const oldUser = users.find((u) => u.email === OLD_USER)!;
    expect(oldUser.active).toBe(false);
    const deactivated = await audit('user.active_set', oldUser.id);
    expect(deactivated).toHaveLength(1);
    expect(deactivated[0]).toMatchObject({
      actor: admin.id,
      before: { active: true },
      after: { active: false },
    });

    const links = (await list('/admin/related-parties')).filter((l) => l.enterpriseId === enterprise.id);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ supplierId: baiduId, description: '同一实际控制人' });
    expect(await audit('related_party.linked', links[0].id)).toHaveLength(1);
    const unlinked: { before: Record<string, unknown> }[] = await sys.db.query(
      `SELECT before FROM audit_log WHERE action = 'related_party.unlinked' AND actor = $1`,
      [admin.id],
    );
    expect(unlinked).toHaveLength(1);
    expect(unlinked[0].before).toMatchObject({ enterpriseId: enterprise.id, supplierId: supplier.id });
  });

  it('the new enterprise user signs in; the deactivated one cannot, and their old token is refused', async () => {
    await signInAs(page, sys.base, NEW_USER);
    expect(await textOf(page, '[data-testid=whoami]')).toContain('星河智算 经办人');
    const nav = await textOf(page, '.topbar nav');
    expect(nav).toContain('申领算力券');
    expect(nav).not.toContain('企业管理');
    await signOut(page);

    await page.fill('input[name=email]', OLD_USER);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.locator('.login [role=alert]').waitFor();
    expect(await page.locator('[data-testid=whoami]').count()).toBe(0);
    await expect(apiToken(sys.base, OLD_USER)).rejects.toThrow(/401/);
    expect((await apiCall(sys.base, oldToken, 'GET', '/inbox')).status).toBe(401);
  });

  it('the admin resets the enterprise user’s password; they sign in with it, then change it themselves', async () => {
    const RESET = 'reset by the bureau 2025';
    const OWN = 'my own secret of 2025';
    await signInAs(page, sys.base, ADMIN);
    await page.click('[data-testid="nav-/admin/users"]');
    const users = page.locator('[data-testid=users]');
    // The role filter and the search box narrow the list on the server.
    await row('users', OLD_USER).waitFor();
    await users.locator('select[name=role-filter]').selectOption('enterprise');
    await row('users', OLD_USER).waitFor({ state: 'detached' });
    await users.locator('select[name=role-filter]').selectOption('');
    await row('users', OLD_USER).waitFor();
    await users.locator('input[name=q]').fill('XINGHE');
    await row('users', OLD_USER).waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid=users-row]').count()).toBe(1);

    await row('users', NEW_USER).locator('[data-testid=reset-password]').click();
    const form = page.locator('[data-testid=users-reset-password-form]');
    await form.locator('input[name=password]').fill('too short');
    await form.locator('button[type=submit]').click();
    await form.locator('.field-error', { hasText: '密码至少 10 个字符' }).waitFor();
    await form.locator('input[name=password]').fill(RESET);
    await form.locator('button[type=submit]').click();
    await form.waitFor({ state: 'detached' });
    await users.getByText('密码已重置').waitFor();
    const newUserId = (await list('/admin/users')).find((u) => u.email === NEW_USER)!.id;
    const resets = await audit('user.password_reset', newUserId);
    expect(resets).toHaveLength(1);
    expect(resets[0].actor).toBe(admin.id);
    await signOut(page);
    await expect(apiToken(sys.base, NEW_USER)).rejects.toThrow(/401/);

    await signInAs(page, sys.base, NEW_USER, RESET);
    await page.click('[data-testid=account-password]');
    const own = page.locator('[data-testid=change-password-form]');
    await own.locator('input[name=currentPassword]').fill('not my password');
    await own.locator('input[name=newPassword]').fill(OWN);
    await own.locator('input[name=confirmPassword]').fill(`${OWN}!`);
    await own.locator('button[type=submit]').click();
    const confirmField = own.locator('.field', { has: page.locator('input[name=confirmPassword]') });
    await confirmField.getByText('两次输入的新密码不一致').waitFor();
    await own.locator('input[name=confirmPassword]').fill(OWN);
    await own.locator('button[type=submit]').click();
    // A wrong current password is said next to that field, nowhere else.
    const currentField = own.locator('.field', { has: page.locator('input[name=currentPassword]') });
    await currentField.getByText('当前密码错误').waitFor();
    expect(await own.locator('.field-error').count()).toBe(1);
    await own.locator('input[name=currentPassword]').fill(RESET);
    await own.locator('button[type=submit]').click();
    await page.locator('[data-testid=change-password]').getByText('密码已修改').waitFor();
    expect(await audit('user.password_changed', newUserId)).toHaveLength(1);
    await signOut(page);

    await signInAs(page, sys.base, NEW_USER, OWN);
    expect(await textOf(page, '[data-testid=whoami]')).toContain('星河智算 经办人');
    await signOut(page);
  });
});
