import { dropRunDatabases } from './database';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as Record<string, unknown>).__cvTemporal as
    { stop(): Promise<void> } | undefined;
  await server?.stop();
  const sink = (globalThis as Record<string, unknown>).__cvSmtp as { stop(): Promise<void> } | undefined;
  await sink?.stop();
  const prefix = process.env.CV_TEST_RUN_PREFIX;
  if (prefix && !process.env.CV_KEEP_TEST_DATABASE) await dropRunDatabases(prefix);
}
