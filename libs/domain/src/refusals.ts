import type { LocalizedText } from './program';
import { REASON_MESSAGES } from './reasons';
// The catalog is data (refusals.json), grouped as the codes arise: form, sign-in and roles, records, rules,
// workflows and the server.
import REFUSALS from './refusals.json';

/**
 * Every other code the API answers a refusal with (the eligibility and rule codes are REASON_MESSAGES):
 * request form, sign-in and roles, workflow steps, duplicates, and the HTTP fallbacks. The console shows
 * `zh` or `en` and never the code, so `zh` is plain Chinese (no English words, ids or codes).
 * A code is never renamed or reused (docs/adr/0046-refusal-messages.md).
 */
export const REFUSAL_MESSAGES = REFUSALS satisfies Record<string, LocalizedText>;

/** What a status means when its code has no message of its own (a code from a newer server, say). */
const BY_STATUS: Record<number, LocalizedText> = {
  400: REFUSAL_MESSAGES.BAD_REQUEST,
  401: REFUSAL_MESSAGES.UNAUTHENTICATED,
  403: REFUSAL_MESSAGES.FORBIDDEN,
  404: REFUSAL_MESSAGES.NOT_FOUND,
  409: REFUSAL_MESSAGES.CONFLICT,
  413: REFUSAL_MESSAGES.PAYLOAD_TOO_LARGE,
  415: REFUSAL_MESSAGES.UNSUPPORTED_MEDIA_TYPE,
  422: REFUSAL_MESSAGES.UNPROCESSABLE,
  429: REFUSAL_MESSAGES.TOO_MANY_REQUESTS,
  503: REFUSAL_MESSAGES.SERVICE_UNAVAILABLE,
};

export type RefusalCode = keyof typeof REFUSAL_MESSAGES;

/** The message of any code the API answers with, eligibility reasons included; undefined for an unknown code. */
export function refusalMessage(code: string): LocalizedText | undefined {
  const own = Object.prototype.hasOwnProperty.call(REFUSAL_MESSAGES, code);
  if (own) return REFUSAL_MESSAGES[code as RefusalCode];
  const reason = Object.prototype.hasOwnProperty.call(REASON_MESSAGES, code);
  return reason ? REASON_MESSAGES[code as keyof typeof REASON_MESSAGES] : undefined;
}

/** The message of a code, else of the status (an unknown code is never shown as itself). */
export function refusalMessageOr(code: string, status: number): LocalizedText {
  return (
    refusalMessage(code) ??
    BY_STATUS[status] ??
    (status >= 500 ? REFUSAL_MESSAGES.INTERNAL_ERROR : REFUSAL_MESSAGES.BAD_REQUEST)
  );
}

/**
 * Chinese a screen may show as it is: it has Chinese characters and no English word, code or id in it.
 * A thrown message that is not (a zh that is really English, `approverId 须为 uuid`) gives way to the catalog's.
 */
export function isPlainChinese(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text) && !/[A-Za-z]/.test(text);
}
