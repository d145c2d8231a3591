import type { LocalizedText } from './program';
import { REASON_MESSAGES } from './reasons';

/**
 * Every other code the API answers a refusal with (the eligibility and rule codes are REASON_MESSAGES):
 * request form, sign-in and roles, workflow steps, duplicates, and the HTTP fallbacks. The console shows
 * `zh` or `en` and never the code, so `zh` is plain Chinese (no English words, ids or codes).
 * A code is never renamed or reused (docs/adr/0046-refusal-messages.md).
 */
export const REFUSAL_MESSAGES = {
  // The request's form (400): body parser, input guard, field validation
  VALIDATION_FAILED: {
    zh: '填写内容有误，请按提示修改',
    en: 'Some fields are invalid; correct them as shown',
  },
  BAD_REQUEST: { zh: '请求无效', en: 'The request is invalid' },
  BAD_REQUEST_BODY: { zh: '请求内容无法读取', en: 'The request body could not be read' },
  MALFORMED_JSON: { zh: '请求内容格式无效', en: 'The request body is not valid JSON' },
  JSON_TOO_DEEP: { zh: '请求内容嵌套层级过深', en: 'The request nests too deeply' },
  PAYLOAD_TOO_LARGE: { zh: '请求内容过大', en: 'The request is too large' },
  UNSUPPORTED_ENCODING: { zh: '不支持的字符编码', en: 'Unsupported body encoding' },
  UNSUPPORTED_MEDIA_TYPE: { zh: '不支持的内容类型', en: 'Unsupported content type' },
  CONTROL_CHARACTER: { zh: '不能包含控制字符', en: 'Must not contain control characters' },
  BIDI_CONTROL: { zh: '不能包含文字方向控制字符', en: 'Must not contain text-direction control characters' },
  NESTED_ARRAY: { zh: '格式不正确（列表中不能再嵌套列表）', en: 'A list must not contain another list' },
  UNKNOWN_FIELD: { zh: '包含不允许的字段', en: 'This field is not allowed' },
  INVALID_ID: { zh: '编号格式不正确', en: 'Not a valid identifier' },
  INVALID_VALUE: { zh: '请求中有无法保存的值', en: 'A value in the request cannot be stored' },
  MONEY_FORMAT: { zh: '金额格式不正确', en: 'Not a valid amount' },
  MONEY_NOT_FINITE: { zh: '金额格式不正确', en: 'Not a valid amount' },
  AMOUNT_TOO_LARGE: { zh: '金额过大', en: 'The amount is too large' },
  NEGATIVE_AMOUNT: { zh: '金额不能为负数', en: 'An amount must not be negative' },
  RATE_FORMAT: { zh: '比例格式不正确', en: 'Not a valid rate' },
  PRORATE_RATIO: { zh: '分摊比例不正确', en: 'Not a valid pro rata ratio' },
  BUSINESS_DATE_FORMAT: { zh: '日期格式不正确，应为年-月-日', en: 'Not a valid date (YYYY-MM-DD)' },
  BUSINESS_DATE_RANGE: { zh: '日期超出允许范围', en: 'The date is out of range' },
  QUARTER_RANGE: { zh: '季度须为第一至第四季度', en: 'A quarter is 1 to 4' },
  ROUND_YEAR: { zh: '年度不正确', en: 'Not a valid round year' },
  ROUND_NOTICE_DAYS: { zh: '公示期至少为一个工作日', en: 'The notice period is at least one working day' },
  PERIOD_END_BEFORE_START: { zh: '结束日期早于开始日期', en: 'The period ends before it starts' },
  FORECAST_WINDOW: { zh: '测算区间的结束日期早于开始日期', en: 'The forecast window ends before it starts' },
  MISSING_INPUT: { zh: '缺少必要的填写内容', en: 'Required input is missing' },
  GRANT_DATA_CENTRE_CODE: { zh: '数据中心编号不正确', en: 'Not a valid data centre code' },
  // class-validator constraints, named as codes (isNotEmpty → IS_NOT_EMPTY)
  IS_NOT_EMPTY: { zh: '必填', en: 'Required' },
  IS_DEFINED: { zh: '必填', en: 'Required' },
  IS_STRING: { zh: '须为文字', en: 'Must be text' },
  IS_BOOLEAN: { zh: '须为是或否', en: 'Must be yes or no' },
  IS_INT: { zh: '须为整数', en: 'Must be a whole number' },
  IS_NUMBER: { zh: '须为数字', en: 'Must be a number' },
  IS_IN: { zh: '不是可选的值', en: 'Not one of the allowed values' },
  IS_ENUM: { zh: '不是可选的值', en: 'Not one of the allowed values' },
  IS_UUID: { zh: '编号格式不正确', en: 'Not a valid identifier' },
  IS_EMAIL: { zh: '邮箱格式不正确', en: 'Not a valid email address' },
  IS_ARRAY: { zh: '须为列表', en: 'Must be a list' },
  IS_OBJECT: { zh: '格式不正确', en: 'Not in the expected form' },
  IS_MONEY_AMOUNT: {
    zh: '金额须为数字，最多两位小数',
    en: 'An amount is digits with at most two decimals',
  },
  IS_BUSINESS_DATE: { zh: '请输入有效日期（年-月-日）', en: 'Enter a real date (YYYY-MM-DD)' },
  IS_REAL_DATE: { zh: '日期不存在', en: 'This date does not exist' },
  IS_NOT_BEFORE: { zh: '结束日期不能早于开始日期', en: 'The end date must not be before the start date' },
  MATCHES: { zh: '格式不正确', en: 'Not in the expected format' },
  IS_LENGTH: { zh: '长度不符合要求', en: 'The length is not allowed' },
  MIN_LENGTH: { zh: '内容过短', en: 'Too short' },
  MAX_LENGTH: { zh: '内容过长', en: 'Too long' },
  MIN: { zh: '数值过小', en: 'Too small' },
  MAX: { zh: '数值过大', en: 'Too large' },
  ARRAY_MIN_SIZE: { zh: '至少填写一项', en: 'Give at least one' },
  ARRAY_MAX_SIZE: { zh: '条目过多', en: 'Too many entries' },
  ARRAY_NOT_EMPTY: { zh: '至少填写一项', en: 'Give at least one' },
  NESTED_VALIDATION: { zh: '格式不正确', en: 'Not in the expected form' },
  INVALID: { zh: '填写内容有误', en: 'Invalid value' },
  // Sign-in, sessions and roles
  UNAUTHENTICATED: { zh: '请先登录', en: 'Please sign in' },
  BAD_CREDENTIALS: { zh: '邮箱或密码错误', en: 'Wrong email or password' },
  TOKEN_REVOKED: { zh: '登录已失效，请重新登录', en: 'Your session has ended; please sign in again' },
  TOO_MANY_ATTEMPTS: { zh: '尝试次数过多，请稍后再试', en: 'Too many attempts; try again later' },
  WRONG_PASSWORD: { zh: '当前密码错误', en: 'The current password is wrong' },
  FORBIDDEN: { zh: '无权执行此操作', en: 'You may not do this' },
  FORBIDDEN_ROLE: { zh: '您的角色无权执行此操作', en: 'Your role may not do this' },
  ROLE_NOT_APPLICANT: { zh: '您的角色不能申报该项目', en: 'Your role does not apply for this program' },
  CANNOT_DEACTIVATE_SELF: { zh: '不能停用自己的账号', en: 'You cannot deactivate your own account' },
  CANNOT_CHANGE_OWN_ROLE: { zh: '不能修改自己的角色', en: 'You cannot change your own role' },
  SANDBOX_CLOCK_DISABLED: {
    zh: '仅在演示环境中可以调整业务日期',
    en: 'The business date can only be set in sandbox mode',
  },
  RATE_LIMITED: { zh: '查询过于频繁，请稍后再试', en: 'Too many requests; try again shortly' },
  // Records that are not there, or already are
  NOT_FOUND: { zh: '记录不存在或无权查看', en: 'Not found' },
  VOUCHER_NOT_FOUND: { zh: '查无此券', en: 'No voucher with this number' },
  UNKNOWN_REFERENCE: { zh: '引用的记录不存在', en: 'A record the request refers to does not exist' },
  UNKNOWN_PROGRAM: { zh: '没有这个项目', en: 'No such program' },
  UNKNOWN_ENTERPRISE: { zh: '没有这家企业', en: 'No such enterprise' },
  UNKNOWN_SUPPLIER: { zh: '没有这家算力供给方', en: 'No such supplier' },
  UNKNOWN_VOUCHER: { zh: '无此算力券', en: 'No voucher with this number' },
  ENTRY_NOT_FOUND: { zh: '本轮申报中没有该申报', en: 'No such entry in this round' },
  OBJECTION_NOT_FOUND: { zh: '本轮没有该异议', en: 'No such objection in this round' },
  NO_SUCH_RUN: {
    zh: '该项目在所选季度没有兑付批次',
    en: 'The program has no redemption run in that quarter',
  },
  NO_VOUCHER_FOR_CONTRACT: {
    zh: '该合同尚无已发放的算力券',
    en: 'No voucher has been issued for this contract',
  },
  ALREADY_EXISTS: { zh: '记录已存在', en: 'This record already exists' },
  DUPLICATE: { zh: '记录已存在', en: 'This record already exists' },
  CONFLICT: {
    zh: '与当前状态冲突，请刷新后重试',
    en: 'This conflicts with the current state; refresh and retry',
  },
  CONCURRENT_UPDATE: {
    zh: '记录正被同时修改，请重试',
    en: 'The record was changed at the same time; try again',
  },
  CREDIT_CODE_TAKEN: {
    zh: '统一社会信用代码已登记',
    en: 'An enterprise with this credit code is already registered',
  },
  SUPPLIER_CODE_TAKEN: { zh: '供给方代码已存在', en: 'A supplier with this code already exists' },
  EMAIL_TAKEN: { zh: '该邮箱已有账号', en: 'A user with this email already exists' },
  RELATED_PARTY_EXISTS: { zh: '该关联关系已登记', en: 'This related-party link is already recorded' },
  PROGRAM_VERSION_EXISTS: {
    zh: '该日期已有项目版本',
    en: 'The program already has a version from this date',
  },
  SUPPLIER_LIST_EXISTS: {
    zh: '该日期已有供给方名单',
    en: 'The program already has a supplier list from this date',
  },
  DOCUMENT_EXISTS: { zh: '该文件已上传', en: 'This document is already uploaded for the program' },
  RUN_EXISTS: { zh: '该季度的兑付批次已存在', en: 'A redemption run for this quarter already exists' },
  ROUND_EXISTS: { zh: '该年度的申报轮次已存在', en: 'A round for this program and year already exists' },
  ROUND_ALREADY_ENTERED: { zh: '本年度已申报', en: 'Already entered in this year’s round' },
  POOL_ALREADY_APPLIED: { zh: '本年度已申请', en: 'Already applied this year' },
  PAYMENT_ALREADY_DEDUCTED: {
    zh: '该付款凭证已抵扣',
    en: 'This payment reference already carries a deduction',
  },
  REDEMPTION_EXISTS: { zh: '该抵扣已申请兑付', en: 'This deduction already has a redemption' },
  CLAIM_EXISTS: { zh: '该结算已申请兑付', en: 'This settlement is already claimed' },
  GRANT_EXISTS: { zh: '该对象已获补助', en: 'This subject already has a grant' },
  DISCOUNT_EXISTS: { zh: '该结算已享受折扣', en: 'This settlement already carries a discount' },
  CLAWBACK_REFERENCE_REUSED: { zh: '该还款凭证已登记', en: 'This repayment reference is already recorded' },
  EVIDENCE_EXISTS: { zh: '该证据文件已上传', en: 'This evidence file is already attached' },
  INVOICE_REUSED: { zh: '发票号已使用', en: 'This invoice number has already been confirmed' },
  SETTLEMENT_ALREADY_CLAIMED: {
    zh: '该发票已申请兑付',
    en: 'This settlement (invoice) has already been claimed',
  },
  // Programs and applications
  PROGRAM_CLOSED: { zh: '该项目已停止受理申领', en: 'This program is not accepting applications' },
  PROGRAM_NOT_CONTRACT_BASED: {
    zh: '该项目不按合同逐项申领，请通过对应的申领入口办理',
    en: 'This program does not take contract applications here; use its own application page',
  },
  PROGRAM_NOT_A_GRANT: { zh: '该项目不自动发放补助', en: 'This program grants nothing automatically' },
  PROGRAM_NOT_A_ROUND: { zh: '该项目没有年度申报轮次', en: 'This program has no yearly round' },
  NOT_A_POOL: { zh: '该项目不是先到先得的券种', en: 'This program is not a first-come pool' },
  NOT_DEDUCTIBLE: { zh: '该算力券不在供给方处抵扣', en: 'This voucher is not deducted at the supplier' },
  NO_SETTLEMENT_DISCOUNT: { zh: '该项目没有结算折扣', en: 'This program has no settlement discount' },
  NO_DISCOUNT_TIER: { zh: '没有适用于该金额的折扣档次', en: 'No discount tier covers this purchase' },
  NO_YEARLY_CAP: { zh: '该项目没有年度上限', en: 'This program has no yearly cap' },
  UNSUPPORTED_PROGRAM_FEATURE: {
    zh: '该项目的额度由申报轮次分配，此处不能测算',
    en: 'This program’s amounts come from its round',
  },
  APPLICATION_CLOSED: { zh: '该申领已不再接收材料', en: 'This application no longer accepts materials' },
  MATERIAL_MISSING: { zh: '请上传文件', en: 'Attach the file' },
  MATERIAL_TYPE: { zh: '文件类型不受支持', en: 'This file type is not accepted' },
  MATERIAL_CODE: {
    zh: '该材料不在本项目的材料清单中',
    en: 'This material is not on the program’s checklist',
  },
  MATERIALS_MISSING: { zh: '必需的申请材料尚未上传', en: 'A required material has not been uploaded' },
  MATERIAL_SLOT_UNKNOWN: {
    zh: '该材料不在本项目的申请材料清单中',
    en: 'This material is not on the program’s application checklist',
  },
  NO_TEMPLATE: { zh: '该材料没有模板', en: 'This material has no template' },
  MATERIAL_FILENAME: { zh: '文件名不符合要求', en: 'The file name is not accepted' },
  MATERIAL_CONTENT_MISMATCH: { zh: '文件内容与其类型不符', en: 'The file content does not match its type' },
  EVIDENCE_REQUIRED: {
    zh: '请填写上年度算力支出及其凭证',
    en: 'List the prior-year compute spend with its evidence',
  },
  EVIDENCE_NOT_EXPECTED: {
    zh: '该项目按服务费用计算，无需填写支出凭证',
    en: 'Fees are computed; give no evidence',
  },
  EVIDENCE_NOT_PRIOR_YEAR: { zh: '支出须为上一年度支付', en: 'The spend must be paid in the prior year' },
  REASON_REQUIRED: { zh: '请填写理由', en: 'A reason is required' },
  BAD_DECISION: { zh: '决定须为通过或不通过', en: 'The decision must be approve or refuse' },
  BAD_OUTCOME: { zh: '结论须为成立或不成立', en: 'The outcome must be upheld or dismissed' },
  // Review tasks
  TASK_NOT_CLAIMABLE: {
    zh: '该任务已被他人领取或已办结',
    en: 'This task is already assigned or no longer open',
  },
  TASK_NOT_OPEN: { zh: '该任务已办结', en: 'This task is no longer open' },
  TASK_NOT_ASSIGNED_TO_YOU: { zh: '请先领取该任务再作决定', en: 'Claim the task before deciding it' },
  TASK_NOT_RELEASABLE: {
    zh: '只有领取人或高级审核员可以退回该任务',
    en: 'Only the assignee or a senior reviewer can release this task',
  },
  ASSIGNEE_NOT_ELIGIBLE: { zh: '该用户不能办理此任务', en: 'That user cannot work this task' },
  SAME_REVIEWER: { zh: '初审人不能复核同一申请', en: 'The first reviewer cannot give the second approval' },
  NOT_AWAITING_SUPPLEMENT: { zh: '当前无需重新提交', en: 'Nothing to resubmit now' },
  // Vouchers, settlements, claims and runs
  SETTLEMENT_OUTSIDE_CONTRACT: {
    zh: '交付期间超出合同期限',
    en: 'The delivered period must lie within the contract',
  },
  SETTLEMENT_EXCEEDS_CONTRACT: {
    zh: '结算累计金额超过合同金额',
    en: 'Settled amounts would exceed the contract amount',
  },
  CLAIM_DOES_NOT_MATCH_SETTLEMENT: {
    zh: '发票号或金额与供给方确认的结算不一致',
    en: 'Invoice number or amount does not match the supplier-confirmed settlement',
  },
  VOUCHER_VALIDITY_ENDED: {
    zh: '该期间的服务不在算力券有效期内',
    en: 'The delivery ends after the voucher’s validity',
  },
  // Plan dates (ADR 0044)
  ISSUANCE_AFTER_VALIDITY: {
    zh: '算力券发放之日已过有效期，不予发放，亦不占用年度额度',
    en: 'The voucher would already be expired on its issue date: not issued, and no cap is used',
  },
  RUN_BEFORE_RUN_DATE: {
    zh: '未到该季度兑付日，暂不能发起兑付批次',
    en: "The quarter's run date has not come yet: the run cannot start",
  },
  RUN_ALREADY_GATHERED: {
    zh: '该季度兑付批次已汇总，申请将纳入下一批次',
    en: 'The quarter’s run has gathered its claims',
  },
  IN_QUARTER: { zh: '纳入交付所在季度的兑付批次', en: 'Goes to the run of the delivery’s quarter' },
  DELIVERED_AFTER_CUTOFF: {
    zh: '交付晚于年度截止日，纳入下一年度第一季度',
    en: 'Delivered after the cutoff: goes to next year’s first run',
  },
  CLAIMED_AFTER_CUTOFF: {
    zh: '申请晚于年度截止日，纳入下一批次',
    en: 'Claimed after the cutoff: goes to a later run',
  },
  BEFORE_FIRST_RUN: { zh: '纳入本项目第一个兑付批次', en: 'Goes to the program’s first run' },
  VOUCHER_EXPIRED: { zh: '算力券已过期，不能申请兑付', en: 'The voucher has expired; it cannot be claimed' },
  APPROVAL_NOTICE_NOT_AVAILABLE: {
    zh: '申请尚未批准发券，暂无审批通知书',
    en: 'The application has no voucher yet, so there is no approval notice',
  },
  RUN_NOT_AWAITING_APPROVAL: { zh: '该兑付批次不在待审批状态', en: 'The run is not awaiting approval' },
  RUN_ALREADY_APPROVED: { zh: '该兑付批次已审批', en: 'The run is already approved' },
  RUN_APPROVAL_IN_PROGRESS: { zh: '审批正在记录中', en: 'An approval is already being recorded' },
  RUN_STARTER_CANNOT_APPROVE: {
    zh: '您发起了该兑付批次，须由另一位财务人员审批',
    en: 'You started this redemption run: another finance user must approve it',
  },
  APPROVAL_REFUSED: { zh: '审批未通过', en: 'The approval was refused' },
  GRANT_NOT_AWAITING_FINANCE: { zh: '该补助不在待财务审批状态', en: 'The grant is not awaiting finance' },
  // First-come pools, rounds, objections
  POOL_NOT_HOLDING: {
    zh: '只有占用名额的申请才需决定',
    en: 'Only an application holding a slot awaits a decision',
  },
  POOL_NOT_AWAITING_DECISION: { zh: '该申请已决定', en: 'This application is decided' },
  POOL_NO_FACE_VALUE: { zh: '该项目没有固定面额', en: 'The program has no fixed face value' },
  REDEMPTION_DECIDED: { zh: '该兑付申请已决定', en: 'This redemption is decided' },
  REDEMPTION_NOT_SUBMITTED: {
    zh: '该兑付申请不在待核验状态',
    en: 'This redemption is not awaiting verification',
  },
  REDEMPTION_SUBMITTED: {
    zh: '已提交的兑付申请不能再添加材料',
    en: 'A submitted redemption takes no more materials',
  },
  ROUND_WINDOW_NOT_OVER: { zh: '申报期尚未结束', en: 'The window is still open' },
  ROUND_WINDOW_STILL_OPEN: { zh: '申报期尚未结束', en: 'The application window is still open' },
  ROUND_ALREADY_CLOSED: { zh: '申报已截止', en: 'The round is already closed' },
  ROUND_NOT_REVIEWING: { zh: '本轮不在审核阶段', en: 'The round is not in review' },
  ROUND_ALREADY_APPROVED: { zh: '分配方案已批准', en: 'The round is already approved' },
  ROUND_CLOSED_FOR_MATERIALS: { zh: '本轮已不再接收材料', en: 'The round takes no more materials' },
  ENTRY_NOT_IN_REVIEW: { zh: '该申报不在审核中', en: 'The entry is not in review' },
  OBJECTION_DECIDED: { zh: '该异议已处理', en: 'The objection is already decided' },
  OBJECTION_ENTRY_NOT_IN_PLAN: {
    zh: '异议对象不在公示名单中',
    en: 'That entry is not in the plan on notice',
  },
  APPEAL_SAME_PERSON: {
    zh: '认定违规的人员不能处理该申诉',
    en: 'The person who recorded the finding cannot decide its appeal',
  },
  // Workflows and the server
  UPDATE_REFUSED: { zh: '当前状态下不能执行此操作', en: 'This step is not possible in the current state' },
  WORKFLOW_NOT_RUNNING: { zh: '该记录已不在办理中', en: 'This record is no longer in progress' },
  WORKFLOW_UNAVAILABLE: {
    zh: '办理服务暂不可用，请稍后再试',
    en: 'The workflow service is unavailable; try again shortly',
  },
  SERVICE_UNAVAILABLE: {
    zh: '服务暂不可用，请稍后再试',
    en: 'The service is unavailable; try again shortly',
  },
  TOO_MANY_REQUESTS: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again shortly' },
  METHOD_NOT_ALLOWED: { zh: '不支持该操作', en: 'This method is not allowed' },
  UNPROCESSABLE: { zh: '请求不符合规则', en: 'The request breaks a rule' },
  PDF_FONT_MISSING: {
    zh: '打印文件所需的中文字体不存在，请联系系统管理员',
    en: 'The font for printed documents is missing',
  },
  INTERNAL_ERROR: { zh: '服务器内部错误，请稍后再试', en: 'Internal server error' },
} as const satisfies Record<string, LocalizedText>;

/** What a status means when its code has no message of its own (a code from a newer server, say). */
const BY_STATUS: Record<number, LocalizedText> = {
  400: REFUSAL_MESSAGES.BAD_REQUEST,
  401: REFUSAL_MESSAGES.UNAUTHENTICATED,
  403: REFUSAL_MESSAGES.FORBIDDEN,
  404: REFUSAL_MESSAGES.NOT_FOUND,
  409: REFUSAL_MESSAGES.CONFLICT,
  413: REFUSAL_MESSAGES.PAYLOAD_TOO_LARGE,
  415: REFUSAL_MESSAGES.UNSUPPORTED_MEDIA_TYPE,
  422: REFUSAL_MESSAGES.UNPROCESSABLE,
  429: REFUSAL_MESSAGES.TOO_MANY_REQUESTS,
  503: REFUSAL_MESSAGES.SERVICE_UNAVAILABLE,
};

export type RefusalCode = keyof typeof REFUSAL_MESSAGES;

/** The message of any code the API answers with, eligibility reasons included; undefined for an unknown code. */
export function refusalMessage(code: string): LocalizedText | undefined {
  const own = Object.prototype.hasOwnProperty.call(REFUSAL_MESSAGES, code);
  if (own) return REFUSAL_MESSAGES[code as RefusalCode];
  const reason = Object.prototype.hasOwnProperty.call(REASON_MESSAGES, code);
  return reason ? REASON_MESSAGES[code as keyof typeof REASON_MESSAGES] : undefined;
}

/** The message of a code, else of the status (an unknown code is never shown as itself). */
export function refusalMessageOr(code: string, status: number): LocalizedText {
  return (
    refusalMessage(code) ??
    BY_STATUS[status] ??
    (status >= 500 ? REFUSAL_MESSAGES.INTERNAL_ERROR : REFUSAL_MESSAGES.BAD_REQUEST)
  );
}

/**
 * Chinese a screen may show as it is: it has Chinese characters and no English word, code or id in it.
 * A thrown message that is not (a zh that is really English, `approverId 须为 uuid`) gives way to the catalog's.
 */
export function isPlainChinese(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text) && !/[A-Za-z]/.test(text);
}
