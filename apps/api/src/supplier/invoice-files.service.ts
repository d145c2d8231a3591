import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { appendAudit } from '@app/persistence';
import type { Principal } from '../auth/principal';
import { notFound } from '../common/errors';

export interface InvoiceFileView {
  settlementId: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}

const VIEW_COLUMNS = `settlement_id AS "settlementId", filename, content_type AS "contentType", size_bytes AS "sizeBytes",
       sha256, to_char(uploaded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "uploadedAt"`;

/** The invoice files of these settlements, by settlement id (without their bytes). */
export async function invoiceFilesOf(
  db: DataSource,
  settlementIds: string[],
): Promise<Map<string, InvoiceFileView>> {
  if (!settlementIds.length) return new Map();
  const rows = (await db.query(
    `SELECT ${VIEW_COLUMNS} FROM settlement_invoice_files WHERE settlement_id = ANY($1::uuid[])`,
    [settlementIds],
  )) as InvoiceFileView[];
  return new Map(rows.map((r) => [r.settlementId, r]));
}

const STAFF = new Set(['reviewer', 'senior_reviewer', 'finance', 'admin']);

/**
 * The invoice file a supplier attaches to a settlement it confirmed (ADR 0049). Only that supplier uploads;
 * a new upload replaces the old one. The settlement's own enterprise and bureau staff may read it; anyone
 * else is told it does not exist.
 */
@Injectable()
export class InvoiceFilesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async upload(
    me: Principal,
    settlementId: string,
    file: { originalname: string; mimetype: string; size: number; buffer: Buffer },
  ): Promise<InvoiceFileView> {
    return this.db.transaction(async (tx) => {
      const [s] = (await tx.query(
        `SELECT id, supplier_id AS "supplierId" FROM settlements WHERE id = $1 FOR UPDATE`,
        [settlementId],
      )) as { id: string; supplierId: string }[];
      if (!s || s.supplierId !== me.supplierId) notFound('settlement');
      const sha256 = createHash('sha256').update(file.buffer).digest('hex');
      // Multer reads the multipart filename as latin1; browsers send UTF-8 (发票.pdf).
      const filename = Buffer.from(file.originalname, 'latin1').toString('utf8').slice(0, 255);
      const [row] = (await tx.query(
        `INSERT INTO settlement_invoice_files (settlement_id, filename, content_type, size_bytes, sha256, content, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (settlement_id) DO UPDATE SET filename = EXCLUDED.filename, content_type = EXCLUDED.content_type,
           size_bytes = EXCLUDED.size_bytes, sha256 = EXCLUDED.sha256, content = EXCLUDED.content,
           uploaded_by = EXCLUDED.uploaded_by, uploaded_at = now()
         RETURNING ${VIEW_COLUMNS}`,
        [s.id, filename, file.mimetype, file.size, sha256, file.buffer, me.userId],
      )) as InvoiceFileView[];
      await appendAudit(tx, me.userId, 'settlement.invoice_file', ['settlement', s.id], {
        after: { filename, sha256, sizeBytes: file.size },
      });
      return row;
    });
  }

  async download(me: Principal, settlementId: string) {
    const [row] = (await this.db.query(
      `SELECT f.filename, f.content_type AS "contentType", f.content, s.supplier_id AS "supplierId",
              s.enterprise_id AS "enterpriseId"
         FROM settlement_invoice_files f JOIN settlements s ON s.id = f.settlement_id
        WHERE f.settlement_id = $1`,
      [settlementId],
    )) as {
      filename: string;
      contentType: string;
      content: Buffer;
      supplierId: string;
      enterpriseId: string;
    }[];
    const allowed =
      row &&
      (me.role === 'supplier'
        ? row.supplierId === me.supplierId
        : me.role === 'enterprise'
          ? row.enterpriseId === me.enterpriseId
          : STAFF.has(me.role));
    if (!allowed) notFound('invoice file');
    return row;
  }
}
