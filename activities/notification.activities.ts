import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppEnv } from '@app/config';
import type { Role } from '@app/persistence';
import {
  Notifier,
  type NotificationInput,
  type NotifyResult,
  type NotifyRoleResult,
  type RoleNotificationInput,
} from '@app/notifications';
import { Activity } from '@app/temporal/activities';

/**
 * Notifications as Temporal activities. Every prototype method becomes an activity (bindActivities), so
 * this class holds only the two activities: no helpers, no lifecycle hooks. Idempotent by dedupe key, so
 * Temporal's retries are safe; an SMTP failure throws and the retry sends what is still unsent.
 */
@Injectable()
export class NotificationActivities {
  private readonly notifier: Notifier;

  constructor(
    @InjectDataSource() db: DataSource,
    env: AppEnv,
    // Shared when the host imports NotificationsModule; otherwise built here from the same globals, so the
    // worker needs no extra wiring.
    @Optional() notifier?: Notifier,
  ) {
    this.notifier = notifier ?? new Notifier(db, env);
  }

  @Activity()
  async sendNotification(input: NotificationInput): Promise<NotifyResult> {
    return this.notifier.notify(input);
  }

  @Activity()
  async notifyRole(role: Role, input: RoleNotificationInput): Promise<NotifyRoleResult> {
    return this.notifier.notifyRole(role, input);
  }
}
