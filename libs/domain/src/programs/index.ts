import { DomainInputError } from '../errors';
import type { ProgramDefinition } from '../program';
import { BEIJING_2023_2025 } from './beijing-2023-2025';

export { BEIJING_2023_2025, BEIJING_PARTNER_SUPPLIERS } from './beijing-2023-2025';

/** Every program the back office knows, by code. */
export const PROGRAMS: Readonly<Record<string, ProgramDefinition>> = Object.freeze({
  [BEIJING_2023_2025.code]: BEIJING_2023_2025,
});

export function findProgram(code: string): ProgramDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(PROGRAMS, code) ? PROGRAMS[code] : undefined;
}

/** Throws DomainInputError('UNKNOWN_PROGRAM') for an unknown code; use findProgram to test. */
export function getProgram(code: string): ProgramDefinition {
  const program = findProgram(code);
  if (!program) throw new DomainInputError('UNKNOWN_PROGRAM', `Unknown program: ${JSON.stringify(code)}`);
  return program;
}
