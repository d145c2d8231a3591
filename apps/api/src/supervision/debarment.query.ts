import type { EntityManager } from 'typeorm';
import { debarmentRefusal, type BusinessDate, type DebarmentFacts } from '@app/domain';
import { refused } from '../common/errors';

/** The unit's bars from an authority's programs (ADR 0027), as the domain rule reads them. */
export async function debarmentsOf(
  em: EntityManager,
  enterpriseId: string,
  authorityCode: string,
): Promise<DebarmentFacts[]> {
  const rows: { authority_code: string; starts_on: string; ends_on: string; lifted_on: string | null }[] =
    await em.query(
      `SELECT authority_code, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on,
              to_char(lifted_on, 'YYYY-MM-DD') AS lifted_on
         FROM debarments WHERE enterprise_id = $1 AND authority_code = $2`,
      [enterpriseId, authorityCode],
    );
  return rows.map((r) => ({
    authorityCode: r.authority_code,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    liftedOn: r.lifted_on,
  }));
}

/**
 * Called at the start of every submission path (contract applications, the first-come pool, ranked
 * rounds): a unit barred from the authority's programs is refused with ENTERPRISE_DEBARRED (422) and
 * nothing is written.
 */
export async function assertNotDebarred(
  em: EntityManager,
  enterpriseId: string | null,
  authorityCode: string,
  onDate: BusinessDate,
): Promise<void> {
  if (!enterpriseId) return;
  const refusal = debarmentRefusal(
    await debarmentsOf(em, enterpriseId, authorityCode),
    { authorityCode },
    onDate,
  );
  if (refusal)
    refused(refusal.code, {
      zh: `${refusal.message.zh}（至 ${refusal.endsOn}）`,
      en: `${refusal.message.en} (until ${refusal.endsOn})`,
    });
}
