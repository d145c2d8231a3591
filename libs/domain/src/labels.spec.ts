import { isPlainChinese } from './refusals';
import { PROGRAM_FIELD_LABELS, RULE_PARAM_LABELS, regionName, ruleParamTexts } from './labels';
import { checkEnterprise } from './eligibility';
import { eligibleEnterprise } from './eligible-enterprise';
import { validateProgramDefinition } from './program-validation';
import { PROGRAMS } from './programs';

describe('labels instead of codes', () => {
  it('names a region by its segments; an unknown segment is shown as entered', () => {
    expect(regionName('beijing')).toEqual({ zh: '北京市', en: 'Beijing' });
    expect(regionName('beijing-haidian')).toEqual({ zh: '北京市海淀区', en: 'Beijing Haidian' });
    expect(regionName('chengdu-gaoxin').zh).toBe('成都市高新区');
    expect(regionName('atlantis').zh).toBe('atlantis');
  });

  it('names every region a built-in program is for', () => {
    for (const p of Object.values(PROGRAMS))
      for (const r of [p.region, ...p.eligibleRegistrationRegions])
        expect({ r, zh: isPlainChinese(regionName(r).zh) }).toEqual({ r, zh: true });
  });

  it('labels every field of every built-in program definition, in Chinese', () => {
    for (const p of Object.values(PROGRAMS))
      for (const key of Object.keys(p))
        expect({ key, zh: isPlainChinese(PROGRAM_FIELD_LABELS[key]?.zh ?? key) }).toEqual({ key, zh: true });
  });

  it('labels the parameters the eligibility checks report, and names their coded values', () => {
    const program = PROGRAMS['beijing-ai-compute-2023'];
    const enterprise = checkEnterprise(
      program,
      eligibleEnterprise({ registrationRegion: 'tianjin' }),
      '2025-04-01',
    );
    const region = enterprise.find((c) => c.params && 'registrationRegion' in c.params)!;
    expect(ruleParamTexts(region.params!)).toEqual([
      { label: RULE_PARAM_LABELS.registrationRegion, value: { zh: '天津市', en: 'Tianjin' } },
    ]);
    const texts = [...enterprise].flatMap((c) => (c.params ? ruleParamTexts(c.params) : []));
    for (const t of texts)
      expect({ label: t.label.zh, plain: isPlainChinese(t.label.zh) }).toEqual({
        label: t.label.zh,
        plain: true,
      });
  });

  it('says a program definition’s problems in Chinese too', () => {
    const bad = { ...PROGRAMS['beijing-ai-compute-2023'], rate: '1.5', budgetPoolTotal: '3,000,000' };
    const errors = validateProgramDefinition(bad);
    expect(errors.find((e) => e.field === 'rate')?.localized.zh).toBe('须为 0 至 1 之间的比例（如 0.20）');
    for (const e of errors) expect(e.localized.zh).toMatch(/[\u4e00-\u9fff]/);
  });
});
