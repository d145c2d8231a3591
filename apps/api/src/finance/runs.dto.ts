import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { RowsFirstPage } from '../common/views';
import { Fields } from '../common/fields';
import { BilingualText } from '../common/openapi';
import * as is from '../common/field-kinds';

/** A run's per-claim lines: a page, optionally narrowed by a search term. */
export class RunLinesQuery extends PageQuery {
  @ApiPropertyOptional({
    description: '企业名称、信用代码、发票号、合同号、供给方或编号的一部分 · Part of a name, code or number',
    example: '智算',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'q must be at most 100 characters (搜索词不得超过 100 个字符)' })
  q?: string;
}

export class RunStarted extends Fields({
  id: is.uuidOrNull,
  workflowId: is.text,
  programCode: is.text,
  year: is.numeric,
  quarter: is.oneOf([1, 2, 3, 4]),
}) {}

export class RunApprovalBlock extends Fields({
  code: is.text.eg('RUN_STARTER_CANNOT_APPROVE'),
  message: BilingualText,
}) {}

export class RunView extends Fields({
  id: is.uuid,
  programCode: is.text,
  year: is.numeric,
  quarter: is.numeric,
  runDate: is.day,
  status: is.oneOf(['gathering', 'computing', 'awaiting_approval', 'disbursing', 'completed', 'cancelled']),
  claimCount: is.numeric,
  totalPayout: is.money,
  paidCount: is.numeric,
  paidTotal: is.money,
  startedBy: is.textOrNull.about('null: the schedule started the run'),
  startedByName: is.textOrNull,
  startedAt: is.timestampOrNull,
  approvedBy: is.textOrNull,
  approvedAt: is.timestampOrNull,
  completedAt: is.timestampOrNull,
  workflowId: is.text,
}) {}

export class RunPage extends RowsFirstPage(RunView) {}

export class RunDetail extends Fields(RunView, {
  report: is.field<unknown>({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'totals per party',
  }),
  mayApprove: is.flag.about('Whether the caller may approve the run now'),
  approvalBlock: is.nullable(RunApprovalBlock).about('Why the caller may not approve'),
}) {}

/** The numbers a run line is found by: its claim, voucher and application, the contract and the invoice. */
class RunLineNumbers extends Fields({
  claimNumber: is.text.eg('3f2a9c1b'),
  voucherNumber: is.text.eg('8d7e6f5a'),
  applicationNumber: is.text.eg('1a2b3c4d'),
  contractNumber: is.text.eg('BD-HT-2025-0042'),
  invoiceNumber: is.text.eg('BD-2025-001'),
}) {}

/** The enterprise paid and the supplier it bought from. */
class RunLineParties extends Fields({
  enterpriseName: is.text,
  creditCode: is.text,
  supplierName: is.text,
}) {}

/** The claim the line pays: when it was made and delivered, and the invoiced amount it counts. */
class RunLineClaim extends Fields({
  claimedOn: is.day,
  deliveredOn: is.day,
  rolledOver: is.flag,
  invoicedEligibleAmount: is.money,
}) {}

/** One claim of a run and its payout. */
export class RunLineView extends Fields(IntersectionType(RunLineNumbers, RunLineParties, RunLineClaim), {
  uncappedAmount: is.money,
  amount: is.money,
  limitedByBalance: is.flag,
  status: is.oneOf(['computed', 'paid', 'skipped']),
  bankReference: is.textOrNull,
  paidAt: is.textOrNull.eg('2025-09-30 18:00:05').about('Asia/Shanghai'),
}) {}

export class RunLinePage extends Fields({
  items: [RunLineView],
  total: is.numeric,
  totalAmount: is.money.about('Sum of the matching lines'),
  page: is.numeric,
  pageSize: is.numeric,
}) {}
