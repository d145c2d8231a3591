import { IntersectionType, OmitType, PickType } from '@nestjs/swagger';
import { BilingualText } from '../common/openapi';
import { Page, SettlementView } from '../common/views';
import { Fields } from '../common/fields';
import * as is from '../common/field-kinds';

/** Answers of the enterprise's vouchers, settlements and claims (enterprise-lists.ts, claims.service.ts). */

export class EnterpriseVoucherResponse extends Fields({
  id: is.uuid,
  applicationId: is.uuid,
  programCode: is.text,
  contractNumber: is.text,
  supplierName: is.text.about('Supplier’s Chinese name'),
  faceValue: is.money,
  redeemedAmount: is.money,
  remaining: is.money.about('Face value − redeemed'),
  pendingPayout: is.money.about('Σ computed, not yet paid payouts'),
  status: is.oneOf(['active', 'exhausted', 'expired', 'withdrawn']),
  capYear: is.numeric,
  issuedOn: is.day,
  validUntil: is.dayOrNull.about('Last day of use'),
  expired: is.flag.about('Expired on today’s business date'),
}) {}

export class EnterpriseVoucherPage extends Page(EnterpriseVoucherResponse) {}

export class ClaimRefusalResponse extends Fields({
  code: is.oneOf([
    'NO_VOUCHER_FOR_CONTRACT',
    'VOUCHER_EXPIRED',
    'VOUCHER_NOT_ACTIVE',
    'VOUCHER_VALIDITY_ENDED',
    'SETTLEMENT_ALREADY_CLAIMED',
  ]),
  message: BilingualText,
}) {}

class SettledContract extends Fields({
  contractNumber: is.text,
  supplierName: is.text.about('Supplier’s Chinese name'),
}) {}

export class EnterpriseSettlementResponse extends Fields(
  IntersectionType(
    PickType(SettlementView, ['id', 'contractId'] as const),
    SettledContract,
    OmitType(SettlementView, ['id', 'contractId'] as const),
  ),
  {
    claimId: is.uuidOrNull.about('Its claim, once filed'),
    claimStatus: is.oneOfOrNull(['pending', 'computed', 'paid', 'cancelled']),
    voucherStatus: is
      .oneOfOrNull(['active', 'exhausted', 'expired', 'withdrawn'])
      .about('The contract’s voucher (null: none)'),
    voucherValidUntil: is.dayOrNull,
    claimRefusal: is.nullable(ClaimRefusalResponse).about('Why it cannot be claimed (null: it can)'),
  },
) {}

export class EnterpriseSettlementPage extends Page(EnterpriseSettlementResponse) {}

export class RedemptionRunKeyResponse extends Fields({
  year: is.numeric,
  quarter: is.field<number>({ type: Number, minimum: 1, maximum: 4 }),
}) {}

export class RedemptionClaimResponse extends Fields({
  id: is.uuid,
  voucherId: is.uuid,
  settlementId: is.uuid,
  claimedOn: is.day,
  deliveredOn: is.day,
  invoicedEligibleAmount: is.money,
  run: is.nested(RedemptionRunKeyResponse).about('The run the claim is assigned to'),
  rolledOver: is.flag,
  assignmentReason: is.text,
  status: is.oneOf(['pending', 'computed', 'paid', 'cancelled']),
}) {}

export class RedemptionClaimPage extends Page(RedemptionClaimResponse) {}
