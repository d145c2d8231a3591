import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { POOL_APPLICATION_STATUSES } from '@app/persistence';
import { IsMoneyAmount } from '../common/money.validators';
import { PageQuery } from '../common/pagination';

export class PoolStateQuery {
  @ApiPropertyOptional({ description: 'Calendar year of the pool; default: the business year today' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class PoolApplicationListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: POOL_APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(POOL_APPLICATION_STATUSES)
  status?: (typeof POOL_APPLICATION_STATUSES)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

/** The material a file stands for: one of the program's codes for this party and stage. */
export class MaterialCodeDto {
  @ApiProperty({ example: 'puhui-form' })
  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'code must be a material code such as "puhui-form"' })
  code!: string;
}

export class PoolDecisionDto {
  @ApiProperty({ enum: ['approve', 'refuse'] })
  @IsIn(['approve', 'refuse'])
  decision!: 'approve' | 'refuse';

  @ApiPropertyOptional({ description: 'Required to refuse' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class RecordDeductionDto {
  @ApiProperty({ example: 'PH-2025-000001', description: 'The voucher number the unit presents' })
  @IsString()
  @Matches(/^[A-Z]{2}-\d{4}-\d{6,}$/, { message: 'voucherNo must look like PH-2025-000001' })
  voucherNo!: string;

  @ApiProperty({ example: '8000.00', description: 'What the unit actually pays for the service' })
  @IsMoneyAmount()
  paymentAmount!: string;

  @ApiProperty({ example: 'PAY-20250301-001', description: "The supplier's own reference of the payment" })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  paymentReference!: string;
}

export class PoolRedemptionListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['draft', 'submitted', 'approved', 'refused', 'paid'] })
  @IsOptional()
  @IsIn(['draft', 'submitted', 'approved', 'refused', 'paid'])
  status?: string;
}
