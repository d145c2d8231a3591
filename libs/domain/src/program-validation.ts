import { dateOf, isBusinessDate } from './calendar';
import { sharesAddUpToOne } from './funding';
import { MoneyDecimal, isMoneyString } from './money';
import {
  APPLICATION_DOMAINS,
  INDUSTRIES,
  MATERIAL_FILE_KINDS,
  SERVICE_KINDS,
  type LocalizedText,
} from './program';

/** One field's problems, in the API's 400 shape (`errors: [{ field, messages }]`). */
export interface DefinitionFieldError {
  field: string;
  messages: string[];
  /** The same problems as one text in each language. */
  localized: LocalizedText;
}

const PROGRAM_CODE = /^[a-z0-9][a-z0-9-]{1,63}$/;
const ALLOCATIONS = ['review', 'first-come-first-served', 'ranked', 'automatic', 'at-settlement'];
const DISBURSEMENTS = ['quarterly-claims', 'supplier-deduction', 'direct'];

/**
 * Checks a program definition field by field before it is saved (the admin API) or seeded: a definition
 * the engine cannot run is refused with every problem named, never stored. Input is untrusted JSON.
 */
export function validateProgramDefinition(input: unknown): DefinitionFieldError[] {
  const errors = new Map<string, LocalizedText[]>();
  // Each problem in English (the API's `messages`) and Chinese (what the program editor shows).
  const fail = (field: string, en: string, zh: string) => {
    errors.set(field, [...(errors.get(field) ?? []), { zh, en }]);
  };
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return [
      {
        field: 'definition',
        messages: ['must be an object'],
        localized: { zh: '格式不正确', en: 'must be an object' },
      },
    ];
  }
  const d = input as Record<string, unknown>;
  const obj = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v);

  const text = (field: string, v: unknown, max = 200) => {
    if (typeof v !== 'string' || !v.trim() || v.length > max)
      fail(field, `must be text of 1–${max} characters`, `须为 1–${max} 个字的文字`);
  };
  const localized = (field: string, v: unknown) => {
    if (!obj(v)) return fail(field, 'must have zh and en', '须有中文和英文');
    text(`${field}.zh`, (v as Partial<LocalizedText>).zh);
    text(`${field}.en`, (v as Partial<LocalizedText>).en);
  };
  const date = (field: string, v: unknown, nullable = false) => {
    if (nullable && v === null) return;
    if (!isBusinessDate(v)) fail(field, 'must be a date YYYY-MM-DD', '须为日期（年-月-日）');
  };
  const money = (field: string, v: unknown, nullable = true) => {
    if (nullable && v === null) return;
    if (!isMoneyString(v))
      fail(
        field,
        'must be an amount such as "10000.00"' + (nullable ? ' or null' : ''),
        '须为金额（如 10000.00）' + (nullable ? '或留空' : ''),
      );
    else if (!nullable || v !== null) {
      if (new MoneyDecimal(v).lte(0)) fail(field, 'must be more than 0', '须大于 0');
    }
  };
  const rate = (field: string, v: unknown, nullable = false) => {
    if (nullable && v === null) return;
    let ok = typeof v === 'string' && /^(0|1)(\.\d{1,6})?$/.test(v);
    if (ok) ok = new MoneyDecimal(v as string).gte(0) && new MoneyDecimal(v as string).lte(1);
    if (!ok)
      fail(field, 'must be a rate between "0" and "1" (e.g. "0.20")', '须为 0 至 1 之间的比例（如 0.20）');
  };
  const count = (field: string, v: unknown, nullable = true) => {
    if (nullable && v === null) return;
    if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 1_000_000)
      fail(
        field,
        'must be a whole number from 1' + (nullable ? ' or null' : ''),
        '须为不小于 1 的整数' + (nullable ? '或留空' : ''),
      );
  };
  const bool = (field: string, v: unknown) => {
    if (typeof v !== 'boolean') fail(field, 'must be true or false', '须为是或否');
  };
  const oneOf = (field: string, v: unknown, allowed: readonly string[]) => {
    if (typeof v !== 'string' || !allowed.includes(v))
      fail(field, `must be one of ${allowed.join(', ')}`, '不是可选的值');
  };
  const listOf = (field: string, v: unknown, allowed: readonly string[] | null) => {
    if (!Array.isArray(v)) return fail(field, 'must be a list', '须为列表');
    v.forEach((x, i) => {
      if (typeof x !== 'string' || (allowed && !allowed.includes(x)))
        fail(
          `${field}[${i}]`,
          allowed ? `must be one of ${allowed.join(', ')}` : 'must be text',
          allowed ? '不是可选的值' : '须为文字',
        );
    });
  };
  const monthDay = (field: string, v: unknown) => {
    if (!obj(v) || !Number.isInteger(v.month) || !Number.isInteger(v.day)) {
      return fail(field, 'must be { month, day }', '须为月和日');
    }
    try {
      dateOf(2024, v.month as number, v.day as number); // a leap year accepts every real day
    } catch {
      fail(field, 'is not a day of the year', '不是一年中的日期');
    }
  };

  if (typeof d.code !== 'string' || !PROGRAM_CODE.test(d.code))
    fail('code', 'must be 2–64 lower-case letters, digits or hyphens', '须为 2–64 位小写字母、数字或连字符');
  localized('name', d.name);
  if (!obj(d.authority)) fail('authority', 'must have code and name', '须有代码和名称');
  else {
    text('authority.code', d.authority.code, 64);
    localized('authority.name', d.authority.name);
  }
  if (typeof d.region !== 'string' || !/^[a-z]+(-[a-z]+)*$/.test(d.region))
    fail('region', 'must be a lower-case region code such as "chengdu"', '须为小写的地区代码');
  listOf('sources', d.sources, null);
  date('planPublishedOn', d.planPublishedOn);
  date('planStart', d.planStart);
  date('planEnd', d.planEnd);
  if (isBusinessDate(d.planStart) && isBusinessDate(d.planEnd) && d.planStart > d.planEnd)
    fail('planEnd', 'must not be before planStart', '不能早于方案开始日期');

  rate('rate', d.rate);
  if (!Array.isArray(d.rateRules)) fail('rateRules', 'must be a list', '须为列表');
  else
    d.rateRules.forEach((r: unknown, i) => {
      if (!obj(r)) return fail(`rateRules[${i}]`, 'must be an object', '格式不正确');
      rate(`rateRules[${i}].rate`, r.rate);
      if (r.serviceKinds !== undefined) listOf(`rateRules[${i}].serviceKinds`, r.serviceKinds, SERVICE_KINDS);
      if (r.domestic !== undefined) bool(`rateRules[${i}].domestic`, r.domestic);
      if (r.yearlyCap !== undefined) money(`rateRules[${i}].yearlyCap`, r.yearlyCap);
      if (r.applicantCategory !== undefined)
        text(`rateRules[${i}].applicantCategory`, r.applicantCategory, 64);
      if (r.line !== undefined) text(`rateRules[${i}].line`, r.line, 64);
      if (r.maxCombinedRate !== undefined) rate(`rateRules[${i}].maxCombinedRate`, r.maxCombinedRate);
    });
  money('fixedFaceValue', d.fixedFaceValue);
  if (!Array.isArray(d.faceValueTiers)) fail('faceValueTiers', 'must be a list', '须为列表');
  else
    d.faceValueTiers.forEach((t: unknown, i) => {
      if (!obj(t)) return fail(`faceValueTiers[${i}]`, 'must be an object', '格式不正确');
      money(`faceValueTiers[${i}].faceValue`, t.faceValue, false);
      count(`faceValueTiers[${i}].count`, t.count);
      money(`faceValueTiers[${i}].minPriorYearSpend`, t.minPriorYearSpend);
    });
  money('minEligibleAmount', d.minEligibleAmount);
  money('minFaceValue', d.minFaceValue);
  oneOf('spendingEvidence', d.spendingEvidence, ['contract', 'invoice']);
  oneOf('budgetPoolCommittedAt', d.budgetPoolCommittedAt, ['issuance', 'redemption']);
  if (d.yearlyCapSharedWith !== null) text('yearlyCapSharedWith', d.yearlyCapSharedWith, 64);
  if (!Array.isArray(d.yearlyCapOverrides)) fail('yearlyCapOverrides', 'must be a list', '须为列表');
  else
    d.yearlyCapOverrides.forEach((o: unknown, i) => {
      if (!obj(o)) return fail(`yearlyCapOverrides[${i}]`, 'must be an object', '格式不正确');
      text(`yearlyCapOverrides[${i}].applicantCategory`, o.applicantCategory, 64);
      money(`yearlyCapOverrides[${i}].yearlyCap`, o.yearlyCap, false);
    });
  listOf('requiredApplicantCategories', d.requiredApplicantCategories, null);
  if (!Array.isArray(d.projectFactMinimums)) fail('projectFactMinimums', 'must be a list', '须为列表');
  else
    d.projectFactMinimums.forEach((m: unknown, i) => {
      if (!obj(m)) return fail(`projectFactMinimums[${i}]`, 'must be an object', '格式不正确');
      text(`projectFactMinimums[${i}].fact`, m.fact, 64);
      if (typeof m.min !== 'string' || !/^\d+(\.\d+)?$/.test(m.min))
        fail(`projectFactMinimums[${i}].min`, 'must be a non-negative decimal string', '须为不小于 0 的数');
      localized(`projectFactMinimums[${i}].label`, m.label);
    });
  for (const f of [
    'perApplicationCap',
    'perEnterpriseYearlyCap',
    'perEnterpriseCumulativeCap',
    'perSupplierYearlyCap',
    'budgetPoolPerYear',
    'budgetPoolTotal',
  ])
    money(f, d[f]);
  count('vouchersPerYear', d.vouchersPerYear);
  count('applicationsPerEnterprisePerYear', d.applicationsPerEnterprisePerYear);
  bool('oneApplicationPerContract', d.oneApplicationPerContract);
  oneOf('capYearBasis', d.capYearBasis, ['issuance']);

  oneOf('allocation', d.allocation, ALLOCATIONS);
  const needs = (field: string, when: boolean, what: string, whatZh: string) => {
    if (when && !obj(d[field])) fail(field, `is required when ${what}`, `${whatZh}时必填`);
    if (!when && d[field] !== null) fail(field, `must be null unless ${what}`, `仅在${whatZh}时填写`);
  };
  needs('round', d.allocation === 'ranked', 'allocation is ranked', '排名评审的项目');
  needs('grant', d.allocation === 'automatic', 'allocation is automatic', '免申即享的项目');
  needs(
    'settlementDiscount',
    d.allocation === 'at-settlement',
    'allocation is at-settlement',
    '结算时折扣的项目',
  );
  if (obj(d.settlementDiscount)) {
    const tiers = d.settlementDiscount.tiers;
    if (!Array.isArray(tiers) || tiers.length === 0)
      fail('settlementDiscount.tiers', 'must list at least one tier', '至少列出一个档次');
    else
      tiers.forEach((t: unknown, i) => {
        if (!obj(t)) return fail(`settlementDiscount.tiers[${i}]`, 'must be an object', '格式不正确');
        if (!isMoneyString(t.from))
          fail(
            `settlementDiscount.tiers[${i}].from`,
            'must be an amount such as "100000.00"',
            '须为金额（如 100000.00）',
          );
        bool(`settlementDiscount.tiers[${i}].fromInclusive`, t.fromInclusive);
        rate(`settlementDiscount.tiers[${i}].coreIndustryFactor`, t.coreIndustryFactor);
        rate(`settlementDiscount.tiers[${i}].otherFactor`, t.otherFactor);
        const prev = tiers[i - 1] as Record<string, unknown> | undefined;
        if (
          prev &&
          isMoneyString(prev.from) &&
          isMoneyString(t.from) &&
          !new MoneyDecimal(t.from).lt(prev.from)
        )
          fail(
            `settlementDiscount.tiers[${i}].from`,
            'tiers must be listed highest first',
            '档次须从高到低排列',
          );
      });
  }
  if (d.pool !== null) {
    if (!obj(d.pool)) fail('pool', 'must be an object or null', '格式不正确');
    else {
      oneOf('pool.order', d.pool.order, ['receipt', 'contract-signing']);
      bool('pool.waitlist', d.pool.waitlist);
    }
  }
  if (d.allocation === 'first-come-first-served') {
    if (d.pool === null)
      fail('pool', 'is required when allocation is first-come-first-served', '先到先得的项目必填');
    if (d.vouchersPerYear === null && d.budgetPoolPerYear === null && d.budgetPoolTotal === null)
      fail(
        'vouchersPerYear',
        'a first-come pool needs a size: vouchersPerYear or a budget pool',
        '先到先得须有名额：每年券数或资金池',
      );
  }
  if (obj(d.round)) {
    monthDay('round.opens', d.round.opens);
    monthDay('round.closes', d.round.closes);
    count('round.reviewQuota', d.round.reviewQuota, false);
    count('round.noticeWorkingDays', d.round.noticeWorkingDays, false);
    oneOf('round.rankBy', d.round.rankBy, ['prior-year-spend', 'prior-year-supplier-fees']);
    listOf('round.basisProgramCodes', d.round.basisProgramCodes, null);
  }
  if (obj(d.grant)) {
    oneOf('grant.event', d.grant.event, ['green-data-centre-approved', 'new-ai-entrant']);
    money('grant.amount', d.grant.amount, false);
  }
  oneOf('disbursement', d.disbursement, DISBURSEMENTS);
  needs(
    'deduction',
    d.disbursement === 'supplier-deduction',
    'disbursement is supplier-deduction',
    '由供给方抵扣的项目',
  );
  if (obj(d.deduction)) rate('deduction.maxShareOfPayment', d.deduction.maxShareOfPayment);
  if (!Array.isArray(d.materials)) fail('materials', 'must be a list', '须为列表');
  else {
    const seen = new Set<string>();
    d.materials.forEach((m: unknown, i) => {
      if (!obj(m)) return fail(`materials[${i}]`, 'must be an object', '格式不正确');
      text(`materials[${i}].code`, m.code, 64);
      const key = `${String(m.party)}/${String(m.stage)}/${String(m.code)}`;
      if (seen.has(key))
        fail(
          `materials[${i}].code`,
          'is listed twice for the same party and stage',
          '同一申报方和阶段重复列出',
        );
      seen.add(key);
      localized(`materials[${i}].name`, m.name);
      bool(`materials[${i}].required`, m.required);
      oneOf(`materials[${i}].party`, m.party, ['applicant', 'supplier']);
      oneOf(`materials[${i}].stage`, m.stage, ['application', 'redemption']);
      // The checklist's slot details (ADR 0047): both optional, so versions stored before them stay valid.
      if (m.accepts !== undefined) {
        if (!Array.isArray(m.accepts) || m.accepts.length === 0)
          fail(`materials[${i}].accepts`, 'must be a non-empty list', '须为非空列表');
        else listOf(`materials[${i}].accepts`, m.accepts, MATERIAL_FILE_KINDS);
      }
      if (m.template !== undefined && m.template !== null) {
        if (!obj(m.template)) fail(`materials[${i}].template`, 'must be an object or null', '格式不正确');
        else {
          const name = m.template.filename;
          if (typeof name !== 'string' || !/^[a-z0-9][a-z0-9-]{0,60}\.txt$/.test(name))
            fail(
              `materials[${i}].template.filename`,
              'must be a file name such as "pledge.txt"',
              '须为文件名（如 pledge.txt）',
            );
          const paras = m.template.paragraphs;
          if (!Array.isArray(paras) || paras.length === 0 || paras.length > 40)
            fail(`materials[${i}].template.paragraphs`, 'must be a list of 1–40 texts', '须为 1–40 段文字');
          else paras.forEach((p, j) => text(`materials[${i}].template.paragraphs[${j}]`, p, 1000));
        }
      }
    });
  }
  bool('publicNoticeBeforePayment', d.publicNoticeBeforePayment);
  oneOf('payee', d.payee, ['enterprise', 'supplier']);
  if (!obj(d.validity)) fail('validity', 'must be { kind }', '须有类型');
  else {
    oneOf('validity.kind', d.validity.kind, ['plan', 'issuance-year', 'months']);
    if (d.validity.kind === 'months') count('validity.months', d.validity.months, false);
  }
  if (!obj(d.stacking)) fail('stacking', 'must be an object', '格式不正确');
  else {
    oneOf('stacking.rule', d.stacking.rule, ['most-favourable-once', 'stackable', 'exclusive']);
    listOf('stacking.notCombinableWith', d.stacking.notCombinableWith, null);
    bool('stacking.tierUpgradePaysDifference', d.stacking.tierUpgradePaysDifference);
    rate('stacking.maxCombinedRate', d.stacking.maxCombinedRate, true);
    listOf('stacking.stacksWith', d.stacking.stacksWith, null);
    if (
      d.stacking.rule !== 'stackable' &&
      Array.isArray(d.stacking.stacksWith) &&
      d.stacking.stacksWith.length
    )
      fail('stacking.stacksWith', 'must be empty unless the rule is stackable', '仅在可叠加时填写');
  }
  if (!Array.isArray(d.fundingShares) || d.fundingShares.length === 0)
    fail('fundingShares', 'must name at least one funder', '至少列出一个出资方');
  else {
    const codes = new Set<string>();
    d.fundingShares.forEach((s: unknown, i) => {
      if (!obj(s)) return fail(`fundingShares[${i}]`, 'must be an object', '格式不正确');
      text(`fundingShares[${i}].funderCode`, s.funderCode, 64);
      if (codes.has(String(s.funderCode)))
        fail(`fundingShares[${i}].funderCode`, 'is listed twice', '重复列出');
      codes.add(String(s.funderCode));
      localized(`fundingShares[${i}].funder`, s.funder);
      rate(`fundingShares[${i}].share`, s.share);
    });
    if (!errors.size && !sharesAddUpToOne(d.fundingShares as never))
      fail('fundingShares', 'the shares must add up to exactly 1', '出资比例合计须恰好为 1');
  }

  date('contractSignedFrom', d.contractSignedFrom, true);
  if (d.maxContractTerm !== null) {
    if (!obj(d.maxContractTerm)) fail('maxContractTerm', 'must be { years } or null', '须为年数或留空');
    else count('maxContractTerm.years', d.maxContractTerm.years, false);
  }
  listOf('eligibleServiceKinds', d.eligibleServiceKinds, SERVICE_KINDS);
  listOf('excludedServiceKinds', d.excludedServiceKinds, SERVICE_KINDS);
  listOf('eligibleIndustries', d.eligibleIndustries, INDUSTRIES);
  listOf('eligibleApplicationDomains', d.eligibleApplicationDomains, APPLICATION_DOMAINS);
  listOf('eligibleRegistrationRegions', d.eligibleRegistrationRegions, null);
  for (const f of [
    'requiresIndependentLegalPerson',
    'requiresAiDirectionAlignment',
    'requiresSoundFinancialManagement',
    'excludesOtherMunicipalComputeSubsidy',
    'requiresPartnerSupplier',
    'requiresNonAffiliatedSupplier',
  ])
    bool(f, d[f]);
  if (d.dishonestyLookbackYears !== null) count('dishonestyLookbackYears', d.dishonestyLookbackYears, false);
  listOf('partnerSupplierCodes', d.partnerSupplierCodes, null);

  const r = d.redemption;
  if (!obj(r)) fail('redemption', 'must be an object', '格式不正确');
  else {
    oneOf('redemption.schedule', r.schedule, ['quarterly']);
    if (r.claimCutoff !== null) monthDay('redemption.claimCutoff', r.claimCutoff);
    oneOf('redemption.rollover', r.rollover, ['next-year-q1', 'none']);
    const yq = (field: string, v: unknown) => {
      if (!obj(v) || !Number.isInteger(v.year) || ![1, 2, 3, 4].includes(v.quarter as number))
        fail(field, 'must be { year, quarter 1–4 }', '须为年度和第 1–4 季度');
    };
    yq('redemption.firstRun', r.firstRun);
    yq('redemption.finalRun', r.finalRun);
    if (obj(r.firstRun) && obj(r.finalRun)) {
      const a = (r.firstRun.year as number) * 4 + (r.firstRun.quarter as number);
      const b = (r.finalRun.year as number) * 4 + (r.finalRun.quarter as number);
      if (a > b) fail('redemption.finalRun', 'must not be before firstRun', '不能早于首个兑付批次');
    }
  }
  return [...errors.entries()].map(([field, texts]) => ({
    field,
    messages: texts.map((t) => t.en),
    localized: { zh: texts.map((t) => t.zh).join('；'), en: texts.map((t) => t.en).join('; ') },
  }));
}
