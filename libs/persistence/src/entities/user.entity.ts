import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ROLES = ['enterprise', 'supplier', 'reviewer', 'senior_reviewer', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A person who signs in. Enterprise and supplier users belong to exactly one enterprise or supplier. */
@Entity('users')
export class UserRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200, unique: true })
  email!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 300, select: false })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 32 })
  role!: Role;

  @Column({ name: 'enterprise_id', type: 'uuid', nullable: true })
  enterpriseId!: string | null;

  @Column({ name: 'supplier_id', type: 'uuid', nullable: true })
  supplierId!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /**
   * Carried in each access token; bumped by a trigger when the password, role, owner or active flag
   * changes, which revokes every token issued before.
   */
  @Column({ name: 'token_version', type: 'integer', default: 0, insert: false, update: false })
  tokenVersion!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
