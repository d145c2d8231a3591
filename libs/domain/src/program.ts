import type { BusinessDate, Quarter, YearQuarter } from './calendar';

/**
 * Programs are data: everything that differs between the compute-voucher programs (rates, caps, windows,
 * allocation, redemption schedule) lives in a ProgramDefinition so that new programs are added as data.
 * Amounts are decimal strings (parsed with Money.parse) so a definition is plain, serialisable JSON.
 */

export interface LocalizedText {
  zh: string;
  en: string;
}

export const SERVICE_KINDS = [
  'intelligent_compute',
  'storage',
  'network',
  'security',
  'other',
  // Lines of support other programs fund (seed 003): model training and adaptation, model services,
  // data products and third-party data services, corpora, platform goods (Guizhou's physical vouchers).
  'model_training',
  'compute_adaptation',
  'model_service',
  'data_product',
  'data_service',
  'corpus',
  'platform_goods',
] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export const INDUSTRIES = ['software_information_services', 'manufacturing', 'other'] as const;
export type Industry = (typeof INDUSTRIES)[number];

export const APPLICATION_DOMAINS = [
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
  // Anything else (e.g. entertainment or marketing models): applications may say so, and the program's
  // domain rule refuses them with its reason code.
  'other',
] as const;
export type ApplicationDomain = (typeof APPLICATION_DOMAINS)[number];

export const SERVICE_KIND_LABELS: Record<ServiceKind, LocalizedText> = {
  intelligent_compute: { zh: '智能算力', en: 'Intelligent compute' },
  storage: { zh: '存储', en: 'Storage' },
  network: { zh: '网络', en: 'Network' },
  security: { zh: '安全', en: 'Security' },
  other: { zh: '其他服务', en: 'Other services' },
  model_training: { zh: '模型训练服务', en: 'Model training services' },
  compute_adaptation: { zh: '算力适配服务', en: 'Compute adaptation services' },
  model_service: { zh: '模型服务', en: 'Model services' },
  data_product: { zh: '数据产品', en: 'Data products' },
  data_service: { zh: '第三方专业服务', en: 'Third-party data services' },
  corpus: { zh: '语料', en: 'Corpora' },
  platform_goods: { zh: '平台特色商品', en: 'Platform goods' },
};

export const INDUSTRY_LABELS: Record<Industry, LocalizedText> = {
  software_information_services: { zh: '软件信息服务业', en: 'Software and information services' },
  manufacturing: { zh: '制造业', en: 'Manufacturing' },
  other: { zh: '其他行业', en: 'Other industry' },
};

export const APPLICATION_DOMAIN_LABELS: Record<ApplicationDomain, LocalizedText> = {
  industry: { zh: '工业', en: 'Industry' },
  government: { zh: '政务', en: 'Government affairs' },
  medical: { zh: '医疗', en: 'Medical' },
  finance: { zh: '金融', en: 'Finance' },
  education: { zh: '教育', en: 'Education' },
  legal: { zh: '法务', en: 'Legal' },
  transport: { zh: '交通', en: 'Transport' },
  culture_tourism: { zh: '文旅', en: 'Culture and tourism' },
  scientific_research: { zh: '科学研究', en: 'Scientific research' },
  city_management: { zh: '城市管理', en: 'City management' },
  public_services: { zh: '便民服务', en: 'Public services' },
  other: { zh: '其他领域', en: 'Other domains' },
};

/** How vouchers are handed out when demand exceeds the pool. */
export type AllocationMethod =
  | 'review' // each application reviewed on its merits (Beijing)
  | 'first-come-first-served' // by submission time until the pool is gone (Chengdu 普惠, Henan)
  | 'ranked' // ranked by a score, e.g. prior-year spend, ties by submission time (Chengdu 特惠)
  | 'automatic' // no application (免申即享): granted on a qualifying event (Chengdu green compute)
  | 'at-settlement'; // no application: a discount applied by the supplier at settlement (Taizhou Jiangyan)

/** Who receives the redemption payout. */
export type Payee = 'enterprise' | 'supplier';

/** A rate that applies to some spending only; the first matching rule wins, else `rate`. */
export interface RateRule {
  /** Service kinds this rate applies to; absent = every eligible kind. */
  serviceKinds?: readonly ServiceKind[];
  /** true = domestic (国产) compute only, false = non-domestic only, absent = either. */
  domestic?: boolean;
  /** An applicant category the rate is reserved for (e.g. 'startup' for Shenzhen's 60%). */
  applicantCategory?: string;
  rate: string;
  /** Optional cap specific to this line of support (e.g. Guizhou's per-kind yearly caps). */
  yearlyCap?: string | null;
  /** The line of support this rule belongs to (its yearly cap is kept per line); absent = the program's. */
  line?: string;
  /** The highest rate this spending may reach stacked with a program it stacks with (Hangzhou 45% / 25%). */
  maxCombinedRate?: string;
}

/** A fact about the project the applicant declares and the reviewer verifies (Yinchuan art. 9). */
export interface ProjectFactMinimum {
  /** Stable key the application uses ('modelParameters', 'applicationScenarios'). */
  fact: string;
  /** Smallest value that qualifies, as a decimal string. */
  min: string;
  label: LocalizedText;
}

/** A yearly cap that differs for an applicant category (Shenzhen 模型券: 1,000,000.00, at most 2,000,000.00). */
export interface YearlyCapOverride {
  applicantCategory: string;
  yearlyCap: string;
}

/** A tier of fixed face values (Chengdu 特惠: 2M × 5 for prior-year spend ≥ 10M, …). */
export interface FaceValueTier {
  faceValue: string;
  /** How many vouchers of this tier exist per year; null = unlimited. */
  count: number | null;
  /** Qualifying threshold on the applicant's prior-year compute spend; null = none. */
  minPriorYearSpend: string | null;
}

export type VoucherValidity =
  | { kind: 'plan' } // usable until the plan ends (Beijing)
  | { kind: 'issuance-year' } // valid in the calendar year issued (Chengdu 普惠)
  | { kind: 'months'; months: number }; // e.g. Guizhou cash vouchers: 6 months

/** 从优/就高/不重复: one spending is funded once, by the most favourable program. */
export interface StackingRule {
  rule: 'most-favourable-once' | 'stackable' | 'exclusive';
  /** Program codes this one may never be combined with. */
  notCombinableWith: readonly string[];
  /** 晋级补差: moving to a higher tier pays only the difference. */
  tierUpgradePaysDifference: boolean;
  /** Highest combined rate when stacking is allowed (Hangzhou: 0.45 / 0.25); null = no combined limit. */
  maxCombinedRate: string | null;
  /** Programs whose funding of the same spending this one may add to, up to the combined rate (Hangzhou). */
  stacksWith: readonly string[];
}

/** Who funds each payout, e.g. Henan / Guiyang: province (or city) and city (or district) 1:1. */
export interface FundingShare {
  /** Stable code of the budget ('henan-province'); one payout records one amount per funder code. */
  funderCode: string;
  funder: LocalizedText;
  /** Decimal string in (0, 1]; the shares of a program add up to exactly 1. */
  share: string;
}

/** One document the program asks for (seed 001 §四 lists them per voucher kind). */
export interface MaterialRequirement {
  code: string;
  name: LocalizedText;
  required: boolean;
  /** Who uploads it: the applying unit or the supplier redeeming a voucher. */
  party: 'applicant' | 'supplier';
  stage: 'application' | 'redemption';
  /** The file kinds the slot takes; absent = any document kind (PDF, PNG, JPEG). */
  accepts?: readonly MaterialFileKind[];
  /** A form to fill in, served by the API, where the seed document names one (申领表, 承诺书). */
  template?: MaterialTemplate | null;
}

export const MATERIAL_FILE_KINDS = ['pdf', 'png', 'jpeg'] as const;
export type MaterialFileKind = (typeof MATERIAL_FILE_KINDS)[number];

/** A fill-in form for a material: its file name and the lines the applicant completes and signs. */
export interface MaterialTemplate {
  filename: string;
  /** The form's body, one paragraph per entry, Chinese (the form is filed in Chinese). */
  paragraphs: readonly string[];
}

/** How the money reaches the payee. */
export type DisbursementMethod =
  | 'quarterly-claims' // the enterprise claims per settlement; paid in quarterly redemption runs (Beijing)
  | 'supplier-deduction' // deducted by the supplier at payment, then redeemed by the supplier (Chengdu 普惠)
  | 'direct'; // paid straight after approval / public notice, no claims (Chengdu 特惠, subsidies, grants)

/** A first-come pool (发完即止): what orders the queue, and whether latecomers wait for freed slots. */
export interface PoolRule {
  /** 'receipt': the server's receipt order; 'contract-signing': the contract's signing date (Henan). */
  order: 'receipt' | 'contract-signing';
  /** Past the pool, applications wait (and take a slot a refusal frees) instead of being refused. */
  waitlist: boolean;
}

export interface MonthDay {
  month: number;
  day: number;
}

/** A yearly ranked round with public notice (公示) and backfill (递补): Chengdu 特惠 and the supplier subsidy. */
export interface RoundRule {
  opens: MonthDay;
  closes: MonthDay;
  /** How many of the top-ranked are reviewed (refusals admit the next in rank). */
  reviewQuota: number;
  /** Working days the allocation plan stays on public notice. */
  noticeWorkingDays: number;
  /** What ranks (and sizes) an entry: the unit's prior-year compute spend, or a supplier's fees under it. */
  rankBy: 'prior-year-spend' | 'prior-year-supplier-fees';
  /** Programs whose prior-year usage is the basis (the supplier subsidy: 普惠 and 特惠). */
  basisProgramCodes: readonly string[];
}

/** 免申即享: a grant created by a recorded fact, without an application. */
export interface GrantRule {
  event: 'green-data-centre-approved' | 'new-ai-entrant';
  amount: string;
}

/** One tier of a settlement discount: from `from` (inclusive or not) upwards, the buyer pays `factor`. */
export interface SettlementDiscountTier {
  from: string;
  fromInclusive: boolean;
  /** Share of the list price the buyer pays (0.40 = 4折) for a 数字经济核心产业 enterprise. */
  coreIndustryFactor: string;
  /** … and for any other enterprise. */
  otherFactor: string;
}

/** 无需申请: the supplier settles at the discounted price and the subsidy (the rest) is recorded. */
export interface SettlementDiscountRule {
  /** Highest tier first; the first tier the purchase reaches applies. */
  tiers: readonly SettlementDiscountTier[];
}

/** A voucher presented at the supplier: it deducts at most this share of the actual payment. */
export interface DeductionRule {
  maxShareOfPayment: string;
}

export interface RedemptionSchedule {
  schedule: 'quarterly';
  /** Claims for year Y close on this day of Y (inclusive); null = no cutoff. */
  claimCutoff: { month: number; day: number } | null;
  /** Where a late claim or a post-cutoff delivery goes. */
  rollover: 'next-year-q1' | 'none';
  /** The first run that exists (Beijing: the plan was published mid-Q4 2023). */
  firstRun: YearQuarter;
  /** The last run of the plan; anything later is refused (PLAN_CLOSED). */
  finalRun: { year: number; quarter: Quarter };
}

export interface ProgramAuthority {
  code: string;
  name: LocalizedText;
}

export interface ProgramDefinition {
  code: string;
  name: LocalizedText;
  authority: ProgramAuthority;
  /** Lower-case region code ('beijing'); a sub-region appends '-name' ('beijing-haidian' is inside 'beijing'). */
  region: string;
  /** The seed document(s) the definition was read from. */
  sources: readonly string[];
  planPublishedOn: BusinessDate;
  /** First day whose spending counts (may precede publication: Beijing counts contracts from 2023-09-01). */
  planStart: BusinessDate;
  /** Last day whose spending counts. */
  planEnd: BusinessDate;

  // Amounts
  /** Default subsidy rate as a decimal string ("0.20"); the face value never exceeds base × rate. */
  rate: string;
  /** Rates that differ by service kind / domestic flag / applicant category. Empty = `rate` everywhere. */
  rateRules: readonly RateRule[];
  /** Fixed face value per voucher (Chengdu 普惠 10,000; green compute 1,000,000); null = rate-based. */
  fixedFaceValue: string | null;
  /** Fixed-value tiers (Chengdu 特惠); empty = no tiers. */
  faceValueTiers: readonly FaceValueTier[];
  /** Smallest eligible contract / spend amount; null = none. */
  minEligibleAmount: string | null;
  /** Smallest voucher the spending must earn (before caps); null = none (Chengdu 2025: 10,000.00, ADR 0021). */
  minFaceValue: string | null;
  /** What evidences the spending: the contract, or a supplier invoice per line (settled / paid fees). */
  spendingEvidence: 'contract' | 'invoice';

  // Caps
  perApplicationCap: string | null;
  perEnterpriseYearlyCap: string | null;
  perEnterpriseCumulativeCap: string | null;
  perSupplierYearlyCap: string | null;
  budgetPoolPerYear: string | null;
  /** A pool for the whole plan rather than per year (Henan: 50,000,000.00 over 2024–2025); null = none. */
  budgetPoolTotal: string | null;
  /** When the pool is taken: as vouchers are issued, or as payouts are made in the pool's order (Henan). */
  budgetPoolCommittedAt: 'issuance' | 'redemption';
  /** The program whose per-enterprise yearly ledger this one's vouchers count against (shared caps); null = own. */
  yearlyCapSharedWith: string | null;
  /** Applicant categories with a different yearly cap. */
  yearlyCapOverrides: readonly YearlyCapOverride[];
  /** Vouchers available per year (Chengdu 普惠: 300); null = limited by money only. */
  vouchersPerYear: number | null;
  /** Applications per enterprise per year (Chengdu: one per unit per year); null = unlimited. */
  applicationsPerEnterprisePerYear: number | null;
  /** 同一合同仅能申领一次. */
  oneApplicationPerContract: boolean;
  /** Which calendar year a voucher's face value counts against: the year it was issued. */
  capYearBasis: 'issuance';

  // Allocation and payment
  allocation: AllocationMethod;
  /** The first-come pool's order and waitlist; null unless allocation is first-come-first-served. */
  pool: PoolRule | null;
  /** The yearly ranked round; null unless allocation is ranked. */
  round: RoundRule | null;
  /** The qualifying event and amount; null unless allocation is automatic. */
  grant: GrantRule | null;
  /** The discount tiers applied at settlement; null unless allocation is at-settlement. */
  settlementDiscount: SettlementDiscountRule | null;
  disbursement: DisbursementMethod;
  /** Set for supplier-deduction disbursement. */
  deduction: DeductionRule | null;
  /** What the applicant (and, for redemption at the supplier, the supplier) must upload. */
  materials: readonly MaterialRequirement[];
  /** Published for public notice (公示) before payment. */
  publicNoticeBeforePayment: boolean;
  payee: Payee;
  validity: VoucherValidity;
  stacking: StackingRule;
  fundingShares: readonly FundingShare[];

  // Eligibility
  /** Categories the applicant must declare (and the reviewer verify), all of them; empty = none. */
  requiredApplicantCategories: readonly string[];
  /** Project facts that must reach a minimum (Yinchuan art. 9: ≥ 10 billion parameters, ≥ 5 scenarios). */
  projectFactMinimums: readonly ProjectFactMinimum[];
  contractSignedFrom: BusinessDate | null;
  maxContractTerm: { years: number } | null;
  eligibleServiceKinds: readonly ServiceKind[];
  excludedServiceKinds: readonly ServiceKind[];
  eligibleIndustries: readonly Industry[];
  eligibleApplicationDomains: readonly ApplicationDomain[];
  eligibleRegistrationRegions: readonly string[];
  requiresIndependentLegalPerson: boolean;
  requiresAiDirectionAlignment: boolean;
  requiresSoundFinancialManagement: boolean;
  /** Years before the as-of date in which a dishonesty (失信) record disqualifies; null = not checked. */
  dishonestyLookbackYears: number | null;
  /** 不重复: the enterprise must not have another municipal compute subsidy for this spending. */
  excludesOtherMunicipalComputeSubsidy: boolean;
  requiresPartnerSupplier: boolean;
  requiresNonAffiliatedSupplier: boolean;
  /** Codes of the partner suppliers as listed in the source (the bureau's list may grow later). */
  partnerSupplierCodes: readonly string[];

  redemption: RedemptionSchedule;
}

export interface PartnerSupplier {
  code: string;
  /** zh: the Chinese legal name as listed by the bureau; en: the English short name. */
  name: LocalizedText;
  legalNameEn: string;
  shortNameZh: string;
  /** Which announced batch of the partner plan listed it. */
  batch: 1 | 2;
  serviceKinds: readonly ServiceKind[];
}

/** Service kinds that count towards the base: listed as eligible and not excluded. */
export function isEligibleServiceKind(program: ProgramDefinition, kind: ServiceKind): boolean {
  return program.eligibleServiceKinds.includes(kind) && !program.excludedServiceKinds.includes(kind);
}

/** 'beijing-haidian' (a district) is inside 'beijing'; 'beijingx' is not. */
export function isWithinRegion(region: string, candidate: string): boolean {
  return candidate === region || candidate.startsWith(`${region}-`);
}

/** The rate for one kind of spending: the first matching rate rule, else the program's default rate. */
export function rateFor(
  program: ProgramDefinition,
  spending: { serviceKind?: ServiceKind; domestic?: boolean; applicantCategory?: string } = {},
): string {
  const rule = program.rateRules.find(
    (r) =>
      (r.serviceKinds === undefined ||
        (spending.serviceKind !== undefined && r.serviceKinds.includes(spending.serviceKind))) &&
      (r.domestic === undefined || r.domestic === spending.domestic) &&
      (r.applicantCategory === undefined || r.applicantCategory === spending.applicantCategory),
  );
  return rule ? rule.rate : program.rate;
}

/** Freezes a definition and everything inside it, so shared reference data cannot be mutated by a caller. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
