import { applyDecorators } from '@nestjs/common';
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

/** A draft's text field: optional, a string, at most `maxLength` characters (checked in that order). */
const DraftText = (maxLength: number, example?: string) =>
  applyDecorators(
    MaxLength(maxLength),
    IsString(),
    IsOptional(),
    ApiPropertyOptional(example === undefined ? { maxLength } : { example, maxLength }),
  );

export class DraftLineDto {
  @ApiPropertyOptional({ enum: SERVICE_KINDS })
  @IsOptional()
  @IsIn(SERVICE_KINDS, { message: `serviceKind must be one of ${SERVICE_KINDS.join(', ')}` })
  serviceKind?: string;

  @DraftText(40, '5,000,000.00') amount?: string;

  @DraftText(300) description?: string;
}

export class DraftFormDto {
  @DraftText(64) supplierId?: string;

  @DraftText(100) contractNumber?: string;

  @DraftText(10, '2025-06-20') signedOn?: string;

  @DraftText(10, '2025-07-01') startDate?: string;

  @DraftText(10, '2026-06-30') endDate?: string;

  @DraftText(64) applicationDomain?: string;

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
  @ApiProperty({ example: '材料真实性承诺书' }) zh!: string;
  @ApiProperty({ example: 'Pledge that the materials are true' }) en!: string;
}

export class DraftFileResponse {
  @ApiProperty({ example: 'licence.pdf' }) filename!: string;
  @ApiProperty({ example: 'application/pdf' }) contentType!: string;
  @ApiProperty({ example: 20480 }) sizeBytes!: number;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  sha256!: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
}

export class DraftSlotResponse {
  @ApiProperty({ example: 'authenticity-pledge' }) code!: string;
  @ApiProperty({ type: LocalizedTextResponse }) name!: LocalizedTextResponse;
  @ApiProperty() required!: boolean;
  @ApiProperty({ enum: MATERIAL_FILE_KINDS, isArray: true }) accepts!: string[];
  @ApiProperty({
    type: String,
    nullable: true,
    example: '/applications/drafts/beijing-ai-compute-2023/templates/authenticity-pledge',
    description: 'Where the fill-in form is downloaded (null when the program gives none)',
  })
  templateUrl!: string | null;

  @ApiProperty({ type: DraftFileResponse, nullable: true }) file!: DraftFileResponse | null;
}

export class DraftResponse {
  @ApiProperty({ example: 'beijing-ai-compute-2023' }) programCode!: string;
  @ApiProperty({
    type: DraftFormDto,
    nullable: true,
    description: 'The saved form, or null when nothing has been saved yet',
  })
  form!: DraftFormDto | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt!: string | null;
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
  @ApiProperty({ example: true }) deleted!: boolean;
}
