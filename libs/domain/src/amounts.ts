import { daysInclusive, overlapDays, type BusinessDate } from './calendar';
import { DomainInputError } from './errors';
import { Money } from './money';
import {
  isEligibleServiceKind,
  type LocalizedText,
  type ProgramDefinition,
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
}

export type FaceValueRefusalCode = 'YEARLY_CAP_EXHAUSTED' | 'CUMULATIVE_CAP_EXHAUSTED' | 'FACE_VALUE_ZERO';

export type FaceValueResult =
  | {
      ok: true;
      faceValue: Money;
      /** eligibleAmount × rate (or the fixed face value), before any cap. */
      uncappedFaceValue: Money;
      /** Yearly room before this voucher; null when the program has no yearly cap. */
      yearlyRoomBefore: Money | null;
      limitedByYearlyCap: boolean;
      limitedByApplicationCap: boolean;
      limitedByCumulativeCap: boolean;
    }
  | { ok: false; code: FaceValueRefusalCode; message: LocalizedText };

function refuse(code: FaceValueRefusalCode): FaceValueResult {
  return { ok: false, code, message: REASON_MESSAGES[code] };
}

/**
 * Face value = eligibleAmount × rate, truncated to the fen, then limited by the per-application cap, the
 * remaining yearly room and (if any) the remaining cumulative room: a voucher that would overshoot is issued
 * for what is left. No room left → YEARLY_CAP_EXHAUSTED (checked first: it is the lasting reason); a face
 * value that truncates to zero → FACE_VALUE_ZERO. Budget pools and per-supplier caps span enterprises and
 * are enforced by allocation, not here.
 */
export function computeFaceValue(program: ProgramDefinition, input: FaceValueInput): FaceValueResult {
  if (program.rateRules.length > 0 || program.faceValueTiers.length > 0) {
    // Refuse loudly rather than silently apply the default rate to a program whose rules differ.
    throw new DomainInputError(
      'UNSUPPORTED_PROGRAM_FEATURE',
      `Program ${program.code}: rate rules and face-value tiers are not computed yet`,
    );
  }
  assertNonNegative(input.eligibleAmount, 'Eligible amount');
  const byRate = input.eligibleAmount.timesRate(program.rate);
  const uncappedFaceValue =
    program.fixedFaceValue === null ? byRate : Money.parse(program.fixedFaceValue).min(byRate);

  const yearlyRoomBefore = hasYearlyCap(program) ? yearlyRoom(program, input.issuedThisYear) : null;
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

  const applicationCap = program.perApplicationCap === null ? null : Money.parse(program.perApplicationCap);
  const afterApplicationCap =
    applicationCap === null ? uncappedFaceValue : uncappedFaceValue.min(applicationCap);
  const afterYearlyCap =
    yearlyRoomBefore === null ? afterApplicationCap : afterApplicationCap.min(yearlyRoomBefore);
  const faceValue = cumulativeRoom === null ? afterYearlyCap : afterYearlyCap.min(cumulativeRoom);
  if (faceValue.isZero()) return refuse('FACE_VALUE_ZERO');

  return {
    ok: true,
    faceValue,
    uncappedFaceValue,
    yearlyRoomBefore,
    limitedByApplicationCap: afterApplicationCap.lt(uncappedFaceValue),
    limitedByYearlyCap: afterYearlyCap.lt(afterApplicationCap),
    limitedByCumulativeCap: faceValue.lt(afterYearlyCap),
  };
}
