import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { ApplicationStatus, Money, RuleResult } from '@app/domain';
import { moneyColumn } from '../transformers';

// The statuses and the phase → status map live in the domain; the application workflow is their author.
export { APPLICATION_STATUSES, type ApplicationStatus } from '@app/domain';

/** An enterprise's request for a voucher against one contract (one application per contract per program). */
@Entity('applications')
@Unique('uq_application_per_contract', ['programCode', 'contractId'])
export class ApplicationRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'program_code', type: 'varchar', length: 64 })
  programCode!: string;

  /** The program version this was decided under (program_versions; immutable). */
  @Column({ name: 'program_version', type: 'int' })
  programVersion!: number;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @Column({ name: 'contract_id', type: 'uuid' })
  contractId!: string;

  @Column({ type: 'varchar', length: 32 })
  status!: ApplicationStatus;

  /** Results of the automated eligibility checks, as the domain library returned them. */
  @Column({ name: 'eligibility_results', type: 'jsonb', nullable: true })
  eligibilityResults!: RuleResult[] | null;

  @Column({ name: 'refusal_code', type: 'varchar', length: 64, nullable: true })
  refusalCode!: string | null;

  @Column({ name: 'eligible_amount', ...moneyColumn, nullable: true })
  eligibleAmount!: Money | null;

  @Column({ name: 'eligible_days', type: 'int', nullable: true })
  eligibleDays!: number | null;

  @Column({ name: 'contract_days', type: 'int', nullable: true })
  contractDays!: number | null;

  /** The face value computed at check time (before the yearly cap is applied at issuance). */
  @Column({ name: 'quoted_face_value', ...moneyColumn, nullable: true })
  quotedFaceValue!: Money | null;

  @Column({ name: 'face_value', ...moneyColumn, nullable: true })
  faceValue!: Money | null;

  @Column({ name: 'workflow_id', type: 'varchar', length: 200 })
  workflowId!: string;

  @Column({ name: 'submitted_on', type: 'date' })
  submittedOn!: string;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
