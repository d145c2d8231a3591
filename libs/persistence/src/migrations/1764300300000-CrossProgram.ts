import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every other seed program and the cross-program rules (ADRs 0021–0026): a domestic flag and the invoice
 * evidencing each contract line; what an application declares (applicant categories, project facts, other
 * public support received or applied for) and what the resolver found; a voucher's last valid day; yearly
 * caps per line of support (Guizhou); the funded-spending record — one active primary funding per
 * spending (contract line or invoice), with at most one stacked and one top-up beside it — and Taizhou
 * Jiangyan's discounts applied at settlement.
 */
export class CrossProgram1764300300000 implements MigrationInterface {
  name = 'CrossProgram1764300300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contract_lines ADD COLUMN domestic boolean`);
    await q.query(`ALTER TABLE contract_lines ADD COLUMN invoice_number varchar(100)`);
    await q.query(`ALTER TABLE contract_lines ADD COLUMN line_no int`);
    await q.query(`ALTER TABLE applications ADD COLUMN applicant_categories text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE applications ADD COLUMN project_facts jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE applications ADD COLUMN declared_other_support jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE applications ADD COLUMN cross_program jsonb`);
    await q.query(`ALTER TABLE vouchers ADD COLUMN valid_until date`);

    await q.query(`
      CREATE TABLE support_line_ledger (
        program_code varchar(64) NOT NULL REFERENCES programs(code),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        year int NOT NULL,
        line varchar(64) NOT NULL,
        cap numeric(15,2) NOT NULL CHECK (cap >= 0),
        issued numeric(15,2) NOT NULL DEFAULT 0,
        PRIMARY KEY (program_code, enterprise_id, year, line),
        CONSTRAINT ck_support_line_within_cap CHECK (issued >= 0 AND issued <= cap)
      )`);

    await q.query(`
      CREATE TABLE settlement_discounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_code varchar(64) NOT NULL REFERENCES programs(code),
        program_version int NOT NULL,
        supplier_id uuid NOT NULL REFERENCES suppliers(id),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        invoice_number varchar(100) NOT NULL,
        settled_on date NOT NULL,
        list_amount numeric(15,2) NOT NULL CHECK (list_amount > 0),
        core_industry boolean NOT NULL,
        tier int NOT NULL,
        factor numeric(7,6) NOT NULL CHECK (factor > 0 AND factor <= 1),
        payable numeric(15,2) NOT NULL CHECK (payable >= 0),
        subsidy numeric(15,2) NOT NULL CHECK (subsidy >= 0),
        spending_key varchar(300) NOT NULL UNIQUE,
        recorded_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_settlement_adds_up CHECK (payable + subsidy = list_amount),
        FOREIGN KEY (program_code, program_version) REFERENCES program_versions(program_code, version)
      )`);

    await q.query(`
      CREATE TABLE funded_spending (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        spending_key varchar(300) NOT NULL,
        role varchar(16) NOT NULL CHECK (role IN ('primary','stacked','top-up')),
        program_code varchar(64) NOT NULL REFERENCES programs(code),
        program_version int NOT NULL,
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        application_id uuid REFERENCES applications(id),
        voucher_id uuid REFERENCES vouchers(id),
        settlement_discount_id uuid REFERENCES settlement_discounts(id),
        support_line varchar(64) NOT NULL DEFAULT 'default',
        base numeric(15,2) NOT NULL CHECK (base >= 0),
        amount numeric(15,2) NOT NULL CHECK (amount > 0),
        reason_code varchar(64) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active','superseded')),
        superseded_by uuid REFERENCES applications(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_funded_by_one_source CHECK (num_nonnulls(voucher_id, settlement_discount_id) = 1)
      )`);
    // One spending is funded once: a single active primary funding (per line of support an invoice may
    // span), beside it at most one stacked (where both programs allow it) and one top-up (晋级补差).
    await q.query(
      `CREATE UNIQUE INDEX uq_funded_spending_once ON funded_spending (spending_key, role, support_line)
        WHERE status = 'active'`,
    );
    await q.query(
      `CREATE INDEX ix_funded_spending_enterprise ON funded_spending (enterprise_id, program_code)`,
    );
    await q.query(`CREATE INDEX ix_funded_spending_voucher ON funded_spending (voucher_id)`);

    // A grant pays its supplier (a green data centre) or an enterprise (Langfang's new AI entrant).
    await q.query(`ALTER TABLE grants ALTER COLUMN supplier_id DROP NOT NULL`);
    await q.query(`
      ALTER TABLE grants ADD COLUMN payee_kind varchar(16) NOT NULL DEFAULT 'supplier'
        CHECK (payee_kind IN ('supplier','enterprise'))`);
    await q.query(`ALTER TABLE grants ADD COLUMN enterprise_id uuid REFERENCES enterprises(id)`);
    await q.query(`
      ALTER TABLE grants ADD CONSTRAINT ck_grant_payee CHECK (
        (payee_kind = 'supplier' AND supplier_id IS NOT NULL) OR (payee_kind = 'enterprise' AND enterprise_id IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE grants DROP CONSTRAINT ck_grant_payee`);
    await q.query(`ALTER TABLE grants DROP COLUMN enterprise_id`);
    await q.query(`ALTER TABLE grants DROP COLUMN payee_kind`);
    await q.query(`ALTER TABLE grants ALTER COLUMN supplier_id SET NOT NULL`);
    await q.query(`DROP TABLE funded_spending`);
    await q.query(`DROP TABLE settlement_discounts`);
    await q.query(`DROP TABLE support_line_ledger`);
    await q.query(`ALTER TABLE vouchers DROP COLUMN valid_until`);
    for (const c of ['cross_program', 'declared_other_support', 'project_facts', 'applicant_categories'])
      await q.query(`ALTER TABLE applications DROP COLUMN ${c}`);
    for (const c of ['line_no', 'invoice_number', 'domestic'])
      await q.query(`ALTER TABLE contract_lines DROP COLUMN ${c}`);
  }
}
