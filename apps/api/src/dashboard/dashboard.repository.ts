import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Finance's budget figures, computed in SQL with numeric arithmetic (amounts leave as strings). */
@Injectable()
export class DashboardRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async budget(program: string) {
    const byQuarter = await this.db.query(
      `WITH issued AS (
         SELECT extract(year FROM issued_on)::int AS year, extract(quarter FROM issued_on)::int AS quarter,
                sum(face_value) AS amount
           FROM vouchers WHERE program_code = $1 GROUP BY 1, 2),
       redeemed AS (
         SELECT r.year, r.quarter, sum(p.amount) AS amount
           FROM payouts p JOIN redemption_runs r ON r.id = p.run_id
          WHERE r.program_code = $1 AND p.status = 'paid' GROUP BY 1, 2),
       quarters AS (SELECT year, quarter FROM issued UNION SELECT year, quarter FROM redeemed)
       SELECT q.year, q.quarter,
              coalesce(i.amount, 0)::numeric(15,2)::text AS issued,
              coalesce(d.amount, 0)::numeric(15,2)::text AS redeemed,
              (sum(coalesce(i.amount, 0) - coalesce(d.amount, 0)) OVER (ORDER BY q.year, q.quarter))::numeric(15,2)::text AS outstanding
         FROM quarters q LEFT JOIN issued i USING (year, quarter) LEFT JOIN redeemed d USING (year, quarter)
        ORDER BY q.year, q.quarter`,
      [program],
    );
    const capUse = await this.db.query(
      `SELECT l.enterprise_id AS "enterpriseId", e.name AS "enterpriseName", l.year,
              l.cap::text AS cap, l.issued::text AS issued, (l.cap - l.issued)::numeric(15,2)::text AS remaining,
              CASE WHEN l.cap > 0 THEN round(100 * l.issued / l.cap, 1)::text ELSE '0' END AS "usedPercent"
         FROM yearly_cap_ledger l JOIN enterprises e ON e.id = l.enterprise_id
        WHERE l.program_code = $1 AND l.issued > 0
        ORDER BY l.year DESC, l.issued DESC LIMIT 50`,
      [program],
    );
    const rolledOver = await this.db.query(
      `SELECT run_year AS year, run_quarter AS quarter, count(*)::int AS claims,
              sum(invoiced_eligible_amount)::numeric(15,2)::text AS "invoicedEligibleAmount"
         FROM redemption_claims WHERE program_code = $1 AND rolled_over
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [program],
    );
    const [totals] = await this.db.query(
      `SELECT coalesce(sum(face_value), 0)::numeric(15,2)::text AS issued,
              coalesce(sum(redeemed_amount), 0)::numeric(15,2)::text AS redeemed,
              coalesce(sum(face_value - redeemed_amount) FILTER (WHERE status = 'active'), 0)::numeric(15,2)::text AS outstanding,
              count(*)::int AS vouchers
         FROM vouchers WHERE program_code = $1`,
      [program],
    );
    // Every payment, through a run or direct, recorded its funders' shares: paid totals per funder.
    const paidByFunder = await this.db.query(
      `SELECT f.funder_code AS "funderCode", sum(f.amount)::numeric(15,2)::text AS paid
         FROM funding_shares f
         LEFT JOIN payouts p ON f.payment_kind = 'payout' AND p.id = f.payment_id
         LEFT JOIN direct_payments d ON f.payment_kind = 'direct' AND d.id = f.payment_id
        WHERE f.program_code = $1 AND coalesce(p.status, d.status) = 'paid'
        GROUP BY f.funder_code ORDER BY f.funder_code`,
      [program],
    );
    const pools = await this.db.query(
      `SELECT period, budget::text AS budget, committed::text AS committed,
              (budget - committed)::numeric(15,2)::text AS remaining
         FROM budget_pools WHERE program_code = $1 ORDER BY period`,
      [program],
    );
    return {
      totals: totals as { issued: string; redeemed: string; outstanding: string; vouchers: number },
      byQuarter,
      capUse,
      rolledOver,
      paidByFunder: paidByFunder as { funderCode: string; paid: string }[],
      pools: pools as { period: string; budget: string; committed: string; remaining: string }[],
    };
  }
}
