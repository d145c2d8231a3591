import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The review queue at a million open tasks (ADR 0037): one index per sort the queue offers, each led by
 * the equalities every view has (status, candidate role), so a page is an index range read to its LIMIT
 * instead of a sort of every open task; and a trigram index so "part of the enterprise name" is not a
 * scan of every name.
 */
export class ReviewQueueIndexes1764301040000 implements MigrationInterface {
  name = 'ReviewQueueIndexes1764301040000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    // Replaced by the same columns with created_at, the due sort's tie-break.
    await q.query(`DROP INDEX IF EXISTS ix_review_tasks_queue`);
    await q.query(
      `CREATE INDEX ix_review_tasks_queue_due ON review_tasks (status, candidate_role, due_at, created_at)`,
    );
    await q.query(
      `CREATE INDEX ix_review_tasks_queue_amount_asc
         ON review_tasks (status, candidate_role, quoted_face_value ASC NULLS FIRST, due_at)`,
    );
    await q.query(
      `CREATE INDEX ix_review_tasks_queue_amount_desc
         ON review_tasks (status, candidate_role, quoted_face_value DESC NULLS LAST, due_at)`,
    );
    await q.query(
      `CREATE INDEX ix_review_tasks_queue_created ON review_tasks (status, candidate_role, created_at)`,
    );
    // "Mine": a reviewer's own open tasks in due order, counted without visiting the table.
    await q.query(
      `CREATE INDEX ix_review_tasks_mine ON review_tasks (assignee_id, status, candidate_role, due_at)
         WHERE assignee_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX ix_review_tasks_enterprise_name_trgm ON review_tasks USING gin (enterprise_name gin_trgm_ops)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP INDEX IF EXISTS ix_review_tasks_enterprise_name_trgm, ix_review_tasks_mine,
         ix_review_tasks_queue_created, ix_review_tasks_queue_amount_desc, ix_review_tasks_queue_amount_asc,
         ix_review_tasks_queue_due`,
    );
    await q.query(`CREATE INDEX ix_review_tasks_queue ON review_tasks (status, candidate_role, due_at)`);
  }
}
