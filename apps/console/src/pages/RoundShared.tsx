import { findProgram } from '@app/domain';
import { formatMoney } from '../format';

/** The rounds this console knows how to show (特惠 and the supplier subsidy). */
export const ROUND_PROGRAMS = ['chengdu-tehui', 'chengdu-supplier-subsidy'] as const;

export interface RoundCounts {
  entries: number;
  inReview: number;
  waiting: number;
  approved: number;
  refused: number;
  removed: number;
  unranked: number;
  awarded: number;
  openObjections: number;
}

export interface RoundView {
  id: string;
  programCode: string;
  programVersion: number;
  year: number;
  status: string;
  opensOn: string;
  closesOn: string;
  reviewQuota: number;
  noticeWorkingDays: number;
  planRevision: number;
  publishedOn: string | null;
  noticeEndsOn: string | null;
  totalAward: string;
  businessDate: string;
  counts: RoundCounts;
  financeApprovedAt: string | null;
  paidAt: string | null;
}

export interface EntryView {
  id: string;
  programCode: string;
  year: number;
  applicantKind: 'enterprise' | 'supplier';
  applicantName: string;
  receiptSeq: string;
  submittedAt: string;
  basis: string;
  basisDetail: { expected?: string; limitedByCap?: boolean; byProgram?: Record<string, string> } | null;
  standing: string;
  rank: number | null;
  bracket: number | null;
  unrankedReason: string | null;
  reviewedByName: string | null;
  reviewReason: string | null;
  tier: number | null;
  award: string | null;
  planReason: string | null;
  removedReason: string | null;
  paymentStatus: string | null;
  bankReference: string | null;
  /** Required application documents not uploaded yet (staff list only). */
  materialsMissing?: string[];
}

/** "≥ ¥10,000,000.00 → ¥2,000,000.00": a tier (or bracket) of the program's definition. */
export function tierLabel(programCode: string, index: number | null): string {
  if (index === null) return '—';
  const tiers = [...(findProgram(programCode)?.faceValueTiers ?? [])];
  const tier = tiers[index];
  return tier ? `≥ ${formatMoney(tier.minPriorYearSpend ?? '0.00')}` : '—';
}
