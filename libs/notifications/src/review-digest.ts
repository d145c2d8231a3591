import type { EntityManager } from 'typeorm';
import { reviewTaskDigest } from './templates';
import { renderBody, renderSubject } from './notifier';

export interface ReviewDigestResult {
  /** Reviewers whose digest for the day was written or rewritten. */
  recipients: number;
  /** The day's new tasks the digest now counts. */
  count: number;
  /** The Beijing calendar day, YYYY-MM-DD. */
  day: string;
}

/**
 * Writes (or rewrites) each reviewer's digest of the day's new tasks (ADR 0048): one inbox row per
 * reviewer per Beijing day, keyed `review-digest:<kind>:<day>:<user>`, whose count is recounted from
 * review_tasks each time, so a retried or repeated call writes the same row with the same count. A new task
 * marks the digest unread again and moves it to the top. The day is the task's own creation day, not the
 * clock's, so a late retry still lands on the right day. No email address is stored, so nothing mails it:
 * the digest lives in the inbox (reminders and escalations still email).
 */
export async function upsertReviewDigest(
  em: EntityManager,
  task: { kind: 'review' | 'second_approval'; createdAt: Date },
): Promise<ReviewDigestResult> {
  const role = task.kind === 'second_approval' ? 'senior_reviewer' : 'reviewer';
  const [{ day, count }] = (await em.query(
    `WITH d AS (SELECT ($2::timestamptz AT TIME ZONE 'Asia/Shanghai')::date AS day)
     SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
            (SELECT count(*)::int FROM review_tasks t
              WHERE t.kind = $1
                AND t.created_at >= (d.day::timestamp AT TIME ZONE 'Asia/Shanghai')
                AND t.created_at < ((d.day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')) AS count
       FROM d`,
    [task.kind, task.createdAt],
  )) as { day: string; count: number }[];
  const msg = reviewTaskDigest({ day, count, kind: task.kind });
  const rows = (await em.query(
    `INSERT INTO notifications (dedupe_key, recipient_user_id, kind, subject, body, entity_type, entity_id)
     SELECT 'review-digest:' || $1 || ':' || $2 || ':' || u.id, u.id, 'review.digest', $3, $4, 'review_digest', $2
       FROM users u WHERE u.role = $5 AND u.active
     ON CONFLICT (dedupe_key) DO UPDATE
       SET subject = EXCLUDED.subject, body = EXCLUDED.body,
           read_at = CASE WHEN notifications.body = EXCLUDED.body THEN notifications.read_at END,
           created_at = CASE WHEN notifications.body = EXCLUDED.body THEN notifications.created_at ELSE now() END
     RETURNING id`,
    [task.kind, day, renderSubject(msg), renderBody(msg), role],
  )) as { id: string }[];
  return { recipients: rows.length, count, day };
}
