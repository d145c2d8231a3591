import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Programs as versioned data: each program's definitions with their effective dates (immutable once
 * written), the supplier list per program with its effective date, the version every application, voucher
 * and payout was decided under, payments made outside the quarterly runs (awards, grants, subsidies,
 * supplier redemptions), each payment's split between its funders, and budget pools taken atomically.
 */
export class ProgramVersions1764300000000 implements MigrationInterface {
  name = 'ProgramVersions1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE program_versions (
        program_code varchar(64) NOT NULL REFERENCES programs(code),
        version int NOT NULL CHECK (version >= 1),
        effective_from date NOT NULL,
        definition jsonb NOT NULL,
        source_document varchar(500),
        note varchar(1000) NOT NULL DEFAULT '',
        created_by varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (program_code, version),
        CONSTRAINT uq_program_version_effective UNIQUE (program_code, effective_from)
      )`);
    // A decision records (program, version): the version it points at must never change under it.
    await q.query(`
      CREATE FUNCTION program_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'program_versions are immutable (% refused); add a new version', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER program_versions_no_update_delete BEFORE UPDATE OR DELETE ON program_versions
      FOR EACH ROW EXECUTE FUNCTION program_versions_immutable()`);
    await q.query(`
      INSERT INTO program_versions (program_code, version, effective_from, definition, created_by)
      SELECT code, 1, least((definition->>'planStart')::date, (definition->>'planPublishedOn')::date),
             definition, 'system:migration'
        FROM programs`);
    await q.query(`ALTER TABLE programs DROP COLUMN definition`);

    await q.query(`
      CREATE TABLE program_supplier_lists (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_code varchar(64) NOT NULL REFERENCES programs(code),
        effective_from date NOT NULL,
        supplier_codes text[] NOT NULL,
        note varchar(1000) NOT NULL DEFAULT '',
        created_by varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_program_supplier_list UNIQUE (program_code, effective_from)
      )`);

    for (const table of ['applications', 'vouchers', 'payouts']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN program_version int`);
    }
    await q.query(`UPDATE applications SET program_version = 1`);
    await q.query(`UPDATE vouchers SET program_version = 1`);
    await q.query(`UPDATE payouts SET program_version = 1`);
    for (const table of ['applications', 'vouchers', 'payouts']) {
      await q.query(`ALTER TABLE ${table} ALTER COLUMN program_version SET NOT NULL`);
    }
    await q.query(`ALTER TABLE payouts ADD COLUMN program_code varchar(64)`);
    await q.query(
      `UPDATE payouts p SET program_code = v.program_code FROM vouchers v WHERE v.id = p.voucher_id`,
    );
    await q.query(`ALTER TABLE payouts ALTER COLUMN program_code SET NOT NULL`);

    await q.query(`
      CREATE TABLE direct_payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_code varchar(64) NOT NULL REFERENCES programs(code),
        program_version int NOT NULL,
        kind varchar(32) NOT NULL
          CHECK (kind IN ('round_award','supplier_subsidy','grant','supplier_redemption')),
        source_id uuid NOT NULL,
        payee_kind varchar(16) NOT NULL CHECK (payee_kind IN ('enterprise','supplier')),
        payee_id uuid NOT NULL,
        amount numeric(15,2) NOT NULL CHECK (amount > 0),
        idempotency_key varchar(100) NOT NULL UNIQUE,
        status varchar(16) NOT NULL DEFAULT 'approved' CHECK (status IN ('approved','paid')),
        approved_by uuid NOT NULL REFERENCES users(id),
        approved_at timestamptz NOT NULL DEFAULT now(),
        bank_reference varchar(100),
        paid_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_direct_payment_source UNIQUE (kind, source_id),
        FOREIGN KEY (program_code, program_version) REFERENCES program_versions(program_code, version)
      )`);
    await q.query(`CREATE INDEX ix_direct_payments_program ON direct_payments (program_code, status)`);

    await q.query(`
      CREATE TABLE funding_shares (
        payment_kind varchar(16) NOT NULL CHECK (payment_kind IN ('payout','direct')),
        payment_id uuid NOT NULL,
        program_code varchar(64) NOT NULL,
        funder_code varchar(64) NOT NULL,
        amount numeric(15,2) NOT NULL CHECK (amount >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (payment_kind, payment_id, funder_code)
      )`);
    await q.query(`CREATE INDEX ix_funding_shares_program ON funding_shares (program_code, funder_code)`);

    // A pool spanning enterprises (Henan: 50,000,000.00 for the plan), taken with a conditional UPDATE.
    await q.query(`
      CREATE TABLE budget_pools (
        program_code varchar(64) NOT NULL REFERENCES programs(code),
        period varchar(16) NOT NULL,
        budget numeric(15,2) NOT NULL CHECK (budget >= 0),
        committed numeric(15,2) NOT NULL DEFAULT 0,
        PRIMARY KEY (program_code, period),
        CONSTRAINT ck_pool_within_budget CHECK (committed >= 0 AND committed <= budget)
      )`);
    // Henan's cap is cumulative per user, not yearly: one ledger row per enterprise for the whole plan.
    await q.query(`
      CREATE TABLE cumulative_cap_ledger (
        program_code varchar(64) NOT NULL REFERENCES programs(code),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        cap numeric(15,2) NOT NULL CHECK (cap >= 0),
        issued numeric(15,2) NOT NULL DEFAULT 0,
        PRIMARY KEY (program_code, enterprise_id),
        CONSTRAINT ck_cumulative_within_cap CHECK (issued >= 0 AND issued <= cap)
      )`);

    // Payouts capped by a budget pool in the program's order (Henan: contract signing time), once per run.
    await q.query(`ALTER TABLE payouts ADD COLUMN limited_by_pool boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE redemption_runs ADD COLUMN pool_applied_at timestamptz`);

    // The bank pays enterprises and suppliers alike.
    await q.query(`ALTER TABLE simulated_bank_transfers RENAME COLUMN payee_enterprise_id TO payee_id`);
    await q.query(`
      ALTER TABLE simulated_bank_transfers ADD COLUMN payee_kind varchar(16) NOT NULL DEFAULT 'enterprise'
        CHECK (payee_kind IN ('enterprise','supplier'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE simulated_bank_transfers DROP COLUMN payee_kind`);
    await q.query(`ALTER TABLE simulated_bank_transfers RENAME COLUMN payee_id TO payee_enterprise_id`);
    for (const t of ['cumulative_cap_ledger', 'budget_pools', 'funding_shares', 'direct_payments']) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query(`ALTER TABLE redemption_runs DROP COLUMN pool_applied_at`);
    await q.query(`ALTER TABLE payouts DROP COLUMN limited_by_pool`);
    await q.query(`ALTER TABLE payouts DROP COLUMN program_code`);
    for (const table of ['applications', 'vouchers', 'payouts']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN program_version`);
    }
    await q.query(`DROP TABLE program_supplier_lists`);
    await q.query(`ALTER TABLE programs ADD COLUMN definition jsonb`);
    await q.query(`
      UPDATE programs p SET definition = v.definition FROM program_versions v
       WHERE v.program_code = p.code AND v.version = 1`);
    await q.query(`DROP TABLE program_versions`);
    await q.query(`DROP FUNCTION program_versions_immutable`);
  }
}
