import { applyDecorators, mixin, UnprocessableEntityException, UseInterceptors } from '@nestjs/common';
import type { CallHandler, ExecutionContext, NestInterceptor, Type } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, type SchemaObject } from '@nestjs/swagger';
import type { Request } from 'express';
import { of, type Observable } from 'rxjs';
import { contentProblem, filenameProblem, type DocumentProblem } from './document-checks';

/** Documents we keep (materials, evidence, approval documents): PDF, PNG or JPEG, at most 10 MB. */
export const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'];
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

function refusedOn(field: string, problem: DocumentProblem): UnprocessableEntityException {
  return new UnprocessableEntityException({
    code: problem.code,
    message: `${problem.message.en} (${problem.message.zh})`,
    errors: [{ field, code: problem.code, message: problem.message.en }],
  });
}

/**
 * The multipart interceptor for one document in `field`, refusing before the handler runs (so nothing is
 * stored): a declared type other than PDF, PNG or JPEG (422 MATERIAL_TYPE); content whose magic bytes are
 * not the declared type (MATERIAL_CONTENT_MISMATCH); a name with line breaks, control or bidi characters,
 * or longer than 255 characters (MATERIAL_FILENAME). `what` names the document ("Materials", "Evidence" …).
 */
export function documentUpload(field = 'file', what = 'The document'): Type<NestInterceptor> {
  const Multipart = FileInterceptor(field, {
    limits: { fileSize: DOCUMENT_MAX_BYTES, files: 1 },
    fileFilter: (_req, file, cb) =>
      DOCUMENT_TYPES.includes(file.mimetype)
        ? cb(null, true)
        : cb(
            new UnprocessableEntityException({
              code: 'MATERIAL_TYPE',
              message: `文件须为 PDF、PNG 或 JPEG / ${what} must be PDF, PNG or JPEG (got ${file.mimetype})`,
              errors: [
                {
                  field,
                  code: 'MATERIAL_TYPE',
                  message: '文件须为 PDF、PNG 或 JPEG / must be PDF, PNG or JPEG',
                  messages: [`${field} must be PDF, PNG or JPEG`],
                },
              ],
            }),
            false,
          ),
  });
  class DocumentUpload extends Multipart {
    override async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      // Multer reads the body first (the handler stand-in is never subscribed); the checks need the bytes.
      await super.intercept(ctx, { handle: () => of(undefined) });
      const file = ctx.switchToHttp().getRequest<Request>().file;
      if (file && file.size > 0) {
        const problem =
          filenameProblem(file.originalname) ??
          (await contentProblem(file.buffer, file.mimetype, DOCUMENT_TYPES));
        if (problem) throw refusedOn(field, problem);
      }
      return next.handle();
    }
  }
  return mixin(DocumentUpload);
}

/** How the OpenAPI document describes the document's part of a multipart body. */
export const DOCUMENT_PART: SchemaObject = { type: 'string', format: 'binary' };

/**
 * A route that takes one document as multipart/form-data: the body as the OpenAPI document shows it (the
 * document in `field`, then the form's text `fields`; or a whole `schema` where the form is laid out
 * otherwise) and the checks of documentUpload. `what` names the document in refusals ("Materials" …).
 */
export function DocumentUpload(
  what: string,
  { field = 'file', fields = [], schema }: { field?: string; fields?: string[]; schema?: SchemaObject } = {},
) {
  const properties = Object.fromEntries([
    [field, DOCUMENT_PART],
    ...fields.map((name) => [name, { type: 'string' }]),
  ]);
  return applyDecorators(
    ApiConsumes('multipart/form-data'),
    ApiBody({ schema: schema ?? { type: 'object', properties } }),
    UseInterceptors(documentUpload(field, what)),
  );
}

/** The uploaded document, or 422 MATERIAL_MISSING on `field` when none (or an empty one) came. */
export function requireDocument<T extends { size: number }>(
  file: T | undefined,
  field = 'file',
  message = `Attach a non-empty file in the "${field}" field`,
): asserts file is T {
  if (!file || file.size === 0) {
    throw new UnprocessableEntityException({
      code: 'MATERIAL_MISSING',
      message: `请上传非空文件 / ${message}`,
      errors: [
        {
          field,
          code: 'MATERIAL_MISSING',
          message: '请上传文件 / a file is required',
          messages: [`${field} is required`],
        },
      ],
    });
  }
}

/** The uploaded document, for handing on; 422 MATERIAL_MISSING as requireDocument when there is none. */
export function uploadedDocument<T extends { size: number }>(
  file: T | undefined,
  message?: string,
  field = 'file',
): T {
  requireDocument(file, field, message);
  return file;
}
