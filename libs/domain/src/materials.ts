import { missingMaterials } from './pool';
import type { MaterialFileKind, MaterialRequirement, ProgramDefinition } from './program';

/** The MIME type of each file kind a checklist slot may accept (the upload check reads the content too). */
export const MATERIAL_MIME_TYPES: Record<MaterialFileKind, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

/** The slots an applying unit fills before submitting: the applicant's application-stage materials. */
export function applicationChecklist(
  definition: Pick<ProgramDefinition, 'materials'>,
): MaterialRequirement[] {
  return definition.materials.filter((m) => m.party === 'applicant' && m.stage === 'application');
}

/** The MIME types a slot accepts (all document kinds when it names none). */
export function acceptedMimeTypes(slot: MaterialRequirement): string[] {
  return (slot.accepts?.length ? slot.accepts : (['pdf', 'png', 'jpeg'] as const)).map(
    (k) => MATERIAL_MIME_TYPES[k],
  );
}

/**
 * The required slots still empty, in checklist order: submission is refused (MATERIALS_MISSING, one field
 * per slot) while this is not empty. `filled` holds the codes of the slots that have a file.
 */
export function missingApplicationMaterials(
  definition: ProgramDefinition,
  filled: Iterable<string>,
): MaterialRequirement[] {
  return missingMaterials(definition, 'applicant', 'application', [...filled]);
}
