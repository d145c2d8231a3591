import {
  CREATED_AT_COLUMN,
  ID_COLUMN,
  STORED_FILE_COLUMNS,
  StatementsMigration,
  createTable,
} from './statements';

/**
 * Server-side drafts of an application (one per enterprise and program, private to the enterprise) and the
 * files in its materials checklist slots, one per slot (a new upload replaces the old). On submission the
 * files move to application_materials, which now records the slot each came from (ADR 0047).
 */
export class ApplicationDrafts1764404000000 extends StatementsMigration {
  name = 'ApplicationDrafts1764404000000';

  protected upStatements = [
    createTable('application_drafts', [
      ID_COLUMN,
      'enterprise_id uuid NOT NULL REFERENCES enterprises(id)',
      'program_code varchar(64) NOT NULL REFERENCES programs(code)',
      "form jsonb NOT NULL DEFAULT '{}'::jsonb",
      'updated_by uuid NOT NULL',
      CREATED_AT_COLUMN,
      'updated_at timestamptz NOT NULL DEFAULT now()',
      'CONSTRAINT uq_application_draft UNIQUE (enterprise_id, program_code)',
    ]),
    createTable('application_draft_materials', [
      ID_COLUMN,
      'draft_id uuid NOT NULL REFERENCES application_drafts(id) ON DELETE CASCADE',
      'slot_code varchar(64) NOT NULL',
      ...STORED_FILE_COLUMNS,
      'CONSTRAINT uq_draft_material_slot UNIQUE (draft_id, slot_code)',
    ]),
    `ALTER TABLE application_materials ADD COLUMN slot_code varchar(64)`,
  ];

  protected downStatements = [
    `ALTER TABLE application_materials DROP COLUMN slot_code`,
    `DROP TABLE application_draft_materials`,
    `DROP TABLE application_drafts`,
  ];
}
