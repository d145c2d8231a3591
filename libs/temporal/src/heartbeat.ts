import { Context } from '@temporalio/activity';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';

/*
 * Liveness for long activities. A worker that dies mid-activity is only noticed by the server when the
 * activity's heartbeatTimeout passes without a heartbeat; without one, the activity waits out its whole
 * startToCloseTimeout (minutes) before it is retried elsewhere. So every activity scheduled with a
 * heartbeatTimeout is kept alive by a timer while it runs (one long SQL statement cannot heartbeat by
 * itself), and activities that loop report their progress with `heartbeat(details)`; the timer repeats
 * the last progress, so a retry can resume from `heartbeatDetails()`.
 */

const lastDetails = new WeakMap<Context, unknown>();

/** The current activity's context, or null outside an activity (a bench or a test calling the class). */
function currentContext(): Context | null {
  try {
    return Context.current();
  } catch {
    return null;
  }
}

/** Reports progress (kept and repeated by the keep-alive timer). A no-op outside an activity. */
export function heartbeat(details?: unknown): void {
  const ctx = currentContext();
  if (!ctx) return;
  lastDetails.set(ctx, details);
  ctx.heartbeat(details);
}

/** The progress the previous attempt of this activity last reported (undefined on a first attempt). */
export function heartbeatDetails<T>(): T | undefined {
  return (currentContext()?.info.heartbeatDetails ?? undefined) as T | undefined;
}

/** At most this long between two keep-alive heartbeats (and a third of the heartbeat timeout). */
const MAX_KEEP_ALIVE_MS = 5_000;

/**
 * Worker interceptor: while an activity with a heartbeatTimeout runs, heartbeat every third of that
 * timeout (≤ 5 s) with its last reported progress. Activities without one are left alone (the SDK says
 * an activity must not heartbeat without a heartbeatTimeout).
 */
export const keepAliveHeartbeats: ActivityInterceptorsFactory = (ctx) => ({
  inbound: {
    async execute(input, next) {
      const timeout = ctx.info.heartbeatTimeoutMs;
      if (!timeout) return next(input);
      const every = Math.max(200, Math.min(MAX_KEEP_ALIVE_MS, Math.floor(timeout / 3)));
      const timer = setInterval(() => ctx.heartbeat(lastDetails.get(ctx)), every);
      try {
        return await next(input);
      } finally {
        clearInterval(timer);
      }
    },
  },
});
