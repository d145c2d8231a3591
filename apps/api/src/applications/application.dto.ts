import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { APPLICATION_DOMAINS, SERVICE_KINDS } from '@app/domain';
import { IsBusinessDate, IsMoneyAmount, IsNotBefore } from '../common/money.validators';

export class ContractLineDto {
  @ApiProperty({ enum: SERVICE_KINDS, example: 'intelligent_compute' })
  @IsIn(SERVICE_KINDS, { message: `serviceKind must be one of ${SERVICE_KINDS.join(', ')}` })
  serviceKind!: string;

  @ApiProperty({
    example: '1000000.00',
    description: 'CNY excluding tax, as a string with at most two decimals',
  })
  @IsMoneyAmount()
  amount!: string;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  description?: string;
}

export class ApplyDto {
  @ApiPropertyOptional({ example: 'beijing-ai-compute-2023' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  programCode?: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'supplierId must be a supplier id (UUID)' })
  supplierId!: string;

  @ApiProperty({ example: 'HT-2025-0001' })
  @IsString()
  @Length(1, 100, { message: 'contractNumber must be 1 to 100 characters' })
  contractNumber!: string;

  @ApiProperty({ example: '2025-06-20' })
  @IsBusinessDate()
  signedOn!: string;

  @ApiProperty({ example: '2025-07-01' })
  @IsBusinessDate()
  startDate!: string;

  @ApiProperty({ example: '2026-06-30' })
  @IsBusinessDate()
  @IsNotBefore('startDate')
  endDate!: string;

  @ApiProperty({ enum: APPLICATION_DOMAINS, example: 'medical' })
  @IsIn(APPLICATION_DOMAINS, {
    message: `applicationDomain must be one of ${APPLICATION_DOMAINS.join(', ')}`,
  })
  applicationDomain!: string;

  @ApiProperty({ type: [ContractLineDto] })
  @ValidateNested({ each: true })
  @ArrayMinSize(1, { message: 'lines must have at least one contract line' })
  @ArrayMaxSize(50)
  @Type(() => ContractLineDto)
  lines!: ContractLineDto[];
}

export class ResubmitDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
