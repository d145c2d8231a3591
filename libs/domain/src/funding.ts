import { MoneyDecimal } from './money';
import { Money } from './money';
import type { FundingShare } from './program';

export interface FunderAmount {
  funderCode: string;
  amount: Money;
}

/**
 * Splits one payment between its funders to the fen, the parts adding up exactly to the payment: every
 * funder but the last gets its share truncated to the fen, the last gets what is left (so the odd fen of a
 * 1:1 split goes to the last-listed funder — ADR 0013). A program without shares is funded by no one here:
 * validateProgramDefinition refuses that, so this is only a guard.
 */
export function splitByShares(amount: Money, shares: readonly FundingShare[]): FunderAmount[] {
  if (shares.length === 0) return [];
  const parts: FunderAmount[] = [];
  let allocated = Money.zero();
  shares.forEach((s, i) => {
    const part = i === shares.length - 1 ? amount.minus(allocated) : amount.timesRate(s.share);
    allocated = allocated.plus(part);
    parts.push({ funderCode: s.funderCode, amount: part });
  });
  return parts;
}

/** True when the shares are each in (0, 1] and add up to exactly 1. */
export function sharesAddUpToOne(shares: readonly FundingShare[]): boolean {
  try {
    const total = shares.reduce((t, s) => t.plus(new MoneyDecimal(s.share)), new MoneyDecimal(0));
    return (
      shares.every((s) => new MoneyDecimal(s.share).gt(0) && new MoneyDecimal(s.share).lte(1)) && total.eq(1)
    );
  } catch {
    return false;
  }
}
