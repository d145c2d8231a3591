import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Server-side drafts of an application (one per enterprise and program, private to the enterprise) and the
 * files in its materials checklist slots, one per slot (a new upload replaces the old). On submission the
 * files move to application_materials, which now records the slot each came from (ADR 0047).
 */
export class ApplicationDrafts1764404000000 implements MigrationInterface {
  name = 'ApplicationDrafts1764404000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE application_drafts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL REFERENCES enterprises(id),
        program_code varchar(64) NOT NULL REFERENCES programs(code),
        form jsonb NOT NULL DEFAULT '{}'::jsonb,
        updated_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_application_draft UNIQUE (enterprise_id, program_code)
      )`);
    await q.query(`
      CREATE TABLE application_draft_materials (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        draft_id uuid NOT NULL REFERENCES application_drafts(id) ON DELETE CASCADE,
        slot_code varchar(64) NOT NULL,
        filename varchar(255) NOT NULL,
        content_type varchar(100) NOT NULL,
        size_bytes int NOT NULL CHECK (size_bytes > 0),
        sha256 char(64) NOT NULL,
        content bytea NOT NULL,
        uploaded_by uuid NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_draft_material_slot UNIQUE (draft_id, slot_code)
      )`);
    await q.query(`ALTER TABLE application_materials ADD COLUMN slot_code varchar(64)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application_materials DROP COLUMN slot_code`);
    await q.query(`DROP TABLE application_draft_materials`);
    await q.query(`DROP TABLE application_drafts`);
  }
}
