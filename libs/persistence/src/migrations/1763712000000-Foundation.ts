import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Programs, enterprises, suppliers, contracts, applications, vouchers, the yearly cap ledger and the
 * append-only audit log. Money is numeric(15,2); CHECK constraints are the last line of defence for the
 * money invariants the domain library already enforces.
 */
export class Foundation1763712000000 implements MigrationInterface {
  name = 'Foundation1763712000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`
      CREATE TABLE programs (
        code varchar(64) PRIMARY KEY,
        name_zh varchar(200) NOT NULL,
        name_en varchar(200) NOT NULL,
        definition jsonb NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE enterprises (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        credit_code varchar(18) NOT NULL UNIQUE,
        registration_region varchar(64) NOT NULL,
        independent_legal_person boolean NOT NULL,
        industry varchar(64) NOT NULL,
        ai_direction_aligned boolean NOT NULL,
        sound_financial_management boolean NOT NULL,
        last_dishonesty_record_date date,
        receives_other_municipal_compute_subsidy boolean NOT NULL DEFAULT false,
        contact_email varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE suppliers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(64) NOT NULL UNIQUE,
        name_zh varchar(200) NOT NULL,
        name_en varchar(200) NOT NULL,
        is_partner boolean NOT NULL,
        service_kinds text[] NOT NULL,
        contact_email varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE related_party_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        supplier_id uuid NOT NULL REFERENCES suppliers(id),
        description varchar(500) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_related_party_pair UNIQUE (enterprise_id, supplier_id)
      )`);
    await q.query(`
      CREATE TABLE contracts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        supplier_id uuid NOT NULL REFERENCES suppliers(id),
        contract_number varchar(100) NOT NULL,
        signed_on date NOT NULL,
        start_date date NOT NULL,
        end_date date NOT NULL,
        total_amount numeric(15,2) NOT NULL CHECK (total_amount > 0),
        application_domain varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_contract_number_per_supplier UNIQUE (supplier_id, contract_number),
        CONSTRAINT ck_contract_dates CHECK (end_date >= start_date)
      )`);
    await q.query(`CREATE INDEX ix_contracts_enterprise ON contracts (enterprise_id)`);
    await q.query(`
      CREATE TABLE contract_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
        service_kind varchar(32) NOT NULL,
        amount numeric(15,2) NOT NULL CHECK (amount > 0),
        description varchar(300) NOT NULL DEFAULT ''
      )`);
    await q.query(`CREATE INDEX ix_contract_lines_contract ON contract_lines (contract_id)`);
    await q.query(`
      CREATE TABLE applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_code varchar(64) NOT NULL REFERENCES programs(code),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        contract_id uuid NOT NULL REFERENCES contracts(id),
        status varchar(32) NOT NULL,
        eligibility_results jsonb,
        refusal_code varchar(64),
        eligible_amount numeric(15,2) CHECK (eligible_amount >= 0),
        eligible_days int,
        contract_days int,
        quoted_face_value numeric(15,2) CHECK (quoted_face_value >= 0),
        face_value numeric(15,2) CHECK (face_value >= 0),
        workflow_id varchar(200) NOT NULL,
        submitted_on date NOT NULL,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        CONSTRAINT uq_application_per_contract UNIQUE (program_code, contract_id)
      )`);
    await q.query(`CREATE INDEX ix_applications_enterprise ON applications (enterprise_id)`);
    await q.query(`CREATE INDEX ix_applications_status ON applications (program_code, status)`);
    await q.query(`
      CREATE TABLE yearly_cap_ledger (
        program_code varchar(64) NOT NULL REFERENCES programs(code),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        year int NOT NULL,
        cap numeric(15,2) NOT NULL CHECK (cap >= 0),
        issued numeric(15,2) NOT NULL DEFAULT 0,
        PRIMARY KEY (program_code, enterprise_id, year),
        CONSTRAINT ck_ledger_within_cap CHECK (issued >= 0 AND issued <= cap)
      )`);
    await q.query(`
      CREATE TABLE vouchers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL UNIQUE REFERENCES applications(id),
        program_code varchar(64) NOT NULL REFERENCES programs(code),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        contract_id uuid NOT NULL REFERENCES contracts(id),
        face_value numeric(15,2) NOT NULL CHECK (face_value > 0),
        redeemed_amount numeric(15,2) NOT NULL DEFAULT 0,
        cap_year int NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'active',
        issued_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_voucher_redeemed_within_face CHECK (redeemed_amount >= 0 AND redeemed_amount <= face_value)
      )`);
    await q.query(`CREATE INDEX ix_vouchers_enterprise ON vouchers (enterprise_id)`);
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor varchar(100) NOT NULL,
        action varchar(100) NOT NULL,
        entity_type varchar(64) NOT NULL,
        entity_id varchar(100) NOT NULL,
        before jsonb,
        after jsonb
      )`);
    await q.query(`CREATE INDEX ix_audit_entity ON audit_log (entity_type, entity_id)`);
    // The audit log is append-only: history cannot be rewritten, even by the application's own role.
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only`);
    for (const t of [
      'vouchers',
      'yearly_cap_ledger',
      'applications',
      'contract_lines',
      'contracts',
      'related_party_links',
      'suppliers',
      'enterprises',
      'programs',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
