import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import type { QueryRunner } from 'typeorm';
import { BEIJING_2023_2025 } from '@app/domain';
import { approveRunUpdate, runProgressQuery } from '../../workflows';
import { eventually } from '../support/wait';
import { checkInvariants } from '../support/invariants';
import { REDEMPTION_INVARIANTS, workerStarted } from '../support/redemption-fixtures';
import { workerProcessSuite } from '../support/worker-suite';

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, '.data', 'redemption-stall-build');

interface PendingStep {
  name: string;
  attempt: number;
  started: boolean;
  startedAtMs: number | null;
}

async function pendingSteps(handle: WorkflowHandle): Promise<PendingStep[]> {
  const { raw } = await handle.describe();
  return (raw.pendingActivities ?? []).map((a) => ({
    name: a.activityType?.name ?? '',
    attempt: a.attempt ?? 0,
    // PENDING_ACTIVITY_STATE_STARTED (2): a worker holds the attempt.
    started: Number(a.state) === 2 || String(a.state).endsWith('STARTED'),
    startedAtMs: a.lastStartedTime ? tsToMs(a.lastStartedTime) : null,
  }));
}

/**
 * A worker SIGKILLed while it computes the run's payouts: the step's heartbeats stop, the server notices
 * within the heartbeat timeout and hands the step to the next worker, so the run goes on in seconds
 * (not after the step's 10-minute start-to-close timeout) and still pays every claim once.
 */
describe('redemption run: a worker killed during the payout computation does not stall the run', () => {
  let blocker: QueryRunner | null = null;
  const suite = workerProcessSuite(ROOT, OUT, {
    beforeTeardown: async () => {
      if (blocker && !blocker.isReleased) {
        if (blocker.isTransactionActive) await blocker.rollbackTransaction();
        await blocker.release();
      }
    },
  });

  it('the computation is retried on a new worker within 30 s of the kill; every claim paid once', async () => {
    const { db } = suite;
    const { seeded, enterpriseIds, finance } = await suite.seedRun(2, 20, { seed: 0.41 });

    // Hold one pending claim's row lock: the compute step blocks on it, so the kill lands mid-step.
    blocker = db.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query(
      `SELECT id FROM redemption_claims
        WHERE run_year = 2025 AND run_quarter = 2 AND status = 'pending' AND enterprise_id = ANY($1)
        ORDER BY voucher_id LIMIT 1 FOR UPDATE`,
      [enterpriseIds],
    );

    const { worker: first, handle } = await suite.startRun(2025, 2);
    await eventually(
      async () =>
        (await pendingSteps(handle)).some(
          (s) => s.name === 'computeRunPayoutsChunk' && s.attempt === 1 && s.started,
        ),
      'the first worker to be computing payouts',
      60_000,
      100,
    );
    // Longer than one heartbeat timeout would be if nothing heartbeated the blocked statement.
    await new Promise((r) => setTimeout(r, 16_000));
    expect((await pendingSteps(handle)).map((s) => [s.name, s.attempt])).toEqual([
      ['computeRunPayoutsChunk', 1],
    ]);

    first.child.kill('SIGKILL');
    const killedAt = Date.now();
    expect(await first.exited).toBeNull();
    const second = suite.spawn();
    await workerStarted(second);

    // The retry starts (and blocks on the same row) on the second worker.
    const retry = await eventually(
      async () =>
        (await pendingSteps(handle)).find(
          (s) => s.name === 'computeRunPayoutsChunk' && s.attempt >= 2 && s.started,
        ),
      'the computation to be retried',
      60_000,
      100,
    );
    const retriedAfterMs = (retry.startedAtMs ?? Date.now()) - killedAt;
    console.log(`computation retried ${retriedAfterMs} ms after the kill`);
    expect(retriedAfterMs).toBeLessThan(30_000);
    await blocker.rollbackTransaction();
    await blocker.release();

    await eventually(
      async () => (await handle.query(runProgressQuery)).status === 'awaiting_approval',
      'awaiting approval',
      60_000,
      100,
    );
    await handle.executeUpdate(approveRunUpdate, { args: [{ approverId: finance }] });
    const result = await handle.result();
    second.child.kill('SIGTERM');
    await second.exited;

    const [runRow] = await db.query(
      `SELECT id, claim_count FROM redemption_runs WHERE program_code = $1 AND year = 2025 AND quarter = 2`,
      [BEIJING_2023_2025.code],
    );
    const [counts] = await db.query(
      `SELECT count(*)::int AS payouts, count(DISTINCT claim_id)::int AS claims,
              count(*) FILTER (WHERE amount > 0)::int AS positive,
              count(*) FILTER (WHERE status = 'paid')::int AS paid
         FROM payouts WHERE run_id = $1`,
      [runRow.id],
    );
    expect(counts.payouts).toBe(seeded.claims);
    expect(counts.claims).toBe(seeded.claims);
    expect(counts.paid).toBe(counts.positive);
    expect(result).toMatchObject({
      status: 'completed',
      claimCount: seeded.claims,
      paidCount: counts.positive,
    });
    const [{ transfers }] = await db.query(
      `SELECT count(*)::int AS transfers FROM simulated_bank_transfers WHERE payee_id = ANY($1)`,
      [enterpriseIds],
    );
    expect(transfers).toBe(counts.positive);
    expect(await checkInvariants(db, enterpriseIds, REDEMPTION_INVARIANTS)).toEqual({});
  }, 300_000);
});
