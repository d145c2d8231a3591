import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { IsBusinessDate } from '../common/money.validators';

/** 绿色算力券: an admin records that a supplier's data centre was newly approved as a national green DC. */
export class RecordGreenDataCentreDto {
  @ApiPropertyOptional({ example: 'chengdu-green' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{2,64}$/)
  programCode?: string;

  @ApiProperty({ description: 'The supplier running the data centre (suppliers.id)' })
  @IsUUID()
  supplierId!: string;

  @ApiProperty({ example: 'CD-DC-01', description: 'The data centre: one grant per data centre' })
  @IsString()
  @Matches(/^\s*[A-Za-z0-9][A-Za-z0-9._ -]{1,63}\s*$/, { message: 'dataCentreCode: letters, digits, . _ -' })
  dataCentreCode!: string;

  @ApiProperty({ example: '天府智算数据中心' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  dataCentreName!: string;

  @ApiProperty({ example: '2026-05-20', description: 'Date of the national approval' })
  @IsBusinessDate()
  approvedOn!: string;

  @ApiProperty({ example: '工信部节〔2026〕12号' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  approvalReference!: string;
}
