/*
 * `npm run bench` (builds, then `node -r ./scripts/register-paths.js dist/scripts/bench.js`): every
 * measure of issue 11 beside its floor, each floor measured by code in the same run on the same machine,
 * printed as one table (measure, ours, floor, ratio, target, met?, load = os.loadavg() when the measure
 * finished). Not a test; the machine may be shared, hence the load column.
 *
 *   --only issuance,list   run only these measures: issuance, list, and those of the other benches when
 *                          their files are there — submission (bench-submission.ts), queue
 *                          (bench-queue.ts), redemption (bench-redemption.ts, its own database, last)
 *   --list                 print the measures' names and exit
 *
 * The table is also written to .data/bench-latest.md (docs/benchmarks.md keeps a copy by hand, with the
 * machine). Exit code 1 when a measure fails or misses its target.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchIssuance } from './bench-issuance';
import { benchList } from './bench-list';
import { type BenchRow, type BenchStack, ROOT, loadNow, ratioOf, startBenchStack } from './bench-stack';

type Measure = (stack: BenchStack) => Promise<BenchRow[]>;

/** Another engineer's measure, when its file is there (built beside this one); undefined otherwise. */
function optional(file: string, exported: string): ((...args: unknown[]) => Promise<unknown>) | undefined {
  try {
    const m = require(`./${file}`) as Record<string, unknown>;
    const f = m[exported];
    return typeof f === 'function' ? (f as (...args: unknown[]) => Promise<unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A row in this table's shape, or the redemption bench's own (ours/floor in ms, load as text). */
function asRows(got: unknown, floorIs: string): BenchRow[] {
  return (Array.isArray(got) ? got : [got]).map((raw) => {
    const r = raw as Partial<BenchRow> & { load?: unknown; detail?: unknown };
    if (r.kind) return r as BenchRow;
    return {
      measure: String(r.measure),
      unit: r.unit ?? 'ms',
      ours: Number(r.ours),
      floor: Number(r.floor),
      floorIs: r.floorIs ?? floorIs,
      kind: 'time',
      target: r.target ?? 0,
      load: Array.isArray(r.load)
        ? (r.load as number[])
        : String(r.load)
            .split(/[\s/]+/)
            .filter(Boolean)
            .map(Number),
      detail:
        r.detail && typeof r.detail === 'object'
          ? Object.entries(r.detail as Record<string, unknown>)
              .map(([k, v]) => `${k} ${String(v)}`)
              .join(', ')
          : (r.detail as string | undefined),
    };
  });
}

const submission = optional('bench-submission', 'benchSubmission');
const queue = optional('bench-queue', 'benchQueue');
const redemption = optional('bench-redemption', 'benchRedemption');

const MEASURES: Record<string, Measure> = {
  issuance: benchIssuance,
  list: benchList,
  ...(submission && { submission: async (stack) => asRows(await submission(stack), '') }),
  ...(queue && { queue: async (stack) => asRows(await queue(stack), '') }),
  // Its own database (seeded once, cloned for the floor), so it runs last.
  // Its target is ours / floor ≤ 3 (docs/benchmarks.md), i.e. floor / ours ≥ 1/3 in this table's terms.
  ...(redemption && {
    redemption: async () =>
      asRows(await redemption(), "the run's end state in one transaction").map((r) => ({
        ...r,
        target: r.target > 1 ? 1 / r.target : r.target || 1 / 3,
      })),
  }),
};

function figure(n: number): string {
  if (!Number.isFinite(n)) return '—';
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

export function renderTable(rows: BenchRow[]): string {
  const lines = [
    '| measure | ours | floor | ratio | target | met? | load (1/5/15 min) |',
    '| ------- | ---- | ----- | ----- | ------ | ---- | ----------------- |',
  ];
  for (const r of rows) {
    const ratio = ratioOf(r);
    const sense = r.kind === 'rate' ? 'ours / floor' : 'floor / ours';
    // target 0: a figure recorded beside its floor, with no ratio asked for.
    const target = r.target > 0 ? `≥ ${(r.target * 100).toFixed(0)}%` : '—';
    const met = r.target > 0 ? (ratio >= r.target ? 'yes' : 'NO') : '—';
    lines.push(
      `| ${r.measure} | ${figure(r.ours)} ${r.unit} | ${figure(r.floor)} ${r.unit} (${r.floorIs}) | ` +
        `${(ratio * 100).toFixed(1)}% (${sense}) | ${target} | ${met} | ${r.load.join(' / ')} |`,
    );
  }
  return lines.join('\n');
}

function machine(): string {
  const cpus = os.cpus();
  return (
    `${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
    `${os.type()} ${os.release()}, node ${process.version}`
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--list')) {
    console.log(Object.keys(MEASURES).join('\n'));
    return;
  }
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? (args[onlyAt + 1] ?? '').split(',').filter(Boolean) : Object.keys(MEASURES);
  const unknown = only.filter((m) => !MEASURES[m]);
  if (unknown.length) throw new Error(`unknown measure(s): ${unknown.join(', ')}`);

  console.log(`machine: ${machine()}; load at start ${loadNow().join(' / ')}`);
  const stack = await startBenchStack();
  const rows: BenchRow[] = [];
  const failures: string[] = [];
  try {
    for (const name of only) {
      console.log(`\n— ${name} (load ${loadNow().join(' / ')})`);
      try {
        const got = await MEASURES[name](stack);
        for (const r of got) r.floorIs ||= 'floor';
        for (const r of got) {
          console.log(`  ${r.measure}: ${figure(r.ours)} vs ${figure(r.floor)} ${r.unit}; ${r.detail ?? ''}`);
        }
        rows.push(...got);
      } catch (err) {
        console.error(`  ${name} failed:`, err);
        failures.push(name);
      }
    }
  } finally {
    await stack.close();
  }
  const table = renderTable(rows);
  const details = rows.map((r) => `- ${r.measure}: ${r.detail ?? ''}`).join('\n');
  console.log(`\n${table}\n\n${details}`);
  const stamp = new Date().toISOString();
  fs.mkdirSync(path.join(ROOT, '.data'), { recursive: true });
  fs.writeFileSync(
    path.join(ROOT, '.data', 'bench-latest.md'),
    `${stamp} — ${machine()}\n\n${table}\n\n${details}\n`,
  );
  if (failures.length) console.error(`\nfailed: ${failures.join(', ')}`);
  if (failures.length || rows.some((r) => r.target > 0 && ratioOf(r) < r.target)) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
