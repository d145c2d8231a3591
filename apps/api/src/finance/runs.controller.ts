import { applyDecorators, Body, Header, Inject, Query, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { AppEnv } from '@app/config';
import { findProgram, runApprovalVerdict, runStartVerdict, runsOfProgram, type Quarter } from '@app/domain';
import { BusinessClock, RedemptionRunRecord } from '@app/persistence';
import { TEMPORAL_CLIENT, startRedemptionRunByHand } from '@app/temporal';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { conflict, notFound, refused } from '../common/errors';
import { PageQuery } from '../common/pagination';
import {
  ApiAction,
  ApiController,
  ApiDownload,
  ApiGet,
  ApiPost,
  IdParam,
  PassthroughRes,
} from '../common/routes';
import { WorkflowGateway } from '../common/workflow-gateway';
import { sendGeneratedFile } from '../common/stored-file';
import { RunReportService } from './run-report.service';
import { RunDetail, RunLinePage, RunLinesQuery, RunPage, RunStarted, RunView } from './runs.dto';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A run's report, by format: the summary and media type the document lists, and the Content-Type sent. */
const REPORTS = {
  csv: {
    summary: '兑付批次报表（CSV） · Redemption run report as CSV',
    description: 'UTF-8 CSV with a BOM, Chinese headers',
    mediaType: 'text/csv',
    contentType: 'text/csv; charset=utf-8',
  },
  xlsx: {
    summary: '兑付批次报表（Excel） · Redemption run report as XLSX',
    description: 'Workbook with numeric amounts',
    mediaType: XLSX,
    contentType: XLSX,
  },
};

/** GET :id/report.<format>, for finance and admin. */
function RunReport(format: keyof typeof REPORTS) {
  const { summary, description, mediaType, contentType } = REPORTS[format];
  return applyDecorators(
    ApiDownload(`:id/report.${format}`, summary, description, mediaType),
    Roles('finance', 'admin'),
    Header('Content-Type', contentType),
  );
}

/** What the run workflow's `runProgress` query answers (workflows/redemption-run.workflow.ts). */
interface RunProgress {
  runId: string | null;
  status: string;
}

/**
 * Waits (≤ 5 s) until the run workflow's own progress satisfies `ok`: the one place the API waits for a
 * run, by asking the workflow (a query), not the tables. A workflow not yet queryable is asked again.
 */
async function untilRunProgress(
  handle: WorkflowHandle,
  ok: (p: RunProgress) => boolean,
  timeoutMs = 5_000,
): Promise<RunProgress | null> {
  const deadline = Date.now() + timeoutMs;
  for (let pause = 25; ; pause = Math.min(pause * 2, 400)) {
    const progress = await handle.query<RunProgress>('runProgress').catch(() => null);
    if (progress && ok(progress)) return progress;
    if (Date.now() + pause > deadline) return progress;
    await new Promise((r) => setTimeout(r, pause));
  }
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
@ApiController('finance', 'redemption-runs')
export class RunsController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    private readonly env: AppEnv,
    private readonly workflows: WorkflowGateway,
    private readonly reports: RunReportService,
    private readonly clock: BusinessClock,
  ) {}

  @ApiPost('', '发起兑付批次 · Start a redemption run', RunStarted)
  @Roles('finance')
  async start(@Body() dto: StartRunDto, @CurrentUser() me?: Principal): Promise<RunStarted> {
    const code = dto.programCode ?? 'beijing-ai-compute-2023';
    const program = findProgram(code);
    if (!program) refused('UNKNOWN_PROGRAM', `No such program: ${code}`, 'programCode');
    if (!runsOfProgram(program).some((r) => r.year === dto.year && r.quarter === dto.quarter)) {
      refused('NO_SUCH_RUN', `The program has no redemption run in ${dto.year} Q${dto.quarter}`, 'quarter');
    }
    // Not before the quarter's run date on the real calendar; a sandbox rehearsal may (ADR 0044).
    const dated = runStartVerdict({ year: dto.year, quarter: dto.quarter }, await this.clock.today(), {
      sandbox: this.clock.sandbox,
    });
    if (!dated.ok) refused(dated.code, dated.message, 'quarter');
    const handle = await startRedemptionRunByHand(
      this.client,
      code,
      dto.year,
      dto.quarter,
      this.env.TEMPORAL_TASK_QUEUE,
    );
    // The workflow's first step records the run: its progress query then knows the run's id.
    const progress = await untilRunProgress(handle, (p) => p.runId !== null);
    // Four eyes: whoever starts a run not yet approved by hand is its starter and cannot approve it. The
    // first one wins; a scheduled run keeps no starter (ADR 0045).
    if (progress?.runId && me) {
      await this.db.query(
        `UPDATE redemption_runs SET started_by = $2, started_at = now()
          WHERE id = $1 AND started_by IS NULL AND approved_by IS NULL`,
        [progress.runId, me.userId],
      );
    }
    return {
      id: progress?.runId ?? null,
      workflowId: handle.workflowId,
      programCode: code,
      year: dto.year,
      quarter: dto.quarter,
    };
  }

  @ApiGet('', '兑付批次列表 · List redemption runs', RunPage)
  @Roles('finance', 'admin')
  async list(@Query() q: PageQuery): Promise<RunPage> {
    const [items, total] = await this.db.getRepository(RedemptionRunRecord).findAndCount({
      order: { year: 'DESC', quarter: 'DESC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    const names = await this.starterNames(items);
    return { items: items.map((r) => this.view(r, names)), total, page: q.page, pageSize: q.pageSize };
  }

  @ApiGet(':id', '兑付批次详情 · One redemption run with its lines', RunDetail)
  @Roles('finance', 'admin')
  async detail(@CurrentUser() me: Principal, @IdParam() id: string): Promise<RunDetail> {
    return this.detailFor(me, await this.run(id));
  }

  @ApiGet(':id/lines', "兑付批次逐笔明细（可搜索、分页） · The run's per-claim lines", RunLinePage)
  @Roles('finance', 'admin')
  async lines(@IdParam() id: string, @Query() q: RunLinesQuery): Promise<RunLinePage> {
    await this.run(id);
    const page = await this.reports.lines(id, q);
    return { ...page, page: q.page, pageSize: q.pageSize };
  }

  @ApiAction(':id/approve', '批准兑付批次 · Approve a redemption run', RunDetail)
  @Roles('finance')
  async approve(@CurrentUser() me: Principal, @IdParam() id: string): Promise<RunDetail> {
    const run = await this.run(id);
    if (run.status !== 'awaiting_approval') conflict('RUN_NOT_AWAITING_APPROVAL', `The run is ${run.status}`);
    const fourEyes = runApprovalVerdict(run, me.userId);
    if (!fourEyes.ok) refused(fourEyes.code, fourEyes.message);
    // The table says "awaiting approval" a moment before the workflow itself waits for it.
    await untilRunProgress(
      this.client.workflow.getHandle(run.workflowId),
      (p) => p.status === 'awaiting_approval',
    );
    await this.workflows.updateWorkflow(run.workflowId, 'approveRun', { approverId: me.userId });
    return this.detailFor(me, await this.run(id));
  }

  @RunReport('csv')
  async csv(@IdParam() id: string, @PassthroughRes() res: Response) {
    const run = await this.run(id);
    sendGeneratedFile(res, `redemption-run-${run.year}-Q${run.quarter}.csv`);
    return new StreamableFile(await this.reports.csv(id));
  }

  @RunReport('xlsx')
  async xlsx(@IdParam() id: string, @PassthroughRes() res: Response) {
    const run = await this.run(id);
    const file = await this.reports.xlsx(run);
    sendGeneratedFile(res, `redemption-run-${run.year}-Q${run.quarter}.xlsx`);
    return new StreamableFile(file);
  }

  private async run(id: string): Promise<RedemptionRunRecord> {
    const run = await this.db.getRepository(RedemptionRunRecord).findOneBy({ id });
    if (!run) notFound('redemption run');
    return run;
  }

  private async starterNames(runs: RedemptionRunRecord[]): Promise<Map<string, string>> {
    const ids = [...new Set(runs.map((r) => r.startedBy).filter((x): x is string => x !== null))];
    if (!ids.length) return new Map();
    const rows: { id: string; name: string }[] = await this.db.query(
      `SELECT id::text AS id, display_name AS name FROM users WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((u) => [u.id, u.name]));
  }

  private async detailFor(me: Principal, run: RedemptionRunRecord): Promise<RunDetail> {
    const fourEyes = runApprovalVerdict(run, me.userId);
    return {
      ...this.view(run, await this.starterNames([run])),
      report: run.report,
      mayApprove: me.role === 'finance' && run.status === 'awaiting_approval' && fourEyes.ok,
      approvalBlock: fourEyes.ok ? null : { code: fourEyes.code, message: fourEyes.message },
    };
  }

  private view(r: RedemptionRunRecord, starters: Map<string, string>): RunView {
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
      startedBy: r.startedBy,
      startedByName: r.startedBy ? (starters.get(r.startedBy) ?? null) : null,
      startedAt: r.startedAt,
      approvedBy: r.approvedBy,
      approvedAt: r.approvedAt,
      completedAt: r.completedAt,
      workflowId: r.workflowId,
    };
  }
}
