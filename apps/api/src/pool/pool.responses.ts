import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType, PickType } from '@nestjs/swagger';
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

/**
 * Answers of the first-come pool (pool.service.ts): applications, vouchers, deductions and redemptions.
 * Money is a decimal string, days 'YYYY-MM-DD', timestamps ISO date-times, receipt numbers bigint text.
 */

export class PoolWaitlistEntry {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ example: '42' }) receiptNo!: string;
  @ApiProperty() enterpriseName!: string;
  @ApiProperty({ description: '1-based place on the waitlist' }) position!: number;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
}

export class PoolApplicationRowResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ example: '42' }) receiptNo!: string;
  @ApiProperty() year!: number;
  @ApiProperty() programVersion!: number;
  @ApiProperty({ format: 'date' }) submittedOn!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: String, nullable: true }) refusalCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) refusalReason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) promotedAt!: string | null;
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty() enterpriseName!: string;
  @ApiProperty() creditCode!: string;
  @ApiProperty({ type: String, nullable: true }) voucherNo!: string | null;
  @ApiProperty({ description: 'Distinct material codes uploaded' }) materialsUploaded!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Place on the waitlist while waiting' })
  position!: number | null;
}

/** An enterprise's own application this year, as the pool's state shows it. */
export class PoolOwnApplication extends PickType(PoolApplicationRowResponse, [
  'id',
  'status',
  'receiptNo',
  'position',
] as const) {}

class PoolProgramState {
  @ApiProperty() programCode!: string;
  @ApiProperty() programVersion!: number;
  @ApiProperty({ type: BilingualText }) name!: BilingualText;
  @ApiProperty() year!: number;
  @ApiProperty({ format: 'date', description: 'The business date' }) today!: string;
  @ApiProperty({ description: 'Taking applications (inside the plan, the current year)' }) open!: boolean;
  @ApiProperty({ type: String, nullable: true, example: '10000.00' }) faceValue!: string | null;
  @ApiProperty() waitlistEnabled!: boolean;
}

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

export class PoolStateResponse extends IntersectionType(PoolProgramState, Tallies(POOL_TALLIES)) {
  @ApiProperty({ type: [PoolWaitlistEntry], description: 'Staff only (empty otherwise), first 100' })
  waitlist!: PoolWaitlistEntry[];
  @ApiProperty({
    type: PoolOwnApplication,
    nullable: true,
    description: 'An enterprise’s own application this year',
  })
  mine!: PoolOwnApplication | null;
}

/** What names a pool application: its program (version) and year, and its receipt number. */
class PoolApplicationHead {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() programCode!: string;
  @ApiProperty() programVersion!: number;
  @ApiProperty() year!: number;
  @ApiProperty({ example: '42' }) receiptNo!: string;
}

export class PoolApplicationReceivedResponse extends PoolApplicationHead {
  @ApiProperty({ enum: ['holding', 'waitlisted'] }) status!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Waiting count including this one' })
  waitlistPosition!: number | null;
}

export class PoolApplicationPage extends Page(PoolApplicationRowResponse) {}

export class PoolMaterialResponse extends OmitType(StoredFileView, ['uploadedAt'] as const) {}

export class PoolApplicationMaterialView extends StoredFileView {}

export class PoolRequiredMaterialView extends RequiredMaterialView {}

export class PoolEnterpriseView extends EnterpriseRefView {}

export class PoolVoucherResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() voucherNo!: string;
  @ApiProperty({ example: '10000.00' }) faceValue!: string;
  @ApiProperty({ example: '0.00' }) deducted!: string;
  @ApiProperty({ example: '10000.00' }) remaining!: string;
  @ApiProperty() validYear!: number;
  @ApiProperty({ format: 'date' }) issuedOn!: string;
  @ApiProperty({ description: 'As stored, or expired once past its valid year' }) status!: string;
}

/** An enterprise's pool voucher as listed. */
export class PoolVoucherRowResponse extends PoolVoucherResponse {
  @ApiProperty() programCode!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
}

export class PoolHistoryEntry extends AuditEntryView {}

export class PoolApplicationDetailResponse extends PoolApplicationHead {
  @ApiProperty() status!: string;
  @ApiProperty({ type: Number, nullable: true }) waitlistPosition!: number | null;
  @ApiProperty({ format: 'date' }) submittedOn!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) promotedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) refusalCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) refusalReason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: PoolEnterpriseView }) enterprise!: PoolEnterpriseView;
  @ApiProperty({ type: [EligibilityCheckResponse] }) checks!: EligibilityCheckResponse[];
  @ApiProperty({ type: [PoolRequiredMaterialView] }) requiredMaterials!: PoolRequiredMaterialView[];
  @ApiProperty({ type: [PoolApplicationMaterialView] }) materials!: PoolApplicationMaterialView[];
  @ApiProperty({ type: PoolVoucherResponse, nullable: true }) voucher!: PoolVoucherResponse | null;
  @ApiProperty({ type: [PoolHistoryEntry] }) history!: PoolHistoryEntry[];
}

export class PoolDecisionOutcomeView {
  @ApiProperty({ enum: ['issued', 'refused'] }) status!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Issued: the voucher' }) voucherId?: string;
  @ApiPropertyOptional({ description: 'Issued: its number' }) voucherNo?: string;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Refused: the waiting application promoted into the slot',
  })
  promotedId?: string | null;
}

export class PoolDecisionResponse {
  @ApiProperty({ type: PoolDecisionOutcomeView }) outcome!: PoolDecisionOutcomeView;
  @ApiProperty({ type: PoolApplicationDetailResponse }) application!: PoolApplicationDetailResponse;
}

/** The voucher and the enterprise's payment a deduction is taken from. */
class DeductedPayment {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() voucherNo!: string;
  @ApiProperty() paymentReference!: string;
  @ApiProperty({ example: '20000.00' }) paymentAmount!: string;
}

/** What libs/domain computeDeduction decides: the amount, and which limit set it. */
class DeductionAmount {
  @ApiProperty({ example: '10000.00' }) amount!: string;
  @ApiProperty({ example: '10000.00' }) shareLimit!: string;
  @ApiProperty({ enum: ['share-of-payment', 'remaining-face-value'] }) limitedBy!: string;
}

export class PoolDeductionResponse extends IntersectionType(DeductedPayment, DeductionAmount) {
  @ApiProperty({ format: 'date' }) paidOn!: string;
  @ApiProperty() programVersion!: number;
  @ApiProperty({ example: '0.00' }) voucherRemaining!: string;
  @ApiProperty() enterpriseName!: string;
  @ApiProperty() supplierCode!: string;
  @ApiProperty() supplierName!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) redemptionId!: string | null;
  @ApiProperty({ type: String, nullable: true }) redemptionStatus!: string | null;
}

export class PoolFundingShareView {
  @ApiProperty() funderCode!: string;
  @ApiProperty({ example: '5000.00' }) amount!: string;
}

export class PoolRedemptionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['draft', 'submitted', 'approved', 'refused', 'paid'] }) status!: string;
  @ApiProperty({ example: '10000.00' }) amount!: string;
  @ApiProperty({ format: 'uuid' }) supplierId!: string;
  @ApiProperty() supplierName!: string;
  @ApiProperty({ format: 'uuid' }) deductionId!: string;
  @ApiProperty() voucherNo!: string;
  @ApiProperty() enterpriseName!: string;
  @ApiProperty({ example: '20000.00' }) paymentAmount!: string;
  @ApiProperty() paymentReference!: string;
  @ApiProperty({ format: 'date' }) paidOn!: string;
  @ApiProperty() programVersion!: number;
  @ApiProperty() programCode!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) refusalReason!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) directPaymentId!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) paidAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) bankReference!: string | null;
  @ApiProperty({ type: [PoolRequiredMaterialView] }) requiredMaterials!: PoolRequiredMaterialView[];
  @ApiProperty({ type: [PoolMaterialResponse] }) materials!: PoolMaterialResponse[];
  @ApiProperty({ type: [PoolFundingShareView] }) fundingShares!: PoolFundingShareView[];
}

export class PoolRedemptionPage extends Page(PoolRedemptionResponse) {}

export class PoolRedemptionOutcomeView {
  @ApiProperty({ enum: ['approved', 'refused'] }) status!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Approved: the direct payment created' })
  paymentId?: string;
}

export class PoolRedemptionDecisionResponse {
  @ApiProperty({ type: PoolRedemptionOutcomeView }) outcome!: PoolRedemptionOutcomeView;
  @ApiProperty({ type: PoolRedemptionResponse }) redemption!: PoolRedemptionResponse;
}
