import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { isPlainChinese } from '@app/domain';
import { e2eSuite } from '../support/e2e-stack';
import type { ApiSession } from '../support/http';
import { applicationBody, beijingTerms } from '../support/fixtures';

const PROGRAM = 'beijing-ai-compute-2023';
const DRAFT = `/applications/drafts/${PROGRAM}`;

/** A minimal, well-formed one-page PDF; `mark` makes two of them differ. */
const pdf = (mark: string) =>
  Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      `3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n% ${mark}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');

/**
 * Issue 9 item 5: an enterprise's draft application kept on the server (private to it), its materials
 * checklist filled slot by slot (replace, delete) and checked by content, and submission refused with
 * MATERIALS_MISSING, one field per empty required slot, until the checklist is complete.
 */
describe('application drafts and the materials checklist (API + worker + PostgreSQL)', () => {
  const stack = e2eSuite('drafts', { env: { REVIEW_DUE_SECONDS: '3600' }, date: '2025-04-01' });
  let a: ApiSession;
  let b: ApiSession;
  let reviewer: ApiSession;

  beforeAll(async () => {
    a = (await stack.enterprise('beijing', 'DRF')).session;
    b = (await stack.enterprise('beijing', 'DRG')).session;
    reviewer = await stack.user('drafts-reviewer@example.cn', 'reviewer');
  });

  function upload(session: ApiSession, slot: string, content: Buffer, type: string, name: string) {
    const boundary = `----cv${randomBytes(8).toString('hex')}`;
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
          `Content-Type: ${type}\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return request(stack.app.getHttpServer())
      .put(`${DRAFT}/materials/${slot}`)
      .set('Authorization', `Bearer ${session.token}`)
      .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
      .send(body);
  }

  /** The application as the console's form sends it, the amount typed with separators. */
  const form = (contractNumber: string) =>
    applicationBody(
      beijingTerms(stack.suppliers.get('baidu')!.id, contractNumber, { amount: '5,000,000.00' }),
    );
  const counts = async () =>
    (
      await stack.db.query(
        `SELECT (SELECT count(*) FROM applications)::int AS applications, (SELECT count(*) FROM contracts)::int AS contracts`,
      )
    )[0] as { applications: number; contracts: number };

  it('keeps a draft per enterprise: saved, read back, and never seen or touched by another enterprise', async () => {
    const empty = await a.get(DRAFT).expect(200);
    expect(empty.body.form).toBeNull();
    expect(empty.body.slots.map((s: { code: string; required: boolean }) => [s.code, s.required])).toEqual([
      ['contract', true],
      ['business-licence', true],
      ['authenticity-pledge', true],
      ['invoice', false],
    ]);
    expect(empty.body.missing).toEqual(['contract', 'business-licence', 'authenticity-pledge']);

    const saved = await a
      .put(DRAFT, { form: { contractNumber: 'DRF-001', signedOn: '2025-02-3' } })
      .expect(200);
    expect(saved.body.form).toEqual({ contractNumber: 'DRF-001', signedOn: '2025-02-3' });
    expect((await a.get(DRAFT).expect(200)).body.form.contractNumber).toBe('DRF-001');

    // B sees an empty draft, saves its own, and discards it: A's stays as it was.
    expect((await b.get(DRAFT).expect(200)).body.form).toBeNull();
    await b.put(DRAFT, { form: { contractNumber: 'DRG-999' } }).expect(200);
    await upload(a, 'contract', pdf('a'), 'application/pdf', 'a-contract.pdf').expect(200);
    await b.get(`${DRAFT}/materials/contract`).expect(404);
    await b.delete(`${DRAFT}/materials/contract`).expect(404);
    await b.delete(DRAFT).expect(200);
    const mine = await a.get(DRAFT).expect(200);
    expect(mine.body.form.contractNumber).toBe('DRF-001');
    expect(mine.body.slots[0].file.filename).toBe('a-contract.pdf');
    // Only the enterprise's own users have drafts.
    await reviewer.get(DRAFT).expect(403);
  });

  it('refuses bad input field by field and keeps the draft unchanged', async () => {
    const before = (await a.get(DRAFT).expect(200)).body.form;
    const res = await a
      .put(DRAFT, {
        form: {
          contractNumber: 'x'.repeat(101),
          signedOn: 20250301,
          lines: [{ serviceKind: 'gold', amount: 5 }],
          colour: 'red',
        },
      })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = (res.body.errors as { field: string; localized: { zh: string } }[]).map((e) => e.field);
    expect(fields.sort()).toEqual(
      [
        'form.colour',
        'form.contractNumber',
        'form.lines.0.amount',
        'form.lines.0.serviceKind',
        'form.signedOn',
      ].sort(),
    );
    for (const e of res.body.errors) expect(isPlainChinese(e.localized.zh)).toBe(true);
    await a.put(DRAFT, { form: 'everything' }).expect(400);
    expect((await a.get(DRAFT).expect(200)).body.form).toEqual(before);

    const unknownProgram = await a.put('/applications/drafts/no-such-program', { form: {} }).expect(422);
    expect(unknownProgram.body.code).toBe('UNKNOWN_PROGRAM');
    const unknownSlot = await upload(a, 'passport', pdf('x'), 'application/pdf', 'p.pdf').expect(422);
    expect([unknownSlot.body.code, unknownSlot.body.errors[0].field]).toEqual([
      'MATERIAL_SLOT_UNKNOWN',
      'slot',
    ]);
  });

  it('puts files into slots by content: a PNG where only PDF is taken and HTML named PDF are refused', async () => {
    const png = await upload(
      a,
      'contract',
      Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
      'image/png',
      'c.png',
    );
    expect(png.status).toBe(422);
    const disguised = await upload(a, 'business-licence', html, 'application/pdf', 'licence.pdf').expect(422);
    expect(disguised.body.code).toBe('MATERIAL_CONTENT_MISMATCH');
    const after = (await a.get(DRAFT).expect(200)).body;
    expect(after.slots[0].file.filename).toBe('a-contract.pdf');
    expect(after.slots[1].file).toBeNull();
  });

  it('replaces and deletes a slot’s file; the template of the pledge is served', async () => {
    const first = (
      await upload(a, 'business-licence', pdf('one'), 'application/pdf', 'licence-1.pdf').expect(200)
    ).body;
    const second = (
      await upload(a, 'business-licence', pdf('two'), 'application/pdf', 'licence-2.pdf').expect(200)
    ).body;
    expect(second.slots[1].file.filename).toBe('licence-2.pdf');
    expect(second.slots[1].file.sha256).not.toBe(first.slots[1].file.sha256);
    const got = await a.get(`${DRAFT}/materials/business-licence`).buffer(true).expect(200);
    expect(Buffer.from(got.body).toString('latin1')).toContain('% two');
    const rows = await stack.db.query(
      `SELECT count(*)::int AS n FROM application_draft_materials WHERE slot_code = 'business-licence'`,
    );
    expect(rows[0].n).toBe(1);

    const deleted = (await a.delete(`${DRAFT}/materials/business-licence`).expect(200)).body;
    expect(deleted.slots[1].file).toBeNull();
    expect(deleted.missing).toEqual(['business-licence', 'authenticity-pledge']);

    const pledge = deleted.slots.find((s: { code: string }) => s.code === 'authenticity-pledge');
    expect(pledge.templateUrl).toBe(`${DRAFT}/templates/authenticity-pledge`);
    const template = await a.get(pledge.templateUrl).buffer(true).expect(200);
    expect(template.headers['content-type']).toMatch(/^text\/plain/);
    expect(template.text).toContain('材料真实性承诺书');
    await a.get(`${DRAFT}/templates/contract`).expect(422);
  });

  it('refuses submission with MATERIALS_MISSING per empty required slot, then submits and moves the files', async () => {
    const before = await counts();
    const refused = await a.post('/applications', { ...form('DRF-001'), fromDraft: true }).expect(422);
    expect(refused.body.code).toBe('MATERIALS_MISSING');
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'materials.business-licence',
      'materials.authenticity-pledge',
    ]);
    expect(isPlainChinese(refused.body.messages.zh)).toBe(true);
    expect(refused.body.errors[0].localized.zh).toBe('请上传企业营业执照');
    expect(await counts()).toEqual(before);
    expect((await a.get(DRAFT).expect(200)).body.slots[0].file.filename).toBe('a-contract.pdf');

    await upload(a, 'business-licence', pdf('licence'), 'application/pdf', 'licence.pdf').expect(200);
    await upload(a, 'authenticity-pledge', pdf('pledge'), 'application/pdf', 'pledge.pdf').expect(200);
    const created = await a.post('/applications', { ...form('DRF-001'), fromDraft: true }).expect(201);
    // "5,000,000.00" was read as the amount it says.
    expect(created.body.contract.totalAmount).toBe('5000000.00');
    expect(
      created.body.materials
        .map((m: { slotCode: string; filename: string }) => [m.slotCode, m.filename])
        .sort(),
    ).toEqual([
      ['authenticity-pledge', 'pledge.pdf'],
      ['business-licence', 'licence.pdf'],
      ['contract', 'a-contract.pdf'],
    ]);
    // The draft is gone with its files: nothing left to replace or delete after submission.
    const after = (await a.get(DRAFT).expect(200)).body;
    expect([after.form, after.slots.filter((s: { file: unknown }) => s.file).length]).toEqual([null, 0]);
    await a.delete(`${DRAFT}/materials/contract`).expect(404);
  });

  it('takes amounts with separators on the plain submission too, and refuses a badly grouped one', async () => {
    const bad = await a
      .post('/applications', {
        ...form('DRF-002'),
        lines: [{ serviceKind: 'intelligent_compute', amount: '5,00,000' }],
      })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['lines.0.amount']);
    const realDate = await a
      .post('/applications', { ...form('DRF-002'), signedOn: '2025-02-30' })
      .expect(400);
    expect(realDate.body.errors).toEqual([
      expect.objectContaining({
        field: 'signedOn',
        code: 'IS_REAL_DATE',
        localized: expect.objectContaining({ zh: '日期不存在' }),
      }),
    ]);
  });
});
