import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Money } from '@app/domain';
import { ApplicationRecord, SettlementRecord, UserRecord, hashPassword } from '@app/persistence';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { bootstrapWorker } from '../../apps/worker/src/worker';
import { createContract, createEnterprise, openTestDataSource, seedReference } from '../support/fixtures';
import { signIn, type ApiSession } from '../support/http';

type Role = 'enterprise' | 'supplier' | 'reviewer' | 'senior_reviewer' | 'finance' | 'admin';
const ROLES: Role[] = ['enterprise', 'supplier', 'reviewer', 'senior_reviewer', 'finance', 'admin'];
const STAFF: Role[] = ['reviewer', 'senior_reviewer', 'finance', 'admin'];

/**
 * Who may call each route. Every route in the OpenAPI document must be listed here, so a new endpoint
 * cannot ship without its authorization being tested. 'public' routes need no token.
 */
const ALLOWED: Record<string, Role[] | 'public' | 'any'> = {
  'GET /health': 'public',
  'POST /auth/login': 'public',
  'GET /auth/me': 'any',
  'POST /auth/password': 'any',
  'GET /catalog/programs': 'any',
  'GET /catalog/suppliers': 'any',
  'POST /applications': ['enterprise'],
  'GET /applications': ['enterprise', ...STAFF],
  'GET /applications/{id}': ['enterprise', ...STAFF],
  'POST /applications/{id}/materials': ['enterprise'],
  'GET /applications/{id}/materials/{materialId}': ['enterprise', 'reviewer', 'senior_reviewer', 'admin'],
  'POST /applications/{id}/resubmit': ['enterprise'],
  'GET /review-tasks': ['reviewer', 'senior_reviewer'],
  'GET /review-tasks/assignees': ['senior_reviewer'],
  'GET /applications/drafts/{programCode}': ['enterprise'],
  'PUT /applications/drafts/{programCode}': ['enterprise'],
  'DELETE /applications/drafts/{programCode}': ['enterprise'],
  'PUT /applications/drafts/{programCode}/materials/{slot}': ['enterprise'],
  'DELETE /applications/drafts/{programCode}/materials/{slot}': ['enterprise'],
  'GET /applications/drafts/{programCode}/materials/{slot}': ['enterprise'],
  'GET /applications/drafts/{programCode}/templates/{slot}': [
    'enterprise',
    'reviewer',
    'senior_reviewer',
    'admin',
  ],
  'GET /applications/{id}/progress': ['enterprise', ...STAFF],
  'GET /applications/{id}/approval-notice.pdf': ['enterprise', ...STAFF],
  'GET /vouchers/{id}/certificate.pdf': ['enterprise', ...STAFF],
  'POST /supplier/settlements/{id}/invoice-file': ['supplier'],
  'GET /supplier/settlements/{id}/invoice-file': ['supplier', 'enterprise', ...STAFF],
  'GET /review-tasks/counts': ['reviewer', 'senior_reviewer'],
  'GET /applications/{id}/comments': ['reviewer', 'senior_reviewer', 'admin'],
  'POST /applications/{id}/comments': ['reviewer', 'senior_reviewer'],
  'POST /review-tasks/{id}/claim': ['reviewer', 'senior_reviewer'],
  'POST /review-tasks/{id}/release': ['reviewer', 'senior_reviewer'],
  'POST /review-tasks/{id}/assign': ['senior_reviewer'],
  'POST /review-tasks/{id}/decision': ['reviewer', 'senior_reviewer'],
  'GET /supplier/contracts': ['supplier'],
  'GET /supplier/contracts/{id}': ['supplier'],
  'POST /supplier/contracts/{id}/settlements': ['supplier'],
  'GET /supplier/settlements': ['supplier'],
  'GET /vouchers': ['enterprise'],
  'GET /settlements': ['enterprise'],
  'POST /claims': ['enterprise'],
  'GET /claims': ['enterprise'],
  'GET /inbox': 'any',
  'POST /inbox/{id}/read': 'any',
  'GET /admin/programs': ['admin'],
  'PATCH /admin/programs/{code}': ['admin'],
  'GET /admin/programs/{code}/versions': ['admin'],
  'POST /admin/programs/{code}/versions': ['admin'],
  'GET /admin/programs/{code}/supplier-lists': ['admin'],
  'POST /admin/programs/{code}/supplier-lists': ['admin'],
  'GET /admin/enterprises': ['admin'],
  'POST /admin/enterprises': ['admin'],
  'GET /admin/enterprises/{id}': ['admin'],
  'PUT /admin/enterprises/{id}': ['admin'],
  'GET /admin/suppliers': ['admin'],
  'POST /admin/suppliers': ['admin'],
  'GET /admin/suppliers/{id}': ['admin'],
  'PUT /admin/suppliers/{id}': ['admin'],
  'GET /admin/related-parties': ['admin'],
  'POST /admin/related-parties': ['admin'],
  'DELETE /admin/related-parties/{id}': ['admin'],
  'GET /admin/users': ['admin'],
  'POST /admin/users': ['admin'],
  'PATCH /admin/users/{id}': ['admin'],
  'PUT /admin/users/{id}/password': ['admin'],
  'PUT /admin/users/{id}/role': ['admin'],
  'GET /admin/applications': ['admin'],
  'GET /admin/vouchers': ['admin'],
  'POST /admin/vouchers/{id}/withdraw': ['admin'],
  'GET /admin/clock': ['admin'],
  'PUT /admin/clock': ['admin'],
  'GET /redemption-runs': ['finance', 'admin'],
  'POST /redemption-runs': ['finance'],
  'GET /redemption-runs/{id}': ['finance', 'admin'],
  'GET /redemption-runs/{id}/lines': ['finance', 'admin'],
  'POST /redemption-runs/{id}/approve': ['finance'],
  'GET /redemption-runs/{id}/report.csv': ['finance', 'admin'],
  'GET /redemption-runs/{id}/report.xlsx': ['finance', 'admin'],
  'GET /dashboard/budget': ['finance', 'admin'],
  // First-come pool (Chengdu 普惠)
  'GET /pools/{programCode}': ['enterprise', ...STAFF],
  'POST /pools/{programCode}/applications': ['enterprise'],
  'GET /pools/{programCode}/applications': ['enterprise', ...STAFF],
  'GET /pool-applications/{id}': ['enterprise', ...STAFF],
  'POST /pool-applications/{id}/materials': ['enterprise'],
  'GET /pool-applications/{id}/materials/{materialId}': [
    'enterprise',
    'reviewer',
    'senior_reviewer',
    'admin',
  ],
  'POST /pool-applications/{id}/decision': ['reviewer', 'senior_reviewer'],
  'GET /pool-vouchers': ['enterprise'],
  'POST /pool-deductions': ['supplier'],
  'GET /pool-deductions': ['enterprise', 'supplier', ...STAFF],
  'POST /pool-deductions/{id}/redemption': ['supplier'],
  'GET /pool-redemptions': ['supplier', ...STAFF],
  'GET /pool-redemptions/{id}': ['supplier', ...STAFF],
  'POST /pool-redemptions/{id}/materials': ['supplier'],
  'POST /pool-redemptions/{id}/submit': ['supplier'],
  'POST /pool-redemptions/{id}/decision': ['reviewer', 'senior_reviewer', 'finance'],
  'POST /round-entries': ['enterprise', 'supplier'],
  'GET /round-entries': ['enterprise', 'supplier'],
  'GET /round-entries/{id}': ['enterprise', 'supplier', ...STAFF],
  'POST /round-entries/{id}/materials': ['enterprise', 'supplier'],
  'GET /round-entries/{id}/materials/{materialId}': ['enterprise', 'supplier', ...STAFF],
  'GET /rounds': STAFF,
  'POST /rounds': ['admin'],
  'GET /rounds/{id}': STAFF,
  'GET /rounds/{id}/entries': STAFF,
  'GET /rounds/{id}/objections': STAFF,
  'POST /rounds/{id}/close': ['reviewer', 'senior_reviewer', 'admin'],
  'POST /rounds/{id}/entries/{entryId}/review': ['reviewer', 'senior_reviewer'],
  'POST /rounds/{id}/objections/{objectionId}/decision': ['senior_reviewer'],
  'POST /rounds/{id}/approve': ['finance'],
  'GET /public/notices': 'public',
  'GET /public/notices/{programCode}/{year}': 'public',
  'POST /public/notices/{programCode}/{year}/objections': 'public',
  'POST /settlement-discounts': ['supplier'],
  'GET /settlement-discounts': ['admin', 'finance', 'supplier'],
  'POST /grants': ['admin'],
  'POST /grants/new-ai-entrants': ['admin'],
  'GET /grants': ['admin', 'finance'],
  'GET /grants/{id}': ['admin', 'finance'],
  'GET /grants/{id}/document': ['admin', 'finance'],
  'POST /grants/{id}/approve': ['finance'],
  'POST /supervision/findings': ['reviewer', 'senior_reviewer', 'admin'],
  'GET /supervision/findings': ['reviewer', 'senior_reviewer', 'finance', 'admin'],
  'GET /supervision/findings/{id}': ['reviewer', 'senior_reviewer', 'finance', 'admin'],
  'POST /supervision/findings/{id}/evidence': ['reviewer', 'senior_reviewer', 'admin'],
  'GET /supervision/findings/{id}/evidence/{evidenceId}': ['reviewer', 'senior_reviewer', 'admin'],
  'POST /supervision/findings/{id}/appeals': ['reviewer', 'senior_reviewer', 'admin'],
  'POST /supervision/appeals/{id}/decision': ['senior_reviewer', 'admin'],
  'GET /supervision/receivables/{id}': ['reviewer', 'senior_reviewer', 'finance', 'admin'],
  'POST /supervision/receivables/{id}/repayments': ['finance', 'admin'],
  'POST /supervision/receivables/{id}/write-off': ['admin'],
  'POST /supervision/reminders': ['finance', 'admin'],
  'POST /supervision/debarments/{id}/lift': ['admin'],
  'GET /supervision/enterprises/{id}': ['reviewer', 'senior_reviewer', 'finance', 'admin'],
  'GET /supervision/mine': ['enterprise'],
  'POST /admin/simulator': ['admin'],
  'POST /admin/programs/{code}/documents': ['admin'],
  'GET /admin/programs/{code}/documents': ['admin'],
  'GET /admin/programs/{code}/documents/{id}': ['admin'],
  'GET /forecast': ['finance', 'admin'],
  'GET /forecast/{programCode}': ['finance', 'admin'],
  'GET /public/recipients': 'public',
  'GET /public/recipients/{programCode}/{year}': 'public',
  'GET /public/recipients/{programCode}/{year}/download': 'public',
  'POST /public/voucher-verifications': 'public',
};

const BUSINESS_TABLES = [
  'programs',
  'enterprises',
  'suppliers',
  'related_party_links',
  'contracts',
  'contract_lines',
  'applications',
  'application_materials',
  'review_tasks',
  'vouchers',
  'yearly_cap_ledger',
  'settlements',
  'redemption_claims',
  'redemption_runs',
  'payouts',
  'simulated_bank_transfers',
  'users',
  'sandbox_clock',
  'program_versions',
  'program_supplier_lists',
  'direct_payments',
  'funding_shares',
  'budget_pools',
  'cumulative_cap_ledger',
  'support_line_ledger',
  'funded_spending',
  'settlement_discounts',
  'supervision_findings',
  'supervision_evidence',
  'clawback_receivables',
  'clawback_repayments',
  'debarments',
  'supervision_appeals',
  'program_documents',
];

describe('authorization: every endpoint as every role against records it does not own', () => {
  const PASSWORD = 'correct horse battery staple';
  let db: DataSource;
  let worker: INestApplicationContext;
  let app: INestApplication;
  const sessions = {} as Record<Role, ApiSession>;
  let routes: string[];
  let foreign: Record<string, string>;

  async function user(email: string, role: Role, owner: { enterpriseId?: string; supplierId?: string } = {}) {
    await db.getRepository(UserRecord).insert({
      email,
      displayName: email,
      passwordHash: await hashPassword(PASSWORD),
      role,
      enterpriseId: owner.enterpriseId ?? null,
      supplierId: owner.supplierId ?? null,
      active: true,
    });
    return signIn(app, email, PASSWORD);
  }

  async function snapshot(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const t of BUSINESS_TABLES) {
      const [{ digest }] = await db.query(
        `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM ${t} t`,
      );
      out[t] = digest;
    }
    return out;
  }

  beforeAll(async () => {
    Object.assign(process.env, { SANDBOX_CLOCK: 'true', TEMPORAL_TASK_QUEUE: `e2e-authz-${process.pid}` });
    db = await openTestDataSource();
    const suppliers = await seedReference(db);
    worker = await bootstrapWorker();
    app = await createApiApp();
    await app.init();

    // The caller's own enterprise and supplier, and someone else's records they must never reach.
    const mine = await createEnterprise(db);
    const theirs = await createEnterprise(db);
    const baidu = suppliers.get('baidu')!;
    const ali = suppliers.get('alibaba-cloud')!;
    sessions.enterprise = await user('authz-ent@e2e.example.cn', 'enterprise', { enterpriseId: mine.id });
    sessions.supplier = await user('authz-sup@e2e.example.cn', 'supplier', { supplierId: ali.id });
    for (const role of STAFF.concat('senior_reviewer' as Role)) {
      if (!sessions[role]) sessions[role] = await user(`authz-${role}@e2e.example.cn`, role);
    }
    const contract = await createContract(db, {
      enterpriseId: theirs.id,
      supplierId: baidu.id,
      signedOn: '2025-03-01',
      startDate: '2025-03-01',
      endDate: '2025-12-31',
      lines: [{ serviceKind: 'intelligent_compute', amount: '100000.00' }],
    });
    const application = await db.getRepository(ApplicationRecord).save({
      programCode: 'beijing-ai-compute-2023',
      enterpriseId: theirs.id,
      contractId: contract.id,
      status: 'in_review',
      submittedOn: '2025-03-02',
      workflowId: 'application:none',
      programVersion: 1,
    } as ApplicationRecord);
    const [baiduUser] = await db.query(
      `INSERT INTO users (email, display_name, password_hash, role, supplier_id) VALUES ('authz-baidu@e2e.example.cn', 'b', 'x', 'supplier', $1) RETURNING id`,
      [baidu.id],
    );
    const settlement = await db.getRepository(SettlementRecord).save({
      contractId: contract.id,
      supplierId: baidu.id,
      enterpriseId: theirs.id,
      periodStart: '2025-03-01',
      periodEnd: '2025-03-31',
      amount: Money.parse('10000.00'),
      invoiceNumber: 'AUTHZ-1',
      invoiceDate: '2025-04-01',
      confirmedBy: baiduUser.id,
    } as SettlementRecord);
    const [task] = await db.query(
      `INSERT INTO review_tasks (application_id, program_code, kind, candidate_role, enterprise_id, enterprise_name, due_at)
       VALUES ($1, 'beijing-ai-compute-2023', 'second_approval', 'senior_reviewer', $2, 'x', now()) RETURNING id`,
      [application.id, theirs.id],
    );
    const [notification] = await db.query(
      `INSERT INTO notifications (dedupe_key, recipient_user_id, kind, subject, body) VALUES ('authz', $1, 'x', 's', 'b') RETURNING id`,
      [baiduUser.id],
    );
    foreign = {
      applications: application.id,
      contracts: contract.id,
      settlements: settlement.id,
      'review-tasks': task.id,
      inbox: notification.id,
    };
    const spec = await request(app.getHttpServer()).get('/docs/openapi.json').expect(200);
    routes = Object.entries(spec.body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
  });

  afterAll(async () => {
    await app?.close();
    await worker?.close();
    await db?.destroy();
  });

  function concrete(route: string): { method: string; url: string } {
    const [method, path] = route.split(' ');
    const segments = path.split('/');
    const url = segments
      .map((seg, i) => {
        if (!seg.startsWith('{')) return seg;
        const collection = segments[i - 1] === 'contracts' ? 'contracts' : segments[1];
        if (seg === '{code}') return 'beijing-ai-compute-2023';
        return foreign[collection] ?? '00000000-0000-4000-8000-000000000000';
      })
      .join('/');
    return { method, url };
  }

  it('lists every route in the authorization table', () => {
    const missing = routes.filter((r) => !(r in ALLOWED));
    expect(missing).toEqual([]);
  });

  it('refuses every caller without a token (401), except the public routes', async () => {
    for (const route of routes) {
      if (ALLOWED[route] === 'public') continue;
      const { method, url } = concrete(route);
      const res = await request(app.getHttpServer())[method.toLowerCase() as 'get'](url);
      expect([route, res.status]).toEqual([route, 401]);
    }
  });

  it('refuses each role outside a route (403) and hides other owners’ records (404); nothing changes', async () => {
    const before = await snapshot();
    for (const route of routes) {
      const allowed = ALLOWED[route];
      if (allowed === 'public') continue;
      const { method, url } = concrete(route);
      for (const role of ROLES) {
        const s = sessions[role];
        const call = s[method.toLowerCase() as 'get'](url);
        const res = ['POST', 'PUT', 'PATCH'].includes(method) ? await call.send({}) : await call;
        const permitted = allowed === 'any' || allowed.includes(role);
        if (!permitted) {
          expect([route, role, res.status]).toEqual([route, role, 403]);
        } else {
          // Allowed roles reach the handler: a record that is not theirs is 404, a bad body is 400/422,
          // lists return only their own rows. Never a 2xx that changes someone else's record, never a 500.
          expect([route, role, res.status < 500]).toEqual([route, role, true]);
          if (/\{id\}|\{materialId\}/.test(route) && (role === 'enterprise' || role === 'supplier')) {
            expect([route, role, [400, 404, 409, 422].includes(res.status)]).toEqual([route, role, true]);
          }
        }
      }
    }
    // Lists show only the caller's own rows.
    const apps = await sessions.enterprise.get('/applications').expect(200);
    expect(apps.body.items).toEqual([]);
    const contracts = await sessions.supplier.get('/supplier/contracts').expect(200);
    expect(contracts.body.items).toEqual([]);
    const inbox = await sessions.enterprise.get('/inbox').expect(200);
    expect(inbox.body.items).toEqual([]);

    const after = await snapshot();
    for (const t of BUSINESS_TABLES.filter(
      (t) => t !== 'users' && t !== 'sandbox_clock' && t !== 'programs',
    )) {
      expect([t, after[t]]).toEqual([t, before[t]]);
    }
    const [{ denied }] = await db.query(
      `SELECT count(*)::int AS denied FROM audit_log WHERE action = 'authz.denied'`,
    );
    expect(denied).toBeGreaterThan(routes.length);
  });
});
