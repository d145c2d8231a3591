import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { runReportCsv, runReportRows } from '@app/activities/redemption-run.store';
import type { RedemptionRunRecord } from '@app/persistence';

interface PartyRow {
  code: string;
  name: string;
  payouts: number;
  total: string;
  limitedByBalance: number;
}

/**
 * Finance's downloads of a redemption run: the payout lines as CSV and the workbook (summary, per
 * enterprise, per supplier, lines). Reads the run's tables through the run's store; never an activity.
 */
@Injectable()
export class RunReportService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  csv(runId: string): Promise<string> {
    return runReportCsv(this.db, runId);
  }

  async xlsx(run: RedemptionRunRecord): Promise<Buffer> {
    const { columns, rows } = await runReportRows(this.db, run.id);
    const book = new ExcelJS.Workbook();
    book.creator = 'compute-voucher back office';
    const summary = book.addWorksheet('Summary 汇总');
    summary.addRows([
      ['Program 方案', run.programCode],
      ['Run 批次', `${run.year} Q${run.quarter}`],
      ['Run date 兑付日', run.runDate],
      ['Status 状态', run.status],
      ['Claims 申请数', run.claimCount],
      ['Total payout 兑付总额 (CNY)', run.totalPayout.toString()],
      ['Paid 已支付笔数', run.paidCount],
      ['Paid total 已支付金额 (CNY)', run.paidTotal.toString()],
    ]);
    const report = (run.report ?? {}) as {
      byEnterprise?: PartyRow[];
      bySupplier?: PartyRow[];
      preview?: { byEnterprise?: PartyRow[]; bySupplier?: PartyRow[] };
    };
    for (const [title, list] of [
      ['By enterprise 按企业', report.byEnterprise ?? report.preview?.byEnterprise ?? []],
      ['By supplier 按供给方', report.bySupplier ?? report.preview?.bySupplier ?? []],
    ] as const) {
      const sheet = book.addWorksheet(title);
      sheet.addRow(['code', 'name', 'payouts', 'total', 'limited_by_balance']);
      for (const p of list) sheet.addRow([p.code, p.name, p.payouts, p.total, p.limitedByBalance]);
    }
    // Amounts stay text: a spreadsheet float must not round a payout.
    const lines = book.addWorksheet('Payouts 明细');
    lines.addRow(columns);
    for (const r of rows) {
      lines.addRow(
        columns.map((c) => {
          const v = r[c];
          return v == null ? '' : v instanceof Date ? v.toISOString() : String(v);
        }),
      );
    }
    return Buffer.from(await book.xlsx.writeBuffer());
  }
}
