import { apiSuite } from '../support/api-suite';
import type { ApiSession } from '../support/http';
import { seedQ2Claims } from '../support/redemption-fixtures';

/**
 * An enterprise's vouchers, settlements and claims, each page answered by one statement that also carries
 * the list's total: the totals, the pages, a page past the end and the amounts as the enterprise reads them.
 */
describe('enterprise lists: pages and totals (API + PostgreSQL)', () => {
  const N = 25;
  const api = apiSuite();
  let company: ApiSession;
  let enterpriseId: string;

  beforeAll(async () => {
    // Two enterprises: the lists must show only the caller's own.
    await seedQ2Claims(api.db, 2, N);
    [{ id: enterpriseId }] = await api.db.query(
      `SELECT id FROM enterprises ORDER BY credit_code DESC LIMIT 1`,
    );
    company = await api.user('lists@e2e.example.cn', 'enterprise', { enterpriseId });
  });

  it('GET /vouchers: first page of 20 newest first, the rest on page 2, none past the end, totals always', async () => {
    const one = await company.get('/vouchers').expect(200);
    expect(one.body).toMatchObject({ total: N, page: 1, pageSize: 20 });
    expect(one.body.items).toHaveLength(20);
    const two = await company.get('/vouchers?page=2').expect(200);
    expect(two.body).toMatchObject({ total: N, page: 2 });
    expect(two.body.items).toHaveLength(N - 20);
    const past = await company.get('/vouchers?page=3').expect(200);
    expect(past.body).toMatchObject({ items: [], total: N, page: 3 });

    const all = [...one.body.items, ...two.body.items];
    const expected: { id: string; face: string; redeemed: string; issued: string }[] = await api.db.query(
      `SELECT id, face_value::text AS face, redeemed_amount::text AS redeemed, issued_on::text AS issued
         FROM vouchers WHERE enterprise_id = $1 ORDER BY issued_on DESC, id`,
      [enterpriseId],
    );
    expect(all.map((v) => v.id)).toEqual(expected.map((v) => v.id));
    for (const [i, v] of all.entries()) {
      expect(v).toMatchObject({
        faceValue: expected[i].face,
        redeemedAmount: expected[i].redeemed,
        issuedOn: expected[i].issued,
        pendingPayout: '0.00',
      });
      expect(v.remaining).toMatch(/^\d+\.\d{2}$/);
      expect(v).not.toHaveProperty('total');
    }
  });

  it('GET /settlements and GET /claims: totals, pages, and each claim with its run', async () => {
    const settlements = await company.get('/settlements?pageSize=10&page=3').expect(200);
    expect(settlements.body).toMatchObject({ total: N, page: 3, pageSize: 10 });
    expect(settlements.body.items).toHaveLength(N - 20);
    for (const s of settlements.body.items) expect(s.claimId).toEqual(expect.any(String));

    const claims = await company.get('/claims?pageSize=200').expect(200);
    expect(claims.body.total).toBe(N);
    expect(claims.body.items).toHaveLength(N);
    const [first] = claims.body.items;
    const [row] = await api.db.query(
      `SELECT invoiced_eligible_amount::text AS amount, claimed_on::text AS claimed, status FROM redemption_claims WHERE id = $1`,
      [first.id],
    );
    expect(first).toMatchObject({
      run: { year: 2025, quarter: 2 },
      invoicedEligibleAmount: row.amount,
      claimedOn: row.claimed,
      status: row.status,
    });
    const past = await company.get('/claims?page=9').expect(200);
    expect(past.body).toMatchObject({ items: [], total: N });
  });
});
