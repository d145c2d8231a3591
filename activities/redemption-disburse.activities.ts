import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { Money } from '@app/domain';
import { appendAudit } from '@app/persistence';
import { heartbeat } from '@app/temporal/heartbeat';
import type { ActivityNames } from '@app/temporal/activities';
import { PAYMENT_ADAPTER, SimulatedBank, type PaymentAdapter } from './payment';
import { RUN_ACTOR as ACTOR, loadRun, money, runTotals, sql, type RunState } from './redemption-run.store';

/*
 * The run's disbursement phase: pay the approved run's payouts chunk by chunk through the payment
 * adapter (one idempotency key per payout), then close the run with its report. A crash anywhere is
 * healed by the retry: the bank answers a repeated key with the first transfer.
 */

/** Default payouts per disbursement activity. */
export const DEFAULT_DISBURSE_CHUNK_PAYOUTS = 100;

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
  /** What the worker registers (bindActivities); every other method is a helper. */
  static readonly activities: ActivityNames<RedemptionDisburseActivities> = [
    'disburseRunPayoutsChunk',
    'completeRedemptionRun',
  ];

  private readonly payments: PaymentAdapter;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    // A real bank adapter when one is bound to PAYMENT_ADAPTER; otherwise the simulated bank.
    @Optional() @Inject(PAYMENT_ADAPTER) payments?: PaymentAdapter,
  ) {
    this.payments = payments ?? new SimulatedBank(db);
  }

  /**
   * Pays up to `limit` computed payouts of an approved run. Per payout: the bank transfer (idempotency key
   * = the payout's), then ONE transaction moving the payout to paid, the voucher's redeemed amount (never
   * above face value), the claim, the run's paid totals and one audit row. A crash between the transfer and
   * the commit is healed by the retry: the bank answers with the same transfer. A zero payout is skipped
   * without a bank call.
   */
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
    const batch = await sql<{
      id: string;
      claim_id: string;
      voucher_id: string;
      enterprise_id: string;
      amount: string;
      idempotency_key: string;
    }>(
      this.db,
      `SELECT id, claim_id, voucher_id, enterprise_id, amount::text AS amount, idempotency_key
         FROM payouts WHERE run_id = $1 AND status = 'computed'
        ORDER BY voucher_id, id
        LIMIT $2`,
      [run.runId, limit],
    );
    const out = { processed: 0, paid: 0, skipped: 0, duplicates: 0 };
    let bankError: string | null = null;
    for (const p of batch) {
      const amount = Money.parse(p.amount);
      if (amount.isZero()) {
        await this.db.transaction(async (tx) => {
          const done = await sql(
            tx,
            `UPDATE payouts SET status = 'skipped' WHERE id = $1 AND status = 'computed' RETURNING id`,
            [p.id],
          );
          if (done.length === 0) return;
          await tx.query(
            `UPDATE redemption_claims SET status = 'paid' WHERE id = $1 AND status = 'computed'`,
            [p.claim_id],
          );
          await appendAudit(tx, {
            actor: ACTOR,
            action: 'payout.skipped',
            entityType: 'payout',
            entityId: p.id,
            after: { runId: run.runId, claimId: p.claim_id, voucherId: p.voucher_id, amount: '0.00' },
          });
          out.skipped += 1;
        });
      } else {
        // Never send money the voucher cannot take (the compute step should have made this impossible).
        const [room] = await sql(
          this.db,
          `SELECT redeemed_amount + $2::numeric <= face_value AS ok FROM vouchers WHERE id = $1`,
          [p.voucher_id, p.amount],
        );
        if (!room?.ok) {
          const [again] = await sql(this.db, `SELECT status FROM payouts WHERE id = $1`, [p.id]);
          if (again?.status !== 'computed') continue; // paid meanwhile (by a retry that finished first)
          throw ApplicationFailure.nonRetryable(
            `payout ${p.id} of ${p.amount} would take voucher ${p.voucher_id} above its face value`,
            'VoucherOverdrawn',
          );
        }
        await this.db.query(
          `UPDATE payouts SET attempts = attempts + 1 WHERE id = $1 AND status = 'computed'`,
          [p.id],
        );
        let transfer: Awaited<ReturnType<PaymentAdapter['transfer']>>;
        try {
          transfer = await this.payments.transfer({
            idempotencyKey: p.idempotency_key,
            payeeId: p.enterprise_id,
            amount,
          });
        } catch (err) {
          // Keep what this chunk achieved: stop here and let the workflow start a fresh chunk. Only a
          // chunk that cannot even start (or a non-retryable refusal) fails the activity and is retried.
          const retryable = !(err instanceof ApplicationFailure && err.nonRetryable);
          if (out.processed === 0 || !retryable) throw err;
          bankError = err instanceof Error ? err.message : String(err);
          break;
        }
        await this.db.transaction(async (tx) => {
          const done = await sql(
            tx,
            `UPDATE payouts SET status = 'paid', bank_reference = $2, paid_at = now()
              WHERE id = $1 AND status = 'computed' RETURNING id`,
            [p.id, transfer.reference],
          );
          if (done.length === 0) return; // already paid by an earlier attempt
          const voucher = await sql(
            tx,
            `UPDATE vouchers
                SET redeemed_amount = redeemed_amount + $2::numeric,
                    status = CASE WHEN redeemed_amount + $2::numeric = face_value THEN 'exhausted' ELSE status END
              WHERE id = $1 AND redeemed_amount + $2::numeric <= face_value
              RETURNING redeemed_amount::text AS redeemed, face_value::text AS face, status`,
            [p.voucher_id, p.amount],
          );
          if (voucher.length === 0) {
            throw ApplicationFailure.nonRetryable(
              `payout ${p.id}: voucher ${p.voucher_id} has no room for ${p.amount} (transfer ${transfer.reference} needs manual reconciliation)`,
              'VoucherOverdrawn',
            );
          }
          await tx.query(
            `UPDATE redemption_claims SET status = 'paid' WHERE id = $1 AND status = 'computed'`,
            [p.claim_id],
          );
          await tx.query(
            `UPDATE redemption_runs SET paid_count = paid_count + 1, paid_total = paid_total + $2::numeric
              WHERE id = $1`,
            [run.runId, p.amount],
          );
          await appendAudit(tx, {
            actor: ACTOR,
            action: 'payout.paid',
            entityType: 'payout',
            entityId: p.id,
            after: {
              runId: run.runId,
              claimId: p.claim_id,
              voucherId: p.voucher_id,
              enterpriseId: p.enterprise_id,
              amount: amount.toString(),
              bankReference: transfer.reference,
              duplicateTransfer: transfer.duplicate,
              voucherRedeemed: money(voucher[0].redeemed),
              voucherStatus: voucher[0].status,
            },
          });
          out.paid += 1;
          if (transfer.duplicate) out.duplicates += 1;
        });
      }
      out.processed += 1;
      heartbeat(out);
    }
    const [left] = await sql(
      this.db,
      `SELECT count(*)::int AS n FROM payouts WHERE run_id = $1 AND status = 'computed'`,
      [run.runId],
    );
    const after = await loadRun(this.db, run.runId);
    return {
      ...out,
      remaining: Number(left.n),
      bankError,
      paidCount: after.paidCount,
      paidTotal: after.paidTotal,
    };
  }

  /** Marks the run completed with its report (totals, per enterprise, per supplier, rollovers, capped). */
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
      await appendAudit(tx, {
        actor: ACTOR,
        action: 'redemption_run.completed',
        entityType: 'redemption_run',
        entityId: run.runId,
        before: { status: run.status },
        after: { status: 'completed', ...report.totals, rolledOverClaimCount: all.rolledOver },
      });
      return loadRun(tx, run.runId);
    });
  }
}
