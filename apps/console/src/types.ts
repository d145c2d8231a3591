import type { LocalizedText } from '@app/domain';

/** Shapes of the API's answers, as the console reads them (amounts are strings). */

export interface Supplier {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  isPartner: boolean;
  serviceKinds: string[];
}

export interface Program {
  code: string;
  nameZh: string;
  nameEn: string;
  active: boolean;
  rate: string;
}

export interface ReviewTask {
  id: string;
  applicationId: string;
  programCode: string;
  kind: 'review' | 'second_approval';
  status: string;
  round: number;
  assigneeId: string | null;
  assigneeName: string | null;
  excludedUserId: string | null;
  enterpriseName: string;
  quotedFaceValue: string | null;
  dueAt: string;
  overdue: boolean;
  /** Short reference of the application (first 8 of its id, upper case), as the registers show it. */
  applicationNumber: string;
  contractNumber: string | null;
  submittedOn: string | null;
}

export interface Check {
  rule: string;
  passed: boolean;
  code: string;
  message: LocalizedText;
  /** The values the rule compared (e.g. the registration region), when it reports them. */
  params?: Record<string, string | number | boolean | null>;
}

export interface AppTask {
  id: string;
  kind: 'review' | 'second_approval';
  status: string;
  round: number;
  assigneeId: string | null;
  excludedUserId: string | null;
  dueAt: string;
  outcome: string | null;
  reason: string | null;
  completedBy: string | null;
  completedByName?: string | null;
  completedAt: string | null;
}

export interface HistoryEntry {
  at: string;
  actor: string;
  actorName: string | null;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface ApplicationDetail {
  id: string;
  programCode: string;
  status: string;
  refusalCode: string | null;
  submittedOn: string;
  enterprise: { id: string; name: string; creditCode: string; registrationRegion: string; industry: string };
  contract: {
    id: string;
    contractNumber: string;
    supplier: { id: string; code: string; nameZh: string; nameEn: string };
    signedOn: string;
    startDate: string;
    endDate: string;
    totalAmount: string;
    applicationDomain: string;
    lines: { serviceKind: string; amount: string; description: string }[];
  };
  checks: Check[];
  computation: {
    rate: string;
    contractDays: number | null;
    eligibleDays: number | null;
    eligibleAmount: string | null;
    quotedFaceValue: string | null;
    faceValue: string | null;
    yearlyCap: string | null;
    capYear: number;
    issuedThisYear: string;
    yearlyRoomLeft: string | null;
  };
  voucher: {
    id: string;
    faceValue: string;
    redeemedAmount: string;
    remaining: string;
    status: string;
    capYear: number;
    issuedOn: string;
  } | null;
  materials: {
    id: string;
    /** The checklist slot it was uploaded into (null for a supplement). */
    slotCode?: string | null;
    filename: string;
    contentType: string;
    sizeBytes: number;
    uploadedAt: string;
  }[];
  tasks: AppTask[];
  history: HistoryEntry[];
}

export interface ApplicationRow {
  id: string;
  status: string;
  programCode: string;
  submittedOn: string;
  quotedFaceValue: string | null;
  faceValue: string | null;
  refusalCode: string | null;
  enterpriseName: string;
  contractNumber: string;
  contractAmount: string;
}

export interface PartyTotal {
  id: string;
  code: string;
  name: string;
  payouts: number;
  total: string;
  limitedByBalance: number;
}

export interface Run {
  id: string;
  programCode: string;
  year: number;
  quarter: number;
  runDate: string;
  status: string;
  claimCount: number;
  totalPayout: string;
  paidCount: number;
  paidTotal: string;
  approvedBy: string | null;
  approvedAt: string | null;
  completedAt: string | null;
  report?: {
    preview?: {
      claimCount: number;
      totalPayout: string;
      byEnterprise: PartyTotal[];
      bySupplier: PartyTotal[];
      byFunder?: FunderTotal[];
      limitedByPoolCount?: number;
    };
    totals?: { claimCount: number; totalPayout: string; paidCount: number; paidTotal: string };
    byEnterprise?: PartyTotal[];
    bySupplier?: PartyTotal[];
    byFunder?: FunderTotal[];
    limitedByPoolCount?: number;
  } | null;
}

/** One budget's part of a run's payouts (province, city …), from the payouts' funding shares. */
export interface FunderTotal {
  funderCode: string;
  total: string;
}

/** A program's funder as the catalog lists it. */
export interface FundingShare {
  funderCode: string;
  funder: { zh: string; en: string };
  share: string;
}

/** The admin's registers (GET /admin/…), as stored. */
export interface EnterpriseRecord {
  id: string;
  name: string;
  creditCode: string;
  registrationRegion: string;
  independentLegalPerson: boolean;
  industry: string;
  aiDirectionAligned: boolean;
  soundFinancialManagement: boolean;
  lastDishonestyRecordDate: string | null;
  receivesOtherMunicipalComputeSubsidy: boolean;
  contactEmail: string;
  createdAt: string;
}

export interface SupplierRecord extends Supplier {
  contactEmail: string;
  createdAt: string;
}

export interface RelatedPartyLink {
  id: string;
  enterpriseId: string;
  supplierId: string;
  /** Named by the API (the supplier by its Chinese name). */
  enterpriseName: string | null;
  supplierName: string | null;
  description: string;
  createdAt: string;
}

export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  role: string;
  enterpriseId: string | null;
  supplierId: string | null;
  enterpriseName: string | null;
  supplierName: string | null;
  active: boolean;
  createdAt: string;
}

export interface ProgramRecord {
  code: string;
  nameZh: string;
  nameEn: string;
  active: boolean;
  /** Closed by hand or by the plan's end (the server decides with the business date). */
  status?: 'open' | 'closed';
  definition: { planStart: string; planEnd: string; rate: string };
}
