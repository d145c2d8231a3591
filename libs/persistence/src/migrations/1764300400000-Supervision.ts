import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supervision (监督管理, ADR 0027): a finding of false or fraudulent material on an application with its
 * evidence, the clawback receivable of what was paid and its repayments, the debarment from the
 * authority's programs for three years, and appeals; and the source documents of program versions
 * (ADR 0028). Money in numeric(15,2); every row's changes audited.
 */
export class Supervision1764300400000 implements MigrationInterface {
  name = 'Supervision1764300400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE supervision_findings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications(id),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        program_code varchar(64) NOT NULL REFERENCES programs(code),
        authority_code varchar(64) NOT NULL,
        voucher_id uuid REFERENCES vouchers(id),
        kind varchar(32) NOT NULL CHECK (kind IN ('false_material','fraud','misappropriation')),
        description text NOT NULL,
        found_on date NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'upheld' CHECK (status IN ('upheld','overturned')),
        recorded_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        -- One finding per application: recording it twice is a conflict, never a second clawback.
        CONSTRAINT uq_finding_application UNIQUE (application_id)
      )`);
    await q.query(`CREATE INDEX ix_findings_enterprise ON supervision_findings (enterprise_id)`);
    await q.query(`
      CREATE TABLE supervision_evidence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        finding_id uuid NOT NULL REFERENCES supervision_findings(id),
        filename varchar(255) NOT NULL,
        content_type varchar(100) NOT NULL,
        size_bytes int NOT NULL CHECK (size_bytes > 0),
        sha256 char(64) NOT NULL,
        content bytea NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_evidence_file UNIQUE (finding_id, sha256)
      )`);
    await q.query(`
      CREATE TABLE clawback_receivables (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        finding_id uuid NOT NULL UNIQUE REFERENCES supervision_findings(id),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        program_code varchar(64) NOT NULL REFERENCES programs(code),
        principal numeric(15,2) NOT NULL CHECK (principal >= 0),
        repaid numeric(15,2) NOT NULL DEFAULT 0,
        status varchar(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open','repaid','written_off','cancelled')),
        opened_on date NOT NULL,
        due_on date NOT NULL,
        closed_on date,
        close_reason text,
        reminders_sent int NOT NULL DEFAULT 0 CHECK (reminders_sent >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_clawback_repaid CHECK (repaid >= 0 AND repaid <= principal),
        CONSTRAINT ck_clawback_repaid_status CHECK (status <> 'repaid' OR repaid = principal),
        CONSTRAINT ck_clawback_write_off_reason CHECK (status NOT IN ('written_off','cancelled') OR close_reason IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX ix_clawbacks_status ON clawback_receivables (status, due_on)`);
    await q.query(`
      CREATE TABLE clawback_repayments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        receivable_id uuid NOT NULL REFERENCES clawback_receivables(id),
        amount numeric(15,2) NOT NULL CHECK (amount > 0),
        received_on date NOT NULL,
        reference varchar(64) NOT NULL,
        recorded_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        -- The bank's reference is the business key: recording one receipt twice records it once.
        CONSTRAINT uq_clawback_repayment_reference UNIQUE (receivable_id, reference)
      )`);
    await q.query(`
      CREATE TABLE debarments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        authority_code varchar(64) NOT NULL,
        finding_id uuid NOT NULL UNIQUE REFERENCES supervision_findings(id),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        reason text NOT NULL,
        lifted_on date,
        lifted_by uuid REFERENCES users(id),
        lift_reason text,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_debarment_dates CHECK (ends_on >= starts_on),
        CONSTRAINT ck_debarment_lift_reason CHECK (lifted_on IS NULL OR lift_reason IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX ix_debarments_enterprise ON debarments (enterprise_id, authority_code)`);
    await q.query(`
      CREATE TABLE supervision_appeals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        finding_id uuid NOT NULL REFERENCES supervision_findings(id),
        filed_on date NOT NULL,
        grounds text NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','dismissed','granted')),
        recorded_by uuid NOT NULL REFERENCES users(id),
        decided_by uuid REFERENCES users(id),
        decided_on date,
        decision_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_appeal_decided CHECK (status = 'pending' OR (decided_by IS NOT NULL AND decision_reason IS NOT NULL))
      )`);
    // Program authoring (ADR 0028): the source document a version rests on, stored once per program.
    await q.query(`
      CREATE TABLE program_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_code varchar(64) NOT NULL REFERENCES programs(code),
        filename varchar(255) NOT NULL,
        content_type varchar(100) NOT NULL,
        size_bytes int NOT NULL CHECK (size_bytes > 0),
        sha256 char(64) NOT NULL,
        content bytea NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_program_document UNIQUE (program_code, sha256)
      )`);
    // At most one undecided appeal per finding.
    await q.query(
      `CREATE UNIQUE INDEX uq_appeal_pending ON supervision_appeals (finding_id) WHERE status = 'pending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'program_documents',
      'supervision_appeals',
      'debarments',
      'clawback_repayments',
      'clawback_receivables',
      'supervision_evidence',
      'supervision_findings',
    ])
      await q.query(`DROP TABLE ${t}`);
  }
}
