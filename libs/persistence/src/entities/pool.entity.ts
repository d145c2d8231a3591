import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Money } from '@app/domain';
import { moneyColumn } from '../transformers';

/**
 * The first-come pool (Chengdu 普惠算力券). Writes that take slots or money go through conditional SQL in
 * activities/pool*.ts and apps/api/src/pool; these entities map the rows for reading.
 */

/** One per program and year: the year's slots, how many are held (holding or issued) and issued. */
@Entity('pool_years')
export class PoolYearRecord {
  @PrimaryColumn({ name: 'program_code', type: 'varchar', length: 64 })
  programCode!: string;

  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ type: 'int' })
  slots!: number;

  @Column({ type: 'int', default: 0 })
  held!: number;

  @Column({ type: 'int', default: 0 })
  issued!: number;

  /** Applications on the waitlist (a new one's position is this count, read under the row's lock). */
  @Column({ type: 'int', default: 0 })
  waiting!: number;

  @Column({ type: 'int', default: 0 })
  received!: number;
}

export const POOL_APPLICATION_STATUSES = ['holding', 'waitlisted', 'issued', 'refused'] as const;
export type PoolApplicationStatus = (typeof POOL_APPLICATION_STATUSES)[number];

/** A unit's application to the pool (no contract): one per unit, program and year, in receipt order. */
@Entity('pool_applications')
export class PoolApplicationRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'program_code', type: 'varchar', length: 64 })
  programCode!: string;

  @Column({ name: 'program_version', type: 'int' })
  programVersion!: number;

  @Column({ type: 'int' })
  year!: number;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  /** The server's receipt order (a database sequence drawn under the pool row's lock). */
  @Column({ name: 'receipt_no', type: 'bigint' })
  receiptNo!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: PoolApplicationStatus;

  @Column({ name: 'submitted_on', type: 'date' })
  submittedOn!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'submitted_by', type: 'uuid' })
  submittedBy!: string;

  @Column({ name: 'eligibility_results', type: 'jsonb', nullable: true })
  eligibilityResults!: unknown;

  @Column({ name: 'promoted_at', type: 'timestamptz', nullable: true })
  promotedAt!: Date | null;

  /** The refused application whose slot passed to this one. */
  @Column({ name: 'promoted_from', type: 'uuid', nullable: true })
  promotedFrom!: string | null;

  @Column({ name: 'refusal_code', type: 'varchar', length: 64, nullable: true })
  refusalCode!: string | null;

  @Column({ name: 'refusal_reason', type: 'text', nullable: true })
  refusalReason!: string | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'workflow_id', type: 'varchar', length: 200, nullable: true })
  workflowId!: string | null;
}

/** A 普惠 voucher: fixed face value, valid in the calendar year issued, deducted at listed suppliers. */
@Entity('pool_vouchers')
export class PoolVoucherRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'voucher_no', type: 'varchar', length: 32, unique: true })
  voucherNo!: string;

  @Column({ name: 'application_id', type: 'uuid', unique: true })
  applicationId!: string;

  @Column({ name: 'program_code', type: 'varchar', length: 64 })
  programCode!: string;

  @Column({ name: 'program_version', type: 'int' })
  programVersion!: number;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @Column({ name: 'face_value', ...moneyColumn })
  faceValue!: Money;

  /** Σ deductions recorded against it; a CHECK keeps it within the face value. */
  @Column({ ...moneyColumn, default: '0' })
  deducted!: Money;

  @Column({ name: 'valid_year', type: 'int' })
  validYear!: number;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn!: string;

  @Column({ name: 'issued_by', type: 'uuid' })
  issuedBy!: string;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status!: 'active' | 'exhausted' | 'withdrawn';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A voucher presented at a listed supplier: what it took off one actual payment. */
@Entity('pool_deductions')
export class PoolDeductionRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'voucher_id', type: 'uuid' })
  voucherId!: string;

  @Column({ name: 'supplier_id', type: 'uuid' })
  supplierId!: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @Column({ name: 'program_code', type: 'varchar', length: 64 })
  programCode!: string;

  @Column({ name: 'program_version', type: 'int' })
  programVersion!: number;

  @Column({ name: 'payment_reference', type: 'varchar', length: 64 })
  paymentReference!: string;

  @Column({ name: 'payment_amount', ...moneyColumn })
  paymentAmount!: Money;

  @Column({ ...moneyColumn })
  amount!: Money;

  @Column({ name: 'share_limit', ...moneyColumn })
  shareLimit!: Money;

  @Column({ name: 'limited_by', type: 'varchar', length: 32 })
  limitedBy!: 'share-of-payment' | 'remaining-face-value';

  @Column({ name: 'paid_on', type: 'date' })
  paidOn!: string;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}

export type PoolRedemptionStatus = 'draft' | 'submitted' | 'approved' | 'refused' | 'paid';

/** The supplier's claim for one deduction, verified by the bureau and paid to the supplier directly. */
@Entity('pool_redemptions')
export class PoolRedemptionRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'deduction_id', type: 'uuid' })
  deductionId!: string;

  @Column({ name: 'supplier_id', type: 'uuid' })
  supplierId!: string;

  @Column({ name: 'program_code', type: 'varchar', length: 64 })
  programCode!: string;

  @Column({ name: 'program_version', type: 'int' })
  programVersion!: number;

  @Column({ ...moneyColumn })
  amount!: Money;

  @Column({ type: 'varchar', length: 16 })
  status!: PoolRedemptionStatus;

  @Column({ name: 'workflow_id', type: 'varchar', length: 200, nullable: true })
  workflowId!: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'refusal_reason', type: 'text', nullable: true })
  refusalReason!: string | null;

  @Column({ name: 'direct_payment_id', type: 'uuid', nullable: true })
  directPaymentId!: string | null;

  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt!: Date | null;
}

/** A file a unit (application) or supplier (redemption) uploaded, under the program's material code. */
@Entity('pool_materials')
export class PoolMaterialRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'owner_kind', type: 'varchar', length: 16 })
  ownerKind!: 'application' | 'redemption';

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'varchar', length: 255 })
  filename!: string;

  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType!: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes!: number;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'bytea', select: false })
  content!: Buffer;

  @Column({ name: 'uploaded_by', type: 'uuid' })
  uploadedBy!: string;

  @Column({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt!: Date;
}

export const POOL_ENTITIES = [
  PoolYearRecord,
  PoolApplicationRecord,
  PoolVoucherRecord,
  PoolDeductionRecord,
  PoolRedemptionRecord,
  PoolMaterialRecord,
];
