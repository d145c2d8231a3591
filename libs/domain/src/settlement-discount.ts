import { DomainInputError } from './errors';
import { Money, MoneyDecimal } from './money';
import type { ProgramDefinition, SettlementDiscountTier } from './program';

/*
 * 泰州市姜堰区 (seed 003): no application — the supplier settles a purchase at the discounted price and the
 * rest is the subsidy. > 300,000 → core-industry 4折 / others 4.6折; 100,000–300,000 → 4.2 / 4.8;
 * < 100,000 → 4.4 / 5折. The seed leaves exactly 100,000.00 and 300,000.00 open: both are read into the
 * middle tier (ADR 0024).
 */

export interface SettlementDiscount {
  tierIndex: number;
  tier: SettlementDiscountTier;
  /** Share of the list price the buyer pays. */
  factor: string;
  /** What the buyer pays: the list price less the subsidy (so it is never below list × factor). */
  payable: Money;
  /** The subsidy recorded: list − payable. */
  subsidy: Money;
}

export function settlementDiscount(
  program: ProgramDefinition,
  input: { listAmount: Money; coreIndustry: boolean },
): SettlementDiscount {
  const rule = program.settlementDiscount;
  if (!rule)
    throw new DomainInputError('NO_SETTLEMENT_DISCOUNT', `${program.code} has no settlement discount`);
  if (!input.listAmount.isPositive())
    throw new DomainInputError('NEGATIVE_AMOUNT', 'The purchase amount must be more than 0');
  const tierIndex = rule.tiers.findIndex((t) => {
    const from = Money.parse(t.from);
    return t.fromInclusive ? input.listAmount.gte(from) : input.listAmount.gt(from);
  });
  if (tierIndex < 0) throw new DomainInputError('NO_DISCOUNT_TIER', 'No tier covers this purchase');
  const tier = rule.tiers[tierIndex];
  const factor = input.coreIndustry ? tier.coreIndustryFactor : tier.otherFactor;
  // Subsidy = list × (1 − factor) truncated to the fen; the buyer pays the rest.
  const subsidy = input.listAmount.timesRate(new MoneyDecimal(1).minus(factor).toString());
  return { tierIndex, tier, factor, payable: input.listAmount.minus(subsidy), subsidy };
}
