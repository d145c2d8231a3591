import { DomainInputError } from './errors';
import { Money } from './money';
import type { ProgramDefinition } from './program';

/*
 * 免申即享 grants (Chengdu 绿色算力券, seed 001 §三(二)2 and §四(四)): a recorded fact (a data centre newly
 * approved as a national green data centre) creates one grant of the program's amount, without an
 * application. One grant per data centre, whatever happens twice.
 */

export function grantAmount(def: ProgramDefinition): Money {
  if (!def.grant)
    throw new DomainInputError('PROGRAM_NOT_A_GRANT', `${def.code} grants nothing automatically`);
  return Money.parse(def.grant.amount);
}

/** The business key of a green-data-centre grant: the data centre, normalised (case, spaces). */
export function dataCentreKey(code: string): string {
  const key = code.trim().replace(/\s+/g, '-').toLowerCase();
  if (!/^[a-z0-9][a-z0-9._-]{1,63}$/.test(key)) {
    throw new DomainInputError('GRANT_DATA_CENTRE_CODE', `not a data centre code: ${JSON.stringify(code)}`);
  }
  return key;
}

/** Deterministic workflow id of one grant. */
export function grantWorkflowKey(programCode: string, subjectKey: string): string {
  return `grant:${programCode}:${subjectKey}`;
}

/** The supplier running the data centre must be on the list in force (seed 001 §二(二), §六(一)). */
export function grantRefusal(
  listedSupplierCodes: readonly string[],
  supplierCode: string,
): 'GRANT_SUPPLIER_NOT_LISTED' | null {
  return listedSupplierCodes.includes(supplierCode) ? null : 'GRANT_SUPPLIER_NOT_LISTED';
}
