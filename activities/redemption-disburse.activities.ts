import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { Money } from '@app/domain';
import { appendAudit } from '@app/persistence';
import { heartbeat } from '@app/temporal/heartbeat';
import { Activity } from '@app/temporal/activities';
import { PAYMENT_ADAPTER, SimulatedBank, type PaymentAdapter, type TransferResult } from './payment';
import { RUN_ACTOR as ACTOR, loadRun, money, runTotals, sql, type RunState } from './redemption-run.store';

/*
 * The run's disbursement phase: pay the approved run's payouts chunk by chunk through the payment
 * adapter (one idempotency key per payout), then close the run with its report. A crash anywhere is
 * healed by the retry: the bank answers a repeated key with the first transfer.
 */

/** Default payouts per disbursement activity (one bank batch, one transaction). */
export const DEFAULT_DISBURSE_CHUNK_PAYOUTS = 1000;

interface BatchPayout {
  id: string;
  claim_id: string;
  voucher_id: string;
  enterprise_id: string;
  amount: string;
  idempotency_key: string;
}

const EMPTY_CHUNK = { processed: 0, paid: 0, skipped: 0, duplicates: 0 };

/**
 * Records a chunk the bank has taken, in one statement: $2 payouts (still computed) with $3 their bank
 * references (null: a zero payout, skipped) and $4 whether the bank already had the transfer. Payouts →
 * paid/skipped, vouchers += Σ paid per voucher (only where it stays ≤ face value: vouchers_updated <
 * vouchers_paid means the caller must roll back), claims → paid, the run's paid totals, one audit row per
 * payout carrying the voucher's redeemed amount and status right after it.
 */
export const PAY_CHUNK_SQL = `
WITH x AS (
  SELECT * FROM unnest($2::uuid[], $3::varchar[], $4::boolean[]) WITH ORDINALITY AS x(id, reference, duplicate, ord)
),
done AS (
  UPDATE payouts p
     SET status = CASE WHEN x.reference IS NULL THEN 'skipped' ELSE 'paid' END,
         bank_reference = x.reference,
         paid_at = CASE WHEN x.reference IS NULL THEN p.paid_at ELSE now() END
    FROM x
   WHERE p.id = x.id AND p.run_id = $1 AND p.status = 'computed'
  RETURNING p.id, p.claim_id, p.voucher_id, p.enterprise_id, p.amount, p.status, x.reference, x.duplicate, x.ord
),
per_voucher AS (
  SELECT voucher_id, sum(amount) AS total FROM done WHERE status = 'paid' GROUP BY voucher_id
),
before AS (
  -- The statement's snapshot: each voucher as it was before this chunk.
  SELECT v.id, v.redeemed_amount, v.face_value, v.status
    FROM vouchers v WHERE v.id IN (SELECT voucher_id FROM per_voucher)
),
vouchers_paid AS (
  UPDATE vouchers v
     SET redeemed_amount = v.redeemed_amount + pv.total,
         status = CASE WHEN v.redeemed_amount + pv.total = v.face_value THEN 'exhausted' ELSE v.status END
    FROM per_voucher pv
   WHERE v.id = pv.voucher_id AND v.redeemed_amount + pv.total <= v.face_value
  RETURNING v.id
),
claims_paid AS (
  UPDATE redemption_claims c SET status = 'paid'
    FROM done d WHERE c.id = d.claim_id AND c.status = 'computed'
  RETURNING c.id
),
run_paid AS (
  UPDATE redemption_runs
     SET paid_count = paid_count + (SELECT count(*) FROM done WHERE status = 'paid'),
         paid_total = paid_total + (SELECT coalesce(sum(amount), 0) FROM done WHERE status = 'paid')
   WHERE id = $1
  RETURNING id
),
audited AS (
  INSERT INTO audit_log (actor, action, entity_type, entity_id, after)
  SELECT $5, 'payout.' || d.status, 'payout', d.id::text,
         CASE WHEN d.status = 'skipped'
              THEN jsonb_build_object('runId', $1::text, 'claimId', d.claim_id, 'voucherId', d.voucher_id,
                                      'amount', '0.00')
              ELSE jsonb_build_object('runId', $1::text, 'claimId', d.claim_id, 'voucherId', d.voucher_id,
                                      'enterpriseId', d.enterprise_id, 'amount', d.amount::text,
                                      'bankReference', d.reference, 'duplicateTransfer', d.duplicate,
                                      'voucherRedeemed', (b.redeemed_amount + d.running)::text,
                                      'voucherStatus', CASE WHEN b.redeemed_amount + d.running = b.face_value
                                                            THEN 'exhausted' ELSE b.status END)
         END
    FROM (SELECT d.*, sum(d.amount) FILTER (WHERE d.status = 'paid')
                        OVER (PARTITION BY d.voucher_id ORDER BY d.ord) AS running
            FROM done d) d
    LEFT JOIN before b ON b.id = d.voucher_id
  RETURNING id
)
SELECT (SELECT count(*) FROM done WHERE status = 'paid')::int AS paid,
       (SELECT count(*) FROM done WHERE status = 'skipped')::int AS skipped,
       (SELECT count(*) FROM done WHERE status = 'paid' AND duplicate)::int AS duplicates,
       (SELECT count(*) FROM per_voucher)::int AS vouchers_paid,
       (SELECT count(*) FROM vouchers_paid)::int AS vouchers_updated,
       (SELECT count(*) FROM claims_paid)::int AS claims,
       (SELECT count(*) FROM audited)::int AS audited,
       (SELECT count(*) FROM run_paid)::int AS runs`;

export interface DisburseRunPayoutsChunkInput {
  runId: string;
  limit?: number;
}

export interface DisburseRunPayoutsChunkResult {
  processed: number;
  paid: number;
  skipped: number;
  /** Transfers the bank already had (a retry after a crash between the bank call and the commit). */
  duplicates: number;
  /** Payouts of the run still 'computed' after this chunk. */
  remaining: number;
  /**
   * The bank refused a call after this chunk had already paid something: the chunk stopped there and
   * returned (the next chunk starts with fresh retries). A refusal of the chunk's first transfer throws.
   */
  bankError: string | null;
  paidCount: number;
  paidTotal: string;
}

export interface CompleteRedemptionRunInput {
  runId: string;
  /** Set when the payout notifications could not be sent (recorded in the report). */
  notificationsFailed?: boolean;
}

@Injectable()
export class RedemptionDisburseActivities {
  private readonly payments: PaymentAdapter;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    // A real bank adapter when one is bound to PAYMENT_ADAPTER; otherwise the simulated bank.
    @Optional() @Inject(PAYMENT_ADAPTER) payments?: PaymentAdapter,
  ) {
    this.payments = payments ?? new SimulatedBank(db);
  }

  /**
   * Pays up to `limit` computed payouts of an approved run, set-based: one batch to the bank (each
   * transfer with its payout's idempotency key), then ONE transaction moving the payouts to paid (or
   * skipped: a zero payout makes no transfer), the vouchers' redeemed amounts (never above face value),
   * the claims, the run's paid totals and one audit row per payout. A crash between the bank and the
   * commit is healed by the retry: the bank answers each repeated key with the same transfer. If the bank
   * stops part-way, what it took is committed and the chunk returns (`bankError`); a refusal of the
   * chunk's first transfer throws, so Temporal retries it.
   */
  @Activity()
  async disburseRunPayoutsChunk(input: DisburseRunPayoutsChunkInput): Promise<DisburseRunPayoutsChunkResult> {
    const run = await loadRun(this.db, input.runId);
    if (run.status !== 'disbursing' || run.approvedBy === null) {
      if (run.status === 'completed') {
        return {
          processed: 0,
          paid: 0,
          skipped: 0,
          duplicates: 0,
          remaining: 0,
          bankError: null,
          paidCount: run.paidCount,
          paidTotal: run.paidTotal,
        };
      }
      throw ApplicationFailure.nonRetryable(
        `run ${run.runId} is ${run.status}${run.approvedBy ? '' : ' and not approved'}: nothing may be paid`,
        'RunNotDisbursing',
      );
    }
    const limit = Math.max(1, Math.floor(input.limit ?? DEFAULT_DISBURSE_CHUNK_PAYOUTS));
    const batch = await this.nextBatch(run.runId, limit);
    if (batch.length === 0) return this.chunkResult(run.runId, EMPTY_CHUNK, null);
    const positive = batch.filter((p) => !Money.parse(p.amount).isZero());

    if (positive.length > 0) {
      await this.db.query(
        `UPDATE payouts SET attempts = attempts + 1 WHERE id = ANY($1::uuid[]) AND status = 'computed'`,
        [positive.map((p) => p.id)],
      );
    }
    let taken: TransferResult[] = [];
    let refused: Error | null = null;
    if (positive.length > 0) {
      try {
        ({ results: taken, refused } = await this.payments.transferBatch(
          positive.map((p) => ({
            idempotencyKey: p.idempotency_key,
            payeeId: p.enterprise_id,
            amount: Money.parse(p.amount),
          })),
        ));
      } catch (err) {
        if (err instanceof ApplicationFailure && err.nonRetryable) throw err;
        refused = err instanceof Error ? err : new Error(String(err));
      }
    }
    // Everything before the first transfer the bank did not take is committed, in the chunk's order.
    const cutoff = refused ? batch.indexOf(positive[taken.length]) : batch.length;
    if (cutoff === 0) throw refused!;
    const references = new Map(positive.slice(0, taken.length).map((p, k) => [p.id, taken[k]] as const));
    const processed = batch.slice(0, cutoff);

    const out = await this.db.transaction(async (tx) => {
      const [r] = await sql(tx, PAY_CHUNK_SQL, [
        run.runId,
        processed.map((p) => p.id),
        processed.map((p) => references.get(p.id)?.reference ?? null),
        processed.map((p) => references.get(p.id)?.duplicate ?? false),
        ACTOR,
      ]);
      if (Number(r.vouchers_updated) !== Number(r.vouchers_paid)) {
        // The compute step makes this impossible; if it happens, nothing of the chunk is recorded.
        throw ApplicationFailure.nonRetryable(
          `run ${run.runId}: a payout would take its voucher above face value (transfers ${[
            ...references.values(),
          ]
            .map((t) => t.reference)
            .join(', ')} need manual reconciliation)`,
          'VoucherOverdrawn',
        );
      }
      return {
        processed: Number(r.paid) + Number(r.skipped),
        paid: Number(r.paid),
        skipped: Number(r.skipped),
        duplicates: Number(r.duplicates),
      };
    });
    heartbeat(out);
    return this.chunkResult(run.runId, out, refused ? refused.message : null);
  }

  /**
   * The next payouts to pay, in (voucher, id) order. A voucher that has no room for its payouts of the
   * chunk stops the chunk: never send money the voucher cannot take.
   */
  private async nextBatch(runId: string, limit: number): Promise<BatchPayout[]> {
    const batch = await sql<BatchPayout & { overdrawn: boolean }>(
      this.db,
      `WITH b AS (
         SELECT id, claim_id, voucher_id, enterprise_id, amount, idempotency_key
           FROM payouts WHERE run_id = $1 AND status = 'computed'
          ORDER BY voucher_id, id
          LIMIT $2
       )
       SELECT b.id, b.claim_id, b.voucher_id, b.enterprise_id, b.amount::text AS amount, b.idempotency_key,
              v.redeemed_amount + sum(b.amount) OVER (PARTITION BY b.voucher_id) > v.face_value AS overdrawn
         FROM b JOIN vouchers v ON v.id = b.voucher_id
        ORDER BY b.voucher_id, b.id`,
      [runId, limit],
    );
    const over = batch.find((p) => p.overdrawn);
    if (over) {
      throw ApplicationFailure.nonRetryable(
        `payouts of voucher ${over.voucher_id} would take it above its face value`,
        'VoucherOverdrawn',
      );
    }
    return batch;
  }

  private async chunkResult(
    runId: string,
    out: typeof EMPTY_CHUNK,
    bankError: string | null,
  ): Promise<DisburseRunPayoutsChunkResult> {
    const [r] = await sql(
      this.db,
      `SELECT (SELECT count(*) FROM payouts WHERE run_id = $1 AND status = 'computed')::int AS remaining,
              paid_count, paid_total::text AS paid_total
         FROM redemption_runs WHERE id = $1`,
      [runId],
    );
    return {
      ...out,
      remaining: Number(r.remaining),
      bankError,
      paidCount: Number(r.paid_count),
      paidTotal: money(r.paid_total),
    };
  }

  /** Marks the run completed with its report (totals, per enterprise, per supplier, rollovers, capped). */
  @Activity()
  async completeRedemptionRun(input: CompleteRedemptionRunInput): Promise<RunState> {
    return this.db.transaction(async (tx) => {
      const run = await loadRun(tx, input.runId, true);
      if (run.status === 'completed') return run;
      if (run.status !== 'disbursing') {
        throw ApplicationFailure.nonRetryable(
          `run ${run.runId} is ${run.status}, not disbursing`,
          'RunNotDisbursing',
        );
      }
      const [left] = await sql(
        tx,
        `SELECT count(*)::int AS n FROM payouts WHERE run_id = $1 AND status = 'computed'`,
        [run.runId],
      );
      if (Number(left.n) > 0) {
        throw ApplicationFailure.nonRetryable(
          `run ${run.runId} still has ${left.n} unpaid payouts`,
          'RunNotDisbursed',
        );
      }
      const all = await runTotals(tx, run.runId, ['paid', 'skipped']);
      const paid = await runTotals(tx, run.runId, ['paid']);
      const limited = await sql(
        tx,
        `SELECT p.id AS "payoutId", p.claim_id AS "claimId", p.voucher_id AS "voucherId",
                p.enterprise_id AS "enterpriseId", p.uncapped_amount::text AS "uncappedAmount",
                p.amount::text AS amount
           FROM payouts p WHERE p.run_id = $1 AND p.limited_by_balance
          ORDER BY p.voucher_id, p.id`,
        [run.runId],
      );
      const report = {
        totals: {
          claimCount: all.count,
          totalPayout: all.total,
          paidCount: paid.count,
          paidTotal: paid.total,
          skippedCount: all.count - paid.count,
          limitedByBalanceCount: all.limited,
        },
        byEnterprise: all.byEnterprise,
        bySupplier: all.bySupplier,
        byFunder: paid.byFunder,
        limitedByPoolCount: all.limitedByPool,
        rolledOverClaimCount: all.rolledOver,
        limitedByBalance: limited.map((l) => ({
          ...l,
          uncappedAmount: money(l.uncappedAmount),
          amount: money(l.amount),
        })),
        notificationsFailed: input.notificationsFailed === true,
      };
      await tx.query(
        `UPDATE redemption_runs
            SET status = 'completed', completed_at = now(),
                report = coalesce(report, '{}'::jsonb) || $2::jsonb
          WHERE id = $1`,
        [run.runId, JSON.stringify(report)],
      );
      await appendAudit(tx, ACTOR, 'redemption_run.completed', ['redemption_run', run.runId], {
        before: { status: run.status },
        after: { status: 'completed', ...report.totals, rolledOverClaimCount: all.rolledOver },
      });
      return loadRun(tx, run.runId);
    });
  }
}
