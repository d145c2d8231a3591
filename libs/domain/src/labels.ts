import {
  APPLICATION_DOMAIN_LABELS,
  INDUSTRY_LABELS,
  type ApplicationDomain,
  type Industry,
  type LocalizedText,
} from './program';
// The catalogs are data (labels.json): region segments, eligibility-check parameters, definition fields.
import LABELS from './labels.json';

/**
 * Place names of the region codes programs and enterprises use (`beijing-haidian` is 北京 + 海淀区). A code
 * is stored as written; only its label is looked up, segment by segment.
 */
const REGION_SEGMENTS: Record<string, LocalizedText> = LABELS.regionSegments;

/** The registration regions a form offers (each named by its segments): the programs' places and more. */
export const REGION_CODES: readonly string[] = LABELS.regions;

/** A region code's place name; a segment without a name is shown as it was entered. */
export function regionName(code: string): LocalizedText {
  const parts = code
    .split('-')
    .filter(Boolean)
    .map((s) => REGION_SEGMENTS[s] ?? { zh: s, en: s });
  return { zh: parts.map((p) => p.zh).join(''), en: parts.map((p) => p.en).join(' ') };
}

/** The parameters eligibility checks report (eligibility.ts `rule(…, params)`), as labels for a screen. */
export const RULE_PARAM_LABELS: Record<string, LocalizedText> = LABELS.ruleParams;

/** A rule parameter as `label: value`, the value named where it is a code (region, industry, domain). */
export function ruleParamText(
  key: string,
  value: string | number | boolean | null | undefined,
): { label: LocalizedText; value: LocalizedText } {
  const label = RULE_PARAM_LABELS[key] ?? { zh: key, en: key };
  const raw = value === null || value === undefined ? '—' : String(value);
  const named =
    typeof value !== 'string'
      ? undefined
      : key === 'registrationRegion'
        ? regionName(value)
        : key === 'industry'
          ? INDUSTRY_LABELS[value as Industry]
          : key === 'applicationDomain'
            ? APPLICATION_DOMAIN_LABELS[value as ApplicationDomain]
            : undefined;
  const yesNo =
    typeof value === 'boolean' ? (value ? { zh: '是', en: 'yes' } : { zh: '否', en: 'no' }) : undefined;
  return { label, value: named ?? yesNo ?? { zh: raw, en: raw } };
}

/** Codes a screen names elsewhere (the supplier's name is on the same page): not repeated as a parameter. */
const PARAMS_NAMED_ELSEWHERE = new Set(['supplierCode']);

/** A check's parameters for a screen, in order, without the ones named elsewhere. */
export function ruleParamTexts(
  params: Readonly<Record<string, string | number | boolean | null>>,
): { label: LocalizedText; value: LocalizedText }[] {
  return Object.entries(params)
    .filter(([k]) => !PARAMS_NAMED_ELSEWHERE.has(k))
    .map(([k, v]) => ruleParamText(k, v));
}

/** Every field of a program definition (program.ts `ProgramDefinition`) as the program editor labels it. */
export const PROGRAM_FIELD_LABELS: Record<string, LocalizedText> = LABELS.programFields;
