import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { AppEnv } from '@app/config';
import { Notifier } from '@app/notifications';
import { appendAudit, rowsOf } from '@app/persistence';
import { Activity } from '@app/temporal/activities';

export interface PoolRedemptionVerdict {
  redemptionId: string;
  userId: string;
  decision: 'approve' | 'refuse';
  reason: string | null;
}

export type PoolRedemptionOutcome = { status: 'approved'; paymentId: string } | { status: 'refused' };

/**
 * A supplier's redemption of one deduction (Chengdu 普惠 §四(一) 兑付): the bureau's verdict, the direct
 * payment it creates, and the paid mark. Idempotent: the redemption's status and the direct payment's
 * UNIQUE(kind, source_id) make a retry find what the first try wrote, so a deduction is paid once.
 */
@Injectable()
export class PoolRedemptionActivities {
  private readonly notifier: Notifier;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    env: AppEnv,
  ) {
    this.notifier = new Notifier(db, env);
  }

  @Activity()
  async decidePoolRedemption(input: PoolRedemptionVerdict): Promise<PoolRedemptionOutcome> {
    return this.db.transaction(async (tx) => {
      const [r] = await tx.query(
        `SELECT id, status, supplier_id, program_code, program_version, amount::text AS amount, direct_payment_id
           FROM pool_redemptions WHERE id = $1 FOR UPDATE`,
        [input.redemptionId],
      );
      if (!r) throw ApplicationFailure.nonRetryable('no such redemption', 'NOT_FOUND');
      if (r.status === 'refused') return { status: 'refused' };
      if (r.status === 'approved' || r.status === 'paid') {
        return { status: 'approved', paymentId: r.direct_payment_id as string };
      }
      if (r.status !== 'submitted') {
        throw ApplicationFailure.nonRetryable('the redemption is not submitted', 'REDEMPTION_NOT_SUBMITTED');
      }
      if (input.decision === 'refuse') {
        await tx.query(
          `UPDATE pool_redemptions SET status = 'refused', refusal_reason = $2, decided_by = $3, decided_at = now()
            WHERE id = $1`,
          [r.id, input.reason, input.userId],
        );
        await appendAudit(tx, input.userId, 'pool.redemption_refused', ['pool_redemption', r.id], {
          before: { status: 'submitted' },
          after: { status: 'refused', reason: input.reason },
        });
        return { status: 'refused' };
      }
      // One direct payment per redemption (UNIQUE(kind, source_id)); its idempotency key goes to the bank.
      await tx.query(
        `INSERT INTO direct_payments
           (program_code, program_version, kind, source_id, payee_kind, payee_id, amount, idempotency_key,
            status, approved_by)
         VALUES ($1, $2, 'supplier_redemption', $3, 'supplier', $4, $5, $6, 'approved', $7)
         ON CONFLICT (kind, source_id) DO NOTHING`,
        [
          r.program_code,
          r.program_version,
          r.id,
          r.supplier_id,
          r.amount,
          `supplier_redemption:${r.id}`,
          input.userId,
        ],
      );
      const [payment] = await tx.query(
        `SELECT id FROM direct_payments WHERE kind = 'supplier_redemption' AND source_id = $1`,
        [r.id],
      );
      await tx.query(
        `UPDATE pool_redemptions
            SET status = 'approved', decided_by = $2, decided_at = now(), direct_payment_id = $3
          WHERE id = $1`,
        [r.id, input.userId, payment.id],
      );
      await appendAudit(tx, input.userId, 'pool.redemption_approved', ['pool_redemption', r.id], {
        before: { status: 'submitted' },
        after: { status: 'approved', directPaymentId: payment.id, amount: r.amount },
      });
      return { status: 'approved', paymentId: payment.id as string };
    });
  }

  /** After the bank has the payment: the redemption is paid (once). */
  @Activity()
  async markPoolRedemptionPaid(input: { redemptionId: string }): Promise<{ paid: boolean }> {
    return this.db.transaction(async (tx) => {
      const rows = rowsOf<{ id: string; amount: string; bank_reference: string | null }>(
        await tx.query(
          `UPDATE pool_redemptions r SET status = 'paid', paid_at = d.paid_at
             FROM direct_payments d
            WHERE r.id = $1 AND r.status = 'approved' AND d.id = r.direct_payment_id AND d.status = 'paid'
          RETURNING r.id, r.amount::text AS amount, d.bank_reference`,
          [input.redemptionId],
        ),
      );
      if (rows.length === 0) {
        const [r] = await tx.query(`SELECT status FROM pool_redemptions WHERE id = $1`, [input.redemptionId]);
        if (r?.status === 'paid') return { paid: true };
        throw new Error(`redemption ${input.redemptionId} is not approved with a paid direct payment yet`);
      }
      await appendAudit(tx, 'system:pool', 'pool.redemption_paid', ['pool_redemption', input.redemptionId], {
        before: { status: 'approved' },
        after: { status: 'paid', amount: rows[0].amount, bankReference: rows[0].bank_reference },
      });
      return { paid: true };
    });
  }

  /** Tells the supplier's users the verdict (and, once paid, the payment). */
  @Activity()
  async notifyPoolRedemption(input: {
    redemptionId: string;
    event: 'approved' | 'refused' | 'paid';
  }): Promise<{ recipients: number }> {
    const [r] = await this.db.query(
      `SELECT r.id, r.supplier_id, r.amount::text AS amount, r.refusal_reason, v.voucher_no
         FROM pool_redemptions r JOIN pool_deductions d ON d.id = r.deduction_id
         JOIN pool_vouchers v ON v.id = d.voucher_id WHERE r.id = $1`,
      [input.redemptionId],
    );
    if (!r) return { recipients: 0 };
    const text = {
      approved: {
        zh: `普惠算力券 ${r.voucher_no} 兑付申请已审核通过,兑付金额 ¥${r.amount},正在拨付。`,
        en: `The redemption of voucher ${r.voucher_no} (¥${r.amount}) was approved and is being paid.`,
      },
      refused: {
        zh: `普惠算力券 ${r.voucher_no} 兑付申请未通过审核。理由:${r.refusal_reason ?? ''}`,
        en: `The redemption of voucher ${r.voucher_no} was refused. Reason: ${r.refusal_reason ?? ''}`,
      },
      paid: {
        zh: `普惠算力券 ${r.voucher_no} 兑付款 ¥${r.amount} 已拨付。`,
        en: `¥${r.amount} for voucher ${r.voucher_no} has been paid.`,
      },
    }[input.event];
    const users: { id: string; email: string }[] = await this.db.query(
      `SELECT id, email FROM users WHERE supplier_id = $1 AND active ORDER BY created_at`,
      [r.supplier_id],
    );
    for (const u of users) {
      await this.notifier.notify({
        subject: { zh: '普惠算力券兑付', en: 'Inclusive compute voucher redemption' },
        body: text,
        dedupeKey: `pool-redemption:${r.id}:${input.event}:${u.id}`,
        kind: `pool.redemption_${input.event}`,
        recipientUserId: u.id,
        recipientEmail: u.email,
        entityType: 'pool_redemption',
        entityId: r.id,
      });
    }
    return { recipients: users.length };
  }
}
