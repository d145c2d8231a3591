import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The API caches each signed-in user's role, owner, status and token version (apps/api/src/auth/
 * principal-cache.ts). Any change to a user row — through the API, a command-line tool or an operator's
 * SQL — announces the user's id on `principal_changed` when it commits, and every API process drops its
 * copy at once; a TRUNCATE announces '*' (drop everything). Also: the enterprise's claims and settlements
 * lists are read by enterprise, newest first.
 */
export class PrincipalChanged1764300900000 implements MigrationInterface {
  name = 'PrincipalChanged1764300900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION users_notify_principal_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          PERFORM pg_notify('principal_changed', '*');
        ELSE
          PERFORM pg_notify('principal_changed', OLD.id::text);
        END IF;
        RETURN NULL;
      END $$`);
    // A row trigger for updates and deletes, a statement trigger for TRUNCATE (which has no rows).
    await q.query(`
      CREATE TRIGGER users_notify_principal_changed AFTER UPDATE OR DELETE ON users
        FOR EACH ROW EXECUTE FUNCTION users_notify_principal_changed();
      CREATE TRIGGER users_notify_principal_truncated AFTER TRUNCATE ON users
        FOR EACH STATEMENT EXECUTE FUNCTION users_notify_principal_changed()`);
    await q.query(`CREATE INDEX ix_claims_enterprise ON redemption_claims (enterprise_id, created_at DESC)`);
    await q.query(`CREATE INDEX ix_settlements_enterprise ON settlements (enterprise_id, period_end DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_settlements_enterprise`);
    await q.query(`DROP INDEX ix_claims_enterprise`);
    await q.query(`DROP TRIGGER users_notify_principal_truncated ON users`);
    await q.query(`DROP TRIGGER users_notify_principal_changed ON users`);
    await q.query(`DROP FUNCTION users_notify_principal_changed()`);
  }
}
