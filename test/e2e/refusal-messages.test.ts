import request from 'supertest';
import { isPlainChinese, REASON_MESSAGES, REFUSAL_MESSAGES } from '@app/domain';
import { startE2eStack, E2E_PASSWORD, type E2eStack } from '../support/e2e-stack';
import type { ApiSession } from '../support/http';
import { eventually } from '../support/wait';

interface Answer {
  status: number;
  body: {
    code: string;
    message: string;
    messages: { zh: string; en: string };
    errors?: { field: string; code?: string; localized?: { zh: string; en: string } }[];
  };
}

/**
 * Refusals from every layer — request validation, a body too large, sign-in and roles, a service's check, a
 * domain rule, a workflow's validator, a unique key lost in a race — each answer the screen's text in
 * Chinese (no English word, code or id in it) and in English, the field errors too; `message` stays.
 */
describe('refusal messages from every layer', () => {
  let stack: E2eStack;
  let company: ApiSession;
  let companyId: string;
  let reviewer: ApiSession;
  let otherReviewer: ApiSession;
  let supplier: ApiSession;
  let supplierId: string;

  beforeAll(async () => {
    // Every approval waits for a second one, so the application's workflow is still running when it is asked.
    stack = await startE2eStack('refusals', {
      REVIEW_DUE_SECONDS: '3600',
      SECOND_APPROVAL_THRESHOLD: '1.00',
    });
    await stack.setDate('2025-04-01');
    supplierId = stack.suppliers.get('baidu')!.id;
    const registered = await stack.enterprise('beijing', 'RFM');
    company = registered.session;
    companyId = registered.id;
    reviewer = await stack.user('refusals-reviewer@example.cn', 'reviewer');
    otherReviewer = await stack.user('refusals-reviewer2@example.cn', 'reviewer');
    supplier = await stack.user('refusals-supplier@example.cn', 'supplier', { supplierId });
  });

  afterAll(async () => {
    await stack?.close();
  });

  function expectChinese(res: request.Response, status: number, code: string): Answer['body'] {
    const body = res.body as Answer['body'];
    expect({ status: res.status, code: body.code }).toEqual({ status, code });
    expect({ zh: body.messages.zh, plain: isPlainChinese(body.messages.zh) }).toEqual({
      zh: body.messages.zh,
      plain: true,
    });
    expect(body.messages.en).toMatch(/[A-Za-z]/);
    expect(typeof body.message).toBe('string');
    for (const e of body.errors ?? []) {
      expect({ field: e.field, plain: isPlainChinese(e.localized?.zh ?? '') }).toEqual({
        field: e.field,
        plain: true,
      });
      expect(e.localized?.en).toMatch(/[A-Za-z]/);
    }
    return body;
  }

  const application = (contractNumber: string, overrides: Record<string, unknown> = {}) => ({
    supplierId,
    contractNumber,
    signedOn: '2025-03-20',
    startDate: '2025-04-01',
    endDate: '2025-12-31',
    applicationDomain: 'medical',
    lines: [{ serviceKind: 'intelligent_compute', amount: '1000000.00' }],
    ...overrides,
  });

  it('request validation: the answer and each field in Chinese', async () => {
    const body = expectChinese(await company.post('/applications', {}), 400, 'VALIDATION_FAILED');
    expect(body.messages).toEqual(REFUSAL_MESSAGES.VALIDATION_FAILED);
    expect(body.errors?.map((e) => e.field)).toEqual(
      expect.arrayContaining(['supplierId', 'contractNumber']),
    );
  });

  it('a date that does not exist is refused on its field, in Chinese', async () => {
    const res = await company.post('/applications', application('RFM-DATE', { signedOn: '2025-02-30' }));
    const body = expectChinese(res, 400, 'VALIDATION_FAILED');
    expect(body.errors?.find((e) => e.field === 'signedOn')?.localized?.zh).toMatch(/日期/);
  });

  it('a body too large (413)', async () => {
    const res = await company.post('/applications', { note: 'x'.repeat(300_000) });
    expect(expectChinese(res, 413, 'PAYLOAD_TOO_LARGE').messages).toEqual(REFUSAL_MESSAGES.PAYLOAD_TOO_LARGE);
  });

  it('sign-in and roles', async () => {
    const wrong = await request(stack.app.getHttpServer())
      .post('/auth/login')
      .send({ email: 'refusals-reviewer@example.cn', password: `${E2E_PASSWORD}!` });
    expect(expectChinese(wrong, 401, 'BAD_CREDENTIALS').messages.zh).toBe('邮箱或密码错误');
    const anonymous = await request(stack.app.getHttpServer()).get('/applications');
    expect(anonymous.status).toBe(401);
    expect(isPlainChinese(anonymous.body.messages.zh)).toBe(true);
    expectChinese(await company.get('/admin/users'), 403, 'FORBIDDEN_ROLE');
  });

  it('a service check, a domain rule, a workflow validator and a duplicate, in Chinese', async () => {
    const applied = await company.post('/applications', application('RFM-1'));
    expect(applied.status).toBe(201);
    const id = applied.body.id as string;

    // The same contract again: the service's own duplicate check.
    const again = await company.post('/applications', application('RFM-1'));
    expect(expectChinese(again, 409, 'CONTRACT_ALREADY_APPLIED').messages).toEqual(
      REASON_MESSAGES.CONTRACT_ALREADY_APPLIED,
    );

    await stack.applicationIn(company, id, ['in_review']);
    const task = await eventually(async () => {
      const res = await reviewer.get('/review-tasks?kind=review&pageSize=200').expect(200);
      return res.body.items.find((t: { applicationId: string }) => t.applicationId === id);
    }, 'the review task');
    await reviewer.post(`/review-tasks/${task.id}/claim`).expect(200);
    // Claimed by another reviewer: thrown in English by the service, answered from the catalog.
    const twice = expectChinese(
      await otherReviewer.post(`/review-tasks/${task.id}/claim`),
      409,
      'TASK_NOT_CLAIMABLE',
    );
    expect(twice.messages).toEqual(REFUSAL_MESSAGES.TASK_NOT_CLAIMABLE);
    await reviewer.post(`/review-tasks/${task.id}/decision`, { decision: 'approve' }).expect(200);

    // The task table reopened behind the workflow's back: the workflow's validator has the last word.
    await stack.db.query(`UPDATE review_tasks SET status = 'open' WHERE id = $1`, [task.id]);
    const stale = await reviewer.post(`/review-tasks/${task.id}/decision`, { decision: 'approve' });
    expectChinese(stale, 409, 'TASK_NOT_OPEN');

    // Settled beyond the contract amount: the domain rule keeps its own Chinese and field.
    const detail = await company.get(`/applications/${id}`).expect(200);
    const over = await supplier.post(`/supplier/contracts/${detail.body.contract.id}/settlements`, {
      periodStart: '2025-04-01',
      periodEnd: '2025-06-30',
      amount: '1000000.01',
      invoiceNumber: 'RFM-INV-1',
      invoiceDate: '2025-07-01',
    });
    expect(expectChinese(over, 422, 'SETTLEMENT_EXCEEDS_CONTRACT').messages.zh).toBe(
      '结算累计金额超过合同金额',
    );
  });

  it('a unique key lost in a race: the constraint’s code and Chinese, on its field', async () => {
    // Another registration with the registry facts of the suite's enterprise: only the credit code clashes.
    const {
      id: _id,
      createdAt: _at,
      updatedAt: _up,
      ...facts
    } = (await stack.admin.get(`/admin/enterprises/${companyId}`).expect(200)).body;
    const enterprise = (n: number) => ({
      ...facts,
      name: `竞争测试企业${n}有限公司`,
      creditCode: '91000000RFM9999999',
      contactEmail: `race-${n}@example.cn`,
    });
    const answers = await Promise.all(
      [1, 2, 3].map((n) => stack.admin.post('/admin/enterprises', enterprise(n))),
    );
    expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
    for (const lost of answers.filter((r) => r.status !== 201)) {
      const body = expectChinese(lost, 409, 'ALREADY_EXISTS');
      expect(body.errors?.[0]).toMatchObject({
        field: 'creditCode',
        localized: REFUSAL_MESSAGES.CREDIT_CODE_TAKEN,
      });
    }
  });
});
