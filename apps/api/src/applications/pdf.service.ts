import fs from 'node:fs';
import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import { AppEnv } from '@app/config';

/** One labelled line of a printed document. */
export type PdfLine = [label: string, value: string];

export interface PrintedDocument {
  title: string;
  /** The issuing authority, printed above the title. */
  authority: string;
  /** An opening sentence addressed to the enterprise. */
  opening: string;
  lines: PdfLine[];
  /** Closing remarks (validity, how to verify). */
  notes: string[];
  /** Date and place of issue, printed bottom right. */
  footer: string;
}

/**
 * Renders the approval notice and the voucher certificate as A4 PDFs with an embedded CJK font (ADR 0049):
 * the standard PDF fonts have no Chinese glyphs, so without it every Chinese character would print blank.
 * The font file is configurable (PDF_FONT_PATH / PDF_FONT_NAME); when it is missing the request is refused
 * with a message that names the path and the package to install, rather than printing an unreadable page.
 */
@Injectable()
export class PdfService {
  constructor(private readonly env: AppEnv) {}

  private font(): { path: string; family: string | undefined } {
    const path = this.env.PDF_FONT_PATH;
    if (!path || !fs.existsSync(path)) {
      throw new ServiceUnavailableException({
        code: 'PDF_FONT_MISSING',
        message: `The Chinese font for printed documents is missing: ${path} (set PDF_FONT_PATH, or install fonts-noto-cjk) (打印文件所需的中文字体不存在)`,
        messages: {
          zh: `打印文件所需的中文字体不存在：${path}（请设置 PDF_FONT_PATH 或安装 fonts-noto-cjk）`,
          en: `The Chinese font for printed documents is missing: ${path} (set PDF_FONT_PATH, or install fonts-noto-cjk)`,
        },
      });
    }
    return { path, family: this.env.PDF_FONT_NAME || undefined };
  }

  async render(d: PrintedDocument): Promise<Buffer> {
    const font = this.font();
    const doc = new PDFDocument({ size: 'A4', margin: 64, info: { Title: d.title, Author: d.authority } });
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    try {
      doc.registerFont('cjk', font.path, font.family);
      doc.font('cjk');
    } catch (err) {
      doc.end();
      throw new ServiceUnavailableException({
        code: 'PDF_FONT_MISSING',
        message: `The font ${font.path} (${font.family ?? ''}) cannot be used: ${(err as Error).message}`,
        messages: {
          zh: `无法使用打印字体 ${font.path}（${font.family ?? ''}），请检查 PDF_FONT_PATH 与 PDF_FONT_NAME`,
          en: `The font ${font.path} (${font.family ?? ''}) cannot be used; check PDF_FONT_PATH and PDF_FONT_NAME`,
        },
      });
    }
    const width = doc.page.width - 128;
    doc.fontSize(12).fillColor('#444').text(d.authority, { align: 'center', width });
    doc.moveDown(0.6).fontSize(22).fillColor('#000').text(d.title, { align: 'center', width });
    doc.moveDown(1.2).fontSize(12).text(d.opening, { width, lineGap: 4 });
    doc.moveDown(0.8);
    for (const [label, value] of d.lines) {
      const y = doc.y;
      doc.fillColor('#555').text(label, 64, y, { width: 150 });
      const labelBottom = doc.y;
      doc.fillColor('#000').text(value, 224, y, { width: width - 160 });
      doc.y = Math.max(labelBottom, doc.y) + 6;
    }
    doc.x = 64;
    doc.moveDown(1);
    for (const n of d.notes)
      doc.fillColor('#333').fontSize(10.5).text(n, { width, lineGap: 3 }).moveDown(0.3);
    doc.moveDown(2).fillColor('#000').fontSize(12).text(d.footer, { align: 'right', width });
    doc.end();
    return done;
  }
}
