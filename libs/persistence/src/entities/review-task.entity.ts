import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Money } from '@app/domain';
import { moneyColumn } from '../transformers';

export type ReviewTaskKind = 'review' | 'second_approval';
export type ReviewTaskStatus = 'open' | 'completed' | 'cancelled';

/** The reviewers' queue (a read model the application workflow keeps current). */
@Entity('review_tasks')
export class ReviewTaskRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @Column({ name: 'program_code', type: 'varchar', length: 64 })
  programCode!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: ReviewTaskKind;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status!: ReviewTaskStatus;

  @Column({ name: 'candidate_role', type: 'varchar', length: 32 })
  candidateRole!: string;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId!: string | null;

  /** For a second approval: the first reviewer, who may not give it. */
  @Column({ name: 'excluded_user_id', type: 'uuid', nullable: true })
  excludedUserId!: string | null;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @Column({ name: 'enterprise_name', type: 'varchar', length: 200 })
  enterpriseName!: string;

  @Column({ name: 'quoted_face_value', ...moneyColumn, nullable: true })
  quotedFaceValue!: Money | null;

  @Column({ type: 'int', default: 1 })
  round!: number;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt!: Date | null;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  outcome!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'completed_by', type: 'uuid', nullable: true })
  completedBy!: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A file the enterprise uploaded with its application (stored in the database; size-limited). */
@Entity('application_materials')
export class ApplicationMaterialRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  /** The checklist slot it was uploaded into (null for a file added without one, e.g. a supplement). */
  @Column({ name: 'slot_code', type: 'varchar', length: 64, nullable: true })
  slotCode!: string | null;

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

  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt!: Date;
}
