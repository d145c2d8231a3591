import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType, PickType } from '@nestjs/swagger';
import { AuditEntryView, FREE_FORM_OR_NULL, StoredFileView } from '../common/views';

/** The evidence file stored with a finding (the same bytes again answer the stored one). */
export class EvidenceAddedResponse extends PickType(StoredFileView, ['id', 'filename', 'sha256'] as const) {}

export class AppealRecordedResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) findingId!: string;
  @ApiProperty({ description: 'pending until decided' }) status!: string;
  @ApiProperty({ format: 'date' }) filedOn!: string;
}

export class ClawbackRepaymentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() amount!: string;
  @ApiProperty({ format: 'date' }) receivedOn!: string;
  @ApiProperty({ description: 'The bank’s reference (recorded once)' }) reference!: string;
  @ApiProperty({ format: 'uuid' }) recordedBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

class ReceivableKeys {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) findingId!: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty() programCode!: string;
}

/** What a receivable is for and what of it is repaid; the unit sees these too. */
class ReceivableAmounts {
  @ApiProperty() principal!: string;
  @ApiProperty() repaid!: string;
  @ApiProperty() outstanding!: string;
}

/** A clawback receivable (追缴应收): everything already paid on a withdrawn voucher. Amounts are strings. */
export class ReceivableResponse extends IntersectionType(ReceivableKeys, ReceivableAmounts) {
  @ApiProperty({ enum: ['open', 'repaid', 'written_off', 'cancelled'] }) status!: string;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ format: 'date' }) openedOn!: string;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) closedOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) closeReason!: string | null;
  @ApiProperty() remindersSent!: number;
  @ApiProperty({ type: [ClawbackRepaymentView] }) repayments!: ClawbackRepaymentView[];
}

/** A bar from the authority's programs (失信限制). */
export class DebarmentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty() authorityCode!: string;
  @ApiProperty({ format: 'uuid' }) findingId!: string;
  @ApiProperty({ format: 'date' }) startsOn!: string;
  @ApiProperty({ format: 'date' }) endsOn!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) liftedOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) liftReason!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) liftedBy!: string | null;
  @ApiProperty({ description: 'Bars new applications on the business date' }) inForce!: boolean;
}

/** The finding, its application and the enterprise it is about. */
class FindingKeys {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty() enterpriseName!: string;
}

/** A finding as listed, with its receivable and debarment when it has them (null fields otherwise). */
export class FindingRowResponse extends FindingKeys {
  @ApiProperty() programCode!: string;
  @ApiProperty({ description: 'What was found (fraud, misuse …)' }) kind!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ format: 'date' }) foundOn!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) receivableId!: string | null;
  @ApiProperty({ type: String, nullable: true }) principal!: string | null;
  @ApiProperty({ type: String, nullable: true }) repaid!: string | null;
  @ApiProperty({ type: String, nullable: true }) outstanding!: string | null;
  @ApiProperty({ type: String, nullable: true }) receivableStatus!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueOn!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) debarmentId!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) debarredFrom!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) debarredUntil!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) liftedOn!: string | null;
  @ApiProperty() debarredNow!: boolean;
}

export class FindingListResponse {
  @ApiProperty({ format: 'date' }) businessDate!: string;
  @ApiProperty({ type: [FindingRowResponse], description: 'Newest first, at most 500' })
  items!: FindingRowResponse[];
}

export class EnterpriseSupervisionResponse {
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty() enterpriseName!: string;
  @ApiProperty({ format: 'date' }) businessDate!: string;
  @ApiProperty({ description: 'A bar is in force on the business date' }) debarredNow!: boolean;
  @ApiProperty({ type: [DebarmentResponse] }) debarments!: DebarmentResponse[];
  @ApiProperty({ type: [FindingRowResponse] }) findings!: FindingRowResponse[];
}

// The unit's own view of a bar: lifted or not, but not by whom nor why.
class OwnDebarment extends IntersectionType(
  PickType(DebarmentResponse, ['authorityCode', 'startsOn', 'endsOn', 'liftedOn'] as const),
  PickType(DebarmentResponse, ['reason'] as const),
) {
  @ApiProperty() inForce!: boolean;
}

class OwnReceivable extends IntersectionType(PickType(ReceivableKeys, ['id'] as const), ReceivableAmounts) {
  @ApiProperty() status!: string;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty() overdue!: boolean;
}

/** What the unit itself sees: its bars and what it owes (no reviewer names, no evidence). */
export class OwnSupervisionResponse {
  @ApiPropertyOptional({ format: 'date', description: 'Absent for a caller that is no enterprise' })
  businessDate?: string;
  @ApiProperty({ type: [OwnDebarment] }) debarments!: OwnDebarment[];
  @ApiProperty({ type: [OwnReceivable] }) receivables!: OwnReceivable[];
}

export class FindingEvidenceView extends OmitType(StoredFileView, ['code'] as const) {}

export class FindingAppealView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date' }) filedOn!: string;
  @ApiProperty() grounds!: string;
  @ApiProperty({ enum: ['pending', 'dismissed', 'granted'] }) status!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) decidedBy!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) decidedOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionReason!: string | null;
}

/** One audit entry of the finding, its receivable, debarment or appeals. */
export class FindingHistoryEntry extends PickType(AuditEntryView, [
  'at',
  'actor',
  'actorName',
  'action',
] as const) {
  @ApiProperty({ description: 'The acting user’s id (or a system actor)' }) override actor!: string;
  @ApiProperty() entityType!: string;
  @ApiProperty({ ...FREE_FORM_OR_NULL, description: 'The state recorded after the action' })
  after!: Record<string, unknown> | null;
}

/** A finding with its evidence (listed, not the bytes), receivable, debarment, appeals and history. */
export class FindingDetailResponse extends FindingKeys {
  @ApiProperty() creditCode!: string;
  @ApiProperty() programCode!: string;
  @ApiProperty() authorityCode!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) voucherId!: string | null;
  @ApiProperty({ type: String, nullable: true }) voucherStatus!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '1234.56' }) voucherFaceValue!: string | null;
  @ApiProperty({ enum: ['false_material', 'fraud', 'misappropriation'] }) kind!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: ['upheld', 'overturned'] }) status!: string;
  @ApiProperty({ format: 'date' }) foundOn!: string;
  @ApiProperty({ format: 'uuid' }) recordedBy!: string;
  @ApiProperty({ type: String, nullable: true }) recordedByName!: string | null;
  @ApiProperty({ format: 'date' }) businessDate!: string;
  @ApiProperty({ type: [FindingEvidenceView] }) evidence!: FindingEvidenceView[];
  @ApiProperty({ type: ReceivableResponse, nullable: true }) receivable!: ReceivableResponse | null;
  @ApiProperty({ type: DebarmentResponse, nullable: true }) debarment!: DebarmentResponse | null;
  @ApiProperty({ type: [FindingAppealView] }) appeals!: FindingAppealView[];
  @ApiProperty({ type: [FindingHistoryEntry] }) history!: FindingHistoryEntry[];
}

export class ReminderSentView {
  @ApiProperty({ format: 'uuid' }) receivableId!: string;
  @ApiProperty({ description: 'Which reminder this was (1, 2, …)' }) reminder!: number;
  @ApiProperty({ example: '1234.56' }) outstanding!: string;
}

export class RemindersSentResponse {
  @ApiProperty({ format: 'date' }) businessDate!: string;
  @ApiProperty({ type: [ReminderSentView] }) sent!: ReminderSentView[];
}
