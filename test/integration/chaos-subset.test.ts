import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { formatSummary, runChaos, type ChaosSummary } from '../../scripts/chaos/runner';

const ROOT = path.resolve(__dirname, '..', '..');
/** A private build (not dist/, which other work may be rebuilding) for the worker processes. */
const OUT = path.join(ROOT, '.data', 'chaos-subset-build');

/**
 * The crash suite's seeded subset, through the same runner as `npm run chaos`: one trial per fault kind
 * (worker SIGKILL, Temporal SIGKILL + restart on its SQLite file, PostgreSQL immediate stop + restart), each
 * on a different flow, on a PostgreSQL cluster and a Temporal server of the runner's own.
 */
describe('crash suite: three seeded trials, one of each fault', () => {
  let summary: ChaosSummary;

  beforeAll(async () => {
    fs.rmSync(OUT, { recursive: true, force: true });
    const tsc = spawnSync(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', OUT],
      { cwd: ROOT, encoding: 'utf8' },
    );
    // Errors elsewhere in the tree still emit JavaScript; only a missing worker entry point is fatal.
    if (!fs.existsSync(path.join(OUT, 'apps', 'worker', 'src', 'main.js')))
      throw new Error(`build failed:\n${tsc.stdout}\n${tsc.stderr}`);
    const lines: string[] = [];
    summary = await runChaos({
      trials: 3,
      seed: 7,
      buildRoot: OUT,
      workDir: path.join(ROOT, '.data', 'chaos-subset'),
      log: (line) => lines.push(line),
    });
    console.log(`${lines.join('\n')}\n${formatSummary(summary)}`);
  }, 900_000);

  afterAll(() => {
    fs.rmSync(OUT, { recursive: true, force: true });
  });

  it('runs one trial of each fault kind over each flow', () => {
    expect(summary.faultsByKind).toEqual({ worker: 1, temporal: 1, postgres: 1 });
    expect(summary.flowsByKind).toEqual({ application: 1, 'concurrent-issuance': 1, redemption: 1 });
  });

  it('every flow reaches its end after the fault is healed: applications issued, the run paid', () => {
    for (const r of summary.reports)
      expect({ trial: r.trial, problems: r.problems }).toEqual({ trial: r.trial, problems: [] });
    // The application trial issues 3 of 3, the concurrent one 5 of 6 (the sixth refused at the cap).
    expect(summary.issued).toBe(8);
    expect(summary.claimsPaid).toBe(64);
  });

  it('nothing is paid twice and every SQL invariant returns no rows', () => {
    expect(summary.doublePayouts).toBe(0);
    expect(summary.reports.map((r) => r.invariantViolations)).toEqual([{}, {}, {}]);
    expect(summary.failed).toBe(0);
  });
});
