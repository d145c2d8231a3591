import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { MATERIAL_FILE_KINDS, SERVICE_KINDS } from '@app/domain';

/*
 * A draft keeps what was typed, half-finished too: only its shape and lengths are checked here; the full
 * rules (real dates, amounts, a supplier id) apply when it is submitted (ADR 0047).
 */

export class DraftLineDto {
  @ApiPropertyOptional({ enum: SERVICE_KINDS })
  @IsOptional()
  @IsIn(SERVICE_KINDS, { message: `serviceKind must be one of ${SERVICE_KINDS.join(', ')}` })
  serviceKind?: string;

  @ApiPropertyOptional({ example: '5,000,000.00', maxLength: 40 })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  amount?: string;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  description?: string;
}

export class DraftFormDto {
  @ApiPropertyOptional({ maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  supplierId?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  contractNumber?: string;

  @ApiPropertyOptional({ example: '2025-06-20', maxLength: 10 })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  signedOn?: string;

  @ApiPropertyOptional({ example: '2025-07-01', maxLength: 10 })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  startDate?: string;

  @ApiPropertyOptional({ example: '2026-06-30', maxLength: 10 })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  endDate?: string;

  @ApiPropertyOptional({ maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  applicationDomain?: string;

  @ApiPropertyOptional({ type: [DraftLineDto] })
  @IsOptional()
  @IsArray({ message: 'lines must be a list of contract lines' })
  @IsObject({ each: true, message: 'each contract line must be an object' })
  @ValidateNested({ each: true })
  @ArrayMaxSize(50)
  @Type(() => DraftLineDto)
  lines?: DraftLineDto[];
}

export class SaveDraftDto {
  @ApiProperty({ type: DraftFormDto })
  @IsObject({ message: 'form must be an object' })
  @ValidateNested()
  @Type(() => DraftFormDto)
  form!: DraftFormDto;
}

class LocalizedTextResponse {
  @ApiProperty({ example: '材料真实性承诺书' })
  zh!: string;

  @ApiProperty({ example: 'Pledge that the materials are true' })
  en!: string;
}

export class DraftFileResponse {
  @ApiProperty({ example: 'licence.pdf' })
  filename!: string;

  @ApiProperty({ example: 'application/pdf' })
  contentType!: string;

  @ApiProperty({ example: 20480 })
  sizeBytes!: number;

  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  sha256!: string;

  @ApiProperty({ format: 'date-time' })
  uploadedAt!: string;
}

export class DraftSlotResponse {
  @ApiProperty({ example: 'authenticity-pledge' })
  code!: string;

  @ApiProperty({ type: LocalizedTextResponse })
  name!: LocalizedTextResponse;

  @ApiProperty()
  required!: boolean;

  @ApiProperty({ enum: MATERIAL_FILE_KINDS, isArray: true })
  accepts!: string[];

  @ApiProperty({
    type: String,
    nullable: true,
    example: '/applications/drafts/beijing-ai-compute-2023/templates/authenticity-pledge',
    description: 'Where the fill-in form is downloaded (null when the program gives none)',
  })
  templateUrl!: string | null;

  @ApiProperty({ type: DraftFileResponse, nullable: true })
  file!: DraftFileResponse | null;
}

export class DraftResponse {
  @ApiProperty({ example: 'beijing-ai-compute-2023' })
  programCode!: string;

  @ApiProperty({
    type: DraftFormDto,
    nullable: true,
    description: 'The saved form, or null when nothing has been saved yet',
  })
  form!: DraftFormDto | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  updatedAt!: string | null;

  @ApiProperty({
    type: [DraftSlotResponse],
    description: "The program's materials checklist for the applicant",
  })
  slots!: DraftSlotResponse[];

  @ApiProperty({
    example: ['business-licence'],
    description: 'Required slots still empty: the draft cannot be submitted while this is not empty',
  })
  missing!: string[];
}

export class DraftDeletedResponse {
  @ApiProperty({ example: true })
  deleted!: boolean;
}
