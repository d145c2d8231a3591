import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { AppEnv } from '@app/config';
import { applicationStatusOf } from '@app/domain';
import { WorkflowGateway } from '../common/workflow-gateway';

/**
 * An application is committed before its workflow starts, so a Temporal outage (or a crash) between the two
 * leaves it `submitted` with nothing to move it. This starts the workflow of every application still
 * `submitted` a little while after its submission; the start is idempotent (the workflow id is the
 * application's and an existing run is used), so several API processes may do it at once.
 */
@Injectable()
export class ApplicationStartReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('ApplicationStart');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly workflows: WorkflowGateway,
    private readonly env: AppEnv,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.env.APPLICATION_START_RECONCILE_SECONDS * 1000;
    this.timer = setInterval(() => void this.reconcile().catch(() => undefined), every);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Starts what is missing; answers how many workflows it started. One pass at a time per process. */
  reconcile(olderThanSeconds = 10): Promise<number> {
    this.running ??= this.pass(olderThanSeconds).finally(() => (this.running = null));
    return this.running;
  }

  private async pass(olderThanSeconds: number): Promise<number> {
    const waiting: { id: string; program_code: string }[] = await this.db.query(
      `SELECT id, program_code FROM applications
        WHERE status = $1 AND created_at < now() - make_interval(secs => $2)
        ORDER BY created_at LIMIT 200`,
      [applicationStatusOf('submitted'), olderThanSeconds],
    );
    let started = 0;
    for (const app of waiting) {
      try {
        await this.workflows.startApplication(app.id, app.program_code);
        started += 1;
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) continue;
        this.log.warn(`application ${app.id}: workflow not started yet (${(err as Error).message})`);
        break; // Temporal is still away: the next pass tries again.
      }
    }
    if (started > 0) this.log.log(`started or found the workflows of ${started} submitted application(s)`);
    return started;
  }
}
