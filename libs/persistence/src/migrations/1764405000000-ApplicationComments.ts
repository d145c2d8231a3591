import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reviewers' comment thread on an application (ADR 0048): append-only, each comment also audited.
 * The daily digest of new review tasks needs no table: it is one notifications row per reviewer per day.
 */
export class ApplicationComments1764405000000 implements MigrationInterface {
  name = 'ApplicationComments1764405000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE application_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications(id),
        author_id uuid NOT NULL REFERENCES users(id),
        body text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 2000),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX ix_application_comments_application ON application_comments (application_id, created_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE application_comments`);
  }
}
