import { BEIJING_2023_2025 } from './beijing-2023-2025';
import { surveyProgram } from './survey-003';

/**
 * 银川市《关于打造“算力之都” 促进人工智能产业发展的若干政策（征求意见稿）》 (seed 002). Its dates are left
 * as "2024年**月**日 … ****年**月**日"; we read 2024-01-01 … 2026-12-31 (ADR 0021). Both articles fund
 * compute cost at 30%; a spending that qualifies under both is funded once, by the higher (就高从优不重复,
 * the closing paragraph; ADR 0025).
 */
const AUTHORITY = {
  code: 'yc-wxj',
  name: { zh: '银川市网络信息化局', en: 'Yinchuan Cyberspace and Informatization Bureau' },
};

const YINCHUAN = {
  authority: AUTHORITY,
  region: 'ningxia-yinchuan',
  sources: ['seeds/002'],
  planPublishedOn: '2024-01-01',
  planStart: '2024-01-01',
  planEnd: '2026-12-31',
  rate: '0.30',
  eligibleServiceKinds: ['intelligent_compute', 'model_training'] as const,
  requiresIndependentLegalPerson: true,
  budgetPoolCommittedAt: 'issuance' as const,
  fundingShares: [
    {
      funderCode: 'yinchuan-municipal',
      funder: { zh: '银川市级财政', en: 'Yinchuan municipal budget' },
      share: '1',
    },
  ],
  stacking: { ...BEIJING_2023_2025.stacking },
};

/** 第九条: a model of ≥ 10 billion parameters with ≥ 5 typical scenarios, 30% of compute cost, ≤ 5,000,000.00. */
export const YINCHUAN_MODEL = surveyProgram({
  ...YINCHUAN,
  code: 'yinchuan-model',
  name: { zh: '银川市AI大模型算力补贴（第九条）', en: 'Yinchuan Large-Model Compute Subsidy (art. 9)' },
  perApplicationCap: '5000000.00',
  projectFactMinimums: [
    {
      fact: 'modelParameters',
      min: '10000000000',
      label: { zh: '模型参数量不低于百亿', en: 'At least 10 billion parameters' },
    },
    {
      fact: 'applicationScenarios',
      min: '5',
      label: { zh: '典型应用场景不少于5个', en: 'At least 5 typical application scenarios' },
    },
  ],
});

/** 第十四条: listed talents and their teams, 30% of compute cost, a one-off ≤ 2,000,000.00. */
export const YINCHUAN_TALENT = surveyProgram({
  ...YINCHUAN,
  code: 'yinchuan-talent',
  name: { zh: '银川市算力人才算力补贴（第十四条）', en: 'Yinchuan Talent Compute Subsidy (art. 14)' },
  perEnterpriseCumulativeCap: '2000000.00',
  requiredApplicantCategories: ['listed-talent'],
});
