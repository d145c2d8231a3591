import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppEnv } from '@app/config';
import { Notifier } from '@app/notifications';
import { PAYMENT_ADAPTER, type PaymentAdapter } from './payment';
import {
  RedemptionApprovalActivities,
  type RecordRunApprovalInput,
  type RunApprovalRecord,
} from './redemption-approval.activities';
import {
  RedemptionComputeActivities,
  type ComputeRunPayoutsChunkInput,
  type ComputeRunPayoutsChunkResult,
  type OpenRedemptionRunInput,
  type RunSummary,
} from './redemption-compute.activities';
import {
  RedemptionDisburseActivities,
  type CompleteRedemptionRunInput,
  type DisburseRunPayoutsChunkInput,
  type DisburseRunPayoutsChunkResult,
} from './redemption-disburse.activities';
import { RedemptionNotifyActivities, type NotifyRunPayoutsResult } from './redemption-notify.activities';
import { runReportCsv, runReportRows, type Row, type RunState } from './redemption-run.store';

export * from './redemption-run.store';
export * from './redemption-compute.activities';
export * from './redemption-approval.activities';
export * from './redemption-disburse.activities';
export * from './redemption-notify.activities';

/*
 * The quarterly redemption run's activities (docs/adr/0010-redemption-run.md), one class per phase —
 * compute, approval, disburse, notify — each registered with the worker, over the run's SQL in
 * redemption-run.store.ts. This class is the whole run in one object for scripts and tests that drive
 * the steps by hand (the bench, the integration tests); the worker does not register it.
 */
@Injectable()
export class RedemptionActivities {
  readonly compute: RedemptionComputeActivities;
  readonly approval: RedemptionApprovalActivities;
  readonly disburse: RedemptionDisburseActivities;
  readonly notifications: RedemptionNotifyActivities;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    env: AppEnv,
    @Optional() notifier?: Notifier,
    @Optional() @Inject(PAYMENT_ADAPTER) payments?: PaymentAdapter,
  ) {
    this.compute = new RedemptionComputeActivities(db);
    this.approval = new RedemptionApprovalActivities(db, env, notifier);
    this.disburse = new RedemptionDisburseActivities(db, payments);
    this.notifications = new RedemptionNotifyActivities(db, env, notifier);
  }

  openRedemptionRun(input: OpenRedemptionRunInput): Promise<RunState> {
    return this.compute.openRedemptionRun(input);
  }

  computeRunPayoutsChunk(input: ComputeRunPayoutsChunkInput): Promise<ComputeRunPayoutsChunkResult> {
    return this.compute.computeRunPayoutsChunk(input);
  }

  summarizeRedemptionRun(runId: string): Promise<RunSummary> {
    return this.compute.summarizeRedemptionRun(runId);
  }

  notifyRunAwaitingApproval(runId: string): Promise<{ recipients: number }> {
    return this.approval.notifyRunAwaitingApproval(runId);
  }

  recordRunApproval(input: RecordRunApprovalInput): Promise<RunApprovalRecord> {
    return this.approval.recordRunApproval(input);
  }

  disburseRunPayoutsChunk(input: DisburseRunPayoutsChunkInput): Promise<DisburseRunPayoutsChunkResult> {
    return this.disburse.disburseRunPayoutsChunk(input);
  }

  completeRedemptionRun(input: CompleteRedemptionRunInput): Promise<RunState> {
    return this.disburse.completeRedemptionRun(input);
  }

  notifyRunPayouts(runId: string): Promise<NotifyRunPayoutsResult> {
    return this.notifications.notifyRunPayouts(runId);
  }

  /** The report's payout lines (the API's run report builds its CSV and XLSX from the same query). */
  runReportRows(runId: string): Promise<{ columns: string[]; rows: Row[] }> {
    return runReportRows(this.db, runId);
  }

  buildRunReportCsv(runId: string): Promise<string> {
    return runReportCsv(this.db, runId);
  }
}
