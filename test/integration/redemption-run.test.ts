import type { INestApplicationContext } from '@nestjs/common';
import { Client, Connection, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { loadEnv } from '@app/config';
import {
  BEIJING_2023_2025,
  Money,
  businessDateOf,
  computePayout,
  quarterOf,
  type Quarter,
} from '@app/domain';
import { redemptionActivities, runReportCsv } from '@app/activities/redemption.activities';
import { SimulatedBank, resetFaults, setFaults } from '@app/activities/payment';
import {
  REDEMPTION_SCHEDULE_SPEC,
  ensureRedemptionSchedules,
  redemptionScheduleId,
  startRedemptionRunByHand,
} from '@app/temporal';
import { bootstrapWorker } from '../../apps/worker/src/worker';
import {
  approveRunUpdate,
  runProgressQuery,
  type RedemptionRunResult,
  type scheduledRedemptionRunWorkflow,
} from '../../workflows';
import { eventually } from '../support/wait';
import { checkInvariants } from '../support/invariants';
import { openTestDataSource, seedReference } from '../support/fixtures';
import {
  REDEMPTION_INVARIANTS,
  createUser,
  enterpriseIdsOfBatch,
  seedBulkRedemption,
  seedVoucherWithClaims,
  type SeededVoucher,
} from '../support/redemption-fixtures';

const PROGRAM = BEIJING_2023_2025.code;

/** The message of a refused Update (validator rejection or failed handler), from the error's cause. */
async function refusal(update: Promise<unknown>): Promise<string> {
  const err = await update.then(
    () => null,
    (e: unknown) => e as Error & { cause?: Error },
  );
  if (!err) throw new Error('the update was accepted');
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return `${err.message}: ${err.cause?.message ?? ''}`;
}

/**
 * The quarterly redemption run on the real Temporal dev server and PostgreSQL, run by the real worker.
 * Each test uses its own quarter so the runs never share claims.
 */
describe('redemption run (real Temporal + PostgreSQL)', () => {
  let db: DataSource;
  let worker: INestApplicationContext;
  let client: Client;
  let finance: string;
  const taskQueue = () => process.env.TEMPORAL_TASK_QUEUE!;

  beforeAll(async () => {
    db = await openTestDataSource();
    await seedReference(db);
    await resetFaults(db);
    finance = await createUser(db, 'finance');
    worker = await bootstrapWorker();
    client = new Client({
      connection: await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! }),
      namespace: process.env.TEMPORAL_NAMESPACE,
    });
  }, 180_000);

  afterAll(async () => {
    await resetFaults(db);
    await client?.connection.close();
    await worker?.close();
    await db?.destroy();
  });

  const progressOf = (handle: WorkflowHandle) => handle.query(runProgressQuery);
  const awaitingApproval = (handle: WorkflowHandle) =>
    eventually(
      async () => {
        const p = await progressOf(handle);
        return p.status === 'awaiting_approval' ? p : null;
      },
      'awaiting_approval',
      60_000,
    );

  describe('2025 Q1: capped to the fen, a rollover, zero payouts, approval Update', () => {
    const year = 2025;
    const quarter: Quarter = 1;
    let a: SeededVoucher;
    let b: SeededVoucher;
    let c: SeededVoucher;
    let handle: WorkflowHandle;
    let result: RedemptionRunResult;

    beforeAll(async () => {
      const claim = (amount: string, claimedOn: string, deliveredOn = claimedOn) => ({
        amount,
        claimedOn,
        deliveredOn,
        runYear: year,
        runQuarter: quarter,
      });
      // A: four claims whose 20% shares exceed the 100,000.00 face value.
      a = await seedVoucherWithClaims(db, {
        faceValue: '100000.00',
        issuedOn: '2024-11-20',
        supplierCode: 'baidu',
        claims: [
          claim('123456.78', '2025-01-10'), // 24,691.356 → 24,691.35
          claim('300000.05', '2025-02-01'), // 60,000.01
          claim('99999.99', '2025-03-01'), // 19,999.998 → 19,999.99, capped to 15,308.64
          claim('10000.00', '2025-03-05'), // 2,000.00 → 0 (balance gone)
        ],
      });
      // B: 10,000.00 redeemed earlier; a rolled-over claim (delivered after the 2024 cutoff) and a 0.04 one.
      b = await seedVoucherWithClaims(db, {
        faceValue: '50000.00',
        redeemedAmount: '10000.00',
        issuedOn: '2024-06-01',
        supplierCode: 'alibaba-cloud',
        claims: [
          { ...claim('33333.33', '2025-01-05', '2024-12-10'), rolledOver: true }, // 6,666.666 → 6,666.66
          claim('0.04', '2025-02-10'), // 0.008 → 0.00
        ],
      });
      // C: one claim in this run, one in the next quarter's run (must not be taken).
      c = await seedVoucherWithClaims(db, {
        faceValue: '200000.00',
        issuedOn: '2024-12-01',
        supplierCode: 'baidu',
        claims: [
          claim('1000.01', '2025-03-20'), // 200.002 → 200.00
          { ...claim('5000.00', '2025-04-02'), runQuarter: 2 },
        ],
      });
    });

    it('computes, refuses a premature approval, waits for finance, pays each payout exactly once', async () => {
      handle = await startRedemptionRunByHand(client, PROGRAM, year, quarter, taskQueue());
      expect(handle.workflowId).toBe('redemption-run:beijing-ai-compute-2023:2025-Q1');

      // Premature: the run is still opening or computing.
      expect(
        await refusal(handle.executeUpdate(approveRunUpdate, { args: [{ approverId: finance }] })),
      ).toMatch(/not awaiting approval/);

      const progress = await awaitingApproval(handle);
      expect(progress).toMatchObject({
        status: 'awaiting_approval',
        claimCount: 7,
        totalPayout: '106866.66',
      });

      const payouts = await db.query(
        `SELECT c.id AS claim_id, p.amount::text AS amount, p.uncapped_amount::text AS uncapped,
                p.limited_by_balance AS limited, p.status, p.idempotency_key
           FROM payouts p JOIN redemption_claims c ON c.id = p.claim_id
          WHERE c.voucher_id = ANY($1) ORDER BY c.voucher_id, c.claimed_on`,
        [[a.voucherId, b.voucherId, c.voucherId]],
      );
      const byClaim = new Map(payouts.map((p: { claim_id: string }) => [p.claim_id, p]));
      const expectPayout = (claimId: string, amount: string, uncapped: string, limited: boolean) =>
        expect(byClaim.get(claimId)).toMatchObject({
          amount,
          uncapped,
          limited,
          status: 'computed',
          idempotency_key: `payout:${claimId}`,
        });
      expectPayout(a.claimIds[0], '24691.35', '24691.35', false);
      expectPayout(a.claimIds[1], '60000.01', '60000.01', false);
      expectPayout(a.claimIds[2], '15308.64', '19999.99', true);
      expectPayout(a.claimIds[3], '0.00', '2000.00', true);
      expectPayout(b.claimIds[0], '6666.66', '6666.66', false);
      expectPayout(b.claimIds[1], '0.00', '0.00', false);
      expectPayout(c.claimIds[0], '200.00', '200.00', false);
      expect(byClaim.has(c.claimIds[1])).toBe(false);
      const [{ status: nextQuarterClaim }] = await db.query(
        `SELECT status FROM redemption_claims WHERE id = $1`,
        [c.claimIds[1]],
      );
      expect(nextQuarterClaim).toBe('pending');

      const [run] = await db.query(
        `SELECT status, claim_count, total_payout::text AS total, run_date::text AS run_date, report
           FROM redemption_runs WHERE program_code = $1 AND year = $2 AND quarter = $3`,
        [PROGRAM, year, quarter],
      );
      expect(run).toMatchObject({ status: 'awaiting_approval', claim_count: 7, total: '106866.66' });
      expect(run.run_date).toBe('2025-03-31');
      expect(run.report.preview.totalPayout).toBe('106866.66');
      expect(run.report.preview.rolledOverClaimCount).toBe(1);
      expect(
        run.report.preview.bySupplier.map((s: { code: string; total: string }) => [s.code, s.total]),
      ).toEqual([
        ['alibaba-cloud', '6666.66'],
        ['baidu', '100200.00'],
      ]);

      // Keep the bank down so the run stays in disbursement while we try a second approval.
      await setFaults(db, { failNext: 1_000_000 });

      // A user who is not finance: the validator lets it through, the activity refuses, the run still waits.
      const reviewer = await createUser(db, 'reviewer');
      /** Why the run refuses `approverId`'s approval (it fails if the approval is taken). */
      const approvalRefusal = (approverId: string) =>
        refusal(handle.executeUpdate(approveRunUpdate, { args: [{ approverId }] }));
      expect(await approvalRefusal(reviewer)).toMatch(/not an active finance user/);
      expect((await progressOf(handle)).status).toBe('awaiting_approval');
      expect(await approvalRefusal('nobody')).toMatch(/uuid/);

      // Four eyes inside the run too (ADR 0045): the finance user recorded as its starter is refused.
      const starter = await createUser(db, 'finance');
      await db.query(`UPDATE redemption_runs SET started_by = $2 WHERE workflow_id = $1`, [
        handle.workflowId,
        starter,
      ]);
      expect(await approvalRefusal(starter)).toMatch(/another finance user must approve/);
      expect((await progressOf(handle)).status).toBe('awaiting_approval');

      const approval = await handle.executeUpdate(approveRunUpdate, { args: [{ approverId: finance }] });
      expect(approval).toMatchObject({ approvedBy: finance, status: 'disbursing' });
      expect(await approvalRefusal(finance)).toMatch(/already approved/);
      await eventually(
        async () => {
          const [f] = await db.query(`SELECT calls FROM simulated_bank_faults WHERE id = 1`);
          return Number(f.calls) > 0;
        },
        'a refused bank call',
        60_000,
      );
      expect((await progressOf(handle)).paidCount).toBe(0);
      await resetFaults(db);

      result = await handle.result();
      expect(result).toMatchObject({
        status: 'completed',
        claimCount: 7,
        totalPayout: '106866.66',
        paidCount: 5,
        paidTotal: '106866.66',
        notificationsFailed: false,
      });
    }, 180_000);

    it('moved the money once: payouts, vouchers, claims, bank transfers, audit and report agree', async () => {
      const vouchers = await db.query(
        `SELECT id, redeemed_amount::text AS redeemed, status FROM vouchers WHERE id = ANY($1)`,
        [[a.voucherId, b.voucherId, c.voucherId]],
      );
      const v = new Map(vouchers.map((r: { id: string }) => [r.id, r]));
      expect(v.get(a.voucherId)).toMatchObject({ redeemed: '100000.00', status: 'exhausted' });
      expect(v.get(b.voucherId)).toMatchObject({ redeemed: '16666.66', status: 'active' });
      expect(v.get(c.voucherId)).toMatchObject({ redeemed: '200.00', status: 'active' });

      const payouts = await db.query(
        `SELECT p.status, p.amount::text AS amount, p.bank_reference, c.status AS claim_status
           FROM payouts p JOIN redemption_claims c ON c.id = p.claim_id WHERE p.run_id = (
             SELECT id FROM redemption_runs WHERE program_code = $1 AND year = 2025 AND quarter = 1)`,
        [PROGRAM],
      );
      expect(payouts.filter((p: { status: string }) => p.status === 'paid')).toHaveLength(5);
      expect(payouts.filter((p: { status: string }) => p.status === 'skipped')).toHaveLength(2);
      expect(payouts.every((p: { claim_status: string }) => p.claim_status === 'paid')).toBe(true);

      const transfers = await db.query(
        `SELECT t.idempotency_key, t.amount::text AS amount, t.reference, p.bank_reference
           FROM simulated_bank_transfers t JOIN payouts p ON p.idempotency_key = t.idempotency_key
          WHERE p.voucher_id = ANY($1)`,
        [[a.voucherId, b.voucherId, c.voucherId]],
      );
      expect(transfers).toHaveLength(5);
      expect(
        transfers.every(
          (t: { reference: string; bank_reference: string }) => t.reference === t.bank_reference,
        ),
      ).toBe(true);
      expect(Money.sum(transfers.map((t: { amount: string }) => Money.parse(t.amount))).toString()).toBe(
        '106866.66',
      );

      const [run] = await db.query(
        `SELECT id, status, paid_count, paid_total::text AS paid_total, approved_by, completed_at, report
           FROM redemption_runs WHERE program_code = $1 AND year = 2025 AND quarter = 1`,
        [PROGRAM],
      );
      expect(run).toMatchObject({
        status: 'completed',
        paid_count: 5,
        paid_total: '106866.66',
        approved_by: finance,
      });
      expect(run.completed_at).not.toBeNull();
      expect(run.report.totals).toMatchObject({
        claimCount: 7,
        totalPayout: '106866.66',
        paidCount: 5,
        skippedCount: 2,
        limitedByBalanceCount: 2,
      });
      expect(run.report.rolledOverClaimCount).toBe(1);
      expect(
        run.report.limitedByBalance
          .map((l: { claimId: string; amount: string }) => [l.claimId, l.amount])
          .sort(),
      ).toEqual(
        [
          [a.claimIds[2], '15308.64'],
          [a.claimIds[3], '0.00'],
        ].sort(),
      );
      expect(run.report.byEnterprise).toHaveLength(3);

      const audit = await db.query(
        `SELECT action, count(*)::int AS n FROM audit_log
          WHERE (entity_type = 'redemption_run' AND entity_id = $1)
             OR (entity_type = 'payout' AND entity_id IN (SELECT id::text FROM payouts WHERE run_id = $1::uuid))
          GROUP BY action ORDER BY action`,
        [run.id],
      );
      expect(audit).toEqual([
        { action: 'payout.paid', n: 5 },
        { action: 'payout.skipped', n: 2 },
        { action: 'redemption_run.approved', n: 1 },
        { action: 'redemption_run.completed', n: 1 },
        { action: 'redemption_run.computed', n: 1 },
      ]);

      // Notifications: one per paid enterprise (no enterprise users: the contact address), none twice.
      const notes = await db.query(
        `SELECT dedupe_key FROM notifications WHERE kind = 'payout_paid' AND entity_id = $1`,
        [run.id],
      );
      expect(notes).toHaveLength(3);

      const csv = await runReportCsv(db, run.id);
      const lines = csv.trimEnd().split('\r\n');
      expect(lines).toHaveLength(8);
      expect(lines[0]).toMatch(/^payout_id,claim_id,voucher_id,credit_code,enterprise_name/);
      expect(lines.filter((l) => l.includes(',15308.64,'))).toHaveLength(1);
    });

    it('a second start by hand is harmless: the completed run comes back, nothing is paid again', async () => {
      const again = await startRedemptionRunByHand(client, PROGRAM, year, quarter, taskQueue());
      expect(await again.result()).toMatchObject({ status: 'completed', paidCount: 5 });
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM simulated_bank_transfers t JOIN payouts p USING (idempotency_key)
          WHERE p.voucher_id = ANY($1)`,
        [[a.voucherId, b.voucherId, c.voucherId]],
      );
      expect(n).toBe(5);
    });
  });

  describe('2024 Q3: SQL and domain agree; retries and crashes around the bank call', () => {
    it('set-based chunks give exactly the domain computePayout, claim by claim, on random data', async () => {
      const seeded = await seedBulkRedemption(db, {
        runYear: 2024,
        runQuarter: 3,
        enterprises: 40,
        vouchersPerEnterprise: 3,
        claimsPerVoucher: 6,
        preRedeemedShare: 0.3,
        seed: 0.17,
      });
      const activities = redemptionActivities(db, loadEnv());
      const run = await activities.openRedemptionRun({ programCode: PROGRAM, year: 2024, quarter: 3 });
      expect(run.status).toBe('computing');
      let cursor: string | null = null;
      let chunks = 0;
      for (;;) {
        const r = await activities.computeRunPayoutsChunk({ runId: run.runId, cursor, maxVouchers: 7 });
        chunks += 1;
        if (r.vouchers === 0 && cursor === null) break;
        cursor = r.endOfPass ? null : r.nextCursor;
      }
      expect(chunks).toBeGreaterThan(15);
      // A retry of any chunk finds nothing pending: it creates nothing.
      expect(await activities.computeRunPayoutsChunk({ runId: run.runId, cursor: null })).toMatchObject({
        vouchers: 0,
        payoutsCreated: 0,
      });

      const rows: {
        voucher_id: string;
        claim_id: string;
        claimed_on: string;
        invoiced: string;
        face: string;
        redeemed: string;
        amount: string;
        uncapped: string;
        limited: boolean;
      }[] = await db.query(
        `SELECT c.voucher_id, c.id AS claim_id, c.claimed_on::text AS claimed_on,
                c.invoiced_eligible_amount::text AS invoiced, v.face_value::text AS face,
                v.redeemed_amount::text AS redeemed, p.amount::text AS amount,
                p.uncapped_amount::text AS uncapped, p.limited_by_balance AS limited
           FROM redemption_claims c JOIN vouchers v ON v.id = c.voucher_id
           JOIN payouts p ON p.claim_id = c.id
          WHERE c.run_year = 2024 AND c.run_quarter = 3 AND c.enterprise_id = ANY($1)
          ORDER BY c.voucher_id, c.claimed_on, c.id`,
        [await enterpriseIdsOfBatch(db, seeded.batch)],
      );
      expect(rows).toHaveLength(seeded.claims);
      let voucher = '';
      let remaining = Money.zero();
      let limited = 0;
      for (const r of rows) {
        if (r.voucher_id !== voucher) {
          voucher = r.voucher_id;
          remaining = Money.parse(r.face).minus(Money.parse(r.redeemed));
        }
        const expected = computePayout(BEIJING_2023_2025, {
          invoicedEligibleAmount: Money.parse(r.invoiced),
          voucherRemaining: remaining,
        });
        expect({ claim: r.claim_id, amount: r.amount, uncapped: r.uncapped, limited: r.limited }).toEqual({
          claim: r.claim_id,
          amount: expected.payout.toString(),
          uncapped: expected.uncappedPayout.toString(),
          limited: expected.limitedByBalance,
        });
        remaining = remaining.minus(expected.payout);
        if (expected.limitedByBalance) limited += 1;
      }
      expect(limited).toBeGreaterThan(10); // the sample really exercises the cap

      const summary = await activities.summarizeRedemptionRun(run.runId);
      expect(summary.status).toBe('awaiting_approval');
      expect(summary.claimCount).toBe(seeded.claims);
      expect(summary.enterpriseCount).toBe(40);
      expect(await activities.summarizeRedemptionRun(run.runId)).toEqual(summary);

      // Not approved: nothing may be paid.
      await expect(activities.disburseRunPayoutsChunk({ runId: run.runId })).rejects.toThrow(/not approved/);
      await activities.recordRunApproval({ runId: run.runId, approverId: finance });
      // Recorded twice by a retried activity: the same approval, one audit row.
      await activities.recordRunApproval({ runId: run.runId, approverId: finance });
      const [{ n: approvals }] = await db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'redemption_run.approved'`,
        [run.runId],
      );
      expect(approvals).toBe(1);

      // A crash after the bank took a transfer but before our commit: the retry finds the same transfer.
      const [first] = await db.query(
        `SELECT idempotency_key, enterprise_id, amount::text AS amount FROM payouts
          WHERE run_id = $1 AND status = 'computed' AND amount > 0 ORDER BY voucher_id, id LIMIT 1`,
        [run.runId],
      );
      const bank = new SimulatedBank(db);
      const sent = await bank.transfer({
        idempotencyKey: first.idempotency_key,
        payeeId: first.enterprise_id,
        amount: Money.parse(first.amount),
      });
      expect(sent.duplicate).toBe(false);

      // Bank faults: every 4th call refused before anything is recorded. A chunk that already paid something
      // stops and returns; one whose first transfer is refused throws (Temporal would retry it).
      await setFaults(db, { failNext: 1, failEveryNth: 4 });
      let thrown = 0;
      let interrupted = 0;
      let duplicates = 0;
      for (;;) {
        try {
          const r = await activities.disburseRunPayoutsChunk({ runId: run.runId, limit: 50 });
          duplicates += r.duplicates;
          if (r.bankError) interrupted += 1;
          if (r.remaining === 0) break;
        } catch (err) {
          expect((err as Error).name).toBe('BankUnavailableError');
          thrown += 1;
        }
      }
      const failures = thrown + interrupted;
      expect(thrown).toBeGreaterThanOrEqual(1);
      await resetFaults(db);
      expect(failures).toBeGreaterThan(10);
      const [{ references }] = await db.query(
        `SELECT count(*)::int AS references FROM simulated_bank_transfers WHERE idempotency_key = $1`,
        [first.idempotency_key],
      );
      expect(references).toBe(1);
      const [{ n: duplicateAudits }] = await db.query(
        `SELECT count(*)::int AS n FROM audit_log a JOIN payouts p ON a.entity_id = p.id::text
          WHERE p.idempotency_key = $1 AND a.action = 'payout.paid' AND (a.after->>'duplicateTransfer')::boolean`,
        [first.idempotency_key],
      );
      expect(duplicateAudits).toBe(1);
      expect(duplicates).toBeLessThanOrEqual(1);
      const [paidFirst] = await db.query(`SELECT bank_reference FROM payouts WHERE idempotency_key = $1`, [
        first.idempotency_key,
      ]);
      expect(paidFirst.bank_reference).toBe(sent.reference);

      const done = await activities.completeRedemptionRun({ runId: run.runId });
      expect(done.status).toBe('completed');
      expect(await activities.completeRedemptionRun({ runId: run.runId })).toEqual(done);
      // Some vouchers were partly redeemed before the run: check everything but that invariant.
      const broken = await checkInvariants(
        db,
        await enterpriseIdsOfBatch(db, seeded.batch),
        REDEMPTION_INVARIANTS,
      );
      delete broken['redeemed amount = Σ paid payouts per voucher'];
      expect(broken).toEqual({});
    }, 180_000);
  });

  describe('2024 Q4: many chunks across continue-as-new', () => {
    it('completes with small chunks and several continue-as-new executions', async () => {
      const seeded = await seedBulkRedemption(db, {
        runYear: 2024,
        runQuarter: 4,
        enterprises: 8,
        vouchersPerEnterprise: 3,
        claimsPerVoucher: 4,
        seed: 0.5,
      });
      const handle = await client.workflow.start('redemptionRunWorkflow', {
        workflowId: 'redemption-run:beijing-ai-compute-2023:2024-Q4',
        taskQueue: taskQueue(),
        args: [
          {
            programCode: PROGRAM,
            year: 2024,
            quarter: 4,
            computeChunkVouchers: 5,
            disburseChunkPayouts: 9,
            maxChunksPerExecution: 1,
          },
        ],
      });
      const progress = await awaitingApproval(handle);
      expect(progress.claimCount).toBe(seeded.claims);
      const firstRunId = (await handle.describe()).runId;
      expect(firstRunId).not.toBe(handle.firstExecutionRunId);
      await handle.executeUpdate(approveRunUpdate, { args: [{ approverId: finance }] });
      const result = await client.workflow.getHandle(handle.workflowId).result();
      expect(result).toMatchObject({ status: 'completed', claimCount: seeded.claims });
      expect((await handle.describe()).runId).not.toBe(firstRunId);
      expect(
        await checkInvariants(db, await enterpriseIdsOfBatch(db, seeded.batch), REDEMPTION_INVARIANTS),
      ).toEqual({});
    }, 180_000);
  });

  describe('schedules and the scheduled workflow', () => {
    it('ensures one schedule per program at quarter ends in Asia/Shanghai, idempotently', async () => {
      // The dev server is shared by every suite (a worker may have registered it at start-up): start clean.
      await client.schedule
        .getHandle('redemption-schedule:beijing-ai-compute-2023')
        .delete()
        .catch(() => undefined);
      const first = await ensureRedemptionSchedules(client, PROGRAM, taskQueue());
      const second = await ensureRedemptionSchedules(client, PROGRAM, taskQueue());
      try {
        expect(first).toEqual([{ scheduleId: 'redemption-schedule:beijing-ai-compute-2023', created: true }]);
        expect(second).toEqual([
          { scheduleId: 'redemption-schedule:beijing-ai-compute-2023', created: false },
        ]);
        const d = await client.schedule.getHandle(redemptionScheduleId(PROGRAM)).describe();
        expect(d.spec.timezone).toBe('Asia/Shanghai');
        expect(d.spec.calendars).toHaveLength(REDEMPTION_SCHEDULE_SPEC.calendars!.length);
        const days = d.spec.calendars!.map((c) => [c.month[0].start, c.dayOfMonth[0].start, c.hour[0].start]);
        expect(days).toEqual([
          ['MARCH', 31, 18],
          ['JUNE', 30, 18],
          ['SEPTEMBER', 30, 18],
          ['DECEMBER', 31, 18],
        ]);
        expect(d.policies.overlap).toBe('SKIP');
        expect(d.policies.catchupWindow).toBe(7 * 24 * 3600 * 1000);
        expect(d.action).toMatchObject({
          workflowType: 'scheduledRedemptionRunWorkflow',
          taskQueue: taskQueue(),
        });

        // Triggered now: the scheduled workflow runs and derives today's quarter in Shanghai.
        const expected = quarterOf(businessDateOf(new Date()));
        const schedule = client.schedule.getHandle(redemptionScheduleId(PROGRAM));
        await schedule.trigger();
        const started = await eventually(
          async () => {
            const recent = (await schedule.describe()).info.recentActions;
            return recent.length > 0 ? recent[0].action.workflow.workflowId : null;
          },
          'the scheduled action',
          60_000,
        );
        const triggered = client.workflow.getHandle<typeof scheduledRedemptionRunWorkflow>(started);
        const outcome = await triggered.result();
        expect(outcome).toMatchObject({ year: expected.year, quarter: expected.quarter });
        if (outcome.outcome !== 'no-run-this-quarter') {
          // Only when this suite runs while the plan still has runs: leave no run behind.
          await client.workflow.getHandle(outcome.workflowId).terminate('test cleanup');
        }
      } finally {
        await client.schedule.getHandle(redemptionScheduleId(PROGRAM)).delete();
      }
    });

    it('derives the quarter from the scheduled time in Shanghai and runs it as a child, once', async () => {
      // 2026-03-31T16:00Z is 2026-04-01 00:00 in Shanghai: Q2 2026, after the plan's final run.
      const none = await client.workflow.execute<typeof scheduledRedemptionRunWorkflow>(
        'scheduledRedemptionRunWorkflow',
        {
          workflowId: `redemption-scheduled-test-none-${Date.now()}`,
          taskQueue: taskQueue(),
          args: [{ programCode: PROGRAM, scheduledFor: '2026-03-31T16:00:00Z' }],
        },
      );
      expect(none).toEqual({
        outcome: 'no-run-this-quarter',
        year: 2026,
        quarter: 2,
        businessDate: '2026-04-01',
      });

      // 2024-06-30 18:00 Shanghai: the 2024 Q2 run.
      const start = () =>
        client.workflow.start<typeof scheduledRedemptionRunWorkflow>('scheduledRedemptionRunWorkflow', {
          workflowId: `redemption-scheduled-test-${Date.now()}-${Math.random()}`,
          taskQueue: taskQueue(),
          args: [{ programCode: PROGRAM, scheduledFor: '2024-06-30T10:00:00Z' }],
        });
      const parent = await start();
      const child = client.workflow.getHandle('redemption-run:beijing-ai-compute-2023:2024-Q2');
      // Not queryable until the child has started: eventually retries the failed query.
      await eventually(
        async () => (await child.query(runProgressQuery)).status === 'awaiting_approval',
        'the child run',
        60_000,
      );
      // A duplicate trigger (catch-up, a second schedule action) finds the running run.
      const duplicate = await (await start()).result();
      expect(duplicate).toMatchObject({ outcome: 'already-running', year: 2024, quarter: 2 });
      await child.executeUpdate(approveRunUpdate, { args: [{ approverId: finance }] });
      const result = await parent.result();
      expect(result).toMatchObject({
        outcome: 'started',
        workflowId: 'redemption-run:beijing-ai-compute-2023:2024-Q2',
        year: 2024,
        quarter: 2,
        result: { status: 'completed' },
      });
    }, 120_000);
  });
});
