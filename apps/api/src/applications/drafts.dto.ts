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
import { Fields } from '../common/fields';
import * as is from '../common/field-kinds';

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

class LocalizedTextResponse extends Fields({
  zh: is.text.eg('材料真实性承诺书'),
  en: is.text.eg('Pledge that the materials are true'),
}) {}

export class DraftFileResponse extends Fields({
  filename: is.text.eg('licence.pdf'),
  contentType: is.text.eg('application/pdf'),
  sizeBytes: is.numeric.eg(20480),
  sha256: is.text.eg('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'),
  uploadedAt: is.instant,
}) {}

export class DraftSlotResponse extends Fields({
  code: is.text.eg('authenticity-pledge'),
  name: LocalizedTextResponse,
  required: is.flag,
  accepts: is.field<string[]>({ enum: MATERIAL_FILE_KINDS, isArray: true }),
  templateUrl: is.textOrNull
    .eg('/applications/drafts/beijing-ai-compute-2023/templates/authenticity-pledge')
    .about('Where the fill-in form is downloaded (null when the program gives none)'),
  file: is.nullable(DraftFileResponse),
}) {}

export class DraftResponse extends Fields({
  programCode: is.text.eg('beijing-ai-compute-2023'),
  form: is.nullable(DraftFormDto).about('The saved form, or null when nothing has been saved yet'),
  updatedAt: is.instantOrNull,
  slots: is.listOf(DraftSlotResponse).about("The program's materials checklist for the applicant"),
  missing: is
    .listOf(is.text)
    .eg(['business-licence'])
    .about('Required slots still empty: the draft cannot be submitted while this is not empty'),
}) {}

export class DraftDeletedResponse extends Fields({
  deleted: is.flag.eg(true),
}) {}
