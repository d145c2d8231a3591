import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { likePattern } from '../common/sql';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { Money, findProgram } from '@app/domain';
import type { RedemptionRunRecord } from '@app/persistence';

/**
 * One claim's line in a run (a payout), with our reference numbers — never an internal id: DF… for the
 * claim, SLQ… for the voucher, SQ… for the application (migration ReferenceNumbers; ADR 0045).
 */
export interface RunLine {
  claimNumber: string;
  voucherNumber: string;
  applicationNumber: string;
  contractNumber: string;
  invoiceNumber: string;
  enterpriseName: string;
  creditCode: string;
  supplierName: string;
  claimedOn: string;
  deliveredOn: string;
  rolledOver: boolean;
  invoicedEligibleAmount: string;
  uncappedAmount: string;
  amount: string;
  limitedByBalance: boolean;
  status: 'computed' | 'paid' | 'skipped';
  bankReference: string | null;
  /** Asia/Shanghai, 'YYYY-MM-DD HH:mm:ss'. */
  paidAt: string | null;
}

/** What a finance office reads in a payout's status column. */
export const PAYOUT_STATUS_ZH: Record<RunLine['status'], string> = {
  computed: '待拨付',
  paid: '已拨付',
  skipped: '未拨付',
};

export const RUN_STATUS_ZH: Record<string, string> = {
  gathering: '归集中',
  computing: '计算中',
  awaiting_approval: '待审批',
  disbursing: '拨付中',
  completed: '已完成',
  cancelled: '已取消',
};

/** A run's payouts with what a line names: claim, settlement, voucher, contract, enterprise, supplier. */
const LINE_FROM = `
    FROM payouts p
    JOIN redemption_claims c ON c.id = p.claim_id
    JOIN settlements st ON st.id = c.settlement_id
    JOIN vouchers v ON v.id = p.voucher_id
    JOIN contracts k ON k.id = v.contract_id
    JOIN enterprises e ON e.id = p.enterprise_id
    JOIN suppliers s ON s.id = p.supplier_id`;

const LINE_SELECT = `
  SELECT c.reference_no AS "claimNumber", v.reference_no AS "voucherNumber",
         (SELECT ra.reference_no FROM applications ra WHERE ra.id = v.application_id) AS "applicationNumber", k.contract_number AS "contractNumber",
         st.invoice_number AS "invoiceNumber", e.name AS "enterpriseName", e.credit_code AS "creditCode",
         s.name_zh AS "supplierName", c.claimed_on::text AS "claimedOn", c.delivered_on::text AS "deliveredOn",
         c.rolled_over AS "rolledOver", c.invoiced_eligible_amount::text AS "invoicedEligibleAmount",
         p.uncapped_amount::text AS "uncappedAmount", p.amount::text AS amount,
         p.limited_by_balance AS "limitedByBalance", p.status, p.bank_reference AS "bankReference",
         to_char(p.paid_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') AS "paidAt"
    ${LINE_FROM}`;

const LINE_ORDER = `ORDER BY e.credit_code, v.id, c.claimed_on, c.id`;

const SEARCH = `(e.name ILIKE $2 OR e.credit_code ILIKE $2 OR st.invoice_number ILIKE $2
  OR k.contract_number ILIKE $2 OR s.name_zh ILIKE $2 OR c.reference_no ILIKE $2 OR v.reference_no ILIKE $2
  OR v.application_id IN (SELECT id FROM applications WHERE reference_no ILIKE $2))`;

/** The CSV's columns: Chinese headers a finance office reads as is. */
const CSV_COLUMNS: [string, (l: RunLine) => string][] = [
  ['兑付编号', (l) => l.claimNumber],
  ['算力券编号', (l) => l.voucherNumber],
  ['申请编号', (l) => l.applicationNumber],
  ['合同编号', (l) => l.contractNumber],
  ['发票号码', (l) => l.invoiceNumber],
  ['企业名称', (l) => l.enterpriseName],
  ['统一社会信用代码', (l) => l.creditCode],
  ['算力供给方', (l) => l.supplierName],
  ['申请日期', (l) => l.claimedOn],
  ['交付日期', (l) => l.deliveredOn],
  ['是否结转', (l) => (l.rolledOver ? '是' : '否')],
  ['发票可支持金额(元)', (l) => l.invoicedEligibleAmount],
  ['按比例应兑付金额(元)', (l) => l.uncappedAmount],
  ['兑付金额(元)', (l) => l.amount],
  ['受券余额限制', (l) => (l.limitedByBalance ? '是' : '否')],
  ['状态', (l) => PAYOUT_STATUS_ZH[l.status] ?? l.status],
  ['银行流水号', (l) => l.bankReference ?? ''],
  ['拨付时间', (l) => l.paidAt ?? ''],
];

export function csvField(v: string): string {
  // A leading =, +, - or @ would be read as a formula by a spreadsheet: quote it as text.
  const text = /^[=+\-@]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The amount columns of the XLSX lines sheet (numbers with the ¥ format). */
const XLSX_AMOUNTS = new Set(['invoicedEligibleAmount', 'uncappedAmount', 'amount']);

export const YUAN_FORMAT = '"¥"#,##0.00';

/**
 * An amount as the cell's number. Safe: Money holds at most 2 decimals and at most 13 integer digits
 * (numeric(15,2)), so under 10^15 fen < 2^53, and the double nearest to the decimal string prints back as the
 * same string — exact to the fen in the file. This is the only place an amount becomes a JS number; the
 * 2^53 guard stays in case Money's bound is ever widened.
 */
export function yuanCell(amount: string): number {
  const m = Money.parse(amount);
  const fen = m.toFen();
  const limit = 2n ** 53n;
  if (fen >= limit || fen <= -limit)
    throw new Error(`amount ${amount} does not fit a spreadsheet number exactly`);
  return Number(m.toString());
}

/**
 * Finance's view and downloads of a run's claims: the per-claim lines (searchable, paginated), the CSV a
 * finance office opens directly (UTF-8 BOM, Chinese headers and statuses, Asia/Shanghai times) and the
 * workbook with numeric amounts.
 */
@Injectable()
export class RunReportService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async lines(
    runId: string,
    query: { q?: string; page: number; pageSize: number },
  ): Promise<{ items: RunLine[]; total: number; totalAmount: string }> {
    const q = query.q?.trim();
    const params: unknown[] = [runId, ...(q ? [likePattern(q)] : [])];
    const where = `WHERE p.run_id = $1${q ? ` AND ${SEARCH}` : ''}`;
    const items: RunLine[] = await this.db.query(
      `${LINE_SELECT} ${where} ${LINE_ORDER} LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
      params,
    );
    const [count] = await this.db.query(
      `SELECT count(*)::int AS total, coalesce(sum(p.amount), 0)::text AS amount ${LINE_FROM} ${where}`,
      params,
    );
    return { items, total: count.total, totalAmount: Money.parse(count.amount).toString() };
  }

  private allLines(runId: string): Promise<RunLine[]> {
    return this.db.query(`${LINE_SELECT} WHERE p.run_id = $1 ${LINE_ORDER}`, [runId]);
  }

  /** The CSV: a UTF-8 BOM (so Excel reads the Chinese), one line per claim, CRLF. */
  async csv(runId: string): Promise<Buffer> {
    const lines = await this.allLines(runId);
    const out = [CSV_COLUMNS.map(([h]) => h).join(',')];
    for (const l of lines) out.push(CSV_COLUMNS.map(([, cell]) => csvField(cell(l))).join(','));
    return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${out.join('\r\n')}\r\n`, 'utf8')]);
  }

  async xlsx(run: RedemptionRunRecord): Promise<Buffer> {
    const lines = await this.allLines(run.id);
    const book = new ExcelJS.Workbook();
    book.creator = '算力券管理平台';
    const program = findProgram(run.programCode);
    const summary = book.addWorksheet('汇总');
    summary.columns = [{ width: 24 }, { width: 40 }];
    const yuan = (label: string, amount: string) => {
      const row = summary.addRow([label, yuanCell(amount)]);
      row.getCell(2).numFmt = YUAN_FORMAT;
    };
    summary.addRow(['政策', program?.name.zh ?? run.programCode]);
    summary.addRow(['兑付批次', `${run.year} 年第 ${run.quarter} 季度`]);
    summary.addRow(['兑付日', run.runDate]);
    summary.addRow(['状态', RUN_STATUS_ZH[run.status] ?? run.status]);
    summary.addRow(['兑付笔数', run.claimCount]);
    yuan('兑付总额', run.totalPayout.toString());
    summary.addRow(['已拨付笔数', run.paidCount]);
    yuan('已拨付金额', run.paidTotal.toString());

    const sheet = book.addWorksheet('兑付明细');
    const keys: (keyof RunLine)[] = [
      'claimNumber',
      'voucherNumber',
      'applicationNumber',
      'contractNumber',
      'invoiceNumber',
      'enterpriseName',
      'creditCode',
      'supplierName',
      'claimedOn',
      'deliveredOn',
      'rolledOver',
      'invoicedEligibleAmount',
      'uncappedAmount',
      'amount',
      'limitedByBalance',
      'status',
      'bankReference',
      'paidAt',
    ];
    sheet.columns = keys.map((key, i) => ({
      header: CSV_COLUMNS[i][0],
      key,
      width: XLSX_AMOUNTS.has(key) ? 18 : 16,
      ...(XLSX_AMOUNTS.has(key) ? { style: { numFmt: YUAN_FORMAT } } : {}),
    }));
    for (const l of lines) {
      const row: Record<string, string | number> = {};
      keys.forEach((key, i) => {
        row[key] = XLSX_AMOUNTS.has(key) ? yuanCell(String(l[key])) : CSV_COLUMNS[i][1](l);
      });
      const added = sheet.addRow(row);
      for (const key of XLSX_AMOUNTS) added.getCell(key).numFmt = YUAN_FORMAT;
    }
    sheet.getRow(1).font = { bold: true };
    return Buffer.from(await book.xlsx.writeBuffer());
  }
}
