import { Money } from './money';
import type { ProgramDefinition, StackingRule } from './program';
import type { ReasonCode } from './reasons';

/*
 * Cross-program rules across every program the installation runs (seeds 001 §六(四)(五), 002's closing
 * paragraph, 004 §八(三)): one spending — a contract line, or the invoice that evidences it — is funded
 * once. When it qualifies under several programs it is funded by the most favourable (从优/就高/不重复);
 * "not combinable" lists are enforced; stacking only where both programs say so and only up to the
 * combined rate (Hangzhou 45% / 25%); a move to a higher tier pays only the difference (晋级补差).
 * Pure functions with reason codes, fed by one query over every program's funded spending (ADR 0023).
 */

/** The business key of one spending: the invoice when one evidences it, else the contract line. */
export function spendingKey(input: {
  supplierCode: string;
  contractNumber: string;
  lineNo: number;
  invoiceNumber?: string | null;
}): string {
  const norm = (s: string) => s.trim().replace(/\s+/g, '').toUpperCase();
  return input.invoiceNumber
    ? `invoice:${input.supplierCode}:${norm(input.invoiceNumber)}`
    : `contract:${input.supplierCode}:${norm(input.contractNumber)}#${input.lineNo}`;
}

export type FundingRole = 'primary' | 'stacked' | 'top-up';

/** Another program's active funding of the same spending. */
export interface ExistingFunding {
  fundingId: string;
  programCode: string;
  stacking: StackingRule;
  amount: Money;
  role: FundingRole;
  /** Some of the voucher behind it has been paid: it can no longer be replaced, only topped up. */
  paid: boolean;
  /** The voucher behind it (what a supersession withdraws). */
  voucherId: string | null;
}

export interface SpendingClaim {
  key: string;
  /** The line's eligible amount: the base any combined rate applies to. */
  base: Money;
  /** What the applying program would fund of it after its own caps. */
  amount: Money;
  /** Highest stacked rate for this spending (from the applying program's rate rule); null = none given. */
  maxCombinedRate: string | null;
  existing: readonly ExistingFunding[];
}

export type SpendingOutcome = 'fund' | 'stack' | 'top-up' | 'supersede' | 'refuse';

export interface SpendingDecision {
  key: string;
  outcome: SpendingOutcome;
  /** What the applying program funds of this spending (zero when refused). */
  amount: Money;
  role: FundingRole | null;
  reason: ReasonCode;
  /** Fundings this one replaces (supersede only). */
  supersedes: string[];
  /** What other programs fund of it already. */
  fundedElsewhere: Money;
}

function mayStack(a: { code: string; stacking: StackingRule }, b: { code: string; stacking: StackingRule }) {
  return (
    a.stacking.rule === 'stackable' &&
    b.stacking.rule === 'stackable' &&
    (a.stacking.stacksWith.includes(b.code) || b.stacking.stacksWith.includes(a.code))
  );
}

/**
 * One spending claimed by `program`:
 * - nobody funds it → fund it (CROSS_PROGRAM_FIRST_FUNDING);
 * - every funder stacks with this program → add up to base × combined rate (CROSS_PROGRAM_STACKED), or
 *   nothing is left under it (STACKING_LIMIT_REACHED);
 * - otherwise the more favourable wins: no more than what is funded already → refused
 *   (SPENDING_FUNDED_MORE_FAVOURABLY); more, and the program pays the difference (晋级补差) → the
 *   difference (CROSS_PROGRAM_TOP_UP); more, and nothing of the others is paid yet → this funding replaces
 *   them (CROSS_PROGRAM_SUPERSEDES); more, but some is paid → only the difference, never twice.
 */
export function resolveSpending(
  program: Pick<ProgramDefinition, 'code' | 'stacking'>,
  claim: SpendingClaim,
): SpendingDecision {
  const others = claim.existing.filter((e) => e.programCode !== program.code);
  const fundedElsewhere = Money.sum(others.map((e) => e.amount));
  const base = { key: claim.key, supersedes: [] as string[], fundedElsewhere };
  const refuse = (reason: ReasonCode): SpendingDecision => ({
    ...base,
    outcome: 'refuse',
    amount: Money.zero(),
    role: null,
    reason,
  });
  if (others.length === 0)
    return {
      ...base,
      outcome: 'fund',
      amount: claim.amount,
      role: 'primary',
      reason: 'CROSS_PROGRAM_FIRST_FUNDING',
    };

  const stackable =
    others.every((e) => mayStack(program, { code: e.programCode, stacking: e.stacking })) &&
    !others.some((e) => e.role === 'stacked');
  if (stackable) {
    const room =
      claim.maxCombinedRate === null
        ? claim.amount
        : claim.base.timesRate(claim.maxCombinedRate).minus(fundedElsewhere).clampToZero();
    const amount = claim.amount.min(room);
    if (amount.isZero()) return refuse('STACKING_LIMIT_REACHED');
    return { ...base, outcome: 'stack', amount, role: 'stacked', reason: 'CROSS_PROGRAM_STACKED' };
  }

  if (claim.amount.lte(fundedElsewhere)) return refuse('SPENDING_FUNDED_MORE_FAVOURABLY');
  const difference = claim.amount.minus(fundedElsewhere);
  if (program.stacking.tierUpgradePaysDifference || others.some((e) => e.paid || e.role !== 'primary'))
    return { ...base, outcome: 'top-up', amount: difference, role: 'top-up', reason: 'CROSS_PROGRAM_TOP_UP' };
  return {
    ...base,
    outcome: 'supersede',
    amount: claim.amount,
    role: 'primary',
    reason: 'CROSS_PROGRAM_SUPERSEDES',
    supersedes: others.map((e) => e.fundingId),
  };
}

/** 不可重复申领: a program listed as not combinable (either way) already supports the unit this year. */
export function notCombinableWith(
  program: Pick<ProgramDefinition, 'code' | 'stacking'>,
  heldThisYear: readonly { code: string; stacking: StackingRule }[],
): string | null {
  const clash = heldThisYear.find(
    (h) =>
      h.code !== program.code &&
      (program.stacking.notCombinableWith.includes(h.code) ||
        h.stacking.notCombinableWith.includes(program.code)),
  );
  return clash?.code ?? null;
}

export interface ApplicationResolution {
  decisions: SpendingDecision[];
  /** Σ of what the program funds over the spending. */
  total: Money;
  /** The refusal when nothing is left to fund; null otherwise. */
  refusal: ReasonCode | null;
  /** Vouchers a supersession withdraws (each once). */
  supersededVouchers: string[];
}

/** Every spending of one application; refused as a whole only when nothing is left to fund. */
export function resolveApplication(
  program: Pick<ProgramDefinition, 'code' | 'stacking'>,
  claims: readonly SpendingClaim[],
): ApplicationResolution {
  const decisions = claims.map((c) => resolveSpending(program, c));
  const total = Money.sum(decisions.map((d) => d.amount));
  const superseded = new Set<string>();
  for (const d of decisions)
    if (d.outcome === 'supersede')
      for (const id of d.supersedes) {
        const e = claims.find((c) => c.key === d.key)!.existing.find((x) => x.fundingId === id);
        if (e?.voucherId) superseded.add(e.voucherId);
      }
  const refused = decisions.find((d) => d.outcome === 'refuse');
  return {
    decisions,
    total,
    refusal: total.isZero() ? (refused?.reason ?? 'FACE_VALUE_ZERO') : null,
    supersededVouchers: [...superseded],
  };
}

/** Other public support an application declares (seed 001 §六(四): 已获得或正在申报的补助资金情况). */
export interface DeclaredSupport {
  programCode: string | null;
  programName: string;
  amount: Money;
  status: 'received' | 'applied';
}

/** What the reviewer is shown: support found on the same spending that the application did not declare. */
export function undeclaredSupport(
  declared: readonly DeclaredSupport[],
  found: readonly { programCode: string; key: string; amount: Money }[],
): { programCode: string; keys: string[]; amount: Money }[] {
  const declaredCodes = new Set(declared.map((d) => d.programCode).filter((c): c is string => c !== null));
  const byProgram = new Map<string, { programCode: string; keys: string[]; amount: Money }>();
  for (const f of found) {
    if (declaredCodes.has(f.programCode)) continue;
    const row = byProgram.get(f.programCode) ?? {
      programCode: f.programCode,
      keys: [],
      amount: Money.zero(),
    };
    row.keys.push(f.key);
    row.amount = row.amount.plus(f.amount);
    byProgram.set(f.programCode, row);
  }
  return [...byProgram.values()];
}
