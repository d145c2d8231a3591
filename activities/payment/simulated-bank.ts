import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '@app/persistence';
import {
  BankUnavailableError,
  type PaymentAdapter,
  type TransferRequest,
  type TransferResult,
} from './payment-adapter';

/** Anything that runs SQL: a DataSource, an EntityManager or a pg client. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export interface BankFaults {
  /** The next N calls fail, then calls succeed again. */
  failNext?: number;
  /** Every n-th call (counting all calls since the last reset) fails; 0 = never. */
  failEveryNth?: number;
}

/** Makes the simulated bank fail calls (tests, rehearsals). Keeps the call counter. */
export async function setFaults(db: Queryable, faults: BankFaults): Promise<void> {
  await db.query(`UPDATE simulated_bank_faults SET fail_next = $1, fail_every_nth = $2 WHERE id = 1`, [
    faults.failNext ?? 0,
    faults.failEveryNth ?? 0,
  ]);
}

/** No faults, call counter back to zero. */
export async function resetFaults(db: Queryable): Promise<void> {
  await db.query(
    `UPDATE simulated_bank_faults SET fail_next = 0, fail_every_nth = 0, calls = 0 WHERE id = 1`,
  );
}

/**
 * The default PaymentAdapter: a bank simulated in PostgreSQL. A transfer is one row of
 * `simulated_bank_transfers`, unique by idempotency key, so the same key is the same transfer however
 * often it is sent. The single row of `simulated_bank_faults` makes calls fail on demand (`fail_next`,
 * `fail_every_nth`); a failing call throws a retryable BankUnavailableError before anything is recorded.
 * SIMULATED_BANK_DELAY_MS (optional) adds latency to each call, for rehearsals of slow banks.
 */
@Injectable()
export class SimulatedBank implements PaymentAdapter {
  private readonly delayMs: number;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    const delay = Number(process.env.SIMULATED_BANK_DELAY_MS ?? 0);
    this.delayMs = Number.isInteger(delay) && delay > 0 ? delay : 0;
  }

  async transfer(request: TransferRequest): Promise<TransferResult> {
    if (request.amount.isNegative() || request.amount.isZero()) {
      throw ApplicationFailure.nonRetryable(
        `transfer amount must be positive: ${request.amount.toString()}`,
        'InvalidTransfer',
      );
    }
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));

    // Count the call and decide, atomically, whether this one fails.
    const [fault] = rowsOf<{ call: string; fail: boolean }>(
      await this.db.query(
        `WITH f AS (
         SELECT fail_next, fail_every_nth, calls + 1 AS n FROM simulated_bank_faults WHERE id = 1 FOR UPDATE
       )
       UPDATE simulated_bank_faults s
          SET calls = f.n, fail_next = greatest(f.fail_next - 1, 0)
         FROM f
        WHERE s.id = 1
       RETURNING f.n AS call, (f.fail_next > 0 OR (f.fail_every_nth > 0 AND f.n % f.fail_every_nth = 0)) AS fail`,
      ),
    );
    if (fault?.fail) {
      throw new BankUnavailableError(`simulated bank: call ${fault.call} refused (fault injection)`);
    }

    const inserted = (await this.db.query(
      `INSERT INTO simulated_bank_transfers (idempotency_key, payee_id, payee_kind, amount, reference)
       VALUES ($1, $2, $4, $3, 'SB-' || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 20)))
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING reference`,
      [request.idempotencyKey, request.payeeId, request.amount.toString(), request.payeeKind ?? 'enterprise'],
    )) as { reference: string }[];
    if (inserted.length === 1) return { reference: inserted[0].reference, duplicate: false };

    const [existing] = (await this.db.query(
      `SELECT reference, payee_id, payee_kind, amount::text AS amount
         FROM simulated_bank_transfers WHERE idempotency_key = $1`,
      [request.idempotencyKey],
    )) as { reference: string; payee_id: string; payee_kind: string; amount: string }[];
    if (!existing)
      throw new BankUnavailableError(`simulated bank: transfer ${request.idempotencyKey} vanished`);
    if (
      existing.payee_id !== request.payeeId ||
      existing.payee_kind !== (request.payeeKind ?? 'enterprise') ||
      existing.amount !== request.amount.toString()
    ) {
      // Same key, different transfer: a programming error, never to be retried into a second payment.
      throw ApplicationFailure.nonRetryable(
        `idempotency key ${request.idempotencyKey} reused for a different transfer`,
        'IdempotencyKeyReused',
      );
    }
    return { reference: existing.reference, duplicate: true };
  }
}
