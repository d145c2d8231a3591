import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { appendAudit } from '@app/persistence';
import { Activity } from '@app/temporal/activities';

/*
 * The steps of the grant workflow (workflows/grant.workflow.ts, 免申即享): finance's approval creates the
 * one direct payment of the grant (idempotent on (kind, source)); after the bank has it the grant is paid.
 */

export interface GrantState {
  grantId: string;
  status: 'awaiting_finance' | 'approved' | 'paid';
  amount: string;
  paymentId: string | null;
}

async function grantState(em: DataSource['manager'], grantId: string): Promise<GrantState> {
  const [g] = await em.query(
    `SELECT g.id, g.status, g.amount::text AS amount, p.id AS payment_id
       FROM grants g LEFT JOIN direct_payments p ON p.kind = 'grant' AND p.source_id = g.id
      WHERE g.id = $1`,
    [grantId],
  );
  if (!g) throw ApplicationFailure.nonRetryable(`grant ${grantId} not found`, 'GrantNotFound');
  return { grantId: g.id, status: g.status, amount: g.amount, paymentId: g.payment_id };
}

@Injectable()
export class GrantActivities {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Activity()
  async loadGrantState(grantId: string): Promise<GrantState> {
    return grantState(this.db.manager, grantId);
  }

  /**
   * Finance approves the grant: one approved direct payment to its payee — the supplier running the data
   * centre, or the enterprise itself (Langfang's new AI entrant, ADR 0021).
   */
  @Activity()
  async approveGrantPayment(input: { grantId: string; approverId: string }): Promise<GrantState> {
    return this.db.transaction(async (em) => {
      const [g] = await em.query(
        `SELECT id, status, program_code, program_version, payee_kind,
                coalesce(enterprise_id, supplier_id) AS payee_id, amount::text AS amount
           FROM grants WHERE id = $1 FOR UPDATE`,
        [input.grantId],
      );
      if (!g) throw ApplicationFailure.nonRetryable(`grant ${input.grantId} not found`, 'GrantNotFound');
      if (g.status !== 'awaiting_finance') return grantState(em, g.id);
      await em.query(
        `INSERT INTO direct_payments (program_code, program_version, kind, source_id, payee_kind, payee_id, amount,
                                      idempotency_key, status, approved_by, approved_at)
         VALUES ($1, $2, 'grant', $3::uuid, $7, $4, $5, 'grant:' || $3::text, 'approved', $6, now())
         ON CONFLICT (kind, source_id) DO NOTHING`,
        [g.program_code, g.program_version, g.id, g.payee_id, g.amount, input.approverId, g.payee_kind],
      );
      await em.query(
        `UPDATE grants SET status = 'approved', finance_approved_by = $2, finance_approved_at = now() WHERE id = $1`,
        [g.id, input.approverId],
      );
      await appendAudit(em, input.approverId, 'grant.approved', ['grant', g.id], {
        before: { status: 'awaiting_finance' },
        after: { status: 'approved', amount: g.amount, payee: g.payee_id, payeeKind: g.payee_kind },
      });
      return grantState(em, g.id);
    });
  }

  @Activity()
  async completeGrant(grantId: string): Promise<GrantState> {
    return this.db.transaction(async (em) => {
      const [g] = await em.query(`SELECT id, status FROM grants WHERE id = $1 FOR UPDATE`, [grantId]);
      if (!g) throw ApplicationFailure.nonRetryable(`grant ${grantId} not found`, 'GrantNotFound');
      if (g.status === 'paid') return grantState(em, g.id);
      const [p] = await em.query(
        `SELECT status FROM direct_payments WHERE kind = 'grant' AND source_id = $1`,
        [g.id],
      );
      if (p?.status !== 'paid') throw new Error(`the payment of grant ${g.id} is not paid yet`);
      await em.query(`UPDATE grants SET status = 'paid', paid_at = now() WHERE id = $1`, [g.id]);
      await appendAudit(em, 'system:grant', 'grant.paid', ['grant', g.id], {
        before: { status: g.status },
        after: { status: 'paid' },
      });
      return grantState(em, g.id);
    });
  }
}
