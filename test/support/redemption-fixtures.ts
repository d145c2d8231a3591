import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { BEIJING_2023_2025, Money, quarterStartDate, redemptionRunKey, type Quarter } from '@app/domain';

/*
 * Redemption fixtures written straight in SQL, fast enough for 50,000 claims (generate_series into temp
 * tables, then one INSERT … SELECT per table). Everything a run needs is consistent: enterprises, partner
 * suppliers (seeded reference data), contracts with an intelligent-compute line, issued applications,
 * vouchers, the yearly cap ledger (issued = Σ face per enterprise, program and year), confirmed
 * settlements, and pending claims assigned to the given run. Used by the integration tests and by
 * scripts/bench-redemption.ts.
 */

export type Db = DataSource | EntityManager;

const ALNUM = 'ABCDEFGHJKLMNPQRTUWXY0123456789';

/** Six characters that keep credit codes, contract and invoice numbers of one seeding unique. */
export function newBatchTag(): string {
  return [...randomBytes(6)].map((b) => ALNUM[b % ALNUM.length]).join('');
}

/** An active user (reviewers confirm settlements; finance approves runs). */
export async function createUser(
  db: Db,
  role: 'finance' | 'admin' | 'reviewer' | 'senior_reviewer',
  label: string = role,
): Promise<string> {
  const tag = newBatchTag().toLowerCase();
  const [row] = (await db.query(
    `INSERT INTO users (email, display_name, password_hash, role)
     VALUES ($1, $2, 'fixture-no-login', $3) RETURNING id`,
    [`${label}.${tag}@bureau.example.cn`, `${label} ${tag}`, role],
  )) as { id: string }[];
  return row.id;
}

async function supplierIds(db: Db): Promise<string[]> {
  const rows = (await db.query(`SELECT id FROM suppliers WHERE is_partner ORDER BY code`)) as {
    id: string;
  }[];
  if (rows.length === 0) throw new Error('no partner suppliers: seed the reference data first');
  return rows.map((r) => r.id);
}

export interface BulkRedemptionOptions {
  programCode?: string;
  runYear: number;
  runQuarter: Quarter;
  enterprises: number;
  vouchersPerEnterprise: number;
  claimsPerVoucher: number;
  /** Share of claims that are next-year-Q1 rollovers (only for a Q1 run). Default 0.1 for Q1. */
  rolledOverShare?: number;
  /** Share of vouchers already partly redeemed before the run (their redeemed amount has no payouts). */
  preRedeemedShare?: number;
  /** For PostgreSQL's random() (-1 … 1): the same seed gives the same amounts. */
  seed?: number;
}

/** Vouchers of `enterprises` enterprises, each with one claim in the Beijing 2025 Q2 run (the API's suites). */
export function seedQ2Claims(db: DataSource, enterprises: number, vouchersPerEnterprise: number) {
  return seedBulkRedemption(db, {
    runYear: 2025,
    runQuarter: 2,
    enterprises,
    vouchersPerEnterprise,
    claimsPerVoucher: 1,
  });
}

export interface BulkRedemptionResult {
  batch: string;
  enterprises: number;
  vouchers: number;
  claims: number;
}

/**
 * Seeds enterprises × vouchers × claims pending for (program, runYear, runQuarter). Face values keep each
 * enterprise within its 2,000,000 yearly cap; claim amounts are drawn so that about a third of vouchers
 * receive more claims than their balance covers.
 */
export async function seedBulkRedemption(
  db: DataSource,
  options: BulkRedemptionOptions,
): Promise<BulkRedemptionResult> {
  const programCode = options.programCode ?? BEIJING_2023_2025.code;
  const { runYear, runQuarter, enterprises, vouchersPerEnterprise: V, claimsPerVoucher: C } = options;
  const rolled = runQuarter === 1 ? (options.rolledOverShare ?? 0.1) : 0;
  const preRedeemed = options.preRedeemedShare ?? 0;
  const batch = newBatchTag();
  const qs = quarterStartDate(runYear, runQuarter);
  const maxFace = Math.min(200000, Math.floor(2000000 / V));
  const suppliers = await supplierIds(db);

  await db.transaction(async (tx) => {
    const confirmer = await createUser(tx, 'reviewer', 'fixture-confirmer');
    await tx.query(`SELECT setseed($1::float8)`, [options.seed ?? 0.42]);
    await tx.query(
      `CREATE TEMP TABLE fx_ent ON COMMIT DROP AS
         SELECT gen_random_uuid() AS id, i FROM generate_series(1, $1::int) i`,
      [enterprises],
    );
    await tx.query(
      `INSERT INTO enterprises (id, name, credit_code, registration_region, independent_legal_person, industry,
                                ai_direction_aligned, sound_financial_management, contact_email)
       SELECT id, '批量兑付测试企业 ' || $1::text || '-' || i, '91' || $1::text || lpad(i::text, 10, '0'), 'beijing', true,
              'software_information_services', true, true, 'finance.' || i || '.' || lower($1::text) || '@bulk.example.cn'
         FROM fx_ent`,
      [batch],
    );
    // Contracts start 10 months before the run quarter, one year long: every delivery falls inside.
    await tx.query(
      `CREATE TEMP TABLE fx_v ON COMMIT DROP AS
         SELECT gen_random_uuid() AS voucher_id, gen_random_uuid() AS contract_id,
                gen_random_uuid() AS application_id, e.id AS enterprise_id,
                ($1::uuid[])[1 + ((e.i * 7 + j) % cardinality($1::uuid[]))] AS supplier_id,
                (e.i - 1) * $2::int + j AS n,
                round(($3::numeric * (0.1 + 0.9 * random()::numeric)), 2) AS face,
                random() AS r,
                ($4::date - interval '10 months')::date AS start_date
           FROM fx_ent e, generate_series(1, $2::int) j`,
      [suppliers, V, maxFace, qs],
    );
    await tx.query(
      `INSERT INTO contracts (id, enterprise_id, supplier_id, contract_number, signed_on, start_date, end_date,
                              total_amount, application_domain)
       SELECT contract_id, enterprise_id, supplier_id, 'BULK-' || $1::text || '-' || n, start_date - 5, start_date,
              (start_date + interval '1 year' - interval '1 day')::date, face * 5, 'medical'
         FROM fx_v`,
      [batch],
    );
    await tx.query(
      `INSERT INTO contract_lines (contract_id, service_kind, amount, description)
       SELECT contract_id, 'intelligent_compute', face * 5, '智能算力租赁' FROM fx_v`,
    );
    await tx.query(
      `INSERT INTO applications (id, program_code, program_version, enterprise_id, contract_id, status, eligible_amount,
                                 eligible_days, contract_days, quoted_face_value, face_value, workflow_id,
                                 submitted_on, decided_at)
       SELECT application_id, $1, 1, enterprise_id, contract_id, 'issued', face * 5, 365, 365, face, face,
              'application:' || application_id, start_date, now()
         FROM fx_v`,
      [programCode],
    );
    await tx.query(
      `INSERT INTO vouchers (id, application_id, program_code, program_version, enterprise_id, contract_id, face_value,
                             redeemed_amount, cap_year, status, issued_on)
       SELECT voucher_id, application_id, $1, 1, enterprise_id, contract_id, face,
              CASE WHEN r < $2::float8 THEN trunc(face * (r / $2::float8)::numeric * 0.5, 2) ELSE 0 END,
              extract(year FROM start_date + 10)::int, 'active', start_date + 10
         FROM fx_v`,
      [programCode, preRedeemed],
    );
    await tx.query(
      `INSERT INTO yearly_cap_ledger (program_code, enterprise_id, year, cap, issued)
       SELECT $1, enterprise_id, extract(year FROM start_date + 10)::int, 2000000, sum(face)
         FROM fx_v GROUP BY enterprise_id, extract(year FROM start_date + 10)
       ON CONFLICT (program_code, enterprise_id, year)
       DO UPDATE SET issued = yearly_cap_ledger.issued + EXCLUDED.issued`,
      [programCode],
    );
    // Σ uncapped per voucher ≈ face × U(0.3 … 1.5) on average 0.9: many vouchers are capped somewhere.
    await tx.query(
      `CREATE TEMP TABLE fx_c ON COMMIT DROP AS
         SELECT gen_random_uuid() AS claim_id, gen_random_uuid() AS settlement_id, v.voucher_id, v.contract_id,
                v.enterprise_id, v.supplier_id, (v.n - 1) * $1::int + k AS n,
                round(v.face * 5 / $1::int * (0.3 + 1.2 * random()::numeric), 2) AS amount,
                random() < $2::float8 AS rolled_over, (random() * 30)::int AS d1, 1 + (random() * 9)::int AS d2,
                (random() * 45)::int AS d3
           FROM fx_v v, generate_series(1, $1::int) k`,
      [C, rolled],
    );
    await tx.query(`ALTER TABLE fx_c ADD COLUMN delivered_on date, ADD COLUMN claimed_on date`);
    await tx.query(
      `UPDATE fx_c SET
         delivered_on = CASE WHEN rolled_over THEN make_date($1::int - 1, 11, 16) + d3 ELSE $2::date + d1 END,
         claimed_on = CASE WHEN rolled_over THEN $2::date + d1 ELSE $2::date + d1 + d2 END`,
      [runYear, qs],
    );
    await tx.query(
      `INSERT INTO settlements (id, contract_id, supplier_id, enterprise_id, period_start, period_end, amount,
                                invoice_number, invoice_date, confirmed_by)
       SELECT settlement_id, contract_id, supplier_id, enterprise_id, delivered_on - 29, delivered_on,
              greatest(amount, 0.01), 'INV-' || $1::text || '-' || n, delivered_on, $2
         FROM fx_c`,
      [batch, confirmer],
    );
    await tx.query(
      `INSERT INTO redemption_claims (id, voucher_id, settlement_id, enterprise_id, program_code, claimed_on,
                                      delivered_on, invoiced_eligible_amount, run_year, run_quarter, rolled_over,
                                      assignment_reason, status)
       SELECT claim_id, voucher_id, settlement_id, enterprise_id, $1, claimed_on, delivered_on,
              greatest(amount, 0.01), $2, $3, rolled_over,
              CASE WHEN rolled_over THEN 'DELIVERED_AFTER_CUTOFF' ELSE 'IN_QUARTER' END, 'pending'
         FROM fx_c`,
      [programCode, runYear, runQuarter],
    );
  });
  return { batch, enterprises, vouchers: enterprises * V, claims: enterprises * V * C };
}

export interface ClaimSpec {
  /** Invoiced eligible amount. */
  amount: string;
  claimedOn: string;
  deliveredOn: string;
  runYear: number;
  runQuarter: Quarter;
  rolledOver?: boolean;
  assignmentReason?: string;
}

export interface VoucherSpec {
  programCode?: string;
  /** Reuse an enterprise (several vouchers, shared yearly cap); a new one when absent. */
  enterpriseId?: string;
  supplierCode?: string;
  faceValue: string;
  /** Already redeemed before the run (not backed by payouts). */
  redeemedAmount?: string;
  issuedOn: string;
  claims: ClaimSpec[];
}

export interface SeededVoucher {
  enterpriseId: string;
  voucherId: string;
  contractId: string;
  claimIds: string[];
}

/** One voucher (and what it hangs on) with explicit claims: for scenarios with hand-checked amounts. */
export async function seedVoucherWithClaims(db: DataSource, spec: VoucherSpec): Promise<SeededVoucher> {
  const programCode = spec.programCode ?? BEIJING_2023_2025.code;
  const tag = newBatchTag();
  const face = Money.parse(spec.faceValue);
  const contractAmount = face.timesRate('5');
  const capYear = Number(spec.issuedOn.slice(0, 4));
  return db.transaction(async (tx) => {
    const confirmer = await createUser(tx, 'reviewer', 'fixture-confirmer');
    let enterpriseId = spec.enterpriseId;
    if (!enterpriseId) {
      const [e] = (await tx.query(
        `INSERT INTO enterprises (name, credit_code, registration_region, independent_legal_person, industry,
                                  ai_direction_aligned, sound_financial_management, contact_email)
         VALUES ($1, $2, 'beijing', true, 'software_information_services', true, true, $3) RETURNING id`,
        [`兑付测试企业 ${tag}`, `91110108${tag}0000`, `finance.${tag.toLowerCase()}@enterprise.example.cn`],
      )) as { id: string }[];
      enterpriseId = e.id;
    }
    const [s] = (await tx.query(`SELECT id FROM suppliers WHERE code = $1`, [
      spec.supplierCode ?? 'baidu',
    ])) as {
      id: string;
    }[];
    const start = spec.issuedOn;
    const [c] = (await tx.query(
      `INSERT INTO contracts (enterprise_id, supplier_id, contract_number, signed_on, start_date, end_date,
                              total_amount, application_domain)
       VALUES ($1, $2, $3, $4::date - 5, $4::date, ($4::date + interval '1 year' - interval '1 day')::date, $5,
               'medical')
       RETURNING id`,
      [enterpriseId, s.id, `HT-${tag}`, start, contractAmount.toString()],
    )) as { id: string }[];
    await tx.query(
      `INSERT INTO contract_lines (contract_id, service_kind, amount) VALUES ($1, 'intelligent_compute', $2)`,
      [c.id, contractAmount.toString()],
    );
    const [a] = (await tx.query(
      `INSERT INTO applications (program_code, program_version, enterprise_id, contract_id, status, eligible_amount,
                                 quoted_face_value, face_value, workflow_id, submitted_on, decided_at)
       VALUES ($1, 1, $2, $3, 'issued', $4, $5, $5, 'application:fixture', $6, now()) RETURNING id`,
      [programCode, enterpriseId, c.id, contractAmount.toString(), face.toString(), start],
    )) as { id: string }[];
    const [v] = (await tx.query(
      `INSERT INTO vouchers (application_id, program_code, program_version, enterprise_id, contract_id, face_value,
                             redeemed_amount, cap_year, issued_on)
       VALUES ($1, $2, 1, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        a.id,
        programCode,
        enterpriseId,
        c.id,
        face.toString(),
        spec.redeemedAmount ?? '0',
        capYear,
        spec.issuedOn,
      ],
    )) as { id: string }[];
    await tx.query(
      `INSERT INTO yearly_cap_ledger (program_code, enterprise_id, year, cap, issued) VALUES ($1, $2, $3, 2000000, $4)
       ON CONFLICT (program_code, enterprise_id, year)
       DO UPDATE SET issued = yearly_cap_ledger.issued + EXCLUDED.issued`,
      [programCode, enterpriseId, capYear, face.toString()],
    );
    const claimIds: string[] = [];
    for (const [i, claim] of spec.claims.entries()) {
      const [st] = (await tx.query(
        `INSERT INTO settlements (contract_id, supplier_id, enterprise_id, period_start, period_end, amount,
                                  invoice_number, invoice_date, confirmed_by)
         VALUES ($1, $2, $3, $4::date - 29, $4::date, $5, $6, $4::date, $7) RETURNING id`,
        [c.id, s.id, enterpriseId, claim.deliveredOn, claim.amount, `FP-${tag}-${i + 1}`, confirmer],
      )) as { id: string }[];
      const [cl] = (await tx.query(
        `INSERT INTO redemption_claims (voucher_id, settlement_id, enterprise_id, program_code, claimed_on,
                                        delivered_on, invoiced_eligible_amount, run_year, run_quarter, rolled_over,
                                        assignment_reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          v.id,
          st.id,
          enterpriseId,
          programCode,
          claim.claimedOn,
          claim.deliveredOn,
          claim.amount,
          claim.runYear,
          claim.runQuarter,
          claim.rolledOver ?? false,
          claim.assignmentReason ?? (claim.rolledOver ? 'DELIVERED_AFTER_CUTOFF' : 'IN_QUARTER'),
        ],
      )) as { id: string }[];
      claimIds.push(cl.id);
    }
    return { enterpriseId, voucherId: v.id, contractId: c.id, claimIds };
  });
}

/** The deterministic workflow id of a run (re-exported for tests and the benchmark). */
export const runWorkflowId = (year: number, quarter: Quarter, programCode = BEIJING_2023_2025.code) =>
  redemptionRunKey(programCode, year, quarter);

/**
 * The money invariants, scoped to a set of enterprises (the integration tier shares one database between
 * suites). Each query returns offending rows; all must be empty. `redeemed = Σ paid payouts` assumes the
 * vouchers had nothing redeemed before the runs (no preRedeemedShare / redeemedAmount).
 */
export const REDEMPTION_INVARIANTS: Record<string, string> = {
  'Σ payouts ≤ face value per voucher': `
    SELECT v.id, v.face_value, sum(p.amount) AS payouts
      FROM vouchers v JOIN payouts p ON p.voucher_id = v.id
     WHERE v.enterprise_id = ANY($1::uuid[])
     GROUP BY v.id, v.face_value HAVING sum(p.amount) > v.face_value`,
  'redeemed amount = Σ paid payouts per voucher': `
    SELECT v.id, v.redeemed_amount, coalesce(sum(p.amount) FILTER (WHERE p.status = 'paid'), 0) AS paid
      FROM vouchers v LEFT JOIN payouts p ON p.voucher_id = v.id
     WHERE v.enterprise_id = ANY($1::uuid[])
     GROUP BY v.id, v.redeemed_amount
    HAVING v.redeemed_amount <> coalesce(sum(p.amount) FILTER (WHERE p.status = 'paid'), 0)`,
  'ledger issued = Σ face of vouchers per (enterprise, program, year)': `
    SELECT l.enterprise_id, l.program_code, l.year, l.issued, x.face
      FROM (SELECT * FROM yearly_cap_ledger WHERE enterprise_id = ANY($1::uuid[])) l
      FULL JOIN (SELECT enterprise_id, program_code, cap_year AS year, sum(face_value) AS face
                   FROM vouchers WHERE enterprise_id = ANY($1::uuid[])
                  GROUP BY enterprise_id, program_code, cap_year) x
        ON x.enterprise_id = l.enterprise_id AND x.program_code = l.program_code AND x.year = l.year
     WHERE l.issued IS DISTINCT FROM x.face`,
  'no negative balance': `
    SELECT id FROM vouchers
     WHERE enterprise_id = ANY($1::uuid[]) AND (face_value - redeemed_amount < 0 OR redeemed_amount < 0)`,
  'bank transfers = paid payouts, one per key': `
    SELECT coalesce(p.idempotency_key, t.idempotency_key) AS key, p.status, p.amount, t.amount AS transferred
      FROM (SELECT * FROM payouts WHERE status = 'paid' AND enterprise_id = ANY($1::uuid[])) p
      FULL JOIN (SELECT * FROM simulated_bank_transfers WHERE payee_id = ANY($1::uuid[])) t
        ON t.idempotency_key = p.idempotency_key
     WHERE p.id IS NULL OR t.id IS NULL OR p.amount <> t.amount OR p.bank_reference <> t.reference`,
  'every claim of the scope paid exactly once (one payout per claim, claim and payout agree)': `
    SELECT c.id, c.status, count(p.id) AS payouts
      FROM redemption_claims c LEFT JOIN payouts p ON p.claim_id = c.id
     WHERE c.enterprise_id = ANY($1::uuid[])
     GROUP BY c.id, c.status
    HAVING count(p.id) <> 1 OR c.status <> 'paid' OR bool_or(p.status NOT IN ('paid', 'skipped'))`,
};

/** The enterprises seeded by one seedBulkRedemption call. */
export async function enterpriseIdsOfBatch(db: Db, batch: string): Promise<string[]> {
  const rows = (await db.query(`SELECT id FROM enterprises WHERE credit_code LIKE $1`, [`91${batch}%`])) as {
    id: string;
  }[];
  return rows.map((r) => r.id);
}

/** A worker running as its own process (so a test can SIGKILL it), built from the tree into `outDir`. */
export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Compiles the tree into a private folder (not dist/, which other work may be rebuilding). */
export function buildWorker(root: string, outDir: string): void {
  fs.rmSync(outDir, { recursive: true, force: true });
  const tsc = spawnSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir],
    { cwd: root, encoding: 'utf8' },
  );
  // Errors elsewhere in the tree still emit JavaScript; only a missing worker entry point is fatal.
  if (!fs.existsSync(path.join(outDir, 'apps', 'worker', 'src', 'main.js'))) {
    throw new Error(`build failed:\n${tsc.stdout}\n${tsc.stderr}`);
  }
}

/** The worker's own main.js in a child process, with the @app/* aliases resolved against `outDir`. */
export function spawnWorker(root: string, outDir: string, env: Record<string, string> = {}): WorkerProcess {
  const { compilerOptions } = require(path.join(root, 'tsconfig.json')) as {
    compilerOptions: { paths: unknown };
  };
  const boot = `
    require('tsconfig-paths').register({ baseUrl: ${JSON.stringify(outDir)}, paths: ${JSON.stringify(compilerOptions.paths)} });
    require(${JSON.stringify(path.join(outDir, 'apps', 'worker', 'src', 'main.js'))});`;
  let out = '';
  const child = spawn(process.execPath, ['-e', boot], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Resolves once the worker process polls its task queue; fails at once if it exits while starting. */
export async function workerStarted(w: WorkerProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | 'running' = 'running';
  void w.exited.then((code) => (exitCode = code));
  while (!/polling task queue|state: 'RUNNING'/.test(w.output())) {
    if (exitCode !== 'running' || Date.now() > deadline) {
      throw new Error(
        `worker ${exitCode === 'running' ? 'did not start' : `exited early (code ${exitCode})`}\n--- worker output ---\n${w.output().slice(-4000)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
