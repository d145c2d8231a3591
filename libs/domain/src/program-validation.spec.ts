import fc from 'fast-check';
import { Money } from './money';
import { splitByShares, sharesAddUpToOne } from './funding';
import { validateProgramDefinition } from './program-validation';
import { PROGRAMS, HENAN_2024_2025 } from './programs';

describe('validateProgramDefinition', () => {
  it.each(Object.keys(PROGRAMS))('accepts the built-in definition %s', (code) => {
    expect(validateProgramDefinition(PROGRAMS[code])).toEqual([]);
  });

  it('names every bad field', () => {
    const bad = {
      ...HENAN_2024_2025,
      code: 'Henan Compute',
      rate: '1.5',
      planEnd: '2023-12-31',
      perEnterpriseCumulativeCap: '-5',
      fundingShares: [
        { funderCode: 'p', funder: { zh: '省', en: 'P' }, share: '0.5' },
        { funderCode: 'c', funder: { zh: '市', en: 'C' }, share: '0.4' },
      ],
      allocation: 'ranked',
      materials: [
        { code: 'x', name: { zh: '', en: 'X' }, required: 'yes', party: 'bank', stage: 'application' },
      ],
    };
    const fields = validateProgramDefinition(bad).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'code',
        'rate',
        'planEnd',
        'perEnterpriseCumulativeCap',
        'round',
        'materials[0].name.zh',
        'materials[0].required',
        'materials[0].party',
      ]),
    );
  });

  it('refuses shares that do not add up to one', () => {
    const errors = validateProgramDefinition({
      ...HENAN_2024_2025,
      fundingShares: [
        { funderCode: 'p', funder: { zh: '省', en: 'P' }, share: '0.5' },
        { funderCode: 'c', funder: { zh: '市', en: 'C' }, share: '0.4' },
      ],
    });
    expect(errors).toEqual([
      {
        field: 'fundingShares',
        messages: ['the shares must add up to exactly 1'],
        localized: { zh: '出资比例合计须恰好为 1', en: 'the shares must add up to exactly 1' },
      },
    ]);
  });

  it('refuses a non-object', () => {
    expect(validateProgramDefinition('henan')).toEqual([
      {
        field: 'definition',
        messages: ['must be an object'],
        localized: { zh: '格式不正确', en: 'must be an object' },
      },
    ]);
  });
});

describe('splitByShares', () => {
  const half = [
    { funderCode: 'province', funder: { zh: '省', en: 'P' }, share: '0.5' },
    { funderCode: 'city', funder: { zh: '市', en: 'C' }, share: '0.5' },
  ];

  it('splits 1:1 to the fen, the odd fen to the last funder', () => {
    const parts = splitByShares(Money.parse('12345.67'), half);
    expect(parts.map((p) => [p.funderCode, p.amount.toString()])).toEqual([
      ['province', '6172.83'],
      ['city', '6172.84'],
    ]);
  });

  it('always adds up exactly, for any amount and any shares that add up to one', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 14n }),
        fc.integer({ min: 1, max: 999 }),
        (fen, thousandths) => {
          const shares = [
            {
              funderCode: 'a',
              funder: { zh: 'a', en: 'a' },
              share: `0.${String(thousandths).padStart(3, '0')}`,
            },
            {
              funderCode: 'b',
              funder: { zh: 'b', en: 'b' },
              share: `0.${String(1000 - thousandths).padStart(3, '0')}`,
            },
          ];
          expect(sharesAddUpToOne(shares)).toBe(true);
          const amount = Money.fromFen(fen);
          const parts = splitByShares(amount, shares);
          expect(Money.sum(parts.map((p) => p.amount)).eq(amount)).toBe(true);
          expect(parts.every((p) => !p.amount.isNegative())).toBe(true);
        },
      ),
    );
  });
});
