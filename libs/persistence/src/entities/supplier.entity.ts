import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A compute supplier (the bureau's 算力伙伴 list and others) with the service kinds it offers. */
@Entity('suppliers')
export class SupplierRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  code!: string;

  @Column({ name: 'name_zh', type: 'varchar', length: 200 })
  nameZh!: string;

  @Column({ name: 'name_en', type: 'varchar', length: 200 })
  nameEn!: string;

  @Column({ name: 'is_partner', type: 'boolean' })
  isPartner!: boolean;

  @Column({ name: 'service_kinds', type: 'text', array: true })
  serviceKinds!: string[];

  @Column({ name: 'contact_email', type: 'varchar', length: 200 })
  contactEmail!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A declared or discovered affiliation between an enterprise and a supplier (关联方). */
@Entity('related_party_links')
@Unique('uq_related_party_pair', ['enterpriseId', 'supplierId'])
export class RelatedPartyLinkRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @Column({ name: 'supplier_id', type: 'uuid' })
  supplierId!: string;

  @Column({ type: 'varchar', length: 500 })
  description!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
