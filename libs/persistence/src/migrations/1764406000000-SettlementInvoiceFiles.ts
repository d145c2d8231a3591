import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The invoice file a supplier uploads with a settlement confirmation (ADR 0049): one per settlement; a new
 * upload replaces the old (a corrected scan), the settlement's invoice number and amount stay as confirmed.
 */
export class SettlementInvoiceFiles1764406000000 implements MigrationInterface {
  name = 'SettlementInvoiceFiles1764406000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE settlement_invoice_files (
        settlement_id uuid PRIMARY KEY REFERENCES settlements(id) ON DELETE CASCADE,
        filename varchar(255) NOT NULL,
        content_type varchar(100) NOT NULL,
        size_bytes int NOT NULL CHECK (size_bytes > 0),
        sha256 char(64) NOT NULL,
        content bytea NOT NULL,
        uploaded_by uuid NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE settlement_invoice_files`);
  }
}
