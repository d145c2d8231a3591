import {
  blendedPayoutRate,
  computeFaceValue,
  eligibleContractAmount,
  hasYearlyCap,
  voucherValidUntil,
  yearlyRoom,
  type FaceValueResult,
} from './amounts';
import { Money } from './money';
import type { ProgramDefinition, ServiceKind } from './program';
import {
  BEIJING_2023_2025,
  CHENGDU_COMPUTE_2025,
  CHENGDU_PUHUI,
  GUIZHOU_COMPUTE,
  HANGZHOU_COMPUTE,
  SHENZHEN_MODEL,
  SHENZHEN_TRAINING,
  WUHU_DATA,
  ZHEJIANG_COMPUTE,
} from './programs';

const P = BEIJING_2023_2025;
const m = (s: string) => Money.parse(s);
const ic = (amount: string) => ({ serviceKind: 'intelligent_compute' as const, amount: m(amount) });

function ok(r: FaceValueResult) {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}`);
  return r;
}

describe('eligibleContractAmount', () => {
  it('a contract fully inside the window counts in full', () => {
    const r = eligibleContractAmount(P, {
      startDate: '2024-01-01',
      endDate: '2024-12-31',
      lines: [ic('1000000.00')],
    });
    expect(r.eligibleBase.toString()).toBe('1000000.00');
    expect(r.totalDays).toBe(366);
    expect(r.daysInPlan).toBe(366);
    expect(r.eligibleAmount.toString()).toBe('1000000.00');
  });

  it('leaves excluded kinds out of the base', () => {
    const r = eligibleContractAmount(P, {
      startDate: '2024-01-01',
      endDate: '2024-12-31',
      lines: [
        ic('600000.00'),
        ic('0.01'),
        { serviceKind: 'storage', amount: m('50000') },
        { serviceKind: 'network', amount: m('1') },
        { serviceKind: 'security', amount: m('1') },
        { serviceKind: 'other', amount: m('1') },
      ],
    });
    expect(r.eligibleBase.toString()).toBe('600000.01');
    expect(r.eligibleAmount.toString()).toBe('600000.01');
  });

  it('pro-rates across the plan end (2025-12-31), both ends inclusive', () => {
    const r = eligibleContractAmount(P, {
      startDate: '2025-07-01',
      endDate: '2026-06-30',
      lines: [ic('365000.00')],
    });
    expect(r.totalDays).toBe(365);
    expect(r.daysInPlan).toBe(184);
    expect(r.eligibleAmount.toString()).toBe('184000.00');
  });

  it('one day inside the window, truncated to the fen', () => {
    const r = eligibleContractAmount(P, {
      startDate: '2025-12-31',
      endDate: '2026-12-30',
      lines: [ic('1000000.00')],
    });
    expect(r.totalDays).toBe(365);
    expect(r.daysInPlan).toBe(1);
    expect(r.eligibleAmount.toString()).toBe('2739.72'); // 2739.726… truncated
  });

  it('a contract starting on 2026-01-01 has nothing eligible', () => {
    const r = eligibleContractAmount(P, {
      startDate: '2026-01-01',
      endDate: '2026-03-31',
      lines: [ic('1000.00')],
    });
    expect(r.daysInPlan).toBe(0);
    expect(r.eligibleAmount.isZero()).toBe(true);
  });

  it('days before the window (2023-09-01) do not count either', () => {
    const r = eligibleContractAmount(P, {
      startDate: '2023-08-01',
      endDate: '2024-07-31',
      lines: [ic('366000.00')],
    });
    expect(r.totalDays).toBe(366);
    expect(r.daysInPlan).toBe(335);
    expect(r.eligibleAmount.toString()).toBe('335000.00');
  });

  it('an inverted contract has no days and no amount', () => {
    const r = eligibleContractAmount(P, {
      startDate: '2024-02-01',
      endDate: '2024-01-31',
      lines: [ic('1000.00')],
    });
    expect(r).toMatchObject({ totalDays: 0, daysInPlan: 0 });
    expect(r.eligibleAmount.isZero()).toBe(true);
  });

  it('throws on a negative line (caller bug)', () => {
    expect(() =>
      eligibleContractAmount(P, {
        startDate: '2024-01-01',
        endDate: '2024-01-31',
        lines: [{ serviceKind: 'intelligent_compute', amount: Money.fromFen(-1n) }],
      }),
    ).toThrow(expect.objectContaining({ code: 'NEGATIVE_AMOUNT' }));
  });
});

describe('yearlyRoom', () => {
  it('is the cap minus what was issued, never negative', () => {
    expect(hasYearlyCap(P)).toBe(true);
    expect(yearlyRoom(P, Money.zero()).toString()).toBe('2000000.00');
    expect(yearlyRoom(P, m('1999999.99')).toString()).toBe('0.01');
    expect(yearlyRoom(P, m('2000000.00')).toString()).toBe('0.00');
    expect(yearlyRoom(P, m('2000000.01')).toString()).toBe('0.00');
  });

  it('throws for a program without a yearly cap, or a negative issued amount', () => {
    const uncapped: ProgramDefinition = { ...P, perEnterpriseYearlyCap: null };
    expect(hasYearlyCap(uncapped)).toBe(false);
    expect(() => yearlyRoom(uncapped, Money.zero())).toThrow(
      expect.objectContaining({ code: 'NO_YEARLY_CAP' }),
    );
    expect(() => yearlyRoom(P, Money.fromFen(-1n))).toThrow(
      expect.objectContaining({ code: 'NEGATIVE_AMOUNT' }),
    );
  });
});

describe('computeFaceValue', () => {
  it('is 20% of the eligible amount, truncated to the fen', () => {
    const r = ok(computeFaceValue(P, { eligibleAmount: m('1000000.00'), issuedThisYear: Money.zero() }));
    expect(r.faceValue.toString()).toBe('200000.00');
    expect(r.uncappedFaceValue.toString()).toBe('200000.00');
    expect(r.yearlyRoomBefore?.toString()).toBe('2000000.00');
    expect(r.limitedByYearlyCap).toBe(false);
    expect(r.limitedByApplicationCap).toBe(false);
    expect(
      ok(
        computeFaceValue(P, { eligibleAmount: m('2739.72'), issuedThisYear: Money.zero() }),
      ).faceValue.toString(),
    ).toBe('547.94');
  });

  it('cap exactly reached: 1,999,999.99 issued + 0.01 face is fine, then refusal', () => {
    const r = ok(computeFaceValue(P, { eligibleAmount: m('0.05'), issuedThisYear: m('1999999.99') }));
    expect(r.faceValue.toString()).toBe('0.01');
    expect(r.limitedByYearlyCap).toBe(false);
    const next = computeFaceValue(P, { eligibleAmount: m('0.05'), issuedThisYear: m('2000000.00') });
    expect(next).toEqual({
      ok: false,
      code: 'YEARLY_CAP_EXHAUSTED',
      message: expect.objectContaining({ zh: expect.any(String), en: expect.any(String) }),
    });
  });

  it('one fen over the room: issued for the room', () => {
    const r = ok(computeFaceValue(P, { eligibleAmount: m('5000000.05'), issuedThisYear: m('1000000.00') }));
    expect(r.uncappedFaceValue.toString()).toBe('1000000.01');
    expect(r.faceValue.toString()).toBe('1000000.00');
    expect(r.limitedByYearlyCap).toBe(true);
  });

  it('a big contract alone is limited to 2,000,000', () => {
    const r = ok(computeFaceValue(P, { eligibleAmount: m('50000000.00'), issuedThisYear: Money.zero() }));
    expect(r.faceValue.toString()).toBe('2000000.00');
    expect(r.limitedByYearlyCap).toBe(true);
  });

  it('cap exhausted is reported before a zero face value', () => {
    const r = computeFaceValue(P, { eligibleAmount: m('0.01'), issuedThisYear: m('2000000.00') });
    expect(r.ok === false && r.code).toBe('YEARLY_CAP_EXHAUSTED');
  });

  it('a tiny contract yields FACE_VALUE_ZERO', () => {
    const r = computeFaceValue(P, { eligibleAmount: m('0.04'), issuedThisYear: Money.zero() });
    expect(r.ok === false && r.code).toBe('FACE_VALUE_ZERO');
    const z = computeFaceValue(P, { eligibleAmount: Money.zero(), issuedThisYear: Money.zero() });
    expect(z.ok === false && z.code).toBe('FACE_VALUE_ZERO');
  });

  it('rejects negative inputs', () => {
    expect(() =>
      computeFaceValue(P, { eligibleAmount: Money.fromFen(-1n), issuedThisYear: Money.zero() }),
    ).toThrow();
    expect(() =>
      computeFaceValue(P, { eligibleAmount: m('1'), issuedThisYear: Money.fromFen(-1n) }),
    ).toThrow();
  });

  it('applies a per-application cap', () => {
    const p: ProgramDefinition = { ...P, perApplicationCap: '100000.00' };
    const r = ok(computeFaceValue(p, { eligibleAmount: m('1000000.00'), issuedThisYear: m('1950000.00') }));
    expect(r.faceValue.toString()).toBe('50000.00');
    expect(r.limitedByApplicationCap).toBe(true);
    expect(r.limitedByYearlyCap).toBe(true);
    const r2 = ok(computeFaceValue(p, { eligibleAmount: m('1000000.00'), issuedThisYear: Money.zero() }));
    expect(r2.faceValue.toString()).toBe('100000.00');
    expect(r2.limitedByApplicationCap).toBe(true);
    expect(r2.limitedByYearlyCap).toBe(false);
  });

  it('works without a yearly cap', () => {
    const p: ProgramDefinition = { ...P, perEnterpriseYearlyCap: null };
    const r = ok(computeFaceValue(p, { eligibleAmount: m('50000000.00'), issuedThisYear: m('99999999.00') }));
    expect(r.faceValue.toString()).toBe('10000000.00');
    expect(r.yearlyRoomBefore).toBeNull();
  });

  it('a fixed face value is limited by the rate (Chengdu 普惠: 10,000, ≤ 50%)', () => {
    const p: ProgramDefinition = {
      ...P,
      rate: '0.50',
      fixedFaceValue: '10000.00',
      perEnterpriseYearlyCap: null,
    };
    expect(
      ok(
        computeFaceValue(p, { eligibleAmount: m('30000'), issuedThisYear: Money.zero() }),
      ).faceValue.toString(),
    ).toBe('10000.00');
    expect(
      ok(
        computeFaceValue(p, { eligibleAmount: m('15000'), issuedThisYear: Money.zero() }),
      ).faceValue.toString(),
    ).toBe('7500.00');
  });

  it('a cumulative cap (Henan: ≤ 1,000,000 per user) limits and refuses', () => {
    const p: ProgramDefinition = {
      ...P,
      perEnterpriseYearlyCap: null,
      perEnterpriseCumulativeCap: '1000000.00',
    };
    const r = ok(
      computeFaceValue(p, {
        eligibleAmount: m('1000000'),
        issuedThisYear: Money.zero(),
        issuedCumulative: m('900000'),
      }),
    );
    expect(r.faceValue.toString()).toBe('100000.00');
    expect(r.limitedByCumulativeCap).toBe(true);
    const no = computeFaceValue(p, {
      eligibleAmount: m('1000000'),
      issuedThisYear: Money.zero(),
      issuedCumulative: m('1000000'),
    });
    expect(no.ok === false && no.code).toBe('CUMULATIVE_CAP_EXHAUSTED');
    expect(() => computeFaceValue(p, { eligibleAmount: m('1'), issuedThisYear: Money.zero() })).toThrow(
      expect.objectContaining({ code: 'MISSING_INPUT' }),
    );
  });

  it('refuses loudly to compute face-value tiers (a round allocates them) and rate rules without lines', () => {
    const tiered: ProgramDefinition = {
      ...P,
      faceValueTiers: [{ faceValue: '2000000.00', count: 5, minPriorYearSpend: '10000000.00' }],
    };
    expect(() => computeFaceValue(tiered, { eligibleAmount: m('1'), issuedThisYear: Money.zero() })).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_PROGRAM_FEATURE' }),
    );
    const ruled: ProgramDefinition = { ...P, rateRules: [{ domestic: true, rate: '0.30' }] };
    expect(() => computeFaceValue(ruled, { eligibleAmount: m('1'), issuedThisYear: Money.zero() })).toThrow(
      expect.objectContaining({ code: 'MISSING_INPUT' }),
    );
  });
});

describe('rate rules, lines of support, minimums, category caps and validity', () => {
  const line = (serviceKind: ServiceKind, amount: string, domestic?: boolean) => ({
    serviceKind,
    amount: m(amount),
    domestic,
  });
  const face = (
    program: ProgramDefinition,
    lines: ReturnType<typeof line>[],
    extra: Partial<Parameters<typeof computeFaceValue>[1]> = {},
  ) =>
    computeFaceValue(program, {
      eligibleAmount: Money.sum(lines.map((l) => l.amount)),
      issuedThisYear: Money.zero(),
      lines,
      ...extra,
    });

  it('Hangzhou: 30% domestic, 20% other compute, per line, truncated per line to the fen', () => {
    const r = ok(
      face(HANGZHOU_COMPUTE, [
        line('intelligent_compute', '1000000.01', true),
        line('intelligent_compute', '500000.05', false),
        line('storage', '99999.99'),
      ]),
    );
    expect(r.lines.map((l) => [l.rate, l.earned.toString(), l.maxCombinedRate])).toEqual([
      ['0.30', '300000.00', '0.45'],
      ['0.20', '100000.01', '0.25'],
    ]);
    expect(r.faceValue.toString()).toBe('400000.01');
  });

  it('a line without a domestic flag reads as not domestic (the lower rate)', () => {
    const r = ok(face(ZHEJIANG_COMPUTE, [line('intelligent_compute', '100000.00')]));
    expect(r.faceValue.toString()).toBe('10000.00');
  });

  it('Guizhou: each line of support has its own rate and yearly cap', () => {
    const r = ok(
      face(
        GUIZHOU_COMPUTE,
        [
          line('intelligent_compute', '10000000.00'),
          line('compute_adaptation', '6000000.00', true),
          line('compute_adaptation', '1000000.00', false),
          line('model_training', '1000000.00'),
        ],
        { issuedThisYearByLine: { adaptation: m('0.00'), 'model-training': m('4900000.00') } },
      ),
    );
    // deal 3% of 10,000,000 + 3% of 1,000,000 (non-domestic adaptation) = 330,000; adaptation 30% of
    // 6,000,000 capped at 1,500,000; training 300,000 with 100,000 of its yearly cap left.
    expect(r.bySupportLine).toEqual({
      adaptation: m('1500000.00'),
      'model-training': m('100000.00'),
      deal: m('330000.00'),
    });
    expect(r.faceValue.toString()).toBe('1930000.00');
    expect(r.limitedBySupportLineCap).toBe(true);
    const spent = face(GUIZHOU_COMPUTE, [line('model_training', '10.00')], {
      issuedThisYearByLine: { 'model-training': m('5000000.00') },
    });
    expect(spent).toMatchObject({ ok: false, code: 'SUPPORT_LINE_CAP_EXHAUSTED' });
  });

  it('Wuhu 数据券: the rate follows the enterprise level', () => {
    const lines = [line('data_product', '100000.00'), line('data_service', '100000.00')];
    const at = (c: string[]) => ok(face(WUHU_DATA, lines, { applicantCategories: c })).faceValue.toString();
    expect(at(['bigdata-provincial'])).toBe('34000.00');
    expect(at(['bigdata-municipal'])).toBe('30000.00');
    expect(at([])).toBe('23000.00');
  });

  it('Shenzhen: startups 60%; 模型券 ceiling for a category', () => {
    expect(
      ok(
        face(SHENZHEN_TRAINING, [line('intelligent_compute', '1000.00')], {
          applicantCategories: ['startup'],
        }),
      ).faceValue.toString(),
    ).toBe('600.00');
    const big = [line('model_service', '10000000.00')];
    expect(ok(face(SHENZHEN_MODEL, big)).faceValue.toString()).toBe('1000000.00');
    expect(
      ok(face(SHENZHEN_MODEL, big, { applicantCategories: ['model-voucher-ceiling'] })).faceValue.toString(),
    ).toBe('2000000.00');
  });

  it('Chengdu 2025: the voucher must earn at least 10,000.00 (19,999.99 → 9,999.99 refused; 20,000.00 → 10,000.00)', () => {
    expect(face(CHENGDU_COMPUTE_2025, [line('intelligent_compute', '19999.99')])).toMatchObject({
      ok: false,
      code: 'FACE_VALUE_BELOW_MINIMUM',
    });
    expect(
      ok(face(CHENGDU_COMPUTE_2025, [line('intelligent_compute', '20000.00')])).faceValue.toString(),
    ).toBe('10000.00');
  });

  it('validity: plan, issuance year, months (month-end clamped, never past the plan)', () => {
    expect(voucherValidUntil(GUIZHOU_COMPUTE, '2025-03-15')).toBe('2025-09-14');
    expect(voucherValidUntil(GUIZHOU_COMPUTE, '2025-08-31')).toBe('2026-02-28');
    expect(voucherValidUntil(GUIZHOU_COMPUTE, '2026-09-01')).toBe('2026-12-31');
    expect(voucherValidUntil(CHENGDU_PUHUI, '2025-03-15')).toBe('2025-12-31');
    expect(voucherValidUntil(P, '2024-03-15')).toBe('2025-12-31');
  });
});

describe('blendedPayoutRate', () => {
  it('pays each invoiced yuan at what the lines earn over what they cost', () => {
    const lines = [
      { eligibleAmount: Money.parse('1000000.00'), earned: Money.parse('300000.00') },
      { eligibleAmount: Money.parse('1000000.00'), earned: Money.parse('200000.00') },
    ];
    expect(blendedPayoutRate(lines)).toBe('0.25');
    expect(blendedPayoutRate([{ eligibleAmount: Money.parse('3.00'), earned: Money.parse('1.00') }])).toBe(
      '0.3333333333',
    );
    expect(blendedPayoutRate([])).toBeNull();
  });
});
