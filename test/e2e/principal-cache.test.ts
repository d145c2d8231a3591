import request from 'supertest';
import type { Role } from '@app/persistence';
import { PrincipalCache } from '../../apps/api/src/auth/principal-cache';
import { apiSuite } from '../support/api-suite';
import { E2E_PASSWORD } from '../support/e2e-stack';
import { createEnterprise } from '../support/fixtures';
import { signIn, type ApiSession } from '../support/http';
import { eventually } from '../support/wait';

/**
 * The API keeps each signed-in user's access in memory (ADR 0043). A change made through the API — the
 * user's own password change, an admin deactivating them — refuses the token in hand on the very next
 * request, though that user's access was cached a moment earlier; a change by an operator's SQL within the
 * notification's delivery; while the API cannot hear the database's notifications it trusts no copy.
 */
describe('principal cache: revocation is never late (API + PostgreSQL)', () => {
  const api = apiSuite({
    beforeTeardown: (db) =>
      db.query(`ALTER TABLE users ENABLE TRIGGER users_notify_principal_changed`).catch(() => undefined),
  });
  let cache: PrincipalCache;
  let admin: ApiSession;
  let enterpriseId: string;
  let users = 0;

  beforeAll(async () => {
    cache = api.app.get(PrincipalCache);
    await eventually(async () => (cache.active ? true : undefined), 'the API to listen');
    admin = await user('admin');
    enterpriseId = (await createEnterprise(api.db)).id;
  });

  async function user(role: Role, owner?: string): Promise<ApiSession & { id: string }> {
    users += 1;
    const email = `cache-${role}-${users}@e2e.example.cn`;
    const id = await api.addUser(email, role, { enterpriseId: owner });
    return { ...(await signIn(api.app, email, E2E_PASSWORD)), id };
  }

  /** An operator's SQL is refused within the notification's delivery (ADR 0043), not before it arrives. */
  const refusedSoon = (token: string) =>
    eventually(
      async () => ((await vouchers(token)).status === 401 ? true : undefined),
      'the notification to evict the cached access',
      5_000,
      20,
    );

  const vouchers = (token: string) =>
    request(api.app.getHttpServer()).get('/vouchers').set('Authorization', `Bearer ${token}`);

  it('a password change refuses the old token on the next request and accepts the new one', async () => {
    const company = await user('enterprise', enterpriseId);
    await vouchers(company.token).expect(200); // now cached
    await vouchers(company.token).expect(200);
    const changed = await company
      .post('/auth/password', { currentPassword: E2E_PASSWORD, newPassword: 'another horse battery staple' })
      .expect(200);
    const refused = await vouchers(company.token).expect(401);
    expect(refused.body.code).toBe('TOKEN_REVOKED');
    await vouchers(changed.body.accessToken as string).expect(200);
  });

  it('an admin deactivating a user refuses their token on the next request', async () => {
    const company = await user('enterprise', enterpriseId);
    await vouchers(company.token).expect(200);
    await admin.patch(`/admin/users/${company.id}`, { active: false }).expect(200);
    await vouchers(company.token).expect(401);
  });

  it("an operator's SQL from another connection (role change) is seen within the notification's delivery", async () => {
    const company = await user('enterprise', enterpriseId);
    await vouchers(company.token).expect(200);
    await api.db.query(`UPDATE users SET role = 'reviewer', enterprise_id = NULL WHERE id = $1`, [
      company.id,
    ]);
    // Another process's commit reaches this one by notification, milliseconds later (ADR 0043), not a TTL.
    await eventually(
      async () => (await vouchers(company.token)).status === 401,
      'the old token to be refused',
      1_000,
      5,
    );
  });

  it('the copy is really used: with the notification switched off, a change is not seen (until it is back)', async () => {
    const company = await user('enterprise', enterpriseId);
    await vouchers(company.token).expect(200);
    await api.db.query(`ALTER TABLE users DISABLE TRIGGER users_notify_principal_changed`);
    try {
      await api.db.query(`UPDATE users SET active = false WHERE id = $1`, [company.id]);
      // Served from memory: the very thing the trigger exists to prevent.
      await vouchers(company.token).expect(200);
    } finally {
      await api.db.query(`ALTER TABLE users ENABLE TRIGGER users_notify_principal_changed`);
    }
    await api.db.query(`UPDATE users SET display_name = display_name || '.' WHERE id = $1`, [company.id]);
    await refusedSoon(company.token);
  });

  it('with the LISTEN connection lost, nothing cached is trusted; once back, caching resumes', async () => {
    const company = await user('enterprise', enterpriseId);
    await vouchers(company.token).expect(200);
    await api.db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'compute-voucher-principal-listener'`,
    );
    await eventually(async () => (cache.active ? undefined : true), 'the API to notice the lost connection');
    // No notification can reach the API now (and none is sent): only an uncached read refuses the token.
    await api.db.query(`ALTER TABLE users DISABLE TRIGGER users_notify_principal_changed`);
    try {
      await api.db.query(`UPDATE users SET active = false WHERE id = $1`, [company.id]);
      await vouchers(company.token).expect(401);
      await api.db.query(`UPDATE users SET active = true WHERE id = $1`, [company.id]);
    } finally {
      await api.db.query(`ALTER TABLE users ENABLE TRIGGER users_notify_principal_changed`);
    }
    await eventually(async () => (cache.active ? true : undefined), 'the listener to reconnect');
    // Back (the trigger bumped the version: sign in again), cached, and evicted by notification again.
    const [{ email }] = await api.db.query(`SELECT email FROM users WHERE id = $1`, [company.id]);
    const again = await signIn(api.app, email, E2E_PASSWORD);
    await vouchers(again.token).expect(200);
    await api.db.query(`UPDATE users SET active = false WHERE id = $1`, [company.id]);
    await refusedSoon(again.token);
  });
});
