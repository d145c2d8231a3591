import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Money } from '@app/domain';
import {
  AUDIT_TRAILS,
  AuditLogRecord,
  ContractRecord,
  YearlyCapLedgerRecord,
  appendAudit,
  auditTrailSql,
} from '@app/persistence';
import { createContract, createEnterprise, seedReference, openTestDataSource } from '../support/fixtures';

describe('persistence on a fresh, migrated PostgreSQL database', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await openTestDataSource();
    await seedReference(db);
  });

  afterAll(async () => db?.destroy());

  it('runs on its own database with every migration applied and synchronize off', async () => {
    const [{ current_database }] = await db.query('SELECT current_database()');
    expect(current_database).toMatch(/^cv_test_/);
    expect(db.options.synchronize).toBe(false);
    expect(await db.showMigrations()).toBe(false); // nothing pending
  });

  it('round-trips numeric money exactly through the decimal.js transformer', async () => {
    const suppliers = await seedReference(db);
    const enterprise = await createEnterprise(db);
    const contract = await createContract(db, {
      enterpriseId: enterprise.id,
      supplierId: suppliers.get('baidu')!.id,
      signedOn: '2024-01-02',
      startDate: '2024-01-02',
      endDate: '2024-12-31',
      lines: [
        { serviceKind: 'intelligent_compute', amount: '9999999999.99' },
        { serviceKind: 'network', amount: '0.01' },
      ],
    });
    const loaded = await db.getRepository(ContractRecord).findOneOrFail({
      where: { id: contract.id },
      relations: { lines: true },
    });
    expect(loaded.totalAmount).toBeInstanceOf(Money);
    expect(loaded.totalAmount.toString()).toBe('10000000000.00');
    expect(loaded.lines.map((l) => l.amount.toString()).sort()).toEqual(['0.01', '9999999999.99']);
  });

  it('the yearly cap ledger refuses to go above its cap, even by one fen', async () => {
    const enterprise = await createEnterprise(db);
    await db.getRepository(YearlyCapLedgerRecord).insert({
      programCode: 'beijing-ai-compute-2023',
      enterpriseId: enterprise.id,
      year: 2024,
      cap: Money.parse('2000000.00'),
      issued: Money.parse('1999999.99'),
    });
    await expect(
      db.query(
        `UPDATE yearly_cap_ledger SET issued = issued + 0.02 WHERE enterprise_id = $1 AND year = 2024`,
        [enterprise.id],
      ),
    ).rejects.toThrow(/ck_ledger_within_cap/);
    await db.query(
      `UPDATE yearly_cap_ledger SET issued = issued + 0.01 WHERE enterprise_id = $1 AND year = 2024`,
      [enterprise.id],
    );
    const row = await db
      .getRepository(YearlyCapLedgerRecord)
      .findOneByOrFail({ enterpriseId: enterprise.id });
    expect(row.issued.toString()).toBe('2000000.00');
  });

  it('keeps the audit log append-only', async () => {
    await appendAudit(db.manager, 'test', 'probe', ['test', 'probe-1'], { after: { ok: true } });
    const { id } = await db.getRepository(AuditLogRecord).findOneByOrFail({ entityId: 'probe-1' });
    await expect(db.query(`UPDATE audit_log SET actor = 'forged' WHERE id = $1`, [id])).rejects.toThrow(
      /append-only/,
    );
    await expect(db.query(`DELETE FROM audit_log WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
    const [row] = await db.query(`SELECT actor FROM audit_log WHERE id = $1`, [id]);
    expect(row.actor).toBe('test');
  });

  it("an entity's page reads its trail by index, never the whole audit log", async () => {
    // Other entities' rows, as a year of runs leaves them (a run writes one per claim).
    await db.query(
      `INSERT INTO audit_log (actor, action, entity_type, entity_id, after)
       SELECT 'system:test', 'bulk', (ARRAY['voucher', 'pool_voucher', 'application', 'debarment'])[1 + g % 4],
              gen_random_uuid()::text,
              jsonb_build_object('applicationId', gen_random_uuid()::text, 'findingId', gen_random_uuid()::text)
         FROM generate_series(1, 60000) g`,
    );
    const applicationId = randomUUID();
    await appendAudit(db.manager, 'system:test', 'application.submitted', ['application', applicationId]);
    await appendAudit(db.manager, 'system:test', 'voucher.issued', ['voucher', randomUUID()], {
      after: { applicationId },
    });
    await appendAudit(db.manager, 'system:test', 'voucher.issued', ['voucher', randomUUID()], {
      after: { applicationId: randomUUID() },
    });
    await db.query('ANALYZE audit_log');

    type PlanNode = {
      'Node Type': string;
      'Relation Name'?: string;
      Plans?: PlanNode[];
    };
    const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
    for (const entity of Object.keys(AUDIT_TRAILS) as (keyof typeof AUDIT_TRAILS)[]) {
      const [{ 'QUERY PLAN': explained }] = (await db.query(
        `EXPLAIN (FORMAT JSON) ${auditTrailSql(entity)}`,
        [randomUUID()],
      )) as { 'QUERY PLAN': { Plan: PlanNode }[] }[];
      const plan = nodes(explained[0].Plan);
      expect(plan.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'audit_log')).toEqual(
        [],
      );
    }
    const trail = (await db.query(auditTrailSql('application'), [applicationId])) as { action: string }[];
    expect(trail.map((r) => r.action)).toEqual(['application.submitted', 'voucher.issued']);
  });
});
