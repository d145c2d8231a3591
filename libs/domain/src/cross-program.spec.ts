import {
  notCombinableWith,
  resolveApplication,
  resolveSpending,
  spendingKey,
  undeclaredSupport,
  type ExistingFunding,
} from './cross-program';
import { Money } from './money';
import {
  GUIYANG_COMPUTE,
  GUIZHOU_COMPUTE,
  GUIZHOU_PHYSICAL,
  HANGZHOU_COMPUTE,
  HANGZHOU_SMART,
  QINGDAO_COMPUTE,
  SHANDONG_COMPUTE,
  TAIZHOU_JIANGYAN,
  YINCHUAN_MODEL,
  YINCHUAN_TALENT,
} from './programs';
import { settlementDiscount } from './settlement-discount';

const m = (s: string) => Money.parse(s);
const held = (
  program: { code: string; stacking: ExistingFunding['stacking'] },
  amount: string,
  extra: Partial<ExistingFunding> = {},
): ExistingFunding => ({
  fundingId: `f-${program.code}`,
  programCode: program.code,
  stacking: program.stacking,
  amount: m(amount),
  role: 'primary',
  paid: false,
  voucherId: `v-${program.code}`,
  ...extra,
});

describe('spending keys', () => {
  it('an invoice identifies the spending whatever contract presents it; else the contract line', () => {
    expect(spendingKey({ supplierCode: 's', contractNumber: 'A', lineNo: 1, invoiceNumber: ' inv 9 ' })).toBe(
      'invoice:s:INV9',
    );
    expect(spendingKey({ supplierCode: 's', contractNumber: 'ht-1', lineNo: 2 })).toBe('contract:s:HT-1#2');
  });
});

describe('从优不重复, stacking and 晋级补差', () => {
  const claim = (
    amount: string,
    existing: ExistingFunding[],
    base = '1000000.00',
    maxCombinedRate: string | null = null,
  ) => ({
    key: 'invoice:s:1',
    base: m(base),
    amount: m(amount),
    maxCombinedRate,
    existing,
  });

  it('funds a spending nobody funds', () => {
    expect(resolveSpending(QINGDAO_COMPUTE, claim('200000.00', []))).toMatchObject({
      outcome: 'fund',
      reason: 'CROSS_PROGRAM_FIRST_FUNDING',
    });
  });

  it('the more favourable replaces an unpaid funding; a less favourable one is refused', () => {
    const d = resolveSpending(QINGDAO_COMPUTE, claim('200000.00', [held(SHANDONG_COMPUTE, '50000.00')]));
    expect(d).toMatchObject({
      outcome: 'supersede',
      reason: 'CROSS_PROGRAM_SUPERSEDES',
      supersedes: ['f-shandong-compute'],
    });
    expect(d.amount.toString()).toBe('200000.00');
    expect(
      resolveSpending(SHANDONG_COMPUTE, claim('50000.00', [held(QINGDAO_COMPUTE, '200000.00')])),
    ).toMatchObject({
      outcome: 'refuse',
      reason: 'SPENDING_FUNDED_MORE_FAVOURABLY',
    });
    // Equal is not more favourable: the first stays.
    expect(
      resolveSpending(YINCHUAN_TALENT, claim('300000.00', [held(YINCHUAN_MODEL, '300000.00')])),
    ).toMatchObject({
      outcome: 'refuse',
    });
  });

  it('once some of the other funding is paid, only the difference is funded (never twice)', () => {
    const d = resolveSpending(
      QINGDAO_COMPUTE,
      claim('200000.00', [held(SHANDONG_COMPUTE, '50000.00', { paid: true })]),
    );
    expect(d).toMatchObject({ outcome: 'top-up', reason: 'CROSS_PROGRAM_TOP_UP' });
    expect(d.amount.toString()).toBe('150000.00');
  });

  it('晋级补差: a program that says so pays only the difference', () => {
    const d = resolveSpending(GUIYANG_COMPUTE, claim('300000.00', [held(YINCHUAN_TALENT, '120000.00')]));
    expect(d).toMatchObject({ outcome: 'top-up', role: 'top-up' });
    expect(d.amount.toString()).toBe('180000.00');
  });

  it('Hangzhou: 智能券 stacks on 算力券 up to 45% (domestic) / 25% (other)', () => {
    const domestic = resolveSpending(
      HANGZHOU_SMART,
      claim('300000.00', [held(HANGZHOU_COMPUTE, '300000.00')], '1000000.00', '0.45'),
    );
    expect(domestic).toMatchObject({ outcome: 'stack', reason: 'CROSS_PROGRAM_STACKED' });
    expect(domestic.amount.toString()).toBe('150000.00');
    const other = resolveSpending(
      HANGZHOU_COMPUTE,
      claim('200000.00', [held(HANGZHOU_SMART, '100000.00')], '1000000.00', '0.25'),
    );
    expect(other.amount.toString()).toBe('150000.00');
    const full = resolveSpending(
      HANGZHOU_SMART,
      claim('100000.00', [held(HANGZHOU_COMPUTE, '250000.00')], '1000000.00', '0.25'),
    );
    expect(full).toMatchObject({ outcome: 'refuse', reason: 'STACKING_LIMIT_REACHED' });
    // Never a third on the same spending.
    const third = resolveSpending(
      HANGZHOU_SMART,
      claim('1.00', [
        held(HANGZHOU_COMPUTE, '1.00'),
        held(HANGZHOU_SMART, '1.00', { role: 'stacked', programCode: 'x' }),
      ]),
    );
    expect(third.outcome).not.toBe('stack');
  });

  it('an application is refused only when nothing is left; supersessions name their vouchers once', () => {
    const r = resolveApplication(QINGDAO_COMPUTE, [
      claim('200000.00', [held(SHANDONG_COMPUTE, '50000.00')]),
      { ...claim('10.00', [held(SHANDONG_COMPUTE, '50.00')]), key: 'invoice:s:2' },
    ]);
    expect(r.total.toString()).toBe('200000.00');
    expect(r.refusal).toBeNull();
    expect(r.supersededVouchers).toEqual(['v-shandong-compute']);
    expect(
      resolveApplication(SHANDONG_COMPUTE, [claim('1.00', [held(QINGDAO_COMPUTE, '2.00')])]).refusal,
    ).toBe('SPENDING_FUNDED_MORE_FAVOURABLY');
  });

  it('不可重复申领 either way', () => {
    expect(notCombinableWith(GUIZHOU_COMPUTE, [GUIZHOU_PHYSICAL])).toBe('guizhou-physical');
    expect(notCombinableWith(GUIZHOU_PHYSICAL, [GUIZHOU_COMPUTE])).toBe('guizhou-compute');
    expect(notCombinableWith(GUIZHOU_COMPUTE, [QINGDAO_COMPUTE, GUIZHOU_COMPUTE])).toBeNull();
  });

  it('support found on the spending but not declared is shown to the reviewer', () => {
    const found = [
      { programCode: 'shandong-compute', key: 'a', amount: m('1.00') },
      { programCode: 'shandong-compute', key: 'b', amount: m('2.00') },
      { programCode: 'qingdao-compute', key: 'a', amount: m('5.00') },
    ];
    const u = undeclaredSupport(
      [{ programCode: 'qingdao-compute', programName: '青岛', amount: m('5.00'), status: 'received' }],
      found,
    );
    expect(u).toEqual([{ programCode: 'shandong-compute', keys: ['a', 'b'], amount: m('3.00') }]);
  });
});

describe('Taizhou Jiangyan settlement discount', () => {
  const at = (amount: string, coreIndustry: boolean) => {
    const d = settlementDiscount(TAIZHOU_JIANGYAN, { listAmount: m(amount), coreIndustry });
    return [d.factor, d.payable.toString(), d.subsidy.toString()];
  };
  it('tiers by purchase size and the core-industry flag; both open boundaries in the middle tier', () => {
    expect(at('500000.00', true)).toEqual(['0.40', '200000.00', '300000.00']);
    expect(at('500000.00', false)).toEqual(['0.46', '230000.00', '270000.00']);
    expect(at('300000.01', true)).toEqual(['0.40', '120000.01', '180000.00']);
    expect(at('300000.00', true)).toEqual(['0.42', '126000.00', '174000.00']);
    expect(at('100000.00', false)).toEqual(['0.48', '48000.00', '52000.00']);
    expect(at('99999.99', false)).toEqual(['0.50', '50000.00', '49999.99']);
    expect(at('0.01', true)).toEqual(['0.44', '0.01', '0.00']);
  });
});
