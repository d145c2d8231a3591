import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '@app/persistence';
import {
  BankUnavailableError,
  type BatchTransferResult,
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
 * often it is sent. A batch is written by ONE `INSERT … SELECT … FROM unnest(…) ON CONFLICT DO NOTHING`
 * (a repeated key answers with its first transfer). The single row of `simulated_bank_faults` makes
 * transfers fail on demand, each transfer of a batch counting as one call (`fail_next`, `fail_every_nth`):
 * a refused transfer ends the batch there, nothing from it on is recorded, and a refusal of the first
 * throws a retryable BankUnavailableError. SIMULATED_BANK_DELAY_MS (optional) adds that latency per
 * transfer, for rehearsals of slow banks.
 */
@Injectable()
export class SimulatedBank implements PaymentAdapter {
  private readonly delayMs: number;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    const delay = Number(process.env.SIMULATED_BANK_DELAY_MS ?? 0);
    this.delayMs = Number.isInteger(delay) && delay > 0 ? delay : 0;
  }

  async transfer(request: TransferRequest): Promise<TransferResult> {
    const { results, refused } = await this.transferBatch([request]);
    if (refused) throw refused;
    return results[0];
  }

  async transferBatch(requests: TransferRequest[]): Promise<BatchTransferResult> {
    if (requests.length === 0) return { results: [], refused: null };
    for (const r of requests) {
      if (r.amount.isNegative() || r.amount.isZero()) {
        throw ApplicationFailure.nonRetryable(
          `transfer amount must be positive: ${r.amount.toString()} (${r.idempotencyKey})`,
          'InvalidTransfer',
        );
      }
    }
    if (this.delayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.delayMs * requests.length));
    }

    // Count the batch's calls and find, atomically, the first one that fails (1-based; null: none).
    const [fault] = rowsOf<{ fail_at: number | null; last_call: string }>(
      await this.db.query(
        `WITH f AS (
           SELECT fail_next, fail_every_nth, calls FROM simulated_bank_faults WHERE id = 1 FOR UPDATE
         ), d AS (
           SELECT f.*, CASE WHEN fail_next > 0 THEN 1
                            WHEN fail_every_nth > 0 AND fail_every_nth - calls % fail_every_nth <= $1
                              THEN fail_every_nth - calls % fail_every_nth
                       END::int AS fail_at
             FROM f
         )
         UPDATE simulated_bank_faults s
            SET calls = d.calls + coalesce(d.fail_at, $1), fail_next = greatest(d.fail_next - 1, 0)
           FROM d
          WHERE s.id = 1
         RETURNING d.fail_at, d.calls + coalesce(d.fail_at, $1) AS last_call`,
        [requests.length],
      ),
    );
    const failAt = fault?.fail_at ?? null;
    const taken = failAt === null ? requests : requests.slice(0, failAt - 1);
    const refused =
      failAt === null
        ? null
        : new BankUnavailableError(`simulated bank: call ${fault.last_call} refused (fault injection)`);
    if (taken.length === 0) throw refused!;

    const rows = rowsOf<{ reference: string | null; duplicate: boolean; mismatch: boolean; key: string }>(
      await this.db.query(
        `WITH req AS (
           SELECT * FROM unnest($1::varchar[], $2::uuid[], $3::varchar[], $4::numeric[])
                    WITH ORDINALITY AS r(idempotency_key, payee_id, payee_kind, amount, ord)
         ), ins AS (
           INSERT INTO simulated_bank_transfers (idempotency_key, payee_id, payee_kind, amount, reference)
           SELECT idempotency_key, payee_id, payee_kind, amount,
                  'SB-' || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 20))
             FROM req ORDER BY ord
           ON CONFLICT (idempotency_key) DO NOTHING
           RETURNING idempotency_key, reference
         )
         SELECT r.idempotency_key AS key, coalesce(i.reference, t.reference) AS reference,
                i.reference IS NULL AS duplicate,
                (i.reference IS NULL AND (t.payee_id <> r.payee_id OR t.payee_kind <> r.payee_kind
                                          OR t.amount <> r.amount)) IS TRUE AS mismatch
           FROM req r
           LEFT JOIN ins i ON i.idempotency_key = r.idempotency_key
           LEFT JOIN simulated_bank_transfers t ON i.reference IS NULL AND t.idempotency_key = r.idempotency_key
          ORDER BY r.ord`,
        [
          taken.map((r) => r.idempotencyKey),
          taken.map((r) => r.payeeId),
          taken.map((r) => r.payeeKind ?? 'enterprise'),
          taken.map((r) => r.amount.toString()),
        ],
      ),
    );
    const reused = rows.find((r) => r.mismatch);
    if (reused) {
      // Same key, different transfer: a programming error, never to be retried into a second payment.
      throw ApplicationFailure.nonRetryable(
        `idempotency key ${reused.key} reused for a different transfer`,
        'IdempotencyKeyReused',
      );
    }
    const vanished = rows.find((r) => r.reference === null);
    if (vanished) {
      // Written by a concurrent call not yet visible to this statement: the retry will see it.
      throw new BankUnavailableError(`simulated bank: transfer ${vanished.key} not yet visible`);
    }
    return {
      results: rows.map((r) => ({ reference: r.reference!, duplicate: r.duplicate })),
      refused,
    };
  }
}
