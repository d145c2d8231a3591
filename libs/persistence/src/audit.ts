import type { EntityManager } from 'typeorm';

/** What an audited step changed: the entity's relevant fields before and after it. */
export interface AuditChange {
  before?: object | null;
  after?: object | null;
}

/**
 * Appends one audit row inside the caller's transaction, so the fact and its audit commit together.
 * `actor` is a user id, or 'system:<component>' for workflow-driven steps; `entity` is [type, id].
 */
export async function appendAudit(
  em: EntityManager,
  actor: string,
  action: string,
  [entityType, entityId]: readonly [entityType: string, entityId: string],
  { before, after }: AuditChange = {},
): Promise<void> {
  await em.query(
    `INSERT INTO audit_log (actor, action, entity_type, entity_id, before, after) VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      actor,
      action,
      entityType,
      entityId,
      before == null ? null : JSON.stringify(before),
      after == null ? null : JSON.stringify(after),
    ],
  );
}

/**
 * The trails the entity pages show, and the rows about the entities that hang off each, found by a key
 * inside `after`. Each pair here has its partial index (migration AuditTrailIndexes): a trail never reads
 * the whole log.
 */
export const AUDIT_TRAILS = {
  application: { types: ['voucher'], key: 'applicationId' },
  pool_application: { types: ['pool_voucher'], key: 'applicationId' },
  supervision_finding: {
    types: ['clawback_receivable', 'debarment', 'supervision_appeal'],
    key: 'findingId',
  },
} as const satisfies Record<string, { types: readonly string[]; key: string }>;

/**
 * One entity's trail, oldest first, with who did each step: $1 is the entity's id. `entityType` adds the
 * row's own entity type (for pages that tell the related rows apart).
 */
export function auditTrailSql(entity: keyof typeof AUDIT_TRAILS, { entityType = false } = {}): string {
  const { types, key } = AUDIT_TRAILS[entity];
  const related = types.map((t) => `'${t}'`).join(', ');
  return `SELECT a.at, a.actor, u.display_name AS "actorName", a.action,${
    entityType ? ' a.entity_type AS "entityType", a.after' : ' a.before, a.after'
  }
           FROM audit_log a LEFT JOIN users u ON u.id::text = a.actor
          WHERE (a.entity_type = '${entity}' AND a.entity_id = $1)
             OR (a.entity_type IN (${related}) AND a.after->>'${key}' = $1)
          ORDER BY a.id`;
}
