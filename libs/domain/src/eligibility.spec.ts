import {
  REASON_CODES,
  REASON_MESSAGES,
  checkContract,
  checkEnterprise,
  checkSupplier,
  describeReason,
  dishonestyRecordDisqualifies,
  evaluateEligibility,
  isReasonCode,
  type ContractFacts,
  type EnterpriseFacts,
  type RuleResult,
  type SupplierFacts,
} from './eligibility';
import { eligibleEnterprise } from './eligible-enterprise';
import { Money } from './money';
import type { ProgramDefinition } from './program';
import { BEIJING_2023_2025 } from './programs';

const P = BEIJING_2023_2025;

const enterprise = eligibleEnterprise;

const supplier = (over: Partial<SupplierFacts> = {}): SupplierFacts => ({
  supplierCode: 'baidu',
  isPartner: true,
  relatedParty: false,
  offeredServiceKinds: ['intelligent_compute', 'storage'],
  ...over,
});

const contract = (over: Partial<ContractFacts> = {}): ContractFacts => ({
  signedOn: '2024-01-01',
  startDate: '2024-01-01',
  endDate: '2024-12-31',
  lines: [{ serviceKind: 'intelligent_compute', amount: Money.parse('1000000.00') }],
  applicationDomain: 'medical',
  alreadyApplied: false,
  ...over,
});

const failures = (results: RuleResult[]) => results.filter((r) => !r.passed).map((r) => r.code);

describe('checkEnterprise', () => {
  it('passes a qualifying enterprise with OK results', () => {
    const results = checkEnterprise(P, enterprise(), '2024-01-10');
    expect(results).toHaveLength(7);
    for (const r of results) {
      expect(r).toMatchObject({ passed: true, code: 'OK', message: { zh: '符合', en: 'OK' } });
    }
  });

  it.each<[Partial<EnterpriseFacts>, string]>([
    [{ registrationRegion: 'tianjin' }, 'ENTERPRISE_NOT_REGISTERED_IN_REGION'],
    [{ registrationRegion: 'beijingx' }, 'ENTERPRISE_NOT_REGISTERED_IN_REGION'],
    [{ independentLegalPerson: false }, 'ENTERPRISE_NOT_INDEPENDENT_LEGAL_PERSON'],
    [{ industry: 'other' }, 'ENTERPRISE_INDUSTRY_NOT_ELIGIBLE'],
    [{ aiDirectionAligned: false }, 'ENTERPRISE_AI_DIRECTION_NOT_ALIGNED'],
    [{ soundFinancialManagement: false }, 'ENTERPRISE_FINANCIAL_MANAGEMENT_UNSOUND'],
    [{ lastDishonestyRecordDate: '2023-06-01' }, 'ENTERPRISE_DISHONESTY_RECORD'],
    [{ receivesOtherMunicipalComputeSubsidy: true }, 'ENTERPRISE_DUPLICATE_MUNICIPAL_SUBSIDY'],
  ])('%j fails with %s', (over, code) => {
    const results = checkEnterprise(P, enterprise(over), '2024-01-10');
    expect(failures(results)).toEqual([code]);
    const failed = results.find((r) => !r.passed) as RuleResult;
    expect(failed.message).toEqual(REASON_MESSAGES[code as keyof typeof REASON_MESSAGES]);
  });

  it('accepts a manufacturing enterprise registered in a Beijing district', () => {
    expect(
      failures(
        checkEnterprise(
          P,
          enterprise({ industry: 'manufacturing', registrationRegion: 'beijing-haidian' }),
          '2024-01-10',
        ),
      ),
    ).toEqual([]);
  });

  describe('dishonesty look-back boundary (3 years, window (asOf − 3y, asOf])', () => {
    const asOf = '2024-05-20';
    it.each([
      ['2021-05-19', true],
      ['2021-05-20', true], // exactly three years ago: outside the window
      ['2021-05-21', false],
      ['2024-05-20', false],
      ['2024-06-01', false], // dated after asOf: not old enough
    ])('record on %s passes=%s', (date, passes) => {
      const r = checkEnterprise(P, enterprise({ lastDishonestyRecordDate: date }), asOf).find(
        (x) => x.rule === 'enterprise.dishonesty',
      ) as RuleResult;
      expect(r.passed).toBe(passes);
    });

    it('Feb 29 as-of looks back to Feb 28', () => {
      expect(dishonestyRecordDisqualifies(3, '2021-02-28', '2024-02-29')).toBe(false);
      expect(dishonestyRecordDisqualifies(3, '2021-03-01', '2024-02-29')).toBe(true);
      expect(dishonestyRecordDisqualifies(3, null, '2024-02-29')).toBe(false);
    });
  });

  it('skips checks a program does not require', () => {
    const lenient: ProgramDefinition = {
      ...P,
      requiresIndependentLegalPerson: false,
      requiresAiDirectionAlignment: false,
      requiresSoundFinancialManagement: false,
      dishonestyLookbackYears: null,
      excludesOtherMunicipalComputeSubsidy: false,
    };
    const facts = enterprise({
      independentLegalPerson: false,
      aiDirectionAligned: false,
      soundFinancialManagement: false,
      lastDishonestyRecordDate: '2024-01-01',
      receivesOtherMunicipalComputeSubsidy: true,
    });
    expect(failures(checkEnterprise(lenient, facts, '2024-01-10'))).toEqual([]);
  });
});

describe('checkSupplier', () => {
  it('passes a partner that is not a related party', () => {
    expect(failures(checkSupplier(P, supplier()))).toEqual([]);
    expect(checkSupplier(P, supplier())).toHaveLength(3);
  });

  it.each<[Partial<SupplierFacts>, string[]]>([
    [{ isPartner: false }, ['SUPPLIER_NOT_PARTNER']],
    [{ relatedParty: true }, ['SUPPLIER_RELATED_PARTY']],
    [{ offeredServiceKinds: ['storage', 'network'] }, ['SUPPLIER_NO_ELIGIBLE_SERVICE']],
    [{ offeredServiceKinds: [] }, ['SUPPLIER_NO_ELIGIBLE_SERVICE']],
    [{ isPartner: false, relatedParty: true }, ['SUPPLIER_NOT_PARTNER', 'SUPPLIER_RELATED_PARTY']],
  ])('%j fails with %j', (over, codes) => {
    expect(failures(checkSupplier(P, supplier(over)))).toEqual(codes);
  });

  it('does not require a partner or a non-affiliated supplier when the program does not', () => {
    const open: ProgramDefinition = {
      ...P,
      requiresPartnerSupplier: false,
      requiresNonAffiliatedSupplier: false,
    };
    expect(failures(checkSupplier(open, supplier({ isPartner: false, relatedParty: true })))).toEqual([]);
  });
});

describe('checkContract', () => {
  it('passes a one-year intelligent-compute contract', () => {
    const results = checkContract(P, contract());
    expect(failures(results)).toEqual([]);
    expect(results.map((r) => r.rule)).toEqual([
      'contract.signed-from',
      'contract.signed-by-plan-end',
      'contract.dates',
      'contract.term',
      'contract.line-amounts',
      'contract.eligible-service',
      'contract.minimum-amount',
      'contract.domain',
      'contract.one-application',
      'contract.plan-window',
    ]);
  });

  describe('signing window', () => {
    it.each([
      ['2023-08-31', ['CONTRACT_SIGNED_BEFORE_WINDOW']],
      ['2023-09-01', []],
      ['2025-12-31', []],
      ['2026-01-01', ['CONTRACT_SIGNED_AFTER_PLAN_END']],
    ])('signed %s → %j', (signedOn, codes) => {
      // The service period overlaps the window either way, so only the signing date can fail.
      expect(
        failures(checkContract(P, contract({ signedOn, startDate: '2025-06-01', endDate: '2026-03-31' }))),
      ).toEqual(codes);
    });

    it('a contract signed before the window fails even if it runs inside it', () => {
      expect(
        failures(
          checkContract(
            P,
            contract({ signedOn: '2023-08-31', startDate: '2023-09-01', endDate: '2024-08-31' }),
          ),
        ),
      ).toEqual(['CONTRACT_SIGNED_BEFORE_WINDOW']);
    });

    it('seed 000 §六: contracts signed 2023-09-01…11-15 and 11-16…12-31 are both eligible', () => {
      for (const signedOn of ['2023-09-01', '2023-11-15', '2023-11-16', '2023-12-31']) {
        expect(
          failures(checkContract(P, contract({ signedOn, startDate: signedOn, endDate: '2024-06-30' }))),
        ).toEqual([]);
      }
    });
  });

  describe('term of one year or less', () => {
    it.each([
      ['2024-01-01', '2024-12-31', true],
      ['2024-01-01', '2025-01-01', false],
      ['2023-09-01', '2024-08-31', true],
      ['2023-09-01', '2024-09-01', false],
      ['2023-03-01', '2024-02-29', true], // spans a leap day: 366 days is still one year
      ['2023-03-01', '2024-03-01', false],
      ['2024-03-01', '2025-02-28', true],
      ['2024-03-01', '2025-03-01', false],
      ['2024-02-29', '2025-02-28', true], // Feb 29 start: one year ends Feb 28 (ADR 0004)
      ['2024-02-29', '2025-03-01', false],
      ['2024-02-28', '2025-02-27', true],
      ['2024-02-28', '2025-02-28', false],
      ['2024-05-01', '2024-05-01', true],
    ])('%s … %s ok=%s', (startDate, endDate, ok) => {
      const r = checkContract(P, contract({ signedOn: '2023-09-01', startDate, endDate })).find(
        (x) => x.rule === 'contract.term',
      ) as RuleResult;
      expect(r.passed).toBe(ok);
      expect(r.code).toBe(ok ? 'OK' : 'CONTRACT_TERM_TOO_LONG');
    });

    it('no term limit when the program has none', () => {
      const p: ProgramDefinition = { ...P, maxContractTerm: null };
      expect(failures(checkContract(p, contract({ endDate: '2025-12-31' })))).toEqual([]);
    });
  });

  it('end before start yields exactly one code', () => {
    expect(failures(checkContract(P, contract({ startDate: '2024-06-01', endDate: '2024-05-31' })))).toEqual([
      'CONTRACT_END_BEFORE_START',
    ]);
  });

  describe('service kinds', () => {
    it('fails with only excluded kinds', () => {
      const lines = [
        { serviceKind: 'storage' as const, amount: Money.parse('100') },
        { serviceKind: 'network' as const, amount: Money.parse('100') },
        { serviceKind: 'security' as const, amount: Money.parse('100') },
        { serviceKind: 'other' as const, amount: Money.parse('100') },
      ];
      expect(failures(checkContract(P, contract({ lines })))).toEqual(['CONTRACT_NO_ELIGIBLE_SERVICE']);
    });

    it('fails with no lines or a zero intelligent-compute line', () => {
      expect(failures(checkContract(P, contract({ lines: [] })))).toEqual(['CONTRACT_NO_ELIGIBLE_SERVICE']);
      expect(
        failures(
          checkContract(
            P,
            contract({ lines: [{ serviceKind: 'intelligent_compute', amount: Money.zero() }] }),
          ),
        ),
      ).toEqual(['CONTRACT_NO_ELIGIBLE_SERVICE']);
    });

    it('passes a mixed contract (excluded lines are left out of the base)', () => {
      const lines = [
        { serviceKind: 'intelligent_compute' as const, amount: Money.parse('100') },
        { serviceKind: 'storage' as const, amount: Money.parse('100') },
      ];
      const results = checkContract(P, contract({ lines }));
      expect(failures(results)).toEqual([]);
      expect(results.find((r) => r.rule === 'contract.eligible-service')?.params).toEqual({
        eligibleBase: '100.00',
      });
    });

    it('reports negative line amounts', () => {
      const lines = [
        { serviceKind: 'intelligent_compute' as const, amount: Money.parse('100') },
        { serviceKind: 'storage' as const, amount: Money.parse('0').minus(Money.parse('1')) },
      ];
      expect(failures(checkContract(P, contract({ lines })))).toEqual(['CONTRACT_INVALID_LINE_AMOUNT']);
    });
  });

  it('application domain must be eligible', () => {
    const p: ProgramDefinition = { ...P, eligibleApplicationDomains: ['medical'] };
    expect(failures(checkContract(p, contract({ applicationDomain: 'finance' })))).toEqual([
      'CONTRACT_DOMAIN_NOT_ELIGIBLE',
    ]);
    for (const d of P.eligibleApplicationDomains) {
      expect(failures(checkContract(P, contract({ applicationDomain: d })))).toEqual([]);
    }
  });

  it('one application per contract', () => {
    expect(failures(checkContract(P, contract({ alreadyApplied: true })))).toEqual([
      'CONTRACT_ALREADY_APPLIED',
    ]);
  });

  describe('plan window', () => {
    it('a contract with no day in the window fails', () => {
      expect(
        failures(
          checkContract(
            P,
            contract({ signedOn: '2025-12-31', startDate: '2026-01-01', endDate: '2026-06-30' }),
          ),
        ),
      ).toEqual(['CONTRACT_OUTSIDE_PLAN_WINDOW']);
    });

    it('one day inside is enough', () => {
      expect(
        failures(
          checkContract(
            P,
            contract({ signedOn: '2025-12-31', startDate: '2025-12-31', endDate: '2026-06-30' }),
          ),
        ),
      ).toEqual([]);
    });

    it('a contract that ended before the window fails', () => {
      expect(
        failures(
          checkContract(
            P,
            contract({ signedOn: '2023-09-01', startDate: '2023-08-01', endDate: '2023-08-31' }),
          ),
        ),
      ).toEqual(['CONTRACT_OUTSIDE_PLAN_WINDOW']);
    });
  });

  it('minimum eligible amount, when the program has one (Chengdu 2025: 10,000)', () => {
    const p: ProgramDefinition = { ...P, minEligibleAmount: '10000.00' };
    const line = (a: string) => [{ serviceKind: 'intelligent_compute' as const, amount: Money.parse(a) }];
    expect(failures(checkContract(p, contract({ lines: line('9999.99') })))).toEqual([
      'CONTRACT_BELOW_MINIMUM',
    ]);
    expect(failures(checkContract(p, contract({ lines: line('10000') })))).toEqual([]);
    // Not double-reported when there is no eligible amount at all.
    expect(failures(checkContract(p, contract({ lines: [] })))).toEqual(['CONTRACT_NO_ELIGIBLE_SERVICE']);
  });

  it('throws on malformed dates (input bug, not a policy refusal)', () => {
    expect(() => checkContract(P, contract({ signedOn: '2023-02-29' }))).toThrow(
      expect.objectContaining({ code: 'BUSINESS_DATE_FORMAT' }),
    );
  });
});

describe('evaluateEligibility', () => {
  it('is eligible when every rule passes', () => {
    const out = evaluateEligibility(P, {
      enterprise: enterprise(),
      supplier: supplier(),
      contract: contract(),
      asOf: '2024-01-10',
    });
    expect(out.eligible).toBe(true);
    expect(out.failures).toEqual([]);
    expect(out.results).toHaveLength(20);
  });

  it('collects every failure in a stable order', () => {
    const out = evaluateEligibility(P, {
      enterprise: enterprise({ registrationRegion: 'tianjin', lastDishonestyRecordDate: '2023-01-01' }),
      supplier: supplier({ relatedParty: true }),
      contract: contract({ signedOn: '2023-08-31', alreadyApplied: true }),
      asOf: '2024-01-10',
    });
    expect(out.eligible).toBe(false);
    expect(out.failures.map((f) => f.code)).toEqual([
      'ENTERPRISE_NOT_REGISTERED_IN_REGION',
      'ENTERPRISE_DISHONESTY_RECORD',
      'SUPPLIER_RELATED_PARTY',
      'CONTRACT_SIGNED_BEFORE_WINDOW',
      'CONTRACT_ALREADY_APPLIED',
    ]);
    expect(out.failures.every((f) => !f.passed)).toBe(true);
  });
});

describe('reason codes', () => {
  it('are SCREAMING_SNAKE with both messages', () => {
    expect(REASON_CODES.length).toBeGreaterThanOrEqual(27);
    for (const code of REASON_CODES) {
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect(describeReason(code).zh).toMatch(/[\u4e00-\u9fff]/);
      expect(describeReason(code).en.length).toBeGreaterThan(5);
      expect(isReasonCode(code)).toBe(true);
    }
    expect(describeReason('OK')).toEqual({ zh: '符合', en: 'OK' });
    expect(isReasonCode('NOPE')).toBe(false);
    expect(isReasonCode('toString')).toBe(false);
  });

  it('include every code the brief names', () => {
    for (const code of [
      'ENTERPRISE_NOT_REGISTERED_IN_REGION',
      'ENTERPRISE_NOT_INDEPENDENT_LEGAL_PERSON',
      'ENTERPRISE_INDUSTRY_NOT_ELIGIBLE',
      'ENTERPRISE_AI_DIRECTION_NOT_ALIGNED',
      'ENTERPRISE_FINANCIAL_MANAGEMENT_UNSOUND',
      'ENTERPRISE_DISHONESTY_RECORD',
      'ENTERPRISE_DUPLICATE_MUNICIPAL_SUBSIDY',
      'SUPPLIER_NOT_PARTNER',
      'SUPPLIER_RELATED_PARTY',
      'CONTRACT_SIGNED_BEFORE_WINDOW',
      'CONTRACT_SIGNED_AFTER_PLAN_END',
      'CONTRACT_END_BEFORE_START',
      'CONTRACT_TERM_TOO_LONG',
      'CONTRACT_NO_ELIGIBLE_SERVICE',
      'CONTRACT_DOMAIN_NOT_ELIGIBLE',
      'CONTRACT_ALREADY_APPLIED',
      'CONTRACT_OUTSIDE_PLAN_WINDOW',
      'YEARLY_CAP_EXHAUSTED',
      'FACE_VALUE_ZERO',
      'CLAIM_BEFORE_DELIVERY',
      'DELIVERY_AFTER_PLAN_END',
      'PLAN_CLOSED',
    ]) {
      expect(isReasonCode(code)).toBe(true);
    }
  });
});
