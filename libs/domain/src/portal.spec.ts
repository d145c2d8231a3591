import { Money } from './money';
import {
  PROGRESS_STEPS,
  applicationProgress,
  claimRefusal,
  isVoucherExpired,
  leftToSettle,
  type ProgressInput,
} from './portal';
import { BEIJING_2023_2025 } from './programs';

describe('voucher expiry and claims on the portal (ADR 0049)', () => {
  it('a voucher is expired once marked so or past its last day of use', () => {
    expect(isVoucherExpired({ status: 'active', validUntil: '2025-12-31' }, '2025-12-31')).toBe(false);
    expect(isVoucherExpired({ status: 'active', validUntil: '2025-12-31' }, '2026-01-01')).toBe(true);
    expect(isVoucherExpired({ status: 'expired', validUntil: '2025-12-31' }, '2025-06-01')).toBe(true);
    expect(isVoucherExpired({ status: 'active', validUntil: null }, '2030-01-01')).toBe(false);
  });

  it('offers a claim exactly when the claims API would take it for the voucher', () => {
    const active = { status: 'active', validUntil: '2025-09-14' };
    expect(claimRefusal(active, { periodEnd: '2025-09-14', claimed: false })).toBeNull();
    expect(claimRefusal(active, { periodEnd: '2025-09-15', claimed: false })?.code).toBe(
      'VOUCHER_VALIDITY_ENDED',
    );
    expect(
      claimRefusal({ ...active, status: 'expired' }, { periodEnd: '2025-06-30', claimed: false }),
    ).toEqual({
      code: 'VOUCHER_EXPIRED',
      message: { zh: '算力券已过期，不能申请兑付', en: 'The voucher has expired; it cannot be claimed' },
    });
    expect(
      claimRefusal({ ...active, status: 'withdrawn' }, { periodEnd: '2025-06-30', claimed: false })?.code,
    ).toBe('VOUCHER_NOT_ACTIVE');
    expect(claimRefusal(null, { periodEnd: '2025-06-30', claimed: false })?.code).toBe(
      'NO_VOUCHER_FOR_CONTRACT',
    );
    expect(claimRefusal(active, { periodEnd: '2025-06-30', claimed: true })?.code).toBe(
      'SETTLEMENT_ALREADY_CLAIMED',
    );
  });

  it('left to settle is the contract amount less every settlement, to the fen', () => {
    const left = leftToSettle(Money.parse('1000000.00'), [Money.parse('123456.78'), Money.parse('0.01')]);
    expect(left.toString()).toBe('876543.21');
    expect(leftToSettle(Money.parse('100.00'), [Money.parse('100.00')]).toString()).toBe('0.00');
  });
});

describe('application progress with the promised time limits', () => {
  const base = {
    program: BEIJING_2023_2025,
    reviewWorkingDays: 5,
    today: '2025-10-09',
    status: 'in_review',
    submittedOn: '2025-09-29',
    reviewedOn: null,
    decidedOn: null,
    voucher: null,
    firstSettlementOn: null,
    firstClaim: null,
    firstPaidOn: null,
  };

  it('counts the review limit in working days across 国庆 (holidays and 调休)', () => {
    const steps = applicationProgress(base);
    expect(steps.map((s) => s.key)).toEqual([...PROGRESS_STEPS]);
    expect(steps[0]).toMatchObject({ state: 'done', doneOn: '2025-09-29' });
    // 29 Sep (Mon) → 30 Sep, then 1–8 Oct are holidays, 11 Oct (Sat) is worked: 30, 9, 10, 11, 13 October.
    expect(steps[1]).toMatchObject({ state: 'current', dueOn: '2025-10-13', late: false });
    expect(steps[2]).toMatchObject({ state: 'pending', dueOn: '2025-10-20' });
    expect(applicationProgress({ ...base, today: '2025-10-14' })[1].late).toBe(true);
  });

  /** The progress of an application reviewed and decided (`status`) on one day. */
  const decidedOn = (date: string, status: string, later: Partial<ProgressInput> = {}) =>
    applicationProgress({ ...base, status, reviewedOn: date, decidedOn: date, ...later });

  it('follows an issued voucher to its claim and payment dates', () => {
    const steps = decidedOn('2025-10-10', 'issued', {
      today: '2025-12-01',
      voucher: { issuedOn: '2025-10-10', validUntil: '2025-12-31' },
      firstSettlementOn: '2025-11-03',
      firstClaim: { claimedOn: '2025-11-05', run: { year: 2025, quarter: 4 } },
    });
    expect(steps.map((s) => [s.key, s.state, s.doneOn, s.dueOn])).toEqual([
      ['submitted', 'done', '2025-09-29', null],
      ['review', 'done', '2025-10-10', '2025-10-13'],
      ['decision', 'done', '2025-10-10', '2025-10-16'],
      ['voucher', 'done', '2025-10-10', '2025-10-10'],
      ['settlement', 'done', '2025-11-03', '2025-12-31'],
      ['claim', 'done', '2025-11-05', '2025-11-15'],
      ['paid', 'current', null, '2025-12-31'],
    ]);
  });

  it('stops after a rejection', () => {
    const steps = decidedOn('2025-10-09', 'rejected');
    expect(steps.map((s) => s.state)).toEqual([
      'done',
      'done',
      'done',
      'stopped',
      'stopped',
      'stopped',
      'stopped',
    ]);
  });
});
