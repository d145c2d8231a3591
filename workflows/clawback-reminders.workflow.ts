import { proxyActivities } from '@temporalio/workflow';
import type { SupervisionActivities } from '../activities/supervision.activities';
import type { ActivitiesOf } from './activity-types';

/*
 * Clawback reminders (ADR 0027), started daily by the `clawback-reminders` Schedule: one activity that
 * sends every reminder due on the business date, each once.
 */

const steps = proxyActivities<ActivitiesOf<SupervisionActivities>>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5s', maximumInterval: '1 minute' },
});

export async function clawbackRemindersWorkflow(): Promise<{ businessDate: string; sent: number }> {
  const result = await steps.sendClawbackReminders({});
  return { businessDate: result.businessDate, sent: result.sent.length };
}
