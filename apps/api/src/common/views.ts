import type { Type } from '@nestjs/common';
import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { BilingualText } from './openapi';

/*
 * Views several answers share. Each answer keeps its own class (its schema name is what the console's
 * generated types use) and takes these by inheritance or a mapped type. The order of the fields here is the
 * order in the published document: keep it.
 */

/** The count and the page asked for. */
export class PageFields {
  @ApiProperty({ description: 'All matching rows' }) total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

/** A page of rows: the count and the page asked for, then the rows. */
export function Page<Row>(row: Type<Row>) {
  class PageOfRows extends PageFields {
    @ApiProperty({ type: [row] }) items!: Row[];
  }
  return PageOfRows;
}

/** A page of rows as the older lists answer it: the rows first, then the count and the page asked for. */
export function RowsFirstPage<Row>(row: Type<Row>) {
  class RowsThenCount {
    @ApiProperty({ type: [row] }) items!: Row[];
    @ApiProperty() total!: number;
    @ApiProperty() page!: number;
    @ApiProperty() pageSize!: number;
  }
  return RowsThenCount;
}

export const FREE_FORM_OR_NULL = { type: 'object', additionalProperties: true, nullable: true } as const;

/** One audit entry of a record's history (audit_log): who did what, and the state before and after. */
export class AuditEntryView {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() actor!: string;
  @ApiProperty({ type: String, nullable: true }) actorName!: string | null;
  @ApiProperty() action!: string;
  @ApiProperty(FREE_FORM_OR_NULL) before!: Record<string, unknown> | null;
  @ApiProperty(FREE_FORM_OR_NULL) after!: Record<string, unknown> | null;
}

/** A material the program's definition asks of the party, and whether it is uploaded. */
export class RequiredMaterialView {
  @ApiProperty() code!: string;
  @ApiProperty({ type: BilingualText }) name!: BilingualText;
  @ApiProperty() required!: boolean;
  @ApiProperty() uploaded!: boolean;
}

/** What is told of a file's bytes: its name, media type, size and SHA-256. */
export class FileBytesView {
  @ApiProperty() filename!: string;
  @ApiProperty() contentType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty() sha256!: string;
}

/** A stored file's id and the material (`code`) it is for. */
class StoredFileKey {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
}

/** A stored file as listed (the bytes are downloaded apart). */
export class StoredFileView extends IntersectionType(StoredFileKey, FileBytesView) {
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
}

/** An enterprise as another record names it. */
export class EnterpriseRefView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() creditCode!: string;
  @ApiProperty() registrationRegion!: string;
}

/** A supplier as another record names it. */
export class SupplierRefView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() nameZh!: string;
  @ApiProperty() nameEn!: string;
}

/**
 * Whole-number tallies named in a table (every one a required integer), for the views that are only counts.
 * `descriptions` adds a description to the ones that need it.
 */
export function Tallies<Name extends string>(
  names: readonly Name[],
  descriptions: Partial<Record<Name, string>> = {},
): Type<Record<Name, number>> {
  class TallyFields {}
  for (const name of names) {
    const description = descriptions[name];
    ApiProperty({ type: Number, ...(description ? { description } : {}) })(TallyFields.prototype, name);
  }
  return TallyFields as Type<Record<Name, number>>;
}

/** A contract's term: the day it was signed and the period it covers. */
export class ContractTermView {
  @ApiProperty({ format: 'date' }) signedOn!: string;
  @ApiProperty({ format: 'date' }) startDate!: string;
  @ApiProperty({ format: 'date' }) endDate!: string;
}

/** A settlement: the contract it settles, the delivered period it covers and the invoice for it. */
export class SettlementView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) contractId!: string;
  @ApiProperty({ format: 'date' }) periodStart!: string;
  @ApiProperty({ format: 'date' }) periodEnd!: string;
  @ApiProperty({ example: '1234.56' }) amount!: string;
  @ApiProperty() invoiceNumber!: string;
  @ApiProperty({ format: 'date' }) invoiceDate!: string;
}
