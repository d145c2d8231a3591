/*
 * `npm run bench` (builds, then `node -r ./scripts/register-paths.js dist/scripts/bench.js`): every
 * measure of issue 11 beside its floor, each floor measured by code in the same run on the same machine,
 * printed as one table (measure, ours, floor, ratio, target, met?, load = os.loadavg() when the measure
 * finished). Not a test; the machine may be shared, hence the load column.
 *
 *   --only issuance,list   run only these measures (names below)
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

const MEASURES: Record<string, Measure> = {
  issuance: benchIssuance,
  list: benchList,
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
    lines.push(
      `| ${r.measure} | ${figure(r.ours)} ${r.unit} | ${figure(r.floor)} ${r.unit} (${r.floorIs}) | ` +
        `${(ratio * 100).toFixed(1)}% (${sense}) | ≥ ${(r.target * 100).toFixed(0)}% | ` +
        `${ratio >= r.target ? 'yes' : 'NO'} | ${r.load.join(' / ')} |`,
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
  if (failures.length || rows.some((r) => ratioOf(r) < r.target)) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
