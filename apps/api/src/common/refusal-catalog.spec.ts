import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Logger,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { refusal } from '@app/workflows/refusal';
import { QueryFailedError } from 'typeorm';
import {
  BusinessDateError,
  DomainInputError,
  isPlainChinese,
  refusalMessage,
  REASON_CODES,
  REFUSAL_MESSAGES,
} from '@app/domain';
import { refused } from './errors';
import { ApiExceptionFilter, UNIQUE_CONSTRAINT_CODES, type ErrorBody } from './exception-filter';
import { bodyParserError } from './json-body';
import { createValidationPipe } from './validation';
import { IsString, Length, Matches } from 'class-validator';

const ROOT = join(__dirname, '../../../..');
const SOURCES = ['apps/api/src', 'workflows', 'activities', 'libs/domain/src'];

/** UPPER_SNAKE literals that are not refusal codes: Temporal's policies and a dependency-injection token. */
const NOT_CODES = new Set([
  'ALLOW_DUPLICATE_FAILED_ONLY',
  'REJECT_DUPLICATE',
  'USE_EXISTING',
  'PAYMENT_ADAPTER',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'migrations' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.spec\.ts$/.test(name) ? [path] : [];
  });
}

/**
 * Every code the code base can answer with: each UPPER_SNAKE string literal in the server's sources (a code
 * is always written out whole, so a new one is found here), and class-validator's constraint names as the
 * validation pipe turns them into codes.
 */
function codesInSources(): Set<string> {
  const codes = new Set<string>();
  for (const dir of SOURCES) {
    for (const file of sourceFiles(join(ROOT, dir))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)) codes.add(m[1]);
      for (const m of text.matchAll(/name: '(is[A-Z]\w*)'/g)) codes.add(snake(m[1]));
      if (file.endsWith('.dto.ts')) {
        for (const m of text.matchAll(/@(Is\w+|Min|Max|Matches|Length|MinLength|MaxLength|Array\w+)\(/g)) {
          if (m[1] !== 'IsOptional') codes.add(m[1] === 'Length' ? 'IS_LENGTH' : snake(m[1]));
        }
      }
    }
  }
  for (const code of NOT_CODES) codes.delete(code);
  return codes;
}

const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

describe('the refusal catalog', () => {
  const codes = codesInSources();

  it('finds the codes the code base throws (the scan is not empty or blind)', () => {
    expect(codes.size).toBeGreaterThan(150);
    for (const known of ['TASK_NOT_CLAIMABLE', 'SETTLEMENT_EXCEEDS_CONTRACT', 'IS_STRING', 'IS_MONEY_AMOUNT'])
      expect(codes).toContain(known);
  });

  it('has a plain-Chinese message and an English one for every code the code base can throw', () => {
    const missing = [...codes].filter((c) => !refusalMessage(c));
    expect(missing).toEqual([]);
    const notChinese = [...codes].filter((c) => !isPlainChinese(refusalMessage(c)?.zh ?? ''));
    expect(notChinese).toEqual([]);
    const noEnglish = [...codes].filter((c) => !/[A-Za-z]/.test(refusalMessage(c)?.en ?? ''));
    expect(noEnglish).toEqual([]);
  });

  it('covers every catalog entry and every reason code the same way (no English word, code or id in zh)', () => {
    for (const code of [...Object.keys(REFUSAL_MESSAGES), ...REASON_CODES]) {
      const m = refusalMessage(code)!;
      expect({ code, plain: isPlainChinese(m.zh) }).toEqual({ code, plain: true });
      expect(m.zh).not.toMatch(/[A-Z]{2,}_|\d{4,}/);
    }
  });

  it('names a message for each unique constraint the filter knows', () => {
    for (const [code] of Object.values(UNIQUE_CONSTRAINT_CODES)) expect(refusalMessage(code)).toBeDefined();
  });
});

describe('the exception filter answers in both languages', () => {
  const filter = new ApiExceptionFilter();
  beforeAll(() => Logger.overrideLogger(false));

  function expectBilingual(body: ErrorBody) {
    expect(isPlainChinese(body.messages.zh)).toBe(true);
    expect(body.messages.en).toMatch(/[A-Za-z]/);
    expect(body.messages.en).not.toMatch(/[\u4e00-\u9fff]/);
    for (const e of body.errors ?? []) {
      expect(isPlainChinese(e.localized?.zh ?? '')).toBe(true);
      expect(e.localized?.en).toMatch(/[A-Za-z]/);
    }
  }

  const caught = (fn: () => unknown): unknown => {
    try {
      fn();
    } catch (e) {
      return e;
    }
    throw new Error('did not throw');
  };

  it('a service conflict thrown in English gets its catalog message', () => {
    const body = filter.answer(
      new ConflictException({ code: 'TASK_NOT_CLAIMABLE', message: 'This task is already assigned' }),
    );
    expectBilingual(body);
    expect(body.messages).toEqual(REFUSAL_MESSAGES.TASK_NOT_CLAIMABLE);
    expect(body.message).toBe('This task is already assigned');
  });

  it("a domain refusal keeps the thrower's own plain-Chinese text and puts it on the field", () => {
    const body = filter.answer(
      caught(() =>
        refused(
          'SETTLEMENT_EXCEEDS_CONTRACT',
          { zh: '结算累计金额超过合同金额', en: 'Settled amounts would exceed the contract amount (100.00)' },
          'amount',
        ),
      ),
    );
    expectBilingual(body);
    expect(body.messages.en).toContain('(100.00)');
    expect(body.errors?.[0]).toMatchObject({
      field: 'amount',
      localized: { zh: '结算累计金额超过合同金额' },
    });
  });

  it('a refusal whose zh is not Chinese (an id, an English word) falls back to the catalog', () => {
    const body = filter.answer(
      caught(() => refused('UNKNOWN_ENTERPRISE', 'No enterprise with this id', 'id')),
    );
    expect(body.messages).toEqual(REFUSAL_MESSAGES.UNKNOWN_ENTERPRISE);
    expectBilingual(body);
  });

  it('a workflow refusal read across Temporal', () => {
    // As the workflow throws it.
    const failure = refusal('RUN_ALREADY_APPROVED', {
      zh: '该兑付批次已由 1f0c9a 审批',
      en: 'Run already approved by 1f0c9a',
    });
    const body = filter.answer(new WorkflowUpdateFailedError('update failed', failure));
    expect(body).toMatchObject({ statusCode: 409, code: 'RUN_ALREADY_APPROVED' });
    expect(body.messages).toEqual(REFUSAL_MESSAGES.RUN_ALREADY_APPROVED);
  });

  it('validation errors: every field in Chinese, by its constraint', async () => {
    class Dto {
      @IsString()
      @Length(1, 10)
      contractNumber!: string;
      @Matches(/^\d+$/)
      amount!: string;
    }
    const pipe = createValidationPipe();
    const err = await pipe
      .transform({ amount: 'x', extra: 1 }, { type: 'body', metatype: Dto })
      .catch((e: unknown) => e);
    const body = filter.answer(err);
    expect(body.code).toBe('VALIDATION_FAILED');
    expectBilingual(body);
    expect(body.errors?.map((e) => e.field).sort()).toEqual(['amount', 'contractNumber', 'extra']);
    for (const e of body.errors ?? []) expect(e.localized).toEqual(refusalMessage(e.code ?? ''));
    expect(body.errors?.find((e) => e.field === 'extra')?.localized).toEqual(REFUSAL_MESSAGES.UNKNOWN_FIELD);
  });

  it.each([
    ['a bad date', new BusinessDateError('2025-02-30'), 'BUSINESS_DATE_FORMAT'],
    [
      'a domain input refusal',
      new DomainInputError('NO_YEARLY_CAP', 'no cap', 'programCode'),
      'NO_YEARLY_CAP',
    ],
    ['a 413', bodyParserError({ type: 'entity.too.large' }), 'PAYLOAD_TOO_LARGE'],
    ['malformed JSON', bodyParserError({ type: 'entity.parse.failed' }), 'MALFORMED_JSON'],
    [
      'a 401',
      new UnauthorizedException({ code: 'BAD_CREDENTIALS', message: 'Wrong email or password' }),
      'BAD_CREDENTIALS',
    ],
    [
      'a 403',
      new ForbiddenException({ code: 'FORBIDDEN_ROLE', message: 'Role finance may not' }),
      'FORBIDDEN_ROLE',
    ],
    ['a route that does not exist', new NotFoundException('Cannot GET /nope'), 'NOT_FOUND'],
    ['a bare Nest error', new BadRequestException('Validation failed (uuid is expected)'), 'BAD_REQUEST'],
    ['a real fault', new TypeError('x is undefined'), 'INTERNAL_ERROR'],
  ])('%s', (_what, exception, code) => {
    const body = filter.answer(exception);
    expect(body.code).toBe(code);
    expectBilingual(body);
  });

  it('a unique violation: its constraint’s code and message, nothing of PostgreSQL', () => {
    const pg = Object.assign(new Error('pg'), {
      code: '23505',
      constraint: 'users_email_key',
      detail: 'Key',
    });
    const body = filter.answer(new QueryFailedError('INSERT', [], pg));
    expect(body).toMatchObject({
      statusCode: 409,
      code: 'EMAIL_TAKEN',
      messages: REFUSAL_MESSAGES.EMAIL_TAKEN,
    });
    expect(body.errors?.[0]).toMatchObject({ field: 'email', localized: REFUSAL_MESSAGES.EMAIL_TAKEN });
  });

  it('an unknown code answers with its status’s message, never the code', () => {
    const body = filter.answer(new ConflictException({ code: 'SOMETHING_NEW', message: 'new' }));
    expect(body.messages).toEqual(REFUSAL_MESSAGES.CONFLICT);
  });
});
