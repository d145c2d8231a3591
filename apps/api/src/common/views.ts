import type { Type } from '@nestjs/common';
import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { BilingualText } from './openapi';
import { Fields } from './fields';
import * as is from './field-kinds';

/*
 * Views several answers share. Each answer keeps its own class (its schema name is what the console's
 * generated types use) and takes these by inheritance or a mapped type. The order of the fields here is the
 * order in the published document: keep it.
 */

/** The count and the page asked for. */
export class PageFields extends Fields({
  total: is.numeric.about('All matching rows'),
  page: is.numeric,
  pageSize: is.numeric,
}) {}

/** A page of rows: the count and the page asked for, then the rows. */
export function Page<Row>(row: Type<Row>) {
  class PageOfRows extends Fields(PageFields, {
    items: [row],
  }) {}
  return PageOfRows;
}

/** A page of rows as the older lists answer it: the rows first, then the count and the page asked for. */
export function RowsFirstPage<Row>(row: Type<Row>) {
  class RowsThenCount extends Fields({
    items: [row],
    total: is.numeric,
    page: is.numeric,
    pageSize: is.numeric,
  }) {}
  return RowsThenCount;
}

/** One audit entry of a record's history (audit_log): who did what, and the state before and after. */
export class AuditEntryView extends Fields({
  at: is.instant,
  actor: is.text,
  actorName: is.textOrNull,
  action: is.text,
  before: is.freeFormOrNull,
  after: is.freeFormOrNull,
}) {}

/** A material the program's definition asks of the party, and whether it is uploaded. */
export class RequiredMaterialView extends Fields({
  code: is.text,
  name: BilingualText,
  required: is.flag,
  uploaded: is.flag,
}) {}

/** What is told of a file's bytes: its name, media type, size and SHA-256. */
export class FileBytesView extends Fields({
  filename: is.text,
  contentType: is.text,
  sizeBytes: is.numeric,
  sha256: is.text,
}) {}

/** A stored file's id and the material (`code`) it is for. */
class StoredFileKey extends Fields({
  id: is.uuid,
  code: is.text,
}) {}

/** A stored file as listed (the bytes are downloaded apart). */
export class StoredFileView extends Fields(IntersectionType(StoredFileKey, FileBytesView), {
  uploadedAt: is.instant,
}) {}

/** An enterprise as another record names it. */
export class EnterpriseRefView extends Fields({
  id: is.uuid,
  name: is.text,
  creditCode: is.text,
  registrationRegion: is.text,
}) {}

/** A supplier as another record names it. */
export class SupplierRefView extends Fields({
  id: is.uuid,
  code: is.text,
  nameZh: is.text,
  nameEn: is.text,
}) {}

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
export class ContractTermView extends Fields({
  signedOn: is.day,
  startDate: is.day,
  endDate: is.day,
}) {}

/** A settlement: the contract it settles, the delivered period it covers and the invoice for it. */
export class SettlementView extends Fields({
  id: is.uuid,
  contractId: is.uuid,
  periodStart: is.day,
  periodEnd: is.day,
  amount: is.money,
  invoiceNumber: is.text,
  invoiceDate: is.day,
}) {}
