import path from 'node:path';
import { formatSummary, runChaos } from './chaos/runner';
import { repoRoot } from './chaos/processes';

/*
 * `npm run chaos [-- --trials N --seed S]`: the crash suite (docs/chaos.md). Runs from the build in dist/
 * (npm run chaos builds first); starts its own PostgreSQL cluster and Temporal dev server under
 * .data/chaos, never touching the shared ones.
 */
function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 0) {
    console.error(`chaos: --${name} must be a whole number, got ${process.argv[i + 1]}`);
    process.exit(2);
  }
  return v;
}

async function main(): Promise<void> {
  const root = repoRoot();
  const summary = await runChaos({
    trials: arg('trials', 60),
    seed: arg('seed', 20251115),
    // The worker runs from the same build as this script (dist/ under npm run chaos).
    buildRoot: path.resolve(__dirname, '..'),
    workDir: path.join(root, '.data', 'chaos'),
  });
  console.log(`\n${formatSummary(summary)}`);
  process.exit(summary.failed > 0 ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
