import fc from 'fast-check';
import { Money } from './money';
import {
  computeDeduction,
  materialCodes,
  missingMaterials,
  nextInLine,
  placeInPool,
  poolApplicationRefusal,
  poolSlots,
  voucherUsableOn,
  waitlistPositions,
} from './pool';
import { CHENGDU_PUHUI, CHENGDU_TEHUI } from './programs/chengdu-2025';
import { REASON_MESSAGES } from './reasons';

const m = Money.parse;

describe('first-come pool: slot order', () => {
  const rule = CHENGDU_PUHUI.pool!;

  it('Chengdu 普惠 has 300 slots a year, in receipt order, with a waitlist', () => {
    expect(poolSlots(CHENGDU_PUHUI)).toBe(300);
    expect(rule).toEqual({ order: 'receipt', waitlist: true });
    expect(poolSlots(CHENGDU_TEHUI)).toBeNull();
  });

  it('the 300th received takes the last slot; the 301st waits', () => {
    expect(placeInPool(rule, 300, 0)).toEqual({ kind: 'slot', slotNo: 1 });
    expect(placeInPool(rule, 300, 299)).toEqual({ kind: 'slot', slotNo: 300 });
    expect(placeInPool(rule, 300, 300)).toEqual({ kind: 'waitlist' });
  });

  it('a pool without a waitlist refuses latecomers with POOL_EXHAUSTED', () => {
    expect(placeInPool({ order: 'receipt', waitlist: false }, 300, 300)).toEqual({
      kind: 'refused',
      code: 'POOL_EXHAUSTED',
    });
  });

  it('never hands out more slots than the pool has, whatever the arrival order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 200 }), (slots, arrivals) => {
        let held = 0;
        const slotNos: number[] = [];
        for (let i = 0; i < arrivals; i++) {
          const p = placeInPool(rule, slots, held);
          if (p.kind === 'slot') {
            held += 1;
            slotNos.push(p.slotNo);
          }
        }
        expect(held).toBe(Math.min(slots, arrivals));
        expect(slotNos).toEqual(Array.from({ length: held }, (_, i) => i + 1));
      }),
    );
  });

  it('rejects nonsense counters', () => {
    expect(() => placeInPool(rule, -1, 0)).toThrow(RangeError);
    expect(() => placeInPool(rule, 3, 1.5)).toThrow(RangeError);
  });

  it('waitlist positions follow receipt numbers; a freed slot goes to the earliest waiting', () => {
    const waiting = [
      { id: 'c', receiptNo: 305 },
      { id: 'a', receiptNo: 301 },
      { id: 'b', receiptNo: 303 },
    ];
    expect(waitlistPositions(waiting).map((w) => [w.id, w.position])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    expect(nextInLine(waiting)?.id).toBe('a');
    expect(nextInLine([])).toBeNull();
  });
});

describe('first-come pool: one per unit per year, not with 特惠', () => {
  it('a first application passes', () => {
    expect(
      poolApplicationRefusal(CHENGDU_PUHUI, { applicationsThisYear: 0, programsHeldThisYear: [] }),
    ).toBeNull();
  });

  it('a second application the same year is refused', () => {
    expect(poolApplicationRefusal(CHENGDU_PUHUI, { applicationsThisYear: 1, programsHeldThisYear: [] })).toBe(
      'POOL_ALREADY_APPLIED_THIS_YEAR',
    );
  });

  it('a unit holding a 特惠 voucher that year is refused (不可重复申领)', () => {
    expect(
      poolApplicationRefusal(CHENGDU_PUHUI, {
        applicationsThisYear: 0,
        programsHeldThisYear: ['chengdu-tehui'],
      }),
    ).toBe('POOL_NOT_COMBINABLE');
  });

  it('a voucher of a combinable program does not stop it', () => {
    expect(
      poolApplicationRefusal(CHENGDU_PUHUI, {
        applicationsThisYear: 0,
        programsHeldThisYear: ['chengdu-green'],
      }),
    ).toBeNull();
  });

  it('every code it returns has a Chinese and an English message', () => {
    for (const code of [
      'POOL_ALREADY_APPLIED_THIS_YEAR',
      'POOL_NOT_COMBINABLE',
      'POOL_EXHAUSTED',
      'VOUCHER_NOT_VALID_THIS_YEAR',
    ] as const) {
      expect(REASON_MESSAGES[code].zh).toBeTruthy();
      expect(REASON_MESSAGES[code].en).toBeTruthy();
    }
  });
});

describe('validity: 当年领取当年有效', () => {
  const v = CHENGDU_PUHUI.validity;

  it('a 2025 voucher is usable on 2025-01-01 and 2025-12-31', () => {
    expect(voucherUsableOn(v, '2025-03-10', '2025-03-10')).toEqual({ usable: true });
    expect(voucherUsableOn(v, '2025-03-10', '2025-12-31')).toEqual({ usable: true });
  });

  it('a 2025 voucher presented on 2026-01-01 is refused', () => {
    expect(voucherUsableOn(v, '2025-12-31', '2026-01-01')).toEqual({
      usable: false,
      code: 'VOUCHER_NOT_VALID_THIS_YEAR',
    });
  });

  it('a plan-long validity does not end with the year', () => {
    expect(voucherUsableOn({ kind: 'plan' }, '2025-12-31', '2026-06-01')).toEqual({ usable: true });
  });
});

describe('deduction at the supplier', () => {
  const share = CHENGDU_PUHUI.deduction!.maxShareOfPayment;
  const face = m('10000.00');

  it('50% of the payment binds when the voucher has more left', () => {
    const d = computeDeduction({
      payment: m('8000.00'),
      faceValue: face,
      deductedBefore: m('0'),
      maxShareOfPayment: share,
    });
    expect(d).toMatchObject({ ok: true, limitedBy: 'share-of-payment' });
    if (d.ok) {
      expect(d.amount.toString()).toBe('4000.00');
      expect(d.remainingAfter.toString()).toBe('6000.00');
    }
  });

  it('the remaining face value binds when 50% of the payment is more', () => {
    const d = computeDeduction({
      payment: m('30000.00'),
      faceValue: face,
      deductedBefore: m('4000.00'),
      maxShareOfPayment: share,
    });
    expect(d).toMatchObject({ ok: true, limitedBy: 'remaining-face-value' });
    if (d.ok) {
      expect(d.amount.toString()).toBe('6000.00');
      expect(d.shareLimit.toString()).toBe('15000.00');
      expect(d.remainingAfter.toString()).toBe('0.00');
    }
  });

  it('half of an odd fen is truncated, never rounded up', () => {
    const d = computeDeduction({
      payment: m('100.01'),
      faceValue: face,
      deductedBefore: m('0'),
      maxShareOfPayment: share,
    });
    expect(d.ok && d.amount.toString()).toBe('50.00');
  });

  it('exactly the face value: payment of 20,000.00 deducts all 10,000.00', () => {
    const d = computeDeduction({
      payment: m('20000.00'),
      faceValue: face,
      deductedBefore: m('0'),
      maxShareOfPayment: share,
    });
    expect(d).toMatchObject({ ok: true, limitedBy: 'share-of-payment' });
    expect(d.ok && d.remainingAfter.toString()).toBe('0.00');
  });

  it('a used-up voucher deducts nothing, with a code', () => {
    expect(
      computeDeduction({
        payment: m('100.00'),
        faceValue: face,
        deductedBefore: face,
        maxShareOfPayment: share,
      }),
    ).toEqual({ ok: false, code: 'VOUCHER_BALANCE_EXHAUSTED' });
  });

  it('a payment of one fen deducts nothing, with a code', () => {
    expect(
      computeDeduction({
        payment: m('0.01'),
        faceValue: face,
        deductedBefore: m('0'),
        maxShareOfPayment: share,
      }),
    ).toEqual({ ok: false, code: 'DEDUCTION_PAYMENT_NOT_POSITIVE' });
  });

  it('never more than half the payment, never more than what is left, never negative', () => {
    const fen = (max: number) => fc.integer({ min: 0, max }).map((n) => Money.fromFen(BigInt(n)));
    fc.assert(
      fc.property(fen(10_000_000), fen(1_000_000), (payment, deducted) => {
        const d = computeDeduction({
          payment,
          faceValue: face,
          deductedBefore: deducted,
          maxShareOfPayment: share,
        });
        if (!d.ok) return;
        expect(d.amount.isPositive()).toBe(true);
        expect(d.amount.plus(d.amount).lte(payment)).toBe(true);
        expect(d.amount.lte(face.minus(deducted))).toBe(true);
        expect(d.remainingAfter.isNegative()).toBe(false);
      }),
    );
  });
});

describe('materials', () => {
  it('the unit uploads the five application materials of seed 001 §四(一)', () => {
    expect(materialCodes(CHENGDU_PUHUI, 'applicant', 'application')).toEqual([
      'puhui-form',
      'business-licence',
      'legal-rep-id',
      'authenticity-pledge',
      'compliance-pledge',
    ]);
  });

  it('the supplier redeems with the voucher, contract, payment proof, invoice and completion proof', () => {
    const codes = materialCodes(CHENGDU_PUHUI, 'supplier', 'redemption');
    for (const c of ['voucher', 'contract', 'payment-proof', 'invoice', 'completion-proof']) {
      expect(codes).toContain(c);
    }
  });

  it('names what is still missing', () => {
    expect(
      missingMaterials(CHENGDU_PUHUI, 'applicant', 'application', ['puhui-form', 'business-licence']).map(
        (x) => x.code,
      ),
    ).toEqual(['legal-rep-id', 'authenticity-pledge', 'compliance-pledge']);
  });
});
