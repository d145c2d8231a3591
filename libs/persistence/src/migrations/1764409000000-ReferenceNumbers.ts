import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The bureau's reference numbers: a prefix and eight digits from a sequence of the record's own. */
const NUMBERED = [
  { table: 'applications', prefix: 'SQ', sequence: 'application_reference_seq' },
  { table: 'vouchers', prefix: 'SLQ', sequence: 'voucher_reference_seq' },
  { table: 'redemption_claims', prefix: 'DF', sequence: 'claim_reference_seq' },
];

/**
 * Reference numbers for applications (申请编号 SQ…), vouchers (算力券编号 SLQ…) and redemption claims
 * (兑付编号 DF…), so screens, reports and printed documents never show an internal id (ADR 0045). Existing
 * rows are numbered in the order they were created; new rows take the next number as they are inserted.
 */
export class ReferenceNumbers1764409000000 implements MigrationInterface {
  name = 'ReferenceNumbers1764409000000';

  async up(q: QueryRunner): Promise<void> {
    for (const { table, prefix, sequence } of NUMBERED) {
      await q.query(`CREATE SEQUENCE ${sequence}`);
      await q.query(`ALTER TABLE ${table} ADD COLUMN reference_no text`);
      await q.query(`
        WITH ordered AS (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM ${table})
        UPDATE ${table} t SET reference_no = '${prefix}' || lpad(ordered.n::text, 8, '0')
          FROM ordered WHERE t.id = ordered.id`);
      await q.query(`SELECT setval('${sequence}', (SELECT count(*) + 1 FROM ${table}), false)`);
      await q.query(`
        ALTER TABLE ${table}
          ALTER COLUMN reference_no SET DEFAULT '${prefix}' || lpad(nextval('${sequence}')::text, 8, '0'),
          ALTER COLUMN reference_no SET NOT NULL,
          ADD CONSTRAINT ${table}_reference_no_key UNIQUE (reference_no)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { table, sequence } of NUMBERED) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN reference_no`);
      await q.query(`DROP SEQUENCE ${sequence}`);
    }
  }
}
