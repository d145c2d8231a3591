import { STORED_FILE_COLUMNS, StatementsMigration, createTable } from './statements';

/**
 * The invoice file a supplier uploads with a settlement confirmation (ADR 0049): one per settlement; a new
 * upload replaces the old (a corrected scan), the settlement's invoice number and amount stay as confirmed.
 */
export class SettlementInvoiceFiles1764406000000 extends StatementsMigration {
  name = 'SettlementInvoiceFiles1764406000000';

  protected upStatements = [
    createTable('settlement_invoice_files', [
      'settlement_id uuid PRIMARY KEY REFERENCES settlements(id) ON DELETE CASCADE',
      ...STORED_FILE_COLUMNS,
    ]),
  ];

  protected downStatements = [`DROP TABLE settlement_invoice_files`];
}
