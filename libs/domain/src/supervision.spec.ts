import { Money } from './money';
import {
  applyRepayment,
  debarmentEndsOn,
  debarmentRefusal,
  isDebarmentInForce,
  isOverdue,
  reminderNumber,
  type DebarmentFacts,
} from './supervision';

const m = Money.parse;

describe('debarment (3年内不可申报)', () => {
  const bar: DebarmentFacts = {
    authorityCode: 'bj-jxj',
    startsOn: '2025-03-10',
    endsOn: debarmentEndsOn('2025-03-10'),
    liftedOn: null,
  };

  it('lasts three years to the day before the third anniversary', () => {
    expect(bar.endsOn).toBe('2028-03-09');
    expect(debarmentEndsOn('2024-02-29')).toBe('2027-02-27');
  });

  it('binds from its first to its last day, for the same authority only', () => {
    expect(isDebarmentInForce(bar, '2025-03-09')).toBe(false);
    expect(isDebarmentInForce(bar, '2025-03-10')).toBe(true);
    expect(isDebarmentInForce(bar, '2028-03-09')).toBe(true);
    expect(isDebarmentInForce(bar, '2028-03-10')).toBe(false);
    expect(debarmentRefusal([bar], { authorityCode: 'bj-jxj' }, '2026-01-01')).toMatchObject({
      code: 'ENTERPRISE_DEBARRED',
      endsOn: '2028-03-09',
      message: { zh: expect.stringContaining('3年内不可申报') },
    });
    expect(debarmentRefusal([bar], { authorityCode: 'cd-jxj' }, '2026-01-01')).toBeNull();
  });

  it('stops binding on the day it is lifted', () => {
    const lifted = { ...bar, liftedOn: '2026-05-01' };
    expect(isDebarmentInForce(lifted, '2026-04-30')).toBe(true);
    expect(isDebarmentInForce(lifted, '2026-05-01')).toBe(false);
    expect(debarmentRefusal([lifted], { authorityCode: 'bj-jxj' }, '2026-06-01')).toBeNull();
  });

  it('reports the latest end among several bars', () => {
    const later = { ...bar, startsOn: '2026-01-01', endsOn: debarmentEndsOn('2026-01-01') };
    expect(debarmentRefusal([bar, later], { authorityCode: 'bj-jxj' }, '2026-02-01')?.endsOn).toBe(
      '2028-12-31',
    );
  });
});

describe('clawback receivable', () => {
  const open = { principal: m('120000.00'), repaid: m('0.00'), status: 'open' as const, dueOn: '2025-04-09' };

  it('takes partial repayments to the fen and closes at zero', () => {
    const first = applyRepayment(open, m('50000.01'));
    expect(first).toEqual({ ok: true, repaid: m('50000.01'), outstanding: m('69999.99'), status: 'open' });
    const last = applyRepayment({ ...open, repaid: m('50000.01') }, m('69999.99'));
    expect(last).toMatchObject({ ok: true, status: 'repaid' });
    expect(last.ok && last.outstanding.toString()).toBe('0.00');
  });

  it('refuses more than is outstanding, nothing, or a closed receivable', () => {
    expect(applyRepayment(open, m('120000.01'))).toMatchObject({
      ok: false,
      code: 'CLAWBACK_REPAYMENT_EXCEEDS_OUTSTANDING',
    });
    expect(applyRepayment(open, m('0.00'))).toMatchObject({
      ok: false,
      code: 'CLAWBACK_REPAYMENT_NOT_POSITIVE',
    });
    expect(applyRepayment({ ...open, status: 'written_off' }, m('1.00'))).toMatchObject({
      ok: false,
      code: 'CLAWBACK_NOT_OPEN',
    });
  });

  it('is overdue after its due date while anything is outstanding', () => {
    expect(isOverdue(open, '2025-04-09')).toBe(false);
    expect(isOverdue(open, '2025-04-10')).toBe(true);
    expect(isOverdue({ ...open, repaid: m('120000.00') }, '2025-04-10')).toBe(false);
    expect(isOverdue({ ...open, status: 'written_off' }, '2025-05-10')).toBe(false);
  });

  it('numbers the overdue reminders weekly from the day after the due date', () => {
    expect(reminderNumber('2025-04-09', '2025-04-09')).toBeNull();
    expect(reminderNumber('2025-04-09', '2025-04-10')).toBe(1);
    expect(reminderNumber('2025-04-09', '2025-04-16')).toBe(1);
    expect(reminderNumber('2025-04-09', '2025-04-17')).toBe(2);
    expect(reminderNumber('2025-04-09', '2025-05-01')).toBe(4);
  });
});
