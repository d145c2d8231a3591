import { createEnterprise } from '../support/fixtures';
import { eventually } from '../support/wait';
import { apiCall, apiToken, consoleSuite, seedUser, shot, signInAs, signOut, textOf } from './harness';

/**
 * Reviewer ergonomics in Chromium against the real API, worker, Temporal and PostgreSQL (ADR 0048): rows of
 * one company told apart by application no., contract no. and submission date; counts on the tabs; a
 * saved filter; a double click on 领取 that ends claimed with no error; no decision preselected and a
 * confirmation before deciding; after deciding a message and the next task open; a comment in the thread;
 * the senior reviewer sees the first reviewer's opinion.
 */
describe('the reviewer’s queue and decision (Chromium, real API + worker)', () => {
  const suite = consoleSuite('review');
  const COMPANY = '同名智算科技有限公司';
  const CONTRACTS = ['REV-2025-001', 'REV-2025-002', 'REV-2025-003'];
  const appIds: Record<string, string> = {};

  beforeAll(async () => {
    const { sys, suppliers } = suite;
    await seedUser(sys.db, 'admin@review.example.cn', '局管理员', 'admin');
    await seedUser(sys.db, 'zhang@review.example.cn', '张审核', 'reviewer');
    await seedUser(sys.db, 'li@review.example.cn', '李高审', 'senior_reviewer');
    const enterprise = await createEnterprise(sys.db, { name: COMPANY });
    await seedUser(sys.db, 'ops@tongming.example.cn', '同名经办', 'enterprise', {
      enterpriseId: enterprise.id,
    });
    const admin = await apiToken(sys.base, 'admin@review.example.cn');
    expect(
      (await apiCall(sys.base, admin, 'PUT', '/admin/clock', { businessDate: '2025-05-06' })).status,
    ).toBe(200);
    const company = await apiToken(sys.base, 'ops@tongming.example.cn');
    // The first one is large enough to need a second approval (face value above 500,000.00).
    const amounts = ['5000000.00', '300000.00', '200000.00'];
    for (const [i, contractNumber] of CONTRACTS.entries()) {
      const res = await apiCall(sys.base, company, 'POST', '/applications', {
        supplierId: suppliers.get('baidu')!.id,
        contractNumber,
        signedOn: '2025-05-01',
        startDate: '2025-05-01',
        endDate: '2025-10-31',
        applicationDomain: 'transport',
        lines: [{ serviceKind: 'intelligent_compute', amount: amounts[i] }],
      });
      expect(res.status).toBe(201);
      appIds[contractNumber] = res.body.id as string;
    }
    await eventually(
      async () => {
        const [{ n }] = await sys.db.query(
          `SELECT count(*)::int AS n FROM review_tasks WHERE kind = 'review'`,
        );
        return n === CONTRACTS.length;
      },
      'a review task for each application',
      60_000,
    );
  }, 180_000);

  const rowOf = (contract: string) => suite.page.locator('[data-testid=queue-row]', { hasText: contract });

  it('rows of one company show application no., contract no. and submission date; tabs show counts', async () => {
    const { page, sys } = suite;
    await signInAs(page, sys.base, 'zhang@review.example.cn');
    await eventually(async () => {
      await page.click('[data-testid=refresh]');
      await page.waitForTimeout(200);
      return (await page.locator('[data-testid=queue-row]').count()) === CONTRACTS.length;
    }, 'the three tasks in the queue');
    const texts = await page.locator('[data-testid=queue-row]').allInnerTexts();
    expect(new Set(texts).size).toBe(CONTRACTS.length);
    for (const contract of CONTRACTS) {
      const row = await rowOf(contract).innerText();
      expect(row).toContain(COMPANY);
      const [{ reference_no: number }] = await suite.sys.db.query(
        `SELECT reference_no FROM applications WHERE id = $1`,
        [appIds[contract]],
      );
      expect(row).toContain(number);
      expect(row).toContain('2025-05-06');
    }
    expect(await textOf(page, '[data-testid=tab-count-unassigned]')).toBe('3');
    expect(await textOf(page, '[data-testid=tab-count-all]')).toBe('3');
    expect(await textOf(page, '[data-testid=tab-count-mine]')).toBe('0');
  });

  it('a filter saved by name comes back after a reload', async () => {
    const { page } = suite;
    await page.fill('input[name=enterprise]', '同名');
    await page.click('[data-testid=save-filter]');
    await page.getByText('请填写筛选名称').waitFor();
    await page.fill('input[name=savedFilterName]', '同名公司');
    await page.click('[data-testid=save-filter]');
    await page.getByText('已保存筛选“同名公司”').waitFor();
    await page.reload();
    await page.waitForSelector('[data-testid=queue-row]');
    expect(await page.inputValue('input[name=enterprise]')).toBe('');
    await page.selectOption('select[name=savedFilter]', '同名公司');
    expect(await page.inputValue('input[name=enterprise]')).toBe('同名');
  });

  it('a double click on 领取 ends with the task claimed and no error', async () => {
    const { page } = suite;
    await rowOf(CONTRACTS[0]).getByRole('button', { name: '领取' }).dblclick();
    // Claimed, it leaves 待领取 for 我的任务.
    await page.click('[data-testid=tab-mine]');
    await rowOf(CONTRACTS[0]).getByText('张审核').waitFor();
    await page.waitForTimeout(500);
    expect(await page.locator('.alert.error').count()).toBe(0);
    await eventually(
      async () => (await textOf(page, '[data-testid=tab-count-mine]')) === '1',
      'the count on 我的任务',
    );
    expect(await textOf(page, '[data-testid=tab-count-unassigned]')).toBe('2');
    await shot(page, 'review-01-queue');
  });

  it('a comment goes into the thread; the decision is chosen, confirmed, and the next task opens', async () => {
    const { page } = suite;
    await rowOf(CONTRACTS[0]).getByRole('link').click();
    await page.waitForSelector('[data-testid=decision-form]');

    // The thread: an empty comment is refused on the field, a written one is shown with its author.
    await page.click('[data-testid=comment-form] button[type=submit]');
    await page.getByText('请填写评论内容').waitFor();
    await page.fill('textarea[name=comment]', '发票与合同金额一致，建议通过。');
    await page.click('[data-testid=comment-form] button[type=submit]');
    await page.locator('[data-testid=comment]', { hasText: '发票与合同金额一致' }).waitFor();
    expect(await textOf(page, '[data-testid=comment-thread]')).toContain('张审核');

    // Nothing preselected: submitting without a choice asks for one, and no dialog opens.
    expect(await page.locator('input[name=decision]:checked').count()).toBe(0);
    await page.click('[data-testid=decision-form] button[type=submit]');
    await page.getByText('请选择审核结论').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);

    // The dialog names the decision and the contract; cancelling sends nothing.
    await page.check('input[name=decision][value=approve]');
    await page.fill('textarea[name=reason]', '材料齐全');
    await page.click('[data-testid=decision-form] button[type=submit]');
    const dialog = page.getByRole('dialog');
    expect(await dialog.innerText()).toContain(CONTRACTS[0]);
    expect(await dialog.innerText()).toContain('通过');
    await shot(page, 'review-02-confirm');
    await dialog.getByRole('button', { name: '取消' }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.locator('[data-testid=application-status] [data-status=in_review]').count()).toBe(1);

    await page.click('[data-testid=decision-form] button[type=submit]');
    await page.getByRole('dialog').getByRole('button', { name: '确认' }).click();
    const done = await page.waitForSelector('[data-testid=decision-done]');
    expect(await done.innerText()).toContain(`已对合同 ${CONTRACTS[0]} 的申请作出“通过”的决定`);
    expect(await done.innerText()).toContain('已为您打开下一个任务');
    // The next task is another application of the queue.
    const heading = await textOf(page, 'h1');
    expect(heading).not.toContain(CONTRACTS[0]);
    expect(CONTRACTS.slice(1).some((c) => heading.includes(c))).toBe(true);
    await page.waitForSelector('[data-testid=decision-panel]');
    await shot(page, 'review-03-next-task');
    await signOut(page);
  });

  it('the senior reviewer sees the first reviewer’s opinion and the thread', async () => {
    const { page, sys } = suite;
    await signInAs(page, sys.base, 'li@review.example.cn');
    await page.click('[data-testid="nav-/review/second"]');
    const row = rowOf(CONTRACTS[0]);
    await eventually(async () => {
      await page.click('[data-testid=refresh]');
      await page.waitForTimeout(200);
      return (await row.count()) > 0;
    }, 'the second approval in the queue');
    await row.getByRole('button', { name: '领取' }).click();
    await page.click('[data-testid=tab-mine]');
    await row.getByRole('cell', { name: '李高审' }).waitFor();
    await row.getByRole('link').click();
    const opinion = await page.waitForSelector('[data-testid=first-opinion]');
    const text = await opinion.innerText();
    expect(text).toContain('通过');
    expect(text).toContain('材料齐全');
    expect(text).toContain('张审核');
    expect(await textOf(page, '[data-testid=comment-thread]')).toContain('发票与合同金额一致，建议通过。');
    expect(await page.locator('input[name=decision]:checked').count()).toBe(0);
    await shot(page, 'review-04-senior-first-opinion');
  });
});
