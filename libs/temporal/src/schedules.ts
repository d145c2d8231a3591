import {
  type Client,
  ScheduleAlreadyRunning,
  type ScheduleOptionsStartWorkflowAction,
  type ScheduleSpec,
  type WorkflowHandle,
  WorkflowExecutionAlreadyStartedError,
} from '@temporalio/client';
import { getProgram, redemptionRunKey, type Quarter } from '@app/domain';

/** One Schedule per program; it starts `scheduledRedemptionRunWorkflow` at each quarter end. */
export const redemptionScheduleId = (programCode: string) => `redemption-schedule:${programCode}`;

/** Asia/Shanghai, 18:00 on the last day of each quarter (the run date of docs/adr/0003). */
export const REDEMPTION_SCHEDULE_SPEC: ScheduleSpec = {
  calendars: [
    { month: 'MARCH', dayOfMonth: 31, hour: 18, comment: 'Q1 run' },
    { month: 'JUNE', dayOfMonth: 30, hour: 18, comment: 'Q2 run' },
    { month: 'SEPTEMBER', dayOfMonth: 30, hour: 18, comment: 'Q3 run' },
    { month: 'DECEMBER', dayOfMonth: 31, hour: 18, comment: 'Q4 run' },
  ],
  timezone: 'Asia/Shanghai',
};

/** A server outage of up to a week still takes the quarter's run (the workflow uses the scheduled time). */
export const REDEMPTION_SCHEDULE_POLICIES = { overlap: 'SKIP', catchupWindow: '7 days' } as const;

export interface EnsuredSchedule {
  scheduleId: string;
  created: boolean;
}

function scheduleAction(programCode: string, taskQueue: string): ScheduleOptionsStartWorkflowAction<never> {
  return {
    type: 'startWorkflow',
    workflowType: 'scheduledRedemptionRunWorkflow',
    // The server appends the scheduled time, so each quarter's start has its own id.
    workflowId: `redemption-scheduled:${programCode}`,
    args: [{ programCode }] as never,
    taskQueue,
  } as ScheduleOptionsStartWorkflowAction<never>;
}

/**
 * Creates the redemption Schedule of each program, or brings an existing one up to date (spec, action,
 * policies). Idempotent: safe on every start-up.
 */
export async function ensureRedemptionSchedules(
  client: Client,
  program: string | readonly string[],
  taskQueue: string,
): Promise<EnsuredSchedule[]> {
  const codes = typeof program === 'string' ? [program] : [...program];
  const out: EnsuredSchedule[] = [];
  for (const code of codes) {
    getProgram(code); // unknown program: throws
    const scheduleId = redemptionScheduleId(code);
    const action = scheduleAction(code, taskQueue);
    try {
      await client.schedule.create({
        scheduleId,
        spec: REDEMPTION_SCHEDULE_SPEC,
        action,
        policies: { ...REDEMPTION_SCHEDULE_POLICIES },
        memo: { programCode: code },
      });
      out.push({ scheduleId, created: true });
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      await client.schedule.getHandle(scheduleId).update((previous) => ({
        ...previous,
        spec: REDEMPTION_SCHEDULE_SPEC,
        action,
        policies: { ...previous.policies, ...REDEMPTION_SCHEDULE_POLICIES },
        state: { ...previous.state },
      }));
      out.push({ scheduleId, created: false });
    }
  }
  return out;
}

/**
 * Starts the run of (program, year, quarter) now, outside the schedule (e.g. a re-run after a fix). The
 * deterministic id makes it harmless: a running run is returned as is, a completed one is not run again.
 */
export async function startRedemptionRunByHand(
  client: Client,
  programCode: string,
  year: number,
  quarter: Quarter,
  taskQueue: string,
): Promise<WorkflowHandle> {
  getProgram(programCode);
  const workflowId = redemptionRunKey(programCode, year, quarter);
  try {
    return await client.workflow.start('redemptionRunWorkflow', {
      workflowId,
      taskQueue,
      args: [{ programCode, year, quarter }],
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
  } catch (err) {
    // The run already completed: hand back the completed run rather than running it twice.
    if (err instanceof WorkflowExecutionAlreadyStartedError) return client.workflow.getHandle(workflowId);
    throw err;
  }
}
