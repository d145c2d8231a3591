import type { EntityManager } from 'typeorm';
import {
  Money,
  allocationPlan,
  rankRound,
  reviewStandings,
  type EntryOutcome,
  type ProgramDefinition,
} from '@app/domain';
import { rowsOf } from '@app/persistence';

/*
 * SQL of the allocation rounds, shared by the round activities (the workflow's steps) and the API (entries
 * and reads). Every change happens under the round row's lock (SELECT … FOR UPDATE) and bumps its stamp,
 * so the workflow can tell a newer snapshot from an older one. The decisions are the domain's (round.ts).
 */

export type RoundStatus = 'open' | 'ranked' | 'reviewing' | 'notice' | 'awaiting_finance' | 'paying' | 'paid';

export interface RoundRow {
  id: string;
  program_code: string;
  program_version: number;
  year: number;
  workflow_id: string;
  status: RoundStatus;
  opens_on: string;
  closes_on: string;
  review_quota: number;
  notice_working_days: number;
  plan_revision: number;
  published_on: string | null;
  notice_ends_on: string | null;
  total_award: string;
  stamp: number;
}

export interface RoundState {
  roundId: string;
  programCode: string;
  year: number;
  status: RoundStatus;
  stamp: number;
  entries: number;
  inReview: number;
  waiting: number;
  approved: number;
  refused: number;
  removed: number;
  reviewComplete: boolean;
  planRevision: number;
  publishedOn: string | null;
  noticeEndsOn: string | null;
  openObjections: number;
  totalAward: string;
}

const ROUND_COLUMNS = `id, program_code, program_version, year, workflow_id, status,
  to_char(opens_on, 'YYYY-MM-DD') AS opens_on, to_char(closes_on, 'YYYY-MM-DD') AS closes_on,
  review_quota, notice_working_days, plan_revision,
  to_char(published_on, 'YYYY-MM-DD') AS published_on, to_char(notice_ends_on, 'YYYY-MM-DD') AS notice_ends_on,
  total_award::text AS total_award, stamp`;

export async function lockRound(em: EntityManager, roundId: string): Promise<RoundRow | null> {
  const [row] = await em.query(`SELECT ${ROUND_COLUMNS} FROM allocation_rounds WHERE id = $1 FOR UPDATE`, [
    roundId,
  ]);
  return (row as RoundRow | undefined) ?? null;
}

export async function readRound(em: EntityManager, roundId: string): Promise<RoundRow | null> {
  const [row] = await em.query(`SELECT ${ROUND_COLUMNS} FROM allocation_rounds WHERE id = $1`, [roundId]);
  return (row as RoundRow | undefined) ?? null;
}

export async function findRound(
  em: EntityManager,
  programCode: string,
  year: number,
): Promise<RoundRow | null> {
  const [row] = await em.query(
    `SELECT ${ROUND_COLUMNS} FROM allocation_rounds WHERE program_code = $1 AND year = $2`,
    [programCode, year],
  );
  return (row as RoundRow | undefined) ?? null;
}

/** The definition version in force on a date (the latest effective on or before it). */
export async function definitionInForce(
  em: EntityManager,
  programCode: string,
  onDate: string,
): Promise<{ version: number; definition: ProgramDefinition } | null> {
  const [row] = await em.query(
    `SELECT version, definition FROM program_versions
      WHERE program_code = $1 AND effective_from <= $2 ORDER BY effective_from DESC LIMIT 1`,
    [programCode, onDate],
  );
  return row ? { version: row.version, definition: row.definition } : null;
}

export async function definitionVersion(
  em: EntityManager,
  programCode: string,
  version: number,
): Promise<ProgramDefinition> {
  const [row] = await em.query(
    `SELECT definition FROM program_versions WHERE program_code = $1 AND version = $2`,
    [programCode, version],
  );
  if (!row) throw new Error(`program ${programCode} has no version ${version}`);
  return row.definition as ProgramDefinition;
}

export async function setRoundStatus(
  em: EntityManager,
  roundId: string,
  status: RoundStatus,
  extra = '',
  params: unknown[] = [],
): Promise<void> {
  await em.query(
    `UPDATE allocation_rounds SET status = $2, stamp = stamp + 1${extra ? `, ${extra}` : ''} WHERE id = $1`,
    [roundId, status, ...params],
  );
}

export async function roundState(em: EntityManager, roundId: string): Promise<RoundState> {
  const round = await readRound(em, roundId);
  if (!round) throw new Error(`allocation round ${roundId} not found`);
  const [c] = await em.query(
    `SELECT count(*)::int AS entries,
            count(*) FILTER (WHERE standing = 'in_review')::int AS in_review,
            count(*) FILTER (WHERE standing = 'waiting')::int AS waiting,
            count(*) FILTER (WHERE standing = 'approved')::int AS approved,
            count(*) FILTER (WHERE standing = 'refused')::int AS refused,
            count(*) FILTER (WHERE standing = 'removed')::int AS removed,
            (SELECT count(*)::int FROM round_objections o WHERE o.round_id = $1 AND o.status = 'open') AS open_objections
       FROM round_entries WHERE round_id = $1`,
    [roundId],
  );
  return {
    roundId,
    programCode: round.program_code,
    year: round.year,
    status: round.status,
    stamp: round.stamp,
    entries: c.entries,
    inReview: c.in_review,
    waiting: c.waiting,
    approved: c.approved,
    refused: c.refused,
    removed: c.removed,
    reviewComplete: c.in_review === 0,
    planRevision: round.plan_revision,
    publishedOn: round.published_on,
    noticeEndsOn: round.notice_ends_on,
    openObjections: c.open_objections,
    totalAward: round.total_award,
  };
}

/** Ranks every entry of a closed round (domain rankRound) and admits the top `review_quota` to review. */
export async function rankEntries(em: EntityManager, round: RoundRow, def: ProgramDefinition): Promise<void> {
  const rows: { id: string; basis: string; receipt_seq: string }[] = await em.query(
    `SELECT id, basis::text AS basis, receipt_seq::text AS receipt_seq FROM round_entries WHERE round_id = $1`,
    [round.id],
  );
  const { ranked, unranked } = rankRound(
    def.round!,
    def.faceValueTiers,
    rows.map((r) => ({ id: r.id, basis: Money.of(r.basis), receiptSeq: Number(r.receipt_seq) })),
  );
  for (const r of ranked) {
    await em.query(`UPDATE round_entries SET rank = $2, bracket = $3, updated_at = now() WHERE id = $1`, [
      r.id,
      r.rank,
      r.bracket,
    ]);
  }
  for (const u of unranked) {
    await em.query(
      `UPDATE round_entries SET standing = 'unranked', unranked_reason = $2, updated_at = now() WHERE id = $1`,
      [u.id, u.reason],
    );
  }
  await refreshStandings(em, round);
}

/**
 * Re-derives who is under review from the decisions so far (domain reviewStandings: a refusal or removal
 * admits the next in rank). Returns the ids newly admitted.
 */
export async function refreshStandings(em: EntityManager, round: RoundRow): Promise<string[]> {
  const rows: { id: string; standing: string }[] = await em.query(
    `SELECT id, standing FROM round_entries WHERE round_id = $1 AND rank IS NOT NULL ORDER BY rank`,
    [round.id],
  );
  const outcomes = new Map<string, EntryOutcome>();
  for (const r of rows) {
    if (r.standing === 'approved' || r.standing === 'refused' || r.standing === 'removed') {
      outcomes.set(r.id, r.standing);
    }
  }
  const standings = reviewStandings(rows, outcomes, round.review_quota);
  const admitted: string[] = [];
  for (const r of rows) {
    const next = standings.get(r.id)!;
    if (next !== r.standing) {
      await em.query(`UPDATE round_entries SET standing = $2, updated_at = now() WHERE id = $1`, [
        r.id,
        next,
      ]);
      if (next === 'in_review') admitted.push(r.id);
    }
  }
  return admitted;
}

/** Matches the approved entries, in rank order, to the plan (tiers or subsidy amounts); returns the total. */
export async function matchPlan(em: EntityManager, round: RoundRow, def: ProgramDefinition): Promise<Money> {
  const approved: { id: string; basis: string }[] = await em.query(
    `SELECT id, basis::text AS basis FROM round_entries WHERE round_id = $1 AND standing = 'approved' ORDER BY rank`,
    [round.id],
  );
  await em.query(
    `UPDATE round_entries SET tier = NULL, award = NULL, plan_reason = NULL, updated_at = now()
      WHERE round_id = $1 AND standing <> 'approved' AND (award IS NOT NULL OR plan_reason IS NOT NULL)`,
    [round.id],
  );
  const plan = allocationPlan(
    def,
    approved.map((a) => ({ id: a.id, basis: Money.of(a.basis) })),
  );
  for (const p of plan) {
    await em.query(
      `UPDATE round_entries SET tier = $2, award = $3, plan_reason = $4, updated_at = now() WHERE id = $1`,
      [p.id, p.tier, p.amount?.toString() ?? null, p.reason],
    );
  }
  return Money.sum(plan.flatMap((p) => (p.amount ? [p.amount] : [])));
}

/**
 * The programs a unit holds (or applied for) in a year, for 不可重复申领: its vouchers, the pool
 * applications the 普惠 code keeps (when that table exists) and its entries in other rounds.
 */
export async function programsHeldInYear(
  em: EntityManager,
  enterpriseId: string,
  year: number,
): Promise<string[]> {
  const held = new Set<string>();
  const vouchers: { program_code: string }[] = await em.query(
    `SELECT DISTINCT program_code FROM vouchers
      WHERE enterprise_id = $1 AND extract(year FROM issued_on) = $2 AND status <> 'withdrawn'`,
    [enterpriseId, year],
  );
  vouchers.forEach((v) => held.add(v.program_code));
  const entries: { program_code: string }[] = await em.query(
    `SELECT DISTINCT program_code FROM round_entries WHERE enterprise_id = $1 AND year = $2`,
    [enterpriseId, year],
  );
  entries.forEach((v) => held.add(v.program_code));
  // The 普惠 pool keeps its applications in its own table (1764300100000-FirstComePool): a slot held or
  // a voucher issued that year counts as holding it.
  const [{ pool }] = await em.query(`SELECT to_regclass('pool_applications') IS NOT NULL AS pool`);
  if (pool) {
    const pooled: { program_code: string }[] = rowsOf(
      await em.query(
        `SELECT DISTINCT program_code FROM pool_applications
          WHERE enterprise_id = $1 AND year = $2 AND status IN ('holding','issued')`,
        [enterpriseId, year],
      ),
    );
    pooled.forEach((v) => held.add(v.program_code));
  }
  return [...held];
}

export interface SupplierFeesBasis {
  total: Money;
  /** Fees per basis program (docs/adr/0020-supplier-subsidy-basis.md). */
  byProgram: Record<string, string>;
}

/**
 * A supplier's service fees under last year's vouchers (ADR 0020): for the 普惠 pool, the actual payments
 * the supplier recorded a voucher deduction against in year − 1 (pool_deductions.payment_amount); for a
 * ranked round, the prior-year spend evidence naming the supplier of the entries of round year − 1 whose
 * award has been paid (兑付).
 */
export async function supplierFeesBasis(
  em: EntityManager,
  supplierId: string,
  year: number,
  basisProgramCodes: readonly string[],
): Promise<SupplierFeesBasis> {
  const byProgram: Record<string, string> = {};
  let total = Money.zero();
  const [{ pool }] = await em.query(`SELECT to_regclass('pool_deductions') IS NOT NULL AS pool`);
  if (pool) {
    const rows: { program_code: string; fees: string }[] = await em.query(
      `SELECT program_code, sum(payment_amount)::text AS fees FROM pool_deductions
        WHERE supplier_id = $1 AND program_code = ANY($2) AND extract(year FROM paid_on) = $3
        GROUP BY program_code`,
      [supplierId, basisProgramCodes, year - 1],
    );
    for (const r of rows) {
      byProgram[r.program_code] = Money.of(r.fees).toString();
      total = total.plus(Money.of(r.fees));
    }
  }
  const rounds: { program_code: string; fees: string }[] = await em.query(
    `SELECT e.program_code, sum(v.amount)::text AS fees
       FROM round_entry_evidence v
       JOIN round_entries e ON e.id = v.entry_id
       JOIN direct_payments p ON p.kind = 'round_award' AND p.source_id = e.id AND p.status = 'paid'
      WHERE v.supplier_id = $1 AND e.program_code = ANY($2) AND e.year = $3
      GROUP BY e.program_code`,
    [supplierId, basisProgramCodes, year - 1],
  );
  for (const r of rounds) {
    byProgram[r.program_code] = Money.of(r.fees)
      .plus(Money.parse(byProgram[r.program_code] ?? '0.00'))
      .toString();
    total = total.plus(Money.of(r.fees));
  }
  return { total, byProgram };
}
