import type { Money } from '@app/domain';

/** One outgoing transfer. The idempotency key makes a repeated call the same transfer, never a second one. */
export interface TransferRequest {
  idempotencyKey: string;
  /** The enterprise or supplier paid (suppliers are paid for redemptions, subsidies and grants). */
  payeeId: string;
  /** Absent = an enterprise (the quarterly runs pay enterprises). */
  payeeKind?: 'enterprise' | 'supplier';
  amount: Money;
}

export interface TransferResult {
  /** The bank's reference for the transfer (the same one for a repeated key). */
  reference: string;
  /** true: the key had already been transferred and nothing new happened. */
  duplicate: boolean;
}

/**
 * Where payouts go. Implementations MUST be idempotent by `idempotencyKey`: the redemption run calls
 * `transfer` again after any crash or retry, and relies on the bank to answer with the first transfer.
 * A transient failure (the bank is unavailable) throws an ordinary Error so Temporal retries the activity.
 */
export interface PaymentAdapter {
  transfer(request: TransferRequest): Promise<TransferResult>;
}

/** Nest injection token for the PaymentAdapter (the SimulatedBank when nothing else is bound). */
export const PAYMENT_ADAPTER = Symbol('PAYMENT_ADAPTER');

/** The bank refused or could not take the call; nothing was recorded, the same call may be retried. */
export class BankUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BankUnavailableError';
  }
}
