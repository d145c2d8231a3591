import { ApiProperty, IntersectionType, PickType } from '@nestjs/swagger';
import { RequiredMaterialView, StoredFileView, Tallies } from '../common/views';

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

export class RoundResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() programCode!: string;
  @ApiProperty() programVersion!: number;
  @ApiProperty() year!: number;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ enum: ROUND_STATUSES }) status!: string;
  @ApiProperty({ format: 'date' }) opensOn!: string;
  @ApiProperty({ format: 'date' }) closesOn!: string;
  @ApiProperty() reviewQuota!: number;
  @ApiProperty() noticeWorkingDays!: number;
  @ApiProperty() planRevision!: number;
  @ApiProperty({ type: String, format: 'date', nullable: true }) publishedOn!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) noticeEndsOn!: string | null;
  @ApiProperty({ example: '1234.56' }) totalAward!: string;
  @ApiProperty({ format: 'date' }) businessDate!: string;
  @ApiProperty({ type: RoundCountsView }) counts!: RoundCountsView;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) financeApprovedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) financeApprovedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) paidAt!: string | null;
}

export class RoundListResponse {
  @ApiProperty({ type: [RoundResponse] }) items!: RoundResponse[];
}

/** One entry of a round as entryView shows it (the award's payment joined when there is one). */
export class RoundEntryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty() programCode!: string;
  @ApiProperty() year!: number;
  @ApiProperty() programVersion!: number;
  @ApiProperty({ enum: ['enterprise', 'supplier'] }) applicantKind!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) enterpriseId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) supplierId!: string | null;
  @ApiProperty() applicantName!: string;
  @ApiProperty({ description: 'Receipt order (a bigint, as text)', example: '42' }) receiptSeq!: string;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ format: 'date' }) submittedOn!: string;
  @ApiProperty({ description: 'Prior-year spend or fees ranked on', example: '1234.56' }) basis!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'How the basis was found (prior year, evidence lines or fees by program)',
  })
  basisDetail!: Record<string, unknown> | null;
  @ApiProperty({ enum: ['submitted', 'unranked', 'waiting', 'in_review', 'approved', 'refused', 'removed'] })
  standing!: string;
  @ApiProperty({ type: Number, nullable: true }) rank!: number | null;
  @ApiProperty({ type: Number, nullable: true }) bracket!: number | null;
  @ApiProperty({ type: String, nullable: true }) unrankedReason!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) reviewedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) reviewedByName!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) reviewedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) reviewReason!: string | null;
  @ApiProperty({ type: Number, nullable: true }) tier!: number | null;
  @ApiProperty({ type: String, nullable: true, example: '1234.56' }) award!: string | null;
  @ApiProperty({ type: String, nullable: true }) planReason!: string | null;
  @ApiProperty({ type: String, nullable: true }) removedReason!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['approved', 'paid'] }) paymentStatus!: string | null;
  @ApiProperty({ type: String, nullable: true }) bankReference!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) paidAt!: string | null;
}

export class RoundEntryListResponse {
  @ApiProperty({ type: [RoundEntryResponse] }) items!: RoundEntryResponse[];
}

export class RoundEntryRowResponse extends RoundEntryResponse {
  @ApiProperty({ type: [String], description: 'Codes of required materials not yet uploaded' })
  materialsMissing!: string[];
}

export class RoundEntriesResponse {
  @ApiProperty({ type: [RoundEntryRowResponse] }) items!: RoundEntryRowResponse[];
  @ApiProperty() total!: number;
}

export class RoundEntryMaterialView extends PickType(StoredFileView, [
  'id',
  'code',
  'filename',
  'sizeBytes',
  'uploadedAt',
] as const) {}

export class RoundRequiredMaterialView extends RequiredMaterialView {}

export class RoundEvidenceView {
  @ApiProperty({ format: 'uuid' }) supplierId!: string;
  @ApiProperty() supplierCode!: string;
  @ApiProperty() supplierName!: string;
  @ApiProperty() contractNumber!: string;
  @ApiProperty() invoiceNumber!: string;
  @ApiProperty({ format: 'date' }) paidOn!: string;
  @ApiProperty({ example: '1234.56' }) amount!: string;
}

/** One entry with its materials, the definition's materials for its party, and its spend evidence. */
export class RoundEntryDetailResponse extends RoundEntryResponse {
  @ApiProperty({ type: [RoundEntryMaterialView] }) materials!: RoundEntryMaterialView[];
  @ApiProperty({ type: [RoundRequiredMaterialView] }) requiredMaterials!: RoundRequiredMaterialView[];
  @ApiProperty({ type: [RoundEvidenceView] }) evidence!: RoundEvidenceView[];
}

// The digest comes before the size in this answer.
export class RoundMaterialUploadedResponse extends IntersectionType(
  PickType(StoredFileView, ['id', 'code', 'sha256'] as const),
  PickType(StoredFileView, ['sizeBytes', 'uploadedAt'] as const),
) {}

export class RoundObjectionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) entryId!: string;
  @ApiProperty() applicantName!: string;
  @ApiProperty({ description: 'The plan revision objected to' }) planRevision!: number;
  @ApiProperty() objectorName!: string;
  @ApiProperty() contact!: string;
  @ApiProperty() content!: string;
  @ApiProperty({ enum: ['open', 'upheld', 'dismissed'] }) status!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) decidedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedByName!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionReason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class RoundObjectionListResponse {
  @ApiProperty({ type: [RoundObjectionView] }) items!: RoundObjectionView[];
}
