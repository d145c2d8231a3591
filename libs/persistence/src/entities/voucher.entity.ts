import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Money } from '@app/domain';
import { moneyColumn } from '../transformers';

export type VoucherStatus = 'active' | 'exhausted' | 'expired' | 'withdrawn';

/** An issued voucher: exactly one per application (unique application_id keeps issuance idempotent). */
@Entity('vouchers')
export class VoucherRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'application_id', type: 'uuid', unique: true })
  applicationId!: string;

  @Column({ name: 'program_code', type: 'varchar', length: 64 })
  programCode!: string;

  /** The program version this was decided under (program_versions; immutable). */
  @Column({ name: 'program_version', type: 'int' })
  programVersion!: number;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @Column({ name: 'contract_id', type: 'uuid' })
  contractId!: string;

  @Column({ name: 'face_value', ...moneyColumn })
  faceValue!: Money;

  /** Σ payouts made against this voucher; a CHECK keeps it within the face value. */
  @Column({ name: 'redeemed_amount', ...moneyColumn, default: '0' })
  redeemedAmount!: Money;

  /** The calendar year whose yearly cap this voucher used (its issuance year). */
  @Column({ name: 'cap_year', type: 'int' })
  capYear!: number;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status!: VoucherStatus;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** Per enterprise, program and calendar year: face value issued against the yearly cap. */
@Entity('yearly_cap_ledger')
export class YearlyCapLedgerRecord {
  @PrimaryColumn({ name: 'program_code', type: 'varchar', length: 64 })
  programCode!: string;

  @PrimaryColumn({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ ...moneyColumn })
  cap!: Money;

  @Column({ ...moneyColumn, default: '0' })
  issued!: Money;
}
