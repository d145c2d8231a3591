import {
  addWorkingDays,
  compareDates,
  quarterEndDate,
  yearOf,
  type BusinessDate,
  type Quarter,
} from './calendar';
import { Money } from './money';
import type { LocalizedText, ProgramDefinition } from './program';
import { claimCutoffDate } from './redemption';
import { refusalMessageOr } from './refusals';

/*
 * What the enterprise and supplier screens show about a voucher's life (ADR 0049): whether it has expired,
 * whether a settlement can still be claimed against it (the same rules the claims API applies), the
 * application's progress against the promised time limits, and what is left to settle on a contract.
 */

export interface VoucherLife {
  status: string;
  /** The last day the voucher may be used (vouchers.valid_until); null for one issued before it was kept. */
  validUntil: BusinessDate | null;
}

/** Expired: the workflow marked it so after the final run, or its last day of use is behind `today`. */
export function isVoucherExpired(v: VoucherLife, today: BusinessDate): boolean {
  return v.status === 'expired' || (v.validUntil !== null && compareDates(today, v.validUntil) > 0);
}

export type ClaimRefusalCode =
  | 'NO_VOUCHER_FOR_CONTRACT'
  | 'VOUCHER_EXPIRED'
  | 'VOUCHER_NOT_ACTIVE'
  | 'VOUCHER_VALIDITY_ENDED'
  | 'SETTLEMENT_ALREADY_CLAIMED';

/**
 * Why a confirmed settlement cannot be claimed, or null when it can: exactly the voucher checks of
 * POST /claims (status active; the delivery ends on or before the last day of use), so the console never
 * offers a claim the API would refuse for the voucher's sake. An expired voucher says so by name.
 */
export function claimRefusal(
  voucher: VoucherLife | null,
  settlement: { periodEnd: BusinessDate; claimed: boolean },
): { code: ClaimRefusalCode; message: LocalizedText } | null {
  // The reason is said as POST /claims says it: one catalog of refusal messages.
  const refuse = (code: ClaimRefusalCode) => ({ code, message: refusalMessageOr(code, 422) });
  if (settlement.claimed) return refuse('SETTLEMENT_ALREADY_CLAIMED');
  if (!voucher) return refuse('NO_VOUCHER_FOR_CONTRACT');
  if (voucher.status === 'expired') return refuse('VOUCHER_EXPIRED');
  if (voucher.status !== 'active') return refuse('VOUCHER_NOT_ACTIVE');
  if (voucher.validUntil !== null && compareDates(settlement.periodEnd, voucher.validUntil) > 0)
    return refuse('VOUCHER_VALIDITY_ENDED');
  return null;
}

/** Contract amount − Σ confirmed settlements, to the fen (never below zero: the API refuses more). */
export function leftToSettle(contractAmount: Money, settled: readonly Money[]): Money {
  const left = settled.reduce((acc, s) => acc.minus(s), contractAmount);
  return left.clampToZero();
}

export const PROGRESS_STEPS = [
  'submitted',
  'review',
  'decision',
  'voucher',
  'settlement',
  'claim',
  'paid',
] as const;
export type ProgressStepKey = (typeof PROGRESS_STEPS)[number];

export interface ProgressStep {
  key: ProgressStepKey;
  /** done: happened (on doneOn); current: the next thing due; pending: later; stopped: will not happen. */
  state: 'done' | 'current' | 'pending' | 'stopped';
  doneOn: BusinessDate | null;
  /** The promised time limit, when the policy sets one. */
  dueOn: BusinessDate | null;
  /** Not done and `today` is past the due date, or done after it. */
  late: boolean;
}

export interface ProgressInput {
  program: ProgramDefinition;
  /** The review time limit in working days (REVIEW_DUE_WORKING_DAYS). */
  reviewWorkingDays: number;
  today: BusinessDate;
  status: string;
  submittedOn: BusinessDate;
  /** The first review completed (the reviewer's recommendation or decision). */
  reviewedOn: BusinessDate | null;
  /** Approved or rejected (applications.decided_at as a business date). */
  decidedOn: BusinessDate | null;
  voucher: { issuedOn: BusinessDate; validUntil: BusinessDate | null } | null;
  firstSettlementOn: BusinessDate | null;
  firstClaim: { claimedOn: BusinessDate; run: { year: number; quarter: Quarter } } | null;
  firstPaidOn: BusinessDate | null;
}

const ENDED_BEFORE_VOUCHER = new Set(['refused', 'rejected', 'withdrawn']);

/**
 * The steps submitted → review → decision → voucher → settlement → claim → paid with their due dates:
 * review within N working days of submission (holidays and 调休 from the calendar); a decision (with a
 * second approval where one is needed) within N working days of the review; the voucher issued on the day
 * of approval; settlement by the voucher's last day of use; the claim by the program's yearly claim cutoff;
 * payment by the run date (quarter end) of the run the claim was assigned to.
 */
export function applicationProgress(p: ProgressInput): ProgressStep[] {
  const reviewDue = addWorkingDays(p.submittedOn, p.reviewWorkingDays);
  const decisionDue = addWorkingDays(p.reviewedOn ?? reviewDue, p.reviewWorkingDays);
  const claimYear = p.firstSettlementOn
    ? yearOf(p.firstSettlementOn)
    : p.voucher
      ? yearOf(p.voucher.issuedOn)
      : null;
  const raw: Record<ProgressStepKey, { doneOn: BusinessDate | null; dueOn: BusinessDate | null }> = {
    submitted: { doneOn: p.submittedOn, dueOn: null },
    review: {
      doneOn: p.reviewedOn ?? (p.decidedOn && p.status !== 'refused' ? p.decidedOn : null),
      dueOn: reviewDue,
    },
    decision: { doneOn: p.decidedOn, dueOn: decisionDue },
    voucher: { doneOn: p.voucher?.issuedOn ?? null, dueOn: p.voucher ? p.decidedOn : (p.decidedOn ?? null) },
    settlement: { doneOn: p.firstSettlementOn, dueOn: p.voucher?.validUntil ?? null },
    claim: {
      doneOn: p.firstClaim?.claimedOn ?? null,
      dueOn: claimYear === null ? null : claimCutoffDate(p.program, claimYear),
    },
    paid: {
      doneOn: p.firstPaidOn,
      dueOn: p.firstClaim ? quarterEndDate(p.firstClaim.run.year, p.firstClaim.run.quarter) : null,
    },
  };
  // Refused at the automated checks, rejected or withdrawn: nothing after the decision will happen.
  const ended = ENDED_BEFORE_VOUCHER.has(p.status);
  let currentTaken = false;
  return PROGRESS_STEPS.map((key, i) => {
    const { doneOn, dueOn } = raw[key];
    let state: ProgressStep['state'];
    if (doneOn) state = 'done';
    else if (ended && i >= PROGRESS_STEPS.indexOf('review')) state = 'stopped';
    else if (!currentTaken) {
      state = 'current';
      currentTaken = true;
    } else state = 'pending';
    const late =
      dueOn !== null &&
      state !== 'stopped' &&
      (doneOn ? compareDates(doneOn, dueOn) > 0 : state === 'current' && compareDates(p.today, dueOn) > 0);
    return { key, state, doneOn, dueOn: state === 'stopped' ? null : dueOn, late };
  });
}
