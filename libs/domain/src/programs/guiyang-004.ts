import { surveyProgram } from './survey-003';

/**
 * 贵阳贵安智算券 (seed 004 §一 and §八): at most 20,000,000.00 a year for buying Guiyang–Gui'an intelligent
 * compute to train large models; funded by the city and the enterprise's district 1:1; 从优不重复 and
 * 晋级补差 with the city's other policies. The rate and any per-enterprise cap are left to a management
 * measure not yet published: we read 30% of the training compute fees, limited by the pool (ADR 0026).
 */
export const GUIYANG_COMPUTE = surveyProgram({
  code: 'guiyang-compute',
  name: { zh: '贵阳贵安智算券', en: "Guiyang–Gui'an Intelligent Compute Voucher" },
  authority: {
    code: 'gy-dsj',
    name: {
      zh: '贵阳市大数据发展管理局、贵安新区大数据和科技创新局',
      en: "Guiyang Big Data Administration and Gui'an Big Data and Innovation Bureau",
    },
  },
  region: 'guizhou-guiyang',
  sources: ['seeds/004'],
  planPublishedOn: '2024-03-25',
  planStart: '2024-03-25',
  planEnd: '2026-12-31',
  rate: '0.30',
  eligibleServiceKinds: ['intelligent_compute', 'model_training'],
  eligibleRegistrationRegions: ['guizhou-guiyang', 'guizhou-guian'],
  requiresIndependentLegalPerson: true,
  requiresSoundFinancialManagement: true,
  budgetPoolPerYear: '20000000.00',
  stacking: {
    rule: 'most-favourable-once',
    notCombinableWith: [],
    tierUpgradePaysDifference: true,
    maxCombinedRate: null,
    stacksWith: [],
  },
  fundingShares: [
    { funderCode: 'guiyang-city', funder: { zh: '贵阳市级财政', en: 'Guiyang city budget' }, share: '0.5' },
    {
      funderCode: 'guiyang-district',
      funder: { zh: '所在区（市、县）财政', en: 'District budget' },
      share: '0.5',
    },
  ],
});
