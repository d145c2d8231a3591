import type { Page } from 'playwright-core';
import { CHENGDU_PUHUI, materialCodes } from '@app/domain';
import { createEnterprise } from '../support/fixtures';
import { eventually } from '../support/wait';
import { apiCallAs, consoleSuite, seedUsers, setClock, shot, signInAs, textOf, type System } from './harness';

/**
 * Chengdu 普惠算力券 walked through the web console against the real API, worker, Temporal and PostgreSQL:
 * the pool page, a unit applying and uploading its materials, a reviewer approving in receipt order, the
 * supplier recording a deduction (50% of the payment) and redeeming it, finance verifying, the payment.
 */
describe('the web console for Chengdu 普惠算力券 (Chromium, real API + worker)', () => {
  const suite = consoleSuite('puhui');
  let sys: System;
  let page: Page;
  let supplierId: string;
  const UNIT = '成都天府智能医疗科技有限公司';
  let applicationUrl = '';
  let voucherNo = '';

  beforeAll(async () => {
    ({ sys, page } = suite);
    const suppliers = suite.suppliers;
    supplierId = suppliers.get('cd-ai-computing')!.id;
    const unit = await createEnterprise(sys.db, { name: UNIT, registrationRegion: 'chengdu-gaoxin' });
    const earlier = await createEnterprise(sys.db, {
      name: '成都先到科技有限公司',
      registrationRegion: 'chengdu',
    });
    await seedUsers(sys.db, [
      ['admin@puhui.example.cn', '管理员', 'admin'],
      ['ops@tianfu-med.example.cn', '天府医疗 经办人', 'enterprise', { enterpriseId: unit.id }],
      ['ops@xiandao.example.cn', '先到 经办人', 'enterprise', { enterpriseId: earlier.id }],
      ['zhao@bureau.example.cn', '赵审核', 'reviewer'],
      ['settle@cd-ai.example.cn', '成都智算 结算', 'supplier', { supplierId }],
      ['finance@bureau.example.cn', '财务张', 'finance'],
    ]);
    await setClock(sys, 'admin@puhui.example.cn', '2025-03-03');
    // Another unit was received first: ours is the second in receipt order.
    const first = await apiCallAs(
      sys,
      'ops@xiandao.example.cn',
      'POST',
      `/pools/${CHENGDU_PUHUI.code}/applications`,
    );
    expect(first.body).toMatchObject({ status: 'holding' });
  });

  const pdf = (name: string) => ({
    name: `${name}.pdf`,
    mimeType: 'application/pdf',
    buffer: Buffer.from(`%PDF-1.4 ${name}`),
  });

  /** Uploads one file per material code through the checklist and waits until each shows as uploaded. */
  async function uploadChecklist(codes: readonly string[]) {
    for (const code of codes) {
      await page.setInputFiles(`input[data-code="${code}"]`, pdf(code));
      await page
        .locator('[data-testid=material-row]', { has: page.locator(`input[data-code="${code}"]`) })
        .locator('[data-uploaded=true]')
        .waitFor({ timeout: 15_000 });
    }
  }

  it('a unit sees the pool, applies, and uploads the five materials of seed 001 §四(一)', async () => {
    await signInAs(page, sys.base, 'ops@tianfu-med.example.cn');
    await page.click('[data-testid="nav-/puhui"]');
    await page.waitForSelector('[data-testid=ph-pool]');
    expect(await textOf(page, '[data-testid=ph-slots]')).toBe('300');
    expect(await textOf(page, '[data-testid=ph-left]')).toBe('299');
    expect(await textOf(page, '[data-testid=ph-mine]')).toContain('每家单位每年限领一次');
    await shot(page, 'puhui-pool');

    await page.click('[data-testid=ph-apply]');
    await page.waitForSelector('[data-testid=ph-application] [data-status=holding]');
    applicationUrl = page.url();
    expect(await textOf(page, '[data-testid=ph-application]')).toContain(UNIT);
    await uploadChecklist(materialCodes(CHENGDU_PUHUI, 'applicant', 'application'));
    expect(await textOf(page, '[data-testid=ph-materials]')).toContain('“普惠算力券”申领表');
    await shot(page, 'puhui-application');

    // Back on the pool page: one slot fewer, and the unit's own application.
    await page.click('[data-testid="nav-/puhui"]');
    await page.waitForSelector('[data-testid=ph-my-application]');
    expect(await textOf(page, '[data-testid=ph-left]')).toBe('298');
  });

  it('a reviewer finds it in receipt order and approves it: the voucher of ¥10,000.00 is issued', async () => {
    await signInAs(page, sys.base, 'zhao@bureau.example.cn');
    await page.click('[data-testid="nav-/puhui/review"]');
    await page.waitForSelector('[data-testid=ph-review-row]');
    const rows = await page.locator('[data-testid=ph-review-row]').allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('成都先到科技有限公司');
    expect(rows[1]).toContain(UNIT);
    await page.locator('[data-testid=ph-review-row]', { hasText: UNIT }).getByRole('link').click();
    await page.waitForSelector('[data-testid=ph-approve]');
    await page.click('[data-testid=ph-approve]');
    await page.waitForSelector('[data-testid=ph-voucher]', { timeout: 30_000 });
    expect(await textOf(page, '[data-testid=ph-voucher-face]')).toBe('¥10,000.00');
    voucherNo = await textOf(page, '[data-testid=ph-voucher-no]');
    expect(voucherNo).toMatch(/^PH-2025-\d{6}$/);
    expect(await textOf(page, '[data-testid=ph-application]')).toContain('已发放');
    await shot(page, 'puhui-issued');

    await page.click('[data-testid="nav-/puhui"]');
    await page.waitForSelector('[data-testid=ph-issued]');
    expect(await textOf(page, '[data-testid=ph-issued]')).toBe('1');
  });

  it('the unit sees its voucher; the supplier deducts 50% of a payment and redeems it with its materials', async () => {
    await signInAs(page, sys.base, 'ops@tianfu-med.example.cn');
    await page.goto(applicationUrl);
    await page.waitForSelector('[data-testid=ph-voucher]');
    expect(await textOf(page, '[data-testid=ph-voucher-no]')).toBe(voucherNo);

    await signInAs(page, sys.base, 'settle@cd-ai.example.cn');
    await page.click('[data-testid="nav-/puhui/deductions"]');
    await page.fill('input[name=voucherNo]', voucherNo);
    await page.fill('input[name=paymentAmount]', '8000.01');
    await page.fill('input[name=paymentReference]', 'CDAI-PAY-0001');
    await page.click('[data-testid=ph-deduct] button[type=submit]');
    await page.waitForSelector('[data-testid=ph-deduction-recorded]');
    // Half of 8,000.01 is 4,000.005: truncated to the fen, never rounded up.
    expect(await textOf(page, '[data-testid=ph-deduction-amount]')).toBe('¥4,000.00');
    expect(await textOf(page, '[data-testid=ph-deduction-recorded]')).toContain('不超过实际支付金额的50%');
    await shot(page, 'puhui-deduction');

    await page.click('[data-testid=ph-redeem]');
    await page.waitForSelector('[data-testid=ph-redemption] [data-status=draft]');
    await uploadChecklist(materialCodes(CHENGDU_PUHUI, 'supplier', 'redemption'));
    await page.click('[data-testid=ph-submit-redemption]');
    await page.waitForSelector('[data-testid=ph-redemption] [data-status=submitted]');
    expect(await textOf(page, '[data-testid=ph-redemption-amount]')).toBe('¥4,000.00');
  });

  it('finance verifies the redemption and the supplier is paid ¥4,000.00', async () => {
    await signInAs(page, sys.base, 'finance@bureau.example.cn');
    await page.click('[data-testid="nav-/puhui/redemptions"]');
    await page.locator('[data-testid=ph-redemption-row]', { hasText: voucherNo }).getByRole('link').click();
    await page.waitForSelector('[data-testid=ph-approve]');
    await page.click('[data-testid=ph-approve]');
    await page.waitForSelector('[data-testid=ph-redemption] [data-status=paid]', { timeout: 30_000 });
    expect(await textOf(page, '[data-testid=ph-redemption]')).toContain('chengdu-municipal');
    await shot(page, 'puhui-redemption-paid');

    const transfer = await eventually(async () => {
      const rows: { payee_kind: string; payee_id: string; amount: string }[] = await sys.db.query(
        `SELECT t.payee_kind, t.payee_id, t.amount::text AS amount FROM simulated_bank_transfers t
           JOIN direct_payments d ON d.idempotency_key = t.idempotency_key
          WHERE d.kind = 'supplier_redemption'`,
      );
      return rows.length ? rows : undefined;
    }, 'the bank transfer');
    expect(transfer).toEqual([{ payee_kind: 'supplier', payee_id: supplierId, amount: '4000.00' }]);
  });
});
