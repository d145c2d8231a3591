import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { splitByShares } from '@app/domain';
import { DirectPaymentRecord, ProgramCatalog, appendAudit, rowsOf } from '@app/persistence';
import { PAYMENT_ADAPTER, SimulatedBank, type PaymentAdapter } from './payment';
import { Activity } from '@app/temporal/activities';

export interface DirectPaymentOutcome {
  paymentId: string;
  status: 'paid';
  amount: string;
  bankReference: string;
}

/**
 * Pays one approved direct payment (a round's award, a subsidy, a grant, a supplier's redemption): one bank
 * transfer under the payment's own idempotency key, then — in one transaction — the payment marked paid,
 * its split between the funders of its program version, and the audit row. Safe to run twice: the bank
 * answers a repeated key with the same transfer, and only an 'approved' payment moves to 'paid'.
 */
@Injectable()
export class DirectPaymentActivities {
  private readonly payments: PaymentAdapter;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalog: ProgramCatalog,
    @Optional() @Inject(PAYMENT_ADAPTER) payments?: PaymentAdapter,
  ) {
    this.payments = payments ?? new SimulatedBank(db);
  }

  @Activity()
  async disburseDirectPayment(input: { paymentId: string }): Promise<DirectPaymentOutcome> {
    const payment = await this.db.getRepository(DirectPaymentRecord).findOneBy({ id: input.paymentId });
    if (!payment)
      throw ApplicationFailure.nonRetryable(`no direct payment ${input.paymentId}`, 'UnknownDirectPayment');
    if (payment.status === 'paid') {
      return {
        paymentId: payment.id,
        status: 'paid',
        amount: payment.amount.toString(),
        bankReference: payment.bankReference ?? '',
      };
    }
    const transfer = await this.payments.transfer({
      idempotencyKey: payment.idempotencyKey,
      payeeId: payment.payeeId,
      payeeKind: payment.payeeKind,
      amount: payment.amount,
    });
    const { definition } = await this.catalog.version(payment.programCode, payment.programVersion);
    await this.db.transaction(async (tx) => {
      const moved = await tx.query(
        `UPDATE direct_payments SET status = 'paid', bank_reference = $2, paid_at = now()
          WHERE id = $1 AND status = 'approved' RETURNING id`,
        [payment.id, transfer.reference],
      );
      if (!rowsOf(moved).length) return; // paid by an earlier attempt
      for (const part of splitByShares(payment.amount, definition.fundingShares)) {
        await tx.query(
          `INSERT INTO funding_shares (payment_kind, payment_id, program_code, funder_code, amount)
           VALUES ('direct', $1, $2, $3, $4) ON CONFLICT DO NOTHING`,
          [payment.id, payment.programCode, part.funderCode, part.amount.toString()],
        );
      }
      await appendAudit(tx, 'system:disbursement', 'direct_payment.paid', ['direct_payment', payment.id], {
        before: { status: 'approved' },
        after: {
          status: 'paid',
          kind: payment.kind,
          sourceId: payment.sourceId,
          payeeKind: payment.payeeKind,
          payeeId: payment.payeeId,
          amount: payment.amount.toString(),
          bankReference: transfer.reference,
        },
      });
    });
    return {
      paymentId: payment.id,
      status: 'paid',
      amount: payment.amount.toString(),
      bankReference: transfer.reference,
    };
  }
}
