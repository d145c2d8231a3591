import Decimal from 'decimal.js';
import { Money, MoneyFormatError, isMoneyString } from './money';

const m = (s: string) => Money.parse(s);

describe('Money.parse', () => {
  it.each([
    ['0', '0.00'],
    ['0.5', '0.50'],
    ['0.05', '0.05'],
    ['1', '1.00'],
    ['1234.5', '1234.50'],
    ['1234.56', '1234.56'],
    ['2000000.00', '2000000.00'],
    ['9999999999999.99', '9999999999999.99'],
  ])('accepts %s as %s', (input, expected) => {
    expect(m(input).toString()).toBe(expected);
  });

  it.each([
    ['1.234', 'three decimals'],
    ['-1', 'sign'],
    ['+1', 'plus sign'],
    ['1e3', 'exponent'],
    [' 1', 'leading space'],
    ['1 ', 'trailing space'],
    ['', 'empty'],
    ['01.5', 'leading zero'],
    ['00', 'leading zero'],
    ['1.', 'dot without decimals'],
    ['.5', 'no integer part'],
    ['1,000.00', 'thousands separator'],
    ['10000000000000', 'fourteen integer digits'],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    ['0x10', 'hex'],
    ['１', 'full-width digit'],
  ])('rejects %j (%s)', (input) => {
    expect(() => m(input)).toThrow(MoneyFormatError);
    expect(Money.tryParse(input)).toBeNull();
    expect(isMoneyString(input)).toBe(false);
  });

  it('carries a stable error code', () => {
    try {
      m('1.234');
      throw new Error('expected a throw');
    } catch (e) {
      expect(e).toBeInstanceOf(MoneyFormatError);
      expect((e as MoneyFormatError).code).toBe('MONEY_FORMAT');
    }
  });

  it('isMoneyString rejects non-strings', () => {
    expect(isMoneyString(12)).toBe(false);
    expect(isMoneyString(null)).toBe(false);
  });
});

describe('Money.of', () => {
  it('truncates toward zero to the fen', () => {
    expect(Money.of('1.239').toString()).toBe('1.23');
    expect(Money.of(new Decimal('0.009')).toString()).toBe('0.00');
    expect(Money.of('-1.239').toString()).toBe('-1.23');
    expect(Money.of('1e3').toString()).toBe('1000.00');
  });

  it('accepts Decimal instances from the global constructor without touching its config', () => {
    const before = Decimal.precision;
    expect(Money.of(new Decimal(1).dividedBy(3)).toString()).toBe('0.33');
    expect(Decimal.precision).toBe(before);
    expect(Decimal.rounding).toBe(Decimal.ROUND_HALF_UP);
  });

  it('rejects garbage and non-finite values', () => {
    expect(() => Money.of('abc')).toThrow(MoneyFormatError);
    expect(() => Money.of('Infinity')).toThrow(MoneyFormatError);
    expect(() => Money.of(new Decimal(NaN))).toThrow(MoneyFormatError);
  });
});

describe('fen conversions', () => {
  it('round-trips fen', () => {
    expect(Money.fromFen(123456n).toString()).toBe('1234.56');
    expect(Money.fromFen('5').toString()).toBe('0.05');
    expect(Money.fromFen('-5').toString()).toBe('-0.05');
    expect(m('1234.56').toFen()).toBe(123456n);
    expect(() => Money.fromFen('1.5')).toThrow(MoneyFormatError);
    expect(() => Money.fromFen('')).toThrow(MoneyFormatError);
  });

  it('zero', () => {
    expect(Money.zero().toString()).toBe('0.00');
    expect(Money.zero().isZero()).toBe(true);
    expect(Money.zero().isPositive()).toBe(false);
    expect(Money.zero().isNegative()).toBe(false);
  });
});

describe('arithmetic', () => {
  it('plus and minus are exact (no float drift)', () => {
    expect(m('0.1').plus(m('0.2')).toString()).toBe('0.30');
    expect(m('1').minus(m('1.01')).toString()).toBe('-0.01');
    expect(m('1').minus(m('1.01')).isNegative()).toBe(true);
    expect(m('9999999999999.99').plus(m('9999999999999.99')).toString()).toBe('19999999999999.98');
  });

  it('negated, abs, clampToZero', () => {
    expect(m('1.50').negated().toString()).toBe('-1.50');
    expect(m('1.50').negated().abs().toString()).toBe('1.50');
    expect(m('1.50').negated().clampToZero().isZero()).toBe(true);
    expect(m('1.50').clampToZero().toString()).toBe('1.50');
  });

  it('timesRate truncates to the fen', () => {
    expect(m('100.00').timesRate('0.20').toString()).toBe('20.00');
    expect(m('0.04').timesRate('0.20').toString()).toBe('0.00');
    expect(m('0.05').timesRate('0.20').toString()).toBe('0.01');
    expect(m('0.09').timesRate('0.20').toString()).toBe('0.01');
    expect(m('333.33').timesRate('0.20').toString()).toBe('66.66');
    expect(m('9999999999999.99').timesRate('0.20').toString()).toBe('1999999999999.99');
    expect(m('1').timesRate(new Decimal('0.333333')).toString()).toBe('0.33');
    expect(() => m('1').timesRate('x')).toThrow();
    expect(() => m('1').timesRate('Infinity')).toThrow();
  });

  it('prorate truncates exactly', () => {
    expect(m('1000.00').prorate(1, 3).toString()).toBe('333.33');
    expect(m('365.00').prorate(122, 366).toString()).toBe('121.66');
    expect(m('1.00').prorate(0, 5).isZero()).toBe(true);
    expect(() => m('1').prorate(1, 0)).toThrow();
    expect(() => m('1').prorate(-1, 2)).toThrow();
    expect(() => m('1').prorate(0.5, 2)).toThrow();
  });

  it('min, max, sum and comparisons', () => {
    const a = m('1.00');
    const b = m('2.00');
    expect(a.min(b)).toBe(a);
    expect(a.max(b)).toBe(b);
    expect(Money.min(b, a, m('3')).toString()).toBe('1.00');
    expect(Money.max(a, b, m('0.5')).toString()).toBe('2.00');
    expect(Money.sum([a, b, m('0.01')]).toString()).toBe('3.01');
    expect(Money.sum([]).toString()).toBe('0.00');
    expect(a.cmp(b)).toBe(-1);
    expect(b.cmp(a)).toBe(1);
    expect(a.cmp(m('1'))).toBe(0);
    expect(a.eq(m('1'))).toBe(true);
    expect(a.lt(b) && a.lte(b) && a.lte(a) && b.gt(a) && b.gte(a) && b.gte(b)).toBe(true);
    expect(a.gt(b) || a.gte(b) || b.lt(a) || b.lte(a)).toBe(false);
    expect([b, a].sort(Money.compare).map(String)).toEqual(['1.00', '2.00']);
    expect(Money.isMoney(a)).toBe(true);
    expect(Money.isMoney('1.00')).toBe(false);
  });
});

describe('formatting', () => {
  it('always two decimals', () => {
    expect(m('1234.5').toString()).toBe('1234.50');
    expect(String(m('7'))).toBe('7.00');
    expect(Money.fromFen(-123n).toString()).toBe('-1.23');
    expect(Money.fromFen(-1n).toString()).toBe('-0.01');
  });

  it('serialises to the string in JSON', () => {
    expect(JSON.stringify({ amount: m('1234.5') })).toBe('{"amount":"1234.50"}');
  });

  it('toDecimal is exact', () => {
    expect(m('1234.56').toDecimal().toString()).toBe('1234.56');
    expect(m('9999999999999.99').toDecimal().equals(new Decimal('9999999999999.99'))).toBe(true);
  });

  it('is immutable', () => {
    const a = m('1.00');
    a.plus(m('1'));
    expect(a.toString()).toBe('1.00');
    expect(Object.isFrozen(a)).toBe(true);
  });
});
