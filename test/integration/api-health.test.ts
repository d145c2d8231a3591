import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/bootstrap';

describe('API skeleton on the real servers', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createApiApp();
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('GET /health reports PostgreSQL and Temporal up', async () => {
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { status: 'up' }, temporal: { status: 'up' } });
  });

  it('serves the OpenAPI description at /docs', async () => {
    const html = await request(app.getHttpServer()).get('/docs').expect(200);
    expect(html.text).toContain('swagger');
    const spec = await request(app.getHttpServer()).get('/docs/openapi.json').expect(200);
    expect(spec.body.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.body.paths)).toContain('/health');
  });
});
