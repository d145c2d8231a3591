import { ApplicationRecord } from './application.entity';
import { AuditLogRecord } from './audit-log.entity';
import { ContractLineRecord, ContractRecord } from './contract.entity';
import { EnterpriseRecord } from './enterprise.entity';
import { ProgramRecord, ProgramSupplierListRecord, ProgramVersionRecord } from './program.entity';
import { DirectPaymentRecord } from './direct-payment.entity';
import { RelatedPartyLinkRecord, SupplierRecord } from './supplier.entity';
import { VoucherRecord, YearlyCapLedgerRecord } from './voucher.entity';
import { UserRecord } from './user.entity';
import { ApplicationMaterialRecord, ReviewTaskRecord } from './review-task.entity';
import {
  PayoutRecord,
  RedemptionClaimRecord,
  RedemptionRunRecord,
  SettlementRecord,
} from './redemption.entity';
import { NotificationRecord } from './notification.entity';
import { POOL_ENTITIES } from './pool.entity';
import { SUPERVISION_ENTITIES } from './supervision.entity';

export * from './application.entity';
export * from './audit-log.entity';
export * from './contract.entity';
export * from './enterprise.entity';
export * from './program.entity';
export * from './supplier.entity';
export * from './voucher.entity';
export * from './user.entity';
export * from './review-task.entity';
export * from './redemption.entity';
export * from './notification.entity';
export * from './pool.entity';
export * from './direct-payment.entity';
export * from './supervision.entity';

export const ENTITIES = [
  ProgramRecord,
  EnterpriseRecord,
  SupplierRecord,
  RelatedPartyLinkRecord,
  ContractRecord,
  ContractLineRecord,
  ApplicationRecord,
  VoucherRecord,
  YearlyCapLedgerRecord,
  AuditLogRecord,
  UserRecord,
  ReviewTaskRecord,
  ApplicationMaterialRecord,
  SettlementRecord,
  RedemptionClaimRecord,
  RedemptionRunRecord,
  PayoutRecord,
  NotificationRecord,
  ...POOL_ENTITIES,
  ProgramVersionRecord,
  ProgramSupplierListRecord,
  DirectPaymentRecord,
  ...SUPERVISION_ENTITIES,
];
