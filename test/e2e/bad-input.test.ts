import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRecord, hashPassword } from '@app/persistence';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { createEnterprise, openTestDataSource, seedReference } from '../support/fixtures';
import { signIn, type ApiSession } from '../support/http';

/** Bad input gets a 4xx naming each field, and leaves no row behind. */
describe('bad input at the API edge', () => {
  const PASSWORD = 'correct horse battery staple';
  let db: DataSource;
  let app: INestApplication;
  let company: ApiSession;
  let supplierId: string;

  const counts = async () => {
    const [row] = await db.query(
      `SELECT (SELECT count(*) FROM contracts)::int AS contracts, (SELECT count(*) FROM applications)::int AS applications,
              (SELECT count(*) FROM contract_lines)::int AS lines`,
    );
    return row;
  };

  beforeAll(async () => {
    db = await openTestDataSource();
    const suppliers = await seedReference(db);
    supplierId = suppliers.get('baidu')!.id;
    app = await createApiApp();
    await app.init();
    const enterprise = await createEnterprise(db);
    await db.getRepository(UserRecord).insert({
      email: 'bad-input@e2e.example.cn',
      displayName: 'bad input',
      passwordHash: await hashPassword(PASSWORD),
      role: 'enterprise',
      enterpriseId: enterprise.id,
      supplierId: null,
      active: true,
    });
    company = await signIn(app, 'bad-input@e2e.example.cn', PASSWORD);
  });

  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  const valid = () => ({
    supplierId,
    contractNumber: 'BAD-1',
    signedOn: '2025-03-01',
    startDate: '2025-03-01',
    endDate: '2025-12-31',
    applicationDomain: 'education',
    lines: [{ serviceKind: 'intelligent_compute', amount: '1000.00' }],
  });

  it.each([
    [
      'a float-looking amount with three decimals',
      { lines: [{ serviceKind: 'intelligent_compute', amount: '1000.001' }] },
      'lines.0.amount',
    ],
    [
      'a numeric (not string) amount',
      { lines: [{ serviceKind: 'intelligent_compute', amount: 1000 }] },
      'lines.0.amount',
    ],
    [
      'a negative amount',
      { lines: [{ serviceKind: 'intelligent_compute', amount: '-5.00' }] },
      'lines.0.amount',
    ],
    [
      'an amount above the bound',
      { lines: [{ serviceKind: 'intelligent_compute', amount: '99999999999.00' }] },
      'lines.0.amount',
    ],
    ['an impossible date', { signedOn: '2025-02-30' }, 'signedOn'],
    ['a non-ISO date', { startDate: '01/03/2025' }, 'startDate'],
    ['an end before the start', { endDate: '2025-02-28' }, 'endDate'],
    ['an unknown service kind', { lines: [{ serviceKind: 'gpu', amount: '1.00' }] }, 'lines.0.serviceKind'],
    ['no contract lines', { lines: [] }, 'lines'],
    ['a supplier id that is not a UUID', { supplierId: 'baidu' }, 'supplierId'],
    ['an unknown field', { discount: '0.5' }, 'discount'],
  ])('refuses %s field by field and writes nothing', async (_what, change, field) => {
    const before = await counts();
    const res = await company.post('/applications', { ...valid(), ...change });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it('refuses an unknown supplier with 422 naming the field, and writes nothing', async () => {
    const before = await counts();
    const res = await company.post('/applications', {
      ...valid(),
      supplierId: '00000000-0000-4000-8000-000000000000',
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'UNKNOWN_SUPPLIER', errors: [{ field: 'supplierId' }] });
    expect(await counts()).toEqual(before);
  });

  it('refuses an oversized body with 413 before any handler runs', async () => {
    const before = await counts();
    const huge = {
      ...valid(),
      lines: [{ serviceKind: 'intelligent_compute', amount: '1.00', description: 'x'.repeat(300_000) }],
    };
    const res = await company.post('/applications', huge);
    expect(res.status).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it('refuses a malformed id in the path with 400', async () => {
    await company.get('/applications/not-a-uuid').expect(400);
  });

  it('refuses a wrong password without saying whether the account exists', async () => {
    const a = await request(app.getHttpServer())
      .post('/auth/login')
      .send({ email: 'bad-input@e2e.example.cn', password: 'nope' });
    const b = await request(app.getHttpServer())
      .post('/auth/login')
      .send({ email: 'nobody@e2e.example.cn', password: 'nope' });
    expect([a.status, b.status]).toEqual([401, 401]);
    expect(a.body.message).toBe(b.body.message);
  });
});
