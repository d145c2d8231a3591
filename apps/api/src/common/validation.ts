import {
  BadRequestException,
  ValidationPipe,
  type ArgumentMetadata,
  type ValidationError,
} from '@nestjs/common';
import { MAX_JSON_DEPTH, TooDeepError, guardInput } from './input-guard';

/** One field's refusal: `messages` for the console, `code` and `message` in the standard shape. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
  messages: string[];
}

/** class-validator's constraint name as a code: isUuid → IS_UUID; an unknown field → UNKNOWN_FIELD. */
function codeOf(constraint: string | undefined): string {
  if (!constraint) return 'INVALID';
  if (constraint === 'whitelistValidation') return 'UNKNOWN_FIELD';
  return constraint.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** Flattens nested class-validator errors into `lines.0.amount: [...]` entries. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) {
      const messages = Object.values(e.constraints);
      out.push({ field, code: codeOf(Object.keys(e.constraints)[0]), message: messages[0], messages });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

export function validationFailed(errors: FieldError[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    code: 'VALIDATION_FAILED',
    message: 'Some fields are invalid (请检查填写内容)',
    errors,
  });
}

/**
 * Whitelisting, unknown fields refused, payload transformed; errors reported field by field. Before that,
 * every body, query and path value passes the input guard (control characters, bidi overrides, nested
 * arrays, depth), so no DTO has to remember those rules.
 */
class GuardedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      // A path or query parameter read by name (`@Param('code')`) is named in the error.
      const prefix = metadata.data && typeof value !== 'object' ? metadata.data : '';
      let problems;
      try {
        problems = guardInput(value, prefix);
      } catch (err) {
        if (!(err instanceof TooDeepError)) throw err;
        throw new BadRequestException({
          statusCode: 400,
          code: 'JSON_TOO_DEEP',
          message: `请求嵌套层级过深 (The request nests deeper than ${MAX_JSON_DEPTH} levels)`,
          errors: [],
        });
      }
      if (problems.length) {
        throw validationFailed(
          problems.map((p) => ({ field: p.field, code: p.code, message: p.message, messages: [p.message] })),
        );
      }
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new GuardedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}
