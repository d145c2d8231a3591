/**
 * Thrown when a caller hands the domain something it cannot represent (a malformed amount or date,
 * a negative line amount). Policy refusals are never thrown: they come back as reason codes.
 */
export class DomainInputError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainInputError';
  }
}
