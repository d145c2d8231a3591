import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ranked rounds with public notice and backfill (Chengdu 特惠算力券, 算力补贴券) and automatic grants
 * (绿色算力券): one round per program and year, its entries in the server's receipt order (a sequence), the
 * spend evidence and materials of each entry, objections raised during the notice, and one grant per
 * data centre. Payments go through direct_payments (1764300000000).
 */
export class AllocationRounds1764300200000 implements MigrationInterface {
  name = 'AllocationRounds1764300200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE allocation_rounds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_code varchar(64) NOT NULL REFERENCES programs(code),
        program_version int NOT NULL,
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        workflow_id varchar(200) NOT NULL UNIQUE,
        status varchar(24) NOT NULL DEFAULT 'open' CHECK (status IN
          ('open','ranked','reviewing','notice','awaiting_finance','paying','paid')),
        opens_on date NOT NULL,
        closes_on date NOT NULL,
        review_quota int NOT NULL CHECK (review_quota > 0),
        notice_working_days int NOT NULL CHECK (notice_working_days > 0),
        closed_at timestamptz,
        plan_revision int NOT NULL DEFAULT 0,
        published_on date,
        notice_ends_on date,
        total_award numeric(15,2) NOT NULL DEFAULT 0 CHECK (total_award >= 0),
        -- Bumped by every change, so the workflow keeps the newest snapshot of concurrent steps.
        stamp int NOT NULL DEFAULT 0,
        finance_approved_by uuid REFERENCES users(id),
        finance_approved_at timestamptz,
        paid_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_round_program_year UNIQUE (program_code, year),
        FOREIGN KEY (program_code, program_version) REFERENCES program_versions(program_code, version)
      )`);
    // 平台提交时间: the order in which the server received the entries, never a client's clock.
    await q.query(`CREATE SEQUENCE round_receipt_seq`);
    await q.query(`
      CREATE TABLE round_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL REFERENCES allocation_rounds(id),
        program_code varchar(64) NOT NULL,
        year int NOT NULL,
        program_version int NOT NULL,
        applicant_kind varchar(16) NOT NULL CHECK (applicant_kind IN ('enterprise','supplier')),
        enterprise_id uuid REFERENCES enterprises(id),
        supplier_id uuid REFERENCES suppliers(id),
        applicant_name varchar(200) NOT NULL,
        receipt_seq bigint NOT NULL UNIQUE DEFAULT nextval('round_receipt_seq'),
        submitted_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        submitted_on date NOT NULL,
        submitted_by uuid NOT NULL REFERENCES users(id),
        basis numeric(15,2) NOT NULL CHECK (basis >= 0),
        basis_detail jsonb,
        standing varchar(16) NOT NULL DEFAULT 'submitted' CHECK (standing IN
          ('submitted','unranked','waiting','in_review','approved','refused','removed')),
        rank int,
        bracket int,
        unranked_reason varchar(64),
        reviewed_by uuid REFERENCES users(id),
        reviewed_at timestamptz,
        review_reason text,
        tier int,
        award numeric(15,2) CHECK (award > 0),
        plan_reason varchar(64),
        removed_reason text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_round_entry_applicant CHECK (
          (applicant_kind = 'enterprise' AND enterprise_id IS NOT NULL AND supplier_id IS NULL) OR
          (applicant_kind = 'supplier' AND supplier_id IS NOT NULL AND enterprise_id IS NULL)),
        -- 每家单位每年限领一份: one entry per unit per program and year.
        CONSTRAINT uq_round_entry_enterprise UNIQUE (program_code, year, enterprise_id),
        CONSTRAINT uq_round_entry_supplier UNIQUE (program_code, year, supplier_id)
      )`);
    await q.query(`CREATE INDEX ix_round_entries_round ON round_entries (round_id, standing, rank)`);
    await q.query(`
      CREATE TABLE round_entry_evidence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        entry_id uuid NOT NULL REFERENCES round_entries(id),
        supplier_id uuid NOT NULL REFERENCES suppliers(id),
        contract_number varchar(100) NOT NULL,
        invoice_number varchar(100) NOT NULL,
        paid_on date NOT NULL,
        amount numeric(15,2) NOT NULL CHECK (amount > 0)
      )`);
    await q.query(`CREATE INDEX ix_round_evidence_entry ON round_entry_evidence (entry_id)`);
    await q.query(`CREATE INDEX ix_round_evidence_supplier ON round_entry_evidence (supplier_id)`);
    await q.query(`
      CREATE TABLE round_entry_materials (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        entry_id uuid NOT NULL REFERENCES round_entries(id),
        code varchar(64) NOT NULL,
        filename varchar(255) NOT NULL,
        content_type varchar(100) NOT NULL,
        size_bytes int NOT NULL CHECK (size_bytes > 0),
        sha256 char(64) NOT NULL,
        content bytea NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_round_materials_entry ON round_entry_materials (entry_id)`);
    await q.query(`
      CREATE TABLE round_objections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL REFERENCES allocation_rounds(id),
        entry_id uuid NOT NULL REFERENCES round_entries(id),
        plan_revision int NOT NULL,
        objector_name varchar(100) NOT NULL,
        contact varchar(200) NOT NULL,
        content text NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open','upheld','dismissed')),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        decision_reason text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_round_objections_round ON round_objections (round_id, status)`);
    await q.query(`
      CREATE TABLE grants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_code varchar(64) NOT NULL REFERENCES programs(code),
        program_version int NOT NULL,
        event varchar(64) NOT NULL,
        subject_key varchar(64) NOT NULL,
        subject_name varchar(200) NOT NULL,
        supplier_id uuid NOT NULL REFERENCES suppliers(id),
        approved_on date NOT NULL,
        approval_reference varchar(100) NOT NULL,
        document_filename varchar(255) NOT NULL,
        document_content_type varchar(100) NOT NULL,
        document_sha256 char(64) NOT NULL,
        document bytea NOT NULL,
        amount numeric(15,2) NOT NULL CHECK (amount > 0),
        status varchar(24) NOT NULL DEFAULT 'awaiting_finance'
          CHECK (status IN ('awaiting_finance','approved','paid')),
        workflow_id varchar(200) NOT NULL UNIQUE,
        recorded_by uuid NOT NULL REFERENCES users(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        finance_approved_by uuid REFERENCES users(id),
        finance_approved_at timestamptz,
        paid_at timestamptz,
        -- 一次性: one grant per data centre, however often the approval is recorded.
        CONSTRAINT uq_grant_subject UNIQUE (program_code, subject_key),
        FOREIGN KEY (program_code, program_version) REFERENCES program_versions(program_code, version)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'grants',
      'round_objections',
      'round_entry_materials',
      'round_entry_evidence',
      'round_entries',
      'allocation_rounds',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query(`DROP SEQUENCE round_receipt_seq`);
  }
}
