import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who started a redemption run by hand (null: the schedule started it), so that person cannot also
 * approve its payouts (four eyes, ADR 0045).
 */
export class RunStarter1764402000000 implements MigrationInterface {
  name = 'RunStarter1764402000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE redemption_runs ADD COLUMN started_by uuid NULL REFERENCES users(id)`);
    await q.query(`ALTER TABLE redemption_runs ADD COLUMN started_at timestamptz NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE redemption_runs DROP COLUMN started_at`);
    await q.query(`ALTER TABLE redemption_runs DROP COLUMN started_by`);
  }
}
