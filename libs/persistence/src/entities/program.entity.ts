import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { ProgramDefinition } from '@app/domain';

/** A voucher program as data: the definition is the domain library's ProgramDefinition, stored whole. */
@Entity('programs')
export class ProgramRecord {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ name: 'name_zh', type: 'varchar', length: 200 })
  nameZh!: string;

  @Column({ name: 'name_en', type: 'varchar', length: 200 })
  nameEn!: string;

  @Column({ type: 'jsonb' })
  definition!: ProgramDefinition;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
