import {
  compareDates,
  compareQuarters,
  daysInclusive,
  dateOf,
  nextQuarter,
  overlapDays,
  quarterEndDate,
  quarterOf,
  yearOf,
  type BusinessDate,
  type Quarter,
  type YearQuarter,
} from './calendar';
import { DomainInputError } from './errors';
import { Money } from './money';
import type { LocalizedText, ProgramDefinition } from './program';
import { REASON_MESSAGES } from './reasons';

export interface SettlementPeriod {
  /** First and last day of the delivered (settled and invoiced) period, both inclusive. */
  periodStart: BusinessDate;
  periodEnd: BusinessDate;
  /** Invoiced amount of eligible (intelligent compute) service for the period. */
  amount: Money;
}

/**
 * The part of an invoiced amount delivered inside the plan window, pro rata by calendar days (both ends
 * inclusive), truncated to the fen. A period entirely outside the window gives zero.
 */
export function eligibleInvoicedAmount(program: ProgramDefinition, settlement: SettlementPeriod): Money {
  if (settlement.amount.isNegative()) {
    throw new DomainInputError(
      'NEGATIVE_AMOUNT',
      `Settlement amount is negative: ${settlement.amount.toString()}`,
    );
  }
  const totalDays = daysInclusive(settlement.periodStart, settlement.periodEnd);
  if (totalDays === 0) {
    throw new DomainInputError(
      'PERIOD_END_BEFORE_START',
      `Settlement period ends before it starts: ${settlement.periodStart} … ${settlement.periodEnd}`,
    );
  }
  const inPlan = overlapDays(
    settlement.periodStart,
    settlement.periodEnd,
    program.planStart,
    program.planEnd,
  );
  return settlement.amount.prorate(inPlan, totalDays);
}

export interface PayoutInput {
  invoicedEligibleAmount: Money;
  voucherRemaining: Money;
}

export interface PayoutResult {
  payout: Money;
  /** invoicedEligibleAmount × rate, before the voucher balance. */
  uncappedPayout: Money;
  limitedByBalance: boolean;
}

/**
 * The voucher share of an invoice: invoicedEligibleAmount × rate truncated to the fen, never above the
 * voucher's remaining balance and never negative. Summed over a voucher's claims it can never exceed the
 * face value, so a payout (rolled over or not) can never create yearly room (docs/adr/0005-yearly-cap.md).
 */
export function computePayout(program: ProgramDefinition, input: PayoutInput): PayoutResult {
  const uncappedPayout = input.invoicedEligibleAmount.clampToZero().timesRate(program.rate);
  const balance = input.voucherRemaining.clampToZero();
  const payout = uncappedPayout.min(balance);
  return { payout, uncappedPayout, limitedByBalance: payout.lt(uncappedPayout) };
}

export interface RedemptionRun {
  year: number;
  quarter: Quarter;
  /** Last day of the quarter: Mar 31, Jun 30, Sep 30 or Dec 31. */
  runDate: BusinessDate;
}

export type RunAssignmentReason =
  /** The run of the quarter the claim was filed in. */
  | 'IN_QUARTER'
  /** Delivered Nov 16 – Dec 31 of its year: goes to next year's Q1 (or the claim's later quarter). */
  | 'DELIVERED_AFTER_CUTOFF'
  /** Delivered by the cutoff but claimed after it: late for the year. */
  | 'CLAIMED_AFTER_CUTOFF'
  /** Filed before the program's first run existed: goes to the first run. */
  | 'BEFORE_FIRST_RUN';

export type RunRefusalCode =
  'CLAIM_BEFORE_DELIVERY' | 'DELIVERY_BEFORE_PLAN_START' | 'DELIVERY_AFTER_PLAN_END' | 'PLAN_CLOSED';

export type RunAssignment =
  | { ok: true; run: RedemptionRun; rolledOver: boolean; reason: RunAssignmentReason }
  | { ok: false; code: RunRefusalCode; message: LocalizedText };

export interface RunAssignmentInput {
  /** The last day of the delivered period the claim is for. */
  deliveredOn: BusinessDate;
  /** The day the redemption claim was filed. */
  claimedOn: BusinessDate;
}

export function redemptionRun(year: number, quarter: Quarter): RedemptionRun {
  return { year, quarter, runDate: quarterEndDate(year, quarter) };
}

/** Claims of year Y close on this day of Y, inclusive; null when the program has no cutoff. */
export function claimCutoffDate(program: ProgramDefinition, year: number): BusinessDate | null {
  const c = program.redemption.claimCutoff;
  return c === null ? null : dateOf(year, c.month, c.day);
}

function isAfterCutoff(program: ProgramDefinition, date: BusinessDate): boolean {
  const cutoff = claimCutoffDate(program, yearOf(date));
  return cutoff !== null && compareDates(date, cutoff) > 0;
}

/**
 * The run a claim filed on `date` can be paid in: the run of its own quarter, except that the Q4 run only
 * takes claims up to the cutoff, so a claim filed after it waits for next year's Q1.
 */
function runForClaimDate(program: ProgramDefinition, date: BusinessDate): YearQuarter {
  if (isAfterCutoff(program, date) && program.redemption.rollover === 'next-year-q1') {
    return { year: yearOf(date) + 1, quarter: 1 };
  }
  return quarterOf(date);
}

function refuse(code: RunRefusalCode): RunAssignment {
  return { ok: false, code, message: REASON_MESSAGES[code] };
}

/**
 * Which quarterly run pays a claim (docs/adr/0003-business-calendar-and-redemption-runs.md).
 *
 * A claim belongs to the run of the quarter it is filed in. Year Y's claims close on the cutoff (Nov 15),
 * inclusive. Parts delivered after the cutoff of Y, and claims filed after the cutoff of the delivery year,
 * go to Y+1 Q1, or to the claim's own quarter if that is later. Because a claim is never filed before its
 * delivery, both conditions reduce to "the run for the claim date", so the same rule produces seed 000 §六's
 * 2023 transition (delivered 11/16–12/31/2023 → 2024 Q1) without a special case.
 */
export function assignRedemptionRun(program: ProgramDefinition, input: RunAssignmentInput): RunAssignment {
  const { deliveredOn, claimedOn } = input;
  if (compareDates(claimedOn, deliveredOn) < 0) return refuse('CLAIM_BEFORE_DELIVERY');
  if (compareDates(deliveredOn, program.planStart) < 0) return refuse('DELIVERY_BEFORE_PLAN_START');
  if (compareDates(deliveredOn, program.planEnd) > 0) return refuse('DELIVERY_AFTER_PLAN_END');

  let target = runForClaimDate(program, claimedOn);
  let reason: RunAssignmentReason = isAfterCutoff(program, deliveredOn)
    ? 'DELIVERED_AFTER_CUTOFF'
    : compareDates(claimedOn, claimCutoffDate(program, yearOf(deliveredOn)) ?? claimedOn) > 0
      ? 'CLAIMED_AFTER_CUTOFF'
      : 'IN_QUARTER';
  if (compareQuarters(target, program.redemption.firstRun) < 0) {
    target = program.redemption.firstRun;
    reason = 'BEFORE_FIRST_RUN';
  }
  if (compareQuarters(target, program.redemption.finalRun) > 0) return refuse('PLAN_CLOSED');

  return {
    ok: true,
    run: redemptionRun(target.year, target.quarter),
    // Paid in a later calendar year than delivered: counts against the voucher's own year, never new room.
    rolledOver: target.year > yearOf(deliveredOn),
    reason,
  };
}

/** Stable identity of a run, e.g. 'redemption-run:beijing-ai-compute-2023:2024-Q1' (workflow ids, locks). */
export function redemptionRunKey(programCode: string, year: number, quarter: Quarter): string {
  quarterEndDate(year, quarter); // validates year and quarter
  return `redemption-run:${programCode}:${year}-Q${quarter}`;
}

/** Every run of the program, first to final (Beijing: 2023 Q4 … 2026 Q1). */
export function runsOfProgram(program: ProgramDefinition): RedemptionRun[] {
  const runs: RedemptionRun[] = [];
  for (
    let q: YearQuarter = program.redemption.firstRun;
    compareQuarters(q, program.redemption.finalRun) <= 0;
    q = nextQuarter(q)
  ) {
    runs.push(redemptionRun(q.year, q.quarter));
  }
  return runs;
}
