import { loadEnv } from '@app/config';
import { PROGRESS_STEPS } from '@app/domain';
import { apiSuite } from '../support/api-suite';
import { createEnterprise } from '../support/fixtures';
import type { ApiSession } from '../support/http';
import { pdfFontNames, pdfText } from '../support/pdf-text';
import { seedVoucherWithClaims } from '../support/redemption-fixtures';
import { PdfService } from '../../apps/api/src/applications/pdf.service';

/** Binary answers (PDFs, files) collected as a Buffer by supertest. */
function binary(
  res: { on(event: string, cb: (chunk?: Buffer) => void): void },
  done: (e: Error | null, b?: Buffer) => void,
) {
  const chunks: Buffer[] = [];
  res.on('data', (c) => chunks.push(c!));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/**
 * The enterprise's printed documents (approval notice, voucher certificate) as real PDFs with a Chinese font,
 * authorized like their records; vouchers' expiry and whether a settlement can be claimed; the supplier's
 * invoice file and what is left to settle on the contract, to the fen (ADR 0049).
 */
describe('portal: PDFs with Chinese fonts, voucher expiry, invoice files and left to settle', () => {
  // The business date is set (sandbox clock) so that the voucher is valid today, then past its last day.
  process.env.SANDBOX_CLOCK = 'true';
  const suite = apiSuite();
  let company: ApiSession;
  let admin: ApiSession;
  let supplier: ApiSession;
  /** Another enterprise's user and another supplier's: refused the records above. */
  let strangers: { enterprise: ApiSession; supplier: ApiSession };
  /** The company's voucher, its application and its contract. */
  let voucher: { id: string; applicationId: string; contractId: string };
  const NAME = '北京凭证打印测试科技有限公司';

  beforeAll(async () => {
    const db = suite.db;
    const enterprise = await createEnterprise(db, { name: NAME });
    const stranger = await createEnterprise(db, { name: '上海他人科技有限公司' });
    const seeded = await seedVoucherWithClaims(db, {
      enterpriseId: enterprise.id,
      faceValue: '200000.00',
      issuedOn: '2025-04-01',
      claims: [],
    });
    const [{ applicationId }] = (await db.query(
      `SELECT application_id AS "applicationId" FROM vouchers WHERE id = $1`,
      [seeded.voucherId],
    )) as { applicationId: string }[];
    voucher = { id: seeded.voucherId, applicationId, contractId: seeded.contractId };
    await db.query(`UPDATE vouchers SET valid_until = '2025-12-31' WHERE id = $1`, [voucher.id]);
    await db.query(`UPDATE applications SET decided_at = '2025-04-01T10:00:00+08:00' WHERE id = $1`, [
      applicationId,
    ]);
    const [{ id: baidu }] = (await db.query(`SELECT id FROM suppliers WHERE code = 'baidu'`)) as {
      id: string;
    }[];
    const [{ id: another }] = (await db.query(`SELECT id FROM suppliers WHERE code <> 'baidu' LIMIT 1`)) as {
      id: string;
    }[];
    company = await suite.user('company@portal.example.cn', 'enterprise', { enterpriseId: enterprise.id });
    admin = await suite.user('admin@portal.example.cn', 'admin');
    supplier = await suite.user('supplier@portal.example.cn', 'supplier', { supplierId: baidu });
    strangers = {
      enterprise: await suite.user('other@portal.example.cn', 'enterprise', { enterpriseId: stranger.id }),
      supplier: await suite.user('other-supplier@portal.example.cn', 'supplier', { supplierId: another }),
    };
    await admin.put('/admin/clock', { businessDate: '2025-06-02' }).expect(200);
  });

  const pdfOf = async (s: ApiSession, url: string) => s.get(url).buffer(true).parse(binary);

  it('prints the approval notice as a PDF in Chinese with the enterprise’s name, to its own enterprise only', async () => {
    const notice = `/applications/${voucher.applicationId}/approval-notice.pdf`;
    const res = await pdfOf(company, notice);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/pdf/);
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfFontNames(pdf).some((f) => /NotoSansCJKsc/.test(f))).toBe(true);
    const text = pdfText(pdf);
    expect(text).toContain('算力券审批通知书');
    expect(text).toContain(NAME);
    expect(text).toContain('¥200,000.00');
    expect(text).toContain('2025-12-31');

    expect((await strangers.enterprise.get(notice)).status).toBe(404);
    expect((await supplier.get(notice)).status).toBe(403);
    expect((await pdfOf(admin, notice)).status).toBe(200);
  });

  it('prints the voucher certificate as a PDF in Chinese, refused to other enterprises', async () => {
    const res = await pdfOf(company, `/vouchers/${voucher.id}/certificate.pdf`);
    expect(res.status).toBe(200);
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('算力券凭证');
    expect(text).toContain(NAME);
    expect(text).toContain('有效期至');
    expect(text).toContain('有效');
    const refused = await strangers.enterprise.get(`/vouchers/${voucher.id}/certificate.pdf`);
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('NOT_FOUND');
  });

  it('refuses to print with a clear message when the Chinese font is missing', async () => {
    const env = loadEnv({ ...process.env, PDF_FONT_PATH: '/nonexistent/NotoSansCJK.ttc' });
    const pdf = new PdfService(env);
    await expect(
      pdf.render({ title: '算力券凭证', authority: '局', opening: '', lines: [], notes: [], footer: '' }),
    ).rejects.toMatchObject({
      response: expect.objectContaining({
        code: 'PDF_FONT_MISSING',
        messages: expect.objectContaining({ zh: expect.stringContaining('/nonexistent/NotoSansCJK.ttc') }),
      }),
    });
  });

  it('an application that has no voucher has no approval notice', async () => {
    const res = await company.get(`/applications/00000000-0000-4000-8000-000000000000/approval-notice.pdf`);
    expect(res.status).toBe(404);
  });

  it('shows the voucher’s last day and expiry, and says why an expired voucher’s settlement cannot be claimed', async () => {
    const settled = await supplier.post(`/supplier/contracts/${voucher.contractId}/settlements`, {
      periodStart: '2025-04-01',
      periodEnd: '2025-04-30',
      amount: '123456.78',
      invoiceNumber: 'PORTAL-1',
      invoiceDate: '2025-05-06',
    });
    expect(settled.status).toBe(201);
    let vouchers = (await company.get('/vouchers').expect(200)).body.items as Record<string, unknown>[];
    expect(vouchers.find((v) => v.id === voucher.id)).toMatchObject({
      validUntil: '2025-12-31',
      expired: false,
    });
    let settlements = (await company.get('/settlements').expect(200)).body.items as Record<string, unknown>[];
    expect(settlements.find((s) => s.invoiceNumber === 'PORTAL-1')).toMatchObject({ claimRefusal: null });

    await suite.db.query(`UPDATE vouchers SET status = 'expired' WHERE id = $1`, [voucher.id]);
    vouchers = (await company.get('/vouchers').expect(200)).body.items as Record<string, unknown>[];
    expect(vouchers.find((v) => v.id === voucher.id)).toMatchObject({ expired: true, status: 'expired' });
    settlements = (await company.get('/settlements').expect(200)).body.items as Record<string, unknown>[];
    expect(settlements.find((s) => s.invoiceNumber === 'PORTAL-1')).toMatchObject({
      claimRefusal: { code: 'VOUCHER_EXPIRED', message: { zh: '算力券已过期，不能申请兑付' } },
    });
    // The API agrees: the claim the console no longer offers is refused.
    const claim = await company.post('/claims', {
      settlementId: settlements.find((s) => s.invoiceNumber === 'PORTAL-1')!.id,
      invoiceNumber: 'PORTAL-1',
      invoicedAmount: '123456.78',
    });
    expect(claim.status).toBe(422);
    expect(claim.body.code).toBe('VOUCHER_NOT_ACTIVE');
    await suite.db.query(`UPDATE vouchers SET status = 'active' WHERE id = $1`, [voucher.id]);
  });

  it('the supplier attaches the invoice file and sees what is left to settle, to the fen', async () => {
    const before = (await supplier.get(`/supplier/contracts/${voucher.contractId}`).expect(200)).body;
    // Contract 1,000,000.00 (face value × 5) less the 123,456.78 settled above.
    expect(before).toMatchObject({
      totalAmount: '1000000.00',
      settledAmount: '123456.78',
      leftToSettle: '876543.22',
    });
    const s = await supplier.post(`/supplier/contracts/${voucher.contractId}/settlements`, {
      periodStart: '2025-05-01',
      periodEnd: '2025-05-31',
      amount: '0.01',
      invoiceNumber: 'PORTAL-2',
      invoiceDate: '2025-06-03',
    });
    expect(s.status).toBe(201);
    const file = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const up = await supplier
      .post(`/supplier/settlements/${s.body.id}/invoice-file`)
      .attach('file', file, { filename: '发票-PORTAL-2.pdf', contentType: 'application/pdf' });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      settlementId: s.body.id,
      filename: '发票-PORTAL-2.pdf',
      sizeBytes: file.length,
    });

    const after = (await supplier.get(`/supplier/contracts/${voucher.contractId}`).expect(200)).body;
    expect(after).toMatchObject({ settledAmount: '123456.79', leftToSettle: '876543.21' });
    const row = (after.settlements as Record<string, unknown>[]).find((x) => x.id === s.body.id);
    expect(row?.invoiceFile).toMatchObject({ filename: '发票-PORTAL-2.pdf', sha256: up.body.sha256 });
    const list = (await supplier.get('/supplier/contracts?pageSize=100').expect(200)).body.items as Record<
      string,
      unknown
    >[];
    expect(list.find((c) => c.id === voucher.contractId)).toMatchObject({ leftToSettle: '876543.21' });

    const back = await supplier
      .get(`/supplier/settlements/${s.body.id}/invoice-file`)
      .buffer(true)
      .parse(binary);
    expect(back.status).toBe(200);
    expect(Buffer.compare(back.body as Buffer, file)).toBe(0);
    // Another supplier can neither replace nor read it; a file that is not PDF/PNG/JPEG is refused.
    const foreign = await strangers.supplier
      .post(`/supplier/settlements/${s.body.id}/invoice-file`)
      .attach('file', file, { filename: 'x.pdf', contentType: 'application/pdf' });
    expect(foreign.status).toBe(404);
    expect((await strangers.supplier.get(`/supplier/settlements/${s.body.id}/invoice-file`)).status).toBe(
      404,
    );
    const wrong = await supplier
      .post(`/supplier/settlements/${s.body.id}/invoice-file`)
      .attach('file', Buffer.from('hello'), { filename: 'x.txt', contentType: 'text/plain' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0].field).toBe('file');
    const still = (await supplier.get(`/supplier/contracts/${voucher.contractId}`).expect(200)).body;
    expect(
      (still.settlements as Record<string, unknown>[]).find((x) => x.id === s.body.id)?.invoiceFile,
    ).toMatchObject({
      filename: '发票-PORTAL-2.pdf',
    });
  });

  it('the progress tracker gives each step with its due date', async () => {
    const res = await company.get(`/applications/${voucher.applicationId}/progress`).expect(200);
    const steps = res.body.steps as {
      key: string;
      state: string;
      doneOn: string | null;
      dueOn: string | null;
    }[];
    expect(steps.map((s) => s.key)).toEqual([...PROGRESS_STEPS]);
    expect(steps[0]).toMatchObject({ state: 'done', doneOn: '2025-04-01' });
    // Five working days after Tuesday 1 April 2025, across 清明 (4–6 April) and no 调休: 2, 3, 7, 8, 9 April.
    expect(steps[1].dueOn).toBe('2025-04-09');
    expect(steps[3]).toMatchObject({ state: 'done', doneOn: '2025-04-01' });
    expect(steps[4]).toMatchObject({ state: 'done', dueOn: '2025-12-31' });
    expect(steps[5]).toMatchObject({ dueOn: '2025-11-15' });
    expect((await strangers.enterprise.get(`/applications/${voucher.applicationId}/progress`)).status).toBe(
      404,
    );
  });
});
