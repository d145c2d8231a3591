import { startE2eStack, type E2eStack } from '../support/e2e-stack';
import {
  TRANSPORT_MAY_TO_OCTOBER,
  applicationBody,
  beijingTerms,
  createEnterprise,
} from '../support/fixtures';
import type { ApiSession } from '../support/http';
import { eventually } from '../support/wait';

/**
 * Reviewer ergonomics (ADR 0048) through the real API, worker, Temporal and PostgreSQL: one daily digest per
 * reviewer instead of a message per task, an idempotent claim, queue rows that tell applications apart, tab
 * counts, and the comment thread.
 */
describe('review ergonomics (real worker, Temporal, PostgreSQL)', () => {
  const TASKS = 3;
  let stack: E2eStack;
  let supplierId: string;
  let company: ApiSession;
  let reviewerA: ApiSession;
  let reviewerB: ApiSession;
  let reviewerIds: string[] = [];
  const appIds: string[] = [];

  beforeAll(async () => {
    stack = await startE2eStack('review-ergo');
    supplierId = stack.suppliers.get('baidu')!.id;
    await stack.setDate('2025-05-06');
    const enterprise = await createEnterprise(stack.db, { name: '同名科技有限公司' });
    company = await stack.user('ergo-company@e2e.example.cn', 'enterprise', { enterpriseId: enterprise.id });
    reviewerA = await stack.user('ergo-a@e2e.example.cn', 'reviewer');
    reviewerB = await stack.user('ergo-b@e2e.example.cn', 'reviewer');
    reviewerIds = (
      (await stack.db.query(`SELECT id FROM users WHERE role = 'reviewer'`)) as { id: string }[]
    ).map((r) => r.id);

    // One company, several applications: the rows must still be told apart.
    for (let i = 1; i <= TASKS; i += 1) {
      const terms = { ...TRANSPORT_MAY_TO_OCTOBER, amount: `${100000 * i}.00` };
      const res = await company.post(
        '/applications',
        applicationBody(beijingTerms(supplierId, `ERGO-${i}`, terms)),
      );
      expect(res.status).toBe(201);
      appIds.push(res.body.id);
    }
    await eventually(
      async () => {
        const [{ n }] = await stack.db.query(
          `SELECT count(*)::int AS n FROM review_tasks WHERE kind = 'review'`,
        );
        return n === TASKS ? n : undefined;
      },
      'a review task for each application',
      60_000,
    );
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('N new tasks make one digest per reviewer for the day, with the count, not N messages', async () => {
    const digests = await eventually(
      async () => {
        const rows: { recipient_user_id: string; subject: string; body: string }[] = await stack.db.query(
          `SELECT recipient_user_id, subject, body FROM notifications WHERE kind = 'review.digest'`,
        );
        return rows.length === reviewerIds.length && rows.every((r) => r.subject.includes(`${TASKS} `))
          ? rows
          : undefined;
      },
      `each reviewer's digest to count ${TASKS} tasks`,
      30_000,
    );
    expect(digests.map((d) => d.recipient_user_id).sort()).toEqual([...reviewerIds].sort());
    for (const d of digests) {
      expect(d.subject).toMatch(new RegExp(`新增审核任务 ${TASKS} 件`));
      expect(d.subject).toContain(`${TASKS} new review tasks`);
    }
    // No per-task message is left besides the digest.
    const [{ perTask }] = await stack.db.query(
      `SELECT count(*)::int AS "perTask" FROM notifications WHERE kind = 'application.task_opened'`,
    );
    expect(perTask).toBe(0);
    const inbox = await reviewerA.get('/inbox').expect(200);
    expect(inbox.body.unread).toBe(1);
    expect(inbox.body.items).toHaveLength(1);
  });

  it('claiming twice by the same reviewer answers 200 both times; another reviewer gets 409', async () => {
    const queue = await reviewerA.get('/review-tasks?view=unassigned').expect(200);
    const task = queue.body.items[0];
    const [first, second] = await Promise.all([
      reviewerA.post(`/review-tasks/${task.id}/claim`),
      reviewerA.post(`/review-tasks/${task.id}/claim`),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body.assigneeId).toBe(reviewerIds[0]);
    expect(second.body.assigneeId).toBe(reviewerIds[0]);
    const third = await reviewerA.post(`/review-tasks/${task.id}/claim`).expect(200);
    expect(third.body).toMatchObject({ id: task.id, assigneeId: reviewerIds[0], status: 'open' });
    const other = await reviewerB.post(`/review-tasks/${task.id}/claim`);
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('TASK_NOT_CLAIMABLE');
    // One claim recorded, however many clicks.
    const [{ claims }] = await stack.db.query(
      `SELECT count(*)::int AS claims FROM audit_log WHERE action = 'review_task.claimed' AND after->>'taskId' = $1`,
      [task.id],
    );
    expect(claims).toBe(1);
  });

  it('queue rows carry application no., contract no. and submission date; tabs carry counts', async () => {
    const queue = await reviewerB.get('/review-tasks?view=all').expect(200);
    expect(queue.body.items).toHaveLength(TASKS);
    for (const row of queue.body.items) {
      const [{ reference_no: number }] = await stack.db.query(
        `SELECT reference_no FROM applications WHERE id = $1`,
        [row.applicationId],
      );
      expect(row.applicationNumber).toBe(number);
      expect(number).toMatch(/^SQ\d{8}$/);
      expect(row.contractNumber).toMatch(/^ERGO-\d$/);
      expect(row.submittedOn).toEqual(expect.any(String));
    }
    expect(new Set(queue.body.items.map((r: { contractNumber: string }) => r.contractNumber)).size).toBe(
      TASKS,
    );

    const counts = await reviewerA.get('/review-tasks/counts').expect(200);
    expect(counts.body.all).toEqual({ count: TASKS, exact: true });
    expect(counts.body.mine).toEqual({ count: 1, exact: true });
    expect(counts.body.unassigned).toEqual({ count: TASKS - 1, exact: true });
    expect(counts.body.overdue).toEqual({ count: 0, exact: true });
    // The same filters as the list: a contract of another company matches nothing.
    const none = await reviewerA.get('/review-tasks/counts?enterprise=不存在的公司').expect(200);
    expect(none.body.all.count).toBe(0);
  });

  it('a comment goes into the thread (audited); bad input is refused field by field and changes nothing', async () => {
    const appId = appIds[0];
    const empty = await reviewerA.post(`/applications/${appId}/comments`, { body: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.errors.map((e: { field: string }) => e.field)).toContain('body');
    const tooLong = await reviewerA.post(`/applications/${appId}/comments`, { body: '长'.repeat(2001) });
    expect(tooLong.status).toBe(400);
    expect((await reviewerA.get(`/applications/${appId}/comments`).expect(200)).body).toEqual([]);

    const added = await reviewerA
      .post(`/applications/${appId}/comments`, { body: ' 合同金额与发票一致，建议通过。 ' })
      .expect(201);
    expect(added.body).toMatchObject({ body: '合同金额与发票一致，建议通过。', authorName: 'ergo-a' });
    await reviewerB.post(`/applications/${appId}/comments`, { body: '同意。' }).expect(201);
    const thread = await reviewerB.get(`/applications/${appId}/comments`).expect(200);
    expect(thread.body.map((c: { body: string }) => c.body)).toEqual([
      '合同金额与发票一致，建议通过。',
      '同意。',
    ]);
    const [{ audited }] = await stack.db.query(
      `SELECT count(*)::int AS audited FROM audit_log WHERE action = 'application.commented' AND entity_id = $1`,
      [appId],
    );
    expect(audited).toBe(2);
    // Not the enterprise's to read.
    await company.get(`/applications/${appId}/comments`).expect(403);
  });
});
