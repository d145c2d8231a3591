import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppEnv, ConfigModule } from '@app/config';
import { NotificationRecord, UserRecord, dataSourceOptions, type Role } from '@app/persistence';
import { NotificationsModule, Notifier, voucherIssued, type NotificationInput } from '@app/notifications';
import { bindActivities } from '@app/temporal/activities';
import { NotificationActivities } from '@app/activities/notification.activities';
import { openTestDataSource } from '../support/fixtures';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../support/smtp-sink';

function envFor(smtpUrl: string): AppEnv {
  return Object.assign(new AppEnv(), { SMTP_URL: smtpUrl });
}

/** A port nothing listens on: bound, read, released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('Notifier: inbox and email through a real SMTP server', () => {
  let db: DataSource;
  let sink: SmtpSink;
  let notifier: Notifier;

  const createUser = async (role: Role, active = true) =>
    db.getRepository(UserRecord).save({
      email: `${role}.${randomUUID().slice(0, 8)}@bureau.example.cn`,
      displayName: `测试用户 ${role}`,
      passwordHash: 'not-a-real-hash',
      role,
      active,
    });

  const message = voucherIssued({
    enterpriseName: '北京深算智能科技有限公司',
    applicationId: 'APP-NOTIFY-1',
    faceValue: '1234567.89',
    limitedByCap: false,
    yearlyRoomLeft: '765432.11',
  });

  const input = (over: Partial<NotificationInput> = {}): NotificationInput => ({
    dedupeKey: `test:${randomUUID()}`,
    kind: 'voucher.issued',
    ...message,
    entityType: 'application',
    entityId: 'APP-NOTIFY-1',
    ...over,
  });

  const row = (dedupeKey: string) => db.getRepository(NotificationRecord).findOneBy({ dedupeKey });
  const mailsFor = (key: string): ReceivedMail[] =>
    sink.messages.filter((m) => m.headers['x-dedupe-key'] === key);

  beforeAll(async () => {
    db = await openTestDataSource();
    sink = await startSmtpSink();
    notifier = new Notifier(db, envFor(sink.url));
  });

  afterAll(async () => {
    notifier?.onModuleDestroy();
    await sink?.stop();
    await db?.destroy();
  });

  it('writes the inbox entry and mails it in Chinese with English beside it', async () => {
    const user = await createUser('reviewer');
    const n = input({ recipientUserId: user.id, recipientEmail: user.email });

    await expect(notifier.notify(n)).resolves.toEqual({ created: true, emailed: true });

    const mail = await sink.waitFor((m) => m.headers['x-dedupe-key'] === n.dedupeKey);
    expect(mail.to).toEqual([user.email]);
    expect(mail.from).toContain('noreply@compute-voucher.example.cn');
    expect(mail.subject).toBe('算力券已发放 / Voucher issued');
    expect(mail.text).toContain('已向贵单位发放算力券，面额 ¥1,234,567.89。');
    expect(mail.text).toContain('A compute voucher of ¥1,234,567.89 has been issued.');
    // Chinese paragraph, blank line, English paragraph.
    expect(mail.text.trim()).toBe(`${message.body.zh}\n\n${message.body.en}`);
    expect(mail.headers['message-id']).toMatch(/^<[0-9a-f]{40}\.notification@compute-voucher\.example\.cn>$/);

    const stored = await row(n.dedupeKey);
    expect(stored).toMatchObject({
      recipientUserId: user.id,
      recipientEmail: user.email,
      kind: 'voucher.issued',
      subject: '算力券已发放 / Voucher issued',
      body: `${message.body.zh}\n\n${message.body.en}`,
      readAt: null,
    });
    expect(stored!.emailSentAt).toBeInstanceOf(Date);

    const inbox = await notifier.listInbox(user.id, { page: 1, pageSize: 10 });
    expect(inbox.total).toBe(1);
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0]).toMatchObject({
      id: stored!.id,
      subject: '算力券已发放 / Voucher issued',
      readAt: null,
      entityType: 'application',
      entityId: 'APP-NOTIFY-1',
    });
  });

  it('lets only the recipient mark an entry read', async () => {
    const owner = await createUser('reviewer');
    const other = await createUser('reviewer');
    const n = input({ recipientUserId: owner.id, recipientEmail: null });
    await expect(notifier.notify(n)).resolves.toEqual({ created: true, emailed: false });
    const { id } = (await row(n.dedupeKey))!;

    await expect(notifier.markRead(other.id, id)).resolves.toBe(false);
    expect((await row(n.dedupeKey))!.readAt).toBeNull();
    expect((await notifier.listInbox(owner.id)).unread).toBe(1);
    expect((await notifier.listInbox(other.id)).total).toBe(0);
    await expect(notifier.markRead(other.id, 'not-a-uuid')).resolves.toBe(false);

    await expect(notifier.markRead(owner.id, id)).resolves.toBe(true);
    const firstRead = (await row(n.dedupeKey))!.readAt;
    expect(firstRead).toBeInstanceOf(Date);
    await expect(notifier.markRead(owner.id, id)).resolves.toBe(true);
    expect((await row(n.dedupeKey))!.readAt).toEqual(firstRead);
    const inbox = await notifier.listInbox(owner.id);
    expect(inbox).toMatchObject({ total: 1, unread: 0 });
    expect(inbox.items[0].readAt).toBe(firstRead!.toISOString());
  });

  it('pages the inbox newest first', async () => {
    const user = await createUser('finance');
    for (let i = 0; i < 3; i++) {
      await notifier.notify(
        input({ dedupeKey: `page:${user.id}:${i}`, recipientUserId: user.id, recipientEmail: null }),
      );
    }
    const first = await notifier.listInbox(user.id, { page: 1, pageSize: 2 });
    const second = await notifier.listInbox(user.id, { page: 2, pageSize: 2 });
    expect(first).toMatchObject({ total: 3, unread: 3 });
    expect(first.items).toHaveLength(2);
    expect(second.items).toHaveLength(1);
    const ids = [...first.items, ...second.items].map((i) => i.id);
    expect(new Set(ids).size).toBe(3);
    expect(first.items[0].createdAt >= second.items[0].createdAt).toBe(true);
  });

  it('takes the address from the active recipient when none is given', async () => {
    const user = await createUser('admin');
    const n = input({ recipientUserId: user.id });
    await expect(notifier.notify(n)).resolves.toEqual({ created: true, emailed: true });
    const mail = await sink.waitFor((m) => m.headers['x-dedupe-key'] === n.dedupeKey);
    expect(mail.to).toEqual([user.email]);
  });

  it('sends one row and one email for the same dedupe key, however often it is called', async () => {
    const user = await createUser('reviewer');
    const n = input({ recipientUserId: user.id, recipientEmail: user.email });

    await expect(notifier.notify(n)).resolves.toEqual({ created: true, emailed: true });
    await expect(notifier.notify(n)).resolves.toEqual({ created: false, emailed: false });
    // Concurrent retries: the row lock lets exactly none of them mail again.
    await Promise.all([notifier.notify(n), notifier.notify(n), notifier.notify(n)]);

    await sink.waitFor((m) => m.headers['x-dedupe-key'] === n.dedupeKey);
    expect(await db.getRepository(NotificationRecord).countBy({ dedupeKey: n.dedupeKey })).toBe(1);
    expect(mailsFor(n.dedupeKey)).toHaveLength(1);
  });

  it('mails exactly once under concurrent first sends', async () => {
    const user = await createUser('reviewer');
    const n = input({ recipientUserId: user.id, recipientEmail: user.email });
    const results = await Promise.all([notifier.notify(n), notifier.notify(n), notifier.notify(n)]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(results.filter((r) => r.emailed)).toHaveLength(1);
    expect(mailsFor(n.dedupeKey)).toHaveLength(1);
  });

  it('throws on an SMTP outage, keeps the inbox row unsent, and a retry sends exactly once', async () => {
    const user = await createUser('reviewer');
    const n = input({ recipientUserId: user.id, recipientEmail: user.email });

    // Nothing listening at all.
    const down = new Notifier(db, envFor(`smtp://127.0.0.1:${await closedPort()}`));
    await expect(down.notify(n)).rejects.toThrow();
    const unsent = await row(n.dedupeKey);
    expect(unsent).not.toBeNull();
    expect(unsent!.emailSentAt).toBeNull();
    expect((await notifier.listInbox(user.id)).unread).toBe(1);
    expect(mailsFor(n.dedupeKey)).toHaveLength(0);

    // The real sink stops, then comes back on the same port the notifier still points at.
    await sink.stop();
    const port = sink.port;
    await expect(notifier.notify(n)).rejects.toThrow();
    expect((await row(n.dedupeKey))!.emailSentAt).toBeNull();
    const revived = await startSmtpSink({ port });
    sink = revived;

    await expect(notifier.notify(n)).resolves.toEqual({ created: false, emailed: true });
    await expect(notifier.notify(n)).resolves.toEqual({ created: false, emailed: false });
    expect(mailsFor(n.dedupeKey)).toHaveLength(1);
    expect((await row(n.dedupeKey))!.emailSentAt).toBeInstanceOf(Date);
    expect(await db.getRepository(NotificationRecord).countBy({ dedupeKey: n.dedupeKey })).toBe(1);
  });

  it('inside a caller transaction: the row commits or rolls back with it', async () => {
    const user = await createUser('reviewer');
    const kept = input({ recipientUserId: user.id, recipientEmail: null });
    const dropped = input({ recipientUserId: user.id, recipientEmail: null });

    await db.transaction((tx) => notifier.notify(kept, tx));
    await expect(
      db.transaction(async (tx) => {
        await notifier.notify(dropped, tx);
        throw new Error('caller aborts');
      }),
    ).rejects.toThrow('caller aborts');

    expect(await row(kept.dedupeKey)).not.toBeNull();
    expect(await row(dropped.dedupeKey)).toBeNull();
  });

  it('notifyRole reaches every active user of the role and no inactive one', async () => {
    const a = await createUser('senior_reviewer');
    const b = await createUser('senior_reviewer');
    const gone = await createUser('senior_reviewer', false);
    const bystander = await createUser('reviewer');
    const activeCount = await db.getRepository(UserRecord).countBy({ role: 'senior_reviewer', active: true });
    const key = `role:${randomUUID()}`;
    const { recipientUserId: _u, recipientEmail: _e, ...base } = input({ dedupeKey: key });

    const first = await notifier.notifyRole('senior_reviewer', base);
    expect(first).toEqual({ recipients: activeCount, created: activeCount, emailed: activeCount });
    // A retried activity finds every per-user key and sends nothing more.
    await expect(notifier.notifyRole('senior_reviewer', base)).resolves.toEqual({
      recipients: activeCount,
      created: 0,
      emailed: 0,
    });

    for (const user of [a, b]) {
      const mails = mailsFor(`${key}:${user.id}`);
      expect(mails).toHaveLength(1);
      expect(mails[0].to).toEqual([user.email]);
      expect((await notifier.listInbox(user.id)).unread).toBe(1);
    }
    for (const user of [gone, bystander]) {
      expect(mailsFor(`${key}:${user.id}`)).toHaveLength(0);
      expect(sink.messages.some((m) => m.to.includes(user.email))).toBe(false);
      expect((await notifier.listInbox(user.id)).total).toBe(0);
    }
    const rows = await db
      .getRepository(NotificationRecord)
      .createQueryBuilder('n')
      .where('n.dedupe_key LIKE :p', { p: `${key}:%` })
      .getCount();
    expect(rows).toBe(activeCount);
  });

  it('exposes exactly two Temporal activities that send through the same path', async () => {
    const activities = new NotificationActivities(db, envFor(sink.url));
    const bound = bindActivities(activities);
    // Every prototype method becomes an activity: a helper here would leak into the worker's registry.
    expect(Object.keys(bound).sort()).toEqual(['notifyRole', 'sendNotification']);
    const send = bound.sendNotification as NotificationActivities['sendNotification'];
    const user = await createUser('reviewer');
    const n = input({ recipientUserId: user.id, recipientEmail: user.email });
    await expect(send(n)).resolves.toEqual({ created: true, emailed: true });
    await expect(send(n)).resolves.toEqual({ created: false, emailed: false });
    expect(mailsFor(n.dedupeKey)).toHaveLength(1);
  });

  it('resolves in Nest from the globals the worker already has (DataSource, AppEnv)', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule,
        TypeOrmModule.forRoot(
          dataSourceOptions({
            DATABASE_URL: process.env.DATABASE_URL!,
            DATABASE_POOL_SIZE: 2,
            DATABASE_SSL: false,
            DATABASE_LOGGING: false,
          }),
        ),
        NotificationsModule,
      ],
      providers: [NotificationActivities],
    })
      .overrideProvider(AppEnv)
      .useValue(envFor(sink.url))
      .compile();
    try {
      const user = await createUser('finance');
      const n = input({ recipientUserId: user.id, recipientEmail: user.email });
      await expect(moduleRef.get(NotificationActivities).sendNotification(n)).resolves.toEqual({
        created: true,
        emailed: true,
      });
      await expect(moduleRef.get(Notifier).listInbox(user.id)).resolves.toMatchObject({
        total: 1,
        unread: 1,
      });
    } finally {
      await moduleRef.close();
    }
  });
});
