import { Money } from '@app/domain';
import { formatBeijingTime, formatYuan } from './format';
import { renderBody, renderSubject } from './notifier';
import * as t from './templates';
import type { BilingualMessage } from './templates';

const ref = {
  enterpriseName: '北京深算智能科技有限公司',
  applicationId: 'APP-0001',
  contractNumber: 'HT-2024-7',
};
const CJK = /[\u4e00-\u9fff]/;
const LATIN_WORD = /[A-Za-z]{3,}/;

/** Both languages present and each side written in its own language. */
function expectBilingual(m: BilingualMessage): void {
  for (const part of [m.subject, m.body]) {
    expect(part.zh).toMatch(CJK);
    expect(part.en).toMatch(LATIN_WORD);
  }
  // Names stay in Chinese in the English body, but the English subject is English only.
  expect(m.subject.en).not.toMatch(CJK);
  expect(m.body.en).not.toBe(m.body.zh);
}

describe('formatYuan', () => {
  /** Amounts as stored → as a notice writes them. */
  const WRITTEN: Record<string, string> = {
    '0': '¥0.00',
    '0.5': '¥0.50',
    '12.3': '¥12.30',
    '999.99': '¥999.99',
    '1000': '¥1,000.00',
    '1234567.89': '¥1,234,567.89',
    '9999999999999.99': '¥9,999,999,999,999.99',
    '-1234.05': '-¥1,234.05',
  };
  it.each(Object.entries(WRITTEN))('%s → %s', (input, expected) => {
    expect(formatYuan(input)).toBe(expected);
  });

  it('is exact to the fen where a float would not be', () => {
    // 0.1 + 0.2 style drift and 2^53 overflow both stay out: the amount is never a binary float.
    expect(formatYuan('9007199254740.99')).toBe('¥9,007,199,254,740.99');
    expect(formatYuan(Money.parse('0.1').plus(Money.parse('0.2')))).toBe('¥0.30');
  });

  it('truncates extra decimals toward zero like Money', () => {
    expect(formatYuan('1.999')).toBe('¥1.99');
  });

  it('refuses a non-amount', () => {
    expect(() => formatYuan('abc')).toThrow();
  });
});

describe('formatBeijingTime', () => {
  it('shows UTC+8 regardless of the host time zone', () => {
    expect(formatBeijingTime('2025-03-14T09:00:00Z')).toBe('2025-03-14 17:00');
    expect(formatBeijingTime(new Date('2025-12-31T16:30:00Z'))).toBe('2026-01-01 00:30');
  });
});

describe('templates', () => {
  const all: [string, BilingualMessage][] = [
    [
      'applicationRefused',
      t.applicationRefused({
        ...ref,
        reasons: [
          { code: 'SUPPLIER_NOT_PARTNER' },
          { code: 'CUSTOM', message: { zh: '其他原因', en: 'Another reason' } },
        ],
      }),
    ],
    ['supplementRequested', t.supplementRequested({ ...ref, reason: '请补充合同附件 / contract annex' })],
    ['applicationRejected', t.applicationRejected({ ...ref, reason: '材料不实 / inaccurate materials' })],
    [
      'voucherIssued',
      t.voucherIssued({ ...ref, faceValue: '1234567.89', limitedByCap: true, yearlyRoomLeft: '0' }),
    ],
    [
      'reviewTaskAssigned',
      t.reviewTaskAssigned({ ...ref, dueAt: '2025-03-14T09:00:00Z', quotedFaceValue: '500000' }),
    ],
    ['reviewReminder', t.reviewReminder({ ...ref, dueAt: '2025-03-14T09:00:00Z' })],
    ['reviewEscalated', t.reviewEscalated({ ...ref, dueAt: '2025-03-14T09:00:00Z' })],
    ['secondApprovalNeeded', t.secondApprovalNeeded({ ...ref, faceValue: '600000', threshold: '500000.00' })],
    ['reviewTaskDigest', t.reviewTaskDigest({ day: '2025-05-06', count: 28, kind: 'review' })],
    [
      'settlementConfirmed',
      t.settlementConfirmed({
        enterpriseName: ref.enterpriseName,
        supplierName: '某算力供给方',
        invoiceNumber: 'INV-1',
        amount: '200000.5',
        periodStart: '2024-01-01',
        periodEnd: '2024-03-31',
      }),
    ],
    [
      'claimAccepted',
      t.claimAccepted({
        enterpriseName: ref.enterpriseName,
        invoiceNumber: 'INV-1',
        runYear: 2025,
        runQuarter: 1,
        rolledOver: true,
      }),
    ],
    [
      'claimRefused',
      t.claimRefused({
        enterpriseName: ref.enterpriseName,
        invoiceNumber: 'INV-1',
        reason: '已兑付 / already paid',
      }),
    ],
    [
      'runAwaitingApproval',
      t.runAwaitingApproval({ runYear: 2024, runQuarter: 4, totalPayout: '3000000.01', claimCount: 7 }),
    ],
    [
      'payoutPaid',
      t.payoutPaid({ enterpriseName: ref.enterpriseName, amount: '100.1', runYear: 2024, runQuarter: 2 }),
    ],
  ];

  it.each(all)('%s has Chinese and English subject and body', (_name, m) => {
    expectBilingual(m);
  });

  it('every message is rendered Chinese first, English beside it', () => {
    const m = t.voucherIssued({ ...ref, faceValue: '1', limitedByCap: false, yearlyRoomLeft: '1' });
    expect(renderSubject(m)).toBe('算力券已发放 / Voucher issued');
    expect(renderBody(m)).toBe(`${m.body.zh}\n\n${m.body.en}`);
  });

  it('voucherIssued formats amounts to the fen and mentions the cap only when it applied', () => {
    const capped = t.voucherIssued({
      ...ref,
      faceValue: '1234567.89',
      limitedByCap: true,
      yearlyRoomLeft: '0',
    });
    expect(capped.body.zh).toContain('¥1,234,567.89');
    expect(capped.body.en).toContain('¥1,234,567.89');
    expect(capped.body.zh).toContain('¥0.00');
    expect(capped.body.en).toContain('yearly cap');
    expect(capped.body.zh).toContain('年度支持上限');
    const plain = t.voucherIssued({
      ...ref,
      faceValue: '800000',
      limitedByCap: false,
      yearlyRoomLeft: '1200000.5',
    });
    expect(plain.body.en).toContain('¥800,000.00');
    expect(plain.body.en).toContain('¥1,200,000.50');
    expect(plain.body.en).not.toContain('reduced');
    expect(plain.body.zh).not.toContain('核减');
  });

  it('names the enterprise and application', () => {
    const m = t.applicationRejected({ ...ref, reason: 'x' });
    for (const text of [m.body.zh, m.body.en]) {
      expect(text).toContain(ref.enterpriseName);
      expect(text).toContain('APP-0001');
      expect(text).toContain('HT-2024-7');
    }
  });

  it('applicationRefused lists each reason code with the domain wording', () => {
    const m = t.applicationRefused({ ...ref, reasons: [{ code: 'SUPPLIER_NOT_PARTNER' }] });
    expect(m.body.zh).toContain('[SUPPLIER_NOT_PARTNER] 算力供给方不在算力伙伴名单内');
    expect(m.body.en).toContain('[SUPPLIER_NOT_PARTNER] The supplier is not on the compute partner list.');
  });

  it('review messages show the due time in Beijing time', () => {
    const m = t.reviewReminder({ ...ref, dueAt: '2025-03-14T09:00:00Z' });
    expect(m.body.zh).toContain('2025-03-14 17:00');
    expect(m.body.en).toContain('2025-03-14 17:00 (Beijing time)');
  });

  it('claimAccepted names the run quarter and explains a roll-over', () => {
    const rolled = t.claimAccepted({
      enterpriseName: 'E',
      invoiceNumber: 'I',
      runYear: 2026,
      runQuarter: 1,
      rolledOver: true,
    });
    expect(rolled.body.zh).toContain('2026年第1季度');
    expect(rolled.body.en).toContain('Q1 2026');
    expect(rolled.body.en).toContain('November 15');
    const normal = t.claimAccepted({
      ...{ enterpriseName: 'E', invoiceNumber: 'I' },
      runYear: 2025,
      runQuarter: 3,
      rolledOver: false,
    });
    expect(normal.body.en).not.toContain('November 15');
  });

  it('run and payout amounts are formatted to the fen', () => {
    const run = t.runAwaitingApproval({
      runYear: 2024,
      runQuarter: 4,
      totalPayout: '3000000.01',
      claimCount: 7,
    });
    expect(run.body.zh).toContain('¥3,000,000.01');
    expect(run.body.en).toContain('¥3,000,000.01');
    expect(run.body.en).toContain('7 claims');
    const paid = t.payoutPaid({
      enterpriseName: 'E',
      amount: Money.parse('100.1'),
      runYear: 2024,
      runQuarter: 2,
    });
    expect(paid.body.zh).toContain('¥100.10');
    expect(paid.body.en).toContain('¥100.10');
    const settled = t.settlementConfirmed({
      enterpriseName: 'E',
      supplierName: 'S',
      invoiceNumber: 'I',
      amount: '200000.5',
      periodStart: '2024-01-01',
      periodEnd: '2024-03-31',
    });
    expect(settled.body.en).toContain('¥200,000.50');
  });

  it('the daily digest says the day and the count, for first reviews and second approvals', () => {
    const review = t.reviewTaskDigest({ day: '2025-05-06', count: 28, kind: 'review' });
    expect(review.subject).toEqual({
      zh: '2025-05-06 新增审核任务 28 件',
      en: '2025-05-06: 28 new review tasks',
    });
    const one = t.reviewTaskDigest({ day: '2025-05-06', count: 1, kind: 'second_approval' });
    expect(one.subject).toEqual({
      zh: '2025-05-06 新增复核任务 1 件',
      en: '2025-05-06: 1 new second approval',
    });
    expect(one.body.zh).toContain('共新增 1 件复核任务');
  });

  it('is pure: the same input renders the same text', () => {
    const input = { ...ref, dueAt: '2025-03-14T09:00:00Z', quotedFaceValue: '1' };
    expect(t.reviewTaskAssigned(input)).toEqual(t.reviewTaskAssigned(input));
  });
});
