import { contentProblem, filenameProblem, FILENAME_MAX_CHARS } from './document-checks';
import { attachmentDisposition } from './stored-file';

/** Names as multer hands them over: UTF-8 bytes read as latin1. */
const wire = (name: string) => Buffer.from(name, 'utf8').toString('latin1');

describe('filenameProblem', () => {
  it('keeps ordinary names, Chinese included, up to 255 characters', () => {
    for (const name of [
      '合同.pdf',
      'scan (2).png',
      '北京算力券申请材料-第二版.pdf',
      'x'.repeat(FILENAME_MAX_CHARS),
    ]) {
      expect([name.slice(0, 20), filenameProblem(wire(name))]).toEqual([name.slice(0, 20), undefined]);
    }
  });

  it('refuses line breaks, tabs, NUL, DEL and text-direction controls, sent raw or as filename*', () => {
    for (const name of [
      'a\r\nb.pdf',
      'a\nb.pdf',
      'a\tb.pdf',
      'a\u0000.pdf',
      'a\u007f.pdf',
      'a\u202egnp.exe',
      'a\u2066b.pdf',
    ]) {
      expect(filenameProblem(wire(name))?.code).toBe('MATERIAL_FILENAME');
      expect(filenameProblem(name)?.code).toBe('MATERIAL_FILENAME');
    }
  });

  it('refuses a longer name instead of cutting it, counting characters not bytes', () => {
    expect(filenameProblem(wire('长'.repeat(FILENAME_MAX_CHARS)))).toBeUndefined();
    const long = filenameProblem(wire('长'.repeat(FILENAME_MAX_CHARS + 1)));
    expect(long?.message.en).toMatch(/256 characters long; at most 255/);
  });
});

describe('contentProblem', () => {
  const TYPES = ['application/pdf', 'image/png', 'image/jpeg'];
  const pdf = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n', 'latin1');
  const jpeg = Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]),
    Buffer.from('JFIF\0'),
    Buffer.alloc(64),
  ]);
  const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');

  it('accepts content that is what it says', async () => {
    expect(await contentProblem(pdf, 'application/pdf', TYPES)).toBeUndefined();
    expect(await contentProblem(jpeg, 'image/jpeg', TYPES)).toBeUndefined();
  });

  it('refuses content of another kind, one outside the list, or none recognisable', async () => {
    expect((await contentProblem(pdf, 'image/png', TYPES))?.message.en).toMatch(
      /content is application\/pdf/,
    );
    expect((await contentProblem(gif, 'image/gif', TYPES))?.code).toBe('MATERIAL_CONTENT_MISMATCH');
    expect(
      (await contentProblem(Buffer.from('<html></html>'), 'application/pdf', TYPES))?.message.en,
    ).toMatch(/not a recognised document/);
  });
});

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the exact name percent-encoded', () => {
    expect(attachmentDisposition('report.csv')).toBe(
      `attachment; filename="report.csv"; filename*=UTF-8''report.csv`,
    );
    expect(attachmentDisposition('合同 (1).pdf')).toBe(
      `attachment; filename="__ (1).pdf"; filename*=UTF-8''%E5%90%88%E5%90%8C%20%281%29.pdf`,
    );
  });

  it('cannot be broken out of by a stored name with quotes, CR/LF or a backslash', () => {
    const header = attachmentDisposition('a"\r\nSet-Cookie: x=1\\.html');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe(
      `attachment; filename="a___Set-Cookie: x=1_.html"; filename*=UTF-8''a%22%0D%0ASet-Cookie%3A%20x%3D1%5C.html`,
    );
    expect(attachmentDisposition('\u4e2d')).toBe(`attachment; filename="_"; filename*=UTF-8''%E4%B8%AD`);
  });
});
