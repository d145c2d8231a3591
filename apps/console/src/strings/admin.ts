import type { LocalizedText } from '@app/domain';

/** Console labels of one area, merged into the console's dictionary (i18n.tsx). Chinese first. */
export const ADMIN_STRINGS = {
  // The registers of applications and vouchers (ADR 0050)
  navApplicationRegister: { zh: '申请台账', en: 'Applications register' },
  navVoucherRegister: { zh: '算力券台账', en: 'Vouchers register' },
  registerSearchHint: {
    zh: '企业名称、信用代码或编号开头',
    en: 'Enterprise name, credit code or the start of the number',
  },
  applicationNumber: { zh: '申请编号', en: 'Application no.' },
  voucherNumber: { zh: '算力券编号', en: 'Voucher no.' },
  allStatuses: { zh: '全部状态', en: 'All statuses' },
  voucherStatus: { zh: '算力券状态', en: 'Voucher status' },
  redeemedAmount: { zh: '已兑付', en: 'Redeemed' },
  claimsInFlight: { zh: '兑付中申领', en: 'Claims in a run' },
  withdrawVoucher: { zh: '作废算力券', en: 'Withdraw voucher' },
  withdrawVoucherTitle: {
    zh: '作废算力券 {number}({enterprise})',
    en: 'Withdraw voucher {number} ({enterprise})',
  },
  withdrawReason: { zh: '作废原因', en: 'Reason' },
  withdrawReasonHint: {
    zh: '将记入审计日志;作废后不再为其计算兑付',
    en: 'Kept in the audit log; no further payouts are computed against it',
  },
  withdrawReasonRequired: { zh: '请填写作废原因(1–500 个字符)', en: 'Give a reason (1–500 characters)' },
  withdrawBlockedInFlight: {
    zh: '尚有 {n} 笔申领在兑付批次中,待其支付或取消后方可作废',
    en: '{n} claim(s) are still in a run; withdraw once they are paid or cancelled',
  },
  voucherWithdrawn: { zh: '算力券 {number} 已作废', en: 'Voucher {number} withdrawn' },
  voucherWithdrawPending: {
    zh: '已提交作废,稍后刷新可见',
    en: 'Withdrawal requested; refresh shortly to see it',
  },
  noVoucher: { zh: '未发放', en: 'None issued' },
  // The sandbox clock as a form
  clockIntro: {
    zh: '沙盒环境可把业务日期固定在某一天,用于演练全年流程;关闭后恢复为真实日期。',
    en: 'In the sandbox the business date can be pinned to a day to rehearse a program year; turn it off to follow the real date.',
  },
  clockCurrent: { zh: '当前业务日期', en: 'Current business date' },
  clockMode: { zh: '模式', en: 'Mode' },
  clockSandboxOn: { zh: '沙盒(可设置)', en: 'Sandbox (settable)' },
  clockSandboxOff: { zh: '真实日期(不可设置)', en: 'Real date (not settable)' },
  clockSetDate: { zh: '设置日期', en: 'Set the date' },
  clockAdvance: { zh: '前进天数', en: 'Advance by days' },
  clockAdvanceButton: { zh: '前进', en: 'Advance' },
  clockDaysHint: { zh: '1–366 天', en: '1 to 366 days' },
  clockDaysRange: { zh: '请输入 1–366 之间的整数', en: 'Enter a whole number from 1 to 366' },
  clockTurnOff: { zh: '恢复真实日期', en: 'Follow the real date' },
  clockTurnedOff: { zh: '已恢复真实日期', en: 'Following the real date again' },
  clockNotSandbox: {
    zh: '当前不是沙盒环境,业务日期跟随真实日期,不能设置。',
    en: 'This is not a sandbox: the business date follows the real date and cannot be set.',
  },
} satisfies Record<string, LocalizedText>;
