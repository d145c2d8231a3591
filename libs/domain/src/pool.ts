import { yearOf, type BusinessDate } from './calendar';
import { Money } from './money';
import type { MaterialRequirement, PoolRule, ProgramDefinition, VoucherValidity } from './program';
import type { ReasonCode } from './reasons';

/**
 * A first-come pool (发完即止, Chengdu 普惠): the year's slots go to applications in the server's receipt
 * order; later ones wait (or are refused); a unit applies once a year; the voucher is deducted at the
 * supplier (≤ a share of the actual payment, ≤ what is left on it) within its validity. Pure rules only —
 * the database applies them with a conditional update under one row lock (ADR 0015).
 */

/** Where an application lands when it is received. */
export type PoolPlacement =
  { kind: 'slot'; slotNo: number } | { kind: 'waitlist' } | { kind: 'refused'; code: 'POOL_EXHAUSTED' };

/**
 * `heldBefore` slots of `slots` were held when this application was received (read under the pool row's
 * lock): it takes the next slot, or waits, or — for a pool without a waitlist — is refused.
 */
export function placeInPool(rule: PoolRule, slots: number, heldBefore: number): PoolPlacement {
  if (!Number.isInteger(slots) || slots < 0 || !Number.isInteger(heldBefore) || heldBefore < 0) {
    throw new RangeError(`bad pool counters: ${heldBefore}/${slots}`);
  }
  if (heldBefore < slots) return { kind: 'slot', slotNo: heldBefore + 1 };
  return rule.waitlist ? { kind: 'waitlist' } : { kind: 'refused', code: 'POOL_EXHAUSTED' };
}

export interface Receipt {
  id: string;
  receiptNo: number;
}

/** Waiting applications in receipt order, with their 1-based positions. */
export function waitlistPositions<T extends Receipt>(waiting: readonly T[]): (T & { position: number })[] {
  return [...waiting].sort((a, b) => a.receiptNo - b.receiptNo).map((w, i) => ({ ...w, position: i + 1 }));
}

/** The application a freed slot passes to: the earliest received of those waiting; none if nobody waits. */
export function nextInLine<T extends Receipt>(waiting: readonly T[]): T | null {
  return waiting.reduce<T | null>(
    (best, w) => (best === null || w.receiptNo < best.receiptNo ? w : best),
    null,
  );
}

/** The yearly slots a program's pool has (Chengdu 普惠: 300); null when the program has no pool. */
export function poolSlots(program: ProgramDefinition): number | null {
  if (program.pool === null || program.vouchersPerYear === null) return null;
  return program.vouchersPerYear;
}

/**
 * Whether a unit may apply to the pool this year: its own earlier application that year (限领一次, counting
 * every application it made, whatever became of it — ADR 0015) and a voucher of a program this one may not
 * be combined with (不可重复申领: 普惠 and 特惠).
 */
export function poolApplicationRefusal(
  program: ProgramDefinition,
  facts: { applicationsThisYear: number; programsHeldThisYear: readonly string[] },
): ReasonCode | null {
  const perYear = program.applicationsPerEnterprisePerYear;
  if (perYear !== null && facts.applicationsThisYear >= perYear) return 'POOL_ALREADY_APPLIED_THIS_YEAR';
  if (facts.programsHeldThisYear.some((code) => program.stacking.notCombinableWith.includes(code))) {
    return 'POOL_NOT_COMBINABLE';
  }
  return null;
}

/** The year a voucher is valid in (issuance-year validity); null when its validity is not a calendar year. */
export function validityYear(validity: VoucherValidity, issuedOn: BusinessDate): number | null {
  return validity.kind === 'issuance-year' ? yearOf(issuedOn) : null;
}

/**
 * Whether a voucher issued on `issuedOn` may be used on `usedOn` (当年领取当年有效). "Used" is the day the
 * unit pays the supplier, which the supplier records the deduction on (ADR 0017).
 */
export function voucherUsableOn(
  validity: VoucherValidity,
  issuedOn: BusinessDate,
  usedOn: BusinessDate,
): { usable: true } | { usable: false; code: 'VOUCHER_NOT_VALID_THIS_YEAR' } {
  const year = validityYear(validity, issuedOn);
  if (year !== null && yearOf(usedOn) !== year) return { usable: false, code: 'VOUCHER_NOT_VALID_THIS_YEAR' };
  return { usable: true };
}

export type DeductionLimit = 'share-of-payment' | 'remaining-face-value';

export type DeductionOutcome =
  | {
      ok: true;
      amount: Money;
      /** Which limit set the amount (when both give the same amount: the share of the payment). */
      limitedBy: DeductionLimit;
      shareLimit: Money;
      remainingBefore: Money;
      remainingAfter: Money;
    }
  | { ok: false; code: ReasonCode };

/**
 * What a voucher deducts from one payment: at most `maxShareOfPayment` of the actual payment (truncated to
 * the fen: "不超过") and at most what is left of its face value.
 */
export function computeDeduction(input: {
  payment: Money;
  faceValue: Money;
  deductedBefore: Money;
  maxShareOfPayment: string;
}): DeductionOutcome {
  if (!input.payment.isPositive()) return { ok: false, code: 'DEDUCTION_PAYMENT_NOT_POSITIVE' };
  const remainingBefore = input.faceValue.minus(input.deductedBefore).clampToZero();
  if (remainingBefore.isZero()) return { ok: false, code: 'VOUCHER_BALANCE_EXHAUSTED' };
  const shareLimit = input.payment.timesRate(input.maxShareOfPayment);
  if (shareLimit.isZero()) return { ok: false, code: 'DEDUCTION_PAYMENT_NOT_POSITIVE' };
  const amount = Money.min(shareLimit, remainingBefore);
  return {
    ok: true,
    amount,
    limitedBy: shareLimit.lte(remainingBefore) ? 'share-of-payment' : 'remaining-face-value',
    shareLimit,
    remainingBefore,
    remainingAfter: remainingBefore.minus(amount),
  };
}

/** The program's required materials for one party and stage whose codes are not among those uploaded. */
export function missingMaterials(
  program: ProgramDefinition,
  party: MaterialRequirement['party'],
  stage: MaterialRequirement['stage'],
  uploadedCodes: readonly string[],
): MaterialRequirement[] {
  return program.materials.filter(
    (m) => m.party === party && m.stage === stage && m.required && !uploadedCodes.includes(m.code),
  );
}

/** The materials a party may upload at a stage (an upload with any other code is refused). */
export function materialCodes(
  program: ProgramDefinition,
  party: MaterialRequirement['party'],
  stage: MaterialRequirement['stage'],
): string[] {
  return program.materials.filter((m) => m.party === party && m.stage === stage).map((m) => m.code);
}
