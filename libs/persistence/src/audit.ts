import type { EntityManager } from 'typeorm';

export interface AuditEntry {
  /** A user id, or 'system:<component>' for workflow-driven steps. */
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  before?: object | null;
  after?: object | null;
}

/** Appends one audit row inside the caller's transaction, so the fact and its audit commit together. */
export async function appendAudit(em: EntityManager, entry: AuditEntry): Promise<void> {
  await em.query(
    `INSERT INTO audit_log (actor, action, entity_type, entity_id, before, after) VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      entry.actor,
      entry.action,
      entry.entityType,
      entry.entityId,
      entry.before == null ? null : JSON.stringify(entry.before),
      entry.after == null ? null : JSON.stringify(entry.after),
    ],
  );
}
