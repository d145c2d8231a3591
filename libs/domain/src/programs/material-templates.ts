import type { MaterialTemplate } from '../program';

/**
 * Fill-in forms for the pledges seed 001 names (材料真实性承诺书, 无违法违规行为承诺书). The seeds name the
 * documents but print no text; these are plain pledges in the usual wording, with blanks to complete
 * (ADR 0047). The API serves them as UTF-8 text files to print, fill in and sign.
 */
export const AUTHENTICITY_PLEDGE_TEMPLATE: MaterialTemplate = {
  filename: 'authenticity-pledge.txt',
  paragraphs: [
    '材料真实性承诺书',
    '本单位（名称：________________，统一社会信用代码：__________________）郑重承诺：',
    '一、本次申报所提交的全部材料真实、准确、完整，不存在虚假记载、误导性陈述或重大遗漏。',
    '二、所申报的算力服务合同真实履行，不存在虚构交易、关联交易套取补贴等情形。',
    '三、如有违反，本单位愿意承担相应法律责任，并退回已获得的全部支持资金。',
    '法定代表人（签字）：____________        单位（盖章）',
    '日期：______年____月____日',
  ],
};

export const COMPLIANCE_PLEDGE_TEMPLATE: MaterialTemplate = {
  filename: 'compliance-pledge.txt',
  paragraphs: [
    '无违法违规行为承诺书',
    '本单位（名称：________________，统一社会信用代码：__________________）郑重承诺：',
    '近三年内本单位无重大违法违规行为，未被列入严重失信主体名单。',
    '如有违反，本单位愿意承担相应法律责任。',
    '法定代表人（签字）：____________        单位（盖章）',
    '日期：______年____月____日',
  ],
};
