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
import { DomainInputError, REASON_MESSAGES } from '@app/domain';
import { bodyParserError } from './json-body';
import { workflowRefusalOf, WorkflowRefusalException } from './workflow-refusal';

/** Every error answer: `{ statusCode, code, message, errors? }`, the message in English and Chinese. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: unknown[];
}

type Bilingual = { zh: string; en: string };

/**
 * The domain's code for each unique constraint or index a request can hit (the migrations name them).
 * A request losing a race on one gets 409 with this code, never PostgreSQL's key detail.
 */
export const UNIQUE_CONSTRAINT_CODES: Record<string, { code: string; message: Bilingual; field?: string }> = {
  // The same code as the service's own check: a race's loser hears what a later caller hears.
  uq_contract_number_per_supplier: {
    code: 'CONTRACT_ALREADY_APPLIED',
    message: REASON_MESSAGES.CONTRACT_ALREADY_APPLIED,
    field: 'contractNumber',
  },
  uq_settlement_invoice: {
    code: 'INVOICE_REUSED',
    message: { zh: '发票已使用', en: 'This invoice number has already been confirmed' },
    field: 'invoiceNumber',
  },
  uq_application_per_contract: {
    code: 'CONTRACT_ALREADY_APPLIED',
    message: REASON_MESSAGES.CONTRACT_ALREADY_APPLIED,
    field: 'contractNumber',
  },
  enterprises_credit_code_key: {
    code: 'CREDIT_CODE_TAKEN',
    message: {
      zh: '统一社会信用代码已登记',
      en: 'An enterprise with this credit code is already registered',
    },
    field: 'creditCode',
  },
  suppliers_code_key: {
    code: 'SUPPLIER_CODE_TAKEN',
    message: { zh: '供给方代码已存在', en: 'A supplier with this code already exists' },
    field: 'code',
  },
  users_email_key: {
    code: 'EMAIL_TAKEN',
    message: { zh: '该邮箱已有账号', en: 'A user with this email already exists' },
    field: 'email',
  },
  uq_related_party_pair: {
    code: 'RELATED_PARTY_EXISTS',
    message: { zh: '该关联关系已登记', en: 'This related-party link is already recorded' },
  },
  uq_program_version_effective: {
    code: 'PROGRAM_VERSION_EXISTS',
    message: { zh: '该日期已有项目版本', en: 'The program already has a version from this date' },
    field: 'effectiveFrom',
  },
  uq_program_supplier_list: {
    code: 'SUPPLIER_LIST_EXISTS',
    message: { zh: '该日期已有供给方名单', en: 'The program already has a supplier list from this date' },
    field: 'effectiveFrom',
  },
  uq_program_document: {
    code: 'DOCUMENT_EXISTS',
    message: { zh: '该文件已上传', en: 'This document is already uploaded for the program' },
  },
  uq_redemption_run: {
    code: 'RUN_EXISTS',
    message: { zh: '该季度的兑付批次已存在', en: 'A redemption run for this quarter already exists' },
  },
  uq_round_program_year: {
    code: 'ROUND_EXISTS',
    message: { zh: '该年度的申报轮次已存在', en: 'A round for this program and year already exists' },
  },
  uq_round_entry_enterprise: {
    code: 'ROUND_ALREADY_ENTERED',
    message: { zh: '本年度已申报', en: 'Already entered in this year’s round' },
  },
  uq_round_entry_supplier: {
    code: 'ROUND_ALREADY_ENTERED',
    message: { zh: '本年度已申报', en: 'Already entered in this year’s round' },
  },
  uq_pool_application_per_unit_year: {
    code: 'POOL_ALREADY_APPLIED',
    message: { zh: '本年度已申请', en: 'Already applied this year' },
  },
  uq_pool_deduction_payment: {
    code: 'PAYMENT_ALREADY_DEDUCTED',
    message: { zh: '该付款凭证已抵扣', en: 'This payment reference already carries a deduction' },
    field: 'paymentReference',
  },
  uq_pool_redemption_live: {
    code: 'REDEMPTION_EXISTS',
    message: { zh: '该抵扣已申请兑付', en: 'This deduction already has a redemption' },
  },
  redemption_claims_settlement_id_key: {
    code: 'CLAIM_EXISTS',
    message: { zh: '该结算已申请兑付', en: 'This settlement is already claimed' },
    field: 'settlementId',
  },
  uq_grant_subject: {
    code: 'GRANT_EXISTS',
    message: { zh: '该对象已获补助', en: 'This subject already has a grant' },
  },
  settlement_discounts_spending_key_key: {
    code: 'DISCOUNT_EXISTS',
    message: { zh: '该结算已享受折扣', en: 'This settlement already carries a discount' },
  },
  uq_clawback_repayment_reference: {
    code: 'CLAWBACK_REFERENCE_REUSED',
    message: { zh: '该还款凭证已登记', en: 'This repayment reference is already recorded' },
    field: 'reference',
  },
  uq_finding_application: {
    code: 'SUPERVISION_FINDING_EXISTS',
    message: { zh: '该申请已有核查结论', en: 'This application already has a finding' },
  },
  uq_appeal_pending: {
    code: 'APPEAL_ALREADY_OPEN',
    message: { zh: '已有待处理的申诉', en: 'An appeal is already pending' },
  },
  uq_evidence_file: {
    code: 'EVIDENCE_EXISTS',
    message: { zh: '该证据文件已上传', en: 'This evidence file is already attached' },
  },
  uq_funded_spending_once: {
    code: 'SPENDING_ALREADY_FUNDED',
    message: { zh: '该笔支出已获支持', en: 'This spending is already funded' },
  },
};

/** A unique violation as the domain says it (a generic DUPLICATE for an unmapped one); null for any other error. */
export function uniqueViolationOf(
  err: unknown,
): { code: string; message: string; field?: string; constraint: string } | null {
  if (!(err instanceof QueryFailedError)) return null;
  const pg = err.driverError as PgError;
  if (pg?.code !== '23505') return null;
  const constraint = pg.constraint ?? '';
  const known = UNIQUE_CONSTRAINT_CODES[constraint];
  return {
    code: known?.code ?? 'DUPLICATE',
    message: text(known?.message ?? { zh: '记录已存在', en: 'This record already exists' }),
    ...(known?.field ? { field: known.field } : {}),
    constraint,
  };
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

  answer(exception: unknown): ErrorBody {
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
        const { code, message, field } = duplicate;
        return {
          statusCode: HttpStatus.CONFLICT,
          code,
          message,
          ...(field ? { errors: [{ field, code, message }] } : {}),
        };
      }
      if (sqlState === '23503') {
        // The request named a record that does not exist (or was removed meanwhile).
        this.logger.warn(`foreign key violation on ${pg.constraint ?? '?'} answered 422`);
        return {
          statusCode: HttpStatus.UNPROCESSABLE_ENTITY,
          code: 'UNKNOWN_REFERENCE',
          message: text({ zh: '引用的记录不存在', en: 'A record the request refers to does not exist' }),
          errors: [],
        };
      }
      if (sqlState === '40001' || sqlState === '40P01' || sqlState === '55P03') {
        this.logger.warn(`concurrent update (${sqlState}) answered 409`);
        return {
          statusCode: HttpStatus.CONFLICT,
          code: 'CONCURRENT_UPDATE',
          message: text({
            zh: '记录正被同时修改,请重试',
            en: 'The record was changed at the same time; try again',
          }),
        };
      }
      if (sqlState.startsWith('22')) {
        // Data exceptions: invalid text representation, numeric overflow, a NUL byte, a date out of range.
        this.logger.warn(`data exception ${sqlState} answered 400: ${exception.message}`);
        return {
          statusCode: HttpStatus.BAD_REQUEST,
          code: 'INVALID_VALUE',
          message: text({ zh: '请求中有无法存储的值', en: 'A value in the request cannot be stored' }),
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
      message: text({ zh: '服务器内部错误', en: 'Internal server error' }),
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
function fromHttpException(exception: HttpException, logger: Logger): ErrorBody {
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
  } as ErrorBody;
}
