import {
  deepFreeze,
  type MaterialRequirement,
  type PartnerSupplier,
  type ProgramDefinition,
} from '../program';
import { AUTHENTICITY_PLEDGE_TEMPLATE } from './material-templates';

/** A scan or a PDF: what most of Beijing's materials may be. */
const ANY_DOCUMENT = ['pdf', 'png', 'jpeg'] as const;

/** A document the applying enterprise uploads with its application (all Beijing asks for are). */
function applicationDocument(material: Omit<MaterialRequirement, 'party' | 'stage'>): MaterialRequirement {
  const { accepts, template, ...head } = material;
  return { ...head, party: 'applicant', stage: 'application', accepts, ...(template ? { template } : {}) };
}

/**
 * The 12 compute partners (算力伙伴) named in seed 000: 2 from the first batch of the Beijing general-AI
 * partner plan, 10 from the second (2023-07-03). Seed 000 gives only the legal names; the extra service
 * kinds besides intelligent compute are reference data assumed from each company's public offering and
 * must be confirmed by the bureau. Only intelligent compute ever counts towards a voucher.
 */
export const BEIJING_PARTNER_SUPPLIERS: readonly PartnerSupplier[] = deepFreeze([
  {
    code: 'baidu',
    name: { zh: '北京百度网讯科技有限公司', en: 'Baidu' },
    legalNameEn: 'Beijing Baidu Netcom Science and Technology Co., Ltd.',
    shortNameZh: '百度',
    batch: 2,
    serviceKinds: ['intelligent_compute', 'storage', 'network'],
  },
  {
    code: '21vianet',
    name: { zh: '北京世纪互联宽带数据中心有限公司', en: '21Vianet' },
    legalNameEn: 'Beijing 21Vianet Broadband Data Center Co., Ltd.',
    shortNameZh: '世纪互联',
    batch: 2,
    serviceKinds: ['intelligent_compute', 'storage', 'network'],
  },
  {
    code: 'ct-beijing',
    name: { zh: '中国电信股份有限公司北京分公司', en: 'China Telecom Beijing' },
    legalNameEn: 'China Telecom Corporation Limited, Beijing Branch',
    shortNameZh: '北京电信',
    batch: 2,
    serviceKinds: ['intelligent_compute', 'storage', 'network'],
  },
  {
    code: 'cm-beijing',
    name: { zh: '中国移动通信集团北京有限公司', en: 'China Mobile Beijing' },
    legalNameEn: 'China Mobile Group Beijing Co., Ltd.',
    shortNameZh: '北京移动',
    batch: 2,
    serviceKinds: ['intelligent_compute', 'storage', 'network'],
  },
  {
    code: 'ascend-bj',
    name: { zh: '北京昇腾创新人工智能科技中心有限公司', en: 'Beijing Ascend AI Innovation Centre' },
    legalNameEn: 'Beijing Ascend Innovation Artificial Intelligence Technology Center Co., Ltd.',
    shortNameZh: '北京昇腾',
    batch: 2,
    serviceKinds: ['intelligent_compute'],
  },
  {
    code: 'jd-tech',
    name: { zh: '京东科技信息技术有限公司', en: 'JD Technology' },
    legalNameEn: 'JD Technology Information Technology Co., Ltd.',
    shortNameZh: '京东科技',
    batch: 2,
    serviceKinds: ['intelligent_compute', 'storage'],
  },
  {
    code: 'hongshan',
    name: { zh: '北京红山信息科技研究院有限公司', en: 'Hongshan Institute' },
    legalNameEn: 'Beijing Hongshan Information Technology Research Institute Co., Ltd.',
    shortNameZh: '红山研究院',
    batch: 2,
    serviceKinds: ['intelligent_compute'],
  },
  {
    code: 'qishang',
    name: { zh: '企商在线(北京)数据技术股份有限公司', en: 'Qishang Online' },
    legalNameEn: 'Qishang Online (Beijing) Data Technology Co., Ltd.',
    shortNameZh: '企商在线',
    batch: 2,
    serviceKinds: ['intelligent_compute', 'storage', 'network'],
  },
  {
    code: 'dc-cloud',
    name: { zh: '北京神州数码云科信息技术有限公司', en: 'Digital China Cloud' },
    legalNameEn: 'Beijing Digital China Cloud Technology Information Technology Co., Ltd.',
    shortNameZh: '神州数码云',
    batch: 2,
    serviceKinds: ['intelligent_compute', 'storage'],
  },
  {
    code: 'kingsoft-cloud',
    name: { zh: '北京金山云网络技术有限公司', en: 'Kingsoft Cloud' },
    legalNameEn: 'Beijing Kingsoft Cloud Network Technology Co., Ltd.',
    shortNameZh: '金山云',
    batch: 2,
    serviceKinds: ['intelligent_compute', 'storage', 'network'],
  },
  {
    code: 'alibaba-cloud',
    name: { zh: '阿里云计算有限公司', en: 'Alibaba Cloud' },
    legalNameEn: 'Alibaba Cloud Computing Co., Ltd.',
    shortNameZh: '阿里云',
    batch: 1,
    serviceKinds: ['intelligent_compute', 'storage', 'network'],
  },
  {
    code: 'bj-supercomputing',
    name: { zh: '北京超级云计算中心', en: 'Beijing Supercomputing Cloud' },
    legalNameEn: 'Beijing Super Cloud Computing Center',
    shortNameZh: '北京超算',
    batch: 1,
    serviceKinds: ['intelligent_compute', 'storage'],
  },
]);

/** 北京市人工智能算力券实施方案(2023—2025年), seed 000. */
export const BEIJING_2023_2025: ProgramDefinition = deepFreeze({
  code: 'beijing-ai-compute-2023',
  name: {
    zh: '人工智能算力券实施方案(2023—2025年)',
    en: 'Beijing AI Compute Voucher Programme 2023–2025',
  },
  authority: {
    code: 'bj-jxj',
    name: {
      zh: '北京市经济和信息化局',
      en: 'Beijing Municipal Bureau of Economy and Information Technology',
    },
  },
  region: 'beijing',
  sources: ['seeds/000'],
  planPublishedOn: '2023-10-11',
  // Contracts signed from 2023-09-01 count, so the spending window opens before publication.
  planStart: '2023-09-01',
  planEnd: '2025-12-31',

  rate: '0.20',
  rateRules: [],
  fixedFaceValue: null,
  faceValueTiers: [],
  minEligibleAmount: null,
  minFaceValue: null,
  spendingEvidence: 'contract',

  // A single application is limited only by the 20% rate and the yearly room.
  perApplicationCap: null,
  perEnterpriseYearlyCap: '2000000.00',
  perEnterpriseCumulativeCap: null,
  perSupplierYearlyCap: null,
  budgetPoolPerYear: null,
  budgetPoolTotal: null,
  budgetPoolCommittedAt: 'redemption',
  yearlyCapSharedWith: null,
  yearlyCapOverrides: [],
  vouchersPerYear: null,
  applicationsPerEnterprisePerYear: null,
  oneApplicationPerContract: true,
  capYearBasis: 'issuance',

  allocation: 'review',
  pool: null,
  round: null,
  grant: null,
  settlementDiscount: null,
  disbursement: 'quarterly-claims',
  deduction: null,
  // Seed 000 asks for the contract and its materials without listing them; these are the documents the
  // review actually reads (ADR 0011).
  materials: [
    applicationDocument({
      code: 'contract',
      name: { zh: '算力服务合同', en: 'Compute service contract' },
      required: true,
      accepts: ['pdf'],
    }),
    applicationDocument({
      code: 'business-licence',
      name: { zh: '企业营业执照', en: 'Business licence' },
      required: true,
      accepts: ANY_DOCUMENT,
    }),
    applicationDocument({
      code: 'authenticity-pledge',
      name: { zh: '材料真实性承诺书', en: 'Pledge that the materials are true' },
      required: true,
      accepts: ANY_DOCUMENT,
      template: AUTHENTICITY_PLEDGE_TEMPLATE,
    }),
    applicationDocument({
      code: 'invoice',
      name: { zh: '合同相关发票', en: 'Invoices for the contract' },
      required: false,
      accepts: ANY_DOCUMENT,
    }),
  ],
  publicNoticeBeforePayment: false,
  payee: 'enterprise',
  validity: { kind: 'plan' },
  stacking: {
    rule: 'most-favourable-once',
    notCombinableWith: [],
    tierUpgradePaysDifference: false,
    maxCombinedRate: null,
    stacksWith: [],
  },
  fundingShares: [
    {
      funderCode: 'beijing-municipal',
      funder: { zh: '北京市级财政', en: 'Beijing municipal budget' },
      share: '1',
    },
  ],

  requiredApplicantCategories: [],
  projectFactMinimums: [],
  contractSignedFrom: '2023-09-01',
  maxContractTerm: { years: 1 },
  eligibleServiceKinds: ['intelligent_compute'],
  excludedServiceKinds: ['storage', 'network', 'security', 'other'],
  eligibleIndustries: ['software_information_services', 'manufacturing'],
  eligibleApplicationDomains: [
    'industry',
    'government',
    'medical',
    'finance',
    'education',
    'legal',
    'transport',
    'culture_tourism',
    'scientific_research',
    'city_management',
    'public_services',
  ],
  eligibleRegistrationRegions: ['beijing'],
  requiresIndependentLegalPerson: true,
  requiresAiDirectionAlignment: true,
  requiresSoundFinancialManagement: true,
  dishonestyLookbackYears: 3,
  excludesOtherMunicipalComputeSubsidy: true,
  requiresPartnerSupplier: true,
  requiresNonAffiliatedSupplier: true,
  partnerSupplierCodes: BEIJING_PARTNER_SUPPLIERS.map((s) => s.code),

  redemption: {
    schedule: 'quarterly',
    claimCutoff: { month: 11, day: 15 },
    rollover: 'next-year-q1',
    firstRun: { year: 2023, quarter: 4 },
    finalRun: { year: 2026, quarter: 1 },
  },
});
