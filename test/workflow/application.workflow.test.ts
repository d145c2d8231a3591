import type { WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { ApplicationActivities, IssuanceOutcome } from '../../activities/application.activities';
import type {
  ApplicationEvent,
  ApplicationNotificationActivities,
} from '../../activities/application-notification.activities';
import type { EligibilityActivities, EligibilityOutcome } from '../../activities/eligibility.activities';
import type { ActivitiesOf } from '../../workflows/activity-types';
import {
  VOUCHER_CHECKS_PER_RUN,
  type ApplicationState,
  type ApplicationWorkflowInput,
  type ReviewDecision,
} from '../../workflows/application.workflow';
import { refusalOf, until, uuid, suiteHarness } from './harness';

/** Every activity the application workflow calls (old runs' steps and the one-step ones), typed as they are. */
type ApplicationSteps = Pick<
  ActivitiesOf<ApplicationActivities>,
  | 'openReviewTask'
  | 'checkAndOpenReview'
  | 'recordReviewDecision'
  | 'decide'
  | 'flagOverdueReviewTask'
  | 'recordResubmission'
  | 'issueVoucher'
  | 'voucherState'
  | 'expireVoucher'
  | 'withdrawVoucher'
> &
  ActivitiesOf<EligibilityActivities> &
  ActivitiesOf<ApplicationNotificationActivities>;

interface Bureau {
  activities: ApplicationSteps;
  tasks: { kind: string; round: number; excludedUserId: string | null }[];
  decisions: { kind: string; decision: string; reviewerId: string }[];
  /** Who approved each issuance (by the one-step decision or the older separate step). */
  issuedBy: string[];
  flagged: string[];
  events: ApplicationEvent[];
  resubmissions: number;
  voucherChecks: number;
  expired: string[];
  withdrawn: string[];
}

/** An in-memory bureau answering the workflow's steps: what it was asked is what the tests read. */
function bureau(
  options: {
    eligible?: boolean;
    quotedFaceValue?: string;
    voucher?: { status: string; remaining: string; pastFinalRun: boolean };
    /** The decision's transaction answers the voucher's first check too (as the activity does now). */
    checkAtIssuance?: boolean;
  } = {},
): Bureau {
  const b = {
    tasks: [],
    decisions: [],
    issuedBy: [],
    flagged: [],
    events: [],
    resubmissions: 0,
    voucherChecks: 0,
    expired: [],
    withdrawn: [],
  } as unknown as Bureau;
  const eligibility = (applicationId: string): EligibilityOutcome => ({
    applicationId,
    eligible: options.eligible ?? true,
    failures: options.eligible === false ? [{ code: 'SUPPLIER_NOT_PARTNER', rule: 'supplier.partner' }] : [],
    eligibleAmount: options.eligible === false ? null : '500000.00',
    quotedFaceValue: options.eligible === false ? null : (options.quotedFaceValue ?? '100000.00'),
  });
  const openTask = (kind: string, round: number, excludedUserId: string | null) => {
    b.tasks.push({ kind, round, excludedUserId });
    return { taskId: `task-${b.tasks.length}`, dueAt: new Date().toISOString() };
  };
  const issue = (approvedBy: string): IssuanceOutcome => {
    b.issuedBy.push(approvedBy);
    return {
      issued: true,
      voucherId: 'voucher-1',
      faceValue: options.quotedFaceValue ?? '100000.00',
      limitedByYearlyCap: false,
      capYear: 2025,
    };
  };
  const activities: ApplicationSteps = {
    async runEligibilityChecks(applicationId) {
      return eligibility(applicationId);
    },
    async checkAndOpenReview(input) {
      const e = eligibility(input.applicationId);
      return { eligibility: e, task: e.eligible ? openTask('review', input.round, null) : null };
    },
    async openReviewTask(input) {
      return openTask(input.kind, input.round, input.excludedUserId ?? null);
    },
    async recordReviewDecision(input) {
      b.decisions.push({ kind: input.kind, decision: input.decision, reviewerId: input.reviewerId });
      return { applicationStatus: 'in_review' };
    },
    async decide(input) {
      b.decisions.push({ kind: input.kind, decision: input.decision, reviewerId: input.reviewerId });
      const issuance = input.issue ? issue(input.issue.approvedBy) : null;
      return {
        applicationStatus: input.status ?? 'in_review',
        issuance,
        ...(options.checkAtIssuance && {
          voucher: issuance
            ? (options.voucher ?? { status: 'active', remaining: '0.00', pastFinalRun: false })
            : null,
        }),
      };
    },
    async issueVoucher(input) {
      return issue(input.approvedBy);
    },
    async flagOverdueReviewTask(input) {
      b.flagged.push(`${input.taskId}:${input.stage}`);
      return { assigneeId: null, applicationId: 'a', kind: 'review' };
    },
    async recordResubmission() {
      b.resubmissions += 1;
    },
    async voucherState() {
      b.voucherChecks += 1;
      return options.voucher ?? { status: 'active', remaining: '0.00', pastFinalRun: false };
    },
    async expireVoucher(voucherId) {
      b.expired.push(voucherId);
      return { status: 'expired' };
    },
    async withdrawVoucher(input) {
      b.withdrawn.push(`${input.voucherId}:${input.reason}`);
    },
    async notifyApplicationEvent(input) {
      b.events.push(input.event);
      return { recipients: 1 };
    },
  };
  b.activities = activities;
  return b;
}

describe('application workflow alone, activities mocked (real Temporal dev server)', () => {
  const h = suiteHarness();
  const reviewer = uuid();
  const senior = uuid();

  function start(
    taskQueue: string,
    input: Partial<ApplicationWorkflowInput> = {},
  ): Promise<WorkflowHandleWithFirstExecutionRunId> {
    const applicationId = uuid();
    return h.client.workflow.start('applicationWorkflow', {
      workflowId: `application:${applicationId}`,
      taskQueue,
      args: [
        {
          applicationId,
          programCode: 'beijing-ai-compute-2023',
          reviewDueMs: 60_000,
          secondApprovalThreshold: '500000.00',
          ...input,
        },
      ],
    });
  }
  const state = (handle: WorkflowHandle) => handle.query<ApplicationState>('state');
  /** The open task once the workflow shows one (optionally of a kind and round). */
  const openTask = (handle: WorkflowHandle, kind: string, round = 1) =>
    until(async () => {
      const s = await state(handle);
      return s.openTask?.kind === kind && s.round === round ? s.openTask : null;
    }, `an open ${kind} task in round ${round}`);
  /** Starts an application on a worker running the bureau's activities; `body` gets it at its first review task. */
  const atFirstReview = (
    b: Bureau,
    body: (handle: WorkflowHandle, task: Awaited<ReturnType<typeof openTask>>) => Promise<void>,
  ) =>
    h.withWorker(b.activities, async (tq) => {
      const handle = await start(tq);
      await body(handle, await openTask(handle, 'review'));
    });
  /** The reviewer's decision on the task (with a reason where one is given). */
  const decide = (
    handle: WorkflowHandle,
    task: { taskId: string },
    reviewerId: string,
    decision: ReviewDecision['decision'],
    reason?: string,
  ) =>
    handle.executeUpdate<{ applicationStatus: string }, [ReviewDecision]>('decide', {
      args: [{ taskId: task.taskId, reviewerId, decision, ...(reason ? { reason } : {}) }],
    });

  it('supplement loop: bad requests refused, material asked for, resubmitted, a second round, then issued', async () => {
    const b = bureau();
    await atFirstReview(b, async (handle, task) => {
      // A supplement request needs a reason; nothing is resubmitted before it is asked for.
      expect(await refusalOf(decide(handle, task, reviewer, 'request_supplement'))).toBe('REASON_REQUIRED');
      expect(await refusalOf(handle.executeUpdate('resubmit', { args: [{ userId: uuid() }] }))).toBe(
        'NOT_AWAITING_SUPPLEMENT',
      );
      expect(b.decisions).toEqual([]);

      await decide(handle, task, reviewer, 'request_supplement', '请补充合同附件');
      expect((await state(handle)).phase).toBe('supplement');
      await handle.executeUpdate('resubmit', { args: [{ userId: uuid(), note: '已补充' }] });
      const second = await openTask(handle, 'review', 2);
      expect(second.taskId).not.toBe(task.taskId);
      await decide(handle, second, reviewer, 'approve');

      const end = await handle.result();
      // Issued, then the voucher (used up at once by this bureau) closes its life.
      expect(end).toMatchObject({ phase: 'closed', round: 2, voucherId: 'voucher-1' });
      expect(b.tasks.map((t) => [t.kind, t.round])).toEqual([
        ['review', 1],
        ['review', 2],
      ]);
      expect(b.resubmissions).toBe(1);
      expect(b.issuedBy).toEqual([reviewer]);
      expect(b.events).toEqual(['task_opened', 'supplement_requested', 'task_opened', 'issued']);
    });
  });

  // The main loop moves to the next round while the resubmission is recorded: the reply must still name it.
  it("the resubmission's reply names the new round", async () => {
    const b = bureau();
    await atFirstReview(b, async (handle, task) => {
      await decide(handle, task, reviewer, 'request_supplement', '请补充合同附件');
      const reply = await handle.executeUpdate<{ round: number }, [{ userId: string }]>('resubmit', {
        args: [{ userId: uuid() }],
      });
      await openTask(handle, 'review', 2);
      expect(reply).toEqual({ round: (await state(handle)).round });
    });
  });

  it('second approval at the threshold: a different senior reviewer must approve; the first is refused', async () => {
    const b = bureau({ quotedFaceValue: '500000.00' });
    await atFirstReview(b, async (handle, first) => {
      await decide(handle, first, reviewer, 'approve');
      const second = await openTask(handle, 'second_approval');
      expect(second.excludedUserId).toBe(reviewer);
      expect(await refusalOf(decide(handle, second, reviewer, 'approve'))).toBe('SAME_REVIEWER');
      expect(await refusalOf(decide(handle, second, senior, 'maybe' as ReviewDecision['decision']))).toBe(
        'BAD_DECISION',
      );
      expect(b.issuedBy).toEqual([]);
      await decide(handle, second, senior, 'approve');
      expect(await handle.result()).toMatchObject({ phase: 'closed', voucherId: 'voucher-1' });
      expect(b.tasks).toEqual([
        { kind: 'review', round: 1, excludedUserId: null },
        { kind: 'second_approval', round: 1, excludedUserId: reviewer },
      ]);
      expect(b.decisions.map((d) => [d.kind, d.reviewerId])).toEqual([
        ['review', reviewer],
        ['second_approval', senior],
      ]);
      expect(b.issuedBy).toEqual([senior]);
    });
  });

  it('one fen under the threshold needs one approval only', async () => {
    const b = bureau({ quotedFaceValue: '499999.99' });
    await atFirstReview(b, async (handle, task) => {
      await decide(handle, task, reviewer, 'approve');
      expect(await handle.result()).toMatchObject({ phase: 'closed' });
      expect(b.tasks.map((t) => t.kind)).toEqual(['review']);
      expect(b.issuedBy).toEqual([reviewer]);
    });
  });

  it("an issuance that answers the voucher's first check: no separate check, the notice still sent", async () => {
    const b = bureau({ checkAtIssuance: true });
    await atFirstReview(b, async (handle, task) => {
      await decide(handle, task, reviewer, 'approve');
      // The voucher is used up as issued here, so its life ends at the first check.
      expect(await handle.result()).toMatchObject({
        phase: 'closed',
        voucherId: 'voucher-1',
        voucherChecks: 1,
      });
      expect(b.voucherChecks).toBe(0);
      expect(b.events).toEqual(['task_opened', 'issued']);
    });
  });

  it('with the first check from the issuance, a usable voucher lives on until it is withdrawn', async () => {
    const b = bureau({
      checkAtIssuance: true,
      voucher: { status: 'active', remaining: '100000.00', pastFinalRun: false },
    });
    await atFirstReview(b, async (handle, task) => {
      await decide(handle, task, reviewer, 'approve');
      await until(async () => ((await state(handle)).voucherChecks === 1 ? true : null), 'the first check');
      expect(b.voucherChecks).toBe(0);
      await handle.signal('withdrawVoucher', { userId: reviewer, reason: '虚假材料' });
      expect(await handle.result()).toMatchObject({ phase: 'closed' });
      expect(b.withdrawn).toEqual(['voucher-1:虚假材料']);
      expect(b.events).toEqual(['task_opened', 'issued']);
    });
  });

  it('an undecided task is reminded at its due time and escalated after as long again, then still decidable', async () => {
    const b = bureau();
    await h.withWorker(b.activities, async (tq) => {
      const opened = Date.now();
      const handle = await start(tq, { reviewDueMs: 400 });
      const task = await openTask(handle, 'review');
      // The escalation's notice follows its flag: wait for both.
      await until(
        async () => b.flagged.length === 2 && b.events.length === 3,
        'the reminder and the escalation',
      );
      expect(Date.now() - opened).toBeGreaterThanOrEqual(800);
      expect(b.flagged).toEqual([`${task.taskId}:reminded`, `${task.taskId}:escalated`]);
      expect(b.events).toEqual(['task_opened', 'task_reminder', 'task_escalated']);
      // Escalated tasks wait on: the decision still lands.
      await decide(handle, task, senior, 'approve');
      expect(await handle.result()).toMatchObject({ phase: 'closed' });
      expect(b.issuedBy).toEqual([senior]);
    });
  });

  it('a rejection with its reason ends the application; nothing is issued', async () => {
    const b = bureau();
    await atFirstReview(b, async (handle, task) => {
      expect(await refusalOf(decide(handle, task, reviewer, 'reject'))).toBe('REASON_REQUIRED');
      await decide(handle, task, reviewer, 'reject', '合同不符');
      expect(await handle.result()).toMatchObject({ phase: 'rejected', voucherId: null });
      expect(b.issuedBy).toEqual([]);
      expect(b.events).toEqual(['task_opened', 'rejected']);
    });
  });

  it('refused by the checks: no task is opened and the unit is told', async () => {
    const b = bureau({ eligible: false });
    await h.withWorker(b.activities, async (tq) => {
      const handle = await start(tq);
      const end = await handle.result();
      expect(end.phase).toBe('refused');
      expect(end.eligibility?.failures).toEqual([{ code: 'SUPPLIER_NOT_PARTNER', rule: 'supplier.partner' }]);
      expect(b.tasks).toEqual([]);
      expect(b.events).toEqual(['refused']);
    });
  });

  it(`the voucher's life continues as new after ${VOUCHER_CHECKS_PER_RUN} checks, then ends on withdrawal`, async () => {
    const b = bureau({ voucher: { status: 'active', remaining: '100.00', pastFinalRun: false } });
    await h.withWorker(b.activities, async (tq) => {
      const handle = await start(tq, { voucher: { voucherId: 'voucher-9' } });
      const firstRun = handle.firstExecutionRunId;
      // Each change the voucher hears of is one more check; the history stays small by starting afresh.
      const first = h.client.workflow.getHandle(handle.workflowId, firstRun);
      for (let i = 1; ; i++) {
        // The run has made check i and waits again (a signal sent during a check would be absorbed by it).
        const where = await until(async () => {
          if ((await first.describe()).status.name === 'CONTINUED_AS_NEW') return 'continued';
          return (await state(first)).voucherChecks >= i ? 'waiting' : null;
        }, `check ${i}`);
        if (where === 'continued') break;
        if (i > VOUCHER_CHECKS_PER_RUN + 5) throw new Error('never continued as new');
        await handle.signal('voucherChanged');
      }
      expect(b.voucherChecks).toBeGreaterThanOrEqual(VOUCHER_CHECKS_PER_RUN);
      const next = await until(async () => {
        const s = await state(h.client.workflow.getHandle(handle.workflowId));
        return s.voucherChecks >= 1 ? s : null;
      }, 'the new run checking the voucher');
      expect(next).toMatchObject({ phase: 'issued', voucherId: 'voucher-9' });
      expect(next.voucherChecks).toBeLessThan(VOUCHER_CHECKS_PER_RUN);

      await h.client.workflow
        .getHandle(handle.workflowId)
        .signal('withdrawVoucher', { userId: uuid(), reason: '虚假材料' });
      expect(await h.client.workflow.getHandle(handle.workflowId).result()).toMatchObject({
        phase: 'closed',
      });
      expect(b.withdrawn).toEqual(['voucher-9:虚假材料']);
    });
  }, 90_000);

  it("a voucher still unused after the program's final run expires", async () => {
    const b = bureau({ voucher: { status: 'active', remaining: '100.00', pastFinalRun: true } });
    await h.withWorker(b.activities, async (tq) => {
      const handle = await start(tq, { voucher: { voucherId: 'voucher-7' } });
      expect(await handle.result()).toMatchObject({ phase: 'closed' });
      expect(b.expired).toEqual(['voucher-7']);
    });
  });
});
