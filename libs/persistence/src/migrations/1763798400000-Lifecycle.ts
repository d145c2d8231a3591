import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rest of the Beijing lifecycle: users, materials, review tasks, settlements, redemption claims,
 * redemption runs, payouts, the simulated bank, notifications and the sandbox business clock.
 */
export class Lifecycle1763798400000 implements MigrationInterface {
  name = 'Lifecycle1763798400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(200) NOT NULL UNIQUE,
        display_name varchar(200) NOT NULL,
        password_hash varchar(300) NOT NULL,
        role varchar(32) NOT NULL CHECK (role IN ('enterprise','supplier','reviewer','senior_reviewer','finance','admin')),
        enterprise_id uuid REFERENCES enterprises(id),
        supplier_id uuid REFERENCES suppliers(id),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_user_owner CHECK (
          (role = 'enterprise' AND enterprise_id IS NOT NULL AND supplier_id IS NULL) OR
          (role = 'supplier' AND supplier_id IS NOT NULL AND enterprise_id IS NULL) OR
          (role NOT IN ('enterprise','supplier') AND enterprise_id IS NULL AND supplier_id IS NULL))
      )`);
    await q.query(`
      CREATE TABLE application_materials (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications(id),
        filename varchar(255) NOT NULL,
        content_type varchar(100) NOT NULL,
        size_bytes int NOT NULL CHECK (size_bytes > 0),
        sha256 char(64) NOT NULL,
        content bytea NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_materials_application ON application_materials (application_id)`);
    await q.query(`
      CREATE TABLE review_tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications(id),
        program_code varchar(64) NOT NULL,
        kind varchar(32) NOT NULL CHECK (kind IN ('review','second_approval')),
        status varchar(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open','completed','cancelled')),
        candidate_role varchar(32) NOT NULL,
        assignee_id uuid REFERENCES users(id),
        excluded_user_id uuid REFERENCES users(id),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        enterprise_name varchar(200) NOT NULL,
        quoted_face_value numeric(15,2),
        round int NOT NULL DEFAULT 1,
        due_at timestamptz NOT NULL,
        reminded_at timestamptz,
        escalated_at timestamptz,
        outcome varchar(32),
        reason text,
        completed_by uuid REFERENCES users(id),
        completed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_review_tasks_queue ON review_tasks (status, candidate_role, due_at)`);
    await q.query(
      `CREATE INDEX ix_review_tasks_assignee ON review_tasks (assignee_id) WHERE status = 'open'`,
    );
    await q.query(`CREATE UNIQUE INDEX uq_review_task_open ON review_tasks (application_id, kind, round)`);
    await q.query(`
      CREATE TABLE settlements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contracts(id),
        supplier_id uuid NOT NULL REFERENCES suppliers(id),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        period_start date NOT NULL,
        period_end date NOT NULL,
        amount numeric(15,2) NOT NULL CHECK (amount > 0),
        invoice_number varchar(64) NOT NULL,
        invoice_date date NOT NULL,
        confirmed_by uuid NOT NULL REFERENCES users(id),
        confirmed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_settlement_invoice UNIQUE (supplier_id, invoice_number),
        CONSTRAINT ck_settlement_period CHECK (period_end >= period_start)
      )`);
    await q.query(`CREATE INDEX ix_settlements_contract ON settlements (contract_id)`);
    await q.query(`
      CREATE TABLE redemption_claims (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        voucher_id uuid NOT NULL REFERENCES vouchers(id),
        settlement_id uuid NOT NULL UNIQUE REFERENCES settlements(id),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        program_code varchar(64) NOT NULL REFERENCES programs(code),
        claimed_on date NOT NULL,
        delivered_on date NOT NULL,
        invoiced_eligible_amount numeric(15,2) NOT NULL CHECK (invoiced_eligible_amount >= 0),
        run_year int NOT NULL,
        run_quarter int NOT NULL CHECK (run_quarter BETWEEN 1 AND 4),
        rolled_over boolean NOT NULL,
        assignment_reason varchar(32) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','computed','paid','cancelled')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX ix_claims_run ON redemption_claims (program_code, run_year, run_quarter, status)`,
    );
    await q.query(`CREATE INDEX ix_claims_voucher ON redemption_claims (voucher_id)`);
    await q.query(`
      CREATE TABLE redemption_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_code varchar(64) NOT NULL REFERENCES programs(code),
        year int NOT NULL,
        quarter int NOT NULL CHECK (quarter BETWEEN 1 AND 4),
        run_date date NOT NULL,
        status varchar(24) NOT NULL DEFAULT 'gathering'
          CHECK (status IN ('gathering','computing','awaiting_approval','disbursing','completed','cancelled')),
        claim_count int NOT NULL DEFAULT 0,
        total_payout numeric(15,2) NOT NULL DEFAULT 0 CHECK (total_payout >= 0),
        paid_count int NOT NULL DEFAULT 0,
        paid_total numeric(15,2) NOT NULL DEFAULT 0 CHECK (paid_total >= 0),
        workflow_id varchar(200) NOT NULL,
        approved_by uuid REFERENCES users(id),
        approved_at timestamptz,
        computed_at timestamptz,
        completed_at timestamptz,
        report jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_redemption_run UNIQUE (program_code, year, quarter)
      )`);
    await q.query(`
      CREATE TABLE payouts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        run_id uuid NOT NULL REFERENCES redemption_runs(id),
        claim_id uuid NOT NULL UNIQUE REFERENCES redemption_claims(id),
        voucher_id uuid NOT NULL REFERENCES vouchers(id),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        supplier_id uuid NOT NULL REFERENCES suppliers(id),
        amount numeric(15,2) NOT NULL CHECK (amount >= 0),
        uncapped_amount numeric(15,2) NOT NULL CHECK (uncapped_amount >= 0),
        limited_by_balance boolean NOT NULL,
        idempotency_key varchar(100) NOT NULL UNIQUE,
        status varchar(16) NOT NULL DEFAULT 'computed' CHECK (status IN ('computed','paid','skipped')),
        bank_reference varchar(100),
        attempts int NOT NULL DEFAULT 0,
        paid_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_payouts_run ON payouts (run_id, status)`);
    await q.query(`CREATE INDEX ix_payouts_voucher ON payouts (voucher_id)`);
    await q.query(`
      CREATE TABLE simulated_bank_transfers (
        id bigserial PRIMARY KEY,
        idempotency_key varchar(100) NOT NULL UNIQUE,
        payee_enterprise_id uuid NOT NULL,
        amount numeric(15,2) NOT NULL CHECK (amount >= 0),
        reference varchar(100) NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE simulated_bank_faults (
        id int PRIMARY KEY CHECK (id = 1),
        fail_next int NOT NULL DEFAULT 0 CHECK (fail_next >= 0),
        fail_every_nth int NOT NULL DEFAULT 0 CHECK (fail_every_nth >= 0),
        calls bigint NOT NULL DEFAULT 0
      )`);
    await q.query(`INSERT INTO simulated_bank_faults (id) VALUES (1)`);
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dedupe_key varchar(200) NOT NULL UNIQUE,
        recipient_user_id uuid REFERENCES users(id),
        recipient_email varchar(200),
        kind varchar(64) NOT NULL,
        subject varchar(300) NOT NULL,
        body text NOT NULL,
        entity_type varchar(64),
        entity_id varchar(100),
        email_sent_at timestamptz,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_notifications_user ON notifications (recipient_user_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE sandbox_clock (
        id int PRIMARY KEY CHECK (id = 1),
        business_date date,
        set_by uuid REFERENCES users(id),
        set_at timestamptz
      )`);
    await q.query(`INSERT INTO sandbox_clock (id) VALUES (1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'sandbox_clock',
      'notifications',
      'simulated_bank_faults',
      'simulated_bank_transfers',
      'payouts',
      'redemption_runs',
      'redemption_claims',
      'settlements',
      'review_tasks',
      'application_materials',
      'users',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
