import {
  applicationDateVerdict,
  issuanceDateVerdict,
  nextOpenRun,
  programStatusOn,
  runStartVerdict,
} from './plan-dates';
import { BEIJING_2023_2025 } from './programs';

const BEIJING = BEIJING_2023_2025;

describe('the dates a plan enforces (ADR 0044)', () => {
  it('takes applications up to and including the plan’s last day, then PLAN_CLOSED', () => {
    expect(applicationDateVerdict(BEIJING, '2025-12-31')).toEqual({ ok: true });
    const after = applicationDateVerdict(BEIJING, '2026-01-01');
    expect(after).toMatchObject({ ok: false, code: 'PLAN_CLOSED' });
    if (!after.ok) expect(after.message.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('shows a program closed after its plan, or when an admin closed it, and open otherwise', () => {
    expect(programStatusOn(BEIJING, true, '2025-10-08')).toBe('open');
    expect(programStatusOn(BEIJING, true, '2026-01-01')).toBe('closed');
    expect(programStatusOn(BEIJING, false, '2025-10-08')).toBe('closed');
  });

  it('never issues a voucher that is already expired on its issue date', () => {
    expect(issuanceDateVerdict(BEIJING, '2025-12-31')).toEqual({ ok: true });
    expect(issuanceDateVerdict(BEIJING, '2026-01-05')).toMatchObject({
      ok: false,
      code: 'ISSUANCE_AFTER_VALIDITY',
    });
  });

  it('refuses a run started by hand before its quarter’s run date, except in the sandbox', () => {
    const q4 = { year: 2025, quarter: 4 } as const;
    expect(runStartVerdict(q4, '2025-12-30', { sandbox: false })).toMatchObject({
      ok: false,
      code: 'RUN_BEFORE_RUN_DATE',
    });
    expect(runStartVerdict(q4, '2025-12-31', { sandbox: false })).toEqual({ ok: true });
    expect(runStartVerdict(q4, '2026-01-02', { sandbox: false })).toEqual({ ok: true });
    expect(runStartVerdict(q4, '2025-10-08', { sandbox: true })).toEqual({ ok: true });
  });

  it('moves a claim past every run that has gathered or completed to the next open one', () => {
    const closed = new Set(['2025-3', '2025-4']);
    const choice = nextOpenRun(BEIJING, { year: 2025, quarter: 3 }, (q) =>
      closed.has(`${q.year}-${q.quarter}`),
    );
    expect(choice).toEqual({
      ok: true,
      run: { year: 2026, quarter: 1, runDate: '2026-03-31' },
      movedOn: true,
    });
    expect(nextOpenRun(BEIJING, { year: 2025, quarter: 3 }, () => false)).toEqual({
      ok: true,
      run: { year: 2025, quarter: 3, runDate: '2025-09-30' },
      movedOn: false,
    });
  });

  it('refuses a claim with PLAN_CLOSED when the final run has already gathered', () => {
    const final = BEIJING.redemption.finalRun;
    const choice = nextOpenRun(BEIJING, final, (q) => q.year === final.year && q.quarter === final.quarter);
    expect(choice).toMatchObject({ ok: false, code: 'PLAN_CLOSED' });
  });
});
