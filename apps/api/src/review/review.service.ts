import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sameReviewerRefusal } from '@app/domain';
import { ReviewTaskRecord, appendAudit, rowsOf } from '@app/persistence';
import type { Principal } from '../auth/principal';
import { conflict, notFound } from '../common/errors';
import { likePattern } from '../common/sql';
import { WorkflowGateway } from '../common/workflow-gateway';
import { QUEUE_VIEWS, type DecisionDto, type QueueQuery } from './review.dto';

const SORTS: Record<string, string> = {
  due_at: 't.due_at ASC, t.created_at ASC',
  '-due_at': 't.due_at DESC, t.created_at DESC',
  amount: 't.quoted_face_value ASC NULLS FIRST, t.due_at ASC',
  '-amount': 't.quoted_face_value DESC NULLS LAST, t.due_at ASC',
  created_at: 't.created_at ASC',
  '-created_at': 't.created_at DESC',
};
const DUE_SOON_HOURS = 24;
/** Counting stops here: an exact count of a million rows costs more than the page itself (ADR 0037). */
export const QUEUE_TOTAL_CAP = 10_000;
/** …and sooner for an enterprise search: its matches are spread through the table, so each costs a visit. */
export const SEARCH_TOTAL_CAP = 1_000;

/** Which queues a role works: reviewers the first reviews, senior reviewers both. */
function rolesFor(me: Pick<Principal, 'role'>): string[] {
  return me.role === 'senior_reviewer' ? ['reviewer', 'senior_reviewer'] : ['reviewer'];
}

/**
 * The queue's two statements (ADR 0037). Each role's tasks are read with `candidate_role = $n` down the
 * index matching the sort, to the page's LIMIT (a senior reviewer's two roles are two such reads, UNION
 * ALL); the total is counted only up to the cap + 1 rows (QUEUE_TOTAL_CAP, SEARCH_TOTAL_CAP). Exported for scripts/bench-queue.ts.
 */
export function queueStatements(
  me: Pick<Principal, 'role' | 'userId'>,
  q: Pick<
    QueueQuery,
    | 'view'
    | 'kind'
    | 'status'
    | 'programCode'
    | 'enterprise'
    | 'minAmount'
    | 'maxAmount'
    | 'sort'
    | 'page'
    | 'pageSize'
  >,
): { countSql: string; pageSql: string; params: unknown[]; totalCap: number } {
  const where: string[] = ['t.status = $1'];
  const params: unknown[] = [q.status];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (q.kind) add('t.kind = ?', q.kind);
  if (q.programCode) add('t.program_code = ?', q.programCode);
  // One or two characters: the name's pieces (GIN); longer: the trigram index serves ILIKE.
  if (q.enterprise && [...q.enterprise].length <= 2)
    add('t.enterprise_name_grams @> ARRAY[lower(?)]', q.enterprise);
  else if (q.enterprise) add('t.enterprise_name ILIKE ?', likePattern(q.enterprise));
  if (q.minAmount) add('t.quoted_face_value >= ?', q.minAmount);
  if (q.maxAmount) add('t.quoted_face_value <= ?', q.maxAmount);
  if (q.view === 'unassigned') where.push('t.assignee_id IS NULL');
  if (q.view === 'mine') add('t.assignee_id = ?', me.userId);
  if (q.view === 'overdue') where.push('t.due_at < now()');
  if (q.view === 'due_soon')
    where.push(`t.due_at >= now() AND t.due_at < now() + interval '${DUE_SOON_HOURS} hours'`);
  const roles = rolesFor(me).map((role) => {
    params.push(role);
    return `t.candidate_role = $${params.length}`;
  });
  const whereSql = where.join(' AND ');
  const totalCap = q.enterprise ? SEARCH_TOTAL_CAP : QUEUE_TOTAL_CAP;
  const order = SORTS[q.sort] ?? SORTS.due_at;
  const offset = (q.page - 1) * q.pageSize;
  const perRole = (select: string, tail: string) =>
    roles
      .map((role) => `(SELECT ${select} FROM review_tasks t WHERE ${role} AND ${whereSql} ${tail})`)
      .join(' UNION ALL ');
  return {
    countSql: `SELECT count(*)::int AS counted FROM (${perRole('1', `LIMIT ${totalCap + 1}`)}) s`,
    pageSql: `SELECT t.id, t.application_id AS "applicationId", t.program_code AS "programCode", t.kind, t.status,
              t.round, t.assignee_id AS "assigneeId", u.display_name AS "assigneeName",
              t.excluded_user_id AS "excludedUserId", t.enterprise_id AS "enterpriseId",
              t.enterprise_name AS "enterpriseName", t.quoted_face_value::text AS "quotedFaceValue",
              t.due_at AS "dueAt", t.reminded_at AS "remindedAt", t.escalated_at AS "escalatedAt",
              t.created_at AS "createdAt", (t.due_at < now()) AS overdue,
              a.reference_no AS "applicationNumber", c.contract_number AS "contractNumber",
              a.submitted_on AS "submittedOn"
         FROM (${perRole('t.*', `ORDER BY ${order} LIMIT ${offset + q.pageSize}`)}) t
         LEFT JOIN users u ON u.id = t.assignee_id
         LEFT JOIN applications a ON a.id = t.application_id
         LEFT JOIN contracts c ON c.id = a.contract_id
        ORDER BY ${order}
       OFFSET ${offset} LIMIT ${q.pageSize}`,
    params,
    totalCap,
  };
}

@Injectable()
export class ReviewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly workflows: WorkflowGateway,
  ) {}

  /** The queue, straight from the read model in PostgreSQL (never from Temporal); see queueStatements. */
  async queue(me: Principal, q: QueueQuery) {
    const { countSql, pageSql, params, totalCap } = queueStatements(me, q);
    const [[{ counted }], rows] = await Promise.all([
      this.db.query(countSql, params) as Promise<{ counted: number }[]>,
      this.db.query(pageSql, params) as Promise<unknown[]>,
    ]);
    return {
      items: rows,
      total: Math.min(counted, totalCap),
      // false: more tasks than the cap match and `total` is a lower bound.
      totalExact: counted <= totalCap,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /**
   * The count on each tab of the queue, under the same filters as the list (each counted to the cap, as
   * the list's total is): five small counts, so the tabs tell a reviewer where the work is before a click.
   */
  async counts(me: Principal, q: QueueQuery) {
    const entries = await Promise.all(
      QUEUE_VIEWS.map(async (view) => {
        const { countSql, params, totalCap } = queueStatements(me, { ...q, view });
        const [{ counted }] = (await this.db.query(countSql, params)) as { counted: number }[];
        return [view, { count: Math.min(counted, totalCap), exact: counted <= totalCap }] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<
      (typeof QUEUE_VIEWS)[number],
      { count: number; exact: boolean }
    >;
  }

  assignees() {
    return this.db.query(
      `SELECT id, display_name AS "displayName", role FROM users
        WHERE active AND role IN ('reviewer', 'senior_reviewer') ORDER BY role, display_name`,
    );
  }

  /**
   * Takes an unassigned open task; a conditional UPDATE so two reviewers can never both hold it. Claiming
   * a task one already holds is a success that changes nothing (a double click on 领取 must not show a
   * failure for a claim that worked), so it answers the task and writes no second audit row.
   */
  async claim(me: Principal, id: string) {
    const task = await this.visibleTask(me, id);
    this.assertNotSameReviewer(task, me.userId);
    if (task.status === 'open' && task.assigneeId === me.userId) return task;
    const res = await this.db.query(
      `UPDATE review_tasks SET assignee_id = $2 WHERE id = $1 AND status = 'open' AND assignee_id IS NULL RETURNING id`,
      [id, me.userId],
    );
    if (!rowsOf(res).length) {
      // The two clicks may have raced: the other one won for this same reviewer.
      const now = await this.visibleTask(me, id);
      if (now.status === 'open' && now.assigneeId === me.userId) return now;
      conflict('TASK_NOT_CLAIMABLE', 'This task is already assigned or no longer open');
    }
    await this.audit(me, task, 'review_task.claimed', { assigneeId: me.userId });
    return this.visibleTask(me, id);
  }

  async release(me: Principal, id: string) {
    const task = await this.visibleTask(me, id);
    const mayReleaseOthers = me.role === 'senior_reviewer';
    const res = await this.db.query(
      `UPDATE review_tasks SET assignee_id = NULL
        WHERE id = $1 AND status = 'open' AND assignee_id IS NOT NULL AND ($3 OR assignee_id = $2) RETURNING id`,
      [id, me.userId, mayReleaseOthers],
    );
    if (!rowsOf(res).length)
      conflict(
        'TASK_NOT_RELEASABLE',
        'Only the assignee (or a senior reviewer) can release an assigned open task',
      );
    await this.audit(me, task, 'review_task.released', { previousAssigneeId: task.assigneeId });
    return this.visibleTask(me, id);
  }

  async assign(me: Principal, id: string, userId: string) {
    const task = await this.visibleTask(me, id);
    const [target] = await this.db.query(`SELECT id, role, active FROM users WHERE id = $1`, [userId]);
    const allowed = task.candidateRole === 'reviewer' ? ['reviewer', 'senior_reviewer'] : ['senior_reviewer'];
    if (!target || !target.active || !allowed.includes(target.role)) {
      conflict('ASSIGNEE_NOT_ELIGIBLE', 'That user cannot work this task');
    }
    this.assertNotSameReviewer(task, userId);
    const res = await this.db.query(
      `UPDATE review_tasks SET assignee_id = $2 WHERE id = $1 AND status = 'open' RETURNING id`,
      [id, userId],
    );
    if (!rowsOf(res).length) conflict('TASK_NOT_OPEN', 'This task is no longer open');
    await this.audit(me, task, 'review_task.assigned', {
      assigneeId: userId,
      previousAssigneeId: task.assigneeId,
    });
    return this.visibleTask(me, id);
  }

  /** The decision goes to the application workflow as an Update: its validator has the last word. */
  async decide(me: Principal, id: string, dto: DecisionDto) {
    const task = await this.visibleTask(me, id);
    if (task.status !== 'open') conflict('TASK_NOT_OPEN', 'This task is no longer open');
    this.assertNotSameReviewer(task, me.userId);
    if (task.assigneeId !== me.userId)
      conflict('TASK_NOT_ASSIGNED_TO_YOU', 'Claim the task before deciding it');
    const result = await this.workflows.decide(task.applicationId, {
      taskId: task.id,
      reviewerId: me.userId,
      decision: dto.decision,
      reason: dto.reason ?? null,
    });
    return { taskId: task.id, applicationId: task.applicationId, decision: dto.decision, ...result };
  }

  /** The four-eyes rule (the domain's, also applied by the workflow and where the decision is recorded). */
  private assertNotSameReviewer(task: ReviewTaskRecord, userId: string): void {
    const refusal = sameReviewerRefusal(task, userId);
    if (refusal) conflict(refusal.code, `${refusal.message.en} (${refusal.message.zh})`);
  }

  private async visibleTask(me: Principal, id: string): Promise<ReviewTaskRecord> {
    const task = await this.db.getRepository(ReviewTaskRecord).findOneBy({ id });
    if (!task || !rolesFor(me).includes(task.candidateRole)) notFound('review task');
    return task;
  }

  private audit(me: Principal, task: ReviewTaskRecord, action: string, after: object) {
    return appendAudit(this.db.manager, me.userId, action, ['application', task.applicationId], {
      after: { taskId: task.id, ...after },
    });
  }
}
