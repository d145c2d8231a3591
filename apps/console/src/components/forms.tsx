import { useState, type FormEvent } from 'react';
import { ApiError, api, qs, type Page } from '../api';
import { useAction, useAsync, useDebounced, useFieldMessages } from '../hooks';
import { useI18n, type MessageKey, type Translate } from '../i18n';
import { ErrorBox, Field, InputField, Select, SubmitRow, type Option } from './ui';

export type FormValue = string | boolean | string[];
export type Values = Record<string, FormValue>;

export type { Option };

/**
 * One field of a record form, described as data so that every admin form shares one renderer and one
 * validation path. `rule` is the client's copy of the API's DTO rule; `message` (from the i18n dictionary)
 * is shown when it fails, and also in place of the API's English text when the server refuses the field.
 */
export interface FieldSpec {
  name: string;
  label: string;
  kind?: 'text' | 'email' | 'password' | 'check' | 'select' | 'multi' | 'lookup';
  options?: Option[];
  /** For a `lookup`: the register searched as one types. */
  lookup?: Lookup;
  /** Messages for API error codes that name this field (`WRONG_PASSWORD` → "the current password is wrong"). */
  codes?: Record<string, string>;
  /** A password field's autocomplete (a new one unless told). */
  autoComplete?: string;
  hint?: string;
  rule?(value: FormValue, values: Values): boolean;
  message?: string;
  /** The field is shown (and checked, and sent) only while this holds. */
  when?(values: Values): boolean;
}

/** A register searched by `GET url?q=` (one record by `GET url/:id`), each record shown by `label`. */
export interface Lookup {
  url: string;
  label(row: { id: string }): string;
}

export function lookup<T extends { id: string }>(url: string, label: (row: T) => string): Lookup {
  return { url, label: label as (row: { id: string }) => string };
}

/** The trimmed text of a string field (a form keeps every value as typed; rules and bodies read it trimmed). */
export const text = (v: FormValue | undefined): string => (typeof v === 'string' ? v.trim() : '');

/** Client rules shared by the admin forms (the same as the API's DTO rules). */
export const rules = {
  length: (min: number, max: number) => (v: FormValue) => text(v).length >= min && text(v).length <= max,
  email: (v: FormValue) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text(v)) && text(v).length <= 200,
  some: (v: FormValue) => Array.isArray(v) && v.length > 0,
  chosen: (v: FormValue) => text(v) !== '',
};

/** A password as the API takes it: 10 to 200 characters, sent as typed. */
export const passwordField = (t: Translate, name: string, label: MessageKey): FieldSpec => ({
  name,
  label: t(label),
  kind: 'password',
  rule: (v) => typeof v === 'string' && v.length >= 10 && v.length <= 200,
  message: t('passwordLength'),
});

/** Only the fields that are shown count: a hidden field is neither checked nor sent. */
export function visibleFields(fields: FieldSpec[], values: Values): FieldSpec[] {
  return fields.filter((f) => !f.when || f.when(values));
}

/** A record's values as the form holds them (a yes/no as a boolean, a missing text as ''). */
export function valuesOf(fields: FieldSpec[], row: object): Values {
  const r = row as Record<string, unknown>;
  return Object.fromEntries(
    fields.map((f) => {
      const v = r[f.name];
      if (f.kind === 'check') return [f.name, v === true];
      if (f.kind === 'multi') return [f.name, Array.isArray(v) ? (v as string[]) : []];
      return [f.name, typeof v === 'string' ? v : ''];
    }),
  );
}

/** The request body: the shown fields only, texts trimmed (a password as typed), an empty text as null. */
export function bodyOf(fields: FieldSpec[], values: Values): Record<string, FormValue | null> {
  return Object.fromEntries(
    visibleFields(fields, values).map((f) => {
      const v = values[f.name];
      if (f.kind === 'check') return [f.name, v === true];
      if (f.kind === 'multi' || f.kind === 'password') return [f.name, v];
      return [f.name, text(v) || null];
    }),
  );
}

function validate(fields: FieldSpec[], values: Values): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const f of fields)
    if (f.rule && !f.rule(values[f.name] ?? '', values)) errors[f.name] = f.message ?? f.name;
  return errors;
}

/** A record form built from `fields`: messages next to the fields as they type, then `onSubmit(values)`. */
export function SpecForm({
  fields,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  testId,
}: {
  fields: FieldSpec[];
  initial: Values;
  submitLabel: string;
  onSubmit(values: Values): Promise<unknown>;
  onCancel?(): void;
  testId?: string;
}) {
  const { t, lang } = useI18n();
  const [values, setValues] = useState<Values>(initial);
  const { busy, error, run } = useAction();
  const shown = visibleFields(fields, values);
  const errors = validate(shown, values);
  // The server's field messages in the screen's language; a field's own message for a code, or for a
  // malformed value (more precise than the server's generic one), wins.
  const server = Object.fromEntries(
    Object.entries(error instanceof ApiError ? error.fieldsIn(lang) : {}).map(([k, msgs]) => {
      const spec = fields.find((f) => f.name === k);
      const code = error instanceof ApiError ? error.code : '';
      const own = spec?.codes?.[code] ?? (code === 'VALIDATION_FAILED' ? spec?.message : undefined);
      return [k, own ? [own] : msgs];
    }),
  );
  const { err, touch, attempt } = useFieldMessages(errors, server);
  const set = (name: string, v: FormValue) => {
    setValues((s) => ({ ...s, [name]: v }));
    touch(name);
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!attempt()) return;
    void run(() => onSubmit(values));
  }

  const duplicate = error instanceof ApiError && error.code === 'ALREADY_EXISTS';
  return (
    <form className="stack" onSubmit={submit} noValidate data-testid={testId}>
      <div className="form-grid">
        {shown.map((f) => (
          <SpecInput
            key={f.name}
            spec={f}
            value={values[f.name]}
            error={err(f.name)}
            required={isRequired(f, values)}
            onValue={set}
          />
        ))}
      </div>
      {duplicate ? <div className="field-error">{t('alreadyExists')}</div> : null}
      {error && !duplicate && !Object.keys(server).length ? <ErrorBox error={error} /> : null}
      <SubmitRow busy={busy} label={submitLabel}>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            {t('cancel')}
          </button>
        ) : null}
      </SubmitRow>
    </form>
  );
}

/**
 * A field is required when its rule refuses it left empty (a text of 1–200, a choice, one of a list): then
 * it is marked so, visually and for assistive technology (ADR 0047). A yes/no is never "required".
 */
export function isRequired(spec: FieldSpec, values: Values): boolean {
  const kind = spec.kind ?? 'text';
  if (!spec.rule || kind === 'check') return false;
  return !spec.rule(kind === 'multi' ? [] : '', values);
}

function SpecInput({
  spec,
  value,
  error,
  required,
  onValue,
}: {
  spec: FieldSpec;
  value: FormValue | undefined;
  error: string | string[] | null;
  required: boolean;
  onValue(name: string, v: FormValue): void;
}) {
  const { t } = useI18n();
  const { name, label, kind = 'text', options = [], hint } = spec;
  if (kind === 'check')
    return (
      <Field label={label} error={error} hint={hint}>
        <span className="check">
          <input
            type="checkbox"
            name={name}
            checked={value === true}
            onChange={(e) => onValue(name, e.target.checked)}
          />
          {value === true ? t('yes') : t('no')}
        </span>
      </Field>
    );
  if (kind === 'select')
    return (
      <Field label={label} error={error} hint={hint} required={required}>
        <Select
          name={name}
          value={typeof value === 'string' ? value : ''}
          options={options}
          placeholder={t('choose')}
          onValue={(v) => onValue(name, v)}
        />
      </Field>
    );
  if (kind === 'lookup' && spec.lookup)
    return (
      <Field label={label} error={error} hint={hint} group required={required}>
        <LookupInput
          name={name}
          value={typeof value === 'string' ? value : ''}
          lookup={spec.lookup}
          onValue={(v) => onValue(name, v)}
        />
      </Field>
    );
  if (kind === 'multi') {
    const chosen = Array.isArray(value) ? value : [];
    const toggle = (v: string, on: boolean) =>
      onValue(name, on ? [...chosen, v] : chosen.filter((c) => c !== v));
    return (
      <Field label={label} error={error} hint={hint} wide group required={required}>
        <span className="checks">
          {options.map((o) => (
            <label className="check" key={o.value}>
              <input
                type="checkbox"
                name={name}
                value={o.value}
                checked={chosen.includes(o.value)}
                onChange={(e) => toggle(o.value, e.target.checked)}
              />
              {o.label}
            </label>
          ))}
        </span>
      </Field>
    );
  }
  return (
    <InputField
      label={label}
      error={error}
      hint={hint}
      required={required}
      name={name}
      type={kind}
      autoComplete={kind === 'password' ? (spec.autoComplete ?? 'new-password') : 'off'}
      value={typeof value === 'string' ? value : ''}
      onValue={(v) => onValue(name, v)}
    />
  );
}

/**
 * A search-as-you-type picker: the text box asks the register (`?q=`, debounced), the select beside it
 * offers what it found. The chosen record stays offered while other searches run; a value set before
 * (an edit form) is named by its own request.
 */
function LookupInput({
  name,
  value,
  lookup,
  onValue,
}: {
  name: string;
  value: string;
  lookup: Lookup;
  onValue(value: string): void;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<Option | null>(null);
  const query = useDebounced(q.trim(), 250);
  const toOption = (r: { id: string }): Option => ({ value: r.id, label: lookup.label(r) });
  const found = useAsync(
    () => api.get<Page<{ id: string }>>(`${lookup.url}${qs({ q: query, pageSize: 20 })}`),
    [lookup.url, query],
  );
  const named = useAsync(
    () =>
      value && chosen?.value !== value
        ? api.get<{ id: string }>(`${lookup.url}/${encodeURIComponent(value)}`).then(toOption)
        : Promise.resolve(null),
    [lookup.url, value],
  );
  const options = (found.data?.items ?? []).map(toOption);
  const kept = [chosen, named.data].find((o) => o && o.value === value);
  const all = kept && !options.some((o) => o.value === kept.value) ? [kept, ...options] : options;
  const placeholder = found.loading ? t('loading') : all.length ? t('choose') : t('noMatch');
  return (
    <span className="lookup">
      <input
        type="search"
        name={`${name}-search`}
        placeholder={t('typeToSearch')}
        aria-label={t('search')}
        autoComplete="off"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        // Enter picks nothing and must not submit the form.
        onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
      />
      <Select
        name={name}
        value={value}
        options={all}
        placeholder={placeholder}
        onValue={(v) => {
          setChosen(all.find((o) => o.value === v) ?? null);
          onValue(v);
        }}
      />
    </span>
  );
}
