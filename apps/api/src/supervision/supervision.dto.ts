import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { FINDING_KINDS } from '@app/domain';
import { IsBusinessDate, IsMoneyAmount } from '../common/money.validators';

export class RecordFindingDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  applicationId!: string;

  @ApiProperty({ enum: FINDING_KINDS })
  @IsIn(FINDING_KINDS)
  kind!: string;

  @ApiProperty({ example: '交付凭证系伪造 / the delivery proof was forged' })
  @IsString()
  @Length(1, 2000, { message: 'description is required (1 to 2000 characters)' })
  description!: string;
}

export class RecordRepaymentDto {
  @ApiProperty({ example: '50000.00' })
  @IsMoneyAmount()
  amount!: string;

  @ApiProperty({ example: '2025-08-01' })
  @IsBusinessDate()
  receivedOn!: string;

  @ApiProperty({ description: "the bank's reference of the receipt (recording it twice records it once)" })
  @IsString()
  @Matches(/^[A-Za-z0-9._\-/]{1,64}$/, { message: 'reference must be 1 to 64 letters, digits or . _ - /' })
  reference!: string;
}

export class ReasonDto {
  @ApiProperty()
  @IsString()
  @Length(1, 1000, { message: 'reason is required (1 to 1000 characters)' })
  reason!: string;
}

export class RecordAppealDto {
  @ApiProperty()
  @IsString()
  @Length(1, 2000, { message: 'grounds are required (1 to 2000 characters)' })
  grounds!: string;

  @ApiPropertyOptional({ description: 'the date the appeal was filed (default: today)' })
  @IsOptional()
  @IsBusinessDate()
  filedOn?: string;
}

export class DecideAppealDto {
  @ApiProperty({ enum: ['dismissed', 'granted'] })
  @IsIn(['dismissed', 'granted'])
  decision!: 'dismissed' | 'granted';

  @ApiProperty()
  @IsString()
  @Length(1, 1000, { message: 'reason is required (1 to 1000 characters)' })
  reason!: string;
}

export class FindingListQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  enterpriseId?: string;
}
