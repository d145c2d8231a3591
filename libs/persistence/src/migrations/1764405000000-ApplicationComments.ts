import { CREATED_AT_COLUMN, ID_COLUMN, StatementsMigration, createTable } from './statements';

/**
 * The reviewers' comment thread on an application (ADR 0048): append-only, each comment also audited.
 * The daily digest of new review tasks needs no table: it is one notifications row per reviewer per day.
 */
export class ApplicationComments1764405000000 extends StatementsMigration {
  name = 'ApplicationComments1764405000000';

  protected upStatements = [
    createTable('application_comments', [
      ID_COLUMN,
      'application_id uuid NOT NULL REFERENCES applications(id)',
      'author_id uuid NOT NULL REFERENCES users(id)',
      'body text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 2000)',
      CREATED_AT_COLUMN,
    ]),
    `CREATE INDEX ix_application_comments_application ON application_comments (application_id, created_at)`,
  ];

  protected downStatements = [`DROP TABLE application_comments`];
}
