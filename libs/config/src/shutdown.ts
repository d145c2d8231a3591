import { Logger } from '@nestjs/common';

interface Closable {
  close(): Promise<void>;
}

/**
 * SIGINT/SIGTERM close the app exactly once (for the worker: drain, then stop polling) and then exit.
 * Later signals while closing are logged and ignored, so a second Ctrl-C cannot cut a drain short;
 * the Temporal runtime is installed without signal traps of its own (see apps/worker). Installed before
 * the app has finished booting (pass the boot promise): a signal during start-up waits for it, then closes.
 */
export function closeOnSignals(
  booting: Promise<Closable>,
  name: string,
  exit: (code: number) => void = process.exit,
): void {
  let closing: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      Logger.warn(`${signal} received while shutting down; still draining`, name);
      return;
    }
    Logger.log(`${signal} received: shutting down`, name);
    closing = booting
      .then((app) => app.close())
      .then(
        () => exit(0),
        (err: unknown) => {
          Logger.error(`shutdown failed: ${err instanceof Error ? err.stack : String(err)}`, name);
          exit(1);
        },
      );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
