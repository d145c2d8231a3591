import {
  deepFreeze,
  type FundingShare,
  type MaterialRequirement,
  type PartnerSupplier,
  type ProgramDefinition,
} from '../program';
import { AUTHENTICITY_PLEDGE_TEMPLATE, COMPLIANCE_PLEDGE_TEMPLATE } from './material-templates';

/**
 * 成都市关于创新供给“算力券”的政策措施 (seed 001, a draft for public comment of 2024-09-05). Its dates are
 * left as "2024年X月X日 … 2027年X月X日"; we read the plan as 2025-01-01 … 2027-12-31 (ADR 0011). The four
 * vouchers share the authority, the region, the eligibility of §二 and the supplier list of §六(一).
 */

const AUTHORITY = {
  code: 'cd-jxj',
  name: {
    zh: '成都市经济和信息化局（市新经济委）',
    en: 'Chengdu Bureau of Economy and Information Technology',
  },
};

/**
 * Seed 001 §六(一): the bureau publishes the supplier list every half year and names nobody in the draft.
 * These are demonstration entries standing for the published list (a bureau replaces them through the
 * admin API's supplier lists, which keep each list's effective date).
 */
export const CHENGDU_DEMO_SUPPLIERS: readonly PartnerSupplier[] = deepFreeze([
  {
    code: 'cd-supercomputing',
    name: { zh: '成都超算中心运营管理有限公司', en: 'Chengdu Supercomputing Centre' },
    legalNameEn: 'Chengdu Supercomputing Center Operation Management Co., Ltd.',
    shortNameZh: '成都超算',
    batch: 1,
    serviceKinds: ['intelligent_compute', 'storage'],
  },
  {
    code: 'cd-ai-computing',
    name: { zh: '成都智算中心有限公司', en: 'Chengdu AI Computing Centre' },
    legalNameEn: 'Chengdu Intelligent Computing Center Co., Ltd.',
    shortNameZh: '成都智算',
    batch: 1,
    serviceKinds: ['intelligent_compute'],
  },
  {
    code: 'cd-tianfu-dispatch',
    name: { zh: '天府算力调度服务平台运营有限公司', en: 'Tianfu Compute Dispatch Platform' },
    legalNameEn: 'Tianfu Compute Dispatch Platform Operation Co., Ltd.',
    shortNameZh: '天府算力调度',
    batch: 1,
    serviceKinds: ['intelligent_compute', 'network'],
  },
]);

const QUALIFICATION_MATERIALS = (party: 'applicant' | 'supplier', stage: 'application' | 'redemption') =>
  [
    {
      code: 'business-licence',
      zh: '企业营业执照或事业单位法人证书',
      en: 'Business licence or institution certificate',
    },
    {
      code: 'legal-rep-id',
      zh: '法定代表人/负责人身份证复印件',
      en: "Copy of the legal representative's ID",
    },
    { code: 'authenticity-pledge', zh: '材料真实性承诺书', en: 'Pledge that the materials are true' },
    { code: 'compliance-pledge', zh: '无违法违规行为承诺书', en: 'Pledge of no violations' },
  ].map((m): MaterialRequirement => ({
    code: m.code,
    name: { zh: m.zh, en: m.en },
    required: true,
    party,
    stage,
    ...(m.code === 'authenticity-pledge' ? { template: AUTHENTICITY_PLEDGE_TEMPLATE } : {}),
    ...(m.code === 'compliance-pledge' ? { template: COMPLIANCE_PLEDGE_TEMPLATE } : {}),
  }));

const material = (
  code: string,
  zh: string,
  en: string,
  party: 'applicant' | 'supplier',
  stage: 'application' | 'redemption',
): MaterialRequirement => ({ code, name: { zh, en }, required: true, party, stage });

const CHENGDU_MUNICIPAL: readonly FundingShare[] = [
  {
    funderCode: 'chengdu-municipal',
    funder: { zh: '成都市级财政', en: 'Chengdu municipal budget' },
    share: '1',
  },
];

/** What the four Chengdu vouchers share; each one below overrides what differs. */
const CHENGDU_BASE: Omit<ProgramDefinition, 'code' | 'name'> = {
  authority: AUTHORITY,
  region: 'chengdu',
  sources: ['seeds/001'],
  planPublishedOn: '2024-09-05',
  planStart: '2025-01-01',
  planEnd: '2027-12-31',
  rate: '0.20',
  rateRules: [],
  fixedFaceValue: null,
  faceValueTiers: [],
  minEligibleAmount: null,
  minFaceValue: null,
  spendingEvidence: 'contract',
  perApplicationCap: null,
  perEnterpriseYearlyCap: null,
  perEnterpriseCumulativeCap: null,
  perSupplierYearlyCap: null,
  budgetPoolPerYear: null,
  budgetPoolTotal: null,
  budgetPoolCommittedAt: 'redemption',
  yearlyCapSharedWith: null,
  yearlyCapOverrides: [],
  vouchersPerYear: null,
  applicationsPerEnterprisePerYear: 1,
  // Seed 001 has no contract-bound application for these vouchers; one per unit per year instead.
  oneApplicationPerContract: false,
  capYearBasis: 'issuance',
  allocation: 'review',
  pool: null,
  round: null,
  grant: null,
  settlementDiscount: null,
  disbursement: 'direct',
  deduction: null,
  materials: [],
  publicNoticeBeforePayment: false,
  payee: 'enterprise',
  validity: { kind: 'issuance-year' },
  // §六(五): 从优、就高、不重复 with the city's other policies.
  stacking: {
    rule: 'most-favourable-once',
    notCombinableWith: [],
    tierUpgradePaysDifference: false,
    maxCombinedRate: null,
    stacksWith: [],
  },
  fundingShares: CHENGDU_MUNICIPAL,
  requiredApplicantCategories: [],
  projectFactMinimums: [],
  contractSignedFrom: null,
  maxContractTerm: null,
  // §二(一): renting storage, network or security alone does not count.
  eligibleServiceKinds: ['intelligent_compute'],
  excludedServiceKinds: ['storage', 'network', 'security', 'other'],
  eligibleIndustries: ['software_information_services', 'manufacturing', 'other'],
  eligibleApplicationDomains: [],
  eligibleRegistrationRegions: ['chengdu'],
  requiresIndependentLegalPerson: true,
  requiresAiDirectionAlignment: false,
  requiresSoundFinancialManagement: false,
  // §二 2: 近三年信用良好.
  dishonestyLookbackYears: 3,
  excludesOtherMunicipalComputeSubsidy: false,
  requiresPartnerSupplier: true,
  requiresNonAffiliatedSupplier: true,
  partnerSupplierCodes: CHENGDU_DEMO_SUPPLIERS.map((s) => s.code),
  redemption: {
    schedule: 'quarterly',
    claimCutoff: null,
    rollover: 'none',
    firstRun: { year: 2025, quarter: 1 },
    finalRun: { year: 2027, quarter: 4 },
  },
};

/** 普惠算力券: 300 a year of 10,000.00, first come (发完即止), deducted at the supplier (≤ 50% of a payment). */
export const CHENGDU_PUHUI: ProgramDefinition = deepFreeze({
  ...CHENGDU_BASE,
  code: 'chengdu-puhui',
  name: { zh: '成都市普惠算力券', en: 'Chengdu Inclusive Compute Voucher' },
  rate: '0.50',
  fixedFaceValue: '10000.00',
  vouchersPerYear: 300,
  allocation: 'first-come-first-served',
  pool: { order: 'receipt', waitlist: true },
  disbursement: 'supplier-deduction',
  deduction: { maxShareOfPayment: '0.50' },
  payee: 'supplier',
  stacking: { ...CHENGDU_BASE.stacking, notCombinableWith: ['chengdu-tehui'] },
  materials: [
    material('puhui-form', '“普惠算力券”申领表', 'Application form', 'applicant', 'application'),
    ...QUALIFICATION_MATERIALS('applicant', 'application'),
    ...QUALIFICATION_MATERIALS('supplier', 'redemption'),
    material('redemption-form', '“普惠算力券”兑现申请表', 'Redemption form', 'supplier', 'redemption'),
    material('voucher', '“普惠算力券”凭证', 'The voucher', 'supplier', 'redemption'),
    material('contract', '算力服务合同', 'Compute service contract', 'supplier', 'redemption'),
    material('payment-proof', '费用支付凭证', 'Proof of payment', 'supplier', 'redemption'),
    material('invoice', '结算发票', 'Settlement invoice', 'supplier', 'redemption'),
    material(
      'completion-proof',
      '完成算力服务凭证',
      'Proof the service was delivered',
      'supplier',
      'redemption',
    ),
  ],
});

/** 特惠算力券: 135 a year in five tiers by prior-year spend, ranked, reviewed, on public notice, paid directly. */
export const CHENGDU_TEHUI: ProgramDefinition = deepFreeze({
  ...CHENGDU_BASE,
  code: 'chengdu-tehui',
  name: { zh: '成都市特惠算力券', en: 'Chengdu Preferential Compute Voucher' },
  rate: '0.20',
  faceValueTiers: [
    { faceValue: '2000000.00', count: 5, minPriorYearSpend: '10000000.00' },
    { faceValue: '1000000.00', count: 10, minPriorYearSpend: '5000000.00' },
    { faceValue: '500000.00', count: 20, minPriorYearSpend: '2500000.00' },
    { faceValue: '300000.00', count: 50, minPriorYearSpend: '1500000.00' },
    { faceValue: '100000.00', count: 50, minPriorYearSpend: '500000.00' },
  ],
  vouchersPerYear: 135,
  allocation: 'ranked',
  // The draft names no dates for the yearly call; a bureau sets them in the version it publishes.
  round: {
    opens: { month: 3, day: 1 },
    closes: { month: 3, day: 31 },
    reviewQuota: 135,
    noticeWorkingDays: 5,
    rankBy: 'prior-year-spend',
    basisProgramCodes: [],
  },
  publicNoticeBeforePayment: true,
  disbursement: 'direct',
  stacking: { ...CHENGDU_BASE.stacking, notCombinableWith: ['chengdu-puhui'] },
  materials: [
    ...QUALIFICATION_MATERIALS('applicant', 'application'),
    material('contract', '算力服务合同', 'Compute service contract', 'applicant', 'application'),
    material('payment-proof', '费用支付凭证', 'Proof of payment', 'applicant', 'application'),
    material('invoice', '结算发票', 'Settlement invoice', 'applicant', 'application'),
    material(
      'annual-usage',
      '年度使用算力服务凭证',
      "The year's compute usage proof",
      'applicant',
      'application',
    ),
  ],
});

/** 算力补贴券: suppliers, ≤ 20% of their fees under last year's 普惠/特惠, ≤ 2,000,000.00 a year, on notice. */
export const CHENGDU_SUPPLIER_SUBSIDY: ProgramDefinition = deepFreeze({
  ...CHENGDU_BASE,
  code: 'chengdu-supplier-subsidy',
  name: { zh: '成都市算力补贴券', en: 'Chengdu Compute Supplier Subsidy' },
  rate: '0.20',
  perSupplierYearlyCap: '2000000.00',
  allocation: 'ranked',
  round: {
    opens: { month: 3, day: 1 },
    closes: { month: 3, day: 31 },
    reviewQuota: 1000,
    noticeWorkingDays: 5,
    rankBy: 'prior-year-supplier-fees',
    basisProgramCodes: ['chengdu-puhui', 'chengdu-tehui'],
  },
  publicNoticeBeforePayment: true,
  payee: 'supplier',
  requiresPartnerSupplier: true,
  requiresNonAffiliatedSupplier: false,
  materials: QUALIFICATION_MATERIALS('supplier', 'application'),
});

/** 绿色算力券: 1,000,000.00 once for a data centre newly approved as a national green data centre (免申即享). */
export const CHENGDU_GREEN: ProgramDefinition = deepFreeze({
  ...CHENGDU_BASE,
  code: 'chengdu-green',
  name: { zh: '成都市绿色算力券', en: 'Chengdu Green Compute Award' },
  rate: '1',
  fixedFaceValue: '1000000.00',
  applicationsPerEnterprisePerYear: null,
  allocation: 'automatic',
  grant: { event: 'green-data-centre-approved', amount: '1000000.00' },
  payee: 'supplier',
  requiresIndependentLegalPerson: false,
  dishonestyLookbackYears: null,
  requiresNonAffiliatedSupplier: false,
  materials: [
    material(
      'green-dc-approval',
      '国家绿色数据中心认定文件',
      'National green data centre approval',
      'supplier',
      'application',
    ),
  ],
});
