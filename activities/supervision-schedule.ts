import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Client, Connection, ScheduleAlreadyRunning } from '@temporalio/client';
import { AppEnv } from '@app/config';

export const CLAWBACK_REMINDER_SCHEDULE_ID = 'clawback-reminders';

/**
 * Makes sure the daily clawback reminder Schedule exists (09:00 Asia/Shanghai; overlap skipped; a missed day
 * caught up within a day). Like the redemption Schedules it is switched off with REDEMPTION_SCHEDULES=false
 * (the tests); a failure is logged, not fatal: the reminders can be sent from the supervision screen.
 */
@Injectable()
export class ClawbackReminderSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger('ClawbackReminders');

  constructor(private readonly env: AppEnv) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.env.REDEMPTION_SCHEDULES) return;
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect({ address: this.env.TEMPORAL_ADDRESS });
      const client = new Client({ connection, namespace: this.env.TEMPORAL_NAMESPACE });
      await client.schedule.create({
        scheduleId: CLAWBACK_REMINDER_SCHEDULE_ID,
        spec: { calendars: [{ hour: 9, minute: 0 }], timezone: 'Asia/Shanghai' },
        action: {
          type: 'startWorkflow',
          workflowType: 'clawbackRemindersWorkflow',
          taskQueue: this.env.TEMPORAL_TASK_QUEUE,
          args: [],
        },
        policies: { overlap: 'SKIP', catchupWindow: '1 day' },
      });
      this.logger.log(`schedule ${CLAWBACK_REMINDER_SCHEDULE_ID} created`);
    } catch (err) {
      if (err instanceof ScheduleAlreadyRunning) return;
      this.logger.error(
        `could not ensure ${CLAWBACK_REMINDER_SCHEDULE_ID}: ${err instanceof Error ? err.message : err}`,
      );
    } finally {
      await connection?.close();
    }
  }
}
