import { ApplicationFailure, type WorkflowHandle } from '@temporalio/client';
import type { DirectPaymentActivities } from '../../activities/direct-payment.activities';
import type { GrantActivities, GrantState } from '../../activities/grant.activities';
import type { PoolActivities } from '../../activities/pool.activities';
import type { RoundActivities } from '../../activities/round.activities';
import type { RoundState, RoundStatus } from '../../activities/round-store';
import type { ActivitiesOf } from '../../workflows/activity-types';
import type { PoolApplicationState } from '../../workflows/pool-application.workflow';
import { refusalOf, until, uuid, suiteHarness } from './harness';

type Payments = Pick<ActivitiesOf<DirectPaymentActivities>, 'disburseDirectPayment'>;

/** One direct payment step that records what it paid (and can be held to keep a workflow open). */
function bank() {
  const paid: string[] = [];
  let release: () => void = () => undefined;
  let gate: Promise<void> = Promise.resolve();
  const steps: Payments = {
    async disburseDirectPayment({ paymentId }) {
      await gate;
      paid.push(paymentId);
      return { paymentId, status: 'paid', amount: '1000000.00', bankReference: `SIM-${paymentId}` };
    },
  };
  return {
    steps,
    paid,
    hold() {
      gate = new Promise<void>((r) => (release = r));
    },
    release: () => release(),
  };
}

describe('grant, pool application and allocation round workflows alone, activities mocked', () => {
  const h = suiteHarness();

  it('grant: finance approves once (bad ids and a second approval refused), one payment, paid', async () => {
    const grantId = uuid();
    const approvers: string[] = [];
    let status: GrantState['status'] = 'awaiting_finance';
    const grant = (): GrantState => ({
      grantId,
      status,
      amount: '1000000.00',
      paymentId: status === 'awaiting_finance' ? null : 'pay-1',
    });
    const steps: ActivitiesOf<GrantActivities> = {
      async loadGrantState() {
        return grant();
      },
      async approveGrantPayment({ approverId }) {
        approvers.push(approverId);
        status = 'approved';
        return grant();
      },
      async completeGrant() {
        status = 'paid';
        return grant();
      },
    };
    const money = bank();
    money.hold();
    await h.withWorker({ ...steps, ...money.steps }, async (tq) => {
      const handle = await h.client.workflow.start('grantWorkflow', {
        workflowId: `grant:chengdu-green:${grantId}`,
        taskQueue: tq,
        args: [{ grantId }],
      });
      const approve = (approverId: unknown) =>
        handle.executeUpdate('approveGrant', { args: [{ approverId }] });
      expect(await refusalOf(approve('finance'))).toBe('INVALID_ID');
      const finance = uuid();
      expect(await approve(finance)).toMatchObject({ status: 'approved', paymentId: 'pay-1' });
      // The payment is on its way: a second approval finds nothing awaiting finance.
      expect(await refusalOf(approve(uuid()))).toBe('GRANT_NOT_AWAITING_FINANCE');
      money.release();
      expect(await handle.result()).toMatchObject({ status: 'paid', paymentId: 'pay-1' });
      expect(approvers).toEqual([finance]);
      expect(money.paid).toEqual(['pay-1']);
    });
  });

  describe('pool application', () => {
    /** Application `refuse-me` passes its slot to `next-in-line`; materials are missing for `no-docs`. */
    function poolOffice() {
      const decided: string[] = [];
      const told: string[] = [];
      const steps: ActivitiesOf<PoolActivities> = {
        async decidePoolApplication(input) {
          if (input.applicationId.startsWith('no-docs'))
            throw ApplicationFailure.nonRetryable('materials missing: 营业执照', 'POOL_MATERIALS_MISSING');
          decided.push(`${input.applicationId}:${input.decision}`);
          return input.decision === 'approve'
            ? { status: 'issued', voucherId: `voucher-${input.applicationId}`, voucherNo: 'PH-2025-000001' }
            : { status: 'refused', promotedId: `next-in-line-${input.applicationId}` };
        },
        async notifyPoolApplication(input) {
          told.push(`${input.applicationId}:${input.event}`);
          return { recipients: 1 };
        },
      };
      return { steps, decided, told };
    }
    const start = (tq: string, applicationId: string) =>
      h.client.workflow.start('poolApplicationWorkflow', {
        workflowId: `pool-application:${applicationId}`,
        taskQueue: tq,
        args: [{ applicationId, programCode: 'chengdu-puhui' }],
      });
    const decide = (handle: WorkflowHandle, d: { reviewerId: string; decision: string; reason?: string }) =>
      handle.executeUpdate('decide', { args: [d] });

    it('bad decisions refused, missing materials refused without deciding, then approved: the voucher issued', async () => {
      const office = poolOffice();
      await h.withWorker(office.steps, async (tq) => {
        const id = `no-docs-${uuid()}`;
        const handle = await start(tq, id);
        expect(await refusalOf(decide(handle, { reviewerId: uuid(), decision: 'maybe' }))).toBe(
          'BAD_DECISION',
        );
        expect(await refusalOf(decide(handle, { reviewerId: uuid(), decision: 'refuse' }))).toBe(
          'REASON_REQUIRED',
        );
        expect(await refusalOf(decide(handle, { reviewerId: uuid(), decision: 'approve' }))).toBe(
          'POOL_MATERIALS_MISSING',
        );
        expect((await handle.query<PoolApplicationState>('state')).phase).toBe('review');
        expect(office.decided).toEqual([]);

        const ok = `ok-${uuid()}`;
        const second = await start(tq, ok);
        expect(await decide(second, { reviewerId: uuid(), decision: 'approve' })).toMatchObject({
          status: 'issued',
        });
        expect(await second.result()).toMatchObject({ phase: 'issued', voucherId: `voucher-${ok}` });
        expect(office.told).toEqual([`${ok}:issued`]);
        await h.client.workflow.getHandle(`pool-application:${id}`).terminate('test over');
      });
    });

    it('a refusal passes the slot to the next in line, whose own workflow starts and can be approved', async () => {
      const office = poolOffice();
      await h.withWorker(office.steps, async (tq) => {
        const id = `refuse-me-${uuid()}`;
        const handle = await start(tq, id);
        await decide(handle, { reviewerId: uuid(), decision: 'refuse', reason: '材料不实' });
        const promoted = `next-in-line-${id}`;
        expect(await handle.result()).toMatchObject({ phase: 'refused', promotedId: promoted });
        const next = h.client.workflow.getHandle(`pool-application:${promoted}`);
        await until(
          async () => (await next.query<PoolApplicationState>('state')).phase === 'review',
          'the promoted application awaiting its decision',
        );
        await until(async () => office.told.includes(`${promoted}:promoted`), 'the promoted unit told');
        await decide(next, { reviewerId: uuid(), decision: 'approve' });
        expect(await next.result()).toMatchObject({ phase: 'issued' });
        expect(office.decided).toEqual([`${id}:refuse`, `${promoted}:approve`]);
        expect(office.told).toEqual([`${id}:refused`, `${promoted}:promoted`, `${promoted}:issued`]);
      });
    });
  });

  it('allocation round: open → closed and ranked → reviewed → notice → finance → paid, each step refused out of turn', async () => {
    let stamp = 0;
    let status: RoundStatus = 'open';
    let reviewed = 0;
    let planRevision = 0;
    const calls: string[] = [];
    const round = (extra: Partial<RoundState> = {}): RoundState => ({
      roundId: 'round-1',
      programCode: 'chengdu-tehui',
      year: 2025,
      status,
      stamp: ++stamp,
      entries: 2,
      inReview: 2 - reviewed,
      waiting: 0,
      approved: reviewed,
      refused: 0,
      removed: 0,
      reviewComplete: reviewed === 2,
      planRevision,
      publishedOn: planRevision ? '2025-06-02' : null,
      noticeEndsOn: planRevision ? '2025-06-09' : null,
      openObjections: 0,
      totalAward: `${reviewed * 50000}.00`,
      ...extra,
    });
    const steps: ActivitiesOf<RoundActivities> = {
      async openAllocationRound() {
        calls.push('open');
        return round();
      },
      async loadRoundState() {
        return round();
      },
      async closeAndRankRound({ actor }) {
        calls.push(`close:${actor ? 'by hand' : 'timer'}`);
        status = 'reviewing';
        return { ...round(), closed: true };
      },
      async recordRoundReview(input) {
        calls.push(`review:${input.decision}`);
        reviewed += 1;
        return round();
      },
      async publishRoundPlan() {
        calls.push('publish');
        status = 'notice';
        planRevision += 1;
        return round();
      },
      async settleRoundNotice() {
        return round();
      },
      async approveRoundPayment() {
        calls.push('approve');
        status = 'paying';
        return { ...round(), paymentIds: ['award-1', 'award-2'] };
      },
      async listRoundPayments() {
        return ['award-1', 'award-2'];
      },
      async completeRoundPayment() {
        calls.push('complete');
        status = 'paid';
        return round();
      },
      async notifyRoundEntries(input) {
        calls.push(`notify:${input.event}:${input.planRevision}`);
        return { notified: 2 };
      },
      async recordObjectionDecision() {
        throw new Error('no objection in this round');
      },
    };
    const money = bank();
    await h.withWorker({ ...steps, ...money.steps }, async (tq) => {
      const handle = await h.client.workflow.start('allocationRoundWorkflow', {
        workflowId: `allocation-round:chengdu-tehui:${uuid()}`,
        taskQueue: tq,
        args: [{ programCode: 'chengdu-tehui', year: 2025, clockCheckSeconds: 3600 }],
      });
      const at = (s: RoundStatus) =>
        until(async () => (await handle.query<RoundState>('roundState'))?.status === s, `round ${s}`);
      const admin = uuid();
      const reviewer = uuid();
      await at('open');
      expect(
        await refusalOf(
          handle.executeUpdate('reviewEntry', {
            args: [{ entryId: uuid(), reviewerId: reviewer, decision: 'approve', reason: null }],
          }),
        ),
      ).toBe('ROUND_NOT_REVIEWING');
      expect(
        await refusalOf(handle.executeUpdate('approveRoundPayment', { args: [{ approverId: uuid() }] })),
      ).toBe('ROUND_NOT_IN_NOTICE');
      await handle.executeUpdate('closeRound', { args: [{ actorId: admin }] });
      expect(await refusalOf(handle.executeUpdate('closeRound', { args: [{ actorId: admin }] }))).toBe(
        'ROUND_ALREADY_CLOSED',
      );
      expect(
        await refusalOf(
          handle.executeUpdate('reviewEntry', {
            args: [{ entryId: uuid(), reviewerId: reviewer, decision: 'refuse', reason: ' ' }],
          }),
        ),
      ).toBe('REASON_REQUIRED');
      for (let i = 0; i < 2; i++)
        await handle.executeUpdate('reviewEntry', {
          args: [{ entryId: uuid(), reviewerId: reviewer, decision: 'approve', reason: null }],
        });
      await at('notice');
      await until(async () => calls.includes('notify:plan:1'), 'the units told of the plan on notice');
      expect(
        await refusalOf(handle.executeUpdate('approveRoundPayment', { args: [{ approverId: 'x' }] })),
      ).toBe('INVALID_ID');
      await handle.executeUpdate('approveRoundPayment', { args: [{ approverId: uuid() }] });
      expect(await handle.result()).toMatchObject({ status: 'paid', approved: 2, totalAward: '100000.00' });
      expect(money.paid).toEqual(['award-1', 'award-2']);
      expect(calls).toEqual([
        'open',
        'close:by hand',
        'review:approve',
        'review:approve',
        'publish',
        'notify:plan:1',
        'approve',
        'complete',
        'notify:paid:1',
      ]);
    });
  });
});
