// A local SMTP server for `npm start` when no mail server is configured: every message is written to
// .data/mail/<time>-<n>.eml so a demo's emails can be read. Tests use test/support/smtp-sink.ts instead.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export async function startMailCatcher({ dir, port = 1025 }) {
  let SMTPServer;
  try {
    ({ SMTPServer } = require('smtp-server'));
  } catch {
    return null; // production install without dev dependencies: configure SMTP_URL instead
  }
  fs.mkdirSync(dir, { recursive: true });
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, done) {
      const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${++n}.eml`);
      stream.pipe(fs.createWriteStream(file)).on('finish', () => done());
    },
  });
  await new Promise((resolve, reject) => server.listen(port, '127.0.0.1', resolve).once('error', reject));
  return { url: `smtp://127.0.0.1:${port}`, stop: () => new Promise((r) => server.close(r)) };
}
