/**
 * Checks every request value before class-transformer and class-validator see it: strings without control
 * characters or bidi overrides (a name or contract number that renders differently from what is stored),
 * no array directly inside an array (no DTO takes one), nesting bounded. The same rules hold for every field
 * of every route, so no DTO can forget them.
 */

/** Deeper than any DTO (a program definition is about 6 levels): a deeper body is refused as a whole. */
export const MAX_JSON_DEPTH = 20;

/** Free text (reasons, notes, comments, descriptions) may hold line breaks and tabs; nothing else may. */
const FREE_TEXT_FIELD =
  /(reason|note|comment|description|remark|summary|explanation|justification|message)s?$/i;

/** C0 controls, DEL and C1 controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- as above, line feed and tab allowed
const CONTROL_EXCEPT_LINE_BREAK_AND_TAB = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** Bidi embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069). */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

export interface GuardError {
  field: string;
  code: 'CONTROL_CHARACTER' | 'BIDI_CONTROL' | 'NESTED_ARRAY';
  message: string;
}

/** Thrown when the value nests deeper than MAX_JSON_DEPTH (the whole request is refused). */
export class TooDeepError extends Error {
  constructor() {
    super(`The request nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
}

function stringProblem(field: string, freeText: boolean, s: string): GuardError | null {
  const control = freeText ? CONTROL_EXCEPT_LINE_BREAK_AND_TAB : CONTROL;
  if (control.test(s)) {
    return {
      field,
      code: 'CONTROL_CHARACTER',
      message: freeText
        ? `${field} must not contain control characters other than line breaks and tabs (不得包含控制字符)`
        : `${field} must not contain control characters (不得包含控制字符)`,
    };
  }
  if (BIDI_CONTROL.test(s)) {
    return {
      field,
      code: 'BIDI_CONTROL',
      message: `${field} must not contain bidirectional override or isolate characters (不得包含双向文本控制字符)`,
    };
  }
  return null;
}

/** Every problem of `value`, by field path (`lines.0.description`); throws TooDeepError past the bound. */
export function guardInput(value: unknown, prefix = ''): GuardError[] {
  const out: GuardError[] = [];
  walk(value, prefix, FREE_TEXT_FIELD.test(prefix), 0, false, out);
  return out;
}

function walk(
  value: unknown,
  field: string,
  /** Inside a free-text field (its `{ zh, en }` parts too). */
  freeText: boolean,
  depth: number,
  inArray: boolean,
  out: GuardError[],
): void {
  if (depth > MAX_JSON_DEPTH) throw new TooDeepError();
  if (typeof value === 'string') {
    const problem = stringProblem(field, freeText, value);
    if (problem) out.push(problem);
    return;
  }
  if (Array.isArray(value)) {
    if (inArray) {
      out.push({ field, code: 'NESTED_ARRAY', message: `${field} must not be an array inside an array` });
      return;
    }
    value.forEach((v, i) => walk(v, field ? `${field}.${i}` : String(i), freeText, depth + 1, true, out));
    return;
  }
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value)) {
      const path = field ? `${field}.${k}` : k;
      const keyProblem = stringProblem(path, false, k);
      if (keyProblem) out.push({ ...keyProblem, message: `The field name ${keyProblem.message}` });
      walk(v, path, freeText || FREE_TEXT_FIELD.test(k), depth + 1, false, out);
    }
  }
}
