import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** An applicant company with the registry facts the eligibility rules read. */
@Entity('enterprises')
export class EnterpriseRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** 统一社会信用代码 (18 characters). */
  @Column({ name: 'credit_code', type: 'varchar', length: 18, unique: true })
  creditCode!: string;

  @Column({ name: 'registration_region', type: 'varchar', length: 64 })
  registrationRegion!: string;

  @Column({ name: 'independent_legal_person', type: 'boolean' })
  independentLegalPerson!: boolean;

  @Column({ type: 'varchar', length: 64 })
  industry!: string;

  @Column({ name: 'ai_direction_aligned', type: 'boolean' })
  aiDirectionAligned!: boolean;

  @Column({ name: 'sound_financial_management', type: 'boolean' })
  soundFinancialManagement!: boolean;

  @Column({ name: 'last_dishonesty_record_date', type: 'date', nullable: true })
  lastDishonestyRecordDate!: string | null;

  @Column({ name: 'receives_other_municipal_compute_subsidy', type: 'boolean', default: false })
  receivesOtherMunicipalComputeSubsidy!: boolean;

  @Column({ name: 'contact_email', type: 'varchar', length: 200 })
  contactEmail!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
