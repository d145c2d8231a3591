import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access tokens carry their user's token_version; the API refuses a token whose version is no longer the
 * user's. The trigger bumps it whenever what a token stood for changes — the password, the role, the
 * enterprise or supplier the user acts for, or whether the account is active — on every path that writes
 * the row (API, command-line tools, an operator's SQL), so earlier tokens stop working at once.
 */
export class UserTokenVersion1764300600000 implements MigrationInterface {
  name = 'UserTokenVersion1764300600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0 CHECK (token_version >= 0)`,
    );
    await q.query(`
      CREATE FUNCTION users_bump_token_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.password_hash IS DISTINCT FROM OLD.password_hash
           OR NEW.role IS DISTINCT FROM OLD.role
           OR NEW.enterprise_id IS DISTINCT FROM OLD.enterprise_id
           OR NEW.supplier_id IS DISTINCT FROM OLD.supplier_id
           OR NEW.active IS DISTINCT FROM OLD.active THEN
          NEW.token_version := OLD.token_version + 1;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER users_bump_token_version BEFORE UPDATE ON users
        FOR EACH ROW EXECUTE FUNCTION users_bump_token_version()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER users_bump_token_version ON users`);
    await q.query(`DROP FUNCTION users_bump_token_version()`);
    await q.query(`ALTER TABLE users DROP COLUMN token_version`);
  }
}
