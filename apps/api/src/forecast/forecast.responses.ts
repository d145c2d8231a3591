import { BilingualText } from '../common/openapi';
import { Fields } from '../common/fields';
import * as is from '../common/field-kinds';

/** A program's budget forecast (ADR 0029). Amounts are decimal strings; dates ISO. */

class ForecastPeriod extends Fields({
  basis: is.exactly('total', 'per-year'),
  key: is.text.about("'total' or the year"),
  from: is.day,
  to: is.day,
}) {}

class UnderReview extends Fields({
  applications: is.numeric,
  unquoted: is.numeric.about('Applications without a quoted face value yet'),
  amount: is.text,
}) {}

class PoolHolding extends Fields({
  applications: is.numeric,
  amount: is.text,
}) {}

class ClaimsPending extends Fields({
  claims: is.numeric,
  amount: is.text,
}) {}

class ForecastPipeline extends Fields({
  underReview: UnderReview,
  poolHolding: PoolHolding,
  claimsPending: ClaimsPending,
  total: is.text,
}) {}

class ForecastBurn extends Fields({
  windowFrom: is.day,
  windowTo: is.day,
  windowDays: is.numeric,
  committedInWindow: is.text,
  perDay: is.text,
}) {}

class ForecastMonth extends Fields({
  month: is.text.eg('2025-03'),
  committed: is.text,
  cumulative: is.text,
}) {}

class ForecastFunder extends Fields({
  funderCode: is.text,
  funder: BilingualText,
  share: is.text,
  issued: is.textOrNull,
  redeemed: is.text,
  outstanding: is.textOrNull,
  pipeline: is.textOrNull,
  remaining: is.textOrNull,
}) {}

export class ProgramForecastResponse extends Fields({
  programCode: is.text,
  programName: BilingualText,
  version: is.numeric,
  asOf: is.day,
  period: ForecastPeriod,
  budget: is.textOrNull.about('null: the program has no pool'),
  committed: is.text,
  issued: is.text,
  redeemed: is.text,
  outstanding: is.text,
  pipeline: ForecastPipeline,
  burn: ForecastBurn,
  remaining: is.textOrNull,
  remainingAfterPipeline: is.textOrNull,
  runOutOn: is.dayOrNull,
  daysLeft: is.numericOrNull,
  exhausted: is.flag,
  runsOutBeforePeriodEnd: is.flag,
  series: [ForecastMonth],
  byFunder: [ForecastFunder],
}) {}

export class ForecastListResponse extends Fields({
  items: [ProgramForecastResponse],
}) {}
