import fc from 'fast-check';
import { computeFaceValue, eligibleContractAmount, yearlyRoom } from './amounts';
import {
  addDays,
  addYears,
  businessDateOf,
  compareDates,
  compareQuarters,
  daysInclusive,
  fromDayNumber,
  isBusinessDate,
  lastDayOfTerm,
  overlapDays,
  quarterEndDate,
  quarterOf,
  toDayNumber,
} from './calendar';
import { Money, isMoneyString } from './money';
import { SERVICE_KINDS } from './program';
import { BEIJING_2023_2025 } from './programs';
import { assignRedemptionRun, computePayout, eligibleInvoicedAmount, runsOfProgram } from './redemption';

const P = BEIJING_2023_2025;
const MAX_FEN = 999_999_999_999_999n; // 13 integer digits and 2 decimals

const money = (maxFen: bigint = MAX_FEN) => fc.bigInt({ min: 0n, max: maxFen }).map((f) => Money.fromFen(f));
/** Days from 2022-01-01 to 2027-12-31: around the plan window on both sides. */
const date = fc
  .integer({ min: toDayNumber('2022-01-01'), max: toDayNumber('2027-12-31') })
  .map((n) => fromDayNumber(n));
const anyDate = fc
  .integer({ min: toDayNumber('1600-01-01'), max: toDayNumber('2400-12-31') })
  .map(fromDayNumber);
const line = fc.record({ serviceKind: fc.constantFrom(...SERVICE_KINDS), amount: money(100_000_000_000n) });
const nonNegative = (m: Money) => !m.isNegative();

describe('money properties', () => {
  it('Money.parse(m.toString()) round-trips', () => {
    fc.assert(fc.property(money(), (m) => Money.parse(m.toString()).eq(m) && isMoneyString(m.toString())));
  });

  it('any accepted string parses and prints canonically', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^(0|[1-9]\d{0,12})(\.\d{1,2})?$/), (s) => {
        const printed = Money.parse(s).toString();
        return Money.parse(printed).toString() === printed && /^\d+\.\d{2}$/.test(printed);
      }),
    );
  });

  it('plus and minus are inverse, sums are order-independent', () => {
    fc.assert(
      fc.property(money(), money(), money(), (a, b, c) => {
        return (
          a.plus(b).minus(b).eq(a) &&
          Money.sum([a, b, c]).eq(Money.sum([c, a, b])) &&
          a
            .plus(b)
            .plus(c)
            .eq(a.plus(b.plus(c)))
        );
      }),
    );
  });

  it('timesRate with a rate in [0, 1] never exceeds the amount and never goes negative', () => {
    fc.assert(
      fc.property(money(), fc.integer({ min: 0, max: 10_000 }), (m, bp) => {
        const r = m.timesRate(`${bp}e-4`);
        return r.lte(m) && nonNegative(r) && r.toFen() * 10_000n <= m.toFen() * BigInt(bp);
      }),
    );
  });

  it('prorate never exceeds the amount and is the exact floor', () => {
    fc.assert(
      fc.property(
        money(),
        fc.integer({ min: 1, max: 4000 }),
        fc.integer({ min: 0, max: 4000 }),
        (m, whole, raw) => {
          const part = raw % (whole + 1);
          const r = m.prorate(part, whole);
          const exact = m.toFen() * BigInt(part);
          return r.lte(m) && r.toFen() * BigInt(whole) <= exact && (r.toFen() + 1n) * BigInt(whole) > exact;
        },
      ),
    );
  });
});

describe('calendar properties', () => {
  it('day numbers round-trip and agree with string order', () => {
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        return (
          isBusinessDate(a) &&
          fromDayNumber(toDayNumber(a)) === a &&
          Math.sign(toDayNumber(a) - toDayNumber(b)) === compareDates(a, b)
        );
      }),
    );
  });

  it('addDays and daysInclusive agree', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 5000 }), (a, n) => {
        return daysInclusive(a, addDays(a, n - 1)) === n && addDays(addDays(a, n), -n) === a;
      }),
    );
  });

  it('businessDateOf is the UTC date 8 hours later', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2_000_000_000_000, max: 8_000_000_000_000 }), (ms) => {
        const reference = new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
        return businessDateOf(new Date(ms)) === reference;
      }),
    );
  });

  it('a one-year term is 365 or 366 days and its last day precedes the anniversary', () => {
    fc.assert(
      fc.property(anyDate, (start) => {
        const last = lastDayOfTerm(start, 1);
        const days = daysInclusive(start, last);
        return (days === 365 || days === 366) && compareDates(last, addYears(start, 1)) <= 0;
      }),
    );
  });

  it('overlap is symmetric and bounded by each range', () => {
    fc.assert(
      fc.property(date, date, date, date, (a, b, c, d) => {
        const o = overlapDays(a, b, c, d);
        return (
          o === overlapDays(c, d, a, b) && o <= daysInclusive(a, b) && o <= daysInclusive(c, d) && o >= 0
        );
      }),
    );
  });

  it('a date is never after its quarter end', () => {
    fc.assert(
      fc.property(anyDate, (d) => {
        const q = quarterOf(d);
        return compareDates(d, quarterEndDate(q.year, q.quarter)) <= 0;
      }),
    );
  });
});

describe('amount properties', () => {
  it('eligible amount ≤ eligible base ≤ sum of lines, never negative', () => {
    fc.assert(
      fc.property(
        date,
        fc.integer({ min: 0, max: 400 }),
        fc.array(line, { maxLength: 6 }),
        (start, len, lines) => {
          const r = eligibleContractAmount(P, { startDate: start, endDate: addDays(start, len), lines });
          return (
            r.eligibleAmount.lte(r.eligibleBase) &&
            r.eligibleBase.lte(Money.sum(lines.map((l) => l.amount))) &&
            nonNegative(r.eligibleAmount) &&
            r.daysInPlan <= r.totalDays
          );
        },
      ),
    );
  });

  it('face value ≤ 20% of the eligible amount and ≤ the remaining room; positive when issued', () => {
    fc.assert(
      fc.property(money(), money(300_000_000n), (eligibleAmount, issuedThisYear) => {
        const r = computeFaceValue(P, { eligibleAmount, issuedThisYear });
        const room = yearlyRoom(P, issuedThisYear);
        if (!r.ok) {
          return r.code === 'YEARLY_CAP_EXHAUSTED'
            ? room.isZero()
            : eligibleAmount.timesRate('0.20').isZero();
        }
        return (
          r.faceValue.toFen() * 5n <= eligibleAmount.toFen() &&
          r.faceValue.lte(room) &&
          r.faceValue.isPositive() &&
          r.faceValue.eq(Money.min(r.uncappedFaceValue, room)) &&
          issuedThisYear.plus(r.faceValue).lte(Money.parse('2000000.00'))
        );
      }),
    );
  });

  it('a sequence of applications in one year never issues more than the cap', () => {
    fc.assert(
      fc.property(fc.array(money(2_000_000_000n), { maxLength: 30 }), (eligibleAmounts) => {
        let issued = Money.zero();
        for (const eligibleAmount of eligibleAmounts) {
          const r = computeFaceValue(P, { eligibleAmount, issuedThisYear: issued });
          if (r.ok) issued = issued.plus(r.faceValue);
        }
        return issued.lte(Money.parse('2000000.00'));
      }),
    );
  });
});

describe('redemption properties', () => {
  it('Σ payouts over any sequence of settlements ≤ face value; nothing negative', () => {
    const settlement = fc
      .tuple(date, fc.integer({ min: 0, max: 120 }), money(10_000_000_000n))
      .map(([periodStart, len, amount]) => ({ periodStart, periodEnd: addDays(periodStart, len), amount }));
    fc.assert(
      fc.property(money(200_000_000n), fc.array(settlement, { maxLength: 25 }), (faceValue, settlements) => {
        let remaining = faceValue;
        let paid = Money.zero();
        for (const s of settlements) {
          const invoicedEligibleAmount = eligibleInvoicedAmount(P, s);
          if (!nonNegative(invoicedEligibleAmount) || invoicedEligibleAmount.gt(s.amount)) return false;
          const { payout } = computePayout(P, { invoicedEligibleAmount, voucherRemaining: remaining });
          if (!nonNegative(payout) || payout.toFen() * 5n > invoicedEligibleAmount.toFen()) return false;
          remaining = remaining.minus(payout);
          paid = paid.plus(payout);
          if (remaining.isNegative()) return false;
        }
        return paid.lte(faceValue) && paid.plus(remaining).eq(faceValue);
      }),
    );
  });

  it('an assigned run is never before the claim (hence the delivery) and is a run of the program', () => {
    const runs = runsOfProgram(P);
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 800 }), (deliveredOn, lag) => {
        const claimedOn = addDays(deliveredOn, lag);
        const r = assignRedemptionRun(P, { deliveredOn, claimedOn });
        if (!r.ok) {
          return ['DELIVERY_BEFORE_PLAN_START', 'DELIVERY_AFTER_PLAN_END', 'PLAN_CLOSED'].includes(r.code);
        }
        return (
          compareDates(r.run.runDate, claimedOn) >= 0 &&
          compareDates(r.run.runDate, deliveredOn) >= 0 &&
          compareQuarters(r.run, quarterOf(claimedOn)) >= 0 &&
          runs.some(
            (x) => x.year === r.run.year && x.quarter === r.run.quarter && x.runDate === r.run.runDate,
          ) &&
          // A claim filed after Nov 15 never lands in that year's Q4 run.
          !(r.run.quarter === 4 && compareDates(claimedOn, `${r.run.year}-11-15`) > 0) &&
          r.rolledOver === r.run.year > Number(deliveredOn.slice(0, 4))
        );
      }),
    );
  });

  it('a claim before its delivery is always refused', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 400 }), (deliveredOn, lead) => {
        const r = assignRedemptionRun(P, { deliveredOn, claimedOn: addDays(deliveredOn, -lead) });
        return !r.ok && r.code === 'CLAIM_BEFORE_DELIVERY';
      }),
    );
  });
});
