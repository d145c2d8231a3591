import {
  Column,
  CreateDateColumn,
  Entity,
  OneToMany,
  ManyToOne,
  JoinColumn,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { Money } from '@app/domain';
import { moneyColumn } from '../transformers';

/** A compute service contract between an enterprise and a supplier. */
@Entity('contracts')
@Unique('uq_contract_number_per_supplier', ['supplierId', 'contractNumber'])
export class ContractRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @Column({ name: 'supplier_id', type: 'uuid' })
  supplierId!: string;

  @Column({ name: 'contract_number', type: 'varchar', length: 100 })
  contractNumber!: string;

  @Column({ name: 'signed_on', type: 'date' })
  signedOn!: string;

  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  @Column({ name: 'end_date', type: 'date' })
  endDate!: string;

  @Column({ name: 'total_amount', ...moneyColumn })
  totalAmount!: Money;

  @Column({ name: 'application_domain', type: 'varchar', length: 64 })
  applicationDomain!: string;

  @OneToMany(() => ContractLineRecord, (line) => line.contract, { cascade: ['insert'] })
  lines!: ContractLineRecord[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One priced line of a contract; only intelligent-compute lines count towards the voucher base. */
@Entity('contract_lines')
export class ContractLineRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'contract_id', type: 'uuid' })
  contractId!: string;

  @ManyToOne(() => ContractRecord, (c) => c.lines, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contract_id' })
  contract!: ContractRecord;

  @Column({ name: 'service_kind', type: 'varchar', length: 32 })
  serviceKind!: string;

  @Column({ ...moneyColumn })
  amount!: Money;

  @Column({ type: 'varchar', length: 300, default: '' })
  description!: string;
}
