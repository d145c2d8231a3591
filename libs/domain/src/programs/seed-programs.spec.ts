import { validateProgramDefinition } from '../program-validation';
import { GUIZHOU_COMPUTE, HANGZHOU_SMART, PROGRAMS, TAIZHOU_JIANGYAN, YINCHUAN_MODEL } from './index';

const json = <T>(v: T): Record<string, unknown> => JSON.parse(JSON.stringify(v)) as Record<string, unknown>;
const fields = (d: unknown) => validateProgramDefinition(d).map((e) => e.field);

describe('the seed programs as data', () => {
  it('every built-in definition validates, with its own code, authority and source seed', () => {
    expect(Object.keys(PROGRAMS)).toHaveLength(30);
    for (const p of Object.values(PROGRAMS)) {
      expect({ code: p.code, errors: validateProgramDefinition(json(p)) }).toEqual({
        code: p.code,
        errors: [],
      });
      expect(p.sources.length).toBeGreaterThan(0);
      expect(p.authority.name.zh).toBeTruthy();
    }
  });

  it('refuses the new fields field by field', () => {
    expect(
      fields({
        ...json(GUIZHOU_COMPUTE),
        minFaceValue: '-1',
        spendingEvidence: 'receipt',
        budgetPoolCommittedAt: 'later',
        yearlyCapSharedWith: 7,
        yearlyCapOverrides: [{ applicantCategory: '', yearlyCap: 'x' }],
        requiredApplicantCategories: [3],
        projectFactMinimums: [{ fact: 'p', min: 'ten', label: { zh: '参数' } }],
        rateRules: [{ rate: '0.3', line: '', maxCombinedRate: '2', applicantCategory: '' }],
      }).sort(),
    ).toEqual(
      [
        'minFaceValue',
        'spendingEvidence',
        'budgetPoolCommittedAt',
        'yearlyCapSharedWith',
        'yearlyCapOverrides[0].applicantCategory',
        'yearlyCapOverrides[0].yearlyCap',
        'requiredApplicantCategories[0]',
        'projectFactMinimums[0].min',
        'projectFactMinimums[0].label.en',
        'rateRules[0].line',
        'rateRules[0].maxCombinedRate',
        'rateRules[0].applicantCategory',
      ].sort(),
    );
    expect(
      fields({ ...json(YINCHUAN_MODEL), stacking: { ...YINCHUAN_MODEL.stacking, stacksWith: ['x'] } }),
    ).toEqual(['stacking.stacksWith']);
    expect(
      fields({ ...json(HANGZHOU_SMART), stacking: { ...HANGZHOU_SMART.stacking, stacksWith: 'x' } }),
    ).toEqual(['stacking.stacksWith']);
  });

  it('a settlement discount needs its allocation and tiers listed highest first', () => {
    const t = json(TAIZHOU_JIANGYAN);
    expect(fields({ ...t, settlementDiscount: null })).toEqual(['settlementDiscount']);
    expect(
      fields({ ...json(YINCHUAN_MODEL), settlementDiscount: TAIZHOU_JIANGYAN.settlementDiscount }),
    ).toEqual(['settlementDiscount']);
    const tiers = [...TAIZHOU_JIANGYAN.settlementDiscount!.tiers].reverse();
    expect(fields({ ...t, settlementDiscount: { tiers } })).toEqual([
      'settlementDiscount.tiers[1].from',
      'settlementDiscount.tiers[2].from',
    ]);
    expect(
      fields({
        ...t,
        settlementDiscount: {
          tiers: [{ from: 'x', fromInclusive: 1, coreIndustryFactor: '1.5', otherFactor: '0.5' }],
        },
      }),
    ).toEqual([
      'settlementDiscount.tiers[0].from',
      'settlementDiscount.tiers[0].fromInclusive',
      'settlementDiscount.tiers[0].coreIndustryFactor',
    ]);
  });
});
