import { IntersectionType, OmitType, PickType } from '@nestjs/swagger';
import { EligibilityCheckResponse } from '../applications/application.responses';
import { BilingualText } from '../common/openapi';
import {
  AuditEntryView,
  EnterpriseRefView,
  Page,
  RequiredMaterialView,
  StoredFileView,
  Tallies,
} from '../common/views';
import { Fields } from '../common/fields';
import * as is from '../common/field-kinds';

/**
 * Answers of the first-come pool (pool.service.ts): applications, vouchers, deductions and redemptions.
 * Money is a decimal string, days 'YYYY-MM-DD', timestamps ISO date-times, receipt numbers bigint text.
 */

export class PoolWaitlistEntry extends Fields({
  applicationId: is.uuid,
  receiptNo: is.text.eg('42'),
  enterpriseName: is.text,
  position: is.numeric.about('1-based place on the waitlist'),
  receivedAt: is.instant,
}) {}

export class PoolApplicationRowResponse extends Fields({
  id: is.uuid,
  status: is.text,
  receiptNo: is.text.eg('42'),
  year: is.numeric,
  programVersion: is.numeric,
  submittedOn: is.day,
  receivedAt: is.instant,
  refusalCode: is.textOrNull,
  refusalReason: is.textOrNull,
  promotedAt: is.instantOrNull,
  enterpriseId: is.uuid,
  enterpriseName: is.text,
  creditCode: is.text,
  voucherNo: is.textOrNull,
  materialsUploaded: is.numeric.about('Distinct material codes uploaded'),
  position: is.numericOrNull.about('Place on the waitlist while waiting'),
}) {}

/** An enterprise's own application this year, as the pool's state shows it. */
export class PoolOwnApplication extends PickType(PoolApplicationRowResponse, [
  'id',
  'status',
  'receiptNo',
  'position',
] as const) {}

class PoolProgramState extends Fields({
  programCode: is.text,
  programVersion: is.numeric,
  name: BilingualText,
  year: is.numeric,
  today: is.day.about('The business date'),
  open: is.flag.about('Taking applications (inside the plan, the current year)'),
  faceValue: is.moneyOrNull,
  waitlistEnabled: is.flag,
}) {}

const POOL_TALLIES = [
  'slots',
  'held',
  'issued',
  'received',
  'slotsLeft',
  'holding',
  'waiting',
  'refused',
] as const;

export class PoolStateResponse extends Fields(IntersectionType(PoolProgramState, Tallies(POOL_TALLIES)), {
  waitlist: is.listOf(PoolWaitlistEntry).about('Staff only (empty otherwise), first 100'),
  mine: is.nullable(PoolOwnApplication).about('An enterprise’s own application this year'),
}) {}

/** What names a pool application: its program (version) and year, and its receipt number. */
class PoolApplicationHead extends Fields({
  id: is.uuid,
  programCode: is.text,
  programVersion: is.numeric,
  year: is.numeric,
  receiptNo: is.text.eg('42'),
}) {}

export class PoolApplicationReceivedResponse extends Fields(PoolApplicationHead, {
  status: is.oneOf(['holding', 'waitlisted']),
  waitlistPosition: is.numericOrNull.about('Waiting count including this one'),
}) {}

export class PoolApplicationPage extends Page(PoolApplicationRowResponse) {}

export class PoolMaterialResponse extends OmitType(StoredFileView, ['uploadedAt'] as const) {}

export class PoolApplicationMaterialView extends StoredFileView {}

export class PoolRequiredMaterialView extends RequiredMaterialView {}

export class PoolEnterpriseView extends EnterpriseRefView {}

export class PoolVoucherResponse extends Fields({
  id: is.uuid,
  voucherNo: is.text,
  faceValue: is.money,
  deducted: is.money,
  remaining: is.money,
  validYear: is.numeric,
  issuedOn: is.day,
  status: is.text.about('As stored, or expired once past its valid year'),
}) {}

/** An enterprise's pool voucher as listed. */
export class PoolVoucherRowResponse extends Fields(PoolVoucherResponse, {
  programCode: is.text,
  applicationId: is.uuid,
}) {}

export class PoolHistoryEntry extends AuditEntryView {}

export class PoolApplicationDetailResponse extends Fields(PoolApplicationHead, {
  status: is.text,
  waitlistPosition: is.numericOrNull,
  submittedOn: is.day,
  receivedAt: is.instant,
  promotedAt: is.instantOrNull,
  refusalCode: is.textOrNull,
  refusalReason: is.textOrNull,
  decidedAt: is.instantOrNull,
  enterprise: PoolEnterpriseView,
  checks: [EligibilityCheckResponse],
  requiredMaterials: [PoolRequiredMaterialView],
  materials: [PoolApplicationMaterialView],
  voucher: is.nullable(PoolVoucherResponse),
  history: [PoolHistoryEntry],
}) {}

export class PoolDecisionOutcomeView extends Fields({
  status: is.oneOf(['issued', 'refused']),
  voucherId: is.uuid.about('Issued: the voucher').optional(),
  voucherNo: is.text.about('Issued: its number').optional(),
  promotedId: is.uuidOrNull.about('Refused: the waiting application promoted into the slot').optional(),
}) {}

export class PoolDecisionResponse extends Fields({
  outcome: PoolDecisionOutcomeView,
  application: PoolApplicationDetailResponse,
}) {}

/** The voucher and the enterprise's payment a deduction is taken from. */
class DeductedPayment extends Fields({
  id: is.uuid,
  voucherNo: is.text,
  paymentReference: is.text,
  paymentAmount: is.money,
}) {}

/** What libs/domain computeDeduction decides: the amount, and which limit set it. */
class DeductionAmount extends Fields({
  amount: is.money,
  shareLimit: is.money,
  limitedBy: is.oneOf(['share-of-payment', 'remaining-face-value']),
}) {}

export class PoolDeductionResponse extends Fields(IntersectionType(DeductedPayment, DeductionAmount), {
  paidOn: is.day,
  programVersion: is.numeric,
  voucherRemaining: is.money,
  enterpriseName: is.text,
  supplierCode: is.text,
  supplierName: is.text,
  redemptionId: is.uuidOrNull,
  redemptionStatus: is.textOrNull,
}) {}

export class PoolFundingShareView extends Fields({
  funderCode: is.text,
  amount: is.money,
}) {}

export class PoolRedemptionResponse extends Fields({
  id: is.uuid,
  status: is.oneOf(['draft', 'submitted', 'approved', 'refused', 'paid']),
  amount: is.money,
  supplierId: is.uuid,
  supplierName: is.text,
  deductionId: is.uuid,
  voucherNo: is.text,
  enterpriseName: is.text,
  paymentAmount: is.money,
  paymentReference: is.text,
  paidOn: is.day,
  programVersion: is.numeric,
  programCode: is.text,
  submittedAt: is.instantOrNull,
  decidedAt: is.instantOrNull,
  refusalReason: is.textOrNull,
  directPaymentId: is.uuidOrNull,
  paidAt: is.instantOrNull,
  bankReference: is.textOrNull,
  requiredMaterials: [PoolRequiredMaterialView],
  materials: [PoolMaterialResponse],
  fundingShares: [PoolFundingShareView],
}) {}

export class PoolRedemptionPage extends Page(PoolRedemptionResponse) {}

export class PoolRedemptionOutcomeView extends Fields({
  status: is.oneOf(['approved', 'refused']),
  paymentId: is.uuid.about('Approved: the direct payment created').optional(),
}) {}

export class PoolRedemptionDecisionResponse extends Fields({
  outcome: PoolRedemptionOutcomeView,
  redemption: PoolRedemptionResponse,
}) {}
