import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IsBusinessDate, IsMoneyAmount } from '../common/money.validators';

/** A purchase settled at the discounted price (泰州市姜堰区: 无需企业申请，直接按优惠结算). */
export class RecordSettlementDiscountDto {
  @ApiPropertyOptional({ example: 'taizhou-jiangyan' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, { message: 'programCode must be a program code' })
  programCode?: string;

  @ApiProperty({ format: 'uuid', description: 'The buying enterprise' })
  @IsUUID('all', { message: 'enterpriseId must be an enterprise id (UUID)' })
  enterpriseId!: string;

  @ApiProperty({ example: 'JY-INV-0001' })
  @IsString()
  @Length(1, 100, { message: 'invoiceNumber must be 1 to 100 characters' })
  invoiceNumber!: string;

  @ApiProperty({ example: '2025-05-10' })
  @IsBusinessDate()
  settledOn!: string;

  @ApiProperty({ example: '500000.00', description: 'The purchase at list price (购买算力金额)' })
  @IsMoneyAmount()
  listAmount!: string;

  @ApiProperty({ description: '数字经济核心产业企业' })
  @IsBoolean({ message: 'coreIndustry must be true or false' })
  coreIndustry!: boolean;
}
