import type { FunderTotal, PartyTotal } from '@app/domain/run-totals';
import type { components } from './api-types';

/**
 * Shapes of the API's answers, as the console reads them (amounts are strings). Where the OpenAPI document
 * describes an answer, the type is an alias of the one generated from it (api-types.ts, written by
 * `npm run openapi:types`, not committed); the interfaces left are answers the document does not yet give a
 * schema (ADR 0051).
 */
type Schemas = components['schemas'];

export type Supplier = Schemas['CatalogSupplierResponse'];

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
  /** The application's reference number (SQ…), as the registers show it. */
  applicationNumber: string;
  contractNumber: string | null;
  submittedOn: string | null;
}

export type Check = Schemas['EligibilityCheckResponse'];

export type AppTask = Schemas['ApplicationTaskView'];

export type HistoryEntry = Schemas['HistoryEntryView'];

export type ApplicationDetail = Schemas['ApplicationDetailResponse'];

export type ApplicationRow = Schemas['ApplicationRowResponse'];

/** A run's totals per enterprise, supplier and funder, as the run's activities write them. */
export type { FunderTotal, PartyTotal } from '@app/domain/run-totals';

/** A redemption run as the list answers it, with who started it by hand (null: the schedule). */
export type Run = Schemas['RunView'];

/** A run's totals per party, as the workflow writes them (the document gives the report no schema yet). */
export interface RunReport {
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
}

/** The run as its detail answers it: who started it, whether the caller may approve (ADR 0045), its report. */
export type RunDetail = Omit<Schemas['RunDetail'], 'approvalBlock' | 'report'> & {
  approvalBlock: { code: string; message: Schemas['BilingualText'] } | null;
  report: RunReport | null;
};

/** One claim's payout line, by our reference numbers. */
export type RunLine = Schemas['RunLineView'];

/** A program's funder as the catalog lists it. */
export interface FundingShare {
  funderCode: string;
  funder: { zh: string; en: string };
  share: string;
}

/** The admin's registers (GET /admin/…), as stored. */
export type EnterpriseRecord = Schemas['EnterpriseRecordResponse'];

export type SupplierRecord = Schemas['SupplierRecordResponse'];

export type RelatedPartyLink = Schemas['RelatedPartyLinkRowResponse'];

export type UserRecord = Schemas['UserRowResponse'];

export type ProgramRecord = Schemas['ProgramRecordResponse'];
