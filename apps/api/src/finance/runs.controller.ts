import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client } from '@temporalio/client';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { AppEnv } from '@app/config';
import { findProgram, runsOfProgram, type Quarter } from '@app/domain';
import { RedemptionActivities } from '@app/activities';
import { RedemptionRunRecord } from '@app/persistence';
import { TEMPORAL_CLIENT, startRedemptionRunByHand } from '@app/temporal';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { conflict, notFound, refused } from '../common/errors';
import { PageQuery } from '../common/pagination';
import { WorkflowGateway } from '../common/workflow-gateway';
import { sendGeneratedFile } from '../common/stored-file';

interface PartyRow {
  code: string;
  name: string;
  payouts: number;
  total: string;
  limitedByBalance: number;
}

export class StartRunDto {
  @ApiPropertyOptional({ example: 'beijing-ai-compute-2023' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  programCode?: string;

  @ApiProperty({ example: 2025 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({ enum: [1, 2, 3, 4] })
  @IsIn([1, 2, 3, 4], { message: 'quarter must be 1, 2, 3 or 4' })
  quarter!: Quarter;
}

/** Finance's redemption runs: start one by hand, preview its totals, approve it, download its report. */
@ApiTags('finance')
@ApiBearerAuth()
@Controller('redemption-runs')
export class RunsController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    private readonly env: AppEnv,
    private readonly workflows: WorkflowGateway,
    private readonly redemption: RedemptionActivities,
  ) {}

  @Post()
  @Roles('finance')
  async start(@Body() dto: StartRunDto) {
    const code = dto.programCode ?? 'beijing-ai-compute-2023';
    const program = findProgram(code);
    if (!program) refused('UNKNOWN_PROGRAM', `No such program: ${code}`, 'programCode');
    if (!runsOfProgram(program).some((r) => r.year === dto.year && r.quarter === dto.quarter)) {
      refused('NO_SUCH_RUN', `The program has no redemption run in ${dto.year} Q${dto.quarter}`, 'quarter');
    }
    const handle = await startRedemptionRunByHand(
      this.client,
      code,
      dto.year,
      dto.quarter,
      this.env.TEMPORAL_TASK_QUEUE,
    );
    // The workflow's first step records the run; wait briefly so the caller gets its id.
    let run: RedemptionRunRecord | null = null;
    for (let i = 0; i < 50 && !run; i++) {
      run = await this.db
        .getRepository(RedemptionRunRecord)
        .findOneBy({ programCode: code, year: dto.year, quarter: dto.quarter });
      if (!run) await new Promise((r) => setTimeout(r, 100));
    }
    return {
      id: run?.id ?? null,
      workflowId: handle.workflowId,
      programCode: code,
      year: dto.year,
      quarter: dto.quarter,
    };
  }

  @Get()
  @Roles('finance', 'admin')
  async list(@Query() q: PageQuery) {
    const [items, total] = await this.db.getRepository(RedemptionRunRecord).findAndCount({
      order: { year: 'DESC', quarter: 'DESC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    return { items: items.map((r) => this.view(r)), total, page: q.page, pageSize: q.pageSize };
  }

  @Get(':id')
  @Roles('finance', 'admin')
  async detail(@Param('id', ParseUUIDPipe) id: string) {
    return this.view(await this.run(id), true);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('finance')
  async approve(@CurrentUser() me: Principal, @Param('id', ParseUUIDPipe) id: string) {
    const run = await this.run(id);
    if (run.status !== 'awaiting_approval') conflict('RUN_NOT_AWAITING_APPROVAL', `The run is ${run.status}`);
    // The table says "awaiting approval" a moment before the workflow itself waits for it: give the
    // workflow a few seconds to catch up before sending the Update.
    const handle = this.client.workflow.getHandle(run.workflowId);
    for (let i = 0; i < 50; i++) {
      const progress = await handle.query<{ status: string }>('runProgress').catch(() => null);
      if (progress?.status === 'awaiting_approval') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await this.workflows.updateWorkflow(run.workflowId, 'approveRun', { approverId: me.userId });
    return this.view(await this.run(id), true);
  }

  @Get(':id/report.csv')
  @Roles('finance', 'admin')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async csv(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) res: Response) {
    const run = await this.run(id);
    sendGeneratedFile(res, `redemption-run-${run.year}-Q${run.quarter}.csv`);
    return this.redemption.buildRunReportCsv(id);
  }

  @Get(':id/report.xlsx')
  @Roles('finance', 'admin')
  @Header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async xlsx(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) res: Response) {
    const run = await this.run(id);
    const { columns, rows } = await this.redemption.runReportRows(id);
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
    for (const r of rows)
      lines.addRow(
        columns.map((c) =>
          r[c] == null ? '' : r[c] instanceof Date ? (r[c] as Date).toISOString() : String(r[c]),
        ),
      );
    sendGeneratedFile(res, `redemption-run-${run.year}-Q${run.quarter}.xlsx`);
    return new StreamableFile(Buffer.from(await book.xlsx.writeBuffer()));
  }

  private async run(id: string): Promise<RedemptionRunRecord> {
    const run = await this.db.getRepository(RedemptionRunRecord).findOneBy({ id });
    if (!run) notFound('redemption run');
    return run;
  }

  private view(r: RedemptionRunRecord, withReport = false) {
    return {
      id: r.id,
      programCode: r.programCode,
      year: r.year,
      quarter: r.quarter,
      runDate: r.runDate,
      status: r.status,
      claimCount: r.claimCount,
      totalPayout: r.totalPayout.toString(),
      paidCount: r.paidCount,
      paidTotal: r.paidTotal.toString(),
      approvedBy: r.approvedBy,
      approvedAt: r.approvedAt,
      completedAt: r.completedAt,
      workflowId: r.workflowId,
      ...(withReport ? { report: r.report } : {}),
    };
  }
}
