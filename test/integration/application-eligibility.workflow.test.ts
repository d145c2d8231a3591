import type { INestApplicationContext } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { BEIJING_2023_2025 } from '@app/domain';
import { ApplicationRecord, AuditLogRecord, SupplierRecord } from '@app/persistence';
import { applicationWorkflowId } from '@app/temporal';
import { bootstrapWorker } from '../../apps/worker/src/worker';
import type { ApplicationState } from '../../workflows/application.workflow';
import {
  createContract,
  createEnterprise,
  seedReference,
  openTestDataSource,
  submittedApplicationRow,
} from '../support/fixtures';

/**
 * The first workflow + activity pair on the real Temporal dev server and a real PostgreSQL database:
 * the application workflow's eligibility stage, run by the real worker application.
 */
describe('application workflow: automated eligibility checks (real Temporal + PostgreSQL)', () => {
  let db: DataSource;
  let worker: INestApplicationContext;
  let client: Client;
  let suppliers: Map<string, SupplierRecord>;

  beforeAll(async () => {
    db = await openTestDataSource();
    suppliers = await seedReference(db);
    worker = await bootstrapWorker();
    client = new Client({
      connection: await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! }),
      namespace: process.env.TEMPORAL_NAMESPACE,
    });
  });

  afterAll(async () => {
    await client?.connection.close();
    await worker?.close();
    await db?.destroy();
  });

  async function submit(enterpriseId: string, contractId: string, submittedOn: string) {
    const app = await db
      .getRepository(ApplicationRecord)
      .save(submittedApplicationRow(enterpriseId, contractId, submittedOn));
    const workflowId = applicationWorkflowId(app.id);
    await db.getRepository(ApplicationRecord).update(app.id, { workflowId });
    const handle = await client.workflow.start('applicationWorkflow', {
      workflowId,
      taskQueue: process.env.TEMPORAL_TASK_QUEUE!,
      args: [{ applicationId: app.id, programCode: BEIJING_2023_2025.code }],
    });
    // The checks are the workflow's first stage; wait until it has moved past them.
    for (let i = 0; i < 200; i++) {
      const state = await handle.query<ApplicationState>('state');
      if (state.phase !== 'submitted' && state.eligibility) return state.eligibility;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('eligibility checks did not finish');
  }

  it('passes an eligible application to review with the face value pro rata past 2025-12-31', async () => {
    const enterprise = await createEnterprise(db);
    // 2025-07-01 … 2026-06-30: 365 days, 184 inside the plan; compute 1,000,000 + storage 50,000 (excluded).
    const contract = await createContract(db, {
      enterpriseId: enterprise.id,
      supplierId: suppliers.get('baidu')!.id,
      signedOn: '2025-06-20',
      startDate: '2025-07-01',
      endDate: '2026-06-30',
      lines: [
        { serviceKind: 'intelligent_compute', amount: '1000000.00' },
        { serviceKind: 'storage', amount: '50000.00' },
      ],
    });

    const outcome = await submit(enterprise.id, contract.id, '2025-06-25');

    expect(outcome.eligible).toBe(true);
    expect(outcome.failures).toEqual([]);
    // 1,000,000 × 184 / 365 = 504,109.589… → 504,109.58; × 20% = 100,821.916 → 100,821.91
    expect(outcome.eligibleAmount).toBe('504109.58');
    expect(outcome.quotedFaceValue).toBe('100821.91');
    const row = await db.getRepository(ApplicationRecord).findOneByOrFail({ contractId: contract.id });
    expect(row.status).toBe('in_review');
    expect(row.eligibleDays).toBe(184);
    expect(row.contractDays).toBe(365);
    const audit = await db
      .getRepository(AuditLogRecord)
      .findBy({ entityId: row.id, action: 'application.checked' });
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ status: 'in_review', quotedFaceValue: '100821.91' });
    // The checks and the first review task are one step: the task is there with the status.
    const tasks = await db.query(
      `SELECT kind, status, candidate_role, quoted_face_value::text AS face FROM review_tasks WHERE application_id = $1`,
      [row.id],
    );
    expect(tasks).toEqual([
      { kind: 'review', status: 'open', candidate_role: 'reviewer', face: '100821.91' },
    ]);
    const history = await client.workflow.getHandle(row.workflowId).fetchHistory();
    const scheduled = (history.events ?? [])
      .map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name)
      .filter(Boolean);
    expect(scheduled).not.toContain('runEligibilityChecks');
    expect(scheduled).not.toContain('openReviewTask');
  });

  it('refuses with reason codes: related-party supplier and a contract signed before 2023-09-01', async () => {
    const enterprise = await createEnterprise(db);
    const supplier = suppliers.get('kingsoft-cloud')!;
    await db.query(
      `INSERT INTO related_party_links (enterprise_id, supplier_id, description) VALUES ($1, $2, '同一控股股东')`,
      [enterprise.id, supplier.id],
    );
    const contract = await createContract(db, {
      enterpriseId: enterprise.id,
      supplierId: supplier.id,
      signedOn: '2023-08-31',
      startDate: '2023-09-01',
      endDate: '2024-08-31',
      lines: [{ serviceKind: 'intelligent_compute', amount: '300000.00' }],
    });

    const outcome = await submit(enterprise.id, contract.id, '2023-09-05');

    expect(outcome.eligible).toBe(false);
    expect(outcome.failures.map((f) => f.code).sort()).toEqual([
      'CONTRACT_SIGNED_BEFORE_WINDOW',
      'SUPPLIER_RELATED_PARTY',
    ]);
    const row = await db.getRepository(ApplicationRecord).findOneByOrFail({ contractId: contract.id });
    expect(row.status).toBe('refused');
    expect(row.quotedFaceValue).toBeNull();
    expect(await db.query(`SELECT id FROM review_tasks WHERE application_id = $1`, [row.id])).toEqual([]);
  });

  it('a second start with the same workflow id is refused while the first is known (no double processing)', async () => {
    const enterprise = await createEnterprise(db);
    const contract = await createContract(db, {
      enterpriseId: enterprise.id,
      supplierId: suppliers.get('alibaba-cloud')!.id,
      signedOn: '2024-03-01',
      startDate: '2024-03-01',
      endDate: '2024-08-31',
      lines: [{ serviceKind: 'intelligent_compute', amount: '120000.00' }],
    });
    await submit(enterprise.id, contract.id, '2024-03-02');
    const row = await db.getRepository(ApplicationRecord).findOneByOrFail({ contractId: contract.id });
    await expect(
      client.workflow.start('applicationWorkflow', {
        workflowId: row.workflowId,
        taskQueue: process.env.TEMPORAL_TASK_QUEUE!,
        args: [{ applicationId: row.id, programCode: BEIJING_2023_2025.code }],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      }),
    ).rejects.toThrow(/already/i);
    expect(
      await db.getRepository(AuditLogRecord).countBy({ entityId: row.id, action: 'application.checked' }),
    ).toBe(1);
  });
});
