import {
  addDays,
  dateOf,
  daysInMonth,
  daysInclusive,
  minDate,
  overlapDays,
  yearOf,
  type BusinessDate,
} from './calendar';
import { DomainInputError } from './errors';
import { Money, MoneyDecimal } from './money';
import {
  isEligibleServiceKind,
  type LocalizedText,
  type ProgramDefinition,
  type RateRule,
  type ServiceKind,
} from './program';
import { REASON_MESSAGES } from './reasons';

export interface ContractLine {
  serviceKind: ServiceKind;
  amount: Money;
}

export interface ContractAmountInput {
  startDate: BusinessDate;
  endDate: BusinessDate;
  lines: readonly ContractLine[];
}

export interface EligibleContractAmount {
  /** Sum of the lines of eligible service kinds (intelligent compute for Beijing). */
  eligibleBase: Money;
  /** Contract days, both ends inclusive (0 if the contract ends before it starts). */
  totalDays: number;
  /** Contract days inside [planStart, planEnd], both ends inclusive. */
  daysInPlan: number;
  /** eligibleBase × daysInPlan / totalDays, truncated to the fen. */
  eligibleAmount: Money;
}

function assertNonNegative(amount: Money, what: string): void {
  if (amount.isNegative())
    throw new DomainInputError('NEGATIVE_AMOUNT', `${what} is negative: ${amount.toString()}`);
}

/**
 * The contract amount the voucher is computed from: eligible lines only, pro rata by calendar days inside
 * the plan window ("超过执行期限的部分,不作为算力券支持额度的核定依据"). Days are both-ends inclusive.
 * Negative lines are a caller bug (checkContract reports them as CONTRACT_INVALID_LINE_AMOUNT) and throw.
 */
export function eligibleContractAmount(
  program: ProgramDefinition,
  contract: ContractAmountInput,
): EligibleContractAmount {
  contract.lines.forEach((l) => assertNonNegative(l.amount, 'Contract line amount'));
  const eligibleBase = Money.sum(
    contract.lines.filter((l) => isEligibleServiceKind(program, l.serviceKind)).map((l) => l.amount),
  );
  const totalDays = daysInclusive(contract.startDate, contract.endDate);
  const daysInPlan =
    totalDays === 0
      ? 0
      : overlapDays(contract.startDate, contract.endDate, program.planStart, program.planEnd);
  const eligibleAmount = totalDays === 0 ? Money.zero() : eligibleBase.prorate(daysInPlan, totalDays);
  return { eligibleBase, totalDays, daysInPlan, eligibleAmount };
}

export function hasYearlyCap(program: ProgramDefinition): boolean {
  return program.perEnterpriseYearlyCap !== null;
}

/**
 * What is left of the enterprise's yearly cap, never negative. `issuedThisYear` is the face value of the
 * vouchers issued to the enterprise in the calendar year of issuance (docs/adr/0005-yearly-cap.md).
 * Throws DomainInputError('NO_YEARLY_CAP') for a program without a yearly cap: test hasYearlyCap first.
 */
export function yearlyRoom(program: ProgramDefinition, issuedThisYear: Money): Money {
  if (program.perEnterpriseYearlyCap === null) {
    throw new DomainInputError('NO_YEARLY_CAP', `Program ${program.code} has no yearly cap`);
  }
  assertNonNegative(issuedThisYear, 'Issued this year');
  return Money.parse(program.perEnterpriseYearlyCap).minus(issuedThisYear).clampToZero();
}

export interface FaceValueInput {
  eligibleAmount: Money;
  /** Face value already issued to this enterprise in the issuance year. */
  issuedThisYear: Money;
  /** Face value ever issued to this enterprise under the program; required iff it has a cumulative cap. */
  issuedCumulative?: Money;
  /**
   * The eligible spending line by line (amounts already pro rata); required when the program has rate
   * rules. Absent: one line of the program's default rate worth `eligibleAmount`.
   */
  lines?: readonly SpendingLine[];
  /** Categories the applicant has (declared and verified): 'startup', 'bigdata-provincial', … */
  applicantCategories?: readonly string[];
  /** Issued this year per line of support that has its own yearly cap (Guizhou). */
  issuedThisYearByLine?: Readonly<Record<string, Money>>;
}

/** One line of spending the voucher is computed from. */
export interface SpendingLine {
  serviceKind: ServiceKind;
  /** 国产 compute; absent or null reads as not domestic (the lower rate) — ADR 0021. */
  domestic?: boolean | null;
  /** The line's eligible amount (pro rata inside the plan window). */
  amount: Money;
}

/** One line's share of the voucher: its rate, its line of support, what it earns and what it gets. */
export interface LineFunding {
  /** Position of the line in the input. */
  index: number;
  serviceKind: ServiceKind;
  domestic: boolean;
  /** The line of support ('default' unless a rate rule names one). */
  line: string;
  rate: string;
  /** Highest rate the spending may reach stacked with another program; null = no stacking limit given. */
  maxCombinedRate: string | null;
  eligibleAmount: Money;
  /** eligibleAmount × rate, truncated to the fen. */
  earned: Money;
  /** What the voucher funds of this line after every cap (Σ over lines = the face value). */
  amount: Money;
}

export type FaceValueRefusalCode =
  | 'YEARLY_CAP_EXHAUSTED'
  | 'CUMULATIVE_CAP_EXHAUSTED'
  | 'FACE_VALUE_ZERO'
  | 'FACE_VALUE_BELOW_MINIMUM'
  | 'SUPPORT_LINE_CAP_EXHAUSTED';

export type FaceValueResult =
  | {
      ok: true;
      faceValue: Money;
      /** eligibleAmount × rate (or the fixed face value), before any cap. */
      uncappedFaceValue: Money;
      /** Yearly room before this voucher; null when the program has no yearly cap. */
      yearlyRoomBefore: Money | null;
      /** The yearly cap applied (an applicant category may change it); null = none. */
      yearlyCap: Money | null;
      limitedByYearlyCap: boolean;
      limitedByApplicationCap: boolean;
      limitedByCumulativeCap: boolean;
      /** A line of support's own yearly cap cut the amount (Guizhou). */
      limitedBySupportLineCap: boolean;
      lines: LineFunding[];
      /** Amount per line of support that has its own yearly cap (what its ledger grows by). */
      bySupportLine: Record<string, Money>;
    }
  | { ok: false; code: FaceValueRefusalCode; message: LocalizedText };

function refuse(code: FaceValueRefusalCode): FaceValueResult {
  return { ok: false, code, message: REASON_MESSAGES[code] };
}

/** The first rate rule matching the line (kind, domestic flag, applicant category), else the default rate. */
export function rateRuleFor(
  program: ProgramDefinition,
  line: { serviceKind: ServiceKind; domestic?: boolean | null },
  categories: readonly string[] = [],
): RateRule | null {
  const domestic = line.domestic === true;
  return (
    program.rateRules.find(
      (r) =>
        (r.serviceKinds === undefined || r.serviceKinds.includes(line.serviceKind)) &&
        (r.domestic === undefined || r.domestic === domestic) &&
        (r.applicantCategory === undefined || categories.includes(r.applicantCategory)),
    ) ?? null
  );
}

/** Each eligible line with its rate and line of support (ineligible kinds are left out). */
export function rateLines(
  program: ProgramDefinition,
  lines: readonly SpendingLine[],
  categories: readonly string[] = [],
): Omit<LineFunding, 'amount'>[] {
  return lines.flatMap((l, index) => {
    assertNonNegative(l.amount, 'Line amount');
    if (!isEligibleServiceKind(program, l.serviceKind)) return [];
    const rule = rateRuleFor(program, l, categories);
    const rate = rule?.rate ?? program.rate;
    return [
      {
        index,
        serviceKind: l.serviceKind,
        domestic: l.domestic === true,
        line: rule?.line ?? 'default',
        rate,
        maxCombinedRate: rule?.maxCombinedRate ?? program.stacking.maxCombinedRate,
        eligibleAmount: l.amount,
        earned: l.amount.timesRate(rate),
      },
    ];
  });
}

/** The yearly cap for this applicant: a category override (Shenzhen 模型券's ceiling) or the program's. */
export function effectiveYearlyCap(
  program: ProgramDefinition,
  categories: readonly string[] = [],
): Money | null {
  const override = program.yearlyCapOverrides.find((o) => categories.includes(o.applicantCategory));
  if (override) return Money.parse(override.yearlyCap);
  return program.perEnterpriseYearlyCap === null ? null : Money.parse(program.perEnterpriseYearlyCap);
}

/** Spreads `total` over the lines in order, each line at most what it earned (exact to the fen). */
function spread<T extends { earned: Money }>(lines: readonly T[], total: Money): (T & { amount: Money })[] {
  let left = total;
  return lines.map((l) => {
    const amount = l.earned.min(left);
    left = left.minus(amount);
    return { ...l, amount };
  });
}

/**
 * Face value = Σ over eligible lines of line × its rate (the first matching rate rule, else the program's
 * rate), truncated to the fen per line; or the fixed face value. Then, in this order: a line of support's
 * own yearly cap (Guizhou), the minimum voucher (on what the spending earns, before caps — ADR 0021), the
 * per-application cap, the remaining yearly room (a category may change the cap) and the remaining
 * cumulative room: a voucher that would overshoot is issued for what is left. No room left →
 * YEARLY_CAP_EXHAUSTED (checked first: it is the lasting reason); a face value that truncates to zero →
 * FACE_VALUE_ZERO. Budget pools and other programs' funding span enterprises and programs and are applied
 * by issuance and the cross-program resolver, not here.
 */
export function computeFaceValue(program: ProgramDefinition, input: FaceValueInput): FaceValueResult {
  if (program.faceValueTiers.length > 0) {
    // Tiers are allocated by the ranked round (round.ts), never by this rate computation.
    throw new DomainInputError(
      'UNSUPPORTED_PROGRAM_FEATURE',
      `Program ${program.code}: face-value tiers are allocated by its round, not computed here`,
    );
  }
  if (program.rateRules.length > 0 && input.lines === undefined) {
    throw new DomainInputError('MISSING_INPUT', `Program ${program.code} has rate rules: give the lines`);
  }
  assertNonNegative(input.eligibleAmount, 'Eligible amount');
  const categories = input.applicantCategories ?? [];
  const rated =
    input.lines === undefined
      ? [
          {
            index: 0,
            serviceKind: program.eligibleServiceKinds[0] ?? 'intelligent_compute',
            domestic: false,
            line: 'default',
            rate: program.rate,
            maxCombinedRate: program.stacking.maxCombinedRate,
            eligibleAmount: input.eligibleAmount,
            earned: input.eligibleAmount.timesRate(program.rate),
          },
        ]
      : rateLines(program, input.lines, categories);
  const earnedTotal = Money.sum(rated.map((l) => l.earned));
  const uncappedFaceValue =
    program.fixedFaceValue === null ? earnedTotal : Money.parse(program.fixedFaceValue).min(earnedTotal);

  const yearlyCap = effectiveYearlyCap(program, categories);
  if (yearlyCap !== null) assertNonNegative(input.issuedThisYear, 'Issued this year');
  const yearlyRoomBefore = yearlyCap === null ? null : yearlyCap.minus(input.issuedThisYear).clampToZero();
  if (yearlyRoomBefore !== null && yearlyRoomBefore.isZero()) return refuse('YEARLY_CAP_EXHAUSTED');

  let cumulativeRoom: Money | null = null;
  if (program.perEnterpriseCumulativeCap !== null) {
    if (input.issuedCumulative === undefined) {
      throw new DomainInputError('MISSING_INPUT', `Program ${program.code} needs issuedCumulative`);
    }
    assertNonNegative(input.issuedCumulative, 'Issued cumulative');
    cumulativeRoom = Money.parse(program.perEnterpriseCumulativeCap)
      .minus(input.issuedCumulative)
      .clampToZero();
    if (cumulativeRoom.isZero()) return refuse('CUMULATIVE_CAP_EXHAUSTED');
  }

  if (program.minFaceValue !== null && uncappedFaceValue.lt(Money.parse(program.minFaceValue)))
    return refuse('FACE_VALUE_BELOW_MINIMUM');

  // A line of support with its own yearly cap: its lines share what is left of that cap.
  const bySupportLine: Record<string, Money> = {};
  let afterLines: (Omit<LineFunding, 'amount'> & { amount: Money })[] = [];
  let supportLineRefused = false;
  for (const lineCode of [...new Set(rated.map((l) => l.line))]) {
    const group = rated.filter((l) => l.line === lineCode);
    const rule = program.rateRules.find((r) => r.line === lineCode && r.yearlyCap);
    const earned = Money.sum(group.map((l) => l.earned));
    if (!rule?.yearlyCap) {
      afterLines = afterLines.concat(spread(group, earned));
      continue;
    }
    const issued = input.issuedThisYearByLine?.[lineCode] ?? Money.zero();
    assertNonNegative(issued, `Issued this year on line ${lineCode}`);
    const room = Money.parse(rule.yearlyCap).minus(issued).clampToZero();
    if (room.isZero() && earned.gt(Money.zero())) supportLineRefused = true;
    const granted = earned.min(room);
    bySupportLine[lineCode] = granted;
    afterLines = afterLines.concat(spread(group, granted));
  }
  afterLines.sort((a, b) => a.index - b.index);
  const afterSupportLines = Money.sum(afterLines.map((l) => l.amount));
  const limitedBySupportLineCap = afterSupportLines.lt(earnedTotal);
  if (supportLineRefused && afterSupportLines.isZero()) return refuse('SUPPORT_LINE_CAP_EXHAUSTED');

  const start = program.fixedFaceValue === null ? afterSupportLines : uncappedFaceValue;
  const applicationCap = program.perApplicationCap === null ? null : Money.parse(program.perApplicationCap);
  const afterApplicationCap = applicationCap === null ? start : start.min(applicationCap);
  const afterYearlyCap =
    yearlyRoomBefore === null ? afterApplicationCap : afterApplicationCap.min(yearlyRoomBefore);
  const faceValue = cumulativeRoom === null ? afterYearlyCap : afterYearlyCap.min(cumulativeRoom);
  if (faceValue.isZero()) return refuse('FACE_VALUE_ZERO');

  // Σ line amounts = face value; a line of support's ledger grows by what its lines finally got.
  const lines = spread(
    afterLines.map((l) => ({ ...l, earned: l.amount })),
    faceValue,
  ).map((l, i) => ({ ...l, earned: afterLines[i].earned }));
  for (const code of Object.keys(bySupportLine))
    bySupportLine[code] = Money.sum(lines.filter((l) => l.line === code).map((l) => l.amount));

  return {
    ok: true,
    faceValue,
    uncappedFaceValue,
    yearlyRoomBefore,
    yearlyCap,
    limitedByApplicationCap: afterApplicationCap.lt(start),
    limitedByYearlyCap: afterYearlyCap.lt(afterApplicationCap),
    limitedByCumulativeCap: faceValue.lt(afterYearlyCap),
    limitedBySupportLineCap,
    lines,
    bySupportLine,
  };
}

/**
 * The last day a voucher can be used: the plan's end; 31 December of its year of issue; or, for a validity
 * in months (Guizhou cash vouchers: 6 months), the day before the same day n months later (issued
 * 2025-03-15 → valid through 2025-09-14), or the last day of that month when it has no such day (issued
 * 2025-08-31 → valid through 2026-02-28); never after the plan ends (ADR 0022).
 */
export function voucherValidUntil(program: ProgramDefinition, issuedOn: BusinessDate): BusinessDate {
  const v = program.validity;
  if (v.kind === 'plan') return program.planEnd;
  if (v.kind === 'issuance-year') return minDate(`${yearOf(issuedOn)}-12-31`, program.planEnd);
  const [y, m, d] = issuedOn.split('-').map(Number);
  const months = y * 12 + (m - 1) + v.months;
  const year = Math.floor(months / 12);
  const month = (months % 12) + 1;
  const last = daysInMonth(year, month);
  const until = d > last ? dateOf(year, month, last) : addDays(dateOf(year, month, d), -1);
  return minDate(until, program.planEnd);
}

/**
 * The one rate a voucher's invoices are paid at in the quarterly runs when its lines earn different rates
 * (Hangzhou 30% domestic / 20% other): what the eligible lines earn over what they cost, truncated to ten
 * decimals so a payout never exceeds the lines' own rates. Settlements invoice the contract as a whole, so
 * each invoiced yuan is paid at the contract's blend. null when no line is eligible.
 */
export function blendedPayoutRate(
  lines: readonly Pick<LineFunding, 'eligibleAmount' | 'earned'>[],
): string | null {
  const cost = Money.sum(lines.map((l) => l.eligibleAmount));
  if (!cost.isPositive()) return null;
  const earned = Money.sum(lines.map((l) => l.earned));
  return new MoneyDecimal(earned.toFen().toString())
    .dividedBy(cost.toFen().toString())
    .toDecimalPlaces(10, MoneyDecimal.ROUND_DOWN)
    .toString();
}
