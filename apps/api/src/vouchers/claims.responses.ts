import { ApiProperty, IntersectionType, OmitType, PickType } from '@nestjs/swagger';
import { BilingualText } from '../common/openapi';
import { Page, SettlementView } from '../common/views';

/** Answers of the enterprise's vouchers, settlements and claims (enterprise-lists.ts, claims.service.ts). */

export class EnterpriseVoucherResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty() programCode!: string;
  @ApiProperty() contractNumber!: string;
  @ApiProperty({ description: 'Supplier’s Chinese name' }) supplierName!: string;
  @ApiProperty({ example: '1234.56' }) faceValue!: string;
  @ApiProperty({ example: '1234.56' }) redeemedAmount!: string;
  @ApiProperty({ description: 'Face value − redeemed', example: '1234.56' }) remaining!: string;
  @ApiProperty({ description: 'Σ computed, not yet paid payouts', example: '0.00' }) pendingPayout!: string;
  @ApiProperty({ enum: ['active', 'exhausted', 'expired', 'withdrawn'] }) status!: string;
  @ApiProperty() capYear!: number;
  @ApiProperty({ format: 'date' }) issuedOn!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Last day of use' })
  validUntil!: string | null;
  @ApiProperty({ description: 'Expired on today’s business date' }) expired!: boolean;
}

export class EnterpriseVoucherPage extends Page(EnterpriseVoucherResponse) {}

export class ClaimRefusalResponse {
  @ApiProperty({
    enum: [
      'NO_VOUCHER_FOR_CONTRACT',
      'VOUCHER_EXPIRED',
      'VOUCHER_NOT_ACTIVE',
      'VOUCHER_VALIDITY_ENDED',
      'SETTLEMENT_ALREADY_CLAIMED',
    ],
  })
  code!: string;
  @ApiProperty({ type: BilingualText }) message!: BilingualText;
}

class SettledContract {
  @ApiProperty() contractNumber!: string;
  @ApiProperty({ description: 'Supplier’s Chinese name' }) supplierName!: string;
}

export class EnterpriseSettlementResponse extends IntersectionType(
  PickType(SettlementView, ['id', 'contractId'] as const),
  SettledContract,
  OmitType(SettlementView, ['id', 'contractId'] as const),
) {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Its claim, once filed' })
  claimId!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['pending', 'computed', 'paid', 'cancelled'] })
  claimStatus!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['active', 'exhausted', 'expired', 'withdrawn'],
    description: 'The contract’s voucher (null: none)',
  })
  voucherStatus!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) voucherValidUntil!: string | null;
  @ApiProperty({
    type: ClaimRefusalResponse,
    nullable: true,
    description: 'Why it cannot be claimed (null: it can)',
  })
  claimRefusal!: ClaimRefusalResponse | null;
}

export class EnterpriseSettlementPage extends Page(EnterpriseSettlementResponse) {}

export class RedemptionRunKeyResponse {
  @ApiProperty() year!: number;
  @ApiProperty({ minimum: 1, maximum: 4 }) quarter!: number;
}

export class RedemptionClaimResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) voucherId!: string;
  @ApiProperty({ format: 'uuid' }) settlementId!: string;
  @ApiProperty({ format: 'date' }) claimedOn!: string;
  @ApiProperty({ format: 'date' }) deliveredOn!: string;
  @ApiProperty({ example: '1234.56' }) invoicedEligibleAmount!: string;
  @ApiProperty({ type: RedemptionRunKeyResponse, description: 'The run the claim is assigned to' })
  run!: RedemptionRunKeyResponse;
  @ApiProperty() rolledOver!: boolean;
  @ApiProperty() assignmentReason!: string;
  @ApiProperty({ enum: ['pending', 'computed', 'paid', 'cancelled'] }) status!: string;
}

export class RedemptionClaimPage extends Page(RedemptionClaimResponse) {}
