import type { DataSource } from 'typeorm';
import { AppEnv } from '@app/config';
import { Notifier, type NotificationInput } from '@app/notifications';
import { openTestDataSource } from '../support/fixtures';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

/**
 * The run's notices at volume (Notifier.notifyMany, used by notifyRunPayouts): every inbox row written at
 * once, each email sent exactly once over the pooled transport, and a retry after a partial failure sends
 * only what is still unsent.
 */
describe('run notices: many messages, each inbox row and email once', () => {
  let db: DataSource;
  let sink: SmtpSink;

  beforeAll(async () => {
    db = await openTestDataSource();
    sink = await startSmtpSink();
  });

  afterAll(async () => {
    await sink?.stop();
    await db?.destroy();
  });

  const notice = (run: string, n: number): NotificationInput => ({
    dedupeKey: `redemption-paid:${run}:enterprise-${n}`,
    kind: 'payout_paid',
    recipientEmail: `ops${n}@enterprise${n}.example.cn`,
    subject: { zh: `兑付已支付 ${n}`, en: `Redemption paid ${n}` },
    body: { zh: `第 ${n} 家企业`, en: `Enterprise ${n}` },
    entityType: 'redemption_run',
    entityId: run,
  });

  it('writes 60 inbox rows and mails 60 emails once; a second call writes and mails nothing', async () => {
    const notifier = new Notifier(db, Object.assign(new AppEnv(), { SMTP_URL: sink.url }));
    const inputs = Array.from({ length: 60 }, (_, n) => notice('run-a', n));
    // Two of them were already notified (a retried activity): neither is written nor mailed again.
    await notifier.notify(inputs[0]);
    await notifier.notify(inputs[1]);
    sink.clear();

    const progress: number[] = [];
    await expect(notifier.notifyMany(inputs, (sent) => progress.push(sent))).resolves.toEqual({
      created: 58,
      emailed: 58,
    });
    expect(progress.at(-1)).toBe(58);
    const to = sink.messages.map((m) => m.to.join(','));
    expect(to).toHaveLength(58);
    expect(new Set(to).size).toBe(58);
    expect(to).not.toContain('ops0@enterprise0.example.cn');
    const [{ rows, mailed }] = await db.query(
      `SELECT count(*)::int AS rows, count(email_sent_at)::int AS mailed FROM notifications WHERE entity_id = 'run-a'`,
    );
    expect({ rows, mailed }).toEqual({ rows: 60, mailed: 60 });

    await expect(notifier.notifyMany(inputs)).resolves.toEqual({ created: 0, emailed: 0 });
    expect(sink.messages).toHaveLength(58);
    notifier.onModuleDestroy();
  });

  it('an SMTP outage keeps every inbox row; the retry mails each unsent email once', async () => {
    const down = new Notifier(db, Object.assign(new AppEnv(), { SMTP_URL: 'smtp://127.0.0.1:1' }));
    const inputs = Array.from({ length: 12 }, (_, n) => notice('run-b', n));
    await expect(down.notifyMany(inputs)).rejects.toThrow(/12 of 12 emails failed/);
    down.onModuleDestroy();
    const [{ rows, mailed }] = await db.query(
      `SELECT count(*)::int AS rows, count(email_sent_at)::int AS mailed FROM notifications WHERE entity_id = 'run-b'`,
    );
    expect({ rows, mailed }).toEqual({ rows: 12, mailed: 0 });

    sink.clear();
    const up = new Notifier(db, Object.assign(new AppEnv(), { SMTP_URL: sink.url }));
    await expect(up.notifyMany(inputs)).resolves.toEqual({ created: 0, emailed: 12 });
    expect(sink.messages).toHaveLength(12);
    up.onModuleDestroy();
  });
});
