import {
  BadRequestException,
  HttpException,
  HttpStatus,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { json, urlencoded } from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { MAX_JSON_DEPTH } from './input-guard';

/** Bodies above this are refused with 413 before any handler runs (uploads have their own limit). */
export const JSON_BODY_LIMIT = '256kb';

/**
 * The deepest nesting of a JSON text, counted on the raw bytes before parsing: a body of 10,000 `[` is
 * refused without building it (class-transformer would recurse through it and overflow the stack).
 */
export function jsonDepthExceeds(raw: Buffer, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

function standard(status: number, code: string, message: string) {
  return { statusCode: status, code, message, errors: [] };
}

/** body-parser's errors (http-errors with a `type`) as answers in the standard shape. */
export function bodyParserError(err: { type?: string; status?: number; message?: string }): HttpException {
  switch (err.type ?? '') {
    case 'entity.too.large':
      return new PayloadTooLargeException(
        standard(
          413,
          'PAYLOAD_TOO_LARGE',
          `请求内容过大 (The request body is larger than ${JSON_BODY_LIMIT})`,
        ),
      );
    case 'entity.too.deep':
      return new BadRequestException(
        standard(
          400,
          'JSON_TOO_DEEP',
          `请求嵌套层级过深 (The request nests deeper than ${MAX_JSON_DEPTH} levels)`,
        ),
      );
    case 'entity.parse.failed':
      return new BadRequestException(
        standard(400, 'MALFORMED_JSON', '请求内容不是有效的 JSON (The request body is not valid JSON)'),
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new UnsupportedMediaTypeException(
        standard(415, 'UNSUPPORTED_ENCODING', '不支持的字符编码 (Unsupported body encoding)'),
      );
    default: {
      // An aborted or truncated upload, a wrong Content-Length: the client's fault, said without detail.
      const status =
        err.status && err.status >= 400 && err.status < 500 ? err.status : HttpStatus.BAD_REQUEST;
      return new HttpException(
        standard(status, 'BAD_REQUEST_BODY', '请求内容无法读取 (The request body could not be read)'),
        status,
      );
    }
  }
}

function guarded(parser: RequestHandler): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) =>
    parser(req, res, (err?: unknown) => next(err ? bodyParserError(err as { type?: string }) : undefined));
}

/** The JSON and form parsers the API uses in place of Nest's: bounded size and depth, typed errors. */
export function bodyParsers(): RequestHandler[] {
  const tooDeep = (_req: unknown, _res: unknown, raw: Buffer) => {
    if (jsonDepthExceeds(raw, MAX_JSON_DEPTH)) {
      throw Object.assign(new Error('too deep'), { status: 400, type: 'entity.too.deep' });
    }
  };
  return [
    guarded(json({ limit: JSON_BODY_LIMIT, verify: tooDeep })),
    guarded(urlencoded({ extended: false, limit: JSON_BODY_LIMIT })),
  ];
}
