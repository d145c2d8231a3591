import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { parseCsv } from '@app/domain';
import { ApplicationRecord } from '@app/persistence';
import { createContract, createEnterprise } from '../support/fixtures';
import { apiCall, apiToken, consoleSuite, seedUser, shot, signInAs, textOf, type System } from './harness';

/**
 * The program editor and the policy simulator in Chromium against the real API (ADR 0028): a new version
 * of the Beijing program started from version 1, a bad rate refused next to its field as it is typed (the
 * domain's own rule, before any request), the draft — 25% with a 3,000,000.00 pool — run over a CSV of 20
 * sample contracts (per-row checks and amounts, totals against the pool), then saved as version 2 and the
 * two versions compared side by side.
 */
describe('the program editor and the simulator (Chromium, real API)', () => {
  const suite = consoleSuite('editor', { withWorker: false });
  let sys: System;
  let page: Page;
  let adminToken: string;
  let baiduId: string;
  const CODE = 'beijing-ai-compute-2023';
  const SOURCE_PDF = Buffer.from('%PDF-1.4\n% 京经信发〔2025〕88号 修订说明\n%%EOF\n', 'utf8');

  beforeAll(async () => {
    ({ sys, page } = suite);
    baiduId = suite.suppliers.get('baidu')!.id;
    await seedUser(sys.db, 'admin@bureau.example.cn', '局管理员', 'admin');
    adminToken = await apiToken(sys.base, 'admin@bureau.example.cn');
  });

  /**
   * 20 sample contracts: 14 units at 100,000.00 × i (25% = 25,000.00 × i, 2,625,000.00 together), one
   * of 9,000,000.00 stopped at the 2,000,000.00 yearly cap and its second contract refused for want of
   * room, and four refusals (not a partner, a related party, an unsupported field, signed too early).
   */
  function sampleCsv(): string {
    const head =
      'contractNumber,enterprise,supplierCode,signedOn,startDate,endDate,computeAmount,otherAmount,applicationDomain,relatedParty';
    const rows: string[] = [];
    for (let i = 1; i <= 14; i++)
      rows.push(
        `S-${i},样本企业${i},baidu,2025-02-01,2025-02-01,2025-12-31,${i * 100000}.00,5000.00,medical,no`,
      );
    rows.push('S-15,样本企业15,baidu,2025-02-01,2025-02-01,2025-12-31,"9,000,000.00",,industry,no');
    rows.push('S-16,样本企业15,alibaba-cloud,2025-03-01,2025-03-01,2025-12-31,400000.00,,industry,no');
    rows.push('S-17,样本企业16,nobody,2025-02-01,2025-02-01,2025-12-31,100000.00,,industry,no');
    rows.push('S-18,样本企业17,baidu,2025-02-01,2025-02-01,2025-12-31,100000.00,,industry,yes');
    rows.push('S-19,样本企业18,baidu,2025-02-01,2025-02-01,2025-12-31,100000.00,,other,no');
    rows.push('S-20,样本企业19,baidu,2023-08-01,2023-08-01,2024-07-31,100000.00,,industry,no');
    return [head, ...rows].join('\r\n') + '\r\n';
  }

  const field = (name: string) =>
    page.locator('[data-testid=draft] .field', { has: page.locator(`[data-testid=def-${name}]`) });

  it('shows a field error as you type, runs the draft over 20 contracts, saves it and compares two versions', async () => {
    await signInAs(page, sys.base, 'admin@bureau.example.cn');
    const nav = await textOf(page, '.topbar nav');
    expect(nav).toContain('项目版本');
    expect(nav).toContain('政策试算');
    await page.click('[data-testid="nav-/admin/program-versions"]');
    await page.selectOption('[data-testid=editor-program]', CODE);
    await page.waitForSelector('[data-testid=version-row]');
    expect(await page.locator('[data-testid=version-row]').count()).toBe(1);
    await page.click('[data-testid=new-from-1]');

    // As you type: the domain's rule names the bad rate next to its field; no request is made.
    let requests = 0;
    const count = (r: { url(): string; method(): string }) => {
      if (r.method() === 'POST' && r.url().includes('/versions')) requests += 1;
    };
    page.on('request', count);
    await page.fill('[data-testid=def-rate]', '1.5');
    await field('rate').getByText('须为 0 至 1 之间的比例').waitFor();
    expect(await page.locator('[data-testid=draft-save]').isDisabled()).toBe(true);
    await page.fill('[data-testid=def-budgetPoolTotal]', '3,000,000');
    await field('budgetPoolTotal').getByText('须为金额').waitFor();
    await shot(page, 'program-editor-field-error');
    await page.fill('[data-testid=def-rate]', '0.25');
    await page.fill('[data-testid=def-budgetPoolTotal]', '3000000.00');
    expect(await field('rate').locator('.field-error').count()).toBe(0);
    expect(await field('budgetPoolTotal').locator('.field-error').count()).toBe(0);
    // Only the effective date is still missing.
    expect(await textOf(page, '[data-testid=draft-status]')).toBe('1 处需要修改');
    page.off('request', count);
    expect(requests).toBe(0);

    // The draft in the simulator, over a CSV of 20 contracts.
    await page.click('[data-testid=draft-simulate]');
    await page.waitForSelector('[data-testid=simulator]');
    expect(await page.locator('[data-testid=sim-use-draft]').isChecked()).toBe(true);
    await page.setInputFiles('[data-testid=sim-file]', {
      name: '样本合同.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(sampleCsv(), 'utf8'),
    });
    await page.click('[data-testid=sim-run]');
    await page.waitForSelector('[data-testid=sim-totals]');
    expect(await page.locator('[data-testid=sim-row]').count()).toBe(20);
    expect(await textOf(page, '[data-testid=sim-total-rows]')).toContain('20');
    expect(await textOf(page, '[data-testid=sim-total-eligible]')).toContain('15');
    expect(await textOf(page, '[data-testid=sim-total-refused]')).toContain('5');
    expect(await textOf(page, '[data-testid=sim-total-face]')).toBe('¥4,625,000.00');
    expect(await textOf(page, '[data-testid=sim-budget]')).toBe('¥3,000,000.00');
    expect(await textOf(page, '[data-testid=sim-budget-left]')).toBe('-¥1,625,000.00');
    expect(await textOf(page, '[data-testid=sim-over-budget]')).toContain('1');
    const row = (n: number) => page.locator('[data-testid=sim-row]').nth(n - 1);
    // Row 3: 25% of the compute line only (the other-services line excluded).
    expect((await row(3).innerText()).replace(/\s+/g, ' ')).toContain('¥300,000.00 ¥75,000.00 ¥75,000.00');
    // Row 15: 2,250,000.00 stopped at the yearly cap; the pool covers the 375,000.00 it has left.
    expect((await row(15).innerText()).replace(/\s+/g, ' ')).toContain(
      '¥9,000,000.00 ¥2,000,000.00 ¥375,000.00',
    );
    expect(await row(15).innerText()).toContain('受年度上限限制');
    for (const [n, code] of [
      [16, 'YEARLY_CAP_EXHAUSTED'],
      [17, 'SUPPLIER_NOT_PARTNER'],
      [18, 'SUPPLIER_RELATED_PARTY'],
      [19, 'CONTRACT_DOMAIN_NOT_ELIGIBLE'],
      [20, 'CONTRACT_SIGNED_BEFORE_WINDOW'],
    ] as const)
      expect([n, await row(n).locator('[data-outcome]').getAttribute('data-outcome')]).toEqual([n, code]);
    // Every check of a row, each passed or failed.
    await row(17).locator('summary').click();
    const checks = row(17).locator('[data-testid=sim-check]');
    expect(await checks.count()).toBeGreaterThanOrEqual(15);
    expect(await row(17).locator('[data-testid=sim-check][data-passed=no]').innerText()).toContain(
      '供给方为算力伙伴',
    );
    await shot(page, 'simulator-20-contracts');
    // Nothing was written by the simulation.
    const [{ n: versions }] = await sys.db.query(
      `SELECT count(*)::int AS n FROM program_versions WHERE program_code = $1`,
      [CODE],
    );
    expect(versions).toBe(1);

    // Back in the editor: the same changes, an effective date and the source document; saved.
    await page.click('[data-testid="nav-/admin/program-versions"]');
    await page.selectOption('[data-testid=editor-program]', CODE);
    await page.waitForSelector('[data-testid=new-from-1]');
    await page.click('[data-testid=new-from-1]');
    await page.fill('[data-testid=def-rate]', '0.25');
    await page.fill('[data-testid=def-budgetPoolTotal]', '3000000.00');
    await page.fill('[data-testid=draft-effective-from]', '2026-01-01');
    await page.fill('[data-testid=draft-source]', '京经信发〔2025〕88号');
    // The source document itself, attached (stored once, referred to by name, hash and address).
    await page.setInputFiles('[data-testid=draft-source-file]', {
      name: '修订说明.pdf',
      mimeType: 'application/pdf',
      buffer: SOURCE_PDF,
    });
    await page.getByText('已附：修订说明.pdf').waitFor();
    await page.fill('input[name=note]', '征求意见后修订：补贴比例25%，设资金池');
    expect(await textOf(page, '[data-testid=draft-status]')).toBe('各字段均通过校验');
    await page.click('[data-testid=draft-save]');
    await page.getByTestId('editor-saved').waitFor();
    expect(await textOf(page, '[data-testid=editor-saved]')).toBe('已保存为第 2 版，自 2026-01-01 起生效');
    const saved = await apiCall(sys.base, adminToken, 'GET', `/admin/programs/${CODE}/versions`);
    const list = saved.body as unknown as {
      version: number;
      sourceDocument: string;
      definition: { rate: string; budgetPoolTotal: string };
    }[];
    expect(list.map((v) => v.version)).toEqual([1, 2]);
    expect(list[1]).toMatchObject({ definition: { rate: '0.25', budgetPoolTotal: '3000000.00' } });
    const hash = createHash('sha256').update(SOURCE_PDF).digest('hex');
    expect(list[1].sourceDocument).toMatch(
      new RegExp(
        `^京经信发〔2025〕88号 · 修订说明\\.pdf · sha256:${hash.slice(0, 16)} · /admin/programs/${CODE}/documents/[0-9a-f-]{36}$`,
      ),
    );
    const address = list[1].sourceDocument.split(' · ').at(-1)!;
    const file = await fetch(`${sys.base}${address}`, { headers: { Authorization: `Bearer ${adminToken}` } });
    expect(Buffer.compare(Buffer.from(await file.arrayBuffer()), SOURCE_PDF)).toBe(0);
    expect(await page.locator('[data-testid=version-source-download]').count()).toBe(1);
    const [audit] = await sys.db.query(
      `SELECT after FROM audit_log WHERE action = 'program.version_added' AND entity_id = $1`,
      [CODE],
    );
    expect(audit.after).toMatchObject({ version: 2, effectiveFrom: '2026-01-01' });

    // Two versions side by side: what changed is marked.
    await page.waitForSelector('[data-testid=compare]');
    await page.selectOption('[data-testid=compare-a]', '1');
    await page.selectOption('[data-testid=compare-b]', '2');
    await page.check('[data-testid=compare-only-changed]');
    const changed = page.locator('[data-testid=compare-row][data-changed=yes]');
    const fields = await changed.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-field')));
    expect(fields.sort()).toEqual(['budgetPoolTotal', 'effectiveFrom', 'rate', 'sourceDocument']);
    const rate = (await page.locator('[data-testid=compare-row][data-field=rate]').innerText()).replace(
      /\s+/g,
      ' ',
    );
    expect(rate).toContain('0.20 0.25');
    await shot(page, 'program-versions-compared');
  });
  it('shows a finding, its bar and the XLSX simulation: the supervision screens and an application page warn reviewers', async () => {
    // A unit whose application rests on forged material (recorded through the API with its evidence).
    await apiCall(sys.base, adminToken, 'PUT', '/admin/clock', { businessDate: '2025-07-10' });
    const unit = await createEnterprise(sys.db, { name: '北京伪造材料科技有限公司' });
    const contract = await createContract(sys.db, {
      enterpriseId: unit.id,
      supplierId: baiduId,
      signedOn: '2025-06-01',
      startDate: '2025-06-01',
      endDate: '2025-12-31',
      lines: [{ serviceKind: 'intelligent_compute', amount: '100000.00' }],
    });
    const application = await sys.db.getRepository(ApplicationRecord).save({
      programCode: CODE,
      programVersion: 1,
      enterpriseId: unit.id,
      contractId: contract.id,
      status: 'in_review',
      submittedOn: '2025-06-02',
      workflowId: 'application:none',
    } as ApplicationRecord);
    const form = new FormData();
    form.append('applicationId', application.id);
    form.append('kind', 'false_material');
    form.append('description', '营业执照系变造');
    form.append('evidence', new Blob([SOURCE_PDF], { type: 'application/pdf' }), '核查报告.pdf');
    const found = await fetch(`${sys.base}/supervision/findings`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${adminToken}` },
      body: form,
    });
    expect(found.status).toBe(201);
    const finding = (await found.json()) as { id: string; debarment: { endsOn: string } };
    expect(finding.debarment.endsOn).toBe('2028-07-09');

    await page.click('[data-testid="nav-/supervision"]');
    await page.waitForSelector('[data-testid=finding-row]');
    const row = (await textOf(page, '[data-testid=finding-row]')).replace(/\s+/g, ' ');
    expect(row).toContain('北京伪造材料科技有限公司');
    expect(row).toContain('2028-07-09');
    await page.locator('[data-testid=finding-row] a').first().click();
    await page.waitForSelector('[data-testid=finding]');
    expect(await textOf(page, '[data-testid=debarment-line]')).toContain('2025-07-10 – 2028-07-09');
    // The application page warns whoever reviews it.
    await page.goto(`${sys.base}/console/applications/${application.id}`);
    await page.getByTestId('supervision-notice').waitFor();
    expect(await textOf(page, '[data-testid=supervision-notice]')).toContain(
      '该单位因违规被禁止申报至 2028-07-09',
    );
    await shot(page, 'application-supervision-notice');

    // The dashboard's forecast under version 2 (in force from 2026-01-01): the pool, nothing burnt yet.
    await apiCall(sys.base, adminToken, 'PUT', '/admin/clock', { businessDate: '2026-01-05' });
    await page.click('[data-testid="nav-/dashboard"]');
    await page.selectOption('[data-testid=dashboard-program]', CODE);
    await page.getByTestId('forecast-budget').waitFor();
    expect(await textOf(page, '[data-testid=forecast-budget]')).toBe('¥3,000,000.00');
    expect(await textOf(page, '[data-testid=forecast-committed]')).toBe('¥0.00');
    expect(await textOf(page, '[data-testid=forecast-run-out]')).toBe('按当前速度不会用完');

    // The simulator reads XLSX as well: the same 20 contracts give the same totals.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('样本');
    for (const line of sampleCsv().trim().split('\r\n')) ws.addRow(parseCsv(line)[0]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const sim = new FormData();
    sim.append('programCode', CODE);
    sim.append('version', '2');
    sim.append(
      'file',
      new Blob([xlsx], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
      'contracts.xlsx',
    );
    const res = await fetch(`${sys.base}/admin/simulator`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${adminToken}` },
      body: sim,
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { rows: unknown[]; totals: Record<string, unknown> };
    expect(body.rows).toHaveLength(20);
    expect(body.totals).toMatchObject({
      rows: 20,
      eligible: 15,
      refused: 5,
      totalFaceValue: '4625000.00',
      budget: '3000000.00',
      budgetLeft: '-1625000.00',
      fundedByPool: '3000000.00',
      rowsOverBudget: 1,
    });
  });
});
