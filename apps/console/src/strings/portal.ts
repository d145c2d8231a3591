import type { LocalizedText } from '@app/domain';

/** Console labels of one area, merged into the console's dictionary (i18n.tsx). Chinese first. */
export const PORTAL_STRINGS = {
  validUntil: { zh: '有效期至', en: 'Valid until' },
  voucherExpiredOn: { zh: '已于 {date} 到期', en: 'Expired after {date}' },
  voucherExpiredNoClaim: {
    zh: '算力券已过期，不能再申请兑付',
    en: 'The voucher has expired; no more claims can be filed',
  },
  voucherNotActiveNoClaim: { zh: '算力券已失效，不能申请兑付', en: 'The voucher is no longer active' },
  voucherCertificate: { zh: '算力券凭证（PDF）', en: 'Voucher certificate (PDF)' },
  approvalNotice: { zh: '审批通知书（PDF）', en: 'Approval notice (PDF)' },
  printables: { zh: '打印文件', en: 'Printable documents' },
  progressTitle: { zh: '办理进度', en: 'Progress' },
  progressHint: {
    zh: '审核时限按工作日计算（{days} 个工作日，含法定节假日与调休）',
    en: 'Review time limits count working days ({days} working days; public holidays and 调休 included)',
  },
  step_submitted: { zh: '提交申请', en: 'Submitted' },
  step_review: { zh: '审核', en: 'Review' },
  step_decision: { zh: '审批决定', en: 'Decision' },
  step_voucher: { zh: '发放算力券', en: 'Voucher issued' },
  step_settlement: { zh: '服务结算', en: 'Settlement' },
  step_claim: { zh: '申请兑付', en: 'Claim' },
  step_paid: { zh: '兑付到账', en: 'Paid' },
  stepDoneOn: { zh: '完成于 {date}', en: 'Done on {date}' },
  stepDueBy: { zh: '时限 {date}', en: 'Due by {date}' },
  stepLate: { zh: '已超时限', en: 'Past the time limit' },
  stepStopped: { zh: '不再办理', en: 'Will not happen' },
  stepCurrent: { zh: '进行中', en: 'In progress' },
  openRecord: { zh: '查看相关记录', en: 'Open the record' },
  leftToSettle: { zh: '待结算金额', en: 'Left to settle' },
  invoiceFile: { zh: '发票文件', en: 'Invoice file' },
  invoiceFileHint: { zh: 'PDF、PNG 或 JPEG，不超过 10 MB', en: 'PDF, PNG or JPEG, at most 10 MB' },
  invoiceFileMissing: { zh: '未上传', en: 'Not uploaded' },
  uploadInvoiceFile: { zh: '上传发票文件', en: 'Upload the invoice file' },
} satisfies Record<string, LocalizedText>;
