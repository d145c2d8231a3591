import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Money } from '@app/domain';
import { moneyColumn } from '../transformers';

/** A delivered, invoiced part of a contract, confirmed by the contract's own supplier. */
@Entity('settlements')
export class SettlementRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'contract_id', type: 'uuid' })
  contractId!: string;

  @Column({ name: 'supplier_id', type: 'uuid' })
  supplierId!: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @Column({ name: 'period_start', type: 'date' })
  periodStart!: string;

  @Column({ name: 'period_end', type: 'date' })
  periodEnd!: string;

  @Column({ ...moneyColumn })
  amount!: Money;

  @Column({ name: 'invoice_number', type: 'varchar', length: 64 })
  invoiceNumber!: string;

  @Column({ name: 'invoice_date', type: 'date' })
  invoiceDate!: string;

  @Column({ name: 'confirmed_by', type: 'uuid' })
  confirmedBy!: string;

  @CreateDateColumn({ name: 'confirmed_at', type: 'timestamptz' })
  confirmedAt!: Date;
}

export type ClaimStatus = 'pending' | 'computed' | 'paid' | 'cancelled';

/** An enterprise's redemption claim against one confirmed settlement, assigned to its redemption run. */
@Entity('redemption_claims')
export class RedemptionClaimRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'voucher_id', type: 'uuid' })
  voucherId!: string;

  @Column({ name: 'settlement_id', type: 'uuid', unique: true })
  settlementId!: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @Column({ name: 'program_code', type: 'varchar', length: 64 })
  programCode!: string;

  @Column({ name: 'claimed_on', type: 'date' })
  claimedOn!: string;

  @Column({ name: 'delivered_on', type: 'date' })
  deliveredOn!: string;

  @Column({ name: 'invoiced_eligible_amount', ...moneyColumn })
  invoicedEligibleAmount!: Money;

  @Column({ name: 'run_year', type: 'int' })
  runYear!: number;

  @Column({ name: 'run_quarter', type: 'int' })
  runQuarter!: number;

  @Column({ name: 'rolled_over', type: 'boolean' })
  rolledOver!: boolean;

  @Column({ name: 'assignment_reason', type: 'varchar', length: 32 })
  assignmentReason!: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: ClaimStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

export type RedemptionRunStatus =
  'gathering' | 'computing' | 'awaiting_approval' | 'disbursing' | 'completed' | 'cancelled';

/** One quarterly redemption run of a program (unique per program, year and quarter). */
@Entity('redemption_runs')
export class RedemptionRunRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'program_code', type: 'varchar', length: 64 })
  programCode!: string;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'int' })
  quarter!: number;

  @Column({ name: 'run_date', type: 'date' })
  runDate!: string;

  @Column({ type: 'varchar', length: 24, default: 'gathering' })
  status!: RedemptionRunStatus;

  @Column({ name: 'claim_count', type: 'int', default: 0 })
  claimCount!: number;

  @Column({ name: 'total_payout', ...moneyColumn, default: '0' })
  totalPayout!: Money;

  @Column({ name: 'paid_count', type: 'int', default: 0 })
  paidCount!: number;

  @Column({ name: 'paid_total', ...moneyColumn, default: '0' })
  paidTotal!: Money;

  @Column({ name: 'workflow_id', type: 'varchar', length: 200 })
  workflowId!: string;

  /** The finance user who started the run by hand; null when the schedule started it (ADR 0045). */
  @Column({ name: 'started_by', type: 'uuid', nullable: true })
  startedBy!: string | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'approved_by', type: 'uuid', nullable: true })
  approvedBy!: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ name: 'computed_at', type: 'timestamptz', nullable: true })
  computedAt!: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  report!: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One payout per claim; the idempotency key travels to the payment adapter. */
@Entity('payouts')
export class PayoutRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'run_id', type: 'uuid' })
  runId!: string;

  @Column({ name: 'claim_id', type: 'uuid', unique: true })
  claimId!: string;

  @Column({ name: 'voucher_id', type: 'uuid' })
  voucherId!: string;

  @Column({ name: 'program_code', type: 'varchar', length: 64 })
  programCode!: string;

  /** The voucher's program version: the rules the payout was computed under. */
  @Column({ name: 'program_version', type: 'int' })
  programVersion!: number;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @Column({ name: 'supplier_id', type: 'uuid' })
  supplierId!: string;

  @Column({ ...moneyColumn })
  amount!: Money;

  @Column({ name: 'uncapped_amount', ...moneyColumn })
  uncappedAmount!: Money;

  @Column({ name: 'limited_by_balance', type: 'boolean' })
  limitedByBalance!: boolean;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 100, unique: true })
  idempotencyKey!: string;

  @Column({ type: 'varchar', length: 16, default: 'computed' })
  status!: 'computed' | 'paid' | 'skipped';

  @Column({ name: 'bank_reference', type: 'varchar', length: 100, nullable: true })
  bankReference!: string | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
