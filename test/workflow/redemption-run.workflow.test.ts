import { ApplicationFailure, type WorkflowHandle } from '@temporalio/client';
import type { RedemptionActivities, RunState } from '../../activities/redemption.activities';
import type { RedemptionRunResult, RunProgress } from '../../workflows/redemption-run.workflow';
import { refusalOf, until, uuid, suiteHarness } from './harness';

/** The steps the run workflow calls, typed as the real activities have them. */
type RunSteps = Pick<
  RedemptionActivities,
  | 'openRedemptionRun'
  | 'computeRunPayoutsChunk'
  | 'summarizeRedemptionRun'
  | 'notifyRunAwaitingApproval'
  | 'recordRunApproval'
  | 'disburseRunPayoutsChunk'
  | 'notifyRunPayouts'
  | 'completeRedemptionRun'
>;

/**
 * A finance office in memory: six payouts over three vouchers in two compute pages, paid in two chunks of
 * three. Only `finance` may approve (the real step refuses anyone else as ApproverNotFinance).
 */
function financeOffice(finance: string) {
  const calls: string[] = [];
  const approvals: string[] = [];
  let releaseCompute: () => void = () => undefined;
  const computeGate = new Promise<void>((r) => (releaseCompute = r));
  let paid = 0;
  const run = (status: RunState['status'], extra: Partial<RunState> = {}): RunState => ({
    runId: 'run-1',
    programCode: 'beijing-ai-compute-2023',
    year: 2025,
    quarter: 3,
    runDate: '2025-10-15',
    status,
    claimCount: 6,
    totalPayout: '600.00',
    paidCount: paid,
    paidTotal: `${paid * 100}.00`,
    approvedBy: null,
    approvedAt: null,
    ...extra,
  });
  const steps: RunSteps = {
    async openRedemptionRun() {
      calls.push('open');
      return run('computing', { claimCount: 0, totalPayout: '0.00' });
    },
    async computeRunPayoutsChunk({ cursor }) {
      await computeGate;
      calls.push(`compute:${cursor ?? 'start'}`);
      const page =
        cursor === null && !calls.includes('compute:v2')
          ? { vouchers: 2, nextCursor: 'v2', endOfPass: false, payoutsCreated: 4 }
          : cursor === 'v2'
            ? { vouchers: 1, nextCursor: 'v3', endOfPass: true, payoutsCreated: 2 }
            : { vouchers: 0, nextCursor: null, endOfPass: true, payoutsCreated: 0 };
      return {
        ...page,
        claims: page.payoutsCreated,
        limitedByBalance: 0,
        total: `${page.payoutsCreated * 100}.00`,
      };
    },
    async summarizeRedemptionRun(runId) {
      calls.push('summarize');
      return {
        runId,
        status: 'awaiting_approval',
        claimCount: 6,
        totalPayout: '600.00',
        limitedByBalanceCount: 0,
        rolledOverClaimCount: 0,
        enterpriseCount: 2,
        byEnterprise: [],
        byEnterpriseTruncated: false,
        bySupplier: [],
        byFunder: [],
        limitedByPoolCount: 0,
      };
    },
    async notifyRunAwaitingApproval() {
      calls.push('notify-finance');
      return { recipients: 1 };
    },
    async recordRunApproval({ runId, approverId }) {
      approvals.push(approverId);
      if (approverId !== finance)
        throw ApplicationFailure.nonRetryable('the approver is not a finance user', 'ApproverNotFinance');
      calls.push('approve');
      return { runId, approvedBy: approverId, approvedAt: '2025-10-16T02:00:00Z', status: 'disbursing' };
    },
    async disburseRunPayoutsChunk() {
      paid += 3;
      calls.push(`disburse:${paid}`);
      return {
        processed: 3,
        paid: 3,
        skipped: 0,
        duplicates: 0,
        remaining: 6 - paid,
        bankError: null,
        paidCount: paid,
        paidTotal: `${paid * 100}.00`,
      };
    },
    async notifyRunPayouts() {
      calls.push('notify-enterprises');
      return { enterprises: 2, notifications: 2, created: 2 };
    },
    async completeRedemptionRun() {
      calls.push('complete');
      return run('completed', { approvedBy: finance });
    },
  };
  return { steps, calls, approvals, releaseCompute };
}

describe('redemption run workflow alone, activities mocked (real Temporal dev server)', () => {
  const h = suiteHarness();

  const start = (taskQueue: string) =>
    h.client.workflow.start('redemptionRunWorkflow', {
      workflowId: `redemption-run:beijing-ai-compute-2023:2025-Q3:${uuid()}`,
      taskQueue,
      args: [{ programCode: 'beijing-ai-compute-2023', year: 2025, quarter: 3 }],
    });
  const progress = (handle: WorkflowHandle) => handle.query<RunProgress>('runProgress');
  const approve = (handle: WorkflowHandle, approverId: unknown) =>
    handle.executeUpdate('approveRun', { args: [{ approverId }] });

  it('approval: refused while computing and for a bad id, refused by the step for a non-finance user, then approved once and paid', async () => {
    const finance = uuid();
    const office = financeOffice(finance);
    await h.withWorker(office.steps, async (tq) => {
      const handle = await start(tq);
      await until(async () => (await progress(handle)).status === 'computing', 'computing');
      expect(await refusalOf(approve(handle, finance))).toBe('RUN_NOT_AWAITING_APPROVAL');
      office.releaseCompute();
      await until(async () => (await progress(handle)).status === 'awaiting_approval', 'awaiting approval');
      expect(await progress(handle)).toMatchObject({ claimCount: 6, totalPayout: '600.00', paidCount: 0 });

      // The validator refuses bad input before anything is recorded.
      expect(await refusalOf(approve(handle, 'not-a-uuid'))).toBe('INVALID_ID');
      expect(await refusalOf(approve(handle, undefined))).toBe('INVALID_ID');
      expect(office.approvals).toEqual([]);
      // The approval step refuses a user who is not finance: the run still waits, nothing is paid.
      const clerk = uuid();
      expect(await refusalOf(approve(handle, clerk))).toBe('APPROVER_NOT_FINANCE');
      expect(await progress(handle)).toMatchObject({ status: 'awaiting_approval', paidCount: 0 });
      expect(office.calls.filter((c) => c.startsWith('disburse'))).toEqual([]);

      expect(await approve(handle, finance)).toMatchObject({ approvedBy: finance, status: 'disbursing' });
      const result = await (handle.result() as Promise<RedemptionRunResult>);
      expect(result).toMatchObject({
        status: 'completed',
        claimCount: 6,
        paidCount: 6,
        paidTotal: '600.00',
        notificationsFailed: false,
      });
      expect(office.approvals).toEqual([clerk, finance]);
      expect(office.calls).toEqual([
        'open',
        'compute:start',
        'compute:v2',
        'compute:start',
        'summarize',
        'notify-finance',
        'approve',
        'disburse:3',
        'disburse:6',
        'notify-enterprises',
        'complete',
      ]);
    });
  });

  it('a second approval is refused (RUN_ALREADY_APPROVED) and pays nothing more', async () => {
    const finance = uuid();
    const office = financeOffice(finance);
    office.releaseCompute();
    // Hold the first disbursement so the run is still open when the second approval comes.
    let releasePay: () => void = () => undefined;
    const payGate = new Promise<void>((r) => (releasePay = r));
    const disburse = office.steps.disburseRunPayoutsChunk;
    office.steps.disburseRunPayoutsChunk = async (input) => {
      await payGate;
      return disburse(input);
    };
    await h.withWorker(office.steps, async (tq) => {
      const handle = await start(tq);
      await until(async () => (await progress(handle)).status === 'awaiting_approval', 'awaiting approval');
      await approve(handle, finance);
      expect(await refusalOf(approve(handle, uuid()))).toBe('RUN_ALREADY_APPROVED');
      releasePay();
      expect(await (handle.result() as Promise<RedemptionRunResult>)).toMatchObject({
        status: 'completed',
        paidCount: 6,
      });
      expect(office.approvals).toEqual([finance]);
      expect(office.calls.filter((c) => c.startsWith('disburse'))).toEqual(['disburse:3', 'disburse:6']);
    });
  });
});
