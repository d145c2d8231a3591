import { describeReason, isReasonCode, type Money } from '@app/domain';
import { formatBeijingTime, formatYuan } from './format';
import type { BilingualText } from './notification-input';

/**
 * The messages the lifecycle sends. Pure functions (no I/O, no clock) so they are unit-tested and a
 * retried activity renders exactly the same text. Each returns Chinese and English; the Notifier stores
 * and mails them side by side. Amounts are decimal strings (or Money), never numbers.
 */
export interface BilingualMessage {
  subject: BilingualText;
  body: BilingualText;
}

/** An amount as it travels: a decimal string like "1234567.89", or Money. */
export type Amount = string | Money;

/** Identifies the application a message is about, in the words a reader recognises. */
export interface ApplicationRef {
  enterpriseName: string;
  applicationId: string;
  /** The enterprise's contract number with the supplier, when known. */
  contractNumber?: string | null;
}

export interface RefusalReason {
  code: string;
  /** Overrides the standard wording; without it a known reason code is described from the domain. */
  message?: BilingualText;
}

const SIGNATURE: BilingualText = {
  zh: '北京市经济和信息化局 算力券服务',
  en: 'Beijing Municipal Bureau of Economy and Information Technology, compute voucher service',
};

function refLine(ref: ApplicationRef): BilingualText {
  const contract = ref.contractNumber ?? null;
  return {
    zh: `企业：${ref.enterpriseName}；申请编号：${ref.applicationId}${contract ? `；合同编号：${contract}` : ''}。`,
    en: `Enterprise: ${ref.enterpriseName}; application: ${ref.applicationId}${contract ? `; contract: ${contract}` : ''}.`,
  };
}

/** Joins paragraphs per language and appends the signature. */
function compose(subject: BilingualText, ...paragraphs: (BilingualText | null)[]): BilingualMessage {
  const parts = [...paragraphs.filter((p): p is BilingualText => p !== null), SIGNATURE];
  return {
    subject,
    body: {
      zh: parts.map((p) => p.zh).join('\n'),
      en: parts.map((p) => p.en).join('\n'),
    },
  };
}

function quarter(year: number, q: number): BilingualText {
  return { zh: `${year}年第${q}季度`, en: `Q${q} ${year}` };
}

function describe(reason: RefusalReason): BilingualText {
  if (reason.message) return reason.message;
  if (isReasonCode(reason.code)) return describeReason(reason.code);
  return { zh: reason.code, en: reason.code };
}

export function applicationRefused(input: ApplicationRef & { reasons: RefusalReason[] }): BilingualMessage {
  const list = input.reasons.map((r) => ({ code: r.code, text: describe(r) }));
  return compose(
    { zh: '算力券申请未通过资格审核', en: 'Compute voucher application refused' },
    refLine(input),
    {
      zh: '您的申请未通过自动资格审核，原因如下：',
      en: 'Your application did not pass the automated eligibility checks, for these reasons:',
    },
    {
      zh: list.map((r) => `- [${r.code}] ${r.text.zh}`).join('\n'),
      en: list.map((r) => `- [${r.code}] ${r.text.en}`).join('\n'),
    },
  );
}

export function supplementRequested(input: ApplicationRef & { reason: string }): BilingualMessage {
  return compose(
    { zh: '算力券申请需补充材料', en: 'Compute voucher application: supplementary materials requested' },
    refLine(input),
    {
      zh: `审核人员要求补充材料：${input.reason}`,
      en: `The reviewer asks for supplementary materials: ${input.reason}`,
    },
    {
      zh: '请登录系统上传补充材料后重新提交。',
      en: 'Please sign in, upload the materials and resubmit the application.',
    },
  );
}

export function applicationRejected(input: ApplicationRef & { reason: string }): BilingualMessage {
  return compose({ zh: '算力券申请未获批准', en: 'Compute voucher application rejected' }, refLine(input), {
    zh: `经审核，您的申请未获批准。理由：${input.reason}`,
    en: `After review, your application was not approved. Reason: ${input.reason}`,
  });
}

export function voucherIssued(
  input: ApplicationRef & { faceValue: Amount; limitedByCap: boolean; yearlyRoomLeft: Amount },
): BilingualMessage {
  const face = formatYuan(input.faceValue);
  const room = formatYuan(input.yearlyRoomLeft);
  return compose(
    { zh: '算力券已发放', en: 'Voucher issued' },
    refLine(input),
    { zh: `已向贵单位发放算力券，面额 ${face}。`, en: `A compute voucher of ${face} has been issued.` },
    input.limitedByCap
      ? {
          zh: '因年度支持上限，本次面额已按剩余额度核减。',
          en: 'The face value was reduced to fit the yearly cap.',
        }
      : null,
    { zh: `本年度剩余可支持额度：${room}。`, en: `Room left under this year's cap: ${room}.` },
  );
}

export function reviewTaskAssigned(
  input: ApplicationRef & { dueAt: Date | string; quotedFaceValue?: Amount | null },
): BilingualMessage {
  const due = formatBeijingTime(input.dueAt);
  const quote = input.quotedFaceValue == null ? null : formatYuan(input.quotedFaceValue);
  return compose(
    { zh: '新的算力券审核任务', en: 'New compute voucher review task' },
    refLine(input),
    quote ? { zh: `拟发放面额：${quote}。`, en: `Quoted face value: ${quote}.` } : null,
    { zh: `请于 ${due}（北京时间）前完成审核。`, en: `Please complete the review by ${due} (Beijing time).` },
  );
}

export function reviewReminder(input: ApplicationRef & { dueAt: Date | string }): BilingualMessage {
  const due = formatBeijingTime(input.dueAt);
  return compose({ zh: '审核任务即将到期提醒', en: 'Reminder: review task due soon' }, refLine(input), {
    zh: `该审核任务将于 ${due}（北京时间）到期，请尽快处理。`,
    en: `This review task is due at ${due} (Beijing time). Please complete it soon.`,
  });
}

export function reviewEscalated(input: ApplicationRef & { dueAt: Date | string }): BilingualMessage {
  const due = formatBeijingTime(input.dueAt);
  return compose({ zh: '审核任务已超期升级', en: 'Review task overdue and escalated' }, refLine(input), {
    zh: `该审核任务已于 ${due}（北京时间）到期仍未完成，已升级至高级审核人员处理。`,
    en: `This review task was due at ${due} (Beijing time) and is still open; it has been escalated to senior reviewers.`,
  });
}

export function secondApprovalNeeded(
  input: ApplicationRef & { faceValue: Amount; threshold: Amount },
): BilingualMessage {
  const face = formatYuan(input.faceValue);
  const threshold = formatYuan(input.threshold);
  return compose({ zh: '算力券发放需复核批准', en: 'Second approval needed' }, refLine(input), {
    zh: `拟发放面额 ${face} 达到复核标准（${threshold}），需由另一位高级审核人员复核批准。`,
    en: `The face value of ${face} is at or above ${threshold} and needs a second approval by a different senior reviewer.`,
  });
}

export function settlementConfirmed(input: {
  enterpriseName: string;
  supplierName: string;
  invoiceNumber: string;
  amount: Amount;
  periodStart: string;
  periodEnd: string;
}): BilingualMessage {
  const amount = formatYuan(input.amount);
  return compose(
    { zh: '算力服务结算已确认', en: 'Settlement confirmed' },
    {
      zh: `${input.supplierName} 已确认向 ${input.enterpriseName} 提供的算力服务结算：${input.periodStart} 至 ${input.periodEnd}，发票号 ${input.invoiceNumber}，金额 ${amount}。`,
      en: `${input.supplierName} confirmed the compute delivered to ${input.enterpriseName} from ${input.periodStart} to ${input.periodEnd}: invoice ${input.invoiceNumber}, ${amount}.`,
    },
    {
      zh: '贵单位现可据此申请算力券兑付。',
      en: 'You can now claim voucher redemption against it.',
    },
  );
}

export function claimAccepted(input: {
  enterpriseName: string;
  invoiceNumber: string;
  runYear: number;
  runQuarter: number;
  rolledOver: boolean;
}): BilingualMessage {
  const q = quarter(input.runYear, input.runQuarter);
  return compose(
    { zh: '算力券兑付申请已受理', en: 'Redemption claim accepted' },
    {
      zh: `${input.enterpriseName} 的兑付申请（发票号 ${input.invoiceNumber}）已受理，将纳入${q.zh}兑付批次。`,
      en: `The redemption claim of ${input.enterpriseName} (invoice ${input.invoiceNumber}) was accepted for the ${q.en} redemption run.`,
    },
    input.rolledOver
      ? {
          zh: '因晚于当年11月15日截止日，本次兑付顺延至次年第一季度。',
          en: "It came after the November 15 cutoff, so it rolls into next year's first quarter.",
        }
      : null,
  );
}

export function claimRefused(input: {
  enterpriseName: string;
  invoiceNumber: string;
  reason: string;
}): BilingualMessage {
  return compose(
    { zh: '算力券兑付申请未受理', en: 'Redemption claim refused' },
    {
      zh: `${input.enterpriseName} 的兑付申请（发票号 ${input.invoiceNumber}）未受理。理由：${input.reason}`,
      en: `The redemption claim of ${input.enterpriseName} (invoice ${input.invoiceNumber}) was refused. Reason: ${input.reason}`,
    },
  );
}

export function runAwaitingApproval(input: {
  programName?: BilingualText;
  runYear: number;
  runQuarter: number;
  totalPayout: Amount;
  claimCount: number;
}): BilingualMessage {
  const q = quarter(input.runYear, input.runQuarter);
  const total = formatYuan(input.totalPayout);
  const program = input.programName ?? { zh: '算力券', en: 'the compute voucher program' };
  return compose(
    { zh: `${q.zh}兑付批次待审批`, en: `${q.en} redemption run awaiting approval` },
    {
      zh: `${program.zh}${q.zh}兑付批次已计算完成：共 ${input.claimCount} 笔兑付申请，拟兑付总额 ${total}。请登录系统审批。`,
      en: `The ${q.en} redemption run of ${program.en} is computed: ${input.claimCount} claims, total payout ${total}. Please sign in to approve it.`,
    },
  );
}

export function payoutPaid(input: {
  enterpriseName: string;
  amount: Amount;
  runYear: number;
  runQuarter: number;
}): BilingualMessage {
  const q = quarter(input.runYear, input.runQuarter);
  const amount = formatYuan(input.amount);
  return compose(
    { zh: '算力券兑付资金已拨付', en: 'Voucher payout paid' },
    {
      zh: `${q.zh}兑付批次已向 ${input.enterpriseName} 拨付 ${amount}。`,
      en: `The ${q.en} redemption run paid ${amount} to ${input.enterpriseName}.`,
    },
  );
}

/**
 * The day's digest of new review tasks (ADR 0048): one message per reviewer per day, rewritten as tasks
 * arrive, instead of one message per task. `day` is the Beijing calendar day, YYYY-MM-DD.
 */
export function reviewTaskDigest(input: {
  day: string;
  count: number;
  kind: 'review' | 'second_approval';
}): BilingualMessage {
  const what =
    input.kind === 'second_approval'
      ? { zh: '复核任务', en: input.count === 1 ? 'second approval' : 'second approvals' }
      : { zh: '审核任务', en: input.count === 1 ? 'review task' : 'review tasks' };
  return compose(
    {
      zh: `${input.day} 新增${what.zh} ${input.count} 件`,
      en: `${input.day}: ${input.count} new ${what.en}`,
    },
    {
      zh: `${input.day}（北京时间）共新增 ${input.count} 件${what.zh}，请到审核队列领取处理。`,
      en: `${input.count} new ${what.en} arrived on ${input.day} (Beijing time). Claim them in the review queue.`,
    },
  );
}
