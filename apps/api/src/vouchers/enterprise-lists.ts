import type { DataSource } from 'typeorm';

/*
 * An enterprise's lists, each page answered by ONE statement: the page's rows carry the total of the whole
 * list (count(*) OVER () over the enterprise's rows, before OFFSET/LIMIT). Only a page past the end, which
 * has no row to carry it, costs a second (count) query. The SQL is exported so that `npm run bench`
 * measures the same statement through pg as the floor of GET /vouchers.
 */

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * One page of an enterprise's rows of `table`, with the list's total on each: $1 enterprise, $2 offset,
 * $3 limit. The page is cut from the table alone; the caller joins the rest to it.
 */
const enterprisePage = (table: string, alias: string, order: string) => `
WITH page AS (
  SELECT ${alias}.*, count(*) OVER ()::int AS total
    FROM ${table} ${alias}
   WHERE ${alias}.enterprise_id = $1
   ORDER BY ${order}
  OFFSET $2 LIMIT $3)`;

/**
 * The voucher page; with `todaySql` (the sandbox clock's, BusinessClock.todaySql) each row also carries
 * the business date as "businessDate", so the page and today arrive in one round trip.
 */
export const voucherPageSql = (
  todaySql: string | null,
) => `${enterprisePage('vouchers', 'v', 'v.issued_on DESC, v.id')}
SELECT v.id, v.application_id AS "applicationId", v.program_code AS "programCode", c.contract_number AS "contractNumber",
       s.name_zh AS "supplierName", v.face_value::text AS "faceValue", v.redeemed_amount::text AS "redeemedAmount",
       (v.face_value - v.redeemed_amount)::numeric(15,2)::text AS remaining,
       coalesce((SELECT sum(p.amount) FROM payouts p WHERE p.voucher_id = v.id AND p.status = 'computed'), 0)::numeric(15,2)::text AS "pendingPayout",
       v.status, v.cap_year AS "capYear", v.issued_on::text AS "issuedOn", v.valid_until::text AS "validUntil", v.total${
         todaySql ? `, ${todaySql} AS "businessDate"` : ''
       }
  FROM page v JOIN contracts c ON c.id = v.contract_id JOIN suppliers s ON s.id = c.supplier_id
 ORDER BY v.issued_on DESC, v.id`;

const SETTLEMENT_PAGE_SQL = `${enterprisePage('settlements', 'st', 'st.period_end DESC, st.id')}
SELECT st.id, st.contract_id AS "contractId", c.contract_number AS "contractNumber", su.name_zh AS "supplierName",
       st.period_start::text AS "periodStart", st.period_end::text AS "periodEnd", st.amount::text AS amount,
       st.invoice_number AS "invoiceNumber", st.invoice_date::text AS "invoiceDate",
       rc.id AS "claimId", rc.status AS "claimStatus", vo.status AS "voucherStatus",
       vo.valid_until::text AS "voucherValidUntil", st.total
  FROM page st JOIN contracts c ON c.id = st.contract_id JOIN suppliers su ON su.id = st.supplier_id
  LEFT JOIN redemption_claims rc ON rc.settlement_id = st.id
  LEFT JOIN vouchers vo ON vo.contract_id = st.contract_id
 ORDER BY st.period_end DESC, st.id`;

const CLAIM_PAGE_SQL = `
SELECT c.id, c.voucher_id AS "voucherId", c.settlement_id AS "settlementId", c.claimed_on::text AS "claimedOn",
       c.delivered_on::text AS "deliveredOn", c.invoiced_eligible_amount::text AS "invoicedEligibleAmount",
       c.run_year AS "runYear", c.run_quarter AS "runQuarter", c.rolled_over AS "rolledOver",
       c.assignment_reason AS "assignmentReason", c.status, count(*) OVER ()::int AS total
  FROM redemption_claims c
 WHERE c.enterprise_id = $1
 ORDER BY c.created_at DESC, c.id
OFFSET $2 LIMIT $3`;

interface PageQueryLike {
  page: number;
  pageSize: number;
}

async function onePage<T extends { total: number }>(
  db: DataSource,
  sql: string,
  countSql: string,
  enterpriseId: string,
  q: PageQueryLike,
): Promise<{ rows: Omit<T, 'total'>[]; total: number }> {
  const rows = (await db.query(sql, [enterpriseId, (q.page - 1) * q.pageSize, q.pageSize])) as T[];
  let total = rows[0]?.total ?? 0;
  if (!rows.length && q.page > 1) {
    const [row] = (await db.query(countSql, [enterpriseId])) as { total: number }[];
    total = row.total;
  }
  return { rows: rows.map(({ total: _total, ...rest }) => rest), total };
}

/** A page answered as the statement's rows are, the whole list counted in `table` when the page is empty. */
async function rowsPage(
  db: DataSource,
  sql: string,
  table: 'vouchers' | 'settlements',
  enterpriseId: string,
  q: PageQueryLike,
) {
  const { rows, total } = await onePage<Record<string, unknown> & { total: number }>(
    db,
    sql,
    `SELECT count(*)::int AS total FROM ${table} WHERE enterprise_id = $1`,
    enterpriseId,
    q,
  );
  return { items: rows, total, page: q.page, pageSize: q.pageSize };
}

export async function voucherPage(
  db: DataSource,
  enterpriseId: string,
  q: PageQueryLike,
  todaySql: string | null,
) {
  return rowsPage(db, voucherPageSql(todaySql), 'vouchers', enterpriseId, q);
}

export async function settlementPage(db: DataSource, enterpriseId: string, q: PageQueryLike) {
  return rowsPage(db, SETTLEMENT_PAGE_SQL, 'settlements', enterpriseId, q);
}

interface ClaimRow {
  id: string;
  voucherId: string;
  settlementId: string;
  claimedOn: string;
  deliveredOn: string;
  invoicedEligibleAmount: string;
  runYear: number;
  runQuarter: number;
  rolledOver: boolean;
  assignmentReason: string;
  status: string;
  total: number;
}

/** The claims as the service's view shows one (the run as {year, quarter}). */
export async function claimPage(db: DataSource, enterpriseId: string, q: PageQueryLike) {
  const { rows, total } = await onePage<ClaimRow>(
    db,
    CLAIM_PAGE_SQL,
    `SELECT count(*)::int AS total FROM redemption_claims WHERE enterprise_id = $1`,
    enterpriseId,
    q,
  );
  const items = rows.map(({ runYear, runQuarter, ...c }) => ({
    id: c.id,
    voucherId: c.voucherId,
    settlementId: c.settlementId,
    claimedOn: c.claimedOn,
    deliveredOn: c.deliveredOn,
    invoicedEligibleAmount: c.invoicedEligibleAmount,
    run: { year: runYear, quarter: runQuarter },
    rolledOver: c.rolledOver,
    assignmentReason: c.assignmentReason,
    status: c.status,
  }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}
