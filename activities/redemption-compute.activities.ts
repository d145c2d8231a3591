import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { getProgram, quarterEndDate, redemptionRunKey, type Quarter } from '@app/domain';
import { appendAudit, type RedemptionRunStatus } from '@app/persistence';
import { Activity } from '@app/temporal/activities';
import {
  COMPUTE_CHUNK_SQL,
  DEFAULT_COMPUTE_CHUNK_VOUCHERS,
  PAYOUT_FUNDING_SHARES_SQL,
  PREVIEW_ENTERPRISE_LIMIT,
  RUN_ACTOR as ACTOR,
  RUN_COLUMNS,
  applyBudgetPool,
  loadRun,
  money,
  runTotals,
  sql,
  toRunState,
  type FunderTotal,
  type PartyTotal,
  type RunState,
} from './redemption-run.store';

/*
 * The run's compute phase: open the run, compute its payouts in set-based chunks, then summarize (budget
 * pool, funding shares, finance's preview). Every step is idempotent: a retry after a crash computes,
 * counts and audits nothing twice.
 */

export interface OpenRedemptionRunInput {
  programCode: string;
  year: number;
  quarter: Quarter;
  /** Recorded on the run; defaults to the deterministic key `redemption-run:<program>:<year>-Q<n>`. */
  workflowId?: string;
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

@Injectable()
export class RedemptionComputeActivities {
  constructor(@InjectDataSource() private readonly db: DataSource) {}
  /** Creates (or finds) the run of (program, year, quarter) and moves a gathering run to computing. */
  @Activity()
  async openRedemptionRun(input: OpenRedemptionRunInput): Promise<RunState> {
    const { programCode, year, quarter } = input;
    getProgram(programCode); // unknown program: DomainInputError
    const workflowId = input.workflowId ?? redemptionRunKey(programCode, year, quarter);
    // The exclusive lock on the run's key waits for claims being filed into this run (they hold it
    // shared) to commit, so the computation that follows sees every one of them (ADR 0044).
    const [row] = await this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
        redemptionRunKey(programCode, year, quarter),
      ]);
      return sql(
        tx,
        `INSERT INTO redemption_runs (program_code, year, quarter, run_date, status, workflow_id)
       VALUES ($1, $2, $3, $4, 'computing', $5)
       ON CONFLICT (program_code, year, quarter) DO UPDATE
          SET status = CASE WHEN redemption_runs.status = 'gathering' THEN 'computing'
                            ELSE redemption_runs.status END,
              workflow_id = EXCLUDED.workflow_id
       RETURNING ${RUN_COLUMNS}`,
        [programCode, year, quarter, quarterEndDate(year, quarter), workflowId],
      );
    });
    return toRunState(row);
  }

  /** One chunk of the set-based payout computation (see COMPUTE_CHUNK_SQL); one transaction. */
  @Activity()
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
  @Activity()
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
          await appendAudit(tx, ACTOR, 'redemption_run.computed', ['redemption_run', runId], {
            before: { status: run.status },
            after: { status: 'awaiting_approval', claimCount: t.count, totalPayout: t.total },
          });
        }
        summary.status = 'awaiting_approval';
      }
      return summary;
    });
  }
}
