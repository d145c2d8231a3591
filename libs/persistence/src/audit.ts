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

/** What an audited step changed: the entity's relevant fields before and after it. */
export interface AuditChange {
  before?: object | null;
  after?: object | null;
}

/**
 * Appends one audit row inside the caller's transaction, so the fact and its audit commit together:
 * `appendAudit(tx, actor, 'voucher.issued', ['voucher', id], { before, after })`. (The one-object form is
 * the earlier spelling of the same row.)
 */
export async function appendAudit(
  em: EntityManager,
  actor: string,
  action: string,
  entity: readonly [entityType: string, entityId: string],
  change?: AuditChange,
): Promise<void>;
export async function appendAudit(em: EntityManager, entry: AuditEntry): Promise<void>;
export async function appendAudit(
  em: EntityManager,
  actorOrEntry: string | AuditEntry,
  action?: string,
  entity?: readonly [string, string],
  change: AuditChange = {},
): Promise<void> {
  const entry: AuditEntry =
    typeof actorOrEntry === 'string'
      ? { actor: actorOrEntry, action: action!, entityType: entity![0], entityId: entity![1], ...change }
      : actorOrEntry;
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
