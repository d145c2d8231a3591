import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Finance's budget figures, computed in SQL with numeric arithmetic (amounts leave as strings). */
@Injectable()
export class DashboardRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async budget(program: string) {
    // The 未兑付余额 tile and the quarterly table are the same query: the table's rows and, through
    // ROLLUP, their total. Outstanding = issued − paid − lapsed (an expired or withdrawn voucher's unpaid
    // rest), so the tile is the table's last cumulative figure to the fen (ADR 0045).
    const ledger: {
      year: number | null;
      quarter: number | null;
      issued: string;
      redeemed: string;
      lapsed: string;
      outstanding: string;
      is_total: number;
    }[] = await this.db.query(
      `WITH paid AS (
         SELECT p.voucher_id, r.year, r.quarter, sum(p.amount) AS amount
           FROM payouts p JOIN redemption_runs r ON r.id = p.run_id
          WHERE r.program_code = $1 AND p.status = 'paid' GROUP BY 1, 2, 3),
       v AS (
         SELECT extract(year FROM v.issued_on)::int AS year, extract(quarter FROM v.issued_on)::int AS quarter,
                v.face_value, v.status,
                coalesce((SELECT sum(amount) FROM paid WHERE paid.voucher_id = v.id), 0) AS paid
           FROM vouchers v WHERE v.program_code = $1),
       events AS (
         SELECT year, quarter, face_value AS issued, 0::numeric AS redeemed,
                CASE WHEN status <> 'active' THEN greatest(face_value - paid, 0) ELSE 0 END AS lapsed
           FROM v
         UNION ALL
         SELECT year, quarter, 0, amount, 0 FROM paid),
       rolled AS (
         SELECT year, quarter, sum(issued) AS issued, sum(redeemed) AS redeemed, sum(lapsed) AS lapsed,
                GROUPING(year) AS is_total
           FROM events GROUP BY ROLLUP ((year, quarter)))
       SELECT year, quarter, issued::numeric(15,2)::text AS issued, redeemed::numeric(15,2)::text AS redeemed,
              lapsed::numeric(15,2)::text AS lapsed,
              (CASE WHEN is_total = 1 THEN issued - redeemed - lapsed
                    ELSE sum(issued - redeemed - lapsed) OVER (PARTITION BY is_total ORDER BY year, quarter) END
              )::numeric(15,2)::text AS outstanding,
              is_total
         FROM rolled ORDER BY is_total, year, quarter`,
      [program],
    );
    const byQuarter = ledger
      .filter((r) => r.is_total === 0)
      .map(({ year, quarter, issued, redeemed, lapsed, outstanding }) => ({
        year: year!,
        quarter: quarter!,
        issued,
        redeemed,
        lapsed,
        outstanding,
      }));
    const sum = ledger.find((r) => r.is_total === 1);
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
    const [{ vouchers }] = await this.db.query(
      `SELECT count(*)::int AS vouchers FROM vouchers WHERE program_code = $1`,
      [program],
    );
    const totals = {
      issued: sum?.issued ?? '0.00',
      redeemed: sum?.redeemed ?? '0.00',
      lapsed: sum?.lapsed ?? '0.00',
      outstanding: sum?.outstanding ?? '0.00',
      vouchers: vouchers as number,
    };
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
      totals,
      byQuarter,
      capUse,
      rolledOver,
      paidByFunder: paidByFunder as { funderCode: string; paid: string }[],
      pools: pools as { period: string; budget: string; committed: string; remaining: string }[],
    };
  }

  /** What each program's pools hold and have committed: (program, period) → budget, committed. */
  async poolsOfPrograms(): Promise<
    { programCode: string; period: string; budget: string; committed: string }[]
  > {
    return this.db.query(
      `SELECT program_code AS "programCode", period, budget::text AS budget, committed::text AS committed
         FROM budget_pools ORDER BY program_code, period`,
    );
  }

  async programCodes(): Promise<string[]> {
    const rows: { code: string }[] = await this.db.query(`SELECT code FROM programs ORDER BY code`);
    return rows.map((r) => r.code);
  }
}
