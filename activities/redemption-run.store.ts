import { ApplicationFailure } from '@temporalio/common';
import type { DataSource, EntityManager } from 'typeorm';
import { Money } from '@app/domain';
import type { FunderTotal, PartyTotal } from '@app/domain/run-totals';
import { rowsOf, type RedemptionRunStatus } from '@app/persistence';

/*
 * The redemption run's SQL (docs/adr/0010-redemption-run.md): the run row, its totals, the set-based
 * payout computation, the budget pool, funding shares and the report lines. The phase activities
 * (redemption-compute / -approval / -disburse / -notify) and the API's run report read and write the run
 * through these functions only.
 */

/** Default vouchers per compute chunk (all of one voucher's claims are always in the same chunk). */
export const DEFAULT_COMPUTE_CHUNK_VOUCHERS = 2000;
/** The preview returned to the workflow lists at most this many enterprises (the report keeps them all). */
export const PREVIEW_ENTERPRISE_LIMIT = 200;

/** The actor recorded on the run's own audit rows. */
export const RUN_ACTOR = 'system:redemption-run';

export interface RunState {
  runId: string;
  programCode: string;
  year: number;
  quarter: number;
  runDate: string;
  status: RedemptionRunStatus;
  claimCount: number;
  totalPayout: string;
  paidCount: number;
  paidTotal: string;
  approvedBy: string | null;
  approvedAt: string | null;
}

export type { FunderTotal, PartyTotal };

export type Row = Record<string, unknown>;

export async function sql<T = Row>(db: DataSource | EntityManager, text: string, params: unknown[] = []) {
  return rowsOf<T>(await db.query(text, params));
}

/** numeric → canonical money string ("0" → "0.00"). */
export const money = (v: unknown): string => Money.parse(String(v ?? '0')).toString();

export const iso = (v: unknown): string | null =>
  v == null ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();

function runNotFound(runId: string): never {
  throw ApplicationFailure.nonRetryable(`redemption run ${runId} not found`, 'RunNotFound');
}

export function toRunState(r: Row): RunState {
  return {
    runId: String(r.id),
    programCode: String(r.program_code),
    year: Number(r.year),
    quarter: Number(r.quarter),
    runDate: String(r.run_date),
    status: r.status as RedemptionRunStatus,
    claimCount: Number(r.claim_count),
    totalPayout: money(r.total_payout),
    paidCount: Number(r.paid_count),
    paidTotal: money(r.paid_total),
    approvedBy: (r.approved_by as string | null) ?? null,
    approvedAt: iso(r.approved_at),
  };
}

export const RUN_COLUMNS = `id, program_code, year, quarter, run_date::text AS run_date, status, claim_count,
  total_payout::text AS total_payout, paid_count, paid_total::text AS paid_total, approved_by, approved_at`;

export async function loadRun(
  db: DataSource | EntityManager,
  runId: string,
  lock = false,
): Promise<RunState> {
  const [r] = await sql(
    db,
    `SELECT ${RUN_COLUMNS} FROM redemption_runs WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [runId],
  );
  if (!r) runNotFound(runId);
  return toRunState(r);
}

function partyTotals(rows: Row[]): PartyTotal[] {
  return rows.map((r) => ({
    id: String(r.id),
    code: String(r.code),
    name: String(r.name),
    payouts: Number(r.payouts),
    total: money(r.total),
    limitedByBalance: Number(r.limited),
  }));
}

/** Per enterprise and per supplier totals of a run's payouts (optionally only those with a status). */
export async function runTotals(db: DataSource | EntityManager, runId: string, statuses: string[]) {
  const byEnterprise = partyTotals(
    await sql(
      db,
      `SELECT e.id, e.credit_code AS code, e.name, count(*)::int AS payouts, sum(p.amount)::text AS total,
              count(*) FILTER (WHERE p.limited_by_balance)::int AS limited
         FROM payouts p JOIN enterprises e ON e.id = p.enterprise_id
        WHERE p.run_id = $1 AND p.status = ANY($2)
        GROUP BY e.id, e.credit_code, e.name
        ORDER BY e.credit_code, e.id`,
      [runId, statuses],
    ),
  );
  const bySupplier = partyTotals(
    await sql(
      db,
      `SELECT s.id, s.code, s.name_zh AS name, count(*)::int AS payouts, sum(p.amount)::text AS total,
              count(*) FILTER (WHERE p.limited_by_balance)::int AS limited
         FROM payouts p JOIN suppliers s ON s.id = p.supplier_id
        WHERE p.run_id = $1 AND p.status = ANY($2)
        GROUP BY s.id, s.code, s.name_zh
        ORDER BY s.code`,
      [runId, statuses],
    ),
  );
  const [t] = await sql(
    db,
    `SELECT count(*)::int AS n, coalesce(sum(p.amount), 0)::text AS total,
            count(*) FILTER (WHERE p.limited_by_balance)::int AS limited,
            count(*) FILTER (WHERE p.limited_by_pool)::int AS limited_by_pool,
            count(*) FILTER (WHERE c.rolled_over)::int AS rolled_over
       FROM payouts p JOIN redemption_claims c ON c.id = p.claim_id
      WHERE p.run_id = $1 AND p.status = ANY($2)`,
    [runId, statuses],
  );
  const byFunder = (
    await sql(
      db,
      `SELECT f.funder_code, sum(f.amount)::text AS total
         FROM funding_shares f JOIN payouts p ON p.id = f.payment_id
        WHERE f.payment_kind = 'payout' AND p.run_id = $1 AND p.status = ANY($2)
        GROUP BY f.funder_code ORDER BY f.funder_code`,
      [runId, statuses],
    )
  ).map((r): FunderTotal => ({ funderCode: String(r.funder_code), total: money(r.total) }));
  return {
    count: Number(t.n),
    total: money(t.total),
    limited: Number(t.limited),
    limitedByPool: Number(t.limited_by_pool),
    rolledOver: Number(t.rolled_over),
    byEnterprise,
    bySupplier,
    byFunder,
  };
}

function csvField(v: unknown): string {
  const s = v == null ? '' : v instanceof Date ? v.toISOString() : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The set-based payout computation of one chunk, in ONE statement: take the pending claims of the next
 * `$3` vouchers after the cursor (keyset on voucher_id: a voucher's claims are never split), mark them
 * computed, and insert one payout per claim: uncapped = trunc(rate × invoiced eligible amount, 2);
 * capped by the voucher's remaining balance (face − redeemed − payouts computed but not yet paid, whatever
 * their run) minus the uncapped amounts of the voucher's earlier claims in (claimed_on, id) order. While
 * that running sum stays within the balance every earlier claim was paid in full, so subtracting uncapped
 * amounts equals subtracting payouts; once it exceeds it, every later claim gets 0. Same arithmetic as the
 * domain's computePayout applied claim by claim (asserted on random samples in the integration tests).
 */
export const COMPUTE_CHUNK_SQL = `
WITH run AS (
  SELECT id, program_code, year, quarter FROM redemption_runs WHERE id = $1
),
chunk_vouchers AS (
  SELECT DISTINCT c.voucher_id
    FROM redemption_claims c, run
   WHERE c.program_code = run.program_code AND c.run_year = run.year AND c.run_quarter = run.quarter
     AND c.status = 'pending'
     AND c.voucher_id > coalesce($2::uuid, '00000000-0000-0000-0000-000000000000'::uuid)
   ORDER BY c.voucher_id
   LIMIT $3
),
claimed AS (
  UPDATE redemption_claims c SET status = 'computed'
    FROM run
   WHERE c.voucher_id IN (SELECT voucher_id FROM chunk_vouchers)
     AND c.program_code = run.program_code AND c.run_year = run.year AND c.run_quarter = run.quarter
     AND c.status = 'pending'
  RETURNING c.id, c.voucher_id, c.enterprise_id, c.settlement_id, c.claimed_on, c.invoiced_eligible_amount
),
reserved AS (
  -- Payouts computed but not yet paid (not yet in redeemed_amount), of any run: once per voucher.
  SELECT p.voucher_id, sum(p.amount) AS amount
    FROM payouts p
   WHERE p.voucher_id IN (SELECT voucher_id FROM chunk_vouchers) AND p.status = 'computed'
   GROUP BY p.voucher_id
),
balance AS MATERIALIZED (
  -- Each voucher is paid at the rate of the program version it was issued under, or at its lines' blend.
  SELECT v.id AS voucher_id, v.program_code, v.program_version,
         coalesce(v.payout_rate, (pv.definition->>'rate')::numeric) AS rate,
         CASE WHEN v.status = 'withdrawn' THEN 0
              ELSE v.face_value - v.redeemed_amount - coalesce(r.amount, 0)
         END AS remaining
    FROM vouchers v
    JOIN chunk_vouchers k ON k.voucher_id = v.id
    JOIN program_versions pv ON pv.program_code = v.program_code AND pv.version = v.program_version
    LEFT JOIN reserved r ON r.voucher_id = v.id
),
priced AS (
  SELECT c.id AS claim_id, c.voucher_id, b.program_code, b.program_version, c.enterprise_id, s.supplier_id,
         c.claimed_on, b.remaining, trunc(c.invoiced_eligible_amount * b.rate, 2) AS uncapped
    FROM claimed c
    JOIN settlements s ON s.id = c.settlement_id
    JOIN balance b ON b.voucher_id = c.voucher_id
),
capped AS (
  SELECT x.*, greatest(0, least(x.uncapped, x.remaining - x.earlier)) AS amount
    FROM (
      SELECT p.*,
             coalesce(sum(p.uncapped) OVER (PARTITION BY p.voucher_id ORDER BY p.claimed_on, p.claim_id
                                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS earlier
        FROM priced p
    ) x
),
inserted AS (
  INSERT INTO payouts (run_id, claim_id, voucher_id, program_code, program_version, enterprise_id, supplier_id,
                       amount, uncapped_amount, limited_by_balance, idempotency_key)
  SELECT $1, claim_id, voucher_id, program_code, program_version, enterprise_id, supplier_id, amount, uncapped,
         amount < uncapped,
         'payout:' || claim_id
    FROM capped
  ON CONFLICT (claim_id) DO NOTHING
  RETURNING amount, limited_by_balance
)
SELECT (SELECT voucher_id FROM chunk_vouchers ORDER BY voucher_id DESC LIMIT 1) AS last_voucher,
       (SELECT count(*) FROM chunk_vouchers)::int AS vouchers,
       (SELECT count(*) FROM claimed)::int AS claims,
       count(*)::int AS payouts,
       count(*) FILTER (WHERE limited_by_balance)::int AS limited,
       coalesce(sum(amount), 0)::text AS total
  FROM inserted`;

/**
 * The run's payouts in the pool's order — contract signing date (Henan: 按照算力服务合同签订时间先后顺序兑付)
 * or receipt — each capped by what is left of the pool after the earlier ones ($2 = the room).
 */
export const CAP_PAYOUTS_BY_POOL_SQL = `
WITH ordered AS (
  SELECT p.id, p.amount,
         coalesce(sum(p.amount) OVER (ORDER BY CASE WHEN $3 = 'contract-signing' THEN k.signed_on END,
                                             c.claimed_on, c.created_at, p.id
                                      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS earlier
    FROM payouts p
    JOIN redemption_claims c ON c.id = p.claim_id
    JOIN vouchers v ON v.id = p.voucher_id
    JOIN contracts k ON k.id = v.contract_id
   WHERE p.run_id = $1 AND p.status = 'computed'
),
capped AS (
  UPDATE payouts p
     SET amount = greatest(0, least(o.amount, $2::numeric - o.earlier)),
         limited_by_pool = greatest(0, least(o.amount, $2::numeric - o.earlier)) < o.amount
    FROM ordered o
   WHERE p.id = o.id
  RETURNING p.amount
)
SELECT coalesce(sum(amount), 0)::text AS granted FROM capped`;

/**
 * Each payout of a run split between the funders of its program version, to the fen (libs/domain
 * splitByShares, in SQL): every funder but the last gets trunc(amount × share, 2), the last the rest.
 */
export const PAYOUT_FUNDING_SHARES_SQL = `
INSERT INTO funding_shares (payment_kind, payment_id, program_code, funder_code, amount)
SELECT 'payout', id, program_code, funder_code,
       CASE WHEN ord = n THEN amount - coalesce(sum(part) OVER (PARTITION BY id ORDER BY ord
                                                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
            ELSE part END
  FROM (
    SELECT p.id, p.program_code, p.amount, f.value->>'funderCode' AS funder_code, f.ord,
           jsonb_array_length(pv.definition->'fundingShares') AS n,
           trunc(p.amount * (f.value->>'share')::numeric, 2) AS part
      FROM payouts p
      JOIN program_versions pv ON pv.program_code = p.program_code AND pv.version = p.program_version
      CROSS JOIN LATERAL jsonb_array_elements(pv.definition->'fundingShares') WITH ORDINALITY f(value, ord)
     WHERE p.run_id = $1
  ) s
ON CONFLICT DO NOTHING`;

/**
 * A budget pool spanning enterprises (budgetPoolTotal for the plan, or budgetPoolPerYear for the run's
 * year), taken once per run (`pool_applied_at`): the pool row is locked, the payouts capped in order, and
 * `committed` grows by what was granted with a conditional UPDATE (CHECK committed ≤ budget). A program
 * without a pool passes through untouched.
 */
export async function applyBudgetPool(tx: EntityManager, runId: string): Promise<void> {
  const [run] = rowsOf<{ program_code: string; year: number; run_date: string }>(
    await tx.query(
      `UPDATE redemption_runs SET pool_applied_at = now() WHERE id = $1 AND pool_applied_at IS NULL
       RETURNING program_code, year, run_date::text`,
      [runId],
    ),
  );
  if (!run) return;
  // The pool is the program's as it stands on the run date (a later version may enlarge it).
  const [pv] = rowsOf<{
    total: string | null;
    yearly: string | null;
    pool_order: string | null;
    committed_at: string;
  }>(
    await tx.query(
      `SELECT definition->>'budgetPoolTotal' AS total, definition->>'budgetPoolPerYear' AS yearly,
              definition->'pool'->>'order' AS pool_order,
              coalesce(definition->>'budgetPoolCommittedAt', 'redemption') AS committed_at
         FROM program_versions WHERE program_code = $1
        ORDER BY (effective_from <= $2::date) DESC, effective_from DESC LIMIT 1`,
      [run.program_code, run.run_date],
    ),
  );
  // A pool taken as vouchers are issued (ADR 0021) is not taken again by the payouts.
  if (pv?.committed_at === 'issuance') return;
  const budget = pv?.total ?? pv?.yearly ?? null;
  if (budget === null) return;
  const period = pv.total !== null ? 'total' : String(run.year);
  await tx.query(
    `INSERT INTO budget_pools (program_code, period, budget) VALUES ($1, $2, $3)
     ON CONFLICT (program_code, period) DO NOTHING`,
    [run.program_code, period, budget],
  );
  const [pool] = rowsOf<{ room: string }>(
    await tx.query(
      `SELECT (budget - committed)::text AS room FROM budget_pools WHERE program_code = $1 AND period = $2 FOR UPDATE`,
      [run.program_code, period],
    ),
  );
  const [capped] = rowsOf<{ granted: string }>(
    await tx.query(CAP_PAYOUTS_BY_POOL_SQL, [runId, pool.room, pv.pool_order ?? 'receipt']),
  );
  const taken = await tx.query(
    `UPDATE budget_pools SET committed = committed + $3
      WHERE program_code = $1 AND period = $2 AND committed + $3 <= budget RETURNING committed`,
    [run.program_code, period, capped.granted],
  );
  if (!rowsOf(taken).length) throw new Error('budget pool reservation lost its row lock');
}

/** The run report's payout lines (one per claim), shared by the CSV and the XLSX downloads. */
export async function runReportRows(
  db: DataSource | EntityManager,
  runId: string,
): Promise<{ columns: string[]; rows: Row[] }> {
  await loadRun(db, runId);
  const rows = await sql(
    db,
    `SELECT p.id AS payout_id, p.claim_id, p.voucher_id, e.credit_code, e.name AS enterprise_name,
            s.code AS supplier_code, st.invoice_number, c.claimed_on::text AS claimed_on,
            c.delivered_on::text AS delivered_on, c.rolled_over,
            c.invoiced_eligible_amount::text AS invoiced_eligible_amount,
            p.uncapped_amount::text AS uncapped_amount, p.amount::text AS amount, p.limited_by_balance,
            p.status, p.bank_reference, p.paid_at
       FROM payouts p
       JOIN redemption_claims c ON c.id = p.claim_id
       JOIN settlements st ON st.id = c.settlement_id
       JOIN enterprises e ON e.id = p.enterprise_id
       JOIN suppliers s ON s.id = p.supplier_id
      WHERE p.run_id = $1
      ORDER BY e.credit_code, p.voucher_id, c.claimed_on, p.claim_id`,
    [runId],
  );
  const columns = [
    'payout_id',
    'claim_id',
    'voucher_id',
    'credit_code',
    'enterprise_name',
    'supplier_code',
    'invoice_number',
    'claimed_on',
    'delivered_on',
    'rolled_over',
    'invoiced_eligible_amount',
    'uncapped_amount',
    'amount',
    'limited_by_balance',
    'status',
    'bank_reference',
    'paid_at',
  ];
  return { columns, rows };
}

/** The run's payouts as CSV (one line per claim), for finance. */
export async function runReportCsv(db: DataSource | EntityManager, runId: string): Promise<string> {
  const { columns, rows } = await runReportRows(db, runId);
  const lines = [columns.join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvField(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
