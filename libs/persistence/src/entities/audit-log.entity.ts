import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only: a trigger in the migration refuses UPDATE and DELETE. One row per decision and per money
 * movement: who, what, when (UTC), before and after.
 */
@Entity('audit_log')
export class AuditLogRecord {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  /** A user id, or 'system:<component>' for workflow-driven steps. */
  @Column({ type: 'varchar', length: 100 })
  actor!: string;

  @Column({ type: 'varchar', length: 100 })
  action!: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 64 })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 100 })
  entityId!: string;

  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: Record<string, unknown> | null;
}
