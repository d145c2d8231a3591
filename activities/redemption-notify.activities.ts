import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppEnv } from '@app/config';
import { Notifier, payoutPaid, type NotificationInput } from '@app/notifications';
import { heartbeat } from '@app/temporal/heartbeat';
import { Activity } from '@app/temporal/activities';
import { loadRun, money, sql } from './redemption-run.store';

/*
 * The run's notify phase, after the money trail is committed: one bilingual message per enterprise paid.
 */

export interface NotifyRunPayoutsResult {
  enterprises: number;
  notifications: number;
  created: number;
}

@Injectable()
export class RedemptionNotifyActivities {
  private readonly notifier: Notifier;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    env: AppEnv,
    // Shared when the host imports NotificationsModule; otherwise built from the same globals.
    @Optional() notifier?: Notifier,
  ) {
    this.notifier = notifier ?? new Notifier(db, env);
  }

  /**
   * One bilingual message per enterprise paid in the run (per enterprise user, else its contact email):
   * every inbox row in one statement, then the emails over the notifier's pooled SMTP connections
   * (bounded). Runs after the disbursement has committed the money trail and holds nothing of it; a
   * retry writes no row twice and mails only what is still unsent.
   */
  @Activity()
  async notifyRunPayouts(runId: string): Promise<NotifyRunPayoutsResult> {
    const run = await loadRun(this.db, runId);
    const enterprises = await sql<{ id: string; name: string; contact_email: string; total: string }>(
      this.db,
      `SELECT e.id, e.name, e.contact_email, sum(p.amount)::text AS total
         FROM payouts p JOIN enterprises e ON e.id = p.enterprise_id
        WHERE p.run_id = $1 AND p.status = 'paid'
        GROUP BY e.id, e.name, e.contact_email
        ORDER BY e.id`,
      [runId],
    );
    const users = await sql<{ id: string; email: string; enterprise_id: string }>(
      this.db,
      `SELECT id, email, enterprise_id FROM users
        WHERE role = 'enterprise' AND active AND enterprise_id = ANY($1::uuid[])
        ORDER BY created_at, id`,
      [enterprises.map((e) => e.id)],
    );
    const usersOf = new Map<string, { id: string; email: string }[]>();
    for (const u of users) usersOf.set(u.enterprise_id, [...(usersOf.get(u.enterprise_id) ?? []), u]);
    const inputs: NotificationInput[] = [];
    for (const e of enterprises) {
      const message = payoutPaid({
        enterpriseName: e.name,
        amount: money(e.total),
        runYear: run.year,
        runQuarter: run.quarter,
      });
      const base = {
        kind: 'payout_paid',
        ...message,
        entityType: 'redemption_run',
        entityId: runId,
      };
      const recipients = usersOf.get(e.id) ?? [];
      if (recipients.length === 0) {
        inputs.push({
          ...base,
          dedupeKey: `redemption-paid:${runId}:${e.id}`,
          recipientEmail: e.contact_email,
        });
      }
      for (const u of recipients) {
        inputs.push({
          ...base,
          dedupeKey: `redemption-paid:${runId}:${e.id}:${u.id}`,
          recipientUserId: u.id,
          recipientEmail: u.email,
        });
      }
    }
    const sent = await this.notifier.notifyMany(inputs, (emailed) => heartbeat({ emailed }));
    const result: NotifyRunPayoutsResult = {
      enterprises: enterprises.length,
      notifications: inputs.length,
      created: sent.created,
    };
    return result;
  }
}
