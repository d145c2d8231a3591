import type { LocalizedText } from '@app/domain';

/** Console labels of one area, merged into the console's dictionary (i18n.tsx). Chinese first. */
export const FINANCE_STRINGS = {
  runLines: { zh: '逐笔兑付明细', en: 'Payouts claim by claim' },
  runLinesSearch: { zh: '搜索明细', en: 'Search the lines' },
  runLinesSearchHint: {
    zh: '企业名称、信用代码、发票号、合同号、供给方或编号',
    en: 'Enterprise, credit code, invoice, contract, supplier or number',
  },
  runLinesMatching: { zh: '共 {count} 笔，合计 {total}', en: '{count} lines, {total} in all' },
  runClaimNo: { zh: '兑付编号', en: 'Claim no.' },
  runVoucherNo: { zh: '算力券编号', en: 'Voucher no.' },
  runApplicationNo: { zh: '申请编号', en: 'Application no.' },
  contractNumberShort: { zh: '合同编号', en: 'Contract no.' },
  invoiceNumberShort: { zh: '发票号码', en: 'Invoice no.' },
  enterpriseShort: { zh: '企业', en: 'Enterprise' },
  supplierShort: { zh: '算力供给方', en: 'Supplier' },
  claimedOnShort: { zh: '申请日期', en: 'Claimed on' },
  lineAmount: { zh: '兑付金额', en: 'Payout' },
  lineStatus: { zh: '状态', en: 'Status' },
  payout_computed: { zh: '待拨付', en: 'To pay' },
  payout_paid: { zh: '已拨付', en: 'Paid' },
  payout_skipped: { zh: '未拨付', en: 'Not paid' },
  runStartedBy: { zh: '发起人', en: 'Started by' },
  runStartedBySchedule: { zh: '定时任务', en: 'The schedule' },
  lapsed: { zh: '已失效未兑付', en: 'Lapsed unpaid' },
  programBudgets: { zh: '各政策预算', en: 'Budgets by program' },
  budgetTotal: { zh: '预算总额', en: 'Budget' },
  budgetCommitted: { zh: '已占用', en: 'Committed' },
  budgetRemaining: { zh: '剩余预算', en: 'Remaining' },
  budgetPeriod: { zh: '期间', en: 'Period' },
  budgetNoPool: { zh: '未设资金池', en: 'No pool' },
} satisfies Record<string, LocalizedText>;
