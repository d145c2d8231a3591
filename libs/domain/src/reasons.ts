import type { LocalizedText } from './program';

/**
 * Stable reason codes. They are stored with decisions and shown to applicants, so a code is never renamed
 * or reused; add new ones instead. See docs/adr/0006-eligibility-reason-codes.md.
 */
export const REASON_MESSAGES = {
  // Enterprise (支持对象)
  ENTERPRISE_NOT_REGISTERED_IN_REGION: {
    zh: '企业未在本地区注册',
    en: 'The enterprise is not registered in the program region.',
  },
  ENTERPRISE_NOT_INDEPENDENT_LEGAL_PERSON: {
    zh: '企业不具备独立法人资格',
    en: 'The enterprise is not an independent legal person.',
  },
  ENTERPRISE_INDUSTRY_NOT_ELIGIBLE: {
    zh: '企业所属行业不在支持范围内',
    en: 'The enterprise is not in an eligible industry.',
  },
  ENTERPRISE_AI_DIRECTION_NOT_ALIGNED: {
    zh: '企业不符合所支持的人工智能产业发展方向',
    en: "The enterprise's direction does not fit the supported AI industry direction.",
  },
  ENTERPRISE_FINANCIAL_MANAGEMENT_UNSOUND: {
    zh: '企业不具有健全的财务机构和管理制度',
    en: 'The enterprise lacks a sound financial organisation and management system.',
  },
  ENTERPRISE_DISHONESTY_RECORD: {
    zh: '企业在规定年限内有失信记录',
    en: 'The enterprise has a dishonesty record within the look-back period.',
  },
  ENTERPRISE_DUPLICATE_MUNICIPAL_SUBSIDY: {
    zh: '企业已获得其他市级财政资金的相关智能算力补贴支持',
    en: 'The enterprise already receives another municipal compute subsidy for this spending.',
  },
  // Supplier
  SUPPLIER_NOT_PARTNER: {
    zh: '算力供给方不在算力伙伴名单内',
    en: 'The supplier is not on the compute partner list.',
  },
  SUPPLIER_RELATED_PARTY: {
    zh: '算力供给方为企业的关联方',
    en: 'The supplier is a related party of the enterprise.',
  },
  SUPPLIER_NO_ELIGIBLE_SERVICE: {
    zh: '算力供给方不提供智能算力服务',
    en: 'The supplier offers no eligible (intelligent compute) service.',
  },
  // Contract
  CONTRACT_SIGNED_BEFORE_WINDOW: {
    zh: '合同签订日期早于支持起始日期',
    en: 'The contract was signed before the program window opened.',
  },
  CONTRACT_SIGNED_AFTER_PLAN_END: {
    zh: '合同签订日期晚于实施方案有效期',
    en: 'The contract was signed after the plan ended.',
  },
  CONTRACT_END_BEFORE_START: {
    zh: '合同结束日期早于开始日期',
    en: 'The contract ends before it starts.',
  },
  CONTRACT_TERM_TOO_LONG: {
    zh: '合同周期超过规定期限',
    en: 'The contract term is longer than the program allows.',
  },
  CONTRACT_NO_ELIGIBLE_SERVICE: {
    zh: '合同不含可支持的智能算力服务(存储、网络、安全等其他服务不予支持)',
    en: 'The contract has no intelligent compute amount (storage, network, security and other services do not count).',
  },
  CONTRACT_INVALID_LINE_AMOUNT: {
    zh: '合同明细金额不能为负数',
    en: 'A contract line amount is negative.',
  },
  CONTRACT_DOMAIN_NOT_ELIGIBLE: {
    zh: '算力用途不属于支持的应用领域',
    en: 'The application domain is not eligible.',
  },
  CONTRACT_ALREADY_APPLIED: {
    zh: '同一合同仅能申领一次算力券',
    en: 'A voucher was already applied for with this contract (one application per contract).',
  },
  CONTRACT_OUTSIDE_PLAN_WINDOW: {
    zh: '合同期限不在实施方案执行期间内',
    en: 'No day of the contract term falls inside the plan window.',
  },
  CONTRACT_BELOW_MINIMUM: {
    zh: '合同金额低于最低支持金额',
    en: 'The eligible contract amount is below the program minimum.',
  },
  // Amounts
  YEARLY_CAP_EXHAUSTED: {
    zh: '企业本自然年度算力券累计额度已用完',
    en: "The enterprise's yearly voucher cap for this calendar year is used up.",
  },
  CUMULATIVE_CAP_EXHAUSTED: {
    zh: '企业累计算力券额度已用完',
    en: "The enterprise's cumulative voucher cap under the program is used up.",
  },
  FACE_VALUE_ZERO: {
    zh: '按支持标准核定的算力券金额为零',
    en: 'The computed voucher face value is zero.',
  },
  // Redemption
  CLAIM_BEFORE_DELIVERY: {
    zh: '兑付申请日期早于交付日期',
    en: 'The redemption claim is dated before the delivery it claims for.',
  },
  DELIVERY_BEFORE_PLAN_START: {
    zh: '交付部分早于实施方案执行期间',
    en: 'The delivered period ended before the plan window opened.',
  },
  DELIVERY_AFTER_PLAN_END: {
    zh: '交付部分晚于实施方案有效期',
    en: 'The delivery falls after the plan ended.',
  },
  PLAN_CLOSED: {
    zh: '实施方案最后一次兑付已结束',
    en: "The claim would fall after the plan's final redemption run.",
  },
  VOUCHER_BALANCE_EXHAUSTED: {
    zh: '算力券余额已用完',
    en: 'The voucher has no remaining balance.',
  },
  // First-come pool (Chengdu 普惠算力券)
  POOL_NOT_OPEN: {
    zh: '该券种今日不在实施期内,暂不受理申领',
    en: 'The program is not in force today; the pool takes no applications.',
  },
  POOL_EXHAUSTED: {
    zh: '本年度算力券已发完',
    en: "This year's vouchers are all taken.",
  },
  POOL_ALREADY_APPLIED_THIS_YEAR: {
    zh: '本单位本年度已申领过该算力券(每家单位每年限领一次)',
    en: 'The unit has already applied for this voucher this year (once per unit per year).',
  },
  POOL_NOT_COMBINABLE: {
    zh: '本单位本年度已申领不可同时申领的算力券(“普惠算力券”和“特惠算力券”不可重复申领)',
    en: 'The unit already has a voucher this year that cannot be combined with this one (普惠 and 特惠).',
  },
  POOL_MATERIALS_MISSING: {
    zh: '申报材料不齐全',
    en: 'Required materials are missing.',
  },
  VOUCHER_NOT_VALID_THIS_YEAR: {
    zh: '算力券当年领取当年有效,已过有效期',
    en: 'The voucher is valid only in the year it was issued.',
  },
  VOUCHER_NOT_ACTIVE: {
    zh: '算力券已失效（已作废、已过期或已用完）',
    en: 'The voucher is no longer active (withdrawn, expired or used up).',
  },
  VOUCHER_CLAIMS_IN_FLIGHT: {
    zh: '该算力券尚有兑付中的申领(待计算或已计算未支付),不能作废',
    en: 'The voucher has redemption claims still in a run (pending or computed, not yet paid); it cannot be withdrawn.',
  },
  DEDUCTION_SUPPLIER_NOT_LISTED: {
    zh: '算力供给方不在当日有效的算力供给方名单内',
    en: "The supplier is not on the program's supplier list in force that day.",
  },
  DEDUCTION_PAYMENT_NOT_POSITIVE: {
    zh: '实际支付金额过小,无可抵扣金额',
    en: 'The payment is too small to deduct anything.',
  },
  POOL_REVIEW_REFUSED: {
    zh: '普惠算力券申领审核未通过',
    en: 'The bureau refused the application at review.',
  },
  // Ranked rounds with public notice (Chengdu 特惠算力券, 算力补贴券) and grants (绿色算力券)
  ROUND_WINDOW_NOT_OPEN: {
    zh: '不在本年度申报时间内',
    en: "The round's application window is not open.",
  },
  ROUND_ALREADY_APPLIED: {
    zh: '每家单位每年限领一份，本年度已申报',
    en: 'One per unit per year: this unit has already applied this year.',
  },
  ROUND_SPEND_BELOW_LOWEST_TIER: {
    zh: '上年度算力支出总额低于最低档次要求',
    en: "The prior-year compute spend is below the lowest tier's threshold.",
  },
  ROUND_NOT_COMBINABLE: {
    zh: '“普惠算力券”和“特惠算力券”不可重复申领',
    en: 'This unit holds a voucher of a program that cannot be combined with this one this year.',
  },
  ROUND_NO_TIER_WITH_ROOM: {
    zh: '符合条件的档次已无剩余名额',
    en: 'No tier whose threshold the spend meets has room left.',
  },
  ROUND_NO_BASIS_FEES: {
    zh: '上年度无可补贴的算力服务费用',
    en: "No service fees under last year's vouchers to subsidise.",
  },
  ROUND_SUPPLIER_NOT_LISTED: {
    zh: '算力供给方不在当期公布的名单内',
    en: 'The supplier is not on the published supplier list.',
  },
  ROUND_NOTICE_NOT_OVER: {
    zh: '分配方案公示期尚未结束',
    en: 'The allocation plan is still on public notice.',
  },
  ROUND_OBJECTIONS_OPEN: {
    zh: '公示期异议尚未处理完毕',
    en: 'An objection to the plan is still undecided.',
  },
  ROUND_NOTICE_CLOSED: {
    zh: '不在公示期内，不受理异议',
    en: 'The plan is not on public notice: objections are not accepted.',
  },
  ROUND_NOT_IN_NOTICE: {
    zh: '分配方案尚未公示',
    en: 'The allocation plan has not been published for notice.',
  },
  GRANT_SUPPLIER_NOT_LISTED: {
    zh: '数据中心运营单位不在算力供给方名单内',
    en: "The data centre's operator is not on the supplier list.",
  },
  // Supervision (监督管理): clawback and debarment (docs/adr/0027)
  ENTERPRISE_DEBARRED: {
    zh: '该单位因提供虚假材料、骗取财政资金被取消申领资格，3年内不可申报',
    en: 'The unit is debarred for false or fraudulent material and may not apply for 3 years.',
  },
  CLAWBACK_NOT_OPEN: {
    zh: '该追缴款项已结清、核销或撤销',
    en: 'The clawback receivable is no longer open.',
  },
  CLAWBACK_REPAYMENT_EXCEEDS_OUTSTANDING: {
    zh: '还款金额超过待追缴余额',
    en: 'The repayment is more than the outstanding balance.',
  },
  CLAWBACK_REPAYMENT_NOT_POSITIVE: {
    zh: '还款金额必须大于0',
    en: 'The repayment must be more than 0.',
  },
  SUPERVISION_FINDING_EXISTS: {
    zh: '该申领已记录违规认定',
    en: 'A finding is already recorded on this application.',
  },
  DEBARMENT_NOT_IN_FORCE: {
    zh: '该取消资格决定已解除',
    en: 'The debarment has already been lifted.',
  },
  APPEAL_ALREADY_OPEN: {
    zh: '已有未决的申诉',
    en: 'An appeal is already pending.',
  },
  APPEAL_ALREADY_DECIDED: {
    zh: '该申诉已作出决定',
    en: 'The appeal has already been decided.',
  },
  // Rate rules, minimums, pools and cross-program rules (从优不重复, stacking, 晋级补差), ADRs 0021–0026
  FACE_VALUE_BELOW_MINIMUM: {
    zh: '申领额度低于本项目最低额度',
    en: 'The voucher the spending earns is below the program minimum.',
  },
  SUPPORT_LINE_CAP_EXHAUSTED: {
    zh: '该支持方向本年度累计额度已用完',
    en: "This line of support's yearly cap is used up.",
  },
  BUDGET_POOL_EXHAUSTED: {
    zh: '本项目年度资金总额已用完',
    en: "The program's budget pool is used up.",
  },
  APPLICANT_CATEGORY_MISSING: {
    zh: '申报单位不属于本项目支持的对象类别',
    en: 'The applicant is not of a category the program supports.',
  },
  PROJECT_FACT_BELOW_MINIMUM: {
    zh: '项目条件未达到本项目要求（如参数量、应用场景数）',
    en: 'A project fact is below the program minimum (e.g. parameters, scenarios).',
  },
  INVOICE_EVIDENCE_MISSING: {
    zh: '本项目按实际结算（支付）费用支持，请提供发票',
    en: 'The program funds settled (paid) fees: give the invoice of each line.',
  },
  NOT_COMBINABLE_WITH_OTHER_PROGRAM: {
    zh: '本单位本年度已获不可同时享受的支持（不可重复申领）',
    en: 'The unit already has support this year that cannot be combined with this program.',
  },
  SPENDING_FUNDED_MORE_FAVOURABLY: {
    zh: '该笔支出已获同等或更优的支持（从优不重复）',
    en: 'This spending is already funded as well or better by another program (从优不重复).',
  },
  STACKING_LIMIT_REACHED: {
    zh: '叠加支持已达到合计比例上限',
    en: 'Stacked support has reached the combined rate.',
  },
  CROSS_PROGRAM_FIRST_FUNDING: {
    zh: '该笔支出未获其他支持，由本项目支持',
    en: 'No other program funds this spending; this program funds it.',
  },
  CROSS_PROGRAM_STACKED: {
    zh: '与可叠加项目叠加支持，合计不超过叠加比例',
    en: 'Stacked on a program it may stack with, up to the combined rate.',
  },
  CROSS_PROGRAM_TOP_UP: {
    zh: '晋级补差：仅补足与已获支持的差额',
    en: '晋级补差: only the difference to the support already received is paid.',
  },
  CROSS_PROGRAM_SUPERSEDES: {
    zh: '从优：本项目支持更优，替代尚未兑付的其他支持',
    en: 'Most favourable: this program funds more and replaces the unpaid other support.',
  },
  UNDECLARED_OTHER_SUPPORT: {
    zh: '发现未申报的其他财政支持，请审核人员核实',
    en: 'Other public support was found that the application did not declare; the reviewer must check it.',
  },
  SETTLEMENT_NOT_IN_REGION: {
    zh: '购买方不在本政策实施区域内',
    en: "The buyer is not registered in the program's region.",
  },
  SETTLEMENT_SUPPLIER_NOT_LISTED: {
    zh: '该供应商不在本政策指定的服务商名单内',
    en: "The supplier is not on the program's list.",
  },
  SPENDING_ALREADY_FUNDED: {
    zh: '该发票（合同行）已获支持，同一笔支出只支持一次',
    en: 'This invoice (contract line) is already funded; one spending is funded once.',
  },
} as const satisfies Record<string, LocalizedText>;

export type ReasonCode = keyof typeof REASON_MESSAGES;

export const REASON_CODES = Object.keys(REASON_MESSAGES) as ReasonCode[];

export const OK_MESSAGE: LocalizedText = { zh: '符合', en: 'OK' };

export function isReasonCode(code: unknown): code is ReasonCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(REASON_MESSAGES, code);
}

export function describeReason(code: ReasonCode | 'OK'): LocalizedText {
  return code === 'OK' ? OK_MESSAGE : REASON_MESSAGES[code];
}
