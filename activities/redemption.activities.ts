import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppEnv } from '@app/config';
import { Money, getProgram, quarterEndDate, redemptionRunKey, type Quarter } from '@app/domain';
import { Notifier, payoutPaid, runAwaitingApproval, type NotificationInput } from '@app/notifications';
import { appendAudit, rowsOf, type RedemptionRunStatus } from '@app/persistence';
import { heartbeat } from '@app/temporal/heartbeat';
import { PAYMENT_ADAPTER, SimulatedBank, type PaymentAdapter } from './payment';

/*
 * The quarterly redemption run's activities (docs/adr/0010-redemption-run.md). Every prototype method of
 * RedemptionActivities becomes a Temporal activity (bindActivities), so the class holds only activities
 * with distinctive names; helpers live at module level. Every writing activity is idempotent: it may be
 * retried after a crash at any point and never pays, counts or audits anything twice.
 */

/** Default vouchers per compute chunk (all of one voucher's claims are always in the same chunk). */
export const DEFAULT_COMPUTE_CHUNK_VOUCHERS = 2000;
/** Default payouts per disbursement activity. */
export const DEFAULT_DISBURSE_CHUNK_PAYOUTS = 100;
/** The preview returned to the workflow lists at most this many enterprises (the report keeps them all). */
export const PREVIEW_ENTERPRISE_LIMIT = 200;

const ACTOR = 'system:redemption-run';

export interface OpenRedemptionRunInput {
  programCode: string;
  year: number;
  quarter: Quarter;
  /** Recorded on the run; defaults to the deterministic key `redemption-run:<program>:<year>-Q<n>`. */
  workflowId?: string;
}

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

export interface ComputeRunPayoutsChunkInput {
  runId: string;
  /** Keyset cursor: the last voucher id of the previous chunk (null: from the start). */
  cursor: string | null;
  maxVouchers?: number;
}

export interface ComputeRunPayoutsChunkResult {
  /** The last voucher id of this chunk (null when the chunk was empty). */
  nextCursor: string | null;
  /** Fewer vouchers than asked for: this pass over the run's vouchers reached the end. */
  endOfPass: boolean;
  vouchers: number;
  claims: number;
  payoutsCreated: number;
  limitedByBalance: number;
  /** Σ payouts created by this chunk. */
  total: string;
}

export interface PartyTotal {
  id: string;
  code: string;
  name: string;
  payouts: number;
  total: string;
  limitedByBalance: number;
}

export interface RunSummary {
  runId: string;
  status: RedemptionRunStatus;
  claimCount: number;
  totalPayout: string;
  limitedByBalanceCount: number;
  rolledOverClaimCount: number;
  enterpriseCount: number;
  /** Per enterprise, by credit code; at most PREVIEW_ENTERPRISE_LIMIT (the stored preview has all). */
  byEnterprise: PartyTotal[];
  byEnterpriseTruncated: boolean;
  bySupplier: PartyTotal[];
  /** Per funder (province, city …): each payout's shares, adding up to the run's total. */
  byFunder: FunderTotal[];
  /** Payouts cut (or zeroed) because the program's budget pool ran out. */
  limitedByPoolCount: number;
}

export interface FunderTotal {
  funderCode: string;
  total: string;
}

export interface RecordRunApprovalInput {
  runId: string;
  approverId: string;
}

export interface RunApprovalRecord {
  runId: string;
  approvedBy: string;
  approvedAt: string;
  status: RedemptionRunStatus;
}

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

export interface NotifyRunPayoutsResult {
  enterprises: number;
  notifications: number;
  created: number;
}

export interface CompleteRedemptionRunInput {
  runId: string;
  /** Set when the payout notifications could not be sent (recorded in the report). */
  notificationsFailed?: boolean;
}

type Row = Record<string, unknown>;

async function sql<T = Row>(db: DataSource | EntityManager, text: string, params: unknown[] = []) {
  return rowsOf<T>(await db.query(text, params));
}

/** numeric → canonical money string ("0" → "0.00"). */
const money = (v: unknown): string => Money.parse(String(v ?? '0')).toString();

const iso = (v: unknown): string | null =>
  v == null ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();

function runNotFound(runId: string): never {
  throw ApplicationFailure.nonRetryable(`redemption run ${runId} not found`, 'RunNotFound');
}

function toRunState(r: Row): RunState {
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

const RUN_COLUMNS = `id, program_code, year, quarter, run_date::text AS run_date, status, claim_count,
  total_payout::text AS total_payout, paid_count, paid_total::text AS paid_total, approved_by, approved_at`;

async function loadRun(db: DataSource | EntityManager, runId: string, lock = false): Promise<RunState> {
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
async function runTotals(db: DataSource | EntityManager, runId: string, statuses: string[]) {
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
async function applyBudgetPool(tx: EntityManager, runId: string): Promise<void> {
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

@Injectable()
export class RedemptionActivities {
  private readonly payments: PaymentAdapter;
  private readonly notify: (input: NotificationInput) => Promise<{ created: boolean }>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    env: AppEnv,
    // Shared when the host imports NotificationsModule; otherwise built from the same globals.
    @Optional() notifier?: Notifier,
    // A real bank adapter when one is bound to PAYMENT_ADAPTER; otherwise the simulated bank.
    @Optional() @Inject(PAYMENT_ADAPTER) payments?: PaymentAdapter,
  ) {
    this.payments = payments ?? new SimulatedBank(db);
    const n = notifier ?? new Notifier(db, env);
    this.notify = (input) => n.notify(input);
  }

  /** Creates (or finds) the run of (program, year, quarter) and moves a gathering run to computing. */
  async openRedemptionRun(input: OpenRedemptionRunInput): Promise<RunState> {
    const { programCode, year, quarter } = input;
    getProgram(programCode); // unknown program: DomainInputError
    const workflowId = input.workflowId ?? redemptionRunKey(programCode, year, quarter);
    const [row] = await sql(
      this.db,
      `INSERT INTO redemption_runs (program_code, year, quarter, run_date, status, workflow_id)
       VALUES ($1, $2, $3, $4, 'computing', $5)
       ON CONFLICT (program_code, year, quarter) DO UPDATE
          SET status = CASE WHEN redemption_runs.status = 'gathering' THEN 'computing'
                            ELSE redemption_runs.status END,
              workflow_id = EXCLUDED.workflow_id
       RETURNING ${RUN_COLUMNS}`,
      [programCode, year, quarter, quarterEndDate(year, quarter), workflowId],
    );
    return toRunState(row);
  }

  /** One chunk of the set-based payout computation (see COMPUTE_CHUNK_SQL); one transaction. */
  async computeRunPayoutsChunk(input: ComputeRunPayoutsChunkInput): Promise<ComputeRunPayoutsChunkResult> {
    const run = await loadRun(this.db, input.runId);
    if (run.status !== 'computing') {
      // Past computing (a retry after the run moved on): nothing left to compute in this run.
      return {
        nextCursor: null,
        endOfPass: true,
        vouchers: 0,
        claims: 0,
        payoutsCreated: 0,
        limitedByBalance: 0,
        total: '0.00',
      };
    }
    const maxVouchers = Math.max(1, Math.floor(input.maxVouchers ?? DEFAULT_COMPUTE_CHUNK_VOUCHERS));
    const [r] = await sql(this.db, COMPUTE_CHUNK_SQL, [input.runId, input.cursor, maxVouchers]);
    return {
      nextCursor: (r.last_voucher as string | null) ?? null,
      endOfPass: Number(r.vouchers) < maxVouchers,
      vouchers: Number(r.vouchers),
      claims: Number(r.claims),
      payoutsCreated: Number(r.payouts),
      limitedByBalance: Number(r.limited),
      total: money(r.total),
    };
  }

  /** Totals for finance's preview; moves the run to awaiting_approval. Idempotent. */
  async summarizeRedemptionRun(runId: string): Promise<RunSummary> {
    return this.db.transaction(async (tx) => {
      const run = await loadRun(tx, runId, true);
      if (run.status === 'computing') {
        // Once per run, in the transaction that ends the computation: the budget pool (if the program has
        // one) caps the payouts in the program's order, then every payout is split between its funders.
        await applyBudgetPool(tx, runId);
        await tx.query(PAYOUT_FUNDING_SHARES_SQL, [runId]);
      }
      const t = await runTotals(tx, runId, ['computed', 'paid', 'skipped']);
      const summary: RunSummary = {
        runId,
        status: run.status,
        claimCount: t.count,
        totalPayout: t.total,
        limitedByBalanceCount: t.limited,
        rolledOverClaimCount: t.rolledOver,
        enterpriseCount: t.byEnterprise.length,
        byEnterprise: t.byEnterprise.slice(0, PREVIEW_ENTERPRISE_LIMIT),
        byEnterpriseTruncated: t.byEnterprise.length > PREVIEW_ENTERPRISE_LIMIT,
        bySupplier: t.bySupplier,
        byFunder: t.byFunder,
        limitedByPoolCount: t.limitedByPool,
      };
      if (run.status === 'gathering' || run.status === 'computing' || run.status === 'awaiting_approval') {
        const preview = {
          claimCount: t.count,
          totalPayout: t.total,
          limitedByBalanceCount: t.limited,
          rolledOverClaimCount: t.rolledOver,
          byEnterprise: t.byEnterprise,
          bySupplier: t.bySupplier,
          byFunder: t.byFunder,
          limitedByPoolCount: t.limitedByPool,
        };
        await tx.query(
          `UPDATE redemption_runs
              SET claim_count = $2, total_payout = $3, status = 'awaiting_approval',
                  computed_at = coalesce(computed_at, now()),
                  report = coalesce(report, '{}'::jsonb) || jsonb_build_object('preview', $4::jsonb)
            WHERE id = $1`,
          [runId, t.count, t.total, JSON.stringify(preview)],
        );
        if (run.status !== 'awaiting_approval') {
          await appendAudit(tx, {
            actor: ACTOR,
            action: 'redemption_run.computed',
            entityType: 'redemption_run',
            entityId: runId,
            before: { status: run.status },
            after: { status: 'awaiting_approval', claimCount: t.count, totalPayout: t.total },
          });
        }
        summary.status = 'awaiting_approval';
      }
      return summary;
    });
  }

  /** Tells finance the run waits for approval (one message per finance user, deduplicated per run). */
  async notifyRunAwaitingApproval(runId: string): Promise<{ recipients: number }> {
    const run = await loadRun(this.db, runId);
    const users = await sql<{ id: string; email: string }>(
      this.db,
      `SELECT id, email FROM users WHERE role = 'finance' AND active ORDER BY created_at, id`,
    );
    const message = runAwaitingApproval({
      programName: getProgram(run.programCode).name,
      runYear: run.year,
      runQuarter: run.quarter,
      totalPayout: run.totalPayout,
      claimCount: run.claimCount,
    });
    for (const user of users) {
      await this.notify({
        dedupeKey: `redemption-run-awaiting-approval:${runId}:${user.id}`,
        kind: 'redemption_run_awaiting_approval',
        recipientUserId: user.id,
        recipientEmail: user.email,
        ...message,
        entityType: 'redemption_run',
        entityId: runId,
      });
    }
    return { recipients: users.length };
  }

  /** Finance's approval: approver, time, status disbursing and one audit row. Idempotent per approver. */
  async recordRunApproval(input: RecordRunApprovalInput): Promise<RunApprovalRecord> {
    return this.db.transaction(async (tx) => {
      const run = await loadRun(tx, input.runId, true);
      if (run.approvedBy !== null) {
        if (run.approvedBy === input.approverId) {
          return {
            runId: run.runId,
            approvedBy: run.approvedBy,
            approvedAt: run.approvedAt!,
            status: run.status,
          };
        }
        throw ApplicationFailure.nonRetryable(
          `run ${run.runId} was already approved by ${run.approvedBy}`,
          'RunAlreadyApproved',
        );
      }
      if (run.status !== 'awaiting_approval') {
        throw ApplicationFailure.nonRetryable(
          `run ${run.runId} is ${run.status}, not awaiting approval`,
          'RunNotAwaitingApproval',
        );
      }
      const [approver] = await sql(
        tx,
        `SELECT id FROM users WHERE id::text = $1 AND role = 'finance' AND active`,
        [input.approverId],
      );
      if (!approver) {
        throw ApplicationFailure.nonRetryable(
          `approver ${input.approverId} is not an active finance user`,
          'ApproverNotFinance',
        );
      }
      const [row] = await sql(
        tx,
        `UPDATE redemption_runs SET approved_by = $2, approved_at = now(), status = 'disbursing'
          WHERE id = $1 RETURNING approved_at`,
        [run.runId, input.approverId],
      );
      await appendAudit(tx, {
        actor: input.approverId,
        action: 'redemption_run.approved',
        entityType: 'redemption_run',
        entityId: run.runId,
        before: { status: run.status },
        after: {
          status: 'disbursing',
          claimCount: run.claimCount,
          totalPayout: run.totalPayout,
        },
      });
      return {
        runId: run.runId,
        approvedBy: input.approverId,
        approvedAt: iso(row.approved_at)!,
        status: 'disbursing',
      };
    });
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

  /** One bilingual message per enterprise paid in the run (per enterprise user, else its contact email). */
  async notifyRunPayouts(runId: string): Promise<NotifyRunPayoutsResult> {
    const run = await loadRun(this.db, runId);
    const enterprises = await sql<{ id: string; name: string; contact_email: string; total: string }>(
      this.db,
      `SELECT e.id, e.name, e.contact_email, sum(p.amount)::text AS total
         FROM payouts p JOIN enterprises e ON e.id = p.enterprise_id
        WHERE p.run_id = $1 AND p.status = 'paid'
        GROUP BY e.id, e.name, e.contact_email
        ORDER BY e.id`,
      [runId],
    );
    const users = await sql<{ id: string; email: string; enterprise_id: string }>(
      this.db,
      `SELECT id, email, enterprise_id FROM users
        WHERE role = 'enterprise' AND active AND enterprise_id = ANY($1::uuid[])
        ORDER BY created_at, id`,
      [enterprises.map((e) => e.id)],
    );
    const usersOf = new Map<string, { id: string; email: string }[]>();
    for (const u of users) usersOf.set(u.enterprise_id, [...(usersOf.get(u.enterprise_id) ?? []), u]);
    const result: NotifyRunPayoutsResult = { enterprises: enterprises.length, notifications: 0, created: 0 };
    for (const e of enterprises) {
      const message = payoutPaid({
        enterpriseName: e.name,
        amount: money(e.total),
        runYear: run.year,
        runQuarter: run.quarter,
      });
      const base = {
        kind: 'payout_paid',
        ...message,
        entityType: 'redemption_run',
        entityId: runId,
      };
      const recipients = usersOf.get(e.id) ?? [];
      const inputs: NotificationInput[] =
        recipients.length > 0
          ? recipients.map((u) => ({
              ...base,
              dedupeKey: `redemption-paid:${runId}:${e.id}:${u.id}`,
              recipientUserId: u.id,
              recipientEmail: u.email,
            }))
          : [{ ...base, dedupeKey: `redemption-paid:${runId}:${e.id}`, recipientEmail: e.contact_email }];
      for (const n of inputs) {
        const r = await this.notify(n);
        result.notifications += 1;
        if (r.created) result.created += 1;
      }
      heartbeat(result);
    }
    return result;
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

  /** The run's payouts as CSV (one line per claim), for finance. */
  /** The run report's payout lines (one per claim), shared by the CSV and the XLSX downloads. */
  async runReportRows(runId: string): Promise<{ columns: string[]; rows: Row[] }> {
    await loadRun(this.db, runId);
    const rows = await sql(
      this.db,
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

  async buildRunReportCsv(runId: string): Promise<string> {
    const { columns, rows } = await this.runReportRows(runId);
    const lines = [columns.join(',')];
    for (const r of rows) lines.push(columns.map((c) => csvField(r[c])).join(','));
    return `${lines.join('\r\n')}\r\n`;
  }
}
