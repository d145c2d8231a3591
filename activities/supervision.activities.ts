import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppEnv } from '@app/config';
import { Money, reminderNumber } from '@app/domain';
import { BusinessClock, appendAudit, rowsOf } from '@app/persistence';
import { Notifier } from '@app/notifications';
import { Activity } from '@app/temporal/activities';

export interface ReminderSent {
  receivableId: string;
  reminder: number;
  outstanding: string;
}

/**
 * Clawback reminders (ADR 0027): every open receivable past its due date gets reminder n — the day after
 * the due date, then weekly — once. Run daily by the `clawback-reminders` Schedule, and on demand from
 * the API (the same code). `reminders_sent` is advanced with a conditional update and audited in one
 * transaction; the message is keyed on the number, so a retry or a second run the same day sends nothing.
 */
@Injectable()
export class SupervisionActivities {
  private readonly log = new Logger(SupervisionActivities.name);
  private readonly notifier: Notifier;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: BusinessClock,
    env: AppEnv,
    @Optional() notifier?: Notifier,
  ) {
    this.notifier = notifier ?? new Notifier(db, env);
  }

  @Activity()
  async sendClawbackReminders(
    input: { actor?: string } = {},
  ): Promise<{ businessDate: string; sent: ReminderSent[] }> {
    const actor = input.actor ?? 'system:clawback-reminders';
    const today = await this.clock.today();
    const open: {
      id: string;
      finding_id: string;
      enterprise_id: string;
      principal: string;
      repaid: string;
      due_on: string;
      reminders_sent: number;
    }[] = await this.db.query(
      `SELECT id, finding_id, enterprise_id, principal::text AS principal, repaid::text AS repaid,
              to_char(due_on, 'YYYY-MM-DD') AS due_on, reminders_sent
         FROM clawback_receivables WHERE status = 'open' AND due_on < $1 ORDER BY due_on, id`,
      [today],
    );
    const sent: ReminderSent[] = [];
    for (const r of open) {
      const n = reminderNumber(r.due_on, today);
      if (n === null || n <= r.reminders_sent) continue;
      const outstanding = Money.parse(r.principal).minus(Money.parse(r.repaid)).toString();
      const advanced = await this.db.transaction(async (tx) => {
        const res = await tx.query(
          `UPDATE clawback_receivables SET reminders_sent = $2
            WHERE id = $1 AND reminders_sent < $2 AND status = 'open' RETURNING id`,
          [r.id, n],
        );
        if (!rowsOf(res).length) return false;
        await appendAudit(tx, actor, 'clawback.reminder_sent', ['clawback_receivable', r.id], {
          after: { findingId: r.finding_id, reminder: n, outstanding, dueOn: r.due_on, on: today },
        });
        return true;
      });
      if (!advanced) continue;
      const users: { id: string }[] = await this.db.query(
        `SELECT id FROM users WHERE enterprise_id = $1 AND active ORDER BY created_at`,
        [r.enterprise_id],
      );
      for (const u of users) {
        try {
          await this.notifier.notify({
            dedupeKey: `clawback-reminder:${r.id}:${n}:${u.id}`,
            kind: 'supervision',
            recipientUserId: u.id,
            subject: { zh: '追缴资金逾期提醒', en: 'Clawback overdue' },
            body: {
              zh: `贵单位应退回的财政资金已于 ${r.due_on} 到期，尚欠 ¥${outstanding}，请尽快退回（第${n}次提醒）。`,
              en: `The repayment was due on ${r.due_on}; ¥${outstanding} is outstanding. Please repay (reminder ${n}).`,
            },
            entityType: 'supervision_finding',
            entityId: r.finding_id,
          });
        } catch (e) {
          // The reminder is recorded; the inbox row is written first and the mail retried by the notifier.
          this.log.warn(`reminder ${r.id}#${n} to ${u.id}: ${(e as Error).message}`);
        }
      }
      sent.push({ receivableId: r.id, reminder: n, outstanding });
    }
    return { businessDate: today, sent };
  }
}
