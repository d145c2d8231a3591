import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Money } from '@app/domain';
import { moneyColumn } from '../transformers';

export type DirectPaymentKind = 'round_award' | 'supplier_subsidy' | 'grant' | 'supplier_redemption';

/**
 * A payment made outside the quarterly runs: a ranked round's award after public notice, a supplier
 * subsidy, an automatic grant, a supplier's redemption of deductions. One per (kind, source row), created
 * 'approved' when finance approves it and marked 'paid' once the bank has it (one idempotency key each).
 */
@Entity('direct_payments')
export class DirectPaymentRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'program_code', type: 'varchar', length: 64 })
  programCode!: string;

  @Column({ name: 'program_version', type: 'int' })
  programVersion!: number;

  @Column({ type: 'varchar', length: 32 })
  kind!: DirectPaymentKind;

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId!: string;

  @Column({ name: 'payee_kind', type: 'varchar', length: 16 })
  payeeKind!: 'enterprise' | 'supplier';

  @Column({ name: 'payee_id', type: 'uuid' })
  payeeId!: string;

  @Column({ ...moneyColumn })
  amount!: Money;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 100, unique: true })
  idempotencyKey!: string;

  @Column({ type: 'varchar', length: 16, default: 'approved' })
  status!: 'approved' | 'paid';

  @Column({ name: 'approved_by', type: 'uuid' })
  approvedBy!: string;

  @Column({ name: 'approved_at', type: 'timestamptz' })
  approvedAt!: Date;

  @Column({ name: 'bank_reference', type: 'varchar', length: 100, nullable: true })
  bankReference!: string | null;

  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
