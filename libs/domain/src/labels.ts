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
