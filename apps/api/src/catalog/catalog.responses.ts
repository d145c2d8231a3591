import { ApiProperty } from '@nestjs/swagger';
import { SupplierRefView } from '../common/views';

const FREE_FORM_ITEMS = { type: 'array', items: { type: 'object', additionalProperties: true } } as const;

/** A program as it stands today (the version in force): what an applicant needs. Amounts are strings. */
export class CatalogProgramResponse {
  @ApiProperty() code!: string;
  @ApiProperty() nameZh!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: 'open' | 'closed';
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'How vouchers are allocated (first come, ranked, pool …)' })
  allocation!: string;
  @ApiProperty({ description: 'How money is paid out' }) disbursement!: string;
  @ApiProperty({ description: 'Subsidy rate, decimal string' }) rate!: string;
  @ApiProperty({ type: String, nullable: true }) fixedFaceValue!: string | null;
  @ApiProperty({ type: String, nullable: true }) perEnterpriseYearlyCap!: string | null;
  @ApiProperty({ type: String, nullable: true }) perEnterpriseCumulativeCap!: string | null;
  @ApiProperty({ type: String, nullable: true }) budgetPoolPerYear!: string | null;
  @ApiProperty({ type: String, nullable: true }) budgetPoolTotal!: string | null;
  @ApiProperty({ type: Number, nullable: true }) vouchersPerYear!: number | null;
  @ApiProperty({ format: 'date' }) planStart!: string;
  @ApiProperty({ format: 'date' }) planEnd!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) contractSignedFrom!: string | null;
  @ApiProperty({ ...FREE_FORM_ITEMS, description: 'The materials an application needs (ProgramDefinition)' })
  materials!: Record<string, unknown>[];
  @ApiProperty({
    type: 'array',
    description: 'Which budgets pay which share',
    items: {
      type: 'object',
      additionalProperties: true,
      properties: {
        funderCode: { type: 'string' },
        funder: { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } } },
        share: { type: 'string' },
      },
    },
  })
  fundingShares!: { funderCode: string; funder: { zh: string; en: string }; share: string }[];
}

export class CatalogSupplierResponse extends SupplierRefView {
  @ApiProperty({ description: 'On the program’s partner list' }) isPartner!: boolean;
  @ApiProperty({ type: [String] }) serviceKinds!: string[];
}
