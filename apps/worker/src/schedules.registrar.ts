import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { AppEnv } from '@app/config';
import { findProgram } from '@app/domain';
import { ensureRedemptionSchedules } from '@app/temporal';

/**
 * Makes sure every active program has its quarterly redemption Schedule (idempotent: created once,
 * updated in place afterwards). A failure is logged, not fatal: finance can still start runs by hand.
 */
@Injectable()
export class RedemptionSchedulesRegistrar implements OnApplicationBootstrap {
  private readonly logger = new Logger('RedemptionSchedules');

  constructor(
    private readonly env: AppEnv,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.env.REDEMPTION_SCHEDULES) return;
    const rows: { code: string }[] = await this.db.query(
      `SELECT code FROM programs WHERE active ORDER BY code`,
    );
    const codes = rows.map((r) => r.code).filter((c) => findProgram(c));
    if (!codes.length) return;
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect({ address: this.env.TEMPORAL_ADDRESS });
      const client = new Client({ connection, namespace: this.env.TEMPORAL_NAMESPACE });
      const ensured = await ensureRedemptionSchedules(client, codes, this.env.TEMPORAL_TASK_QUEUE);
      this.logger.log(
        `schedules: ${ensured.map((s) => `${s.scheduleId}${s.created ? ' (created)' : ''}`).join(', ')}`,
      );
    } catch (err) {
      this.logger.error(`could not ensure redemption schedules: ${err instanceof Error ? err.message : err}`);
    } finally {
      await connection?.close();
    }
  }
}
