import { ConflictException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';

/** 404 for a record that does not exist or is not the caller's: existence never leaks. */
export function notFound(what: string): never {
  throw new NotFoundException({ message: `${what} not found`, code: 'NOT_FOUND' });
}

/** A business rule refused the request: 422 with the domain's reason code and bilingual message. */
export function refused(code: string, message: { zh: string; en: string } | string, field?: string): never {
  const msg = typeof message === 'string' ? { zh: message, en: message } : message;
  throw new UnprocessableEntityException({
    message: `${msg.en} (${msg.zh})`,
    // The screen text; the exception filter falls back to the code's catalog message when zh is not Chinese.
    messages: msg,
    code,
    ...(field ? { errors: [{ field, code, message: msg.en, localized: msg }] } : {}),
  });
}

/** The request conflicts with what is recorded: 409 with the code (its screen text is the catalog's), on `field` if given. */
export function conflict(code: string, message: string, field?: string): never {
  throw new ConflictException({ message, code, ...(field ? { errors: [{ field, code, message }] } : {}) });
}
