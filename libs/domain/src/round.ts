import { DomainInputError } from './errors';
import { Money } from './money';
import { addWorkingDays, compareDates, dateOf, daysInMonth, type BusinessDate } from './calendar';
import type { FaceValueTier, ProgramDefinition, RoundRule } from './program';

/*
 * The yearly ranked round with public notice (公示) and backfill (递补): Chengdu 特惠算力券 and the
 * supplier subsidy 算力补贴券 (seed 001 §三, §四(二)(三)). Pure functions: the activities feed them rows and
 * store what they return. Readings: docs/adr/0018 (tier matching), 0019 (notice days), 0020 (subsidy basis).
 */

/** Reason codes of the round (messages in reasons.ts). */
export type RoundReasonCode =
  | 'ROUND_WINDOW_NOT_OPEN'
  | 'ROUND_ALREADY_APPLIED'
  | 'ROUND_SPEND_BELOW_LOWEST_TIER'
  | 'ROUND_NOT_COMBINABLE'
  | 'ROUND_NO_TIER_WITH_ROOM'
  | 'ROUND_NO_BASIS_FEES'
  | 'ROUND_SUPPLIER_NOT_LISTED'
  | 'ROUND_NOTICE_NOT_OVER'
  | 'ROUND_OBJECTIONS_OPEN'
  | 'ROUND_NOTICE_CLOSED'
  | 'ROUND_NOT_IN_NOTICE';

export function roundRuleOf(def: ProgramDefinition): RoundRule {
  if (!def.round) throw new DomainInputError('PROGRAM_NOT_A_ROUND', `${def.code} has no yearly round`);
  return def.round;
}

/** The application window of a round year, both ends inclusive (Feb 29 falls back to Feb 28). */
export function roundWindow(
  rule: RoundRule,
  year: number,
): { opensOn: BusinessDate; closesOn: BusinessDate } {
  const at = (md: { month: number; day: number }) =>
    dateOf(year, md.month, Math.min(md.day, daysInMonth(year, md.month)));
  return { opensOn: at(rule.opens), closesOn: at(rule.closes) };
}

export function isWindowOpen(rule: RoundRule, year: number, today: BusinessDate): boolean {
  const w = roundWindow(rule, year);
  return compareDates(today, w.opensOn) >= 0 && compareDates(today, w.closesOn) <= 0;
}

/** The window has passed: the round may be closed and ranked. */
export function isWindowOver(rule: RoundRule, year: number, today: BusinessDate): boolean {
  return compareDates(today, roundWindow(rule, year).closesOn) > 0;
}

/** Tiers from the highest face value down (the definition lists them so; sorted defensively). */
export function tiersHighestFirst(tiers: readonly FaceValueTier[]): FaceValueTier[] {
  return [...tiers].sort((a, b) => Money.parse(b.faceValue).cmp(Money.parse(a.faceValue)));
}

/**
 * The spend bracket (区间) of a prior-year spend: the index (highest tier first) of the highest tier whose
 * threshold the spend meets; null below every threshold.
 */
export function spendBracket(tiers: readonly FaceValueTier[], spend: Money): number | null {
  const sorted = tiersHighestFirst(tiers);
  const i = sorted.findIndex(
    (t) => t.minPriorYearSpend === null || spend.gte(Money.parse(t.minPriorYearSpend)),
  );
  return i < 0 ? null : i;
}

export interface RoundCandidate {
  id: string;
  /** Prior-year spend (特惠) or the supplier's fees under last year's vouchers (subsidy). */
  basis: Money;
  /** The server's receipt order (a database sequence): 平台提交时间. */
  receiptSeq: number;
}

export interface RankedCandidate extends RoundCandidate {
  /** 1 = first. */
  rank: number;
  /** Spend bracket (highest tier first) for 'prior-year-spend'; null for supplier fees. */
  bracket: number | null;
}

export interface Unranked {
  id: string;
  reason: RoundReasonCode;
}

/**
 * Ranks a closed round. 'prior-year-spend': by spend bracket (the tier thresholds), within one bracket by
 * receipt order — not by the amount inside the bracket (seed 001: 同一区间按平台提交时间排序). Below the
 * lowest threshold no tier can ever be matched: unranked with a reason. 'prior-year-supplier-fees': by fees,
 * highest first, then receipt order; no fees, unranked.
 */
export function rankRound(
  rule: RoundRule,
  tiers: readonly FaceValueTier[],
  candidates: readonly RoundCandidate[],
): { ranked: RankedCandidate[]; unranked: Unranked[] } {
  const unranked: Unranked[] = [];
  const keyed: { c: RoundCandidate; bracket: number | null }[] = [];
  for (const c of candidates) {
    if (rule.rankBy === 'prior-year-spend') {
      const bracket = spendBracket(tiers, c.basis);
      if (bracket === null) unranked.push({ id: c.id, reason: 'ROUND_SPEND_BELOW_LOWEST_TIER' });
      else keyed.push({ c, bracket });
    } else if (!c.basis.isPositive()) {
      unranked.push({ id: c.id, reason: 'ROUND_NO_BASIS_FEES' });
    } else {
      keyed.push({ c, bracket: null });
    }
  }
  keyed.sort((a, b) => {
    if (a.bracket !== null && b.bracket !== null && a.bracket !== b.bracket) return a.bracket - b.bracket;
    if (a.bracket === null && b.bracket === null) {
      const byFees = b.c.basis.cmp(a.c.basis);
      if (byFees !== 0) return byFees;
    }
    return a.c.receiptSeq - b.c.receiptSeq || (a.c.id < b.c.id ? -1 : a.c.id > b.c.id ? 1 : 0);
  });
  return {
    ranked: keyed.map(({ c, bracket }, i) => ({ ...c, rank: i + 1, bracket })),
    unranked,
  };
}

/** A reviewer's (or an upheld objection's) outcome for one ranked entry. */
export type EntryOutcome = 'approved' | 'refused' | 'removed';
export type EntryStanding = EntryOutcome | 'in_review' | 'waiting';

/**
 * Who is under review (递补): walking the ranking, each entry not refused or removed takes one of the
 * `quota` review places; a refusal or a removal frees its place for the next in rank. Monotone: deciding
 * an entry never pushes out one ranked above it.
 */
export function reviewStandings(
  ranked: readonly { id: string }[],
  outcomes: ReadonlyMap<string, EntryOutcome>,
  quota: number,
): Map<string, EntryStanding> {
  const out = new Map<string, EntryStanding>();
  let places = quota;
  for (const r of ranked) {
    const outcome = outcomes.get(r.id);
    if (outcome === 'refused' || outcome === 'removed') {
      out.set(r.id, outcome);
    } else if (places > 0) {
      places -= 1;
      out.set(r.id, outcome ?? 'in_review');
    } else {
      out.set(r.id, 'waiting');
    }
  }
  return out;
}

/** Reviewing is over when no admitted entry waits for a decision. */
export function reviewComplete(standings: ReadonlyMap<string, EntryStanding>): boolean {
  for (const s of standings.values()) if (s === 'in_review') return false;
  return true;
}

export interface TierMatch {
  id: string;
  /** Index into the tiers, highest first; null = no tier. */
  tier: number | null;
  amount: Money | null;
  reason: RoundReasonCode | null;
}

/**
 * 按算力支出金额匹配: the approved entries, in rank order, each get the highest tier that still has room and
 * whose threshold they meet. When a bracket overflows its tier, the overflow takes the next tier down
 * (ADR 0018), so a face never exceeds 20% of the spend (each tier's face is 20% of its threshold).
 */
export function matchTiers(
  tiers: readonly FaceValueTier[],
  approvedInRankOrder: readonly { id: string; basis: Money }[],
): TierMatch[] {
  const sorted = tiersHighestFirst(tiers);
  const room = sorted.map((t) => t.count ?? Number.POSITIVE_INFINITY);
  return approvedInRankOrder.map(({ id, basis }) => {
    const i = sorted.findIndex(
      (t, k) => room[k] > 0 && (t.minPriorYearSpend === null || basis.gte(Money.parse(t.minPriorYearSpend))),
    );
    if (i < 0) return { id, tier: null, amount: null, reason: 'ROUND_NO_TIER_WITH_ROOM' };
    room[i] -= 1;
    return { id, tier: i, amount: Money.parse(sorted[i].faceValue), reason: null };
  });
}

/** 算力补贴券: at most `rate` of the supplier's fees (truncated to the fen), at most the yearly cap. */
export function supplierSubsidyAmount(
  fees: Money,
  rate: string,
  yearlyCap: string | null,
): { amount: Money; limitedByCap: boolean } {
  const share = fees.clampToZero().timesRate(rate);
  if (yearlyCap === null) return { amount: share, limitedByCap: false };
  const cap = Money.parse(yearlyCap);
  return share.gt(cap) ? { amount: cap, limitedByCap: true } : { amount: share, limitedByCap: false };
}

/** The plan of a supplier-subsidy round: every approved supplier gets its computed amount. */
export function matchSubsidies(
  def: ProgramDefinition,
  approvedInRankOrder: readonly { id: string; basis: Money }[],
): TierMatch[] {
  return approvedInRankOrder.map(({ id, basis }) => {
    const { amount } = supplierSubsidyAmount(basis, def.rate, def.perSupplierYearlyCap);
    return amount.isPositive()
      ? { id, tier: null, amount, reason: null }
      : { id, tier: null, amount: null, reason: 'ROUND_NO_BASIS_FEES' };
  });
}

/** The allocation plan of either kind of round. */
export function allocationPlan(
  def: ProgramDefinition,
  approvedInRankOrder: readonly { id: string; basis: Money }[],
): TierMatch[] {
  return roundRuleOf(def).rankBy === 'prior-year-spend'
    ? matchTiers(def.faceValueTiers, approvedInRankOrder)
    : matchSubsidies(def, approvedInRankOrder);
}

/**
 * The public notice (公示) of a plan published on `publishedOn`: the publication day is not counted (as a
 * statutory period), the notice runs through the n-th working day after it (ADR 0019).
 */
export function noticePeriod(
  publishedOn: BusinessDate,
  workingDays: number,
): { startsOn: BusinessDate; endsOn: BusinessDate } {
  if (!Number.isInteger(workingDays) || workingDays < 1) {
    throw new DomainInputError('ROUND_NOTICE_DAYS', `notice working days must be ≥ 1: ${workingDays}`);
  }
  return { startsOn: publishedOn, endsOn: addWorkingDays(publishedOn, workingDays) };
}

export function isNoticeRunning(
  notice: { startsOn: BusinessDate; endsOn: BusinessDate },
  today: BusinessDate,
): boolean {
  return compareDates(today, notice.startsOn) >= 0 && compareDates(today, notice.endsOn) <= 0;
}

/**
 * Finance may approve payment only when the notice is over (公示无异议后) and no objection is undecided.
 * null = may approve.
 */
export function paymentRefusal(
  notice: { startsOn: BusinessDate; endsOn: BusinessDate } | null,
  openObjections: number,
  today: BusinessDate,
): RoundReasonCode | null {
  if (!notice) return 'ROUND_NOT_IN_NOTICE';
  if (compareDates(today, notice.endsOn) <= 0) return 'ROUND_NOTICE_NOT_OVER';
  if (openObjections > 0) return 'ROUND_OBJECTIONS_OPEN';
  return null;
}

/**
 * 不可重复申领: an applicant holding (or having applied for) a voucher of a program this one may not be
 * combined with in the same year is refused.
 */
export function combinationRefusal(
  def: ProgramDefinition,
  heldProgramCodes: readonly string[],
): RoundReasonCode | null {
  return heldProgramCodes.some((c) => def.stacking.notCombinableWith.includes(c))
    ? 'ROUND_NOT_COMBINABLE'
    : null;
}

/** Deterministic workflow id of one program's round of one year. */
export function allocationRoundKey(programCode: string, year: number): string {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new DomainInputError('ROUND_YEAR', `not a round year: ${year}`);
  }
  return `allocation-round:${programCode}:${year}`;
}
