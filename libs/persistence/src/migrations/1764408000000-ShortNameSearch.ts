import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Enterprise searches of one or two characters (ADR 0037): a trigram index cannot serve a pattern shorter
 * than three characters, and Chinese names are often searched by two. Each task carries the distinct one-
 * and two-character pieces of its enterprise's name (lower-cased), with a GIN index, so "启明" is an index
 * lookup however rare or common it is.
 */
export class ShortNameSearch1764408000000 implements MigrationInterface {
  name = 'ShortNameSearch1764408000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION name_grams(name text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
          SELECT substr(lower(name), i, 1) AS g FROM generate_series(1, char_length(name)) i
          UNION ALL
          SELECT substr(lower(name), i, 2) FROM generate_series(1, char_length(name) - 1) i) pieces $$`);
    await q.query(`
      ALTER TABLE review_tasks
        ADD COLUMN enterprise_name_grams text[] GENERATED ALWAYS AS (name_grams(enterprise_name)) STORED`);
    await q.query(
      `CREATE INDEX ix_review_tasks_enterprise_name_grams ON review_tasks USING gin (enterprise_name_grams)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE review_tasks DROP COLUMN enterprise_name_grams`);
    await q.query(`DROP FUNCTION name_grams(text)`);
  }
}
