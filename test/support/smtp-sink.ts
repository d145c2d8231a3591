import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject, type HeaderValue } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message as the sink received it, already MIME-decoded (UTF-8 subject and text). */
export interface ReceivedMail {
  /** The From header as text, e.g. `"北京市经济和信息化局 算力券" <noreply@…>`. */
  from: string;
  /** Envelope recipients: where the message was actually delivered. */
  to: string[];
  subject: string;
  text: string;
  /** Decoded headers, lower-case names (`x-dedupe-key`, `message-id`, …). */
  headers: Record<string, string>;
}

export interface SmtpSink {
  url: string;
  port: number;
  messages: ReceivedMail[];
  /** Resolves with the first message (already received or arriving later) matching `pred`. */
  waitFor(pred: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  clear(): void;
  stop(): Promise<void>;
}

function headerText(value: HeaderValue): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v: HeaderValue) => headerText(v)).join(', ');
  if ('text' in value) return (value as AddressObject).text;
  if ('value' in value) return value.value;
  return JSON.stringify(value);
}

/**
 * A real SMTP server in-process on 127.0.0.1, so tests exercise the actual nodemailer transport. Plain
 * SMTP only (no STARTTLS) and no authentication required. A message is parsed before the server answers
 * 250, so once `sendMail` resolves the message is already in `messages`. `port` pins the port (e.g. to
 * bring a stopped sink back where the code under test still points); otherwise a free one is picked.
 */
export async function startSmtpSink(opts: { port?: number } = {}): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 500,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', (err: Error) => callback(err));
      stream.on('end', () => {
        simpleParser(Buffer.concat(chunks))
          .then((parsed) => {
            const headers: Record<string, string> = {};
            for (const [name, value] of parsed.headers) headers[name.toLowerCase()] = headerText(value);
            messages.push({
              from: parsed.from?.text ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              headers,
            });
            for (const wake of [...waiters]) wake();
            callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A late connection error must not crash the test process; the sending side sees its own failure.
  server.on('error', () => undefined);
  const port = (server.server.address() as AddressInfo).port;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    waitFor(pred, timeoutMs = 10_000) {
      return new Promise<ReceivedMail>((resolve, reject) => {
        const check = (): boolean => {
          const hit = messages.find(pred);
          if (!hit) return false;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(hit);
          return true;
        };
        const wake = (): void => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          const seen = messages.map((m) => `${m.to.join(',')}: ${m.subject}`).join('\n  ');
          reject(new Error(`smtp sink: no matching message within ${timeoutMs} ms; received:\n  ${seen}`));
        }, timeoutMs);
        waiters.add(wake);
        check();
      });
    },
    clear() {
      // In place: callers may hold the `messages` array.
      messages.length = 0;
    },
    stop() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
