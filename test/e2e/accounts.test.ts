import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRecord, hashPassword } from '@app/persistence';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { openTestDataSource } from '../support/fixtures';
import { signIn } from '../support/http';

/** Accounts: password change and reset, and sign-in slowed down after repeated failures. */
describe('accounts (real API + PostgreSQL)', () => {
  const PASSWORD = 'correct horse battery staple';
  let db: DataSource;
  let app: INestApplication;

  beforeAll(async () => {
    db = await openTestDataSource();
    app = await createApiApp();
    await app.init();
    for (const [email, role] of [
      ['acct-admin@e2e.example.cn', 'admin'],
      ['acct-reviewer@e2e.example.cn', 'reviewer'],
      ['acct-finance@e2e.example.cn', 'finance'],
    ] as const) {
      await db.getRepository(UserRecord).insert({
        email,
        displayName: email,
        passwordHash: await hashPassword(PASSWORD),
        role,
        enterpriseId: null,
        supplierId: null,
        active: true,
      });
    }
  });

  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  const login = (email: string, password: string) =>
    request(app.getHttpServer()).post('/auth/login').send({ email, password });

  it('a user changes their own password: the current one is required, the old one stops working', async () => {
    const me = await signIn(app, 'acct-reviewer@e2e.example.cn', PASSWORD);
    const wrong = await me.post('/auth/password', {
      currentPassword: 'nope',
      newPassword: 'a brand new secret',
    });
    expect([wrong.status, wrong.body.code]).toEqual([422, 'WRONG_PASSWORD']);
    const short = await me.post('/auth/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.errors[0].field).toBe('newPassword');
    await me
      .post('/auth/password', { currentPassword: PASSWORD, newPassword: 'a brand new secret' })
      .expect(200);
    await login('acct-reviewer@e2e.example.cn', PASSWORD).expect(401);
    await login('acct-reviewer@e2e.example.cn', 'a brand new secret').expect(200);
  });

  it('an admin resets a password, audited', async () => {
    const admin = await signIn(app, 'acct-admin@e2e.example.cn', PASSWORD);
    const [{ id }] = await db.query(`SELECT id FROM users WHERE email = 'acct-finance@e2e.example.cn'`);
    await admin.put(`/admin/users/${id}/password`, { password: 'temporary password 1' }).expect(200);
    await login('acct-finance@e2e.example.cn', 'temporary password 1').expect(200);
    const [audit] = await db.query(
      `SELECT actor FROM audit_log WHERE action = 'user.password_reset' AND entity_id = $1`,
      [id],
    );
    expect(audit).toBeDefined();
    await admin
      .put('/admin/users/00000000-0000-4000-8000-000000000000/password', { password: 'whatever 12345' })
      .expect(404);
  });

  it('after 5 failed sign-ins in 15 minutes the account waits (429), even with the right password', async () => {
    for (let i = 0; i < 5; i++) await login('acct-admin@e2e.example.cn', `guess ${i}`).expect(401);
    const blocked = await login('acct-admin@e2e.example.cn', PASSWORD);
    expect([blocked.status, blocked.body.code]).toEqual([429, 'TOO_MANY_ATTEMPTS']);
    // Other accounts are not affected.
    await login('acct-finance@e2e.example.cn', 'temporary password 1').expect(200);
  });

  it('admin lists search by name, code or email (and a typed % is literal)', async () => {
    const finance = await signIn(app, 'acct-finance@e2e.example.cn', 'temporary password 1');
    await finance.get('/admin/users?q=finance').expect(403); // admin routes are the admin's
    await db.query(
      `INSERT INTO enterprises (name, credit_code, registration_region, independent_legal_person, industry,
         ai_direction_aligned, sound_financial_management, contact_email)
       VALUES ('北京百分百智能有限公司', '91110108MA01SRCH01', 'beijing', true, 'manufacturing', true, true, 'x@e2e.example.cn'),
              ('上海其他科技有限公司', '91310108MA01SRCH02', 'shanghai', true, 'manufacturing', true, true, 'y@e2e.example.cn')`,
    );
    // acct-admin is waiting out its failed sign-ins (previous test): a second administrator searches.
    await db.query(
      `INSERT INTO users (email, display_name, password_hash, role) VALUES ('acct-admin2@e2e.example.cn', 'a2', $1, 'admin')`,
      [await hashPassword(PASSWORD)],
    );
    const admin2 = await signIn(app, 'acct-admin2@e2e.example.cn', PASSWORD);
    const byName = await admin2.get(`/admin/enterprises?q=${encodeURIComponent('百分百')}`).expect(200);
    expect(byName.body.items.map((e: { creditCode: string }) => e.creditCode)).toEqual([
      '91110108MA01SRCH01',
    ]);
    const byCode = await admin2.get('/admin/enterprises?q=SRCH02').expect(200);
    expect(byCode.body.total).toBe(1);
    const percent = await admin2.get(`/admin/enterprises?q=${encodeURIComponent('%')}`).expect(200);
    expect(percent.body.total).toBe(0);
    const reviewers = await admin2.get('/admin/users?role=reviewer').expect(200);
    expect(reviewers.body.items.map((u: { email: string }) => u.email)).toEqual([
      'acct-reviewer@e2e.example.cn',
    ]);
    const one = await admin2.get(`/admin/enterprises/${byName.body.items[0].id}`).expect(200);
    expect(one.body.name).toBe('北京百分百智能有限公司');
    await admin2.get('/admin/users?role=king').expect(400);
    const bySupplierEmail = await admin2.get('/admin/suppliers?q=ops@local').expect(200);
    expect(bySupplierEmail.body.total).toBe(0);
    const [{ id: supplierId }] = await db.query(
      `INSERT INTO suppliers (code, name_zh, name_en, is_partner, service_kinds, contact_email)
       VALUES ('srch-gpu', '检索算力公司', 'Search GPU Co.', false, '{intelligent_compute}', 'ops@srch-gpu.example.cn') RETURNING id`,
    );
    expect((await admin2.get('/admin/suppliers?q=ops@srch').expect(200)).body.total).toBe(1);
    await admin2
      .post('/admin/related-parties', { enterpriseId: one.body.id, supplierId, description: '同一控股股东' })
      .expect(201);
    const links = await admin2
      .get(`/admin/related-parties?q=${encodeURIComponent('Search GPU')}`)
      .expect(200);
    expect(links.body.items).toMatchObject([
      { enterpriseName: '北京百分百智能有限公司', supplierName: '检索算力公司' },
    ]);
    expect(
      (await admin2.get(`/admin/related-parties?q=${encodeURIComponent('其他科技')}`).expect(200)).body.total,
    ).toBe(0);
  });
});
