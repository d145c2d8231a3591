import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainInputError, isPlainChinese, refusalMessage, refusalMessageOr } from '@app/domain';
import { bodyParserError } from './json-body';
import { workflowRefusalOf, WorkflowRefusalException } from './workflow-refusal';

/**
 * Every error answer: `{ statusCode, code, message, messages, errors? }`. `messages` is the bilingual text a
 * screen shows (`{ zh, en }`, from the refusal catalog in libs/domain unless the thrower gave a plain-Chinese
 * one); each field error carries its own as `localized`. `message` stays for older clients.
 */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  messages: Bilingual;
  errors?: FieldErrorBody[];
}

export interface FieldErrorBody {
  field: string;
  code?: string;
  message?: string;
  messages?: string[];
  localized?: Bilingual;
}

type Bilingual = { zh: string; en: string };

/**
 * The domain's code (and the field it is about) for each unique constraint or index a request can hit (the
 * migrations name them); the message is the catalog's. A request losing a race on one gets 409 with this
 * code, never PostgreSQL's key detail. Where a service checks first, it is the same code as the service's
 * own check: a race's loser hears what a later caller hears.
 */
export const UNIQUE_CONSTRAINT_CODES: Record<string, readonly [code: string, field?: string]> = {
  uq_contract_number_per_supplier: ['CONTRACT_ALREADY_APPLIED', 'contractNumber'],
  uq_application_per_contract: ['CONTRACT_ALREADY_APPLIED', 'contractNumber'],
  uq_settlement_invoice: ['INVOICE_REUSED', 'invoiceNumber'],
  enterprises_credit_code_key: ['CREDIT_CODE_TAKEN', 'creditCode'],
  suppliers_code_key: ['SUPPLIER_CODE_TAKEN', 'code'],
  users_email_key: ['EMAIL_TAKEN', 'email'],
  uq_related_party_pair: ['RELATED_PARTY_EXISTS'],
  uq_program_version_effective: ['PROGRAM_VERSION_EXISTS', 'effectiveFrom'],
  uq_program_supplier_list: ['SUPPLIER_LIST_EXISTS', 'effectiveFrom'],
  uq_program_document: ['DOCUMENT_EXISTS'],
  uq_redemption_run: ['RUN_EXISTS'],
  uq_round_program_year: ['ROUND_EXISTS'],
  uq_round_entry_enterprise: ['ROUND_ALREADY_ENTERED'],
  uq_round_entry_supplier: ['ROUND_ALREADY_ENTERED'],
  uq_pool_application_per_unit_year: ['POOL_ALREADY_APPLIED'],
  uq_pool_deduction_payment: ['PAYMENT_ALREADY_DEDUCTED', 'paymentReference'],
  uq_pool_redemption_live: ['REDEMPTION_EXISTS'],
  redemption_claims_settlement_id_key: ['CLAIM_EXISTS', 'settlementId'],
  uq_grant_subject: ['GRANT_EXISTS'],
  settlement_discounts_spending_key_key: ['DISCOUNT_EXISTS'],
  uq_clawback_repayment_reference: ['CLAWBACK_REFERENCE_REUSED', 'reference'],
  uq_finding_application: ['SUPERVISION_FINDING_EXISTS'],
  uq_appeal_pending: ['APPEAL_ALREADY_OPEN'],
  uq_evidence_file: ['EVIDENCE_EXISTS'],
  uq_funded_spending_once: ['SPENDING_ALREADY_FUNDED'],
};

/** A unique violation as the domain says it (a generic DUPLICATE for an unmapped one); null for any other error. */
export function uniqueViolationOf(err: unknown): {
  code: string;
  message: string;
  messages: Bilingual;
  field?: string;
  constraint: string;
} | null {
  if (!(err instanceof QueryFailedError)) return null;
  const pg = err.driverError as PgError;
  if (pg?.code !== '23505') return null;
  const constraint = pg.constraint ?? '';
  const [code, field] = UNIQUE_CONSTRAINT_CODES[constraint] ?? ['DUPLICATE'];
  const messages = refusalMessageOr(code, HttpStatus.CONFLICT);
  return { code, message: text(messages), messages, ...(field ? { field } : {}), constraint };
}

/** A DomainInputError whose code says the input's form is wrong (400); any other is a business refusal (422). */
const MALFORMED_DOMAIN_INPUT = /FORMAT|NOT_FINITE|RANGE/;

function text(message: Bilingual): string {
  return `${message.en} (${message.zh})`;
}

interface PgError {
  code?: string;
  constraint?: string;
  column?: string;
}

/**
 * The one place errors become HTTP answers. What the client did wrong is a 4xx with a code (and the fields);
 * what the database said stays in the log; only a real fault is a 500, logged with its stack.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Api');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.answer(exception);
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(body.statusCode).json(body);
  }

  /** The answer to an exception, with the messages a screen shows in either language. */
  answer(exception: unknown): ErrorBody {
    return localized(this.plain(exception));
  }

  private plain(exception: unknown): PlainBody {
    if (exception instanceof HttpException) return fromHttpException(exception, this.logger);

    const refusal = workflowRefusalOf(exception);
    if (refusal) return fromHttpException(new WorkflowRefusalException(refusal), this.logger);

    if (exception instanceof DomainInputError) {
      const malformed = MALFORMED_DOMAIN_INPUT.test(exception.code);
      const statusCode = malformed ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_ENTITY;
      const message = malformed
        ? `${exception.message} (输入格式不正确)`
        : `${exception.message} (请求不符合规则)`;
      return {
        statusCode,
        code: exception.code,
        message,
        ...(exception.field ? { errors: [{ field: exception.field, code: exception.code, message }] } : {}),
      };
    }

    // An error body-parser raised that Nest did not map (413, a deep or malformed body).
    const bodyType = (exception as { type?: unknown } | null)?.type;
    if (typeof bodyType === 'string' && /^(entity|encoding|charset|request)\./.test(bodyType)) {
      return fromHttpException(bodyParserError(exception as { type: string }), this.logger);
    }

    if (exception instanceof QueryFailedError) {
      const pg = exception.driverError as PgError;
      const sqlState = pg?.code ?? '';
      const duplicate = uniqueViolationOf(exception);
      if (duplicate) {
        this.logger.warn(`unique violation on ${duplicate.constraint} answered 409 ${duplicate.code}`);
        const { code, message, messages, field } = duplicate;
        return {
          statusCode: HttpStatus.CONFLICT,
          code,
          message,
          messages,
          ...(field ? { errors: [{ field, code, message }] } : {}),
        };
      }
      if (sqlState === '23503') {
        // The request named a record that does not exist (or was removed meanwhile).
        this.logger.warn(`foreign key violation on ${pg.constraint ?? '?'} answered 422`);
        return {
          statusCode: HttpStatus.UNPROCESSABLE_ENTITY,
          code: 'UNKNOWN_REFERENCE',
          message: catalogText('UNKNOWN_REFERENCE'),
          errors: [],
        };
      }
      if (sqlState === '40001' || sqlState === '40P01' || sqlState === '55P03') {
        this.logger.warn(`concurrent update (${sqlState}) answered 409`);
        return {
          statusCode: HttpStatus.CONFLICT,
          code: 'CONCURRENT_UPDATE',
          message: catalogText('CONCURRENT_UPDATE'),
        };
      }
      if (sqlState.startsWith('22')) {
        // Data exceptions: invalid text representation, numeric overflow, a NUL byte, a date out of range.
        this.logger.warn(`data exception ${sqlState} answered 400: ${exception.message}`);
        return {
          statusCode: HttpStatus.BAD_REQUEST,
          code: 'INVALID_VALUE',
          message: catalogText('INVALID_VALUE'),
          errors: [],
        };
      }
    }

    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'INTERNAL_ERROR',
      message: catalogText('INTERNAL_ERROR'),
    };
  }
}

const DEFAULT_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

/** Keeps a thrown HttpException's body, adding what the standard shape needs (statusCode, code). */
function fromHttpException(exception: HttpException, logger: Logger): PlainBody {
  const statusCode = exception.getStatus();
  const raw = exception.getResponse();
  const body: Record<string, unknown> =
    typeof raw === 'string' ? { message: raw } : { ...(raw as Record<string, unknown>) };
  delete body.error;
  if (Array.isArray(body.message)) body.message = body.message.join('; ');
  const code =
    typeof body.code === 'string' ? body.code : (DEFAULT_CODES[statusCode] ?? `HTTP_${statusCode}`);
  if (statusCode === 413) {
    logger.warn(`payload too large refused (413)`);
    return {
      statusCode,
      code: 'PAYLOAD_TOO_LARGE',
      message: typeof body.message === 'string' ? body.message : '请求内容过大 (Payload too large)',
      errors: [],
    };
  }
  if (statusCode >= 500) logger.error(exception.stack ?? exception.message);
  return {
    ...body,
    statusCode,
    code,
    message: typeof body.message === 'string' ? body.message : exception.message,
  } as PlainBody;
}

/** An answer before its screen messages are settled: the thrower's own, if any, ride in `messages`. */
type PlainBody = Omit<ErrorBody, 'messages'> & { messages?: Partial<Bilingual> };

function catalogText(code: string): string {
  return text(refusalMessageOr(code, HttpStatus.BAD_REQUEST));
}

/** The thrower's own bilingual text when a screen may show it (plain Chinese, with English); else none. */
function ownText(given: unknown): Bilingual | undefined {
  const m = given as Partial<Bilingual> | undefined;
  return typeof m?.zh === 'string' && typeof m.en === 'string' && isPlainChinese(m.zh)
    ? { zh: m.zh, en: m.en }
    : undefined;
}

/**
 * Settles what a screen shows: the thrower's plain-Chinese text, else the catalog's for the code, else the
 * status's. Each field error gets its own: its code's, else the answer's.
 */
function localized(body: PlainBody): ErrorBody {
  const messages = ownText(body.messages) ?? refusalMessageOr(body.code, body.statusCode);
  const errors = body.errors?.map((e) => ({
    ...e,
    localized: ownText(e.localized) ?? (e.code ? refusalMessage(e.code) : undefined) ?? messages,
  }));
  return { ...body, messages, ...(errors ? { errors } : {}) };
}
