import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { RowsFirstPage } from '../common/views';

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

export class RunStarted {
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) id!: string | null;
  @ApiProperty() workflowId!: string;
  @ApiProperty() programCode!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ enum: [1, 2, 3, 4] }) quarter!: number;
}

export class RunApprovalBlock {
  @ApiProperty({ example: 'RUN_STARTER_CANNOT_APPROVE' }) code!: string;
  @ApiProperty({ example: { zh: '您发起了该兑付批次，须由另一位财务人员审批', en: '…' } })
  message!: { zh: string; en: string };
}

export class RunView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() programCode!: string;
  @ApiProperty() year!: number;
  @ApiProperty() quarter!: number;
  @ApiProperty({ example: '2025-09-30' }) runDate!: string;
  @ApiProperty({
    enum: ['gathering', 'computing', 'awaiting_approval', 'disbursing', 'completed', 'cancelled'],
  })
  status!: string;
  @ApiProperty() claimCount!: number;
  @ApiProperty({ example: '200000.00' }) totalPayout!: string;
  @ApiProperty() paidCount!: number;
  @ApiProperty({ example: '200000.00' }) paidTotal!: string;
  @ApiProperty({ nullable: true, type: String, description: 'null: the schedule started the run' })
  startedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) startedByName!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) startedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) approvedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) approvedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completedAt!: Date | null;
  @ApiProperty() workflowId!: string;
}

export class RunPage extends RowsFirstPage(RunView) {}

export class RunDetail extends RunView {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'totals per party',
  })
  report!: unknown;
  @ApiProperty({ description: 'Whether the caller may approve the run now' }) mayApprove!: boolean;
  @ApiProperty({ type: RunApprovalBlock, nullable: true, description: 'Why the caller may not approve' })
  approvalBlock!: RunApprovalBlock | null;
}

/** The numbers a run line is found by: its claim, voucher and application, the contract and the invoice. */
class RunLineNumbers {
  @ApiProperty({ example: '3f2a9c1b' }) claimNumber!: string;
  @ApiProperty({ example: '8d7e6f5a' }) voucherNumber!: string;
  @ApiProperty({ example: '1a2b3c4d' }) applicationNumber!: string;
  @ApiProperty({ example: 'BD-HT-2025-0042' }) contractNumber!: string;
  @ApiProperty({ example: 'BD-2025-001' }) invoiceNumber!: string;
}

/** The enterprise paid and the supplier it bought from. */
class RunLineParties {
  @ApiProperty() enterpriseName!: string;
  @ApiProperty() creditCode!: string;
  @ApiProperty() supplierName!: string;
}

/** The claim the line pays: when it was made and delivered, and the invoiced amount it counts. */
class RunLineClaim {
  @ApiProperty({ example: '2025-07-05' }) claimedOn!: string;
  @ApiProperty({ example: '2025-07-01' }) deliveredOn!: string;
  @ApiProperty() rolledOver!: boolean;
  @ApiProperty({ example: '1000000.00' }) invoicedEligibleAmount!: string;
}

/** One claim of a run and its payout. */
export class RunLineView extends IntersectionType(RunLineNumbers, RunLineParties, RunLineClaim) {
  @ApiProperty({ example: '200000.00' }) uncappedAmount!: string;
  @ApiProperty({ example: '200000.00' }) amount!: string;
  @ApiProperty() limitedByBalance!: boolean;
  @ApiProperty({ enum: ['computed', 'paid', 'skipped'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) bankReference!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2025-09-30 18:00:05', description: 'Asia/Shanghai' })
  paidAt!: string | null;
}

export class RunLinePage {
  @ApiProperty({ type: [RunLineView] }) items!: RunLineView[];
  @ApiProperty() total!: number;
  @ApiProperty({ example: '200000.00', description: 'Sum of the matching lines' }) totalAmount!: string;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
