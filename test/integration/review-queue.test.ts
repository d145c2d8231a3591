import { DataSource } from 'typeorm';
import { QUEUE_TOTAL_CAP, SEARCH_TOTAL_CAP, queueStatements } from '../../apps/api/src/review/review.service';
import type { QueueQuery } from '../../apps/api/src/review/review.dto';
import { createContract, createEnterprise, openTestDataSource, seedReference } from '../support/fixtures';

/**
 * The queue's statements on real PostgreSQL (ADR 0037): a senior reviewer's two roles read separately and
 * merged in the chosen order, pages that continue without overlap, the total counted only to the cap.
 */
describe('review queue statements (real PostgreSQL)', () => {
  let db: DataSource;
  let enterpriseId: string;
  let applicationId: string;

  beforeAll(async () => {
    db = await openTestDataSource();
    const suppliers = await seedReference(db);
    const enterprise = await createEnterprise(db, { name: '队列测试科技有限公司' });
    enterpriseId = enterprise.id;
    const contract = await createContract(db, {
      enterpriseId,
      supplierId: suppliers.get('baidu')!.id,
      signedOn: '2025-03-01',
      startDate: '2025-04-01',
      endDate: '2025-12-31',
      lines: [{ serviceKind: 'intelligent_compute', amount: '100000.00' }],
    });
    [{ id: applicationId }] = (await db.query(
      `INSERT INTO applications (program_code, program_version, enterprise_id, contract_id, status, workflow_id, submitted_on)
       VALUES ('beijing-ai-compute-2023', 1, $1, $2, 'in_review', 'application:queue-test', '2025-03-05') RETURNING id`,
      [enterpriseId, contract.id],
    )) as { id: string }[];
    // 30 tasks over rounds: every third a second approval (senior reviewers only), due one hour apart.
    await db.query(
      `INSERT INTO review_tasks (application_id, program_code, kind, candidate_role, enterprise_id, enterprise_name,
                                 quoted_face_value, round, due_at)
       SELECT $1, 'beijing-ai-compute-2023',
              CASE WHEN r % 3 = 0 THEN 'second_approval' ELSE 'review' END,
              CASE WHEN r % 3 = 0 THEN 'senior_reviewer' ELSE 'reviewer' END,
              $2, '队列测试科技有限公司', 1000 * r, r, now() + r * interval '1 hour'
         FROM generate_series(1, 30) r`,
      [applicationId, enterpriseId],
    );
  });

  afterAll(async () => {
    await db?.destroy();
  });

  const base: QueueQuery = {
    view: 'all',
    status: 'open',
    sort: 'due_at',
    page: 1,
    pageSize: 8,
  } as QueueQuery;

  async function page(role: string, q: Partial<QueueQuery>) {
    const { countSql, pageSql, params } = queueStatements({ role, userId: null } as never, { ...base, ...q });
    const [[{ counted }], rows] = (await Promise.all([
      db.query(countSql, params),
      db.query(pageSql, params),
    ])) as [{ counted: number }[], { round: number; kind: string }[]];
    return { counted, rounds: rows.map((r) => r.round), kinds: new Set(rows.map((r) => r.kind)) };
  }

  it('a reviewer sees only first reviews; a senior reviewer both kinds, merged in due order', async () => {
    const reviewer = await page('reviewer', {});
    expect(reviewer.counted).toBe(20);
    expect(reviewer.kinds).toEqual(new Set(['review']));
    expect(reviewer.rounds).toEqual([1, 2, 4, 5, 7, 8, 10, 11]);

    const senior = await page('senior_reviewer', {});
    expect(senior.counted).toBe(30);
    expect(senior.rounds).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("pages continue without overlap across the senior's two reads, in every sort", async () => {
    const seen: number[] = [];
    for (const p of [1, 2, 3, 4]) seen.push(...(await page('senior_reviewer', { page: p })).rounds);
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const byAmountDesc = await page('senior_reviewer', { sort: '-amount', page: 2 });
    expect(byAmountDesc.rounds).toEqual([22, 21, 20, 19, 18, 17, 16, 15]);
  });

  it('the total is counted only up to the cap', async () => {
    expect(QUEUE_TOTAL_CAP).toBe(10_000);
    const { countSql } = queueStatements({ role: 'reviewer', userId: null } as never, base);
    expect(countSql).toContain(`LIMIT ${QUEUE_TOTAL_CAP + 1}`);
    const narrowed = await page('senior_reviewer', { enterprise: '测试科技', kind: 'second_approval' });
    expect(narrowed.counted).toBe(10);
  });

  it('one- and two-character searches read the name pieces: the same tasks as a pattern, any case', async () => {
    const statements = (enterprise: string) =>
      queueStatements({ role: 'reviewer', userId: null } as never, { ...base, enterprise });
    expect(statements('星河').countSql).toContain('enterprise_name_grams');
    expect(statements('星河').countSql).toContain(`LIMIT ${SEARCH_TOTAL_CAP + 1}`);
    expect(statements('星河算').countSql).toContain('ILIKE');
    await db.query(
      `INSERT INTO review_tasks (application_id, program_code, kind, candidate_role, enterprise_id, enterprise_name,
                                 quoted_face_value, round, due_at)
       SELECT $1, 'beijing-ai-compute-2023', 'review', 'reviewer', $2, 'AI星河算力有限公司', 1000, r,
              now() + r * interval '1 hour'
         FROM generate_series(101, 103) r`,
      [applicationId, enterpriseId],
    );
    try {
      const found = async (enterprise: string) =>
        (await page('reviewer', { enterprise, pageSize: 50 })).rounds;
      for (const q of ['星河', '河算', 'ai', 'Ai', 'I', '星河算力'])
        expect(await found(q)).toEqual([101, 102, 103]);
      expect(await found('河队')).toEqual([]);
      expect(await found('%')).toEqual([]);
      expect((await page('reviewer', { enterprise: '队列' })).counted).toBe(20);
      expect((await page('reviewer', { enterprise: '测' })).counted).toBe(20);
    } finally {
      await db.query(`DELETE FROM review_tasks WHERE application_id = $1 AND round > 100`, [applicationId]);
    }
  });
});
