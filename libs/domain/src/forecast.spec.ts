import fc from 'fast-check';
import { addDays } from './calendar';
import { burnWindow, forecastRunOut } from './forecast';
import { Money } from './money';

const m = Money.parse;

describe('budget forecast', () => {
  it('runs out on the first day commitments at the burn rate reach what is left after the pipeline', () => {
    // 10,000,000 budget; 4,000,000 issued; 1,000,000 under review; 900,000 issued in the last 90 days.
    const f = forecastRunOut({
      asOf: '2025-06-30',
      budget: m('10000000.00'),
      committed: m('4000000.00'),
      pipeline: m('1000000.00'),
      window: { from: '2025-04-02', to: '2025-06-30', committed: m('900000.00') },
    });
    expect(f).toMatchObject({
      windowDays: 90,
      daysLeft: 500,
      runOutOn: addDays('2025-06-30', 500),
      exhausted: false,
    });
    expect(f.burnPerDay.toString()).toBe('10000.00');
    expect(f.remaining?.toString()).toBe('6000000.00');
    expect(f.remainingAfterPipeline?.toString()).toBe('5000000.00');
  });

  it('rounds a part day up, is exhausted when the pipeline takes the rest, and says nothing without a burn or a pool', () => {
    const base = {
      asOf: '2025-01-10',
      budget: m('100.00'),
      committed: m('0.00'),
      pipeline: m('0.00'),
      window: { from: '2025-01-01', to: '2025-01-10', committed: m('30.00') },
    };
    expect(forecastRunOut(base).daysLeft).toBe(34); // 100 / 3 per day = 33.3 → the 34th day
    expect(forecastRunOut({ ...base, pipeline: m('100.00') })).toMatchObject({
      exhausted: true,
      runOutOn: '2025-01-10',
    });
    expect(forecastRunOut({ ...base, window: { ...base.window, committed: m('0.00') } }).runOutOn).toBeNull();
    expect(forecastRunOut({ ...base, budget: null }).remaining).toBeNull();
  });

  it('never runs out before the money is gone, and is gone by then', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 10n ** 10n }),
        fc.integer({ min: 1, max: 365 }),
        (budgetFen, burnFen, days) => {
          const f = forecastRunOut({
            asOf: '2025-12-31',
            budget: Money.fromFen(budgetFen),
            committed: Money.zero(),
            pipeline: Money.zero(),
            window: {
              from: addDays('2025-12-31', -(days - 1)),
              to: '2025-12-31',
              committed: Money.fromFen(burnFen),
            },
          });
          if (f.daysLeft === null) return budgetFen * BigInt(days) > 36500n * burnFen;
          const d = BigInt(f.daysLeft);
          // d days at burnFen/days per day cover the budget; d − 1 do not.
          return d * burnFen >= budgetFen * BigInt(days) && (d - 1n) * burnFen < budgetFen * BigInt(days);
        },
      ),
    );
  });

  it('takes a trailing window clipped to the period', () => {
    expect(burnWindow('2025-06-30', '2025-01-01')).toEqual({ from: '2025-04-02', to: '2025-06-30' });
    expect(burnWindow('2025-02-15', '2025-01-01')).toEqual({ from: '2025-01-01', to: '2025-02-15' });
  });
});
