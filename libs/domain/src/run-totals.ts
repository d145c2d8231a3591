/*
 * A redemption run's totals as its report keeps them (JSON, amounts as decimal strings): the run's activities
 * write them (activities/redemption-run.store.ts), the console reads them from the run's answer. Types only.
 */

/** One enterprise's or supplier's payouts in a run. */
export interface PartyTotal {
  id: string;
  /** The enterprise's credit code or the supplier's code. */
  code: string;
  name: string;
  payouts: number;
  total: string;
  /** How many of its payouts the voucher's balance cut down. */
  limitedByBalance: number;
}

/** One budget's part of a run's payouts (province, city …), from the payouts' funding shares. */
export interface FunderTotal {
  funderCode: string;
  total: string;
}
