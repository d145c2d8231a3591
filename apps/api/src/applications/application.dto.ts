import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
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
    description:
      'CNY excluding tax, as a string with at most two decimals; thousands separators are accepted ("5,000,000.00")',
  })
  @IsMoneyAmount()
  amount!: string;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  description?: string;

  @ApiPropertyOptional({ description: '国产算力: true for domestic compute (absent = not domestic)' })
  @IsOptional()
  @IsBoolean({ message: 'domestic must be true or false' })
  domestic?: boolean;

  @ApiPropertyOptional({
    example: 'INV-2025-0001',
    description: "The supplier's invoice evidencing the line (programs funding settled or paid fees)",
  })
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'invoiceNumber must be 1 to 100 characters' })
  invoiceNumber?: string;
}

export class ProjectFactDto {
  @ApiProperty({ example: 'modelParameters' })
  @Matches(/^[A-Za-z][A-Za-z0-9]{1,63}$/, { message: 'fact must be a name such as modelParameters' })
  fact!: string;

  @ApiProperty({ example: '13000000000' })
  @Matches(/^\d{1,20}(\.\d{1,6})?$/, { message: 'value must be a non-negative decimal number' })
  value!: string;
}

export const OTHER_SUPPORT_STATUSES = ['received', 'applied'] as const;

/** 已获得或正在申报的补助资金情况 (seed 001 §六(四)). */
export class DeclaredSupportDto {
  @ApiPropertyOptional({ example: 'shandong-compute', description: 'The program, when it runs here' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, { message: 'programCode must be a program code' })
  programCode?: string;

  @ApiProperty({ example: '山东省算力券' })
  @IsString()
  @Length(1, 200, { message: 'programName must be 1 to 200 characters' })
  programName!: string;

  @ApiProperty({ example: '50000.00' })
  @IsMoneyAmount()
  amount!: string;

  @ApiProperty({ enum: OTHER_SUPPORT_STATUSES })
  @IsIn(OTHER_SUPPORT_STATUSES, { message: 'status must be received or applied' })
  status!: string;
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
  @IsArray({ message: 'lines must be a list of contract lines' })
  @IsObject({ each: true, message: 'each contract line must be an object' })
  @ValidateNested({ each: true })
  @ArrayMinSize(1, { message: 'lines must have at least one contract line' })
  @ArrayMaxSize(50)
  @Type(() => ContractLineDto)
  lines!: ContractLineDto[];

  @ApiPropertyOptional({
    example: ['startup'],
    description: 'Categories the applicant declares (the reviewer verifies them): startup, listed-talent, …',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, {
    each: true,
    message: 'each category must be a code such as startup',
  })
  applicantCategories?: string[];

  @ApiPropertyOptional({ type: [ProjectFactDto] })
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(20)
  @Type(() => ProjectFactDto)
  projectFacts?: ProjectFactDto[];

  @ApiPropertyOptional({
    description:
      "Submit the enterprise's draft for this program with it: its checklist files become the application's " +
      'materials and the draft is discarded; refused with MATERIALS_MISSING while a required slot is empty',
  })
  @IsOptional()
  @IsBoolean({ message: 'fromDraft must be true or false' })
  fromDraft?: boolean;

  @ApiPropertyOptional({ type: [DeclaredSupportDto] })
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(50)
  @Type(() => DeclaredSupportDto)
  declaredOtherSupport?: DeclaredSupportDto[];
}

export class ResubmitDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
