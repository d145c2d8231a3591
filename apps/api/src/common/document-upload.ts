import { UnprocessableEntityException } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';

/** Documents we keep (materials, evidence, approval documents): PDF, PNG or JPEG, at most 10 MB. */
export const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'];
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * The multipart interceptor for one document in `field`: any other type is refused before the handler runs
 * (422 MATERIAL_TYPE on that field); `what` names the document in the message ("Materials", "Evidence" …).
 */
export function documentUpload(field = 'file', what = 'The document') {
  return FileInterceptor(field, {
    limits: { fileSize: DOCUMENT_MAX_BYTES, files: 1 },
    fileFilter: (_req, file, cb) =>
      DOCUMENT_TYPES.includes(file.mimetype)
        ? cb(null, true)
        : cb(
            new UnprocessableEntityException({
              code: 'MATERIAL_TYPE',
              message: `${what} must be PDF, PNG or JPEG (got ${file.mimetype})`,
              errors: [{ field, messages: [`${field} must be PDF, PNG or JPEG`] }],
            }),
            false,
          ),
  });
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
      message,
      errors: [{ field, messages: [`${field} is required`] }],
    });
  }
}
