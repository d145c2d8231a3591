/**
 * Thrown when a caller hands the domain something it cannot represent (a malformed amount or date,
 * a negative line amount). Policy refusals are never thrown: they come back as reason codes.
 * The API answers it field by field: 400 when the code says the form is wrong (`*_FORMAT`, `*_RANGE`,
 * `*_NOT_FINITE`), 422 otherwise; `field` names the request field when the caller knows it.
 */
export class DomainInputError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainInputError';
  }
}
