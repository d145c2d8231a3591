import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  Money,
  burnWindow,
  forecastRunOut,
  maxDate,
  minDate,
  splitByShares,
  yearOf,
  type BusinessDate,
  type ProgramDefinition,
} from '@app/domain';
import { BusinessClock, ProgramCatalog } from '@app/persistence';

const UNDER_REVIEW = [
  'submitted',
  'checking',
  'in_review',
  'supplement_requested',
  'awaiting_second_approval',
];

/**
 * Commitments charged to a program's pool, one row per commitment with its date (ADR 0029): vouchers at
 * their face value on the day issued (a withdrawn or expired voucher only for what it paid), first-come
 * vouchers likewise, and payments made without a voucher (awards, subsidies, grants) on the day approved.
 */
const COMMITMENTS = `
  SELECT issued_on AS on_date,
         CASE WHEN status IN ('withdrawn', 'expired') THEN redeemed_amount ELSE face_value END AS amount
    FROM vouchers WHERE program_code = $1
  UNION ALL
  SELECT issued_on, CASE WHEN status = 'withdrawn' THEN deducted ELSE face_value END
    FROM pool_vouchers WHERE program_code = $1
  UNION ALL
  SELECT (approved_at AT TIME ZONE 'Asia/Shanghai')::date, amount
    FROM direct_payments WHERE program_code = $1 AND kind IN ('round_award', 'supplier_subsidy', 'grant')`;

/** Issued, redeemed and outstanding, the pipeline, the burn rate and the run-out date, per program and funder. */
@Injectable()
export class ForecastService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalog: ProgramCatalog,
    private readonly clock: BusinessClock,
  ) {}

  async all() {
    const codes: { code: string }[] = await this.db.query(`SELECT code FROM programs ORDER BY code`);
    return { items: await Promise.all(codes.map((c) => this.program(c.code))) };
  }

  async program(code: string, asOf?: BusinessDate) {
    const today = asOf ?? (await this.clock.today());
    const { version, definition: d } = await this.catalog.inForce(code, today);
    const period = this.period(d, today);
    const q = async (sql: string, params: unknown[]) => (await this.db.query(sql, params))[0];
    const [budgetRow] = await this.db.query(
      `SELECT budget::text AS budget FROM budget_pools WHERE program_code = $1 AND period = $2`,
      [code, period.key],
    );
    const budgetText =
      budgetRow?.budget ?? (period.key === 'total' ? d.budgetPoolTotal : d.budgetPoolPerYear);
    const budget = budgetText ? Money.parse(budgetText) : null;

    const inPeriod = await q(
      `SELECT coalesce(sum(amount), 0)::numeric(15,2)::text AS committed
         FROM (${COMMITMENTS}) c WHERE on_date BETWEEN $2 AND $3 AND on_date <= $4`,
      [code, period.from, period.to, today],
    );
    const window = burnWindow(today, period.from);
    const inWindow = await q(
      `SELECT coalesce(sum(amount), 0)::numeric(15,2)::text AS committed
         FROM (${COMMITMENTS}) c WHERE on_date BETWEEN $2 AND $3`,
      [code, window.from, window.to],
    );
    const pipeline = await q(
      `SELECT count(*)::int AS applications, count(*) FILTER (WHERE quoted_face_value IS NULL)::int AS unquoted,
              coalesce(sum(quoted_face_value), 0)::numeric(15,2)::text AS amount
         FROM applications WHERE program_code = $1 AND status = ANY($2)`,
      [code, UNDER_REVIEW],
    );
    const pool = await q(
      `SELECT count(*)::int AS applications FROM pool_applications WHERE program_code = $1 AND status = 'holding'`,
      [code],
    );
    const poolPipeline =
      d.fixedFaceValue !== null
        ? Money.parse(d.fixedFaceValue).timesRate(String(pool.applications))
        : Money.zero();
    const claims = await q(
      `SELECT count(*)::int AS claims,
              coalesce(sum(least(trunc(c.invoiced_eligible_amount * $2::numeric, 2), v.face_value - v.redeemed_amount)), 0)::numeric(15,2)::text AS amount
         FROM redemption_claims c JOIN vouchers v ON v.id = c.voucher_id
        WHERE c.program_code = $1 AND c.status IN ('pending', 'computed') AND v.status = 'active'`,
      [code, d.rate],
    );
    const totals = await q(
      `SELECT coalesce(sum(face_value), 0)::numeric(15,2)::text AS issued,
              coalesce(sum(redeemed_amount), 0)::numeric(15,2)::text AS redeemed,
              coalesce(sum(face_value - redeemed_amount) FILTER (WHERE status = 'active'), 0)::numeric(15,2)::text AS outstanding
         FROM (SELECT face_value, redeemed_amount, status FROM vouchers WHERE program_code = $1
               UNION ALL SELECT face_value, deducted, status FROM pool_vouchers WHERE program_code = $1) v`,
      [code],
    );
    const paidByFunder: { funderCode: string; paid: string }[] = await this.db.query(
      `SELECT f.funder_code AS "funderCode", sum(f.amount)::numeric(15,2)::text AS paid
         FROM funding_shares f
         LEFT JOIN payouts p ON f.payment_kind = 'payout' AND p.id = f.payment_id
         LEFT JOIN direct_payments dp ON f.payment_kind = 'direct' AND dp.id = f.payment_id
        WHERE f.program_code = $1 AND coalesce(p.status, dp.status) = 'paid'
        GROUP BY f.funder_code`,
      [code],
    );
    const monthly: { month: string; committed: string }[] = await this.db.query(
      `SELECT to_char(date_trunc('month', on_date), 'YYYY-MM') AS month, sum(amount)::numeric(15,2)::text AS committed
         FROM (${COMMITMENTS}) c WHERE on_date BETWEEN $2 AND $3 AND on_date <= $4
        GROUP BY 1 ORDER BY 1`,
      [code, period.from, period.to, today],
    );

    const pipelineAmount = Money.parse(pipeline.amount).plus(poolPipeline);
    const forecast = forecastRunOut({
      asOf: today,
      budget,
      committed: Money.parse(inPeriod.committed),
      pipeline: pipelineAmount,
      window: { ...window, committed: Money.parse(inWindow.committed) },
    });
    let running = Money.zero();
    const series = monthly.map((m) => {
      running = running.plus(Money.parse(m.committed));
      return { month: m.month, committed: m.committed, cumulative: running.toString() };
    });
    const shares = d.fundingShares;
    const split = (amount: string | Money | null) =>
      amount === null ? [] : splitByShares(typeof amount === 'string' ? Money.parse(amount) : amount, shares);
    const part = (parts: { funderCode: string; amount: Money }[], funderCode: string) =>
      parts.find((p) => p.funderCode === funderCode)?.amount.toString() ?? null;
    const issuedParts = split(totals.issued);
    const outstandingParts = split(totals.outstanding);
    const pipelineParts = split(pipelineAmount);
    const remainingParts = split(forecast.remaining);
    return {
      programCode: code,
      programName: d.name,
      version,
      asOf: today,
      period: {
        basis: period.key === 'total' ? 'total' : 'per-year',
        key: period.key,
        from: period.from,
        to: period.to,
      },
      budget: budget?.toString() ?? null,
      committed: inPeriod.committed,
      issued: totals.issued,
      redeemed: totals.redeemed,
      outstanding: totals.outstanding,
      pipeline: {
        underReview: {
          applications: pipeline.applications,
          unquoted: pipeline.unquoted,
          amount: pipeline.amount,
        },
        poolHolding: { applications: pool.applications, amount: poolPipeline.toString() },
        claimsPending: { claims: claims.claims, amount: claims.amount },
        total: pipelineAmount.toString(),
      },
      burn: {
        windowFrom: window.from,
        windowTo: window.to,
        windowDays: forecast.windowDays,
        committedInWindow: inWindow.committed,
        perDay: forecast.burnPerDay.toString(),
      },
      remaining: forecast.remaining?.toString() ?? null,
      remainingAfterPipeline: forecast.remainingAfterPipeline?.toString() ?? null,
      runOutOn: forecast.runOutOn,
      daysLeft: forecast.daysLeft,
      exhausted: forecast.exhausted,
      runsOutBeforePeriodEnd: forecast.runOutOn !== null && forecast.runOutOn <= period.to,
      series,
      byFunder: shares.map((f) => ({
        funderCode: f.funderCode,
        funder: f.funder,
        share: f.share,
        issued: part(issuedParts, f.funderCode),
        redeemed: paidByFunder.find((p) => p.funderCode === f.funderCode)?.paid ?? '0.00',
        outstanding: part(outstandingParts, f.funderCode),
        pipeline: part(pipelineParts, f.funderCode),
        remaining: part(remainingParts, f.funderCode),
      })),
    };
  }

  /** A yearly pool is the calendar year of asOf inside the plan; otherwise the whole plan. */
  private period(d: ProgramDefinition, today: BusinessDate) {
    if (d.budgetPoolPerYear !== null && d.budgetPoolTotal === null) {
      const y = yearOf(today);
      return {
        key: String(y),
        from: maxDate(`${y}-01-01`, d.planStart),
        to: minDate(`${y}-12-31`, d.planEnd),
      };
    }
    return { key: 'total', from: d.planStart, to: d.planEnd };
  }
}
