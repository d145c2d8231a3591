import type { Db } from './redemption-fixtures';
import { REDEMPTION_INVARIANTS } from './redemption-fixtures';

/*
 * The SQL invariants the fault tests and the crash suite check after a crash: each query returns the rows
 * that break it, so "no rows" is the pass. All are scoped to a set of enterprises ($1), since a database
 * may be shared between suites. The money invariants of the redemption runs live beside their fixtures
 * (REDEMPTION_INVARIANTS); these add the application side: caps, issuance and the review queue.
 */
export const APPLICATION_INVARIANTS: Record<string, string> = {
  'yearly cap never overrun': `
    SELECT program_code, enterprise_id, year, cap, issued FROM yearly_cap_ledger
     WHERE enterprise_id = ANY($1::uuid[]) AND (issued > cap OR issued < 0)`,
  'an issued application has exactly one voucher, of its face value': `
    SELECT a.id, a.status, a.face_value, count(v.id) AS vouchers, sum(v.face_value) AS voucher_face
      FROM applications a LEFT JOIN vouchers v ON v.application_id = a.id
     WHERE a.enterprise_id = ANY($1::uuid[])
     GROUP BY a.id, a.status, a.face_value
    HAVING (a.status = 'issued' AND (count(v.id) <> 1 OR sum(v.face_value) <> a.face_value))
        OR (a.status IN ('submitted', 'in_review', 'awaiting_second_approval', 'supplement_requested',
                         'rejected', 'refused') AND count(v.id) > 0)`,
  'at most one open review task per application, none on a decided one': `
    SELECT t.application_id, a.status, count(*) AS open_tasks
      FROM review_tasks t JOIN applications a ON a.id = t.application_id
     WHERE t.status = 'open' AND a.enterprise_id = ANY($1::uuid[])
     GROUP BY t.application_id, a.status
    HAVING count(*) > 1 OR a.status IN ('issued', 'refused', 'rejected')`,
};

/** Every invariant the crash suite checks. */
export const ALL_INVARIANTS: Record<string, string> = { ...REDEMPTION_INVARIANTS, ...APPLICATION_INVARIANTS };

/** Runs the invariant queries over the enterprises; returns those that found rows (with the first rows). */
export async function checkInvariants(
  db: Db,
  enterpriseIds: string[],
  invariants: Record<string, string> = ALL_INVARIANTS,
): Promise<Record<string, unknown[]>> {
  const broken: Record<string, unknown[]> = {};
  for (const [name, query] of Object.entries(invariants)) {
    const rows = (await db.query(`${query} LIMIT 5`, [enterpriseIds])) as unknown[];
    if (rows.length > 0) broken[name] = rows;
  }
  return broken;
}

/**
 * Money paid twice: a claim with more than one paid payout, or a payee with more bank transfers than paid
 * payouts. A user would see it as a second transfer on the bank statement.
 */
export async function countDoublePayouts(db: Db, enterpriseIds: string[]): Promise<number> {
  const [{ n }] = (await db.query(
    `SELECT (SELECT count(*) FROM (SELECT claim_id FROM payouts
                                    WHERE status = 'paid' AND enterprise_id = ANY($1::uuid[])
                                    GROUP BY claim_id HAVING count(*) > 1) x)
          + (SELECT coalesce(sum(greatest(t.n - coalesce(p.n, 0), 0)), 0)
               FROM (SELECT payee_id, count(*) AS n FROM simulated_bank_transfers
                      WHERE payee_id = ANY($1::uuid[]) GROUP BY payee_id) t
               LEFT JOIN (SELECT enterprise_id, count(*) AS n FROM payouts
                           WHERE status = 'paid' AND amount > 0 AND enterprise_id = ANY($1::uuid[])
                           GROUP BY enterprise_id) p ON p.enterprise_id = t.payee_id) AS n`,
    [enterpriseIds],
  )) as { n: string }[];
  return Number(n);
}
