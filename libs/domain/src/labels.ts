import {
  APPLICATION_DOMAIN_LABELS,
  INDUSTRY_LABELS,
  type ApplicationDomain,
  type Industry,
  type LocalizedText,
} from './program';

/**
 * Place names of the region codes programs and enterprises use (`beijing-haidian` is 北京 + 海淀区). A code
 * is stored as written; only its label is looked up, segment by segment.
 */
const REGION_SEGMENTS: Record<string, LocalizedText> = {
  beijing: { zh: '北京市', en: 'Beijing' },
  tianjin: { zh: '天津市', en: 'Tianjin' },
  shanghai: { zh: '上海市', en: 'Shanghai' },
  chongqing: { zh: '重庆市', en: 'Chongqing' },
  chengdu: { zh: '成都市', en: 'Chengdu' },
  sichuan: { zh: '四川省', en: 'Sichuan' },
  haidian: { zh: '海淀区', en: 'Haidian' },
  chaoyang: { zh: '朝阳区', en: 'Chaoyang' },
  etown: { zh: '北京经济技术开发区', en: 'E-Town' },
  gaoxin: { zh: '高新区', en: 'Hi-tech Zone' },
  anhui: { zh: '安徽省', en: 'Anhui' },
  wuhu: { zh: '芜湖市', en: 'Wuhu' },
  guangdong: { zh: '广东省', en: 'Guangdong' },
  dongguan: { zh: '东莞市', en: 'Dongguan' },
  shenzhen: { zh: '深圳市', en: 'Shenzhen' },
  guangxi: { zh: '广西壮族自治区', en: 'Guangxi' },
  nanning: { zh: '南宁市', en: 'Nanning' },
  guizhou: { zh: '贵州省', en: 'Guizhou' },
  guian: { zh: '贵安新区', en: 'Gui’an New Area' },
  guiyang: { zh: '贵阳市', en: 'Guiyang' },
  hebei: { zh: '河北省', en: 'Hebei' },
  langfang: { zh: '廊坊市', en: 'Langfang' },
  henan: { zh: '河南省', en: 'Henan' },
  jiangsu: { zh: '江苏省', en: 'Jiangsu' },
  taizhou: { zh: '泰州市', en: 'Taizhou' },
  jiangyan: { zh: '姜堰区', en: 'Jiangyan' },
  ningxia: { zh: '宁夏回族自治区', en: 'Ningxia' },
  yinchuan: { zh: '银川市', en: 'Yinchuan' },
  shandong: { zh: '山东省', en: 'Shandong' },
  qingdao: { zh: '青岛市', en: 'Qingdao' },
  zhejiang: { zh: '浙江省', en: 'Zhejiang' },
  hangzhou: { zh: '杭州市', en: 'Hangzhou' },
};

/** A region code's place name; a segment without a name is shown as it was entered. */
export function regionName(code: string): LocalizedText {
  const parts = code
    .split('-')
    .filter(Boolean)
    .map((s) => REGION_SEGMENTS[s] ?? { zh: s, en: s });
  return { zh: parts.map((p) => p.zh).join(''), en: parts.map((p) => p.en).join(' ') };
}

/** The parameters eligibility checks report (eligibility.ts `rule(…, params)`), as labels for a screen. */
export const RULE_PARAM_LABELS: Record<string, LocalizedText> = {
  registrationRegion: { zh: '注册地', en: 'Registered in' },
  industry: { zh: '所属行业', en: 'Industry' },
  lastDishonestyRecordDate: { zh: '最近失信记录日期', en: 'Last dishonesty record' },
  asOf: { zh: '核查日期', en: 'As of' },
  lookbackYears: { zh: '追溯年限', en: 'Look-back years' },
  supplierCode: { zh: '算力供给方', en: 'Supplier' },
  signedOn: { zh: '合同签订日期', en: 'Signed on' },
  contractSignedFrom: { zh: '支持起始日期', en: 'Contracts signed from' },
  planStart: { zh: '方案开始日期', en: 'Plan starts' },
  planEnd: { zh: '方案结束日期', en: 'Plan ends' },
  startDate: { zh: '合同开始日期', en: 'Contract start' },
  endDate: { zh: '合同结束日期', en: 'Contract end' },
  lastAllowedEnd: { zh: '最晚结束日期', en: 'Latest allowed end' },
  eligibleBase: { zh: '智能算力金额', en: 'Intelligent compute amount' },
  eligibleAmount: { zh: '可支持金额', en: 'Eligible amount' },
  minimum: { zh: '最低支持金额', en: 'Program minimum' },
  applicationDomain: { zh: '应用领域', en: 'Application domain' },
  daysInPlan: { zh: '方案期内天数', en: 'Days inside the plan' },
};

/** A rule parameter as `label: value`, the value named where it is a code (region, industry, domain). */
export function ruleParamText(
  key: string,
  value: string | number | boolean | null | undefined,
): { label: LocalizedText; value: LocalizedText } {
  const label = RULE_PARAM_LABELS[key] ?? { zh: key, en: key };
  const raw = value === null || value === undefined ? '—' : String(value);
  const named =
    typeof value !== 'string'
      ? undefined
      : key === 'registrationRegion'
        ? regionName(value)
        : key === 'industry'
          ? INDUSTRY_LABELS[value as Industry]
          : key === 'applicationDomain'
            ? APPLICATION_DOMAIN_LABELS[value as ApplicationDomain]
            : undefined;
  const yesNo =
    typeof value === 'boolean' ? (value ? { zh: '是', en: 'yes' } : { zh: '否', en: 'no' }) : undefined;
  return { label, value: named ?? yesNo ?? { zh: raw, en: raw } };
}

/** Codes a screen names elsewhere (the supplier's name is on the same page): not repeated as a parameter. */
const PARAMS_NAMED_ELSEWHERE = new Set(['supplierCode']);

/** A check's parameters for a screen, in order, without the ones named elsewhere. */
export function ruleParamTexts(
  params: Readonly<Record<string, string | number | boolean | null>>,
): { label: LocalizedText; value: LocalizedText }[] {
  return Object.entries(params)
    .filter(([k]) => !PARAMS_NAMED_ELSEWHERE.has(k))
    .map(([k, v]) => ruleParamText(k, v));
}

/** Every field of a program definition (program.ts `ProgramDefinition`) as the program editor labels it. */
export const PROGRAM_FIELD_LABELS: Record<string, LocalizedText> = {
  code: { zh: '项目代码', en: 'Code' },
  name: { zh: '项目名称', en: 'Name' },
  authority: { zh: '主管部门', en: 'Authority' },
  region: { zh: '实施地区', en: 'Region' },
  sources: { zh: '政策依据', en: 'Sources' },
  planPublishedOn: { zh: '发布日期', en: 'Published on' },
  planStart: { zh: '方案开始日', en: 'Plan start' },
  planEnd: { zh: '方案结束日', en: 'Plan end' },
  rate: { zh: '补贴比例', en: 'Rate' },
  rateRules: { zh: '分项补贴比例', en: 'Rate rules' },
  fixedFaceValue: { zh: '固定面额', en: 'Fixed face value' },
  faceValueTiers: { zh: '面额档次', en: 'Face-value tiers' },
  minEligibleAmount: { zh: '最低合同额', en: 'Minimum amount' },
  minFaceValue: { zh: '最低申领额度', en: 'Minimum voucher' },
  spendingEvidence: { zh: '支出凭证', en: 'Spending evidence' },
  perApplicationCap: { zh: '单次上限', en: 'Per application cap' },
  perEnterpriseYearlyCap: { zh: '企业年度上限', en: 'Yearly cap per enterprise' },
  perEnterpriseCumulativeCap: { zh: '企业累计上限', en: 'Cumulative cap per enterprise' },
  perSupplierYearlyCap: { zh: '供给方年度上限', en: 'Yearly cap per supplier' },
  budgetPoolPerYear: { zh: '年度资金池', en: 'Yearly budget pool' },
  budgetPoolTotal: { zh: '资金池总额', en: 'Total budget pool' },
  budgetPoolCommittedAt: { zh: '资金池占用时点', en: 'Budget pool committed at' },
  yearlyCapSharedWith: { zh: '共享年度上限的项目', en: 'Yearly cap shared with' },
  yearlyCapOverrides: { zh: '年度上限例外', en: 'Yearly cap overrides' },
  vouchersPerYear: { zh: '年度发放张数', en: 'Vouchers per year' },
  applicationsPerEnterprisePerYear: { zh: '每家单位每年申领次数', en: 'Applications per unit per year' },
  oneApplicationPerContract: { zh: '同一合同仅申领一次', en: 'One application per contract' },
  capYearBasis: { zh: '年度上限计算依据', en: 'Yearly cap basis' },
  allocation: { zh: '分配方式', en: 'Allocation' },
  pool: { zh: '先到先得设置', en: 'First-come pool' },
  round: { zh: '年度申报轮次', en: 'Yearly round' },
  grant: { zh: '免申即享补助', en: 'Automatic grant' },
  settlementDiscount: { zh: '结算折扣', en: 'Settlement discount' },
  disbursement: { zh: '拨付方式', en: 'Disbursement' },
  deduction: { zh: '供给方抵扣', en: 'Supplier deduction' },
  materials: { zh: '申报材料清单', en: 'Materials checklist' },
  publicNoticeBeforePayment: { zh: '拨付前公示', en: 'Public notice before payment' },
  payee: { zh: '收款方', en: 'Payee' },
  validity: { zh: '有效期', en: 'Validity' },
  stacking: { zh: '叠加规则', en: 'Stacking' },
  fundingShares: { zh: '资金分担', en: 'Funding shares' },
  requiredApplicantCategories: { zh: '申报单位类别', en: 'Applicant categories' },
  projectFactMinimums: { zh: '项目条件下限', en: 'Project minimums' },
  contractSignedFrom: { zh: '合同签订起始日', en: 'Contracts signed from' },
  maxContractTerm: { zh: '合同最长期限', en: 'Longest contract term' },
  eligibleServiceKinds: { zh: '支持的服务类型', en: 'Eligible service kinds' },
  excludedServiceKinds: { zh: '不予支持的服务类型', en: 'Excluded service kinds' },
  eligibleIndustries: { zh: '支持行业', en: 'Eligible industries' },
  eligibleApplicationDomains: { zh: '支持领域', en: 'Eligible domains' },
  eligibleRegistrationRegions: { zh: '注册地范围', en: 'Eligible registration regions' },
  requiresIndependentLegalPerson: { zh: '须为独立法人', en: 'Independent legal person required' },
  requiresAiDirectionAlignment: { zh: '须符合人工智能发展方向', en: 'AI direction required' },
  requiresSoundFinancialManagement: { zh: '须有健全财务制度', en: 'Sound financial management required' },
  dishonestyLookbackYears: { zh: '失信记录年限', en: 'Dishonesty look-back (years)' },
  excludesOtherMunicipalComputeSubsidy: {
    zh: '不与市级其他算力补贴重复',
    en: 'Excludes other municipal subsidy',
  },
  requiresPartnerSupplier: { zh: '须为算力伙伴', en: 'Partner supplier required' },
  requiresNonAffiliatedSupplier: { zh: '供给方须非关联方', en: 'Non-affiliated supplier required' },
  partnerSupplierCodes: { zh: '算力伙伴', en: 'Partner suppliers' },
  redemption: { zh: '兑付安排', en: 'Redemption' },
};
