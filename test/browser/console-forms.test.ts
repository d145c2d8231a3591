import type { Page, Route } from 'playwright-core';
import { createEnterprise } from '../support/fixtures';
import { eventually } from '../support/wait';
import {
  MEDICAL_YEAR,
  consoleSuite,
  fillApplyForm,
  seedUsers,
  setClock,
  shot,
  signInAs,
  type System,
} from './harness';
import { putInSlot } from './materials';

/**
 * Issue 9 items 5 and 9: the application form as a government service portal — a draft kept on the server
 * that survives a reload, amounts typed with separators, a date that does not exist told as such on its
 * field with the focus moved there, and the materials checklist (upload, replace, delete) keeping submit
 * disabled, with the reasons listed, while a required slot is empty.
 */
describe('the application form: drafts, materials, validation and accessibility (Chromium, real API)', () => {
  const suite = consoleSuite('forms', { withWorker: false });
  let sys: System;
  let page: Page;
  let baiduId: string;
  const COMPANY = 'company@forms.example.cn';

  const value = (name: string) => page.inputValue(`[data-testid=apply-form] [name="${name}"]`);
  const reasons = () => page.locator('[data-testid=submit-reason]').allTextContents();
  const submit = () => page.locator('[data-testid=apply-submit]');

  beforeAll(async () => {
    ({ sys, page } = suite);
    baiduId = suite.suppliers.get('baidu')!.id;
    const enterprise = await createEnterprise(sys.db, { name: '北京表单测试科技有限公司' });
    await seedUsers(sys.db, [
      ['admin@forms.example.cn', '局管理员', 'admin'],
      [COMPANY, '企业经办人', 'enterprise', { enterpriseId: enterprise.id }],
    ]);
    await setClock(sys, 'admin@forms.example.cn', '2025-04-01');
    await signInAs(page, sys.base, COMPANY);
  });

  it('keeps what was typed as a server-side draft: after a reload the values are back', async () => {
    await page.goto(`${sys.base}/console/applications/new`);
    await page.locator('[data-testid=checklist]').waitFor();
    // Separators are an amount now, in the console as in the API.
    await fillApplyForm(page, {
      ...MEDICAL_YEAR,
      supplierId: baiduId,
      contractNumber: 'FORMS-HT-0001',
      amount: '5,000,000',
    });
    await page.locator('[data-testid=draft-state]', { hasText: '草稿已自动保存' }).waitFor();
    expect(await page.locator('[data-testid=apply-form] .field-error').count()).toBe(0);
    expect(await page.textContent('[data-testid=estimate]')).toBe('¥838,356.16');

    await page.reload();
    await page.locator('[data-testid=draft-state]', { hasText: '已恢复上次保存的草稿' }).waitFor();
    expect([
      await value('supplierId'),
      await value('contractNumber'),
      await value('applicationDomain'),
      await value('signedOn'),
      await value('startDate'),
      await value('endDate'),
      await value('lines.0.amount'),
    ]).toEqual([baiduId, 'FORMS-HT-0001', 'medical', '2025-02-20', '2025-03-01', '2026-02-28', '5,000,000']);
  });

  it('keeps submit disabled with the reasons while a required slot is empty; a file is replaced and deleted', async () => {
    expect(await submit().isDisabled()).toBe(true);
    expect(await reasons()).toEqual([
      '请上传“算力服务合同”',
      '请上传“企业营业执照”',
      '请上传“材料真实性承诺书”',
    ]);
    // Required slots are marked; the optional one is not required.
    expect(await page.textContent('[data-testid="slot-contract"]')).toContain('必需');
    expect(await page.textContent('[data-testid="slot-invoice"]')).toContain('可选');
    expect(
      await page.locator('[data-testid="slot-authenticity-pledge"] [data-testid=slot-template]').count(),
    ).toBe(1);

    // A PNG is not taken where only PDF is: said on the slot, nothing stored.
    await page.locator('[data-testid="slot-contract"] [data-testid=slot-input]').setInputFiles({
      name: 'scan.png',
      mimeType: 'image/png',
      buffer: Buffer.from('89504e470d0a1a0a', 'hex'),
    });
    await page
      .locator('[data-testid="slot-contract"] .field-error', { hasText: '该材料只接受：PDF' })
      .waitFor();

    await putInSlot(page, 'contract', '合同-第一版.pdf');
    expect(await reasons()).toEqual(['请上传“企业营业执照”', '请上传“材料真实性承诺书”']);
    await putInSlot(page, 'contract', '合同-第二版.pdf');
    expect(
      await page.locator('[data-testid="slot-contract"] [data-testid=slot-file]').allTextContents(),
    ).toEqual(['合同-第二版.pdf']);
    expect(await page.getByText('合同-第一版.pdf').count()).toBe(0);

    await page.click('[data-testid="slot-contract"] [data-testid=slot-delete]');
    await page.locator('[data-testid="slot-contract"] [data-testid=slot-empty]').waitFor();
    expect(await reasons()).toEqual([
      '请上传“算力服务合同”',
      '请上传“企业营业执照”',
      '请上传“材料真实性承诺书”',
    ]);
    expect(await submit().isDisabled()).toBe(true);

    for (const slot of ['contract', 'business-licence', 'authenticity-pledge'])
      await putInSlot(page, slot, `${slot}.pdf`);
    expect(await reasons()).toEqual([]);
    expect(await submit().isDisabled()).toBe(false);
    // The files are kept with the draft too.
    await page.reload();
    await page
      .locator('[data-testid="slot-business-licence"] [data-testid=slot-file]', {
        hasText: 'business-licence.pdf',
      })
      .waitFor();
  });

  it('asks before leaving while a change is not saved yet, and stays when told to', async () => {
    // The autosave is held back so the change stays unsaved for as long as the check takes.
    const held: Route[] = [];
    await page.route('**/applications/drafts/*', (route) =>
      route.request().method() === 'PUT' ? void held.push(route) : route.continue(),
    );
    await page.fill('input[name=contractNumber]', 'FORMS-HT-0002');
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await page.click('[data-testid="nav-/applications"]');
    await eventually(async () => asked, 'the leave question');
    expect(asked).toBe('填写的内容尚未保存，确定离开本页吗？');
    expect(page.url()).toContain('/console/applications/new');
    expect(await value('contractNumber')).toBe('FORMS-HT-0002');
    await page.unroute('**/applications/drafts/*');
    for (const route of held) await route.continue();
    await page.locator('[data-testid=draft-state]', { hasText: '草稿已自动保存' }).waitFor();
  });

  it('says 日期不存在 for 2025-02-30 on its field, tied to it, and moves the focus there on submit', async () => {
    await page.fill('input[name=signedOn]', '2025-02-30');
    await page.click('[data-testid=apply-submit]');
    const field = page.locator('input[name=signedOn]');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-required')).toBe('true');
    const describedBy = (await field.getAttribute('aria-describedby'))!.split(' ');
    const said = await Promise.all(describedBy.map((id) => page.textContent(`[id="${id}"]`)));
    expect(said).toContain('日期不存在');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe(
      'signedOn',
    );
    // Required fields carry a visible mark.
    expect(await page.locator('[data-testid=apply-form] .required-mark').count()).toBeGreaterThanOrEqual(7);
    await shot(page, 'forms-apply-date-and-materials');
  });
});
