import { IntersectionType, OmitType, PickType } from '@nestjs/swagger';
import { AuditEntryView, StoredFileView } from '../common/views';
import { Fields } from '../common/fields';
import * as is from '../common/field-kinds';

/** The evidence file stored with a finding (the same bytes again answer the stored one). */
export class EvidenceAddedResponse extends PickType(StoredFileView, ['id', 'filename', 'sha256'] as const) {}

export class AppealRecordedResponse extends Fields({
  id: is.uuid,
  findingId: is.uuid,
  status: is.text.about('pending until decided'),
  filedOn: is.day,
}) {}

export class ClawbackRepaymentView extends Fields({
  id: is.uuid,
  amount: is.money,
  receivedOn: is.day,
  reference: is.text.about('The bank’s reference (recorded once)'),
  recordedBy: is.uuid,
  createdAt: is.instant,
}) {}

class ReceivableKeys extends Fields({
  id: is.uuid,
  findingId: is.uuid,
  enterpriseId: is.uuid,
  programCode: is.text,
}) {}

/** What a receivable is for and what of it is repaid; the unit sees these too. */
class ReceivableAmounts extends Fields({
  principal: is.money,
  repaid: is.money,
  outstanding: is.money,
}) {}

/** A clawback receivable (追缴应收): everything already paid on a withdrawn voucher. Amounts are strings. */
export class ReceivableResponse extends Fields(IntersectionType(ReceivableKeys, ReceivableAmounts), {
  status: is.oneOf(['open', 'repaid', 'written_off', 'cancelled']),
  overdue: is.flag,
  openedOn: is.day,
  dueOn: is.day,
  closedOn: is.dayOrNull,
  closeReason: is.textOrNull,
  remindersSent: is.numeric,
  repayments: [ClawbackRepaymentView],
}) {}

/** A bar from the authority's programs (失信限制). */
export class DebarmentResponse extends Fields({
  id: is.uuid,
  enterpriseId: is.uuid,
  authorityCode: is.text,
  findingId: is.uuid,
  startsOn: is.day,
  endsOn: is.day,
  reason: is.text,
  liftedOn: is.dayOrNull,
  liftReason: is.textOrNull,
  liftedBy: is.uuidOrNull,
  inForce: is.flag.about('Bars new applications on the business date'),
}) {}

/** The finding, its application and the enterprise it is about. */
class FindingKeys extends Fields({
  id: is.uuid,
  applicationId: is.uuid,
  enterpriseId: is.uuid,
  enterpriseName: is.text,
}) {}

/** A finding as listed, with its receivable and debarment when it has them (null fields otherwise). */
export class FindingRowResponse extends Fields(FindingKeys, {
  programCode: is.text,
  kind: is.text.about('What was found (fraud, misuse …)'),
  status: is.text,
  foundOn: is.day,
  receivableId: is.uuidOrNull,
  principal: is.moneyOrNull,
  repaid: is.moneyOrNull,
  outstanding: is.moneyOrNull,
  receivableStatus: is.textOrNull,
  dueOn: is.dayOrNull,
  overdue: is.flag,
  debarmentId: is.uuidOrNull,
  debarredFrom: is.dayOrNull,
  debarredUntil: is.dayOrNull,
  liftedOn: is.dayOrNull,
  debarredNow: is.flag,
}) {}

export class FindingListResponse extends Fields({
  businessDate: is.day,
  items: is.listOf(FindingRowResponse).about('Newest first, at most 500'),
}) {}

export class EnterpriseSupervisionResponse extends Fields({
  enterpriseId: is.uuid,
  enterpriseName: is.text,
  businessDate: is.day,
  debarredNow: is.flag.about('A bar is in force on the business date'),
  debarments: [DebarmentResponse],
  findings: [FindingRowResponse],
}) {}

// The unit's own view of a bar: lifted or not, but not by whom nor why.
class OwnDebarment extends Fields(
  IntersectionType(
    PickType(DebarmentResponse, ['authorityCode', 'startsOn', 'endsOn', 'liftedOn'] as const),
    PickType(DebarmentResponse, ['reason'] as const),
  ),
  {
    inForce: is.flag,
  },
) {}

class OwnReceivable extends Fields(
  IntersectionType(PickType(ReceivableKeys, ['id'] as const), ReceivableAmounts),
  {
    status: is.text,
    dueOn: is.day,
    overdue: is.flag,
  },
) {}

/** What the unit itself sees: its bars and what it owes (no reviewer names, no evidence). */
export class OwnSupervisionResponse extends Fields({
  businessDate: is.day.about('Absent for a caller that is no enterprise').optional(),
  debarments: [OwnDebarment],
  receivables: [OwnReceivable],
}) {}

export class FindingEvidenceView extends OmitType(StoredFileView, ['code'] as const) {}

export class FindingAppealView extends Fields({
  id: is.uuid,
  filedOn: is.day,
  grounds: is.text,
  status: is.oneOf(['pending', 'dismissed', 'granted']),
  decidedBy: is.uuidOrNull,
  decidedOn: is.dayOrNull,
  decisionReason: is.textOrNull,
}) {}

/** One audit entry of the finding, its receivable, debarment or appeals. */
export class FindingHistoryEntry extends Fields(
  PickType(AuditEntryView, ['at', 'actor', 'actorName', 'action'] as const),
  {
    actor: is.text.about('The acting user’s id (or a system actor)'),
    entityType: is.text,
    after: is.freeFormOrNull.about('The state recorded after the action'),
  },
) {}

/** A finding with its evidence (listed, not the bytes), receivable, debarment, appeals and history. */
export class FindingDetailResponse extends Fields(FindingKeys, {
  creditCode: is.text,
  programCode: is.text,
  authorityCode: is.text,
  voucherId: is.uuidOrNull,
  voucherStatus: is.textOrNull,
  voucherFaceValue: is.moneyOrNull,
  kind: is.oneOf(['false_material', 'fraud', 'misappropriation']),
  description: is.text,
  status: is.oneOf(['upheld', 'overturned']),
  foundOn: is.day,
  recordedBy: is.uuid,
  recordedByName: is.textOrNull,
  businessDate: is.day,
  evidence: [FindingEvidenceView],
  receivable: is.nullable(ReceivableResponse),
  debarment: is.nullable(DebarmentResponse),
  appeals: [FindingAppealView],
  history: [FindingHistoryEntry],
}) {}

export class ReminderSentView extends Fields({
  receivableId: is.uuid,
  reminder: is.numeric.about('Which reminder this was (1, 2, …)'),
  outstanding: is.money,
}) {}

export class RemindersSentResponse extends Fields({
  businessDate: is.day,
  sent: [ReminderSentView],
}) {}
