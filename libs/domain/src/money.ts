import Decimal from 'decimal.js';
import { DomainInputError } from './errors';

/**
 * A private Decimal constructor: high precision so products of 13-digit amounts and rates stay exact,
 * ROUND_DOWN so any rounding that does happen never lifts an amount above a "不超过" limit, and no
 * exponent notation in toString. Cloning keeps the global Decimal config untouched for everyone else.
 */
export const MoneyDecimal = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_DOWN,
  toExpNeg: -40,
  toExpPos: 40,
});
export type MoneyDecimal = Decimal;

/**
 * Canonical amount string: up to 13 integer digits, no leading zeros (except a lone "0"),
 * optionally a dot and one or two decimals. No sign, exponent, spaces or thousands separators.
 */
const MONEY_STRING = /^(0|[1-9]\d{0,12})(\.\d{1,2})?$/;
const FEN_STRING = /^-?\d+$/;

export class MoneyFormatError extends DomainInputError {
  constructor(
    readonly input: unknown,
    code: 'MONEY_FORMAT' | 'MONEY_NOT_FINITE' = 'MONEY_FORMAT',
  ) {
    super(code, `Not a valid amount: ${JSON.stringify(String(input))}`);
    this.name = 'MoneyFormatError';
  }
}

export function isMoneyString(s: unknown): s is string {
  return typeof s === 'string' && MONEY_STRING.test(s);
}

/**
 * An amount as a person types it: the canonical form, or the same with thousands separators ("5,000,000",
 * "5,000,000.00"; a full-width "，" too) and spaces around. Groups must be of three digits, so "5,00,000"
 * is refused rather than guessed at. Returns the canonical string, or null when it is not an amount.
 * The API (before validation) and the console read typed amounts through this one function.
 */
export function normalizeAmountInput(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const s = input.trim().replace(/，/g, ',');
  if (MONEY_STRING.test(s)) return s;
  if (!/^[1-9]\d{0,2}(,\d{3})+(\.\d{1,2})?$/.test(s)) return null;
  const plain = s.replace(/,/g, '');
  return MONEY_STRING.test(plain) ? plain : null;
}

export function isAmountInput(input: unknown): boolean {
  return normalizeAmountInput(input) !== null;
}

/** An immutable CNY amount, always a whole number of fen (0.01). May be negative only as a difference. */
export class Money {
  private readonly fen: bigint;

  private constructor(fen: bigint) {
    this.fen = fen;
    Object.freeze(this);
  }

  /** Strict parser for amounts coming from outside (API, files, database text). */
  static parse(s: string): Money {
    if (!isMoneyString(s)) throw new MoneyFormatError(s);
    const [int, frac = ''] = s.split('.');
    return new Money(BigInt(int) * 100n + BigInt((frac + '00').slice(0, 2)));
  }

  static tryParse(s: string): Money | null {
    return isMoneyString(s) ? Money.parse(s) : null;
  }

  /** From a computed Decimal (or any decimal string): truncated toward zero to the fen. */
  static of(value: Decimal | string): Money {
    let d: Decimal;
    try {
      d = new MoneyDecimal(value);
    } catch {
      throw new MoneyFormatError(value);
    }
    if (!d.isFinite()) throw new MoneyFormatError(value, 'MONEY_NOT_FINITE');
    return new Money(BigInt(d.times(100).toDecimalPlaces(0, Decimal.ROUND_DOWN).toString()));
  }

  static zero(): Money {
    return ZERO;
  }

  static fromFen(fen: bigint | string): Money {
    if (typeof fen === 'bigint') return new Money(fen);
    if (!FEN_STRING.test(fen)) throw new MoneyFormatError(fen);
    return new Money(BigInt(fen));
  }

  static sum(list: readonly Money[]): Money {
    return new Money(list.reduce((acc, m) => acc + m.fen, 0n));
  }

  static min(first: Money, ...rest: Money[]): Money {
    return rest.reduce((a, b) => a.min(b), first);
  }

  static max(first: Money, ...rest: Money[]): Money {
    return rest.reduce((a, b) => a.max(b), first);
  }

  static isMoney(x: unknown): x is Money {
    return x instanceof Money;
  }

  /** For Array.prototype.sort. */
  static compare(a: Money, b: Money): -1 | 0 | 1 {
    return a.cmp(b);
  }

  toFen(): bigint {
    return this.fen;
  }

  plus(other: Money): Money {
    return new Money(this.fen + other.fen);
  }

  minus(other: Money): Money {
    return new Money(this.fen - other.fen);
  }

  negated(): Money {
    return new Money(-this.fen);
  }

  abs(): Money {
    return this.fen < 0n ? this.negated() : this;
  }

  /** this × rate, truncated toward zero to the fen ("不超过 rate of the amount"). */
  timesRate(rate: Decimal | string): Money {
    let r: Decimal;
    try {
      r = new MoneyDecimal(rate);
    } catch {
      throw new DomainInputError('RATE_FORMAT', `Not a valid rate: ${JSON.stringify(String(rate))}`);
    }
    if (!r.isFinite()) throw new DomainInputError('RATE_FORMAT', `Not a finite rate: ${String(rate)}`);
    const fen = new MoneyDecimal(this.fen.toString()).times(r).toDecimalPlaces(0, Decimal.ROUND_DOWN);
    return new Money(BigInt(fen.toString()));
  }

  /**
   * this × part / whole, truncated to the fen: pro rata by days. Integer arithmetic on fen keeps it exact
   * whatever the ratio (a Decimal division would itself round at 40 digits).
   */
  prorate(part: number, whole: number): Money {
    if (!Number.isSafeInteger(part) || !Number.isSafeInteger(whole) || whole <= 0 || part < 0) {
      throw new DomainInputError('PRORATE_RATIO', `Invalid pro rata ratio ${part}/${whole}`);
    }
    return new Money((this.fen * BigInt(part)) / BigInt(whole));
  }

  min(other: Money): Money {
    return this.fen <= other.fen ? this : other;
  }

  max(other: Money): Money {
    return this.fen >= other.fen ? this : other;
  }

  /** Floor at zero: used wherever a negative difference means "nothing left". */
  clampToZero(): Money {
    return this.fen < 0n ? ZERO : this;
  }

  cmp(other: Money): -1 | 0 | 1 {
    return this.fen < other.fen ? -1 : this.fen > other.fen ? 1 : 0;
  }

  eq(other: Money): boolean {
    return this.fen === other.fen;
  }

  lt(other: Money): boolean {
    return this.fen < other.fen;
  }

  lte(other: Money): boolean {
    return this.fen <= other.fen;
  }

  gt(other: Money): boolean {
    return this.fen > other.fen;
  }

  gte(other: Money): boolean {
    return this.fen >= other.fen;
  }

  isZero(): boolean {
    return this.fen === 0n;
  }

  isPositive(): boolean {
    return this.fen > 0n;
  }

  isNegative(): boolean {
    return this.fen < 0n;
  }

  toDecimal(): Decimal {
    return new MoneyDecimal(this.fen.toString()).dividedBy(100);
  }

  /** Always two decimals, e.g. "1234.50", "-0.05". Built from the fen so no float formatting is involved. */
  toString(): string {
    const negative = this.fen < 0n;
    const digits = (negative ? -this.fen : this.fen).toString().padStart(3, '0');
    return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

const ZERO: Money = Money.fromFen(0n);
