import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first-come pool (Chengdu 普惠算力券, ADR 0015–0017): one counter row per program and year holding
 * the year's slots (taken under that row's lock, receipt numbers drawn from a sequence inside it), the
 * applications in receipt order with their waitlist, the vouchers, the deductions suppliers record at
 * payment, the suppliers' redemptions, and the materials of both.
 */
export class FirstComePool1764300100000 implements MigrationInterface {
  name = 'FirstComePool1764300100000';

  async up(q: QueryRunner): Promise<void> {
    // Receipt order: drawn while the pool row is locked, so the order of numbers is the order of slots.
    await q.query(`CREATE SEQUENCE pool_receipt_seq AS bigint`);
    await q.query(`
      CREATE TABLE pool_years (
        program_code varchar(64) NOT NULL REFERENCES programs(code),
        year int NOT NULL,
        slots int NOT NULL CHECK (slots >= 0),
        held int NOT NULL DEFAULT 0,
        issued int NOT NULL DEFAULT 0,
        waiting int NOT NULL DEFAULT 0 CHECK (waiting >= 0),
        received int NOT NULL DEFAULT 0,
        last_took_slot boolean NOT NULL DEFAULT false,
        PRIMARY KEY (program_code, year),
        CONSTRAINT ck_pool_held_within_slots CHECK (held >= 0 AND held <= slots),
        CONSTRAINT ck_pool_issued_within_held CHECK (issued >= 0 AND issued <= held)
      )`);
    await q.query(`
      CREATE TABLE pool_applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_code varchar(64) NOT NULL REFERENCES programs(code),
        program_version int NOT NULL,
        year int NOT NULL,
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        receipt_no bigint NOT NULL UNIQUE,
        status varchar(16) NOT NULL CHECK (status IN ('holding','waitlisted','issued','refused')),
        submitted_on date NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        submitted_by uuid NOT NULL REFERENCES users(id),
        eligibility_results jsonb,
        promoted_at timestamptz,
        promoted_from uuid REFERENCES pool_applications(id),
        refusal_code varchar(64),
        refusal_reason text,
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        workflow_id varchar(200),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- 每家单位每年限领一次: one application per unit, program and year, whatever became of it.
        CONSTRAINT uq_pool_application_per_unit_year UNIQUE (program_code, year, enterprise_id),
        CONSTRAINT ck_pool_refusal_has_code CHECK (status <> 'refused' OR refusal_code IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX ix_pool_applications_queue ON pool_applications (program_code, year, status, receipt_no)`,
    );
    await q.query(`CREATE INDEX ix_pool_applications_enterprise ON pool_applications (enterprise_id)`);
    await q.query(`
      CREATE TABLE pool_vouchers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        voucher_no varchar(32) NOT NULL UNIQUE,
        application_id uuid NOT NULL UNIQUE REFERENCES pool_applications(id),
        program_code varchar(64) NOT NULL REFERENCES programs(code),
        program_version int NOT NULL,
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        face_value numeric(15,2) NOT NULL CHECK (face_value > 0),
        deducted numeric(15,2) NOT NULL DEFAULT 0,
        valid_year int NOT NULL,
        issued_on date NOT NULL,
        issued_by uuid NOT NULL REFERENCES users(id),
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active','exhausted','withdrawn')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_pool_voucher_deducted CHECK (deducted >= 0 AND deducted <= face_value)
      )`);
    await q.query(`CREATE INDEX ix_pool_vouchers_enterprise ON pool_vouchers (enterprise_id, valid_year)`);
    await q.query(`
      CREATE TABLE pool_deductions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        voucher_id uuid NOT NULL REFERENCES pool_vouchers(id),
        supplier_id uuid NOT NULL REFERENCES suppliers(id),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        program_code varchar(64) NOT NULL REFERENCES programs(code),
        program_version int NOT NULL,
        payment_reference varchar(64) NOT NULL,
        payment_amount numeric(15,2) NOT NULL CHECK (payment_amount > 0),
        amount numeric(15,2) NOT NULL CHECK (amount > 0 AND amount <= payment_amount),
        share_limit numeric(15,2) NOT NULL,
        limited_by varchar(32) NOT NULL CHECK (limited_by IN ('share-of-payment','remaining-face-value')),
        paid_on date NOT NULL,
        recorded_by uuid NOT NULL REFERENCES users(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        -- One payment is deducted once: the supplier's own payment reference is the business key.
        CONSTRAINT uq_pool_deduction_payment UNIQUE (supplier_id, payment_reference),
        CONSTRAINT ck_pool_deduction_share CHECK (amount <= share_limit)
      )`);
    await q.query(`CREATE INDEX ix_pool_deductions_voucher ON pool_deductions (voucher_id)`);
    await q.query(`
      CREATE TABLE pool_redemptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        deduction_id uuid NOT NULL REFERENCES pool_deductions(id),
        supplier_id uuid NOT NULL REFERENCES suppliers(id),
        program_code varchar(64) NOT NULL REFERENCES programs(code),
        program_version int NOT NULL,
        amount numeric(15,2) NOT NULL CHECK (amount > 0),
        status varchar(16) NOT NULL CHECK (status IN ('draft','submitted','approved','refused','paid')),
        workflow_id varchar(200),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        refusal_reason text,
        direct_payment_id uuid,
        paid_at timestamptz,
        CONSTRAINT ck_pool_redemption_refusal_reason CHECK (status <> 'refused' OR refusal_reason IS NOT NULL)
      )`);
    // A deduction is redeemed (and paid) once; after a refusal the supplier may submit it again.
    await q.query(
      `CREATE UNIQUE INDEX uq_pool_redemption_live ON pool_redemptions (deduction_id) WHERE status <> 'refused'`,
    );
    await q.query(`CREATE INDEX ix_pool_redemptions_supplier ON pool_redemptions (supplier_id, status)`);
    await q.query(`
      CREATE TABLE pool_materials (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_kind varchar(16) NOT NULL CHECK (owner_kind IN ('application','redemption')),
        owner_id uuid NOT NULL,
        code varchar(64) NOT NULL,
        filename varchar(255) NOT NULL,
        content_type varchar(100) NOT NULL,
        size_bytes int NOT NULL CHECK (size_bytes > 0),
        sha256 char(64) NOT NULL,
        content bytea NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_pool_materials_owner ON pool_materials (owner_kind, owner_id, code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'pool_materials',
      'pool_redemptions',
      'pool_deductions',
      'pool_vouchers',
      'pool_applications',
      'pool_years',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query(`DROP SEQUENCE pool_receipt_seq`);
  }
}
