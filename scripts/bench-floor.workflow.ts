/*
 * The orchestration floor of `npm run bench`: a workflow that does nothing but accept an Update and
 * return. Registered only by the bench's floor worker (never by the real worker), so an Update round
 * trip to it is what Temporal itself costs on this dev server: client → server → workflow task → server
 * → client, with no activity and no database.
 */
import { condition, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';

export const pingUpdate = defineUpdate<number, [number]>('ping');
export const stopSignal = defineSignal('stop');

export async function benchFloorWorkflow(): Promise<void> {
  let stopped = false;
  setHandler(pingUpdate, (n) => n);
  setHandler(stopSignal, () => void (stopped = true));
  await condition(() => stopped);
}
