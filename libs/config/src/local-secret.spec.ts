import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { provisionLocalSecret } from './local-secret';

describe('provisionLocalSecret (npm start outside production)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cv-secret-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('makes a random 64-hex-digit secret on the first start, readable by the owner only', () => {
    const file = path.join(dir, '.data', 'jwt-secret');
    const first = provisionLocalSecret(file);
    expect(first.created).toBe(true);
    expect(first.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(first.secret);
  });

  it('reuses the kept secret on later starts; another installation gets another one', () => {
    const file = path.join(dir, 'jwt-secret');
    const first = provisionLocalSecret(file);
    const again = provisionLocalSecret(file);
    expect(again).toEqual({ secret: first.secret, file, created: false });
    const other = provisionLocalSecret(path.join(dir, 'other', 'jwt-secret'));
    expect(other.secret).not.toBe(first.secret);
  });

  it('refuses a kept file that others can read, or that is too short, instead of trusting it', () => {
    const open = path.join(dir, 'open');
    fs.writeFileSync(open, 'a'.repeat(64), { mode: 0o644 });
    fs.chmodSync(open, 0o644);
    expect(() => provisionLocalSecret(open)).toThrow(/readable by other users.*chmod 600/);
    const short = path.join(dir, 'short');
    fs.writeFileSync(short, 'tooshort', { mode: 0o600 });
    expect(() => provisionLocalSecret(short)).toThrow(/fewer than 32 characters/);
  });
});
