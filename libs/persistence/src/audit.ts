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
