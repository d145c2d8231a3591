import { addDays, compareDates, daysInclusive, type BusinessDate } from './calendar';
import { DomainInputError } from './errors';
import { Money } from './money';

/**
 * Budget forecast (docs/adr/0029-budget-forecast.md): when will a pool run out at the pace it is being
 * used? Commitments are what the pool is charged with (face value issued, or for pools charged at payment,
 * what was paid); the pipeline is what is expected to be charged next (applications under review at
 * their quoted face value). The burn rate is the commitments of a trailing window divided by its days.
 */
export const FORECAST_WINDOW_DAYS = 90;
/** Run-out dates further away than this are reported as none in sight. */
export const FORECAST_HORIZON_DAYS = 36500;

export interface ForecastInput {
  asOf: BusinessDate;
  /** The pool's budget for the period; null when the program has no pool (nothing to run out). */
  budget: Money | null;
  /** Charged against the pool so far in the period. */
  committed: Money;
  /** Expected to be charged soon: applications under review (quoted face value). */
  pipeline: Money;
  /** Commitments made inside the burn window [from, to], both ends inclusive. */
  window: { from: BusinessDate; to: BusinessDate; committed: Money };
}

export interface Forecast {
  /** budget − committed (never negative); null without a pool. */
  remaining: Money | null;
  /** budget − committed − pipeline (never negative); null without a pool. */
  remainingAfterPipeline: Money | null;
  /** Window commitments ÷ window days, truncated to the fen (display; the date uses the exact ratio). */
  burnPerDay: Money;
  windowDays: number;
  /** The first day on which commitments at the burn rate reach the budget; null when nothing burns. */
  runOutOn: BusinessDate | null;
  /** Whole days from asOf to runOutOn. */
  daysLeft: number | null;
  exhausted: boolean;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/**
 * The pool runs out on asOf + d, d = ⌈remainingAfterPipeline ÷ burn per day⌉ computed in whole fen
 * (remainingAfterPipeline × windowDays ÷ windowCommitted, rounded up: the first day the money is gone).
 * A pool already used up by commitments and pipeline runs out on asOf itself.
 */
export function forecastRunOut(input: ForecastInput): Forecast {
  if (compareDates(input.window.from, input.window.to) > 0)
    throw new DomainInputError('FORECAST_WINDOW', 'The burn window ends before it starts');
  if (input.committed.isNegative() || input.pipeline.isNegative() || input.window.committed.isNegative())
    throw new DomainInputError('NEGATIVE_AMOUNT', 'Forecast amounts must not be negative');
  const windowDays = daysInclusive(input.window.from, input.window.to);
  const burnPerDay = input.window.committed.prorate(1, windowDays);
  if (input.budget === null)
    return {
      remaining: null,
      remainingAfterPipeline: null,
      burnPerDay,
      windowDays,
      runOutOn: null,
      daysLeft: null,
      exhausted: false,
    };
  const remaining = input.budget.minus(input.committed).clampToZero();
  const remainingAfterPipeline = remaining.minus(input.pipeline).clampToZero();
  if (remainingAfterPipeline.isZero())
    return {
      remaining,
      remainingAfterPipeline,
      burnPerDay,
      windowDays,
      runOutOn: input.asOf,
      daysLeft: 0,
      exhausted: true,
    };
  if (input.window.committed.isZero())
    return {
      remaining,
      remainingAfterPipeline,
      burnPerDay,
      windowDays,
      runOutOn: null,
      daysLeft: null,
      exhausted: false,
    };
  const days = ceilDiv(remainingAfterPipeline.toFen() * BigInt(windowDays), input.window.committed.toFen());
  // Beyond a century the date says nothing a bureau can plan with (and would leave the calendar).
  if (days > BigInt(FORECAST_HORIZON_DAYS))
    return {
      remaining,
      remainingAfterPipeline,
      burnPerDay,
      windowDays,
      runOutOn: null,
      daysLeft: null,
      exhausted: false,
    };
  const daysLeft = parseInt(days.toString(), 10);
  return {
    remaining,
    remainingAfterPipeline,
    burnPerDay,
    windowDays,
    runOutOn: addDays(input.asOf, daysLeft),
    daysLeft,
    exhausted: false,
  };
}

/** The trailing window ending on asOf, never starting before `periodStart`. */
export function burnWindow(asOf: BusinessDate, periodStart: BusinessDate, days = FORECAST_WINDOW_DAYS) {
  const from = addDays(asOf, -(days - 1));
  return { from: compareDates(from, periodStart) < 0 ? periodStart : from, to: asOf };
}
