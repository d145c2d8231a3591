import { Money } from './money';
import type { ProgramDefinition } from './program';
import { BEIJING_2023_2025 } from './programs';
import {
  assignRedemptionRun,
  claimCutoffDate,
  computePayout,
  eligibleInvoicedAmount,
  redemptionRunKey,
  runsOfProgram,
  type RunAssignment,
} from './redemption';

const P = BEIJING_2023_2025;
const m = (s: string) => Money.parse(s);

function run(deliveredOn: string, claimedOn: string, program: ProgramDefinition = P) {
  return assignRedemptionRun(program, { deliveredOn, claimedOn });
}

function okRun(r: RunAssignment) {
  if (!r.ok) throw new Error(`expected a run, got ${r.code}`);
  return r;
}

describe('eligibleInvoicedAmount', () => {
  it('counts a period inside the window in full', () => {
    expect(
      eligibleInvoicedAmount(P, {
        periodStart: '2024-01-01',
        periodEnd: '2024-03-31',
        amount: m('91000'),
      }).toString(),
    ).toBe('91000.00');
  });

  it('pro-rates a period across 2025-12-31', () => {
    expect(
      eligibleInvoicedAmount(P, {
        periodStart: '2025-12-01',
        periodEnd: '2026-01-29',
        amount: m('60000'),
      }).toString(),
    ).toBe('31000.00');
    expect(
      eligibleInvoicedAmount(P, {
        periodStart: '2025-12-31',
        periodEnd: '2026-01-02',
        amount: m('100'),
      }).toString(),
    ).toBe('33.33');
  });

  it('a delivery entirely after the plan end is worth nothing', () => {
    expect(
      eligibleInvoicedAmount(P, {
        periodStart: '2026-01-01',
        periodEnd: '2026-01-31',
        amount: m('1000'),
      }).isZero(),
    ).toBe(true);
  });

  it('rejects an inverted period or a negative amount', () => {
    expect(() =>
      eligibleInvoicedAmount(P, { periodStart: '2024-02-01', periodEnd: '2024-01-31', amount: m('1') }),
    ).toThrow(expect.objectContaining({ code: 'PERIOD_END_BEFORE_START' }));
    expect(() =>
      eligibleInvoicedAmount(P, {
        periodStart: '2024-01-01',
        periodEnd: '2024-01-31',
        amount: Money.fromFen(-1n),
      }),
    ).toThrow(expect.objectContaining({ code: 'NEGATIVE_AMOUNT' }));
  });
});

describe('computePayout', () => {
  it('pays 20% of the invoiced eligible amount, truncated', () => {
    const r = computePayout(P, { invoicedEligibleAmount: m('333.33'), voucherRemaining: m('1000') });
    expect(r.payout.toString()).toBe('66.66');
    expect(r.uncappedPayout.toString()).toBe('66.66');
    expect(r.limitedByBalance).toBe(false);
  });

  it('never pays more than the remaining balance', () => {
    const r = computePayout(P, { invoicedEligibleAmount: m('1000000'), voucherRemaining: m('150000.01') });
    expect(r.payout.toString()).toBe('150000.01');
    expect(r.limitedByBalance).toBe(true);
    const exact = computePayout(P, { invoicedEligibleAmount: m('100'), voucherRemaining: m('20') });
    expect(exact.payout.toString()).toBe('20.00');
    expect(exact.limitedByBalance).toBe(false);
  });

  it('never pays a negative amount', () => {
    expect(
      computePayout(P, { invoicedEligibleAmount: m('100'), voucherRemaining: Money.zero() }).payout.isZero(),
    ).toBe(true);
    const r = computePayout(P, { invoicedEligibleAmount: m('100'), voucherRemaining: Money.fromFen(-500n) });
    expect(r.payout.isZero()).toBe(true);
    expect(r.limitedByBalance).toBe(true);
    expect(
      computePayout(P, {
        invoicedEligibleAmount: Money.fromFen(-500n),
        voucherRemaining: m('10'),
      }).payout.isZero(),
    ).toBe(true);
  });
});

describe('assignRedemptionRun', () => {
  it('cutoff is Nov 15 of the year', () => {
    expect(claimCutoffDate(P, 2024)).toBe('2024-11-15');
    expect(claimCutoffDate({ ...P, redemption: { ...P.redemption, claimCutoff: null } }, 2024)).toBeNull();
  });

  it.each([
    // [delivered, claimed, year, quarter, runDate, rolledOver, reason]
    ['2024-01-31', '2024-02-10', 2024, 1, '2024-03-31', false, 'IN_QUARTER'],
    ['2024-03-31', '2024-03-31', 2024, 1, '2024-03-31', false, 'IN_QUARTER'],
    ['2024-03-31', '2024-04-01', 2024, 2, '2024-06-30', false, 'IN_QUARTER'],
    ['2024-06-30', '2024-09-30', 2024, 3, '2024-09-30', false, 'IN_QUARTER'],
    ['2024-10-31', '2024-11-15', 2024, 4, '2024-12-31', false, 'IN_QUARTER'], // claim on the cutoff day
    ['2024-11-15', '2024-11-15', 2024, 4, '2024-12-31', false, 'IN_QUARTER'], // delivery on the cutoff day
    ['2024-11-15', '2024-11-16', 2025, 1, '2025-03-31', true, 'CLAIMED_AFTER_CUTOFF'], // claim one day late
    ['2024-10-31', '2024-12-20', 2025, 1, '2025-03-31', true, 'CLAIMED_AFTER_CUTOFF'],
    ['2024-11-16', '2024-11-16', 2025, 1, '2025-03-31', true, 'DELIVERED_AFTER_CUTOFF'],
    ['2024-12-31', '2024-12-31', 2025, 1, '2025-03-31', true, 'DELIVERED_AFTER_CUTOFF'], // Dec 31 → Q1
    ['2024-12-31', '2025-01-15', 2025, 1, '2025-03-31', true, 'DELIVERED_AFTER_CUTOFF'],
    ['2024-12-10', '2025-05-20', 2025, 2, '2025-06-30', true, 'DELIVERED_AFTER_CUTOFF'], // later claim quarter wins
    ['2024-10-01', '2025-05-20', 2025, 2, '2025-06-30', true, 'CLAIMED_AFTER_CUTOFF'],
    ['2024-10-01', '2025-12-01', 2026, 1, '2026-03-31', true, 'CLAIMED_AFTER_CUTOFF'], // after 2025's cutoff too
    ['2025-11-15', '2025-11-15', 2025, 4, '2025-12-31', false, 'IN_QUARTER'],
    ['2025-12-31', '2026-01-05', 2026, 1, '2026-03-31', true, 'DELIVERED_AFTER_CUTOFF'], // final rollover
    ['2025-12-31', '2026-03-31', 2026, 1, '2026-03-31', true, 'DELIVERED_AFTER_CUTOFF'],
    ['2024-02-29', '2024-02-29', 2024, 1, '2024-03-31', false, 'IN_QUARTER'],
  ])(
    'delivered %s, claimed %s → %d Q%d (%s)',
    (deliveredOn, claimedOn, year, quarter, runDate, rolledOver, reason) => {
      expect(run(deliveredOn, claimedOn)).toEqual({
        ok: true,
        run: { year, quarter, runDate },
        rolledOver,
        reason,
      });
    },
  );

  describe('seed 000 §六: the 2023 transition comes out of the general rule', () => {
    it('signed 9/1–11/15, delivered by 11/15 → redeemed in 2023 (Q4 run)', () => {
      expect(okRun(run('2023-10-31', '2023-11-10')).run).toEqual({
        year: 2023,
        quarter: 4,
        runDate: '2023-12-31',
      });
      expect(okRun(run('2023-11-15', '2023-11-15')).run.year).toBe(2023);
    });

    it('signed 9/1–11/15, delivered 11/16–12/31 → 2024 Q1', () => {
      const r = okRun(run('2023-11-16', '2023-11-20'));
      expect(r.run).toEqual({ year: 2024, quarter: 1, runDate: '2024-03-31' });
      expect(r.rolledOver).toBe(true);
      expect(r.reason).toBe('DELIVERED_AFTER_CUTOFF');
    });

    it('signed 2023-11-20, delivered 2023-12-10, claimed 2023-12-12 → 2024 Q1', () => {
      expect(run('2023-12-10', '2023-12-12')).toEqual({
        ok: true,
        run: { year: 2024, quarter: 1, runDate: '2024-03-31' },
        rolledOver: true,
        reason: 'DELIVERED_AFTER_CUTOFF',
      });
    });

    it('a claim filed before the first run existed (plan published 2023-10-11) goes to 2023 Q4', () => {
      expect(run('2023-09-15', '2023-09-20')).toEqual({
        ok: true,
        run: { year: 2023, quarter: 4, runDate: '2023-12-31' },
        rolledOver: false,
        reason: 'BEFORE_FIRST_RUN',
      });
    });
  });

  describe('refusals', () => {
    it.each([
      ['2024-05-02', '2024-05-01', 'CLAIM_BEFORE_DELIVERY'],
      ['2023-08-31', '2023-10-20', 'DELIVERY_BEFORE_PLAN_START'],
      ['2026-01-01', '2026-01-05', 'DELIVERY_AFTER_PLAN_END'],
      ['2025-12-31', '2026-04-01', 'PLAN_CLOSED'],
      ['2025-10-01', '2026-04-01', 'PLAN_CLOSED'],
    ])('delivered %s, claimed %s → %s', (deliveredOn, claimedOn, code) => {
      const r = run(deliveredOn, claimedOn);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe(code);
        expect(r.message.zh.length).toBeGreaterThan(0);
        expect(r.message.en.length).toBeGreaterThan(0);
      }
    });

    it('2025-12-31 is the last delivery day that counts', () => {
      expect(run('2025-12-31', '2025-12-31').ok).toBe(true);
      expect(run('2026-01-01', '2026-01-01').ok).toBe(false);
    });
  });

  it('without a cutoff a claim stays in its own quarter', () => {
    const p: ProgramDefinition = {
      ...P,
      redemption: {
        ...P.redemption,
        claimCutoff: null,
        rollover: 'none',
        firstRun: { year: 2023, quarter: 3 },
      },
    };
    expect(okRun(run('2024-12-20', '2024-12-21', p)).run).toEqual({
      year: 2024,
      quarter: 4,
      runDate: '2024-12-31',
    });
    expect(okRun(run('2024-12-20', '2024-12-21', p)).reason).toBe('IN_QUARTER');
  });
});

describe('runs', () => {
  it('builds stable run keys', () => {
    expect(redemptionRunKey('beijing-ai-compute-2023', 2024, 1)).toBe(
      'redemption-run:beijing-ai-compute-2023:2024-Q1',
    );
    expect(redemptionRunKey(P.code, 2026, 1)).toBe('redemption-run:beijing-ai-compute-2023:2026-Q1');
    expect(() => redemptionRunKey(P.code, 2024, 0 as 1)).toThrow();
  });

  it('lists Beijing runs 2023 Q4 … 2026 Q1', () => {
    const runs = runsOfProgram(P);
    expect(runs).toHaveLength(10);
    expect(runs[0]).toEqual({ year: 2023, quarter: 4, runDate: '2023-12-31' });
    expect(runs[runs.length - 1]).toEqual({ year: 2026, quarter: 1, runDate: '2026-03-31' });
    expect(runs.map((r) => r.runDate)).toEqual([
      '2023-12-31',
      '2024-03-31',
      '2024-06-30',
      '2024-09-30',
      '2024-12-31',
      '2025-03-31',
      '2025-06-30',
      '2025-09-30',
      '2025-12-31',
      '2026-03-31',
    ]);
  });
});
