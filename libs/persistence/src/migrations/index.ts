import { Foundation1763712000000 } from './1763712000000-Foundation';
import { Lifecycle1763798400000 } from './1763798400000-Lifecycle';
import { ProgramVersions1764300000000 } from './1764300000000-ProgramVersions';
import { FirstComePool1764300100000 } from './1764300100000-FirstComePool';
import { AllocationRounds1764300200000 } from './1764300200000-AllocationRounds';
import { CrossProgram1764300300000 } from './1764300300000-CrossProgram';
import { Supervision1764300400000 } from './1764300400000-Supervision';
import { VoucherPayoutRate1764300500000 } from './1764300500000-VoucherPayoutRate';
import { UserTokenVersion1764300600000 } from './1764300600000-UserTokenVersion';
import { PrincipalChanged1764300900000 } from './1764300900000-PrincipalChanged';

import { ReviewQueueIndexes1764301040000 } from './1764301040000-ReviewQueueIndexes';
import { ShortNameSearch1764408000000 } from './1764408000000-ShortNameSearch';
import { ReferenceNumbers1764409000000 } from './1764409000000-ReferenceNumbers';
import { PublicCallLog1764410000000 } from './1764410000000-PublicCallLog';
import { SettlementInvoiceFiles1764406000000 } from './1764406000000-SettlementInvoiceFiles';
import { RunStarter1764402000000 } from './1764402000000-RunStarter';
import { ApplicationDrafts1764404000000 } from './1764404000000-ApplicationDrafts';
import { ApplicationComments1764405000000 } from './1764405000000-ApplicationComments';
import { AuditTrailIndexes1764411000000 } from './1764411000000-AuditTrailIndexes';
/** In order of their timestamps; listed explicitly so the same list works under ts-jest and compiled. */
export const MIGRATIONS = [
  Foundation1763712000000,
  Lifecycle1763798400000,
  ProgramVersions1764300000000,
  FirstComePool1764300100000,
  AllocationRounds1764300200000,
  CrossProgram1764300300000,
  Supervision1764300400000,
  VoucherPayoutRate1764300500000,
  UserTokenVersion1764300600000,
  PrincipalChanged1764300900000,
  ReviewQueueIndexes1764301040000,
  RunStarter1764402000000,
  ApplicationDrafts1764404000000,
  ApplicationComments1764405000000,
  SettlementInvoiceFiles1764406000000,
  ShortNameSearch1764408000000,
  ReferenceNumbers1764409000000,
  PublicCallLog1764410000000,
  AuditTrailIndexes1764411000000,
];
