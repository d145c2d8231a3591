import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Money } from '@app/domain';
import { moneyColumn } from '../transformers';

/**
 * Supervision (ADR 0027). Writes go through conditional SQL in apps/api/src/supervision (one transaction
 * per step, audited); these entities map the rows for reading.
 */
@Entity('supervision_findings')
export class SupervisionFindingRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'application_id', type: 'uuid', unique: true })
  applicationId!: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @Column({ name: 'program_code', type: 'varchar', length: 64 })
  programCode!: string;

  @Column({ name: 'authority_code', type: 'varchar', length: 64 })
  authorityCode!: string;

  @Column({ name: 'voucher_id', type: 'uuid', nullable: true })
  voucherId!: string | null;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'found_on', type: 'date' })
  foundOn!: string;

  @Column({ type: 'varchar', length: 16, default: 'upheld' })
  status!: 'upheld' | 'overturned';

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

@Entity('clawback_receivables')
export class ClawbackReceivableRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'finding_id', type: 'uuid', unique: true })
  findingId!: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @Column({ name: 'program_code', type: 'varchar', length: 64 })
  programCode!: string;

  @Column({ ...moneyColumn })
  principal!: Money;

  @Column({ ...moneyColumn })
  repaid!: Money;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status!: 'open' | 'repaid' | 'written_off' | 'cancelled';

  @Column({ name: 'opened_on', type: 'date' })
  openedOn!: string;

  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn!: string | null;

  @Column({ name: 'close_reason', type: 'text', nullable: true })
  closeReason!: string | null;

  @Column({ name: 'reminders_sent', type: 'int', default: 0 })
  remindersSent!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

@Entity('debarments')
export class DebarmentRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @Column({ name: 'authority_code', type: 'varchar', length: 64 })
  authorityCode!: string;

  @Column({ name: 'finding_id', type: 'uuid', unique: true })
  findingId!: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'lifted_on', type: 'date', nullable: true })
  liftedOn!: string | null;

  @Column({ name: 'lifted_by', type: 'uuid', nullable: true })
  liftedBy!: string | null;

  @Column({ name: 'lift_reason', type: 'text', nullable: true })
  liftReason!: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

export const SUPERVISION_ENTITIES = [SupervisionFindingRecord, ClawbackReceivableRecord, DebarmentRecord];
