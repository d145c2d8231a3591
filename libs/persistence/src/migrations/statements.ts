import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A migration that is a list of SQL statements each way, run in order. Those written this way have run in
 * databases already: what they execute must stay the same statements, in the same order.
 */
export abstract class StatementsMigration implements MigrationInterface {
  abstract readonly name: string;
  protected abstract readonly upStatements: readonly string[];
  /** Undoes `upStatements`, last change first. */
  protected abstract readonly downStatements: readonly string[];

  async up(q: QueryRunner): Promise<void> {
    for (const statement of this.upStatements) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const statement of this.downStatements) await q.query(statement);
  }
}

/** The surrogate key of a table. */
export const ID_COLUMN = 'id uuid PRIMARY KEY DEFAULT gen_random_uuid()';
/** When a row was written. */
export const CREATED_AT_COLUMN = 'created_at timestamptz NOT NULL DEFAULT now()';

/** An uploaded file kept in the database: its name and type as uploaded, size, digest, bytes, who and when. */
export const STORED_FILE_COLUMNS: readonly string[] = [
  'filename varchar(255) NOT NULL',
  'content_type varchar(100) NOT NULL',
  'size_bytes int NOT NULL CHECK (size_bytes > 0)',
  'sha256 char(64) NOT NULL',
  'content bytea NOT NULL',
  'uploaded_by uuid NOT NULL',
  'uploaded_at timestamptz NOT NULL DEFAULT now()',
];

/** CREATE TABLE, one column or constraint a line, laid out as the statements already run were. */
export function createTable(table: string, definitions: readonly string[]): string {
  const lines = definitions.map((definition) => `        ${definition}`).join(',\n');
  return `\n      CREATE TABLE ${table} (\n${lines}\n      )`;
}
