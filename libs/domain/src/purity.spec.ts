import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';

/**
 * The library runs inside deterministic Temporal workflows: no clock, randomness, Intl, I/O or Node
 * built-ins; its only dependencies are decimal.js and the holiday calendar's JSON data (chinese-days).
 * This test reads the sources to keep it that way.
 */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

const files = sources(__dirname);

describe('purity', () => {
  it('finds the sources', () => {
    expect(files.length).toBeGreaterThanOrEqual(9);
  });

  it.each(files.map((f) => [f.slice(__dirname.length + 1), f]))(
    '%s imports only decimal.js, the holiday data and itself',
    (_, file) => {
      const text = readFileSync(file, 'utf8');
      const imports = [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
      const allowed = new Set(['decimal.js', 'chinese-days/dist/chinese-days.json']);
      for (const spec of imports) expect(allowed.has(spec) || spec.startsWith('.')).toBe(true);
      const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code).not.toMatch(
        /new Date\s*\(|Date\.now|Math\.random|\bIntl\b|\bprocess\.|require\(|parseFloat|toFixed|\bNumber\(/,
      );
    },
  );
});
