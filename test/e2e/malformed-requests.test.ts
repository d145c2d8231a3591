import type request from 'supertest';
import { e2eSuite } from '../support/e2e-stack';
import type { ApiSession } from '../support/http';

/**
 * A hostile client: hundreds of malformed requests across the routes (control characters, bidi overrides,
 * nested arrays, deep JSON, absurd pages, unknown and inapplicable fields, wrong types, broken JSON, a
 * 300 kB body). Each gets a 4xx with a code (and the field where there is one), never a 500, and no
 * business table changes. Then races on unique keys: the losers get 409 with the domain's code.
 */
describe('malformed requests and races on unique keys', () => {
  const stack = e2eSuite('malformed', { env: { REVIEW_DUE_SECONDS: '3600' }, date: '2025-04-01' });
  let admin: ApiSession;
  let company: ApiSession;
  let supplier: ApiSession;
  let reviewer: ApiSession;
  let finance: ApiSession;
  let supplierId: string;
  let enterpriseId: string;
  const SOME_ID = '00000000-0000-4000-8000-000000000001';

  beforeAll(async () => {
    admin = stack.admin;
    supplierId = stack.suppliers.get('baidu')!.id;
    const enterprise = await stack.enterprise('beijing', 'MAL');
    enterpriseId = enterprise.id;
    company = enterprise.session;
    supplier = await stack.user('malformed-supplier@example.cn', 'supplier', { supplierId });
    reviewer = await stack.user('malformed-reviewer@example.cn', 'reviewer');
    finance = await stack.user('malformed-finance@example.cn', 'finance');
  });

  /** Row count and md5 of every business table's rows, in order. */
  async function fingerprint(): Promise<Record<string, string>> {
    const tables: { name: string }[] = await stack.db.query(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const out: Record<string, string> = {};
    for (const { name } of tables) {
      const [row] = await stack.db.query(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS h
           FROM "${name}" t`,
      );
      out[name] = `${row.n}:${row.h}`;
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------ the cases

  type Who = () => ApiSession;
  interface Case {
    name: string;
    who: Who;
    method: 'get' | 'post' | 'put';
    url: string;
    body?: unknown;
    /** Sent as is with Content-Type application/json. */
    raw?: string;
    status?: number;
    code?: string;
    /** A field the answer must name in `errors`… */
    field?: string;
    /** …with this code. */
    fieldCode?: string;
  }

  /** A POST refused field by field: 400 VALIDATION_FAILED naming `field` (with `fieldCode` when given). */
  const invalid = (
    name: string,
    who: Who,
    url: string,
    body: unknown,
    field: string,
    fieldCode?: string,
  ): Case => ({
    name,
    who,
    method: 'post',
    url,
    body,
    status: 400,
    code: 'VALIDATION_FAILED',
    field,
    fieldCode,
  });

  const validApplication = () => ({
    supplierId,
    contractNumber: 'MAL-1',
    signedOn: '2025-03-25',
    startDate: '2025-04-01',
    endDate: '2025-12-31',
    applicationDomain: 'finance',
    lines: [
      {
        serviceKind: 'intelligent_compute',
        amount: '100000.00',
        description: 'GPU hours',
        invoiceNumber: 'INV-1',
      },
    ],
  });
  const validEnterprise = () => ({
    name: '恶意测试有限公司',
    creditCode: '91110108MA0000001X',
    registrationRegion: 'beijing',
    independentLegalPerson: true,
    industry: 'software_information_services',
    aiDirectionAligned: true,
    soundFinancialManagement: true,
    lastDishonestyRecordDate: '2019-01-01',
    receivesOtherMunicipalComputeSubsidy: false,
    contactEmail: 'malformed@example.cn',
  });
  const validSupplier = () => ({
    code: 'malformed-supplier',
    nameZh: '测试供给方',
    nameEn: 'Test supplier',
    isPartner: true,
    serviceKinds: ['intelligent_compute'],
    contactEmail: 'supplier@example.cn',
  });
  const validUser = () => ({
    email: 'new-user@example.cn',
    displayName: 'New user',
    password: 'correct horse battery staple',
    role: 'reviewer',
  });
  const validRelatedParty = () => ({ enterpriseId: SOME_ID, supplierId: SOME_ID, description: '同一控制人' });
  const validSettlement = () => ({
    periodStart: '2025-04-01',
    periodEnd: '2025-06-30',
    amount: '1000.00',
    invoiceNumber: 'INV-2025-1',
    invoiceDate: '2025-07-01',
  });
  const validClaim = () => ({ settlementId: SOME_ID, invoiceNumber: 'INV-1', invoicedAmount: '1000.00' });
  const validDecision = () => ({ decision: 'reject', reason: '材料不全' });
  const validRun = () => ({ programCode: 'beijing-ai-compute-2023', year: 2025, quarter: 2 });

  /** Sets `path` (dotted, numeric parts index arrays) in a copy of `body`. */
  function withValue(body: object, path: string, value: unknown): object {
    const copy = JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
    const parts = path.split('.');
    let at: Record<string, unknown> = copy;
    for (const p of parts.slice(0, -1)) at = at[p] as Record<string, unknown>;
    at[parts[parts.length - 1]] = value;
    return copy;
  }

  interface Endpoint {
    name: string;
    who: Who;
    url: string;
    valid: () => object;
    strings: string[];
  }
  /** `name` is the method and route; `{id}` in it stands for an id that exists nowhere. */
  const endpoint = (name: string, who: Who, valid: () => object, strings: string[]): Endpoint => ({
    name,
    who,
    url: name.replace(/^POST /, '').replace('{id}', SOME_ID),
    valid,
    strings,
  });
  const endpoints: Endpoint[] = [
    endpoint('POST /applications', () => company, validApplication, [
      'supplierId',
      'contractNumber',
      'signedOn',
      'startDate',
      'endDate',
      'applicationDomain',
      'lines.0.serviceKind',
      'lines.0.amount',
      'lines.0.description',
      'lines.0.invoiceNumber',
    ]),
    endpoint('POST /admin/enterprises', () => admin, validEnterprise, [
      'name',
      'creditCode',
      'registrationRegion',
      'industry',
      'lastDishonestyRecordDate',
      'contactEmail',
    ]),
    endpoint('POST /admin/suppliers', () => admin, validSupplier, [
      'code',
      'nameZh',
      'nameEn',
      'serviceKinds.0',
      'contactEmail',
    ]),
    endpoint('POST /admin/users', () => admin, validUser, ['email', 'displayName', 'password', 'role']),
    endpoint('POST /admin/related-parties', () => admin, validRelatedParty, [
      'enterpriseId',
      'supplierId',
      'description',
    ]),
    endpoint('POST /supplier/contracts/{id}/settlements', () => supplier, validSettlement, [
      'periodStart',
      'periodEnd',
      'amount',
      'invoiceNumber',
      'invoiceDate',
    ]),
    endpoint('POST /claims', () => company, validClaim, ['settlementId', 'invoiceNumber', 'invoicedAmount']),
    endpoint('POST /review-tasks/{id}/decision', () => reviewer, validDecision, ['decision', 'reason']),
    endpoint('POST /redemption-runs', () => finance, validRun, ['programCode']),
  ];

  const POISONS: [string, (s: string) => string, string][] = [
    ['a NUL byte', (s) => `${s}\u0000`, 'CONTROL_CHARACTER'],
    ['a bell (C0 control)', (s) => `\u0007${s}`, 'CONTROL_CHARACTER'],
    ['an escape sequence', (s) => `${s}\u001b[31m`, 'CONTROL_CHARACTER'],
    ['a C1 control', (s) => `${s}\u0085`, 'CONTROL_CHARACTER'],
    ['a right-to-left override', (s) => `\u202e${s}`, 'BIDI_CONTROL'],
    ['a first-strong isolate', (s) => `${s}\u2068x\u2069`, 'BIDI_CONTROL'],
  ];

  const cases: Case[] = [];
  for (const e of endpoints) {
    for (const field of e.strings) {
      for (const [what, poison, code] of POISONS) {
        const original = field
          .split('.')
          .reduce<unknown>((at, p) => (at as Record<string, unknown>)[p], e.valid()) as string;
        cases.push(
          invalid(
            `${e.name}: ${field} with ${what}`,
            e.who,
            e.url,
            withValue(e.valid(), field, poison(original)),
            field,
            code,
          ),
        );
      }
    }
    cases.push(
      invalid(`${e.name}: an unknown field`, e.who, e.url, { ...e.valid(), isAdmin: true }, 'isAdmin'),
    );
    cases.push({
      name: `${e.name}: 100-level nested JSON`,
      who: e.who,
      method: 'post',
      url: e.url,
      raw: `${'{"a":'.repeat(100)}1${'}'.repeat(100)}`,
      status: 400,
      code: 'JSON_TOO_DEEP',
    });
    cases.push({
      name: `${e.name}: malformed JSON`,
      who: e.who,
      method: 'post',
      url: e.url,
      raw: '{"contractNumber": "HT-1",',
      status: 400,
      code: 'MALFORMED_JSON',
    });
    cases.push({
      name: `${e.name}: a 300 kB body`,
      who: e.who,
      method: 'post',
      url: e.url,
      body: { ...e.valid(), padding: 'x'.repeat(300_000) },
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
    cases.push({
      name: `${e.name}: a JSON array instead of an object`,
      who: e.who,
      method: 'post',
      url: e.url,
      raw: JSON.stringify([e.valid()]),
      status: 400,
    });
  }

  // A field with a control character in its name; a deep value inside a valid body; 10,000 levels.
  cases.push(
    {
      name: 'POST /applications: a field name with a NUL byte',
      who: () => company,
      method: 'post',
      url: '/applications',
      body: { ...validApplication(), 'contract\u0000Number': 'x' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'POST /applications: lines nested 100 levels deep',
      who: () => company,
      method: 'post',
      url: '/applications',
      raw: `{"contractNumber":"D","lines":${'['.repeat(100)}${']'.repeat(100)}}`,
      status: 400,
      code: 'JSON_TOO_DEEP',
    },
    {
      name: 'POST /applications: 10,000 levels of arrays',
      who: () => company,
      method: 'post',
      url: '/applications',
      raw: `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
      status: 400,
      code: 'JSON_TOO_DEEP',
    },
    {
      name: 'POST /auth/login: 100 levels of objects',
      who: () => company,
      method: 'post',
      url: '/auth/login',
      raw: `${'{"email":'.repeat(100)}"a"${'}'.repeat(100)}`,
      status: 400,
      code: 'JSON_TOO_DEEP',
    },
  );

  // Nested arrays where a list of objects is expected.
  const line = validApplication().lines[0];
  for (const [what, lines, field] of [
    ['lines as an array of arrays', [[line]], 'lines.0'],
    ['a line that is an array', [line, [line]], 'lines.1'],
    ['arrays three deep', [[[line]]], 'lines.0'],
    ['an empty array inside lines', [[]], 'lines.0'],
  ] as const) {
    cases.push(
      invalid(
        `POST /applications: ${what}`,
        () => company,
        '/applications',
        { ...validApplication(), lines },
        field,
        'NESTED_ARRAY',
      ),
    );
  }
  cases.push(
    invalid(
      'POST /applications: applicantCategories nested',
      () => company,
      '/applications',
      { ...validApplication(), applicantCategories: [['startup']] },
      'applicantCategories.0',
    ),
    invalid(
      'POST /admin/suppliers: serviceKinds nested',
      () => admin,
      '/admin/suppliers',
      { ...validSupplier(), serviceKinds: [['intelligent_compute']] },
      'serviceKinds.0',
    ),
  );

  // Wrong types.
  for (const [field, value] of [
    ['contractNumber', 12345],
    ['contractNumber', ['HT-1']],
    ['contractNumber', { a: 1 }],
    ['contractNumber', null],
    ['contractNumber', true],
    ['lines', 'intelligent_compute'],
    ['lines', {}],
    ['lines', [1]],
    ['lines', [null]],
    ['lines', ['x']],
    ['signedOn', 20250325],
    ['supplierId', null],
    ['lines.0.amount', 1e21],
    ['lines.0.domestic', 'yes'],
  ] as const) {
    cases.push(
      invalid(
        `POST /applications: ${field} = ${JSON.stringify(value)}`,
        () => company,
        '/applications',
        withValue(validApplication(), field, value),
        field,
      ),
    );
  }
  for (const [field, value] of [
    ['independentLegalPerson', 'true'],
    ['name', 42],
    ['creditCode', ['91110108MA0000001X']],
  ] as const) {
    cases.push(
      invalid(
        `POST /admin/enterprises: ${field} = ${JSON.stringify(value)}`,
        () => admin,
        '/admin/enterprises',
        withValue(validEnterprise(), field, value),
        field,
      ),
    );
  }
  cases.push(
    invalid(
      'POST /redemption-runs: year as a string',
      () => finance,
      '/redemption-runs',
      { ...validRun(), year: '2025; DROP TABLE payouts' },
      'year',
    ),
    invalid(
      'POST /redemption-runs: quarter 1e20',
      () => finance,
      '/redemption-runs',
      { ...validRun(), quarter: 1e20 },
      'quarter',
    ),
  );

  // Fields that do not apply to the role, on user creation.
  for (const [role, extra, field] of [
    ['reviewer', { enterpriseId: SOME_ID }, 'enterpriseId'],
    ['reviewer', { supplierId: SOME_ID }, 'supplierId'],
    ['senior_reviewer', { enterpriseId: SOME_ID, supplierId: SOME_ID }, 'enterpriseId'],
    ['finance', { enterpriseId: SOME_ID }, 'enterpriseId'],
    ['admin', { supplierId: SOME_ID }, 'supplierId'],
    ['enterprise', { enterpriseId: SOME_ID, supplierId: SOME_ID }, 'supplierId'],
    ['supplier', { supplierId: SOME_ID, enterpriseId: SOME_ID }, 'enterpriseId'],
    ['enterprise', {}, 'enterpriseId'],
    ['supplier', { supplierId: 'baidu' }, 'supplierId'],
  ] as const) {
    cases.push(
      invalid(
        `POST /admin/users: a ${role} with ${JSON.stringify(extra)}`,
        () => admin,
        '/admin/users',
        { ...validUser(), role, ...extra },
        field,
      ),
    );
  }

  // Every paginated list.
  const lists: [string, Who][] = [
    ['/applications', () => company],
    ['/vouchers', () => company],
    ['/settlements', () => company],
    ['/claims', () => company],
    ['/inbox', () => company],
    ['/supplier/contracts', () => supplier],
    ['/supplier/settlements', () => supplier],
    ['/review-tasks', () => reviewer],
    ['/redemption-runs', () => finance],
    ['/admin/enterprises', () => admin],
    ['/admin/suppliers', () => admin],
    ['/admin/related-parties', () => admin],
    ['/admin/users', () => admin],
    ['/pools/chengdu-puhui/applications', () => reviewer],
    ['/pool-redemptions', () => reviewer],
  ];
  for (const [url, who] of lists) {
    for (const [query, field] of [
      ['page=1e20', 'page'],
      ['page=-1', 'page'],
      ['page=0', 'page'],
      ['page=abc', 'page'],
      ['page=1.5', 'page'],
      ['page=100001', 'page'],
      ['pageSize=1000000000', 'pageSize'],
      ['pageSize=0', 'pageSize'],
      ['pageSize=201', 'pageSize'],
      ['page=%00', 'page'],
      ['page=1&page=2', 'page'],
      ['sneaky=1', 'sneaky'],
    ] as const) {
      cases.push({
        name: `GET ${url}?${query}`,
        who,
        method: 'get',
        url: `${url}?${query}`,
        status: 400,
        code: 'VALIDATION_FAILED',
        field,
      });
    }
  }

  // Path parameters.
  for (const url of ['/applications/%00', '/applications/not-a-uuid', '/admin/programs/%00%07/versions']) {
    cases.push({ name: `GET ${url}`, who: () => admin, method: 'get', url, status: 400 });
  }

  it(`has at least 200 malformed requests (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
  });

  it('answers every one with a 4xx and a code (and the field), never a 500, and changes no table', async () => {
    const before = await fingerprint();
    const failures: string[] = [];
    // A few at a time: the answers must not depend on running alone.
    for (let i = 0; i < cases.length; i += 8) {
      await Promise.all(
        cases.slice(i, i + 8).map(async (c) => {
          const session = c.who();
          let req: request.Test;
          if (c.raw !== undefined) {
            req = session[c.method](c.url).set('Content-Type', 'application/json').send(c.raw);
          } else if (c.body !== undefined) {
            req = session[c.method](c.url, c.body as object);
          } else {
            req = session[c.method](c.url);
          }
          const res = await req;
          const body = res.body as { code?: unknown; errors?: { field: string; code?: string }[] };
          const problems: string[] = [];
          if (res.status < 400 || res.status >= 500) problems.push(`status ${res.status}`);
          if (c.status && res.status !== c.status)
            problems.push(`status ${res.status}, expected ${c.status}`);
          if (typeof body.code !== 'string' || !body.code) problems.push('no code');
          if (c.code && body.code !== c.code) problems.push(`code ${String(body.code)}, expected ${c.code}`);
          const named = (body.errors ?? []).some(
            (e) => e.field === c.field && (!c.fieldCode || e.code === c.fieldCode),
          );
          if (c.field && !named) {
            problems.push(`no ${c.fieldCode ?? 'error'} for ${c.field} in ${JSON.stringify(body.errors)}`);
          }
          if (problems.length)
            failures.push(`${c.name}: ${problems.join('; ')} — ${JSON.stringify(res.body)}`);
        }),
      );
    }
    expect(failures).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  });

  it('names the control character or bidi override as the field error code', async () => {
    const nul = await company.post(
      '/applications',
      withValue(validApplication(), 'contractNumber', 'HT\u0000'),
    );
    expect(nul.status).toBe(400);
    expect(nul.body.errors).toEqual([
      expect.objectContaining({ field: 'contractNumber', code: 'CONTROL_CHARACTER' }),
    ]);
    const rlo = await admin.post(
      '/admin/enterprises',
      withValue(validEnterprise(), 'name', '\u202e司公限有'),
    );
    expect(rlo.body.errors).toEqual([expect.objectContaining({ field: 'name', code: 'BIDI_CONTROL' })]);
  });

  it('lets free text keep line breaks and tabs (a reason reaches the task lookup: 404, not 400)', async () => {
    const res = await reviewer.post(`/review-tasks/${SOME_ID}/decision`, {
      decision: 'reject',
      reason: '材料不全:\n\t1. 合同\n\t2. 发票',
    });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });

  it('answers a 413 in the standard shape', async () => {
    const res = await company.post('/applications', { ...validApplication(), padding: 'x'.repeat(300_000) });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringContaining('256kb'),
      messages: { zh: '请求内容过大', en: 'The request is too large' },
      errors: [],
    });
  });

  // -------------------------------------------------------------------------------------------- races

  const application = (contractNumber: string) => ({
    ...validApplication(),
    contractNumber,
    lines: [{ serviceKind: 'intelligent_compute', amount: '100000.00' }],
  });

  it('20 simultaneous submissions of one contract number: one 201, nineteen 409 CONTRACT_ALREADY_APPLIED', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => company.post('/applications', application('RACE-HT-1'))),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(19).fill(409)]);
    for (const r of answers.filter((a) => a.status === 409)) {
      // Whether the loser lost at the service's check or at the unique index, the code is the same.
      expect(r.body).toMatchObject({ statusCode: 409, code: 'CONTRACT_ALREADY_APPLIED' });
      expect(r.body.message).toMatch(/同一合同仅能申领一次/);
      // PostgreSQL's key detail stays in the server.
      expect(JSON.stringify(r.body)).not.toMatch(/Key \(|uq_|supplier_id|duplicate key/);
    }
    const [{ n }] = await stack.db.query(
      `SELECT count(*)::int AS n FROM contracts WHERE contract_number = 'RACE-HT-1' AND enterprise_id = $1`,
      [enterpriseId],
    );
    expect(n).toBe(1);
  });

  it('20 simultaneous confirmations of one invoice number on 20 contracts: one 201, nineteen 409 INVOICE_REUSED', async () => {
    const contracts: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await company.post('/applications', application(`RACE-INV-${i}`)).expect(201);
      const detail = await company.get(`/applications/${res.body.id}`).expect(200);
      contracts.push(detail.body.contract.id as string);
    }
    const answers = await Promise.all(
      contracts.map((id) =>
        supplier.post(`/supplier/contracts/${id}/settlements`, {
          ...validSettlement(),
          invoiceNumber: 'RACE-INV-0001',
        }),
      ),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(19).fill(409)]);
    for (const r of answers.filter((a) => a.status === 409)) {
      expect(r.body.code).toBe('INVOICE_REUSED');
      expect(JSON.stringify(r.body)).not.toMatch(/Key \(|uq_|supplier_id|duplicate key/);
    }
    const [{ n }] = await stack.db.query(
      `SELECT count(*)::int AS n FROM settlements WHERE invoice_number = 'RACE-INV-0001'`,
    );
    expect(n).toBe(1);
  });

  it('a second user with the same email (raced): 409 without the key detail', async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        admin.post('/admin/users', { ...validUser(), email: 'race-user@example.cn' }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const r of answers.filter((a) => a.status === 409)) {
      expect(r.body).toMatchObject({
        code: 'ALREADY_EXISTS',
        errors: [{ field: 'email', code: 'EMAIL_TAKEN' }],
      });
      expect(JSON.stringify(r.body)).not.toMatch(/Key \(|users_email_key|duplicate key/);
    }
  });
});
