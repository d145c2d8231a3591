/**
 * When the bureau may withdraw (作废) a voucher (ADR 0050): only an active voucher, and only while none of
 * its redemption claims is in flight — a claim still pending or computed in a run would otherwise be paid
 * against a voucher that no longer exists, or leave the run's totals disagreeing with its vouchers.
 */
export type VoucherWithdrawalRefusal = 'VOUCHER_NOT_ACTIVE' | 'VOUCHER_CLAIMS_IN_FLIGHT';

/** Claim statuses that are still on their way to a payout (paid and cancelled ones are settled). */
export const CLAIM_STATUSES_IN_FLIGHT = ['pending', 'computed'] as const;

export function voucherWithdrawalRefusal(input: {
  status: string;
  claimStatuses: readonly string[];
}): VoucherWithdrawalRefusal | null {
  if (input.status !== 'active') return 'VOUCHER_NOT_ACTIVE';
  if (input.claimStatuses.some((s) => (CLAIM_STATUSES_IN_FLIGHT as readonly string[]).includes(s)))
    return 'VOUCHER_CLAIMS_IN_FLIGHT';
  return null;
}
