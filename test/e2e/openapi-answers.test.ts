import request from 'supertest';
import type { OpenAPIObject } from '@nestjs/swagger';
import { buildOpenApiDocument } from '../../apps/api/src/common/openapi';
import { apiSuite } from '../support/api-suite';
import { E2E_PASSWORD } from '../support/e2e-stack';
import type { ApiSession } from '../support/http';
import { seedQ2Claims } from '../support/redemption-fixtures';

type Schema = {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: boolean | Schema;
};

/**
 * The problems of `value` against an OpenAPI 3.0 schema (the subset the document uses): missing required
 * properties, wrong types, nulls where not nullable, values outside an enum — and, for described objects,
 * properties the schema does not name (so an answer cannot grow unseen). Extra keys are allowed only where
 * the schema says `additionalProperties` or the object is one part of an `allOf`.
 */
function problems(doc: OpenAPIObject, schema: Schema, value: unknown, at = '$', open = false): string[] {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return problems(doc, doc.components!.schemas![name] as Schema, value, at, open);
  }
  // A part of an allOf describes some of the object's fields, not all of them.
  if (schema.allOf) return schema.allOf.flatMap((s) => problems(doc, s, value, at, true));
  if (value === null) return schema.nullable ? [] : [`${at}: null but not nullable`];
  if (schema.oneOf) {
    return schema.oneOf.some((s) => problems(doc, s, value, at).length === 0)
      ? []
      : [`${at}: matches no oneOf`];
  }
  if (schema.enum && !schema.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} not in enum`];
  const primitive: Record<string, string> = {
    string: 'string',
    number: 'number',
    integer: 'number',
    boolean: 'boolean',
  };
  if (schema.type && primitive[schema.type]) {
    return typeof value === primitive[schema.type] ? [] : [`${at}: ${typeof value}, not ${schema.type}`];
  }
  if (schema.type === 'array') {
    if (!Array.isArray(value)) return [`${at}: not an array`];
    return value.flatMap((v, i) => problems(doc, schema.items ?? {}, v, `${at}[${i}]`));
  }
  if (schema.type === 'object' || schema.properties) {
    if (typeof value !== 'object' || Array.isArray(value)) return [`${at}: not an object`];
    const record = value as Record<string, unknown>;
    const found: string[] = [];
    for (const key of schema.required ?? []) if (!(key in record)) found.push(`${at}.${key}: missing`);
    for (const [key, v] of Object.entries(record)) {
      const property = schema.properties?.[key];
      if (property) found.push(...problems(doc, property, v, `${at}.${key}`));
      else if (typeof schema.additionalProperties === 'object')
        found.push(...problems(doc, schema.additionalProperties, v, `${at}.${key}`));
      else if (!schema.additionalProperties && !open) found.push(`${at}.${key}: not in the schema`);
    }
    return found;
  }
  return [];
}

/**
 * Real answers of the running API against the document it serves: the success answers of the routes that
 * have a schema, and the error shape of its refusals (ADR 0051).
 */
describe('the API answers as its OpenAPI document says (API + PostgreSQL)', () => {
  const api = apiSuite();
  let doc: OpenAPIObject;
  let admin: ApiSession;
  let applicationId: string;

  beforeAll(async () => {
    await seedQ2Claims(api.db, 1, 1);
    [{ id: applicationId }] = await api.db.query(`SELECT id FROM applications LIMIT 1`);
    admin = await api.user('contract-admin@e2e.example.cn', 'admin');
    doc = buildOpenApiDocument(api.app);
  });

  function expectAnswer(path: string, method: string, status: number, body: unknown) {
    const op = (
      doc.paths[path] as Record<
        string,
        { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }
      >
    )[method];
    const schema = op.responses[String(status)]?.content?.['application/json']?.schema;
    expect(schema).toBeDefined();
    expect(problems(doc, schema!, body)).toEqual([]);
  }

  it('sign-in and the signed-in user', async () => {
    const login = await request(api.app.getHttpServer())
      .post('/auth/login')
      .send({ email: 'contract-admin@e2e.example.cn', password: E2E_PASSWORD })
      .expect(200);
    expectAnswer('/auth/login', 'post', 200, login.body);
    expectAnswer('/auth/me', 'get', 200, (await admin.get('/auth/me').expect(200)).body);
  });

  it.each([
    ['/admin/programs'],
    ['/admin/enterprises'],
    ['/admin/suppliers'],
    ['/admin/related-parties'],
    ['/admin/users'],
    ['/admin/clock'],
    ['/catalog/programs'],
    ['/catalog/suppliers'],
    ['/inbox'],
    ['/applications'],
    ['/admin/programs/beijing-ai-compute-2023/versions', '/admin/programs/{code}/versions'],
    ['/admin/programs/beijing-ai-compute-2023/supplier-lists', '/admin/programs/{code}/supplier-lists'],
    ['/admin/programs/beijing-ai-compute-2023/documents', '/admin/programs/{code}/documents'],
    ['/public/recipients'],
    ['/grants'],
    ['/public/notices'],
    ['/supervision/findings'],
    ['/forecast'],
    ['/settlement-discounts'],
    ['/public/recipients/beijing-ai-compute-2023/2025', '/public/recipients/{programCode}/{year}'],
  ])('GET %s', async (url, path = url) => {
    const res = await admin.get(url).expect(200);
    expectAnswer(path, 'get', 200, res.body);
  });

  it('one enterprise, one supplier and one application in full', async () => {
    const enterprises = (await admin.get('/admin/enterprises').expect(200)).body.items;
    expect(enterprises.length).toBeGreaterThan(0);
    const enterprise = await admin.get(`/admin/enterprises/${enterprises[0].id}`).expect(200);
    expectAnswer('/admin/enterprises/{id}', 'get', 200, enterprise.body);
    const suppliers = (await admin.get('/admin/suppliers').expect(200)).body.items;
    const supplier = await admin.get(`/admin/suppliers/${suppliers[0].id}`).expect(200);
    expectAnswer('/admin/suppliers/{id}', 'get', 200, supplier.body);
    const detail = await admin.get(`/applications/${applicationId}`).expect(200);
    expect(detail.body.voucher).not.toBeNull();
    expectAnswer('/applications/{id}', 'get', 200, detail.body);
  });

  it("an enterprise's supervision record, as staff and as the enterprise itself", async () => {
    const [{ enterprise_id: enterpriseId }] = await api.db.query(
      `SELECT enterprise_id FROM applications WHERE id = $1`,
      [applicationId],
    );
    const record = await admin.get(`/supervision/enterprises/${enterpriseId}`).expect(200);
    expectAnswer('/supervision/enterprises/{id}', 'get', 200, record.body);
    const company = await api.user('contract-company@e2e.example.cn', 'enterprise', { enterpriseId });
    const own = await company.get('/supervision/mine').expect(200);
    expect(own.body.businessDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expectAnswer('/supervision/mine', 'get', 200, own.body);
  });

  it('refusals have the documented error shape: 401, 404, 422 field by field', async () => {
    const noToken = await request(api.app.getHttpServer()).get('/applications').expect(401);
    expectAnswer('/applications', 'get', 401, noToken.body);
    const missing = await admin.get('/applications/00000000-0000-4000-8000-000000000000').expect(404);
    expectAnswer('/applications/{id}', 'get', 404, missing.body);
    const bad = await admin.post('/admin/enterprises', { name: '' });
    expect([400, 422]).toContain(bad.status);
    expect(bad.body.errors.length).toBeGreaterThan(0);
    expectAnswer('/admin/enterprises', 'post', bad.status, bad.body);
  });
});
