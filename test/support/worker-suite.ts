import fs from 'node:fs';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { resetFaults } from '@app/activities/payment';
import { BEIJING_2023_2025, type Quarter } from '@app/domain';
import { startRedemptionRunByHand } from '@app/temporal';
import { openTestDataSource, seedReference } from './fixtures';
import {
  buildWorker,
  createUser,
  enterpriseIdsOfBatch,
  seedBulkRedemption,
  spawnWorker,
  workerStarted,
  type BulkRedemptionOptions,
  type BulkRedemptionResult,
  type WorkerProcess,
} from './redemption-fixtures';

/** What a suite of real worker processes holds: the database, a Temporal client and every worker it spawned. */
export interface WorkerProcessSuite {
  db: DataSource;
  client: Client;
  workers: WorkerProcess[];
  /** Spawns a worker from the suite's build, remembered so that teardown kills it. */
  spawn(): WorkerProcess;
  /** Starts a worker and, once it polls, the Beijing run of (year, quarter) by hand. */
  startRun(year: number, quarter: Quarter): Promise<{ worker: WorkerProcess; handle: WorkflowHandle }>;
  /**
   * Seeds the claims of a bulk run of `runQuarter` over `enterprises` enterprises (in 2025, three vouchers
   * of four claims each per enterprise, unless `options` say otherwise);
   * answers the seeded enterprises and a finance user to approve it.
   */
  seedRun(
    runQuarter: Quarter,
    enterprises: number,
    options?: Partial<BulkRedemptionOptions>,
  ): Promise<{ seeded: BulkRedemptionResult; enterpriseIds: string[]; finance: string }>;
}

/**
 * Registers the set-up and teardown that every real-process fault suite shares: a private build of the
 * worker, the reference data, the bank's faults cleared, a Temporal client; afterwards every worker still
 * alive is killed and the build removed. `beforeTeardown` releases what the suite itself holds.
 */
export function workerProcessSuite(
  root: string,
  outDir: string,
  options: { env?: Record<string, string>; beforeTeardown?: () => Promise<void> } = {},
): WorkerProcessSuite {
  const suite = { workers: [] as WorkerProcess[] } as WorkerProcessSuite;
  suite.spawn = () => {
    const w = spawnWorker(root, outDir, options.env);
    suite.workers.push(w);
    return w;
  };
  suite.startRun = async (year, quarter) => {
    const worker = suite.spawn();
    await workerStarted(worker);
    const handle = await startRedemptionRunByHand(
      suite.client,
      BEIJING_2023_2025.code,
      year,
      quarter,
      process.env.TEMPORAL_TASK_QUEUE!,
    );
    return { worker, handle };
  };
  suite.seedRun = async (runQuarter, enterprises, seedOptions = {}) => {
    const seeded = await seedBulkRedemption(suite.db, {
      runYear: 2025,
      runQuarter,
      enterprises,
      vouchersPerEnterprise: 3,
      claimsPerVoucher: 4,
      ...seedOptions,
    });
    const enterpriseIds = await enterpriseIdsOfBatch(suite.db, seeded.batch);
    return { seeded, enterpriseIds, finance: await createUser(suite.db, 'finance') };
  };
  beforeAll(async () => {
    buildWorker(root, outDir);
    suite.db = await openTestDataSource();
    await seedReference(suite.db);
    await resetFaults(suite.db);
    suite.client = new Client({
      connection: await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! }),
      namespace: process.env.TEMPORAL_NAMESPACE,
    });
  }, 240_000);
  afterAll(async () => {
    for (const w of suite.workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await options.beforeTeardown?.();
    if (suite.db) await resetFaults(suite.db);
    await suite.client?.connection.close();
    await suite.db?.destroy();
    fs.rmSync(outDir, { recursive: true, force: true });
  });
  return suite;
}
