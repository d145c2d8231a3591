import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { LocalizedText } from '@app/domain';

export type Lang = 'zh' | 'en';

/** Every label of the console, Chinese first (the default) with English beside it. */
const DICT = {
  appName: { zh: '算力券管理后台', en: 'Compute voucher console' },
  signIn: { zh: '登录', en: 'Sign in' },
  signOut: { zh: '退出', en: 'Sign out' },
  email: { zh: '邮箱', en: 'Email' },
  password: { zh: '密码', en: 'Password' },
  sessionExpired: { zh: '登录已过期，请重新登录', en: 'Your session has expired; please sign in again' },
  signedOut: { zh: '您已退出登录', en: 'You have signed out' },
  loading: { zh: '加载中…', en: 'Loading…' },
  empty: { zh: '暂无数据', en: 'Nothing here yet' },
  prev: { zh: '上一页', en: 'Previous' },
  next: { zh: '下一页', en: 'Next' },
  pageOf: { zh: '第 {page} / {pages} 页，共 {total} 条', en: 'Page {page} of {pages} · {total} items' },
  save: { zh: '保存', en: 'Save' },
  submit: { zh: '提交', en: 'Submit' },
  cancel: { zh: '取消', en: 'Cancel' },
  confirm: { zh: '确认', en: 'Confirm' },
  open: { zh: '查看', en: 'Open' },
  back: { zh: '返回', en: 'Back' },
  actions: { zh: '操作', en: 'Actions' },
  status: { zh: '状态', en: 'Status' },
  amount: { zh: '金额', en: 'Amount' },
  date: { zh: '日期', en: 'Date' },
  total: { zh: '合计', en: 'Total' },
  required: { zh: '必填', en: 'Required' },
  errorGeneric: { zh: '操作失败', en: 'Something went wrong' },
  retry: { zh: '重试', en: 'Retry' },
  refresh: { zh: '刷新', en: 'Refresh' },
  // Navigation
  navInbox: { zh: '消息', en: 'Inbox' },
  navApplications: { zh: '我的申领', en: 'Applications' },
  navApply: { zh: '申领算力券', en: 'Apply' },
  navVouchers: { zh: '算力券', en: 'Vouchers' },
  navSettlements: { zh: '结算与兑付', en: 'Settlements & claims' },
  navQueue: { zh: '审核队列', en: 'Review queue' },
  navSecondQueue: { zh: '复核队列', en: 'Second approvals' },
  navContracts: { zh: '合同', en: 'Contracts' },
  navSupplierSettlements: { zh: '结算记录', en: 'Settlements' },
  navRuns: { zh: '兑付批次', en: 'Redemption runs' },
  navDashboard: { zh: '预算看板', en: 'Budget dashboard' },
  navClock: { zh: '业务日期', en: 'Business date' },
  navEnterprises: { zh: '企业管理', en: 'Enterprises' },
  navSuppliers: { zh: '供给方管理', en: 'Suppliers' },
  navRelatedParties: { zh: '关联方', en: 'Related parties' },
  navUsers: { zh: '用户管理', en: 'Users' },
  navPrograms: { zh: '项目管理', en: 'Programs' },
  navAllApplications: { zh: '申领记录', en: 'All applications' },
  // Roles
  role_enterprise: { zh: '企业', en: 'Enterprise' },
  role_supplier: { zh: '算力供给方', en: 'Supplier' },
  role_reviewer: { zh: '审核员', en: 'Reviewer' },
  role_senior_reviewer: { zh: '高级审核员', en: 'Senior reviewer' },
  role_finance: { zh: '财务', en: 'Finance' },
  role_admin: { zh: '管理员', en: 'Administrator' },
  // Application statuses
  st_submitted: { zh: '已提交', en: 'Submitted' },
  st_checking: { zh: '资格检查中', en: 'Checking' },
  st_refused: { zh: '未通过资格审核', en: 'Refused' },
  st_in_review: { zh: '审核中', en: 'In review' },
  st_supplement_requested: { zh: '待补充材料', en: 'Supplement requested' },
  st_awaiting_second_approval: { zh: '待复核', en: 'Awaiting second approval' },
  st_rejected: { zh: '已驳回', en: 'Rejected' },
  st_issued: { zh: '已发放', en: 'Issued' },
  st_withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  // Task/voucher/claim/run statuses
  st_open: { zh: '待处理', en: 'Open' },
  st_completed: { zh: '已完成', en: 'Completed' },
  st_cancelled: { zh: '已取消', en: 'Cancelled' },
  st_active: { zh: '有效', en: 'Active' },
  st_used_up: { zh: '已用完', en: 'Used up' },
  st_expired: { zh: '已过期', en: 'Expired' },
  st_pending: { zh: '待兑付', en: 'Pending' },
  st_paid: { zh: '已兑付', en: 'Paid' },
  st_computed: { zh: '已核算', en: 'Computed' },
  st_skipped: { zh: '未兑付', en: 'Skipped' },
  st_gathering: { zh: '汇总申请', en: 'Gathering' },
  st_computing: { zh: '核算中', en: 'Computing' },
  st_awaiting_approval: { zh: '待审批', en: 'Awaiting approval' },
  st_disbursing: { zh: '拨付中', en: 'Disbursing' },
  // Queue
  view_all: { zh: '全部', en: 'All' },
  view_unassigned: { zh: '未领取', en: 'Unassigned' },
  view_mine: { zh: '我的', en: 'Mine' },
  view_due_soon: { zh: '即将到期', en: 'Due soon' },
  view_overdue: { zh: '已逾期', en: 'Overdue' },
  kind_review: { zh: '初审', en: 'Review' },
  kind_second_approval: { zh: '复核', en: 'Second approval' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  program: { zh: '项目', en: 'Program' },
  allPrograms: { zh: '全部项目', en: 'All programs' },
  minAmount: { zh: '最低金额', en: 'Min amount' },
  maxAmount: { zh: '最高金额', en: 'Max amount' },
  quotedFaceValue: { zh: '测算面额', en: 'Quoted face value' },
  dueAt: { zh: '截止时间', en: 'Due' },
  round: { zh: '轮次', en: 'Round' },
  kind: { zh: '类型', en: 'Kind' },
  assignee: { zh: '处理人', en: 'Assignee' },
  claim: { zh: '领取', en: 'Claim' },
  release: { zh: '释放', en: 'Release' },
  assign: { zh: '分派', en: 'Assign' },
  assignTo: { zh: '分派给…', en: 'Assign to…' },
  overdue: { zh: '逾期', en: 'Overdue' },
  unassigned: { zh: '未分派', en: 'Unassigned' },
  sameReviewer: {
    zh: '您是该申请的初审人，复核须由其他高级审核员完成',
    en: 'You reviewed this application first; the second approval must come from someone else',
  },
  searchEnterprise: { zh: '企业名称', en: 'Enterprise name' },
  sortDue: { zh: '按截止时间', en: 'By due date' },
  // Application page
  application: { zh: '申领', en: 'Application' },
  submittedOn: { zh: '提交日期', en: 'Submitted' },
  creditCode: { zh: '统一社会信用代码', en: 'Credit code' },
  region: { zh: '注册地', en: 'Region' },
  industry: { zh: '行业', en: 'Industry' },
  contract: { zh: '合同', en: 'Contract' },
  contractNumber: { zh: '合同编号', en: 'Contract number' },
  supplier: { zh: '算力供给方', en: 'Supplier' },
  signedOn: { zh: '签订日期', en: 'Signed on' },
  startDate: { zh: '开始日期', en: 'Start date' },
  endDate: { zh: '结束日期', en: 'End date' },
  term: { zh: '合同期限', en: 'Term' },
  applicationDomain: { zh: '应用领域', en: 'Application domain' },
  lines: { zh: '合同明细', en: 'Contract lines' },
  serviceKind: { zh: '服务类型', en: 'Service kind' },
  description: { zh: '说明', en: 'Description' },
  contractTotal: { zh: '合同金额', en: 'Contract amount' },
  checks: { zh: '自动资格检查', en: 'Automated checks' },
  checksPending: { zh: '资格检查进行中…', en: 'Eligibility checks are running…' },
  rule: { zh: '规则', en: 'Rule' },
  result: { zh: '结果', en: 'Result' },
  reason: { zh: '理由', en: 'Reason' },
  passed: { zh: '通过', en: 'Passed' },
  failed: { zh: '未通过', en: 'Failed' },
  computation: { zh: '面额测算', en: 'Face value computation' },
  contractDays: { zh: '合同天数', en: 'Contract days' },
  eligibleDays: { zh: '方案期内天数', en: 'Days inside the plan' },
  eligibleAmount: { zh: '可支持金额', en: 'Eligible amount' },
  rate: { zh: '支持比例', en: 'Rate' },
  yearlyCap: { zh: '年度上限', en: 'Yearly cap' },
  issuedThisYear: { zh: '本年已发放', en: 'Issued this year' },
  yearlyRoomLeft: { zh: '年度剩余额度', en: 'Yearly room left' },
  faceValue: { zh: '面额', en: 'Face value' },
  formulaEligible: {
    zh: '智能算力金额 × 方案期内天数 / 合同天数',
    en: 'intelligent compute amount × days inside the plan / contract days',
  },
  formulaFace: {
    zh: '可支持金额 × 支持比例，且不超过年度剩余额度（截断至分）',
    en: 'eligible amount × rate, at most the yearly room left (truncated to the fen)',
  },
  voucher: { zh: '算力券', en: 'Voucher' },
  remaining: { zh: '余额', en: 'Remaining' },
  redeemed: { zh: '已兑付', en: 'Redeemed' },
  pendingPayout: { zh: '待拨付', en: 'Pending payout' },
  capYear: { zh: '额度年度', en: 'Cap year' },
  issuedOn: { zh: '发放日期', en: 'Issued on' },
  materials: { zh: '申请材料', en: 'Materials' },
  noMaterials: { zh: '尚未上传材料', en: 'No materials uploaded' },
  download: { zh: '下载', en: 'Download' },
  upload: { zh: '上传', en: 'Upload' },
  uploading: { zh: '上传中…', en: 'Uploading…' },
  fileHint: { zh: 'PDF、PNG 或 JPEG，不超过 10 MB', en: 'PDF, PNG or JPEG, at most 10 MB' },
  fileTooLarge: { zh: '文件超过 10 MB', en: 'The file is larger than 10 MB' },
  fileType: { zh: '仅支持 PDF、PNG 或 JPEG', en: 'Only PDF, PNG or JPEG' },
  history: { zh: '处理记录', en: 'History' },
  tasks: { zh: '审核任务', en: 'Review tasks' },
  actor: { zh: '操作人', en: 'Actor' },
  action: { zh: '动作', en: 'Action' },
  system: { zh: '系统', en: 'System' },
  decide: { zh: '审核决定', en: 'Decision' },
  decision_approve: { zh: '通过', en: 'Approve' },
  decision_reject: { zh: '驳回', en: 'Reject' },
  decision_request_supplement: { zh: '要求补充材料', en: 'Request supplement' },
  reasonRequired: {
    zh: '驳回或要求补充材料时必须填写理由',
    en: 'A reason is required to reject or request a supplement',
  },
  decisionSent: { zh: '已提交审核决定', en: 'Decision recorded' },
  claimFirst: { zh: '领取任务后方可作出审核决定', en: 'Claim the task to decide it' },
  assignedTo: { zh: '已由 {name} 领取', en: 'Claimed by {name}' },
  supplementAsked: { zh: '审核员要求补充材料', en: 'The reviewer asked for more material' },
  resubmit: { zh: '重新提交', en: 'Resubmit' },
  resubmitNote: { zh: '补充说明', en: 'Note to the reviewer' },
  resubmitted: { zh: '已重新提交', en: 'Resubmitted' },
  refusalReason: { zh: '未通过原因', en: 'Refusal reason' },
  waitingWorkflow: { zh: '正在处理…', en: 'Processing…' },
  // Apply form
  applyTitle: { zh: '申领算力券', en: 'Apply for a compute voucher' },
  step1: { zh: '1. 合同与供给方', en: '1. Contract and supplier' },
  step2: { zh: '2. 合同明细', en: '2. Contract lines' },
  step3: { zh: '3. 预检与提交', en: '3. Pre-check and submit' },
  chooseSupplier: { zh: '请选择算力供给方', en: 'Choose a supplier' },
  chooseDomain: { zh: '请选择应用领域', en: 'Choose a domain' },
  notPartner: { zh: '非算力伙伴', en: 'not a partner' },
  addLine: { zh: '添加明细', en: 'Add a line' },
  removeLine: { zh: '删除', en: 'Remove' },
  moneyFormat: {
    zh: '金额须为数字，最多两位小数，不含千分位（如 1000000.00）',
    en: 'An amount is digits with at most two decimals, no separators (e.g. 1000000.00)',
  },
  dateFormat: { zh: '日期格式为 YYYY-MM-DD', en: 'A date is YYYY-MM-DD' },
  endBeforeStart: { zh: '结束日期不能早于开始日期', en: 'The end date cannot be before the start date' },
  contractNumberLength: { zh: '合同编号为 1–100 个字符', en: 'Contract number: 1 to 100 characters' },
  estimate: { zh: '预计面额', en: 'Estimated face value' },
  estimateNote: {
    zh: '按方案规则在浏览器中测算；最终以审核结果和年度剩余额度为准',
    en: 'Computed in your browser with the program rules; the review and your yearly room decide',
  },
  precheck: { zh: '规则预检', en: 'Rule pre-check' },
  submitting: { zh: '提交中…', en: 'Submitting…' },
  fixErrors: { zh: '请先修正标红的内容', en: 'Please fix the fields marked in red' },
  // Enterprise lists
  settlementsTitle: { zh: '已确认结算', en: 'Confirmed settlements' },
  period: { zh: '交付期间', en: 'Delivered period' },
  invoiceNumber: { zh: '发票号', en: 'Invoice number' },
  invoiceDate: { zh: '开票日期', en: 'Invoice date' },
  invoicedAmount: { zh: '发票金额', en: 'Invoiced amount' },
  claimStatus: { zh: '兑付申请', en: 'Claim' },
  fileClaim: { zh: '申请兑付', en: 'File a claim' },
  notClaimed: { zh: '未申请', en: 'Not claimed' },
  claimFiled: {
    zh: '已提交兑付申请，纳入 {year} 年第 {quarter} 季度兑付批次',
    en: 'Claim filed: it goes to the {year} Q{quarter} redemption run',
  },
  rolledOver: { zh: '（11月15日后，顺延至次年第一季度）', en: ' (after the Nov 15 cutoff: next year Q1)' },
  claimsTitle: { zh: '兑付申请', en: 'Claims' },
  claimedOn: { zh: '申请日期', en: 'Filed on' },
  deliveredOn: { zh: '交付截止', en: 'Delivered by' },
  invoicedEligible: { zh: '可兑付发票金额', en: 'Eligible invoiced amount' },
  run: { zh: '兑付批次', en: 'Run' },
  // Supplier
  settledAmount: { zh: '已结算', en: 'Settled' },
  applicationStatus: { zh: '申领状态', en: 'Application' },
  confirmSettlement: { zh: '确认交付与结算', en: 'Confirm a delivered part' },
  periodStart: { zh: '交付开始', en: 'Period start' },
  periodEnd: { zh: '交付结束', en: 'Period end' },
  settlementConfirmed: { zh: '已确认结算', en: 'Settlement confirmed' },
  invoicePattern: {
    zh: '发票号仅可包含字母、数字和连字符',
    en: 'Invoice number: letters, digits and hyphens only',
  },
  confirmedAt: { zh: '确认时间', en: 'Confirmed at' },
  // Finance
  startRun: { zh: '发起兑付批次', en: 'Start a run' },
  year: { zh: '年度', en: 'Year' },
  quarter: { zh: '季度', en: 'Quarter' },
  runDate: { zh: '兑付日', en: 'Run date' },
  claimCount: { zh: '申请数', en: 'Claims' },
  totalPayout: { zh: '应兑付总额', en: 'Total payout' },
  paidCount: { zh: '已拨付笔数', en: 'Paid' },
  paidTotal: { zh: '已拨付金额', en: 'Paid total' },
  runStarted: { zh: '已发起，正在汇总…', en: 'Started; gathering claims…' },
  preview: { zh: '预览', en: 'Preview' },
  byEnterprise: { zh: '按企业', en: 'By enterprise' },
  bySupplier: { zh: '按供给方', en: 'By supplier' },
  byFunder: { zh: '按出资方', en: 'By funder' },
  funder: { zh: '出资方', en: 'Funder' },
  fundingShare: { zh: '分担比例', en: 'Share' },
  poolLine: {
    zh: '资金池（{period}）：总额 {budget}，剩余 {remaining}',
    en: 'Pool ({period}): {budget}, {remaining} left',
  },
  poolWholePlan: { zh: '整个实施期', en: 'whole plan' },
  poolRemaining: { zh: '剩余额度', en: 'Left in pool' },
  limitedByPoolNotice: {
    zh: '资金池额度不足：{count} 笔按合同签订先后顺序减少或未兑付',
    en: '{count} payouts were cut because the budget pool ran out (in contract-signing order)',
  },
  payouts: { zh: '笔数', en: 'Payouts' },
  limitedByBalance: { zh: '受余额限制', en: 'Limited by balance' },
  approveRun: { zh: '审批并拨付', en: 'Approve and disburse' },
  approveConfirm: {
    zh: '确认审批该批次？将向 {count} 笔申请拨付 {total}，此操作不可撤销。',
    en: 'Approve this run? {count} claims will be paid {total}. This cannot be undone.',
  },
  approved: { zh: '已审批', en: 'Approved' },
  disbursing: { zh: '拨付进度', en: 'Disbursement progress' },
  downloadCsv: { zh: '下载 CSV', en: 'Download CSV' },
  downloadXlsx: { zh: '下载 Excel', en: 'Download XLSX' },
  runCompleted: { zh: '批次已完成', en: 'Run completed' },
  code: { zh: '代码', en: 'Code' },
  name: { zh: '名称', en: 'Name' },
  dashboardTitle: { zh: '预算看板', en: 'Budget dashboard' },
  issued: { zh: '已发放', en: 'Issued' },
  outstanding: { zh: '未兑付余额', en: 'Outstanding' },
  vouchers: { zh: '算力券数', en: 'Vouchers' },
  byQuarter: { zh: '按季度：发放、兑付与未兑付余额', en: 'By quarter: issued, redeemed, outstanding' },
  capUse: { zh: '企业年度额度使用', en: 'Yearly cap use per enterprise' },
  rolledOverTitle: { zh: '截止日后顺延的兑付申请', en: 'Claims rolled over past the cutoff' },
  claims: { zh: '申请数', en: 'Claims' },
  used: { zh: '已使用', en: 'Used' },
  // Admin
  clockTitle: { zh: '沙盒业务日期', en: 'Sandbox business date' },
  businessDate: { zh: '业务日期', en: 'Business date' },
  clockSet: { zh: '业务日期已设置为 {date}', en: 'Business date set to {date}' },
  create: { zh: '新建', en: 'New' },
  edit: { zh: '编辑', en: 'Edit' },
  saved: { zh: '已保存', en: 'Saved' },
  choose: { zh: '请选择', en: 'Choose…' },
  yes: { zh: '是', en: 'Yes' },
  no: { zh: '否', en: 'No' },
  alreadyExists: {
    zh: '已存在相同记录（信用代码、代码、邮箱或关联关系重复）',
    en: 'Such a record already exists (the same credit code, code, email or link)',
  },
  lengthRange: { zh: '须为 {min}–{max} 个字符', en: '{min} to {max} characters' },
  emailFormat: { zh: '请输入有效的邮箱地址', en: 'Enter a valid email address' },
  chooseOne: { zh: '请至少选择一项', en: 'Choose at least one' },
  createdOn: { zh: '创建日期', en: 'Created on' },
  enterpriseName: { zh: '企业名称', en: 'Enterprise name' },
  creditCodeHint: { zh: '18 位，如 91110108MA01ABCD2X', en: '18 characters, e.g. 91110108MA01ABCD2X' },
  creditCodeFormat: {
    zh: '统一社会信用代码须为 18 位数字或大写字母（不含 I、O、S、V、Z）',
    en: 'A unified social credit code is 18 digits or capital letters (no I, O, S, V, Z)',
  },
  regionHint: { zh: '如 beijing 或 beijing-haidian', en: 'e.g. beijing or beijing-haidian' },
  chooseIndustry: { zh: '请选择行业', en: 'Choose an industry' },
  contactEmail: { zh: '联系邮箱', en: 'Contact email' },
  lastDishonestyRecordDate: { zh: '最近失信记录日期', en: 'Last dishonesty record' },
  dishonestyHint: { zh: 'YYYY-MM-DD，无记录留空', en: 'YYYY-MM-DD; empty when there is none' },
  independentLegalPerson: { zh: '具有独立法人资格', en: 'Independent legal person' },
  aiDirectionAligned: { zh: '业务符合人工智能发展方向', en: 'Business aligned with AI development' },
  soundFinancialManagement: { zh: '财务管理制度健全', en: 'Sound financial management' },
  receivesOtherMunicipalComputeSubsidy: {
    zh: '已享受本市其他算力补贴',
    en: 'Receives another municipal compute subsidy',
  },
  independentLegalPersonShort: { zh: '独立法人', en: 'Legal person' },
  aiDirectionAlignedShort: { zh: 'AI 方向', en: 'AI direction' },
  soundFinancialManagementShort: { zh: '财务健全', en: 'Sound finances' },
  receivesOtherMunicipalComputeSubsidyShort: { zh: '已享其他市级补贴', en: 'Other municipal subsidy' },
  registryFacts: { zh: '资格事实', en: 'Registry facts' },
  supplierCode: { zh: '供给方代码', en: 'Supplier code' },
  supplierCodeFormat: {
    zh: '代码为 2–64 位小写字母、数字或连字符',
    en: 'A code is 2 to 64 lowercase letters, digits or hyphens',
  },
  nameZh: { zh: '中文名称', en: 'Chinese name' },
  nameEn: { zh: '英文名称', en: 'English name' },
  isPartner: { zh: '算力伙伴', en: 'Compute partner' },
  partnerHint: { zh: '列入市算力伙伴名单', en: "On the bureau's partner list" },
  serviceKinds: { zh: '服务类型', en: 'Service kinds' },
  chooseEnterprise: { zh: '请选择企业', en: 'Choose an enterprise' },
  relationDescription: { zh: '关联关系说明', en: 'Relationship' },
  relationHint: { zh: '如：同一实际控制人', en: 'e.g. the same controlling shareholder' },
  relatedPartiesNote: {
    zh: '登记为关联方的企业与供给方之间的合同，在自动资格检查「{rule}」中不予通过。',
    en: 'A contract between an enterprise and a supplier linked here fails the automated check "{rule}".',
  },
  linkedOn: { zh: '登记日期', en: 'Linked on' },
  unlink: { zh: '解除关联', en: 'Remove' },
  unlinkConfirm: {
    zh: '确认解除 {enterprise} 与 {supplier} 的关联方登记？',
    en: 'Remove the related-party link between {enterprise} and {supplier}?',
  },
  displayName: { zh: '姓名', en: 'Name' },
  initialPassword: { zh: '初始密码', en: 'Initial password' },
  passwordLength: { zh: '密码至少 10 个字符', en: 'A password has at least 10 characters' },
  role: { zh: '角色', en: 'Role' },
  chooseRole: { zh: '请选择角色', en: 'Choose a role' },
  owner: { zh: '所属单位', en: 'Belongs to' },
  ownerEnterprise: { zh: '所属企业', en: 'Enterprise' },
  ownerSupplier: { zh: '所属供给方', en: 'Supplier' },
  st_inactive: { zh: '已停用', en: 'Deactivated' },
  deactivate: { zh: '停用', en: 'Deactivate' },
  activate: { zh: '启用', en: 'Activate' },
  deactivateConfirm: {
    zh: '确认停用用户 {email}？停用后该用户将无法登录。',
    en: 'Deactivate {email}? They will no longer be able to sign in.',
  },
  activateConfirm: { zh: '确认重新启用用户 {email}？', en: 'Activate {email} again?' },
  planPeriod: { zh: '方案期', en: 'Plan period' },
  programOpen: { zh: '开放申领', en: 'Open' },
  programClosed: { zh: '已关闭', en: 'Closed' },
  openProgram: { zh: '开放', en: 'Open' },
  closeProgram: { zh: '关闭', en: 'Close' },
  openProgramConfirm: { zh: '确认开放项目「{name}」的申领？', en: 'Open {name} for applications?' },
  closeProgramConfirm: {
    zh: '确认关闭项目「{name}」？关闭后企业将无法提交新的申领。',
    en: 'Close {name}? Enterprises will not be able to submit new applications.',
  },
  search: { zh: '搜索', en: 'Search' },
  // The search box of each admin register (`search_` + the last part of its url).
  search_enterprises: { zh: '名称、信用代码或邮箱', en: 'Name, credit code or email' },
  search_suppliers: { zh: '代码、名称或邮箱', en: 'Code, name or email' },
  search_users: { zh: '邮箱或姓名', en: 'Email or name' },
  search_related_parties: { zh: '企业、供给方或关联说明', en: 'Enterprise, supplier or description' },
  allRoles: { zh: '全部角色', en: 'All roles' },
  typeToSearch: { zh: '输入关键字搜索', en: 'Type to search' },
  noMatch: { zh: '无匹配结果', en: 'No match' },
  resetPassword: { zh: '重置密码', en: 'Reset password' },
  resetPasswordFor: { zh: '重置 {email} 的密码', en: 'Reset the password of {email}' },
  passwordResetDone: {
    zh: '密码已重置，请将新密码告知该用户并提醒其登录后修改。',
    en: 'Password reset. Tell the user the new password and ask them to change it after signing in.',
  },
  changePassword: { zh: '修改密码', en: 'Change password' },
  currentPassword: { zh: '当前密码', en: 'Current password' },
  newPassword: { zh: '新密码', en: 'New password' },
  confirmPassword: { zh: '确认新密码', en: 'Repeat the new password' },
  passwordRequired: { zh: '请输入当前密码', en: 'Enter your current password' },
  passwordMismatch: { zh: '两次输入的新密码不一致', en: 'The two new passwords differ' },
  wrongPassword: { zh: '当前密码错误', en: 'The current password is wrong' },
  passwordChanged: {
    zh: '密码已修改，下次登录请使用新密码。',
    en: 'Password changed: use it next time you sign in.',
  },
  // Inbox
  inboxTitle: { zh: '消息', en: 'Inbox' },
  unread: { zh: '未读', en: 'unread' },
  markRead: { zh: '标为已读', en: 'Mark read' },
  subject: { zh: '主题', en: 'Subject' },
  receivedAt: { zh: '时间', en: 'Received' },
  notFound: { zh: '页面不存在', en: 'Page not found' },
  forbidden: { zh: '您无权访问该页面', en: 'Your role cannot open this page' },
} satisfies Record<string, LocalizedText>;

export type MessageKey = keyof typeof DICT;
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t: Translate;
  /** Picks the current language out of a bilingual text coming from the API or the domain library. */
  pick(text: LocalizedText | null | undefined): string;
}

const LANG_KEY = 'cv.lang';
const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
}

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  let s: string = DICT[key][lang];
  for (const [k, v] of Object.entries(vars ?? {})) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** A status or kind from the API as a label; an unknown value is shown as it is. */
export function hasKey(key: string): key is MessageKey {
  return key in DICT;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem(LANG_KEY, l);
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
    setLangState(l);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      pick: (text) => (text ? text[lang] : ''),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

/** The label of an API status/kind value (`st_in_review`, `kind_review`, …), or the raw value. */
export function useLabel() {
  const { t } = useI18n();
  return (prefix: string, value: string | null | undefined): string => {
    if (!value) return '';
    const key = `${prefix}${value}`;
    return hasKey(key) ? t(key) : value;
  };
}
