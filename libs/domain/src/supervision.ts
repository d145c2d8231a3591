import { addDays, addYears, compareDates, isBusinessDate, type BusinessDate } from './calendar';
import { Money } from './money';
import type { LocalizedText } from './program';
import { REASON_MESSAGES } from './reasons';

/**
 * Supervision (监督管理, seed 000 §五; seed 001 §五): money obtained by false or fraudulent material is
 * recovered (追回已兑现资金) and the unit is barred (取消后续申领使用资格，且3年内不可申报). Pure rules;
 * the API keeps the records (docs/adr/0027-supervision-clawback-and-debarment.md).
 */

/** 3年内不可申报: the bar lasts three years from the day the finding is recorded. */
export const DEBARMENT_YEARS = 3;

/** The repayment notice gives the unit this many calendar days to repay before it is overdue. */
export const CLAWBACK_DUE_DAYS = 30;

export const FINDING_KINDS = ['false_material', 'fraud', 'misappropriation'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export const FINDING_KIND_LABELS: Record<FindingKind, LocalizedText> = {
  false_material: { zh: '虚报（弄虚作假）', en: 'False material' },
  fraud: { zh: '骗取财政资金', en: 'Fraud' },
  misappropriation: { zh: '挪用', en: 'Misappropriation' },
};

/** The last day of a bar that starts on `startsOn`: the day before the third anniversary. */
export function debarmentEndsOn(startsOn: BusinessDate, years = DEBARMENT_YEARS): BusinessDate {
  return addDays(addYears(startsOn, years), -1);
}

export interface DebarmentFacts {
  /** The authority (bureau) whose programs the unit is barred from. */
  authorityCode: string;
  startsOn: BusinessDate;
  /** Last barred day, inclusive. */
  endsOn: BusinessDate;
  /** Set when an admin lifted it or an appeal overturned the finding: no bar from that day on. */
  liftedOn: BusinessDate | null;
}

/** A bar binds on a date inside [startsOn, endsOn] unless it was lifted on or before that date. */
export function isDebarmentInForce(d: DebarmentFacts, onDate: BusinessDate): boolean {
  if (compareDates(onDate, d.startsOn) < 0 || compareDates(onDate, d.endsOn) > 0) return false;
  return d.liftedOn === null || compareDates(onDate, d.liftedOn) < 0;
}

export interface DebarmentRefusal {
  code: 'ENTERPRISE_DEBARRED';
  message: LocalizedText;
  endsOn: BusinessDate;
}

/**
 * The refusal for a new submission to a program of `authorityCode` on `onDate`, or null. Every submission
 * path (contract applications, the first-come pool, ranked rounds) asks this before writing anything.
 */
export function debarmentRefusal(
  debarments: readonly DebarmentFacts[],
  program: { authorityCode: string },
  onDate: BusinessDate,
): DebarmentRefusal | null {
  const binding = debarments
    .filter((d) => d.authorityCode === program.authorityCode && isDebarmentInForce(d, onDate))
    .sort((a, b) => compareDates(b.endsOn, a.endsOn));
  if (!binding.length) return null;
  return {
    code: 'ENTERPRISE_DEBARRED',
    message: REASON_MESSAGES.ENTERPRISE_DEBARRED,
    endsOn: binding[0].endsOn,
  };
}

export type ReceivableStatus = 'open' | 'repaid' | 'written_off' | 'cancelled';

export interface ReceivableFacts {
  principal: Money;
  repaid: Money;
  status: ReceivableStatus;
  dueOn: BusinessDate;
}

export function outstandingOf(r: Pick<ReceivableFacts, 'principal' | 'repaid'>): Money {
  return r.principal.minus(r.repaid).clampToZero();
}

/** Open, past its due date and not fully repaid. */
export function isOverdue(r: ReceivableFacts, today: BusinessDate): boolean {
  return r.status === 'open' && compareDates(today, r.dueOn) > 0 && outstandingOf(r).isPositive();
}

export type RepaymentResult =
  | { ok: true; repaid: Money; outstanding: Money; status: ReceivableStatus }
  | {
      ok: false;
      code:
        'CLAWBACK_NOT_OPEN' | 'CLAWBACK_REPAYMENT_EXCEEDS_OUTSTANDING' | 'CLAWBACK_REPAYMENT_NOT_POSITIVE';
      message: LocalizedText;
    };

/** A (partial) repayment: never more than is outstanding; the receivable closes when nothing is left. */
export function applyRepayment(r: ReceivableFacts, amount: Money): RepaymentResult {
  if (r.status !== 'open')
    return { ok: false, code: 'CLAWBACK_NOT_OPEN', message: REASON_MESSAGES.CLAWBACK_NOT_OPEN };
  if (!amount.isPositive())
    return {
      ok: false,
      code: 'CLAWBACK_REPAYMENT_NOT_POSITIVE',
      message: REASON_MESSAGES.CLAWBACK_REPAYMENT_NOT_POSITIVE,
    };
  const outstanding = outstandingOf(r);
  if (amount.gt(outstanding))
    return {
      ok: false,
      code: 'CLAWBACK_REPAYMENT_EXCEEDS_OUTSTANDING',
      message: REASON_MESSAGES.CLAWBACK_REPAYMENT_EXCEEDS_OUTSTANDING,
    };
  const repaid = r.repaid.plus(amount);
  const left = outstanding.minus(amount);
  return { ok: true, repaid, outstanding: left, status: left.isZero() ? 'repaid' : 'open' };
}

/**
 * Overdue reminders: one on the day after the due date and then every `everyDays` days, numbered from 1.
 * Returns the reminder number due on `today` (the latest one), or null before the first. A caller keys
 * its notification on the number, so sending twice on a day sends once.
 */
export function reminderNumber(dueOn: BusinessDate, today: BusinessDate, everyDays = 7): number | null {
  if (!isBusinessDate(today) || compareDates(today, dueOn) <= 0) return null;
  let n = 1;
  while (compareDates(addDays(dueOn, 1 + n * everyDays), today) <= 0) n += 1;
  return n;
}
