import { Controller, Header, Param, ParseIntPipe, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Money } from '@app/domain';
import { Public } from '../auth/decorators';
import { notFound } from '../common/errors';
import { sendGeneratedFile } from '../common/stored-file';
import { ApiDownload, ApiGet, PassthroughRes } from '../common/routes';
import { RecipientListIndexResponse, RecipientListResponse } from './recipients.responses';

/**
 * Published recipient lists (ADR 0030): per program and year, the vouchers issued (a withdrawn one is
 * taken off) and the grants paid — the names, amounts and dates a bureau publishes, nothing else. Anyone
 * may read them signed out; the same list downloads as CSV.
 */
@ApiTags('public')
@Public()
@Controller('public/recipients')
export class RecipientsController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @ApiGet('', '受益名单索引 · Published recipient lists', RecipientListIndexResponse)
  async index() {
    const rows: { program_code: string; year: number }[] = await this.db.query(
      `SELECT program_code, year FROM (
         SELECT program_code, extract(year FROM issued_on)::int AS year FROM vouchers WHERE status <> 'withdrawn'
         UNION SELECT program_code, extract(year FROM issued_on)::int FROM pool_vouchers WHERE status <> 'withdrawn'
         UNION SELECT program_code, extract(year FROM (paid_at AT TIME ZONE 'Asia/Shanghai'))::int FROM direct_payments
                WHERE status = 'paid' AND kind IN ('round_award', 'supplier_subsidy', 'grant')) x
       ORDER BY program_code, year DESC`,
    );
    const names = await this.names();
    const byProgram = new Map<string, number[]>();
    for (const r of rows) byProgram.set(r.program_code, [...(byProgram.get(r.program_code) ?? []), r.year]);
    return {
      items: [...byProgram].map(([code, years]) => ({
        programCode: code,
        programName: names.get(code) ?? null,
        years,
      })),
    };
  }

  @ApiGet(':programCode/:year', '受益名单 · One published recipient list', RecipientListResponse)
  async list(@Param('programCode') programCode: string, @Param('year', ParseIntPipe) year: number) {
    return this.build(programCode, year);
  }

  @ApiDownload(
    ':programCode/:year/download',
    '下载受益名单 · Download a published recipient list',
    'UTF-8 CSV of the published list',
    'text/csv',
  )
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async download(
    @Param('programCode') programCode: string,
    @Param('year', ParseIntPipe) year: number,
    @PassthroughRes() res: Response,
  ) {
    const l = await this.build(programCode, year);
    const esc = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const lines = [
      ['类别 kind', '名称 recipient', '金额 amount', '日期 date'].join(','),
      ...l.vouchers.map((v) => ['算力券 voucher', esc(v.recipient), v.amount, v.date].join(',')),
      ...l.grants.map((g) => [`${g.kindLabel.zh} ${g.kind}`, esc(g.recipient), g.amount, g.date].join(',')),
    ];
    sendGeneratedFile(res, `recipients-${programCode}-${year}.csv`);
    return new StreamableFile(Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'));
  }

  private async names() {
    const programs: { code: string; name_zh: string; name_en: string }[] = await this.db.query(
      `SELECT code, name_zh, name_en FROM programs`,
    );
    return new Map(programs.map((p) => [p.code, { zh: p.name_zh, en: p.name_en }]));
  }

  private async build(programCode: string, year: number) {
    const name = (await this.names()).get(programCode);
    if (!name || year < 2000 || year > 2100) notFound('program');
    const vouchers: { recipient: string; amount: string; date: string }[] = await this.db.query(
      `SELECT e.name AS recipient, v.face_value::text AS amount, to_char(v.issued_on, 'YYYY-MM-DD') AS date
         FROM (SELECT enterprise_id, face_value, issued_on FROM vouchers
                WHERE program_code = $1 AND status <> 'withdrawn' AND extract(year FROM issued_on) = $2
               UNION ALL
               SELECT enterprise_id, face_value, issued_on FROM pool_vouchers
                WHERE program_code = $1 AND status <> 'withdrawn' AND extract(year FROM issued_on) = $2) v
         JOIN enterprises e ON e.id = v.enterprise_id
        ORDER BY v.issued_on, e.name`,
      [programCode, year],
    );
    const grants: { kind: string; recipient: string; amount: string; date: string }[] = await this.db.query(
      `SELECT d.kind, coalesce(e.name, s.name_zh) AS recipient, d.amount::text AS amount,
              to_char((d.paid_at AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD') AS date
         FROM direct_payments d
         LEFT JOIN enterprises e ON d.payee_kind = 'enterprise' AND e.id = d.payee_id
         LEFT JOIN suppliers s ON d.payee_kind = 'supplier' AND s.id = d.payee_id
        WHERE d.program_code = $1 AND d.status = 'paid' AND d.kind IN ('round_award', 'supplier_subsidy', 'grant')
          AND extract(year FROM (d.paid_at AT TIME ZONE 'Asia/Shanghai')) = $2
        ORDER BY d.paid_at, recipient`,
      [programCode, year],
    );
    const KIND_LABELS: Record<string, { zh: string; en: string }> = {
      round_award: { zh: '特惠奖励', en: 'Award' },
      supplier_subsidy: { zh: '算力补贴', en: 'Supplier subsidy' },
      grant: { zh: '免申即享', en: 'Grant' },
    };
    return {
      programCode,
      programName: name,
      year,
      vouchers,
      grants: grants.map((g) => ({ ...g, kindLabel: KIND_LABELS[g.kind] })),
      totals: {
        vouchers: vouchers.length,
        faceValue: Money.sum(vouchers.map((v) => Money.parse(v.amount))).toString(),
        grants: grants.length,
        paid: Money.sum(grants.map((g) => Money.parse(g.amount))).toString(),
      },
    };
  }
}
