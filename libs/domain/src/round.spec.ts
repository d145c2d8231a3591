import fc from 'fast-check';
import { Money } from './money';
import { CHENGDU_SUPPLIER_SUBSIDY, CHENGDU_TEHUI } from './programs';
import { REASON_MESSAGES } from './reasons';
import {
  allocationPlan,
  allocationRoundKey,
  combinationRefusal,
  isNoticeRunning,
  isWindowOpen,
  isWindowOver,
  matchTiers,
  noticePeriod,
  paymentRefusal,
  rankRound,
  reviewComplete,
  reviewStandings,
  roundWindow,
  spendBracket,
  supplierSubsidyAmount,
  type EntryOutcome,
  type RoundCandidate,
} from './round';
import { dataCentreKey, grantAmount, grantRefusal, grantWorkflowKey } from './grant';
import { CHENGDU_GREEN } from './programs';

const TEHUI = CHENGDU_TEHUI;
const RULE = TEHUI.round!;
const m = (s: string) => Money.parse(s);
const cand = (id: string, basis: string, receiptSeq: number): RoundCandidate => ({
  id,
  basis: m(basis),
  receiptSeq,
});

describe('特惠 spend brackets', () => {
  it.each([
    ['10000000.00', 0],
    ['9999999.99', 1],
    ['5000000.00', 1],
    ['2500000.00', 2],
    ['2499999.99', 3],
    ['1500000.00', 3],
    ['500000.00', 4],
    ['499999.99', null],
  ])('%s is in bracket %s', (spend, bracket) => {
    expect(spendBracket(TEHUI.faceValueTiers, m(spend))).toBe(bracket);
  });
});

describe('ranking', () => {
  it('ranks by bracket, and within one bracket by receipt order, not by the amount', () => {
    const { ranked, unranked } = rankRound(RULE, TEHUI.faceValueTiers, [
      cand('late-big', '9000000.00', 5),
      cand('early-small', '5000000.00', 9),
      cand('top', '12000000.00', 20),
      cand('below', '400000.00', 1),
      cand('first', '6000000.00', 2),
    ]);
    expect(ranked.map((r) => [r.id, r.rank, r.bracket])).toEqual([
      ['top', 1, 0],
      ['first', 2, 1],
      ['late-big', 3, 1],
      ['early-small', 4, 1],
    ]);
    expect(unranked).toEqual([{ id: 'below', reason: 'ROUND_SPEND_BELOW_LOWEST_TIER' }]);
  });

  it('ranks suppliers by fees, highest first, then receipt order; no fees is unranked', () => {
    const { ranked, unranked } = rankRound(
      CHENGDU_SUPPLIER_SUBSIDY.round!,
      [],
      [cand('a', '100.00', 3), cand('b', '900.00', 4), cand('c', '100.00', 1), cand('z', '0.00', 2)],
    );
    expect(ranked.map((r) => r.id)).toEqual(['b', 'c', 'a']);
    expect(unranked).toEqual([{ id: 'z', reason: 'ROUND_NO_BASIS_FEES' }]);
  });

  it('property: the ranking is a permutation ordered by (bracket, receipt)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ fen: fc.bigInt({ min: 0n, max: 3_000_000_000n }), seq: fc.nat() }), {
          maxLength: 60,
        }),
        (rows) => {
          const cs = rows.map((r, i) => ({ id: `e${i}`, basis: Money.fromFen(r.fen), receiptSeq: r.seq }));
          const { ranked, unranked } = rankRound(RULE, TEHUI.faceValueTiers, cs);
          if (ranked.length + unranked.length !== cs.length) return false;
          for (let i = 1; i < ranked.length; i++) {
            const a = ranked[i - 1];
            const b = ranked[i];
            if (a.bracket! > b.bracket!) return false;
            if (a.bracket === b.bracket && a.receiptSeq > b.receiptSeq) return false;
          }
          return ranked.every((r, i) => r.rank === i + 1);
        },
      ),
    );
  });
});

describe('review places and backfill (递补)', () => {
  const ranked = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));

  it('admits the top quota; each refusal admits the next in rank', () => {
    const none = reviewStandings(ranked, new Map(), 3);
    expect([...none.values()]).toEqual(['in_review', 'in_review', 'in_review', 'waiting', 'waiting']);
    const s = reviewStandings(
      ranked,
      new Map<string, EntryOutcome>([
        ['b', 'refused'],
        ['a', 'approved'],
      ]),
      3,
    );
    expect(Object.fromEntries(s)).toEqual({
      a: 'approved',
      b: 'refused',
      c: 'in_review',
      d: 'in_review',
      e: 'waiting',
    });
    expect(reviewComplete(s)).toBe(false);
  });

  it('a removal (objection upheld) frees a place like a refusal', () => {
    const s = reviewStandings(
      ranked,
      new Map<string, EntryOutcome>([
        ['a', 'approved'],
        ['b', 'removed'],
        ['c', 'approved'],
        ['d', 'approved'],
      ]),
      3,
    );
    expect(Object.fromEntries(s)).toEqual({
      a: 'approved',
      b: 'removed',
      c: 'approved',
      d: 'approved',
      e: 'waiting',
    });
    expect(reviewComplete(s)).toBe(true);
  });

  it('property: never more than quota admitted; deciding never pushes out one ranked above', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<EntryOutcome | undefined>('approved', 'refused', 'removed', undefined), {
          maxLength: 40,
        }),
        fc.integer({ min: 0, max: 20 }),
        fc.nat(39),
        fc.constantFrom<EntryOutcome>('approved', 'refused', 'removed'),
        (outs, quota, k, extra) => {
          const r = outs.map((_, i) => ({ id: `e${i}` }));
          const o = new Map<string, EntryOutcome>();
          outs.forEach((x, i) => x && o.set(`e${i}`, x));
          const before = reviewStandings(r, o, quota);
          const admitted = [...before.values()].filter((s) => s === 'in_review' || s === 'approved').length;
          if (admitted > quota) return false;
          if (k >= r.length || o.has(`e${k}`) || before.get(`e${k}`) !== 'in_review') return true;
          const after = reviewStandings(r, new Map(o).set(`e${k}`, extra), quota);
          return r.slice(0, k).every(({ id }) => after.get(id) === before.get(id));
        },
      ),
    );
  });
});

describe('tier matching', () => {
  it('gives each the highest tier with room whose threshold it meets; an overflow goes a tier down', () => {
    const approved = [
      ...Array.from({ length: 7 }, (_, i) => ({ id: `top${i}`, basis: m('10000000.00') })),
      { id: 'mid', basis: m('5000000.00') },
      { id: 'low', basis: m('500000.00') },
    ];
    const plan = matchTiers(TEHUI.faceValueTiers, approved);
    expect(plan.map((p) => [p.id, p.amount?.toString()])).toEqual([
      ['top0', '2000000.00'],
      ['top1', '2000000.00'],
      ['top2', '2000000.00'],
      ['top3', '2000000.00'],
      ['top4', '2000000.00'],
      ['top5', '1000000.00'],
      ['top6', '1000000.00'],
      ['mid', '1000000.00'],
      ['low', '100000.00'],
    ]);
  });

  it('refuses with a reason when every tier it qualifies for is full', () => {
    const approved = Array.from({ length: 51 }, (_, i) => ({ id: `e${i}`, basis: m('500000.00') }));
    const plan = matchTiers(TEHUI.faceValueTiers, approved);
    expect(plan.filter((p) => p.amount).length).toBe(50);
    expect(plan[50]).toEqual({ id: 'e50', tier: null, amount: null, reason: 'ROUND_NO_TIER_WITH_ROOM' });
  });

  it('property: tier counts never exceeded; face ≤ 20% of spend; the threshold always met', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 50_000_000n, max: 2_000_000_000n }), { maxLength: 200 }),
        (fens) => {
          const approved = fens.map((f, i) => ({ id: `e${i}`, basis: Money.fromFen(f) }));
          const plan = matchTiers(TEHUI.faceValueTiers, approved);
          const counts = TEHUI.faceValueTiers.map((_, t) => plan.filter((p) => p.tier === t).length);
          if (counts.some((c, t) => c > TEHUI.faceValueTiers[t].count!)) return false;
          return plan.every((p, i) => {
            if (!p.amount) return p.reason === 'ROUND_NO_TIER_WITH_ROOM';
            const tier = TEHUI.faceValueTiers[p.tier!];
            return (
              p.amount.lte(approved[i].basis.timesRate('0.20')) &&
              approved[i].basis.gte(m(tier.minPriorYearSpend!))
            );
          });
        },
      ),
    );
  });
});

describe('supplier subsidy amount', () => {
  it('is 20% of the fees truncated to the fen, at most 2,000,000.00', () => {
    expect(supplierSubsidyAmount(m('1234567.89'), '0.20', '2000000.00')).toEqual({
      amount: m('246913.57'),
      limitedByCap: false,
    });
    expect(supplierSubsidyAmount(m('10000000.00'), '0.20', '2000000.00').amount.toString()).toBe(
      '2000000.00',
    );
    expect(supplierSubsidyAmount(m('10000000.05'), '0.20', '2000000.00')).toEqual({
      amount: m('2000000.00'),
      limitedByCap: true,
    });
  });

  it('plans every approved supplier', () => {
    const plan = allocationPlan(CHENGDU_SUPPLIER_SUBSIDY, [
      { id: 'big', basis: m('15000000.00') },
      { id: 'small', basis: m('333.33') },
      { id: 'none', basis: m('0.00') },
    ]);
    expect(plan.map((p) => [p.id, p.amount?.toString() ?? p.reason])).toEqual([
      ['big', '2000000.00'],
      ['small', '66.66'],
      ['none', 'ROUND_NO_BASIS_FEES'],
    ]);
  });

  it('property: never above 20% nor the cap, never negative', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 100_000_000_000n }), (fen) => {
        const fees = Money.fromFen(fen);
        const { amount } = supplierSubsidyAmount(fees, '0.20', '2000000.00');
        return !amount.isNegative() && amount.lte(m('2000000.00')) && amount.lte(fees.timesRate('0.20'));
      }),
    );
  });
});

describe('window, notice and payment', () => {
  it('reads the yearly window from the definition', () => {
    expect(roundWindow(RULE, 2026)).toEqual({ opensOn: '2026-03-01', closesOn: '2026-03-31' });
    expect(isWindowOpen(RULE, 2026, '2026-02-28')).toBe(false);
    expect(isWindowOpen(RULE, 2026, '2026-03-31')).toBe(true);
    expect(isWindowOver(RULE, 2026, '2026-03-31')).toBe(false);
    expect(isWindowOver(RULE, 2026, '2026-04-01')).toBe(true);
  });

  it('counts the notice in working days after the publication day (Friday + 5 → next Friday)', () => {
    const n = noticePeriod('2026-04-10', 5); // a Friday
    expect(n).toEqual({ startsOn: '2026-04-10', endsOn: '2026-04-17' });
    expect(noticePeriod('2026-04-11', 5).endsOn).toBe('2026-04-17'); // published on a Saturday
    expect(isNoticeRunning(n, '2026-04-17')).toBe(true);
    expect(isNoticeRunning(n, '2026-04-18')).toBe(false);
  });

  it('refuses payment during the notice and while an objection is open', () => {
    const n = noticePeriod('2026-04-10', 5);
    expect(paymentRefusal(null, 0, '2026-05-01')).toBe('ROUND_NOT_IN_NOTICE');
    expect(paymentRefusal(n, 0, '2026-04-17')).toBe('ROUND_NOTICE_NOT_OVER');
    expect(paymentRefusal(n, 1, '2026-04-18')).toBe('ROUND_OBJECTIONS_OPEN');
    expect(paymentRefusal(n, 0, '2026-04-18')).toBeNull();
  });

  it('refuses a 普惠 holder (不可重复申领)', () => {
    expect(combinationRefusal(TEHUI, ['chengdu-puhui'])).toBe('ROUND_NOT_COMBINABLE');
    expect(combinationRefusal(TEHUI, ['beijing-ai-compute-2023'])).toBeNull();
  });

  it('has a deterministic workflow id', () => {
    expect(allocationRoundKey('chengdu-tehui', 2026)).toBe('allocation-round:chengdu-tehui:2026');
    expect(() => allocationRoundKey('chengdu-tehui', 26)).toThrow();
  });

  it('every round reason has a message', () => {
    for (const code of [
      'ROUND_WINDOW_NOT_OPEN',
      'ROUND_ALREADY_APPLIED',
      'ROUND_SPEND_BELOW_LOWEST_TIER',
      'ROUND_NOT_COMBINABLE',
      'ROUND_NO_TIER_WITH_ROOM',
      'ROUND_NO_BASIS_FEES',
      'ROUND_SUPPLIER_NOT_LISTED',
      'ROUND_NOTICE_NOT_OVER',
      'ROUND_OBJECTIONS_OPEN',
      'ROUND_NOTICE_CLOSED',
      'ROUND_NOT_IN_NOTICE',
      'GRANT_SUPPLIER_NOT_LISTED',
    ]) {
      expect(REASON_MESSAGES[code as keyof typeof REASON_MESSAGES]).toBeDefined();
    }
  });
});

describe('green grant', () => {
  it('grants 1,000,000.00 per data centre, keyed by the normalised data centre code', () => {
    expect(grantAmount(CHENGDU_GREEN).toString()).toBe('1000000.00');
    expect(dataCentreKey(' CD-DC 01 ')).toBe('cd-dc-01');
    expect(() => dataCentreKey('!')).toThrow();
    expect(grantWorkflowKey('chengdu-green', 'cd-dc-01')).toBe('grant:chengdu-green:cd-dc-01');
    expect(grantRefusal(['cd-ai-computing'], 'cd-ai-computing')).toBeNull();
    expect(grantRefusal(['cd-ai-computing'], 'baidu')).toBe('GRANT_SUPPLIER_NOT_LISTED');
  });
});
