import {
  APPLICATION_DOMAINS,
  APPLICATION_DOMAIN_LABELS,
  INDUSTRIES,
  INDUSTRY_LABELS,
  SERVICE_KINDS,
  SERVICE_KIND_LABELS,
  deepFreeze,
  isEligibleServiceKind,
  isWithinRegion,
  rateFor,
  type ProgramDefinition,
} from './program';
import { BEIJING_2023_2025, BEIJING_PARTNER_SUPPLIERS, PROGRAMS, findProgram, getProgram } from './programs';
import { Money } from './money';
import { isBusinessDate } from './calendar';

describe('BEIJING_2023_2025', () => {
  const p = BEIJING_2023_2025;

  it('encodes seed 000', () => {
    expect(p.code).toBe('beijing-ai-compute-2023');
    expect(p.authority.name.zh).toBe('北京市经济和信息化局');
    expect(p.rate).toBe('0.20');
    expect(p.perEnterpriseYearlyCap).toBe('2000000.00');
    expect(p.perApplicationCap).toBeNull();
    expect(p.contractSignedFrom).toBe('2023-09-01');
    expect(p.maxContractTerm).toEqual({ years: 1 });
    expect(p.planPublishedOn).toBe('2023-10-11');
    expect(p.planStart).toBe('2023-09-01');
    expect(p.planEnd).toBe('2025-12-31');
    expect(p.eligibleServiceKinds).toEqual(['intelligent_compute']);
    expect([...p.excludedServiceKinds].sort()).toEqual(['network', 'other', 'security', 'storage']);
    expect(p.eligibleIndustries).toEqual(['software_information_services', 'manufacturing']);
    // The eleven fields seed 000 names; 'other' is a domain an application may state but not one it funds.
    expect(p.eligibleApplicationDomains).toEqual(APPLICATION_DOMAINS.filter((d) => d !== 'other'));
    expect(p.requiresPartnerSupplier).toBe(true);
    expect(p.requiresNonAffiliatedSupplier).toBe(true);
    expect(p.oneApplicationPerContract).toBe(true);
    expect(p.dishonestyLookbackYears).toBe(3);
    expect(p.capYearBasis).toBe('issuance');
    expect(p.redemption).toEqual({
      schedule: 'quarterly',
      claimCutoff: { month: 11, day: 15 },
      rollover: 'next-year-q1',
      firstRun: { year: 2023, quarter: 4 },
      finalRun: { year: 2026, quarter: 1 },
    });
  });

  it('has valid dates and money strings', () => {
    for (const d of [p.planPublishedOn, p.planStart, p.planEnd, p.contractSignedFrom]) {
      expect(isBusinessDate(d)).toBe(true);
    }
    expect(Money.parse(p.perEnterpriseYearlyCap as string).toString()).toBe('2000000.00');
  });

  it('is frozen reference data and plain JSON', () => {
    expect(Object.isFrozen(p)).toBe(true);
    expect(Object.isFrozen(p.redemption)).toBe(true);
    expect(Object.isFrozen(p.eligibleServiceKinds)).toBe(true);
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });

  it('only intelligent compute counts', () => {
    expect(isEligibleServiceKind(p, 'intelligent_compute')).toBe(true);
    for (const k of ['storage', 'network', 'security', 'other'] as const) {
      expect(isEligibleServiceKind(p, k)).toBe(false);
    }
  });
});

describe('BEIJING_PARTNER_SUPPLIERS', () => {
  it('lists the 12 compute partners of seed 000 with stable codes', () => {
    expect(BEIJING_PARTNER_SUPPLIERS.map((s) => s.code)).toEqual([
      'baidu',
      '21vianet',
      'ct-beijing',
      'cm-beijing',
      'ascend-bj',
      'jd-tech',
      'hongshan',
      'qishang',
      'dc-cloud',
      'kingsoft-cloud',
      'alibaba-cloud',
      'bj-supercomputing',
    ]);
    expect(new Set(BEIJING_PARTNER_SUPPLIERS.map((s) => s.code)).size).toBe(12);
    expect(BEIJING_2023_2025.partnerSupplierCodes).toEqual(BEIJING_PARTNER_SUPPLIERS.map((s) => s.code));
  });

  it('matches the legal names of the seed and its two batches', () => {
    const names = BEIJING_PARTNER_SUPPLIERS.map((s) => s.name.zh);
    expect(names).toContain('北京百度网讯科技有限公司');
    expect(names).toContain('企商在线(北京)数据技术股份有限公司');
    expect(names).toContain('北京超级云计算中心');
    expect(BEIJING_PARTNER_SUPPLIERS.filter((s) => s.batch === 1).map((s) => s.code)).toEqual([
      'alibaba-cloud',
      'bj-supercomputing',
    ]);
  });

  it('every partner offers intelligent compute and only known kinds', () => {
    for (const s of BEIJING_PARTNER_SUPPLIERS) {
      expect(s.serviceKinds).toContain('intelligent_compute');
      for (const k of s.serviceKinds) expect(SERVICE_KINDS).toContain(k);
      expect(s.name.en.length).toBeGreaterThan(0);
      expect(s.legalNameEn.length).toBeGreaterThan(0);
      expect(s.shortNameZh.length).toBeGreaterThan(0);
    }
  });
});

describe('registry', () => {
  it('finds programs by code', () => {
    expect(getProgram('beijing-ai-compute-2023')).toBe(BEIJING_2023_2025);
    expect(findProgram('beijing-ai-compute-2023')).toBe(BEIJING_2023_2025);
    expect(Object.values(PROGRAMS)).toContain(BEIJING_2023_2025);
    expect(Object.keys(PROGRAMS)).toEqual(
      expect.arrayContaining([
        'chengdu-puhui',
        'chengdu-tehui',
        'chengdu-supplier-subsidy',
        'chengdu-green',
        'henan-compute',
      ]),
    );
    expect(findProgram('nope')).toBeUndefined();
    expect(findProgram('toString')).toBeUndefined();
    expect(() => getProgram('nope')).toThrow(expect.objectContaining({ code: 'UNKNOWN_PROGRAM' }));
  });
});

describe('labels', () => {
  it('cover every value in both languages', () => {
    for (const k of SERVICE_KINDS)
      expect(SERVICE_KIND_LABELS[k].zh && SERVICE_KIND_LABELS[k].en).toBeTruthy();
    for (const k of INDUSTRIES) expect(INDUSTRY_LABELS[k].zh && INDUSTRY_LABELS[k].en).toBeTruthy();
    for (const k of APPLICATION_DOMAINS) {
      expect(APPLICATION_DOMAIN_LABELS[k].zh && APPLICATION_DOMAIN_LABELS[k].en).toBeTruthy();
    }
  });
});

describe('helpers', () => {
  it('isWithinRegion accepts sub-regions only on a hyphen boundary', () => {
    expect(isWithinRegion('beijing', 'beijing')).toBe(true);
    expect(isWithinRegion('beijing', 'beijing-haidian')).toBe(true);
    expect(isWithinRegion('beijing', 'beijingx')).toBe(false);
    expect(isWithinRegion('beijing', 'tianjin')).toBe(false);
  });

  it('rateFor picks the first matching rule (e.g. Zhejiang 30% domestic, 10% other)', () => {
    const zhejiang: ProgramDefinition = {
      ...BEIJING_2023_2025,
      code: 'zhejiang-example',
      rate: '0.10',
      rateRules: [{ domestic: true, rate: '0.30' }],
    };
    expect(rateFor(zhejiang, { serviceKind: 'intelligent_compute', domestic: true })).toBe('0.30');
    expect(rateFor(zhejiang, { serviceKind: 'intelligent_compute', domestic: false })).toBe('0.10');
    expect(rateFor(zhejiang)).toBe('0.10');
    const byKind: ProgramDefinition = {
      ...BEIJING_2023_2025,
      rateRules: [
        { serviceKinds: ['storage'], rate: '0.05' },
        { applicantCategory: 'startup', rate: '0.60' },
      ],
    };
    expect(rateFor(byKind, { serviceKind: 'storage' })).toBe('0.05');
    expect(rateFor(byKind, { serviceKind: 'intelligent_compute' })).toBe('0.20');
    expect(rateFor(byKind, { applicantCategory: 'startup' })).toBe('0.60');
    expect(rateFor(BEIJING_2023_2025, { serviceKind: 'intelligent_compute' })).toBe('0.20');
  });

  it('deepFreeze leaves primitives alone', () => {
    expect(deepFreeze(3)).toBe(3);
    expect(deepFreeze(null)).toBeNull();
    const o = deepFreeze({ a: { b: [1] } });
    expect(Object.isFrozen(o.a.b)).toBe(true);
  });
});
