import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsBusinessDate, IsMoneyAmount } from '../common/money.validators';

export class SpendEvidenceDto {
  @ApiProperty({ description: 'The supplier the spend was paid to (suppliers.id)' })
  @IsUUID()
  supplierId!: string;

  @ApiProperty({ example: 'HT-2025-001' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  contractNumber!: string;

  @ApiProperty({ example: 'FP-2025-001' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  invoiceNumber!: string;

  @ApiProperty({ example: '2025-06-30', description: 'When it was paid: in the year before the round' })
  @IsBusinessDate()
  paidOn!: string;

  @ApiProperty({ example: '1200000.00' })
  @IsMoneyAmount()
  amount!: string;
}

/** An entry in a round: 特惠 (an enterprise, with its prior-year spend evidence) or the supplier subsidy. */
export class SubmitEntryDto {
  @ApiProperty({ example: 'chengdu-tehui' })
  @IsString()
  @Matches(/^[a-z0-9-]{2,64}$/)
  programCode!: string;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({ type: [SpendEvidenceDto], description: '特惠: the prior-year spend, line by line' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => SpendEvidenceDto)
  evidence?: SpendEvidenceDto[];
}

export class ReviewEntryDto {
  @ApiProperty({ enum: ['approve', 'refuse'] })
  @IsIn(['approve', 'refuse'])
  decision!: 'approve' | 'refuse';

  @ApiPropertyOptional({ description: 'Required to refuse' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ObjectionDto {
  @ApiProperty({ description: 'The plan entry objected to' })
  @IsUUID()
  entryId!: string;

  @ApiProperty({ example: '张三' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({ example: '13800000000 / someone@example.cn' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  contact!: string;

  @ApiProperty()
  @IsString()
  @MinLength(5)
  @MaxLength(5000)
  content!: string;
}

export class ObjectionDecisionDto {
  @ApiProperty({ enum: ['upheld', 'dismissed'] })
  @IsIn(['upheld', 'dismissed'])
  outcome!: 'upheld' | 'dismissed';

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}
