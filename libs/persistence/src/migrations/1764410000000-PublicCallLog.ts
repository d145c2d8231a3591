import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public voucher check's rate limit is kept where every API process sees it (ADR 0052): one row per
 * counted call, per client address, pruned as the window slides.
 */
export class PublicCallLog1764410000000 implements MigrationInterface {
  name = 'PublicCallLog1764410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE public_call_log (
        client text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_public_call_log_client ON public_call_log (client, at);
      CREATE INDEX ix_public_call_log_at ON public_call_log (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE public_call_log`);
  }
}
