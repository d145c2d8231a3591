import { yearOf } from '../calendar';
import { deepFreeze, type FundingShare, type ProgramDefinition, type RateRule } from '../program';
import { BEIJING_2023_2025 } from './beijing-2023-2025';

/**
 * The programs of the survey (seed 003, 数据要素社, 2025-05-20), each its own definition. The survey
 * reports rates, caps and pools only: eligibility is the engine's neutral checks (registered in the
 * region, any industry and domain, no partner list), as for Henan (ADR 0012). What the survey leaves open
 * — plan windows, whether "最高 X" is per year, pools taken at issuance — is read in ADRs 0021–0026.
 */

const budget = (funderCode: string, zh: string, en: string): readonly FundingShare[] => [
  { funderCode, funder: { zh, en }, share: '1' },
];

/** A reviewed, contract-based program with claims in quarterly runs and neutral eligibility. */
export function surveyProgram(
  fields: Pick<ProgramDefinition, 'code' | 'name' | 'authority' | 'region' | 'planPublishedOn'> &
    Partial<ProgramDefinition>,
): ProgramDefinition {
  const planStart = fields.planStart ?? fields.planPublishedOn;
  const planEnd = fields.planEnd ?? '2026-12-31';
  const finalYear = yearOf(planEnd) + 1;
  return deepFreeze({
    ...BEIJING_2023_2025,
    sources: ['seeds/003'],
    planStart,
    planEnd,
    rateRules: [],
    perEnterpriseYearlyCap: null,
    budgetPoolPerYear: null,
    budgetPoolTotal: null,
    budgetPoolCommittedAt: 'issuance',
    allocation: 'review',
    fundingShares: budget(`${fields.region}-budget`, '本级财政', 'The authority’s budget'),
    contractSignedFrom: planStart,
    maxContractTerm: null,
    eligibleServiceKinds: ['intelligent_compute'],
    excludedServiceKinds: [],
    eligibleIndustries: ['software_information_services', 'manufacturing', 'other'],
    eligibleApplicationDomains: [...BEIJING_2023_2025.eligibleApplicationDomains, 'other'],
    eligibleRegistrationRegions: [fields.region],
    requiresAiDirectionAlignment: false,
    requiresSoundFinancialManagement: false,
    dishonestyLookbackYears: null,
    excludesOtherMunicipalComputeSubsidy: false,
    requiresPartnerSupplier: false,
    partnerSupplierCodes: [],
    redemption: {
      schedule: 'quarterly',
      claimCutoff: null,
      rollover: 'none',
      firstRun: { year: yearOf(planStart), quarter: 1 },
      finalRun: { year: finalYear, quarter: 1 },
    },
    ...fields,
  });
}

const auth = (code: string, zh: string, en: string) => ({ code, name: { zh, en } });

/** 成都市 2025 年度算力券 (seed 003: 成都市经信局, 2025-01-02). */
export const CHENGDU_COMPUTE_2025 = surveyProgram({
  code: 'chengdu-compute-2025',
  name: { zh: '成都市2025年度算力券', en: 'Chengdu Compute Voucher 2025' },
  authority: auth('cd-jxj', '成都市经济和信息化局', 'Chengdu Bureau of Economy and Information Technology'),
  region: 'chengdu',
  planPublishedOn: '2025-01-02',
  planStart: '2025-01-01',
  planEnd: '2025-12-31',
  rate: '0.50',
  minFaceValue: '10000.00',
  perEnterpriseYearlyCap: '1000000.00',
  budgetPoolPerYear: '10000000.00',
});

const ETOWN = auth('bj-etown', '北京经济技术开发区管理委员会', 'Beijing E-Town Administrative Committee');

/** 北京经开区 算力券: 30% of settled compute fees after expert review, ≤ 20,000,000.00; 100,000,000.00 a year. */
export const BEIJING_ETOWN_COMPUTE = surveyProgram({
  code: 'beijing-etown-compute',
  name: { zh: '北京经济技术开发区算力券', en: 'Beijing E-Town Compute Voucher' },
  authority: ETOWN,
  region: 'beijing-etown',
  planPublishedOn: '2024-11-24',
  rate: '0.30',
  spendingEvidence: 'invoice',
  perEnterpriseYearlyCap: '20000000.00',
  budgetPoolPerYear: '100000000.00',
});

/** 北京经开区 模型券: 50% of the completed model contract (non-hardware part), ≤ 5,000,000.00. */
export const BEIJING_ETOWN_MODEL = surveyProgram({
  code: 'beijing-etown-model',
  name: { zh: '北京经济技术开发区模型券', en: 'Beijing E-Town Model Voucher' },
  authority: ETOWN,
  region: 'beijing-etown',
  planPublishedOn: '2024-11-24',
  rate: '0.50',
  spendingEvidence: 'invoice',
  eligibleServiceKinds: ['model_service'],
  perEnterpriseYearlyCap: '5000000.00',
  budgetPoolPerYear: '100000000.00',
});

/** 山东省 算力券: 5% of the compute purchase contract, ≤ 5,000,000.00. */
export const SHANDONG_COMPUTE = surveyProgram({
  code: 'shandong-compute',
  name: { zh: '山东省算力券', en: 'Shandong Compute Voucher' },
  authority: auth('sd-gov', '山东省人民政府', 'Shandong Provincial Government'),
  region: 'shandong',
  planPublishedOn: '2024-12-26',
  planStart: '2025-01-01',
  planEnd: '2025-12-31',
  rate: '0.05',
  perEnterpriseYearlyCap: '5000000.00',
});

/** 青岛市 算力券: ≤ 20% of the fees actually paid, ≤ 1,000,000.00 per enterprise, 20,000,000.00 a year. */
export const QINGDAO_COMPUTE = surveyProgram({
  code: 'qingdao-compute',
  name: { zh: '青岛市算力券', en: 'Qingdao Compute Voucher' },
  authority: auth(
    'qd-gxj',
    '青岛市工业和信息化局、青岛市财政局',
    'Qingdao Bureau of Industry and IT, Finance',
  ),
  region: 'shandong-qingdao',
  planPublishedOn: '2025-03-13',
  planStart: '2024-01-01',
  planEnd: '2026-12-31',
  rate: '0.20',
  spendingEvidence: 'invoice',
  perEnterpriseYearlyCap: '1000000.00',
  budgetPoolPerYear: '20000000.00',
});

/** 东莞市 算力券: ≤ 50% of the service amount, ≤ 1,000,000.00 a year; 50,000,000.00 in all. */
export const DONGGUAN_COMPUTE = surveyProgram({
  code: 'dongguan-compute',
  name: { zh: '东莞市算力券', en: 'Dongguan Compute Voucher' },
  authority: auth('dg-gov', '东莞市人民政府', 'Dongguan Municipal Government'),
  region: 'guangdong-dongguan',
  planPublishedOn: '2025-02-05',
  rate: '0.50',
  perEnterpriseYearlyCap: '1000000.00',
  budgetPoolTotal: '50000000.00',
});

/** 南宁市 算力券: 30% of the settled amount, ≤ 2,000,000.00 a year; 50,000,000.00 a year. */
export const NANNING_COMPUTE = surveyProgram({
  code: 'nanning-compute',
  name: { zh: '南宁市算力券', en: 'Nanning Compute Voucher' },
  authority: auth('nn-gov', '南宁市人民政府', 'Nanning Municipal Government'),
  region: 'guangxi-nanning',
  planPublishedOn: '2025-04-11',
  rate: '0.30',
  spendingEvidence: 'invoice',
  perEnterpriseYearlyCap: '2000000.00',
  budgetPoolPerYear: '50000000.00',
});

const WUHU = auth('wh-sjj', '芜湖市数据资源管理局', 'Wuhu Data Resources Bureau');

/** 芜湖市 算力券: 25%, ≤ 20,000,000.00 per entity a year; 100,000,000.00 a year. */
export const WUHU_COMPUTE = surveyProgram({
  code: 'wuhu-compute',
  name: { zh: '芜湖市人工智能算力券', en: 'Wuhu AI Compute Voucher' },
  authority: WUHU,
  region: 'anhui-wuhu',
  planPublishedOn: '2025-04-25',
  rate: '0.25',
  perEnterpriseYearlyCap: '20000000.00',
  budgetPoolPerYear: '100000000.00',
});

/** 芜湖市 数据券: data products 12/10/8%, third-party services 22/20/15% by big-data enterprise level. */
const wuhuData = (serviceKind: 'data_product' | 'data_service', rates: [string, string]): RateRule[] => [
  { serviceKinds: [serviceKind], applicantCategory: 'bigdata-provincial', rate: rates[0] },
  { serviceKinds: [serviceKind], applicantCategory: 'bigdata-municipal', rate: rates[1] },
];
export const WUHU_DATA = surveyProgram({
  code: 'wuhu-data',
  name: { zh: '芜湖市数据券', en: 'Wuhu Data Voucher' },
  authority: WUHU,
  region: 'anhui-wuhu',
  planPublishedOn: '2025-03-13',
  rate: '0.08',
  rateRules: [
    ...wuhuData('data_product', ['0.12', '0.10']),
    { serviceKinds: ['data_product'], rate: '0.08' },
    ...wuhuData('data_service', ['0.22', '0.20']),
    { serviceKinds: ['data_service'], rate: '0.15' },
  ],
  eligibleServiceKinds: ['data_product', 'data_service'],
  perEnterpriseYearlyCap: '500000.00',
  budgetPoolPerYear: '10000000.00',
});

const GUIZHOU = auth('gz-dsj', '贵州省大数据发展管理局', 'Guizhou Big Data Development Administration');

/**
 * 贵州算力券 (cash vouchers): three lines of support, each with its own rate and yearly cap per entity —
 * 3% of a compute or data-trade deal (≤ 2,000,000.00), 30% of adaptation on local domestic compute
 * (≤ 1,500,000.00), 30% of model-training fees (≤ 5,000,000.00); valid 6 months from issue; never
 * combined with a physical voucher.
 */
export const GUIZHOU_COMPUTE = surveyProgram({
  code: 'guizhou-compute',
  name: { zh: '贵州算力券（现金券）', en: 'Guizhou Compute Voucher (cash)' },
  authority: GUIZHOU,
  region: 'guizhou',
  planPublishedOn: '2024-11-13',
  rate: '0.03',
  rateRules: [
    {
      serviceKinds: ['compute_adaptation'],
      domestic: true,
      rate: '0.30',
      line: 'adaptation',
      yearlyCap: '1500000.00',
    },
    { serviceKinds: ['model_training'], rate: '0.30', line: 'model-training', yearlyCap: '5000000.00' },
    {
      serviceKinds: ['intelligent_compute', 'data_product', 'compute_adaptation'],
      rate: '0.03',
      line: 'deal',
      yearlyCap: '2000000.00',
    },
  ],
  eligibleServiceKinds: ['intelligent_compute', 'data_product', 'compute_adaptation', 'model_training'],
  validity: { kind: 'months', months: 6 },
  stacking: { ...BEIJING_2023_2025.stacking, notCombinableWith: ['guizhou-physical'] },
});

/** 贵州算力券 (physical vouchers): platform goods offered by the platform; never with a cash voucher. */
export const GUIZHOU_PHYSICAL = surveyProgram({
  code: 'guizhou-physical',
  name: { zh: '贵州算力券（实物券）', en: 'Guizhou Compute Voucher (physical)' },
  authority: GUIZHOU,
  region: 'guizhou',
  planPublishedOn: '2024-11-13',
  rate: '1',
  eligibleServiceKinds: ['platform_goods'],
  validity: { kind: 'months', months: 6 },
  stacking: { ...BEIJING_2023_2025.stacking, notCombinableWith: ['guizhou-compute'] },
});

const LANGFANG = auth('lf-gov', '廊坊市人民政府办公室', 'Langfang Municipal Government Office');

/** 廊坊市 算力券: 50% of compute fees, ≤ 1,000,000.00 per unit a year (entrant grant included); 10,000,000.00 a year. */
export const LANGFANG_COMPUTE = surveyProgram({
  code: 'langfang-compute',
  name: { zh: '廊坊市算力券', en: 'Langfang Compute Voucher' },
  authority: LANGFANG,
  region: 'hebei-langfang',
  planPublishedOn: '2025-02-07',
  rate: '0.50',
  perEnterpriseYearlyCap: '1000000.00',
  budgetPoolPerYear: '10000000.00',
});

/** 廊坊市 新落地人工智能企业: a one-off 500,000.00 voucher when the arrival is recorded (免申即享). */
export const LANGFANG_ENTRANT = surveyProgram({
  code: 'langfang-entrant',
  name: { zh: '廊坊市新落地人工智能企业算力券', en: 'Langfang New AI Entrant Voucher' },
  authority: LANGFANG,
  region: 'hebei-langfang',
  planPublishedOn: '2025-02-07',
  rate: '1',
  fixedFaceValue: '500000.00',
  allocation: 'automatic',
  grant: { event: 'new-ai-entrant', amount: '500000.00' },
  disbursement: 'direct',
  oneApplicationPerContract: false,
  applicationsPerEnterprisePerYear: 1,
  yearlyCapSharedWith: 'langfang-compute',
  perEnterpriseYearlyCap: '1000000.00',
});

/** 泰州市姜堰区 算力券: no application; discounts at settlement by purchase size and core-industry flag. */
export const TAIZHOU_JIANGYAN = surveyProgram({
  code: 'taizhou-jiangyan',
  name: { zh: '泰州市姜堰区算力券', en: 'Taizhou Jiangyan Compute Voucher' },
  authority: auth('jy-sjj', '泰州市姜堰区数据局', 'Jiangyan District Data Bureau, Taizhou'),
  region: 'jiangsu-taizhou-jiangyan',
  planPublishedOn: '2025-04-01',
  rate: '0.60',
  allocation: 'at-settlement',
  disbursement: 'direct',
  payee: 'supplier',
  oneApplicationPerContract: false,
  // ADR 0024: > 300,000.00 as written; 100,000.00 ≤ x ≤ 300,000.00 the middle tier; < 100,000.00 as written.
  settlementDiscount: {
    tiers: [
      { from: '300000.00', fromInclusive: false, coreIndustryFactor: '0.40', otherFactor: '0.46' },
      { from: '100000.00', fromInclusive: true, coreIndustryFactor: '0.42', otherFactor: '0.48' },
      { from: '0.00', fromInclusive: true, coreIndustryFactor: '0.44', otherFactor: '0.50' },
    ],
  },
  partnerSupplierCodes: ['jy-telecom-tianyi'],
  requiresPartnerSupplier: true,
});

const HANGZHOU = auth(
  'hz-jxj',
  '杭州市经济和信息化局',
  'Hangzhou Bureau of Economy and Information Technology',
);

/** 杭州市 市级算力券: 30% domestic compute or model services, 20% other compute; stacks with 智能券. */
export const HANGZHOU_COMPUTE = surveyProgram({
  code: 'hangzhou-compute',
  name: { zh: '杭州市市级算力券', en: 'Hangzhou Municipal Compute Voucher' },
  authority: HANGZHOU,
  region: 'zhejiang-hangzhou',
  planPublishedOn: '2025-04-14',
  planStart: '2025-01-01',
  rate: '0.30',
  rateRules: [
    { serviceKinds: ['intelligent_compute'], domestic: true, rate: '0.30', maxCombinedRate: '0.45' },
    { serviceKinds: ['intelligent_compute'], domestic: false, rate: '0.20', maxCombinedRate: '0.25' },
    { serviceKinds: ['model_service'], rate: '0.30', maxCombinedRate: '0.45' },
  ],
  eligibleServiceKinds: ['intelligent_compute', 'model_service'],
  perEnterpriseYearlyCap: '8000000.00',
  budgetPoolPerYear: '250000000.00',
  stacking: {
    rule: 'stackable',
    notCombinableWith: [],
    tierUpgradePaysDifference: false,
    maxCombinedRate: null,
    stacksWith: ['hangzhou-smart'],
  },
});

/** 杭州市 智能券: 30% domestic / 10% other compute, 30% model and data; stacked with 算力券 ≤ 45% / 25%. */
export const HANGZHOU_SMART = surveyProgram({
  code: 'hangzhou-smart',
  name: { zh: '杭州市人工智能券', en: 'Hangzhou AI (Smart) Voucher' },
  authority: HANGZHOU,
  region: 'zhejiang-hangzhou',
  planPublishedOn: '2025-04-14',
  planStart: '2025-01-01',
  rate: '0.30',
  rateRules: [
    { serviceKinds: ['intelligent_compute'], domestic: true, rate: '0.30', maxCombinedRate: '0.45' },
    { serviceKinds: ['intelligent_compute'], domestic: false, rate: '0.10', maxCombinedRate: '0.25' },
    { serviceKinds: ['model_service'], rate: '0.30', maxCombinedRate: '0.45' },
    { serviceKinds: ['data_product', 'data_service'], rate: '0.30' },
  ],
  eligibleServiceKinds: ['intelligent_compute', 'model_service', 'data_product', 'data_service'],
  // 单家企业每年市级算力券申领(叠加)金额不超过800万元: the stacked total counts on the 算力券's ledger.
  perEnterpriseYearlyCap: '8000000.00',
  yearlyCapSharedWith: 'hangzhou-compute',
  stacking: {
    rule: 'stackable',
    notCombinableWith: [],
    tierUpgradePaysDifference: false,
    maxCombinedRate: null,
    stacksWith: ['hangzhou-compute'],
  },
});

const ZHEJIANG = auth('zj-gov', '浙江省人民政府', 'Zhejiang Provincial Government');

export const ZHEJIANG_COMPUTE = surveyProgram({
  code: 'zhejiang-compute',
  name: { zh: '浙江省算力券', en: 'Zhejiang Compute Voucher' },
  authority: ZHEJIANG,
  region: 'zhejiang',
  planPublishedOn: '2025-05-16',
  rate: '0.10',
  rateRules: [{ serviceKinds: ['intelligent_compute'], domestic: true, rate: '0.30' }],
  perEnterpriseYearlyCap: '8000000.00',
});

export const ZHEJIANG_CORPUS = surveyProgram({
  code: 'zhejiang-corpus',
  name: { zh: '浙江省语料券', en: 'Zhejiang Corpus Voucher' },
  authority: ZHEJIANG,
  region: 'zhejiang',
  planPublishedOn: '2025-05-16',
  rate: '0.30',
  eligibleServiceKinds: ['corpus'],
  perEnterpriseYearlyCap: '2000000.00',
});

export const ZHEJIANG_MODEL = surveyProgram({
  code: 'zhejiang-model',
  name: { zh: '浙江省模型券', en: 'Zhejiang Model Voucher' },
  authority: ZHEJIANG,
  region: 'zhejiang',
  planPublishedOn: '2025-05-16',
  rate: '0.30',
  eligibleServiceKinds: ['model_service'],
  perEnterpriseYearlyCap: '5000000.00',
});

const SHENZHEN = auth(
  'sz-gxj',
  '深圳市工业和信息化局',
  'Shenzhen Bureau of Industry and Information Technology',
);

/** 深圳市 训力券: ≤ 50% of the contract for large-model training, startups 60%, ≤ 10,000,000.00. */
export const SHENZHEN_TRAINING = surveyProgram({
  code: 'shenzhen-training',
  name: { zh: '深圳市训力券', en: 'Shenzhen Training Compute Voucher' },
  authority: SHENZHEN,
  region: 'guangdong-shenzhen',
  planPublishedOn: '2024-12-18',
  rate: '0.50',
  rateRules: [{ applicantCategory: 'startup', rate: '0.60' }],
  eligibleServiceKinds: ['intelligent_compute', 'model_training'],
  perEnterpriseYearlyCap: '10000000.00',
  budgetPoolPerYear: '500000000.00',
});

/** 深圳市 模型券: 30% of the model purchase, ≤ 1,000,000.00 a year normally, ≤ 2,000,000.00; paid to the buyer. */
export const SHENZHEN_MODEL = surveyProgram({
  code: 'shenzhen-model',
  name: { zh: '深圳市模型券', en: 'Shenzhen Model Voucher' },
  authority: SHENZHEN,
  region: 'guangdong-shenzhen',
  planPublishedOn: '2025-03-14',
  rate: '0.30',
  eligibleServiceKinds: ['model_service'],
  perEnterpriseYearlyCap: '1000000.00',
  yearlyCapOverrides: [{ applicantCategory: 'model-voucher-ceiling', yearlyCap: '2000000.00' }],
  payee: 'enterprise',
});

export const SURVEY_003_PROGRAMS: readonly ProgramDefinition[] = [
  CHENGDU_COMPUTE_2025,
  BEIJING_ETOWN_COMPUTE,
  BEIJING_ETOWN_MODEL,
  SHANDONG_COMPUTE,
  QINGDAO_COMPUTE,
  DONGGUAN_COMPUTE,
  NANNING_COMPUTE,
  WUHU_COMPUTE,
  WUHU_DATA,
  GUIZHOU_COMPUTE,
  GUIZHOU_PHYSICAL,
  LANGFANG_COMPUTE,
  LANGFANG_ENTRANT,
  TAIZHOU_JIANGYAN,
  HANGZHOU_COMPUTE,
  HANGZHOU_SMART,
  ZHEJIANG_COMPUTE,
  ZHEJIANG_CORPUS,
  ZHEJIANG_MODEL,
  SHENZHEN_TRAINING,
  SHENZHEN_MODEL,
];
