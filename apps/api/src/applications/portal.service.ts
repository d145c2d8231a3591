import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppEnv } from '@app/config';
import { applicationProgress, businessDateOf, type ProgramDefinition, type Quarter } from '@app/domain';
import { formatYuan } from '@app/notifications';
import { ApplicationRecord, BusinessClock, ProgramCatalog } from '@app/persistence';
import type { Principal } from '../auth/principal';
import { notFound, refused } from '../common/errors';
import { PdfService, type PdfLine, type PrintedDocument } from './pdf.service';

const STAFF = new Set(['reviewer', 'senior_reviewer', 'finance', 'admin']);

interface VoucherFacts {
  id: string;
  /** The voucher's reference number (SLQ…), printed and verifiable; its application's (SQ…). */
  referenceNo: string;
  applicationReferenceNo: string;
  applicationId: string;
  enterpriseId: string;
  enterpriseName: string;
  creditCode: string;
  programCode: string;
  programVersion: number;
  contractNumber: string;
  supplierName: string;
  faceValue: string;
  redeemedAmount: string;
  status: string;
  issuedOn: string;
  validUntil: string | null;
  decidedAt: Date | null;
  submittedOn: string;
}

const VOUCHER_FACTS_SQL = `
SELECT v.id, v.reference_no AS "referenceNo", a.reference_no AS "applicationReferenceNo", v.application_id AS "applicationId", v.enterprise_id AS "enterpriseId", e.name AS "enterpriseName",
       e.credit_code AS "creditCode", v.program_code AS "programCode", v.program_version AS "programVersion",
       c.contract_number AS "contractNumber", s.name_zh AS "supplierName", v.face_value::text AS "faceValue",
       v.redeemed_amount::text AS "redeemedAmount", v.status, v.issued_on::text AS "issuedOn",
       v.valid_until::text AS "validUntil", a.decided_at AS "decidedAt", a.submitted_on::text AS "submittedOn"
  FROM vouchers v JOIN enterprises e ON e.id = v.enterprise_id JOIN contracts c ON c.id = v.contract_id
  JOIN suppliers s ON s.id = c.supplier_id JOIN applications a ON a.id = v.application_id`;

/** What both printed documents say of the voucher's holder, program and contract. */
function contractLines(v: VoucherFacts, program: ProgramDefinition): PdfLine[] {
  return [
    ['统一社会信用代码', v.creditCode],
    ['政策项目', program.name.zh],
    ['合同编号', v.contractNumber],
    ['算力服务供给方', v.supplierName],
  ];
}

const VOUCHER_STATUS_ZH: Record<string, string> = {
  active: '有效',
  exhausted: '已用完',
  expired: '已过期',
  withdrawn: '已作废',
};

/**
 * The enterprise's printed documents and progress tracker (ADR 0049). Each is authorized like the record it
 * prints: the application's (or voucher's) own enterprise, or bureau staff; anyone else gets 404, so the
 * existence of another enterprise's voucher never leaks.
 */
@Injectable()
export class PortalService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: BusinessClock,
    private readonly catalog: ProgramCatalog,
    private readonly pdf: PdfService,
    private readonly env: AppEnv,
  ) {}

  private canSee(me: Principal, enterpriseId: string): boolean {
    return me.role === 'enterprise' ? me.enterpriseId === enterpriseId : STAFF.has(me.role);
  }

  private async voucherBy(column: 'v.id' | 'v.application_id', id: string): Promise<VoucherFacts | null> {
    const [row] = (await this.db.query(`${VOUCHER_FACTS_SQL} WHERE ${column} = $1`, [id])) as VoucherFacts[];
    return row ?? null;
  }

  /** A document issued by the program's authority, signed off with its name and the date it speaks for. */
  private printed(
    program: ProgramDefinition,
    dated: string,
    content: Omit<PrintedDocument, 'authority' | 'footer'>,
  ) {
    const authority = program.authority.name.zh;
    return this.pdf.render({ authority, ...content, footer: `${authority} \u3000${dated}` });
  }

  /** 算力券审批通知书: only once approved (a voucher issued); before that there is nothing to notify. */
  async approvalNotice(me: Principal, applicationId: string): Promise<{ filename: string; pdf: Buffer }> {
    const app = await this.db.getRepository(ApplicationRecord).findOneBy({ id: applicationId });
    if (!app || !this.canSee(me, app.enterpriseId)) notFound('application');
    const v = await this.voucherBy('v.application_id', app.id);
    if (!v) {
      refused('APPROVAL_NOTICE_NOT_AVAILABLE', {
        zh: '申请尚未批准发券，暂无审批通知书',
        en: 'The application has not been approved with a voucher yet; there is no approval notice',
      });
    }
    const { definition: program } = await this.catalog.version(v.programCode, v.programVersion);
    const decidedOn = v.decidedAt ? businessDateOf(v.decidedAt) : v.issuedOn;
    const pdf = await this.printed(program, decidedOn, {
      title: '算力券审批通知书',
      opening: `${v.enterpriseName}：贵单位于 ${v.submittedOn} 提交的${program.name.zh}申请，经审核，予以批准，核发算力券如下。`,
      lines: [
        ['申请编号', v.applicationReferenceNo],
        ['申请单位', v.enterpriseName],
        ...contractLines(v, program),
        ['核定券面金额', formatYuan(v.faceValue)],
        ['批准日期', decidedOn],
        ['有效期至', v.validUntil ?? program.planEnd],
        ['算力券编号', v.referenceNo],
      ],
      notes: [
        '请在有效期内使用算力券，服务结算后按季度申请兑付。',
        'Approval notice: the application above is approved and the voucher issued with the face value shown.',
      ],
    });
    return { filename: `approval-notice-${v.contractNumber}.pdf`, pdf };
  }

  /** 算力券凭证: the voucher as issued, with its face value, balance, status and last day of use. */
  async certificate(me: Principal, voucherId: string): Promise<{ filename: string; pdf: Buffer }> {
    const v = await this.voucherBy('v.id', voucherId);
    if (!v || !this.canSee(me, v.enterpriseId)) notFound('voucher');
    const { definition: program } = await this.catalog.version(v.programCode, v.programVersion);
    const pdf = await this.printed(program, v.issuedOn, {
      title: '算力券凭证',
      opening: `兹向 ${v.enterpriseName} 核发${program.name.zh}，凭此券按合同购买算力服务，并按季度申请兑付。`,
      lines: [
        ['持券单位', v.enterpriseName],
        ...contractLines(v, program),
        ['券面金额', formatYuan(v.faceValue)],
        ['已兑付金额', formatYuan(v.redeemedAmount)],
        ['发放日期', v.issuedOn],
        ['有效期至', v.validUntil ?? program.planEnd],
        ['状态', VOUCHER_STATUS_ZH[v.status] ?? v.status],
        ['算力券编号', v.referenceNo],
      ],
      notes: [
        '本券不得转让、不得兑换现金；逾期未使用部分自动作废。',
        'Voucher certificate: not transferable, not exchangeable for cash; unused value lapses after the last day of use.',
      ],
    });
    return { filename: `voucher-${v.contractNumber}.pdf`, pdf };
  }

  /** The progress tracker's steps with the promised due dates (libs/domain/src/portal.ts). */
  async progress(me: Principal, applicationId: string) {
    const app = await this.db.getRepository(ApplicationRecord).findOneBy({ id: applicationId });
    if (!app || !this.canSee(me, app.enterpriseId)) notFound('application');
    const { definition: program } = await this.catalog.version(app.programCode, app.programVersion);
    const [[review], [voucher], [settlement], [claim], [paid]] = (await Promise.all([
      this.db.query(
        `SELECT min(completed_at) AS at FROM review_tasks WHERE application_id = $1 AND completed_at IS NOT NULL`,
        [app.id],
      ),
      this.db.query(
        `SELECT issued_on::text AS "issuedOn", valid_until::text AS "validUntil", contract_id AS "contractId"
           FROM vouchers WHERE application_id = $1`,
        [app.id],
      ),
      // The invoice date: a business date (confirmed_at is wall-clock time, not the sandbox calendar's).
      this.db.query(`SELECT min(invoice_date)::text AS "on" FROM settlements WHERE contract_id = $1`, [
        app.contractId,
      ]),
      this.db.query(
        `SELECT c.claimed_on::text AS "claimedOn", c.run_year AS year, c.run_quarter AS quarter
           FROM redemption_claims c JOIN vouchers v ON v.id = c.voucher_id
          WHERE v.application_id = $1 ORDER BY c.claimed_on, c.created_at LIMIT 1`,
        [app.id],
      ),
      this.db.query(
        `SELECT min(p.paid_at) AS at FROM payouts p JOIN vouchers v ON v.id = p.voucher_id
          WHERE v.application_id = $1 AND p.status = 'paid'`,
        [app.id],
      ),
    ])) as [
      { at: Date | null }[],
      { issuedOn: string; validUntil: string | null }[],
      { on: string | null }[],
      { claimedOn: string; year: number; quarter: number }[],
      { at: Date | null }[],
    ];
    const day = (at: Date | null | undefined) => (at ? businessDateOf(new Date(at)) : null);
    const steps = applicationProgress({
      program,
      reviewWorkingDays: this.env.REVIEW_DUE_WORKING_DAYS,
      today: await this.clock.today(),
      status: app.status,
      submittedOn: app.submittedOn,
      reviewedOn: day(review?.at),
      decidedOn: day(app.decidedAt),
      voucher: voucher ? { issuedOn: voucher.issuedOn, validUntil: voucher.validUntil } : null,
      firstSettlementOn: settlement?.on ?? null,
      firstClaim: claim
        ? { claimedOn: claim.claimedOn, run: { year: claim.year, quarter: claim.quarter as Quarter } }
        : null,
      firstPaidOn: day(paid?.at),
    });
    return {
      applicationId: app.id,
      status: app.status,
      reviewWorkingDays: this.env.REVIEW_DUE_WORKING_DAYS,
      steps,
    };
  }
}
