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

/** What the bank did with a batch: the transfers it took, in order, and where it stopped (if it did). */
export interface BatchTransferResult {
  /** One result per request taken, in request order: always a prefix of the batch. */
  results: TransferResult[];
  /**
   * Set when the bank refused the request at index `results.length`: it and every later request were not
   * recorded (send them again later). Null when the whole batch was taken.
   */
  refused: Error | null;
}

/**
 * Where payouts go. Implementations MUST be idempotent by `idempotencyKey`, per transfer, also inside a
 * batch: the redemption run sends a chunk's transfers again after any crash or retry, and relies on the
 * bank to answer each repeated key with the first transfer. A transient failure (the bank is unavailable)
 * throws an ordinary Error, or stops a batch part-way (`refused`), so the caller retries what is left.
 */
export interface PaymentAdapter {
  transfer(request: TransferRequest): Promise<TransferResult>;
  /** Many transfers in one call (a bank's batch file or bulk API), each with its own idempotency key. */
  transferBatch(requests: TransferRequest[]): Promise<BatchTransferResult>;
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
