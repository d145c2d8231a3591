// Replays every recorded workflow history in test/histories against today's workflow code and prints one
// JSON line per history; exits 1 on any determinism error. The replay tier spawns it in plain Node so the
// check runs exactly as a deploy-time check would, outside jest's module sandbox.
const fs = require('node:fs');
const path = require('node:path');
const { Worker } = require('@temporalio/worker');

const ROOT = path.resolve(__dirname, '..');
const dir = process.argv[2] || path.join(ROOT, 'test', 'histories');

async function main() {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
  const histories = files.map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
  let failed = 0;
  const replay = Worker.runReplayHistories(
    {
      workflowsPath: path.join(ROOT, 'workflows'),
      bundlerOptions: {
        // Same alias as libs/temporal/src/workflow-bundle.ts.
        webpackConfigHook: (config) => {
          config.resolve = config.resolve || {};
          config.resolve.alias = {
            ...(config.resolve.alias || {}),
            '@app/domain': path.join(ROOT, 'libs', 'domain', 'src'),
          };
          return config;
        },
      },
      debugMode: false,
    },
    histories.map((h) => ({ workflowId: h.workflowId, history: h.history })),
  );
  for await (const r of replay) {
    if (r.error) failed += 1;
    console.log(
      JSON.stringify({
        workflowId: r.workflowId,
        ok: !r.error,
        error: r.error ? String(r.error) : undefined,
      }),
    );
  }
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
