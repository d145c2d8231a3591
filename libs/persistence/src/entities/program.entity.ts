import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ProgramDefinition } from '@app/domain';

/** A voucher program: its identity and whether it takes applications. Its rules are its versions. */
@Entity('programs')
export class ProgramRecord {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ name: 'name_zh', type: 'varchar', length: 200 })
  nameZh!: string;

  @Column({ name: 'name_en', type: 'varchar', length: 200 })
  nameEn!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * One version of a program's definition (the domain library's ProgramDefinition, stored whole), in force
 * from `effectiveFrom` until the next version's date. Rows are immutable (a trigger refuses UPDATE/DELETE):
 * every decision records (code, version), so a version must never change under it.
 */
@Entity('program_versions')
export class ProgramVersionRecord {
  @PrimaryColumn({ name: 'program_code', type: 'varchar', length: 64 })
  programCode!: string;

  @PrimaryColumn({ type: 'int' })
  version!: number;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom!: string;

  @Column({ type: 'jsonb' })
  definition!: ProgramDefinition;

  @Column({ name: 'source_document', type: 'varchar', length: 500, nullable: true })
  sourceDocument!: string | null;

  @Column({ type: 'varchar', length: 1000, default: '' })
  note!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** The suppliers a program counts from a date on (Chengdu refreshes its list every half year). */
@Entity('program_supplier_lists')
export class ProgramSupplierListRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'program_code', type: 'varchar', length: 64 })
  programCode!: string;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom!: string;

  @Column({ name: 'supplier_codes', type: 'text', array: true })
  supplierCodes!: string[];

  @Column({ type: 'varchar', length: 1000, default: '' })
  note!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
