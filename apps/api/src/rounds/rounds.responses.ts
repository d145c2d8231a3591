import { IntersectionType, PickType } from '@nestjs/swagger';
import { RequiredMaterialView, StoredFileView, Tallies } from '../common/views';
import { Fields } from '../common/fields';
import * as is from '../common/field-kinds';

/**
 * Answers of the ranked rounds and their entries (rounds.service.ts: entryView, roundView). Money is a
 * decimal string, days 'YYYY-MM-DD', timestamps ISO date-times.
 */

const ROUND_STATUSES = ['open', 'ranked', 'reviewing', 'notice', 'awaiting_finance', 'paying', 'paid'];

const ROUND_TALLIES = [
  'entries',
  'inReview',
  'waiting',
  'approved',
  'refused',
  'removed',
  'unranked',
  'awarded',
  'openObjections',
] as const;

export class RoundCountsView extends Tallies(ROUND_TALLIES, { awarded: 'Entries with an award' }) {}

export class RoundResponse extends Fields({
  id: is.uuid,
  programCode: is.text,
  programVersion: is.numeric,
  year: is.numeric,
  workflowId: is.text,
  status: is.oneOf(ROUND_STATUSES),
  opensOn: is.day,
  closesOn: is.day,
  reviewQuota: is.numeric,
  noticeWorkingDays: is.numeric,
  planRevision: is.numeric,
  publishedOn: is.dayOrNull,
  noticeEndsOn: is.dayOrNull,
  totalAward: is.money,
  businessDate: is.day,
  counts: RoundCountsView,
  financeApprovedBy: is.uuidOrNull,
  financeApprovedAt: is.instantOrNull,
  paidAt: is.instantOrNull,
}) {}

export class RoundListResponse extends Fields({
  items: [RoundResponse],
}) {}

/** One entry of a round as entryView shows it (the award's payment joined when there is one). */
export class RoundEntryResponse extends Fields({
  id: is.uuid,
  roundId: is.uuid,
  programCode: is.text,
  year: is.numeric,
  programVersion: is.numeric,
  applicantKind: is.oneOf(['enterprise', 'supplier']),
  enterpriseId: is.uuidOrNull,
  supplierId: is.uuidOrNull,
  applicantName: is.text,
  receiptSeq: is.text.eg('42').about('Receipt order (a bigint, as text)'),
  submittedAt: is.instant,
  submittedOn: is.day,
  basis: is.money.about('Prior-year spend or fees ranked on'),
  basisDetail: is.field<Record<string, unknown> | null>({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'How the basis was found (prior year, evidence lines or fees by program)',
  }),
  standing: is.oneOf(['submitted', 'unranked', 'waiting', 'in_review', 'approved', 'refused', 'removed']),
  rank: is.numericOrNull,
  bracket: is.numericOrNull,
  unrankedReason: is.textOrNull,
  reviewedBy: is.uuidOrNull,
  reviewedByName: is.textOrNull,
  reviewedAt: is.instantOrNull,
  reviewReason: is.textOrNull,
  tier: is.numericOrNull,
  award: is.moneyOrNull,
  planReason: is.textOrNull,
  removedReason: is.textOrNull,
  paymentStatus: is.oneOfOrNull(['approved', 'paid']),
  bankReference: is.textOrNull,
  paidAt: is.instantOrNull,
}) {}

export class RoundEntryListResponse extends Fields({
  items: [RoundEntryResponse],
}) {}

export class RoundEntryRowResponse extends Fields(RoundEntryResponse, {
  materialsMissing: is.listOf(is.text).about('Codes of required materials not yet uploaded'),
}) {}

export class RoundEntriesResponse extends Fields({
  items: [RoundEntryRowResponse],
  total: is.numeric,
}) {}

export class RoundEntryMaterialView extends PickType(StoredFileView, [
  'id',
  'code',
  'filename',
  'sizeBytes',
  'uploadedAt',
] as const) {}

export class RoundRequiredMaterialView extends RequiredMaterialView {}

export class RoundEvidenceView extends Fields({
  supplierId: is.uuid,
  supplierCode: is.text,
  supplierName: is.text,
  contractNumber: is.text,
  invoiceNumber: is.text,
  paidOn: is.day,
  amount: is.money,
}) {}

/** One entry with its materials, the definition's materials for its party, and its spend evidence. */
export class RoundEntryDetailResponse extends Fields(RoundEntryResponse, {
  materials: [RoundEntryMaterialView],
  requiredMaterials: [RoundRequiredMaterialView],
  evidence: [RoundEvidenceView],
}) {}

// The digest comes before the size in this answer.
export class RoundMaterialUploadedResponse extends IntersectionType(
  PickType(StoredFileView, ['id', 'code', 'sha256'] as const),
  PickType(StoredFileView, ['sizeBytes', 'uploadedAt'] as const),
) {}

export class RoundObjectionView extends Fields({
  id: is.uuid,
  entryId: is.uuid,
  applicantName: is.text,
  planRevision: is.numeric.about('The plan revision objected to'),
  objectorName: is.text,
  contact: is.text,
  content: is.text,
  status: is.oneOf(['open', 'upheld', 'dismissed']),
  decidedBy: is.uuidOrNull,
  decidedByName: is.textOrNull,
  decidedAt: is.instantOrNull,
  decisionReason: is.textOrNull,
  createdAt: is.instant,
}) {}

export class RoundObjectionListResponse extends Fields({
  items: [RoundObjectionView],
}) {}
