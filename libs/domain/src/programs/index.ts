import { DomainInputError } from '../errors';
import type { ProgramDefinition } from '../program';
import { BEIJING_2023_2025 } from './beijing-2023-2025';
import { CHENGDU_GREEN, CHENGDU_PUHUI, CHENGDU_SUPPLIER_SUBSIDY, CHENGDU_TEHUI } from './chengdu-2025';
import { HENAN_2024_2025 } from './henan-2024-2025';
import { GUIYANG_COMPUTE } from './guiyang-004';
import { SURVEY_003_PROGRAMS } from './survey-003';
import { YINCHUAN_MODEL, YINCHUAN_TALENT } from './yinchuan-002';

export { BEIJING_2023_2025, BEIJING_PARTNER_SUPPLIERS } from './beijing-2023-2025';
export {
  CHENGDU_DEMO_SUPPLIERS,
  CHENGDU_GREEN,
  CHENGDU_PUHUI,
  CHENGDU_SUPPLIER_SUBSIDY,
  CHENGDU_TEHUI,
} from './chengdu-2025';
export { HENAN_2024_2025 } from './henan-2024-2025';
export * from './survey-003';
export { YINCHUAN_MODEL, YINCHUAN_TALENT } from './yinchuan-002';
export { GUIYANG_COMPUTE } from './guiyang-004';

/**
 * The built-in definitions: the first version of each program, seeded into `program_versions`. Later
 * versions live only in the database; code that decides anything reads the version in force from there.
 */
export const PROGRAMS: Readonly<Record<string, ProgramDefinition>> = Object.freeze(
  Object.fromEntries(
    [
      BEIJING_2023_2025,
      CHENGDU_PUHUI,
      CHENGDU_TEHUI,
      CHENGDU_SUPPLIER_SUBSIDY,
      CHENGDU_GREEN,
      HENAN_2024_2025,
      ...SURVEY_003_PROGRAMS,
      YINCHUAN_MODEL,
      YINCHUAN_TALENT,
      GUIYANG_COMPUTE,
    ].map((p) => [p.code, p]),
  ),
);

export function findProgram(code: string): ProgramDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(PROGRAMS, code) ? PROGRAMS[code] : undefined;
}

/** Throws DomainInputError('UNKNOWN_PROGRAM') for an unknown code; use findProgram to test. */
export function getProgram(code: string): ProgramDefinition {
  const program = findProgram(code);
  if (!program) throw new DomainInputError('UNKNOWN_PROGRAM', `Unknown program: ${JSON.stringify(code)}`);
  return program;
}
