import {
  compareDates,
  compareQuarters,
  nextQuarter,
  quarterEndDate,
  type BusinessDate,
  type YearQuarter,
} from './calendar';
import type { LocalizedText, ProgramDefinition } from './program';
import { voucherValidUntil } from './amounts';
import { redemptionRun, type RedemptionRun } from './redemption';

/**
 * The dates a program's plan enforces (docs/adr/0044-demo-year-and-plan-dates.md): nothing new after the
 * plan ends, no voucher born expired, no claim in a run that has already gathered, no run before its date.
 */

export type PlanDateRefusalCode = 'PLAN_CLOSED' | 'ISSUANCE_AFTER_VALIDITY' | 'RUN_BEFORE_RUN_DATE';

export type PlanDateVerdict = { ok: true } | { ok: false; code: PlanDateRefusalCode; message: LocalizedText };

/** What each refusal says to the applicant or to finance, Chinese first. */
export const PLAN_DATE_MESSAGES: Record<PlanDateRefusalCode, LocalizedText> = {
  PLAN_CLOSED: {
    zh: '实施方案已到期，不再受理新的申领',
    en: "The program's plan has ended: no new applications are accepted",
  },
  ISSUANCE_AFTER_VALIDITY: {
    zh: '算力券发放之日已过有效期，不予发放，亦不占用年度额度',
    en: 'The voucher would already be expired on its issue date: not issued, and no cap is used',
  },
  RUN_BEFORE_RUN_DATE: {
    zh: '未到该季度兑付日，暂不能发起兑付批次',
    en: "The quarter's run date has not come yet: the run cannot start",
  },
};

const refuse = (code: PlanDateRefusalCode): PlanDateVerdict => ({
  ok: false,
  code,
  message: PLAN_DATE_MESSAGES[code],
});

/** Whether the plan has ended on `today` (its last day still counts). */
export function planHasEnded(program: ProgramDefinition, today: BusinessDate): boolean {
  return compareDates(today, program.planEnd) > 0;
}

/** A new application filed on `today`: refused (PLAN_CLOSED) once the plan has ended. */
export function applicationDateVerdict(program: ProgramDefinition, today: BusinessDate): PlanDateVerdict {
  return planHasEnded(program, today) ? refuse('PLAN_CLOSED') : { ok: true };
}

/**
 * What a program shows on `today`: an admin may close it by hand (active = false), and it closes itself
 * once its plan has ended — never 开放申领 for a plan that takes nothing new.
 */
export function programStatusOn(
  program: ProgramDefinition,
  active: boolean,
  today: BusinessDate,
): 'open' | 'closed' {
  return active && !planHasEnded(program, today) ? 'open' : 'closed';
}

/**
 * A voucher issued on `today` must still be valid that day: one whose validity (the plan's end at the
 * latest) is already over is not issued at all, so it reserves nothing against any cap.
 */
export function issuanceDateVerdict(program: ProgramDefinition, today: BusinessDate): PlanDateVerdict {
  return compareDates(voucherValidUntil(program, today), today) < 0
    ? refuse('ISSUANCE_AFTER_VALIDITY')
    : { ok: true };
}

/**
 * Starting a quarter's run by hand before its run date (the quarter's last day) would gather a quarter
 * still taking claims. Refused on the real calendar; a sandbox rehearsal may start it early.
 */
export function runStartVerdict(
  run: YearQuarter,
  today: BusinessDate,
  options: { sandbox: boolean },
): PlanDateVerdict {
  if (options.sandbox) return { ok: true };
  return compareDates(today, quarterEndDate(run.year, run.quarter)) < 0
    ? refuse('RUN_BEFORE_RUN_DATE')
    : { ok: true };
}

export type OpenRunChoice =
  | { ok: true; run: RedemptionRun; movedOn: boolean }
  | { ok: false; code: 'PLAN_CLOSED'; message: LocalizedText };

/**
 * The run a claim really goes to: the one the calendar assigns, or — when that run has already gathered
 * its claims or completed — the next run still open, however many are closed; none left: PLAN_CLOSED.
 */
export function nextOpenRun(
  program: ProgramDefinition,
  assigned: YearQuarter,
  isClosed: (run: YearQuarter) => boolean,
): OpenRunChoice {
  let q: YearQuarter = { year: assigned.year, quarter: assigned.quarter };
  let movedOn = false;
  while (isClosed(q)) {
    q = nextQuarter(q);
    movedOn = true;
    if (compareQuarters(q, program.redemption.finalRun) > 0) {
      return {
        ok: false,
        code: 'PLAN_CLOSED',
        message: {
          zh: '实施方案最后一次兑付已开始，不再受理兑付申请',
          en: "The program's final redemption run has already started",
        },
      };
    }
  }
  return { ok: true, run: redemptionRun(q.year, q.quarter), movedOn };
}
