import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** What `provisionLocalSecret` did: made a new secret or read the one kept from an earlier start. */
export interface LocalSecret {
  secret: string;
  file: string;
  created: boolean;
}

/**
 * The installation's own token-signing secret for `npm start` outside production: 32 random bytes (hex)
 * made on the first start and kept in `file`, readable by the owner only (0600), so tokens survive a
 * restart and no two installations share a secret. A kept file that is too short, or readable by others,
 * is refused rather than silently trusted or replaced. Plain Node, no Nest: scripts/start.mjs requires
 * it from dist.
 */
export function provisionLocalSecret(file: string): LocalSecret {
  if (fs.existsSync(file)) {
    const stat = fs.statSync(file);
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      throw new Error(
        `${file} is readable by other users (mode ${(stat.mode & 0o777).toString(8)}); ` +
          `run \`chmod 600 ${file}\` or delete it to have a new secret made`,
      );
    }
    const secret = fs.readFileSync(file, 'utf8').trim();
    if (secret.length < 32) {
      throw new Error(`${file} holds fewer than 32 characters; delete it to have a new secret made`);
    }
    return { secret, file, created: false };
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('hex');
  // 'wx': never overwrite a secret another start wrote in the meantime.
  try {
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return provisionLocalSecret(file);
    throw err;
  }
  // The mode given to writeFileSync is masked by the umask; make it exact.
  fs.chmodSync(file, 0o600);
  return { secret, file, created: true };
}
