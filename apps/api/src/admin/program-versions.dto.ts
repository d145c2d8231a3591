import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A new version of a program: the whole definition (checked field by field by libs/domain) and its date. */
export class AddProgramVersionDto {
  @ApiProperty({ example: '2026-01-01' })
  @Matches(DATE, { message: 'effectiveFrom must be a date YYYY-MM-DD' })
  effectiveFrom!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'A ProgramDefinition' })
  @IsObject()
  definition!: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'The published document this version was read from' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  sourceDocument?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

/** A refreshed supplier list (Chengdu publishes one every half year) and the date it takes effect. */
export class AddSupplierListDto {
  @ApiProperty({ example: '2026-07-01' })
  @Matches(DATE, { message: 'effectiveFrom must be a date YYYY-MM-DD' })
  effectiveFrom!: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  supplierCodes!: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}
