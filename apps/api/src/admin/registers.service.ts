import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLAIM_STATUSES_IN_FLIGHT } from '@app/domain';
import { likePattern } from '../common/sql';
import type { ApplicationRegisterQuery, VoucherRegisterQuery } from './registers.dto';

const IN_FLIGHT = `ARRAY[${CLAIM_STATUSES_IN_FLIGHT.map((s) => `'${s}'`).join(',')}]`;

/** Shared filters: enterprise name / credit code anywhere, or the start of the record's reference number. */
function filters(
  q: { q?: string; programCode?: string; status?: string },
  alias: string,
  params: unknown[],
): string {
  const where: string[] = [];
  const text = q.q?.trim();
  if (text) {
    params.push(likePattern(text), `${text.toUpperCase().replace(/[%_\\]/g, '\\$&')}%`);
    const [like, prefix] = [`$${params.length - 1}`, `$${params.length}`];
    where.push(
      `(e.name ILIKE ${like} OR e.credit_code ILIKE ${like} OR ${alias}.reference_no LIKE ${prefix})`,
    );
  }
  if (q.programCode) {
    params.push(q.programCode);
    where.push(`${alias}.program_code = $${params.length}`);
  }
  if (q.status) {
    params.push(q.status);
    where.push(`${alias}.status = $${params.length}`);
  }
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

/**
 * The administrator's registers of applications and vouchers (ADR 0050): newest first, searched by
 * enterprise, number, status and program. Amounts stay the database's decimal strings.
 */
@Injectable()
export class RegistersService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async applications(q: ApplicationRegisterQuery) {
    return this.search(
      q,
      'a',
      `applications a JOIN enterprises e ON e.id = a.enterprise_id
      JOIN programs p ON p.code = a.program_code
      LEFT JOIN vouchers v ON v.application_id = a.id`,
      `a.id, a.reference_no AS number, a.program_code AS "programCode",
              p.name_zh AS "programNameZh", p.name_en AS "programNameEn", e.name AS "enterpriseName",
              a.status, a.face_value::text AS "faceValue", to_char(a.submitted_on, 'YYYY-MM-DD') AS "submittedOn",
              v.id AS "voucherId", v.status AS "voucherStatus"`,
    );
  }

  async vouchers(q: VoucherRegisterQuery) {
    return this.search(
      q,
      'v',
      `vouchers v JOIN enterprises e ON e.id = v.enterprise_id
      JOIN programs p ON p.code = v.program_code`,
      `v.id, v.reference_no AS number, v.application_id AS "applicationId",
              (SELECT ra.reference_no FROM applications ra WHERE ra.id = v.application_id) AS "applicationNumber", v.program_code AS "programCode",
              p.name_zh AS "programNameZh", p.name_en AS "programNameEn", e.name AS "enterpriseName",
              v.status, v.face_value::text AS "faceValue", v.redeemed_amount::text AS "redeemedAmount",
              to_char(v.issued_on, 'YYYY-MM-DD') AS "issuedOn"`,
    );
  }

  /**
   * One page of a register: `columns` of the rows of `tables` (whose record is `alias`), newest first, with
   * the voucher's claims in flight and the total count. Both registers join the voucher as `v`.
   */
  private async search(
    q: ApplicationRegisterQuery | VoucherRegisterQuery,
    alias: 'a' | 'v',
    tables: string,
    columns: string,
  ) {
    const params: unknown[] = [];
    const from = `FROM ${tables} ${filters(q, alias, params)}`;
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total ${from}`, params);
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT ${columns},
              (SELECT count(*)::int FROM redemption_claims c
                WHERE c.voucher_id = v.id AND c.status = ANY(${IN_FLIGHT})) AS "claimsInFlight"
         ${from}
        ORDER BY ${alias}.created_at DESC, ${alias}.id
        LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    );
    return { items: rows, total, page: q.page, pageSize: q.pageSize };
  }
}
