import {
  ApplicationFailure,
  Client,
  WorkflowUpdateFailedError,
  type WorkflowHandle,
} from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { BEIJING_2023_2025 } from '@app/domain';
import { ApplicationRecord } from '@app/persistence';
import { applicationWorkflowId, startRedemptionRunByHand } from '@app/temporal';
import type { ApplicationState, ReviewDecision } from '../../workflows/application.workflow';
import type { RedemptionRunResult, RunProgress } from '../../workflows/redemption-run.workflow';
import { createContract, createEnterprise, submittedApplicationRow } from '../../test/support/fixtures';
import { createUser, enterpriseIdsOfBatch, seedBulkRedemption } from '../../test/support/redemption-fixtures';

/*
 * The three flows the crash suite breaks: an application's path (submission → review, a supplement round,
 * a second approval → issuance), concurrent issuance against one enterprise's yearly cap, and a redemption
 * run (compute → approval → disbursement). Each drives the system the way the API does (rows written, the
 * workflow started with USE_EXISTING, decisions as Updates) and retries every step while a fault lasts:
 * a user pressing the button again. What a step did before the fault is found in the workflow's state, so a
 * retry never decides twice.
 */

export interface FlowContext {
  db: DataSource;
  client: Client;
  taskQueue: string;
  /** The flow gives up (and the trial fails) after this time. */
  deadline: number;
  /** Transient errors seen and retried (for the report). */
  retries: { n: number };
}

export interface FlowOutcome {
  /** The enterprises the flow touched: the invariants' scope. */
  enterpriseIds: string[];
  applications: number;
  issued: number;
  claimsPaid: number;
  /** Failures of expectations specific to the flow (empty = pass). */
  problems: string[];
}

/**
 * An application whose voucher was issued: 'issued', or 'closed' once the voucher's life ended — which a
 * Beijing 2023–25 voucher's does at once on today's real date, past the program's final run (it expires).
 */
const ISSUED = new Set<string>(['issued', 'closed']);

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `step` until it succeeds; any error is taken as the fault still lasting. */
async function retrying<T>(ctx: FlowContext, what: string, step: () => Promise<T>): Promise<T> {
  let last: unknown;
  while (Date.now() < ctx.deadline) {
    try {
      return await step();
    } catch (err) {
      last = err;
      ctx.retries.n += 1;
      await pause(250);
    }
  }
  throw new Error(`${what}: gave up (${last instanceof Error ? last.message : String(last)})`);
}

/** The domain code of an Update's refusal (the failure's type, workflows/refusal.ts), or null for other errors. */
function refusalCode(err: unknown): string | null {
  if (!(err instanceof WorkflowUpdateFailedError)) return null;
  return err.cause instanceof ApplicationFailure ? (err.cause.type ?? null) : null;
}

interface Reviewers {
  reviewer: string;
  senior: string;
}

async function submitApplication(
  ctx: FlowContext,
  enterpriseId: string,
  contractId: string,
  submittedOn: string,
): Promise<WorkflowHandle> {
  const app = await retrying(ctx, 'record the application', () =>
    ctx.db
      .getRepository(ApplicationRecord)
      .save(submittedApplicationRow(enterpriseId, contractId, submittedOn)),
  );
  const workflowId = applicationWorkflowId(app.id);
  await retrying(ctx, 'name the workflow', () =>
    ctx.db.getRepository(ApplicationRecord).update(app.id, { workflowId }),
  );
  // As the API starts it: a second start after a lost reply finds the running workflow.
  return retrying(ctx, 'start the application workflow', () =>
    ctx.client.workflow.start('applicationWorkflow', {
      workflowId,
      taskQueue: ctx.taskQueue,
      args: [
        {
          applicationId: app.id,
          programCode: BEIJING_2023_2025.code,
          reviewDueMs: 3_600_000,
          secondApprovalThreshold: '500000.00',
        },
      ],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    }),
  );
}

/**
 * Walks one application to its end: approves each open task (asking once for supplementary material in
 * round 1 when `supplement`), resubmits when asked; returns the workflow's final phase.
 */
async function driveApplication(
  ctx: FlowContext,
  handle: WorkflowHandle,
  who: Reviewers,
  supplement: boolean,
): Promise<ApplicationState['phase']> {
  for (;;) {
    const state = await retrying(ctx, 'query the application', () => handle.query<ApplicationState>('state'));
    if (['issued', 'refused', 'rejected', 'closed'].includes(state.phase)) return state.phase;
    if (Date.now() > ctx.deadline) throw new Error(`application stuck in ${state.phase}`);
    try {
      if ((state.phase === 'review' || state.phase === 'second_approval') && state.openTask) {
        const askSupplement = supplement && state.phase === 'review' && state.round === 1;
        const decision: ReviewDecision = {
          taskId: state.openTask.taskId,
          reviewerId: state.phase === 'review' ? who.reviewer : who.senior,
          decision: askSupplement ? 'request_supplement' : 'approve',
          reason: askSupplement ? '请补充发票与交付证明' : null,
        };
        await handle.executeUpdate('decide', { args: [decision] });
      } else if (state.phase === 'supplement') {
        await handle.executeUpdate('resubmit', { args: [{ userId: who.reviewer, note: '已补充' }] });
      } else {
        await pause(100);
      }
    } catch (err) {
      // A refusal means the step already happened (a retry after a lost reply): read the state again.
      if (!refusalCode(err)) ctx.retries.n += 1;
      await pause(150);
    }
  }
}

async function newReviewers(ctx: FlowContext): Promise<Reviewers> {
  return {
    reviewer: await retrying(ctx, 'reviewer', () => createUser(ctx.db, 'reviewer')),
    senior: await retrying(ctx, 'senior', () => createUser(ctx.db, 'senior_reviewer')),
  };
}

/**
 * Three applications of three enterprises at once: a plain one (face 100,821.91), one through a supplement
 * round, and one above the second-approval threshold (face 600,000.00). All must end issued.
 */
export async function applicationFlow(ctx: FlowContext, suppliers: string[]): Promise<FlowOutcome> {
  const who = await newReviewers(ctx);
  const specs = [
    { amount: '1000000.00', start: '2025-07-01', end: '2026-06-30', supplement: false, face: '100821.91' },
    { amount: '500000.00', start: '2025-01-01', end: '2025-12-31', supplement: true, face: '100000.00' },
    { amount: '3000000.00', start: '2025-01-01', end: '2025-12-31', supplement: false, face: '600000.00' },
  ];
  const enterpriseIds: string[] = [];
  const runs = specs.map(async (s, i) => {
    const enterprise = await retrying(ctx, 'enterprise', () => createEnterprise(ctx.db));
    enterpriseIds.push(enterprise.id);
    const contract = await retrying(ctx, 'contract', () =>
      createContract(ctx.db, {
        enterpriseId: enterprise.id,
        supplierId: suppliers[i % suppliers.length],
        signedOn: s.start < '2025-06-20' ? '2024-12-20' : '2025-06-20',
        startDate: s.start,
        endDate: s.end,
        lines: [{ serviceKind: 'intelligent_compute', amount: s.amount }],
      }),
    );
    const handle = await submitApplication(
      ctx,
      enterprise.id,
      contract.id,
      s.start < '2025-06-20' ? '2024-12-25' : '2025-06-25',
    );
    const phase = await driveApplication(ctx, handle, who, s.supplement);
    return { phase, handle, face: s.face };
  });
  const ends = await Promise.all(runs);
  const problems: string[] = [];
  for (const [i, e] of ends.entries()) {
    if (!ISSUED.has(e.phase)) problems.push(`application ${i + 1} ended ${e.phase}, expected issued`);
  }
  const faces = (await retrying(ctx, 'read the vouchers', () =>
    ctx.db.query(
      `SELECT face_value::text AS face FROM vouchers WHERE enterprise_id = ANY($1::uuid[]) ORDER BY face_value`,
      [enterpriseIds],
    ),
  )) as { face: string }[];
  const expected = specs.map((s) => s.face).sort((a, b) => Number(a) - Number(b));
  if (faces.map((f) => f.face).join(',') !== expected.join(','))
    problems.push(`voucher faces ${faces.map((f) => f.face).join(',')}, expected ${expected.join(',')}`);
  return {
    enterpriseIds,
    applications: specs.length,
    issued: ends.filter((e) => ISSUED.has(e.phase)).length,
    claimsPaid: 0,
    problems,
  };
}

/**
 * Six applications of one enterprise approved at once, each quoted 450,000.00 against its 2,000,000.00
 * yearly cap: the cap is met exactly (four whole, one cut to 200,000.00, one refused), never passed.
 */
export async function concurrentIssuanceFlow(ctx: FlowContext, suppliers: string[]): Promise<FlowOutcome> {
  const who = await newReviewers(ctx);
  const enterprise = await retrying(ctx, 'enterprise', () => createEnterprise(ctx.db));
  const runs = Array.from({ length: 6 }, async (_, i) => {
    const contract = await retrying(ctx, 'contract', () =>
      createContract(ctx.db, {
        enterpriseId: enterprise.id,
        supplierId: suppliers[i % suppliers.length],
        signedOn: '2024-12-20',
        startDate: '2025-01-01',
        endDate: '2025-12-31',
        lines: [{ serviceKind: 'intelligent_compute', amount: '2250000.00' }],
      }),
    );
    const handle = await submitApplication(ctx, enterprise.id, contract.id, '2024-12-25');
    return driveApplication(ctx, handle, who, false);
  });
  const phases = await Promise.all(runs);
  const problems: string[] = [];
  const [{ total, n }] = (await retrying(ctx, 'read the vouchers', () =>
    ctx.db.query(
      `SELECT coalesce(sum(face_value), 0)::text AS total, count(*)::int AS n FROM vouchers WHERE enterprise_id = $1`,
      [enterprise.id],
    ),
  )) as { total: string; n: number }[];
  if (total !== '2000000.00')
    problems.push(`Σ face issued ${total}, expected the cap 2000000.00 met exactly`);
  const issued = phases.filter((p) => ISSUED.has(p)).length;
  if (issued !== 5 || n !== 5) problems.push(`${issued} issued (${n} vouchers), expected 5`);
  if (phases.filter((p) => p === 'refused').length !== 1) problems.push(`phases ${phases.join(',')}`);
  return { enterpriseIds: [enterprise.id], applications: 6, issued, claimsPaid: 0, problems };
}

/** A 2025-Q3 run over 8 enterprises × 2 vouchers × 4 claims: computed, approved by finance, disbursed. */
export async function redemptionFlow(ctx: FlowContext, seed: number): Promise<FlowOutcome> {
  const seeded = await retrying(ctx, 'seed claims', () =>
    seedBulkRedemption(ctx.db, {
      runYear: 2025,
      runQuarter: 3,
      enterprises: 8,
      vouchersPerEnterprise: 2,
      claimsPerVoucher: 4,
      seed,
    }),
  );
  const enterpriseIds = await retrying(ctx, 'enterprises', () => enterpriseIdsOfBatch(ctx.db, seeded.batch));
  const finance = await retrying(ctx, 'finance user', () => createUser(ctx.db, 'finance'));
  const handle = await retrying(ctx, 'start the run', () =>
    startRedemptionRunByHand(ctx.client, BEIJING_2023_2025.code, 2025, 3, ctx.taskQueue),
  );
  for (;;) {
    const p = await retrying(ctx, 'query the run', () => handle.query<RunProgress>('runProgress'));
    if (p.status !== 'opening' && p.status !== 'computing' && p.status !== 'awaiting_approval') break;
    if (p.status === 'awaiting_approval') {
      try {
        await handle.executeUpdate('approveRun', { args: [{ approverId: finance }] });
        break;
      } catch (err) {
        const code = refusalCode(err);
        if (code === 'RUN_ALREADY_APPROVED' || code === 'RUN_NOT_AWAITING_APPROVAL') break;
        ctx.retries.n += 1;
      }
    }
    if (Date.now() > ctx.deadline) throw new Error(`run stuck in ${p.status}`);
    await pause(150);
  }
  const result = await retrying(
    ctx,
    'the run result',
    () => ctx.client.workflow.getHandle(handle.workflowId).result() as Promise<RedemptionRunResult>,
  );
  const problems: string[] = [];
  if (result.status !== 'completed') problems.push(`run ended ${result.status}`);
  if (result.claimCount !== seeded.claims)
    problems.push(`run counted ${result.claimCount} of ${seeded.claims} claims`);
  const [{ paid }] = (await retrying(ctx, 'paid claims', () =>
    ctx.db.query(
      `SELECT count(*)::int AS paid FROM redemption_claims WHERE enterprise_id = ANY($1::uuid[]) AND status = 'paid'`,
      [enterpriseIds],
    ),
  )) as { paid: number }[];
  if (paid !== seeded.claims) problems.push(`${paid} of ${seeded.claims} claims paid`);
  return { enterpriseIds, applications: 0, issued: 0, claimsPaid: paid, problems };
}
