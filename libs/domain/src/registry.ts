/**
 * Registry facts shared by the API's validation and the console's form, so both refuse the same input.
 * The unified social credit code (统一社会信用代码, GB 32100-2015) is 18 characters from a 31-character set
 * without I, O, S, V and Z; the format is checked here, the check digit is not (yet).
 */
export const CREDIT_CODE_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export function isCreditCodeFormat(s: unknown): s is string {
  return typeof s === 'string' && CREDIT_CODE_PATTERN.test(s);
}
