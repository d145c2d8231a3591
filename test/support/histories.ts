import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const HISTORIES_DIR = path.resolve(__dirname, '..', 'histories');

/**
 * With RECORD_HISTORIES=1, saves a workflow's event history (proto JSON, via the temporal CLI) under
 * test/histories/ so the replay tier can check that later workflow changes still replay it. Without it,
 * does nothing.
 */
export async function recordHistory(workflowId: string, name: string): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  const json = execFileSync(
    process.env.TEMPORAL_CLI_PATH ?? 'temporal',
    [
      'workflow',
      'show',
      '--workflow-id',
      workflowId,
      '--address',
      process.env.TEMPORAL_ADDRESS!,
      // Each suite works in a namespace of its own (isolate-database.ts).
      '--namespace',
      process.env.TEMPORAL_NAMESPACE ?? 'default',
      '--output',
      'json',
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  fs.writeFileSync(
    path.join(HISTORIES_DIR, `${name}.json`),
    JSON.stringify({ workflowId, history: JSON.parse(json) }),
  );
}
