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
  amount: is.money,
}) {}

class PoolHolding extends Fields({
  applications: is.numeric,
  amount: is.money,
}) {}

class ClaimsPending extends Fields({
  claims: is.numeric,
  amount: is.money,
}) {}

class ForecastPipeline extends Fields({
  underReview: UnderReview,
  poolHolding: PoolHolding,
  claimsPending: ClaimsPending,
  total: is.money,
}) {}

class ForecastBurn extends Fields({
  windowFrom: is.day,
  windowTo: is.day,
  windowDays: is.numeric,
  committedInWindow: is.money,
  perDay: is.text,
}) {}

class ForecastMonth extends Fields({
  month: is.text.eg('2025-03'),
  committed: is.money,
  cumulative: is.text,
}) {}

class ForecastFunder extends Fields({
  funderCode: is.text,
  funder: BilingualText,
  share: is.text,
  issued: is.moneyOrNull,
  redeemed: is.money,
  outstanding: is.moneyOrNull,
  pipeline: is.textOrNull,
  remaining: is.moneyOrNull,
}) {}

export class ProgramForecastResponse extends Fields({
  programCode: is.text,
  programName: BilingualText,
  version: is.numeric,
  asOf: is.day,
  period: ForecastPeriod,
  budget: is.moneyOrNull.about('null: the program has no pool'),
  committed: is.money,
  issued: is.money,
  redeemed: is.money,
  outstanding: is.money,
  pipeline: ForecastPipeline,
  burn: ForecastBurn,
  remaining: is.moneyOrNull,
  remainingAfterPipeline: is.moneyOrNull,
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
