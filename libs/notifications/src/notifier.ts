import { createHash } from 'node:crypto';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import nodemailer, { type Transporter } from 'nodemailer';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { AppEnv } from '@app/config';
import { NotificationRecord, type Role } from '@app/persistence';
import type { NotificationInput } from './notification-input';

export interface NotifyResult {
  /** A new inbox row was written (false: the dedupe key was already there). */
  created: boolean;
  /** This call handed the email to the SMTP server (false: no address, or it was sent before). */
  emailed: boolean;
}

export interface NotifyRoleResult {
  recipients: number;
  created: number;
  emailed: number;
}

export type RoleNotificationInput = Omit<NotificationInput, 'recipientUserId' | 'recipientEmail'>;

export interface InboxItem {
  id: string;
  kind: string;
  subject: string;
  body: string;
  entityType: string | null;
  entityId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface InboxPage {
  items: InboxItem[];
  total: number;
  unread: number;
}

const DEDUPE_KEY_MAX = 200;
/** SMTP connections kept open at most, and so emails in flight at once from one notifier. */
export const MAIL_MAX_CONNECTIONS = 4;
/** Emails locked, sent and marked per transaction by notifyMany. */
const MAIL_BATCH = 100;
const SUBJECT_MAX = 300;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How a bilingual message is stored and mailed: Chinese first, English beside it. */
export function renderSubject(input: Pick<NotificationInput, 'subject'>): string {
  const text = `${input.subject.zh} / ${input.subject.en}`;
  // The column is varchar(300); a long name in a subject must not make the notification fail.
  return text.length <= SUBJECT_MAX ? text : `${text.slice(0, SUBJECT_MAX - 1)}…`;
}

export function renderBody(input: Pick<NotificationInput, 'body'>): string {
  return `${input.body.zh}\n\n${input.body.en}`;
}

interface PendingMail {
  id: string;
  dedupe_key: string;
  recipient_email: string;
  subject: string;
  body: string;
}

/**
 * Writes in-app inbox entries and sends the matching email, at most once per dedupe key. The inbox row is
 * written first and survives an SMTP failure; the email is sent under a row lock and `email_sent_at` is
 * set in the same transaction, so a retried (or concurrent) activity finds it marked and never mails twice.
 * The one gap left is a crash between the SMTP server accepting the mail and the commit (at-least-once).
 */
@Injectable()
export class Notifier implements OnModuleDestroy {
  private transport: Transporter | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly env: AppEnv,
  ) {}

  /**
   * `em`: run on the caller's manager (e.g. inside its transaction). The email step then uses a savepoint,
   * so an SMTP failure rolls back only the "sent" mark, never the caller's work, and still throws.
   */
  async notify(input: NotificationInput, em?: EntityManager): Promise<NotifyResult> {
    if (input.dedupeKey.length === 0 || input.dedupeKey.length > DEDUPE_KEY_MAX) {
      throw new RangeError(`dedupeKey must be 1..${DEDUPE_KEY_MAX} characters: ${input.dedupeKey}`);
    }
    const manager = em ?? this.db.manager;
    const email = await this.resolveEmail(manager, input);
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO notifications
         (dedupe_key, recipient_user_id, recipient_email, kind, subject, body, entity_type, entity_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [
        input.dedupeKey,
        input.recipientUserId ?? null,
        email,
        input.kind,
        renderSubject(input),
        renderBody(input),
        input.entityType ?? null,
        input.entityId ?? null,
      ],
    );
    const emailed = await this.mailOnce(manager, input.dedupeKey);
    return { created: inserted.length > 0, emailed };
  }

  /**
   * Many messages at once (a run's notices): every inbox row written by ONE statement (a dedupe key
   * already there is left alone), then the emails still unsent mailed in batches: each batch's rows locked
   * (SKIP LOCKED, so a concurrent retry never takes the same mail), sent with at most MAIL_MAX_CONNECTIONS
   * in flight, marked sent and committed together — at most once per key but for a crash between the
   * SMTP server's acceptance and the commit, as in notify(). `progress` is called after each batch. Tries
   * every email before throwing; a retry sends only what is still unsent.
   */
  async notifyMany(
    inputs: NotificationInput[],
    progress?: (sent: number) => void,
  ): Promise<{ created: number; emailed: number }> {
    for (const input of inputs) {
      if (input.dedupeKey.length === 0 || input.dedupeKey.length > DEDUPE_KEY_MAX) {
        throw new RangeError(`dedupeKey must be 1..${DEDUPE_KEY_MAX} characters: ${input.dedupeKey}`);
      }
    }
    if (inputs.length === 0) return { created: 0, emailed: 0 };
    const inserted: { dedupe_key: string }[] = await this.db.query(
      `INSERT INTO notifications
         (dedupe_key, recipient_user_id, recipient_email, kind, subject, body, entity_type, entity_id)
       SELECT * FROM unnest($1::varchar[], $2::uuid[], $3::varchar[], $4::varchar[], $5::varchar[], $6::text[],
                            $7::varchar[], $8::varchar[])
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING dedupe_key`,
      [
        inputs.map((i) => i.dedupeKey),
        inputs.map((i) => i.recipientUserId ?? null),
        inputs.map((i) => i.recipientEmail?.trim() || null),
        inputs.map((i) => i.kind),
        inputs.map((i) => renderSubject(i)),
        inputs.map((i) => renderBody(i)),
        inputs.map((i) => i.entityType ?? null),
        inputs.map((i) => i.entityId ?? null),
      ],
    );
    const keys = inputs.map((i) => i.dedupeKey);
    let emailed = 0;
    let attempted = 0;
    const failed: string[] = [];
    const failures: unknown[] = [];
    for (;;) {
      // A batch of unsent mails, locked until their "sent" marks commit: a concurrent retry skips them.
      const sentNow = await this.db.transaction(async (tx) => {
        const batch: PendingMail[] = await tx.query(
          `SELECT id, dedupe_key, recipient_email, subject, body FROM notifications
            WHERE dedupe_key = ANY($1::varchar[]) AND recipient_email IS NOT NULL AND email_sent_at IS NULL
              AND id <> ALL($2::uuid[])
            ORDER BY id LIMIT $3
            FOR UPDATE SKIP LOCKED`,
          [keys, failed, MAIL_BATCH],
        );
        if (batch.length === 0) return null;
        attempted += batch.length;
        const sent: string[] = [];
        let next = 0;
        const sender = async () => {
          while (next < batch.length) {
            const mail = batch[next++];
            try {
              await this.send(mail);
              sent.push(mail.id);
            } catch (err) {
              failed.push(mail.id);
              failures.push(err);
            }
          }
        };
        await Promise.all(Array.from({ length: Math.min(MAIL_MAX_CONNECTIONS, batch.length) }, sender));
        await tx.query(
          `UPDATE notifications SET email_sent_at = now() WHERE id = ANY($1::uuid[]) AND email_sent_at IS NULL`,
          [sent],
        );
        return sent.length;
      });
      if (sentNow === null) break;
      emailed += sentNow;
      progress?.(emailed);
    }
    if (failures.length > 0) {
      const first = failures[0] instanceof Error ? failures[0].message : String(failures[0]);
      throw new Error(`notifyMany: ${failures.length} of ${attempted} emails failed; first: ${first}`, {
        cause: failures[0],
      });
    }
    return { created: inserted.length, emailed };
  }

  /**
   * One message to every active user holding `role`; each gets its own key (`<dedupeKey>:<userId>`), so a
   * retry after a partial failure only sends what is still missing. Tries everyone before throwing.
   */
  async notifyRole(role: Role, input: RoleNotificationInput, em?: EntityManager): Promise<NotifyRoleResult> {
    const manager = em ?? this.db.manager;
    const users: { id: string; email: string }[] = await manager.query(
      `SELECT id, email FROM users WHERE role = $1 AND active ORDER BY created_at, id`,
      [role],
    );
    const result: NotifyRoleResult = { recipients: users.length, created: 0, emailed: 0 };
    const failures: unknown[] = [];
    for (const user of users) {
      try {
        const one = await this.notify(
          {
            ...input,
            dedupeKey: `${input.dedupeKey}:${user.id}`,
            recipientUserId: user.id,
            recipientEmail: user.email,
          },
          em,
        );
        result.created += one.created ? 1 : 0;
        result.emailed += one.emailed ? 1 : 0;
      } catch (err) {
        failures.push(err);
      }
    }
    if (failures.length > 0) {
      const first = failures[0] instanceof Error ? failures[0].message : String(failures[0]);
      throw new Error(`notifyRole(${role}): ${failures.length} of ${users.length} failed; first: ${first}`, {
        cause: failures[0],
      });
    }
    return result;
  }

  async listInbox(userId: string, opts: { page?: number; pageSize?: number } = {}): Promise<InboxPage> {
    const page = Math.max(1, Math.floor(opts.page ?? 1));
    const pageSize = Math.min(100, Math.max(1, Math.floor(opts.pageSize ?? 20)));
    if (!UUID.test(userId)) return { items: [], total: 0, unread: 0 };
    const repo = this.db.getRepository(NotificationRecord);
    const [rows, total] = await repo.findAndCount({
      where: { recipientUserId: userId },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    const unread = await repo.countBy({ recipientUserId: userId, readAt: IsNull() });
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        subject: r.subject,
        body: r.body,
        entityType: r.entityType,
        entityId: r.entityId,
        createdAt: r.createdAt.toISOString(),
        readAt: r.readAt?.toISOString() ?? null,
      })),
      total,
      unread,
    };
  }

  /** Marks one of the user's own entries read; false when it is not theirs (or does not exist). */
  async markRead(userId: string, notificationId: string): Promise<boolean> {
    if (!UUID.test(userId) || !UUID.test(notificationId)) return false;
    // COALESCE keeps the first read time when the entry is opened again.
    const [, count]: [unknown, number] = await this.db.query(
      `UPDATE notifications SET read_at = COALESCE(read_at, now())
        WHERE id = $1 AND recipient_user_id = $2`,
      [notificationId, userId],
    );
    return count === 1;
  }

  /** Marks every unread entry of the user read; returns how many changed. */
  async markAllRead(userId: string): Promise<number> {
    if (!UUID.test(userId)) return 0;
    const [, count]: [unknown, number] = await this.db.query(
      `UPDATE notifications SET read_at = now() WHERE recipient_user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return count;
  }

  onModuleDestroy(): void {
    this.transport?.close();
    this.transport = null;
  }

  /** An explicit address (or explicit null: inbox only) wins; otherwise the active recipient's own. */
  private async resolveEmail(manager: EntityManager, input: NotificationInput): Promise<string | null> {
    if (input.recipientEmail !== undefined) return input.recipientEmail?.trim() || null;
    if (!input.recipientUserId) return null;
    const rows: { email: string }[] = await manager.query(
      `SELECT email FROM users WHERE id = $1 AND active`,
      [input.recipientUserId],
    );
    return rows[0]?.email ?? null;
  }

  private async mailOnce(manager: EntityManager, dedupeKey: string): Promise<boolean> {
    return manager.transaction(async (tx) => {
      // The lock makes a concurrent retry wait, then re-check email_sent_at and find it set.
      const pending: PendingMail[] = await tx.query(
        `SELECT id, dedupe_key, recipient_email, subject, body FROM notifications
          WHERE dedupe_key = $1 AND recipient_email IS NOT NULL AND email_sent_at IS NULL
          FOR UPDATE`,
        [dedupeKey],
      );
      const mail = pending[0];
      if (!mail) return false;
      // Sends what the row recorded, so a retry mails the same text the inbox shows.
      await this.send(mail);
      const [, count]: [unknown, number] = await tx.query(
        `UPDATE notifications SET email_sent_at = now() WHERE id = $1 AND email_sent_at IS NULL`,
        [mail.id],
      );
      return count === 1;
    });
  }

  private async send(mail: PendingMail): Promise<void> {
    await this.mailer().sendMail({
      from: this.env.MAIL_FROM,
      to: mail.recipient_email,
      subject: mail.subject,
      text: mail.body,
      encoding: 'utf-8',
      messageId: this.messageId(mail.dedupe_key),
      headers: { 'X-Dedupe-Key': mail.dedupe_key },
    });
  }

  /** Stable per key, so a receiving server can also drop a duplicate if one ever slips through. */
  private messageId(dedupeKey: string): string {
    const hash = createHash('sha256').update(dedupeKey).digest('hex').slice(0, 40);
    const domain = /@([A-Za-z0-9.-]+)/.exec(this.env.MAIL_FROM)?.[1] ?? 'compute-voucher.invalid';
    return `<${hash}.notification@${domain}>`;
  }

  private mailer(): Transporter {
    // Pooled: a run mails thousands of notices, so a few SMTP connections are kept and reused
    // (bounded by MAIL_MAX_CONNECTIONS). A broken pooled connection is dropped and replaced by nodemailer.
    this.transport ??= nodemailer.createTransport({
      url: this.env.SMTP_URL,
      pool: true,
      maxConnections: MAIL_MAX_CONNECTIONS,
      maxMessages: 500,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    return this.transport;
  }
}
