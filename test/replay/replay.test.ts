import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { HISTORIES_DIR } from '../support/histories';

/**
 * The replay tier: every recorded history (test/histories, recorded from the end-to-end run with
 * RECORD_HISTORIES=1) must replay against today's workflow code. A non-deterministic change fails here.
 */
describe('workflow replay over recorded histories', () => {
  const files = fs.existsSync(HISTORIES_DIR)
    ? fs.readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json'))
    : [];

  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it('replays every recorded history without a determinism error', () => {
    const script = path.resolve(__dirname, '..', '..', 'scripts', 'replay-histories.js');
    const run = spawnSync(process.execPath, [script, HISTORIES_DIR], { encoding: 'utf8', timeout: 120_000 });
    const results = run.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { workflowId: string; ok: boolean; error?: string });
    expect(results).toHaveLength(files.length);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(run.status).toBe(0);
  });
});
