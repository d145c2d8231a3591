import path from 'node:path';
import { BEIJING_2023_2025 } from '@app/domain';
import { setFaults } from '@app/activities/payment';
import { approveRunUpdate, runProgressQuery } from '../../workflows';
import { eventually } from '../support/wait';
import { checkInvariants } from '../support/invariants';
import { workerStarted as started } from '../support/redemption-fixtures';
import { workerProcessSuite } from '../support/worker-suite';

const ROOT = path.resolve(__dirname, '..', '..');
/** A private build (not dist/, which other work may be rebuilding) of the worker, run as a real process. */
const OUT = path.join(ROOT, '.data', 'redemption-fault-build');

/**
 * The worker is SIGKILLed in the middle of disbursement (with the bank refusing some calls), a new one
 * takes over, and the run still pays every claim exactly once.
 */
describe('redemption run survives a killed worker and a flaky bank (real processes)', () => {
  const suite = workerProcessSuite(ROOT, OUT, { env: { SIMULATED_BANK_DELAY_MS: '15' } });

  it('SIGKILL mid-disbursement: a new worker finishes, every claim paid once, invariants hold', async () => {
    const { db } = suite;
    const { seeded, enterpriseIds, finance } = await suite.seedRun(3, 30, { seed: 0.73 });

    const { worker: first, handle } = await suite.startRun(2025, 3);
    await eventually(
      async () => (await handle.query(runProgressQuery)).status === 'awaiting_approval',
      'awaiting approval',
      90_000,
      50,
    );
    const [{ id: runId, claim_count: claimCount }] = await db.query(
      `SELECT id, claim_count FROM redemption_runs WHERE program_code = $1 AND year = 2025 AND quarter = 3`,
      [BEIJING_2023_2025.code],
    );
    expect(claimCount).toBe(seeded.claims);
    const [{ n: toPay }] = await db.query(
      `SELECT count(*)::int AS n FROM payouts WHERE run_id = $1 AND amount > 0`,
      [runId],
    );

    // Two refusals right away, then every 40th call: each refusal fails the chunk activity, which retries.
    await setFaults(db, { failNext: 2, failEveryNth: 40 });
    await handle.executeUpdate(approveRunUpdate, { args: [{ approverId: finance }] });

    const paidNow = async () =>
      Number(
        (
          await db.query(`SELECT count(*)::int AS n FROM payouts WHERE run_id = $1 AND status = 'paid'`, [
            runId,
          ])
        )[0].n,
      );
    const atKill = await eventually(
      async () => {
        const n = await paidNow();
        return n >= 15 ? n : null;
      },
      'some but not all payouts paid',
      90_000,
      50,
    );
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull(); // killed by the signal, no clean shutdown
    expect(atKill).toBeLessThan(toPay);
    const afterKill = await paidNow();
    expect(afterKill).toBeLessThan(toPay);

    const second = suite.spawn();
    await started(second);
    const result = await handle.result();
    second.child.kill('SIGTERM');
    await second.exited;

    expect(result).toMatchObject({
      status: 'completed',
      claimCount: seeded.claims,
      paidCount: toPay,
      notificationsFailed: false,
    });
    const [{ calls }] = await db.query(`SELECT calls FROM simulated_bank_faults WHERE id = 1`);
    expect(Number(calls)).toBeGreaterThan(toPay); // the bank really refused calls along the way
    const [{ transfers }] = await db.query(
      `SELECT count(*)::int AS transfers FROM simulated_bank_transfers WHERE payee_id = ANY($1)`,
      [enterpriseIds],
    );
    expect(transfers).toBe(toPay);
    expect(await checkInvariants(db, enterpriseIds)).toEqual({});
  }, 300_000);

  it('a worker drains and exits once on SIGTERM, however many signals arrive', async () => {
    const w = suite.spawn();
    await started(w);
    // Two different signals back to back (two of the same kind may coalesce into one delivery).
    w.child.kill('SIGTERM');
    w.child.kill('SIGINT');
    const code = await Promise.race([w.exited, new Promise((r) => setTimeout(() => r('timeout'), 30_000))]);
    expect(code).toBe(0);
    expect(w.output()).toMatch(/still draining/);
    expect(w.output().match(/state: 'STOPPED'/g) ?? []).toHaveLength(1);
  }, 60_000);
});
