import { BadRequestException, Logger } from '@nestjs/common';
import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { QueryFailedError } from 'typeorm';
import { BusinessDateError, DomainInputError } from '@app/domain';
import { refusal } from '@app/workflows/refusal';
import { ApiExceptionFilter } from './exception-filter';
import { guardInput, MAX_JSON_DEPTH, TooDeepError } from './input-guard';
import { jsonDepthExceeds } from './json-body';
import { workflowRefusalOf } from './workflow-refusal';

describe('input guard', () => {
  /** Contract numbers the guard refuses, by the code it refuses them with. */
  const refused: Record<string, Record<string, string>> = {
    CONTROL_CHARACTER: {
      'a NUL byte': 'HT\u0000-1',
      'a carriage return': 'HT\r-1',
      'a line feed outside free text': 'HT\n-1',
      DEL: 'HT\u007f',
      'a C1 control': 'HT\u009b',
    },
    BIDI_CONTROL: {
      'a right-to-left override': '\u202eHT',
      'a left-to-right embedding': '\u202aHT',
      'a pop directional isolate': 'HT\u2069',
    },
  };
  it.each(
    Object.entries(refused).flatMap(([code, values]) =>
      Object.entries(values).map(([what, value]) => [what, value, code]),
    ),
  )('refuses %s in a contract number', (_what, value, code) => {
    expect(guardInput({ contractNumber: value })).toEqual([
      expect.objectContaining({ field: 'contractNumber', code }),
    ]);
  });

  it('lets free text (and its zh/en parts) keep line breaks and tabs, nothing else', () => {
    expect(guardInput({ reason: '第一\n\t第二', note: 'a\nb', description: { zh: '甲\n乙' } })).toEqual([]);
    expect(guardInput({ reason: 'a\u0000b' })).toEqual([
      expect.objectContaining({ field: 'reason', code: 'CONTROL_CHARACTER' }),
    ]);
    expect(guardInput({ lines: [{ description: 'ok\n', invoiceNumber: 'x\n' }] })).toEqual([
      expect.objectContaining({ field: 'lines.0.invoiceNumber' }),
    ]);
  });

  it('accepts ordinary Chinese, English and emoji text', () => {
    expect(guardInput({ name: '北京智算科技有限公司 (Beijing) 🚀', lines: [{ amount: '1.00' }] })).toEqual(
      [],
    );
  });

  it('refuses an array inside an array by its path, and a control character in a field name', () => {
    expect(guardInput({ lines: [{}, [{}]] })).toEqual([
      expect.objectContaining({ field: 'lines.1', code: 'NESTED_ARRAY' }),
    ]);
    expect(guardInput({ 'a\u0000': 1 })).toEqual([expect.objectContaining({ code: 'CONTROL_CHARACTER' })]);
  });

  it('names a path parameter by its name', () => {
    expect(guardInput('beijing\u0000', 'code')).toEqual([expect.objectContaining({ field: 'code' })]);
  });

  it('stops past the depth bound instead of recursing', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    expect(() => guardInput(deep)).toThrow(TooDeepError);
  });
});

describe('JSON depth on the raw body', () => {
  const nested = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
  it('allows the bound and refuses one more', () => {
    expect(jsonDepthExceeds(Buffer.from(nested(MAX_JSON_DEPTH)), MAX_JSON_DEPTH)).toBe(false);
    expect(jsonDepthExceeds(Buffer.from(nested(MAX_JSON_DEPTH + 1)), MAX_JSON_DEPTH)).toBe(true);
  });
  it('does not count brackets inside strings (escaped quotes included)', () => {
    const text = JSON.stringify({ note: `\\"${'['.repeat(100)}"{{{` });
    expect(jsonDepthExceeds(Buffer.from(text), MAX_JSON_DEPTH)).toBe(false);
  });
});

describe('a workflow refusal read across Temporal', () => {
  it('takes the code from the failure type and the message and field from its details', () => {
    // As the workflow throws it.
    const failure = refusal(
      'REASON_REQUIRED',
      { zh: '不通过须填写理由', en: 'A refusal needs a reason' },
      'reason',
    );
    expect(workflowRefusalOf(new WorkflowUpdateFailedError('update failed', failure))).toEqual({
      code: 'REASON_REQUIRED',
      message: { zh: '不通过须填写理由', en: 'A refusal needs a reason' },
      field: 'reason',
    });
  });

  it('reads an older `CODE: message` failure without the prefix; ignores types that are not codes', () => {
    const old = ApplicationFailure.nonRetryable(
      'POOL_NOT_HOLDING: the application holds no slot',
      'POOL_NOT_HOLDING',
    );
    expect(workflowRefusalOf(new WorkflowUpdateFailedError('x', old))?.message.en).toBe(
      'the application holds no slot',
    );
    const step = ApplicationFailure.nonRetryable('connection reset', 'StepFailed');
    expect(workflowRefusalOf(new WorkflowUpdateFailedError('x', step))).toBeNull();
  });
});

describe('the exception filter', () => {
  const filter = new ApiExceptionFilter();
  const pgError = (code: string, constraint?: string) =>
    new QueryFailedError(
      'INSERT …',
      [],
      Object.assign(new Error('pg'), { code, constraint, detail: 'Key (x)=(y)' }),
    );

  beforeAll(() => Logger.overrideLogger(false));

  it('answers a unique violation with the domain code for its constraint, and no key detail', () => {
    const body = filter.answer(pgError('23505', 'uq_settlement_invoice'));
    expect(body).toMatchObject({
      statusCode: 409,
      code: 'INVOICE_REUSED',
      errors: [{ field: 'invoiceNumber' }],
    });
    expect(JSON.stringify(body)).not.toMatch(/Key|uq_/);
    expect(filter.answer(pgError('23505', 'some_new_key'))).toMatchObject({
      statusCode: 409,
      code: 'DUPLICATE',
    });
  });

  it('answers data errors with 400 and a real fault with a generic 500', () => {
    expect(filter.answer(pgError('22P02'))).toMatchObject({ statusCode: 400, code: 'INVALID_VALUE' });
    expect(filter.answer(pgError('22003'))).toMatchObject({ statusCode: 400, code: 'INVALID_VALUE' });
    const fault = filter.answer(new TypeError('cannot read properties of undefined (secret path)'));
    expect(fault).toMatchObject({ statusCode: 500, code: 'INTERNAL_ERROR' });
    expect(fault.message).not.toMatch(/secret/);
  });

  it('answers domain input errors with their code: 400 for a malformed form, 422 for a refusal', () => {
    expect(filter.answer(new BusinessDateError('2025-02-30'))).toMatchObject({
      statusCode: 400,
      code: 'BUSINESS_DATE_FORMAT',
    });
    expect(filter.answer(new DomainInputError('NO_YEARLY_CAP', 'no cap', 'programCode'))).toMatchObject({
      statusCode: 422,
      code: 'NO_YEARLY_CAP',
      errors: [{ field: 'programCode', code: 'NO_YEARLY_CAP' }],
    });
  });

  it('gives a code to an HTTP error thrown without one, and the 413 the standard shape', () => {
    expect(filter.answer(new BadRequestException('Validation failed (uuid is expected)'))).toEqual({
      statusCode: 400,
      code: 'BAD_REQUEST',
      message: 'Validation failed (uuid is expected)',
      messages: { zh: '请求无效', en: 'The request is invalid' },
    });
    const tooLarge = Object.assign(new Error('request entity too large'), {
      type: 'entity.too.large',
      status: 413,
      statusCode: 413,
    });
    expect(filter.answer(tooLarge)).toEqual({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.any(String),
      messages: { zh: '请求内容过大', en: 'The request is too large' },
      errors: [],
    });
  });
});
