import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { PROGRAM_FIELD_LABELS, validateProgramDefinition } from '@app/domain';
import { ApiError, api } from '../api';
import { Card, DataTable, DownloadLink, ErrorBox, Field, Loading, Notice } from '../components/ui';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';
import { navigate } from '../router';

/**
 * The program editor (ADR 0028): a new version started from an existing one, every field checked by
 * `validateProgramDefinition` from libs/domain as you type (the same rules the API applies on save),
 * effective from a date, with its source document; two versions compared side by side.
 */

type Definition = Record<string, unknown>;

interface Version {
  version: number;
  effectiveFrom: string;
  sourceDocument: string | null;
  note: string;
  createdBy: string;
  createdAt: string;
  definition: Definition;
}

interface ProgramRow {
  code: string;
  nameZh: string;
  nameEn: string;
}

const L = {
  title: { zh: '项目版本与编辑', en: 'Program versions and editor' },
  program: { zh: '项目', en: 'Program' },
  versions: { zh: '版本列表', en: 'Versions' },
  version: { zh: '版本', en: 'Version' },
  effectiveFrom: { zh: '生效日期', en: 'Effective from' },
  sourceDocument: { zh: '依据文件', en: 'Source document' },
  sourceHint: { zh: '文号或公开链接，如 京经信发〔2025〕1号', en: 'Document number or public link' },
  note: { zh: '说明', en: 'Note' },
  newFrom: { zh: '以此版本为基础新建', en: 'New version from this' },
  editor: { zh: '新版本草稿（基于第 {v} 版）', en: 'Draft of a new version (from version {v})' },
  save: { zh: '保存为新版本', en: 'Save as a new version' },
  saving: { zh: '保存中…', en: 'Saving…' },
  saved: { zh: '已保存为第 {v} 版，自 {d} 起生效', en: 'Saved as version {v}, in force from {d}' },
  errors: { zh: '{n} 处需要修改', en: '{n} fields to fix' },
  valid: { zh: '各字段均通过校验', en: 'Every field is valid' },
  simulate: { zh: '用此草稿试算', en: 'Try this draft in the simulator' },
  compare: { zh: '版本对比', en: 'Compare versions' },
  onlyChanged: { zh: '只看变化', en: 'Only changes' },
  field: { zh: '字段', en: 'Field' },
  notJson: { zh: '不是有效的 JSON', en: 'not valid JSON' },
  required: { zh: '必填', en: 'required' },
  nullHint: { zh: '留空表示不设', en: 'empty for none' },
  discard: { zh: '放弃草稿', en: 'Discard draft' },
  attach: { zh: '附上文件（PDF）', en: 'Attach the file (PDF)' },
  attached: { zh: '已附：{f}', en: 'Attached: {f}' },
  download: { zh: '下载依据文件', en: 'Download the document' },
} as const;

/** Nullable fields that hold a count, not an amount. */
const NULLABLE_NUMBERS = new Set([
  'vouchersPerYear',
  'applicationsPerEnterprisePerYear',
  'dishonestyLookbackYears',
]);

type Kind = 'text' | 'number' | 'boolean' | 'nullable-text' | 'nullable-number' | 'json';

/** Nullable fields that hold an object when set: edited as JSON (`null` for none). */
const NULLABLE_OBJECTS = new Set(['pool', 'round', 'grant', 'deduction', 'maxContractTerm']);

function kindOf(key: string, v: unknown): Kind {
  if (NULLABLE_OBJECTS.has(key)) return 'json';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'text';
  if (v === null) return NULLABLE_NUMBERS.has(key) ? 'nullable-number' : 'nullable-text';
  return 'json';
}

function tr(lang: 'zh' | 'en', key: keyof typeof L, vars: Record<string, string | number> = {}) {
  return Object.entries(vars).reduce((s, [k, v]) => s.replace(`{${k}}`, String(v)), L[key][lang] as string);
}

export function ProgramEditorPage() {
  const { lang } = useI18n();
  const programs = useAsync(() => api.get<ProgramRow[]>('/admin/programs'), []);
  const [code, setCode] = useState('');
  useEffect(() => {
    if (!code && programs.data?.length) setCode(programs.data[0].code);
  }, [programs.data, code]);
  const versions = useAsync(
    () =>
      code ? api.get<Version[]>(`/admin/programs/${encodeURIComponent(code)}/versions`) : Promise.resolve([]),
    [code],
  );
  const [base, setBase] = useState<Version | null>(null);
  const [saved, setSaved] = useState<{ version: number; effectiveFrom: string } | null>(null);
  useEffect(() => setBase(null), [code]);

  return (
    <div className="stack" data-testid="program-editor">
      <div className="row between">
        <h1>{tr(lang, 'title')}</h1>
        <label className="row">
          <span className="muted">{tr(lang, 'program')}</span>
          <select value={code} onChange={(e) => setCode(e.target.value)} data-testid="editor-program">
            {(programs.data ?? []).map((p) => (
              <option key={p.code} value={p.code}>
                {lang === 'zh' ? p.nameZh : p.nameEn}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorBox error={programs.error ?? versions.error} />
      {saved ? (
        <Notice kind="ok">
          <span data-testid="editor-saved">
            {tr(lang, 'saved', { v: saved.version, d: saved.effectiveFrom })}
          </span>
        </Notice>
      ) : null}
      <Card title={tr(lang, 'versions')} testId="versions">
        {versions.data ? (
          <DataTable
            compact
            rows={versions.data}
            rowKey={(v) => String(v.version)}
            rowTestId="version-row"
            columns={[
              { head: tr(lang, 'version'), cell: (v) => `v${v.version}` },
              { head: tr(lang, 'effectiveFrom'), cell: (v) => v.effectiveFrom },
              {
                head: tr(lang, 'sourceDocument'),
                cell: (v) => {
                  const address = /\/admin\/programs\/[^/]+\/documents\/[0-9a-f-]{36}/.exec(
                    v.sourceDocument ?? '',
                  );
                  return (
                    <span data-testid="version-source">
                      {(v.sourceDocument ?? '—').replace(/ · \/admin\/programs\/\S+$/, '')}{' '}
                      {address ? (
                        <DownloadLink
                          url={address[0]}
                          filename={`v${v.version}-source`}
                          testId="version-source-download"
                        >
                          {tr(lang, 'download')}
                        </DownloadLink>
                      ) : null}
                    </span>
                  );
                },
              },
              { head: tr(lang, 'note'), cell: (v) => v.note || '—' },
              {
                head: '',
                cell: (v) => (
                  <button
                    type="button"
                    data-testid={`new-from-${v.version}`}
                    onClick={() => {
                      setSaved(null);
                      setBase(v);
                    }}
                  >
                    {tr(lang, 'newFrom')}
                  </button>
                ),
              },
            ]}
          />
        ) : (
          <Loading />
        )}
      </Card>
      {base ? (
        <DraftEditor
          key={`${code}@${base.version}`}
          code={code}
          base={base}
          onDiscard={() => setBase(null)}
          onSaved={(v) => {
            setSaved(v);
            setBase(null);
            versions.reload();
          }}
        />
      ) : null}
      {versions.data && versions.data.length > 0 ? <Compare versions={versions.data} /> : null}
    </div>
  );
}

function DraftEditor({
  code,
  base,
  onSaved,
  onDiscard,
}: {
  code: string;
  base: Version;
  onSaved: (v: { version: number; effectiveFrom: string }) => void;
  onDiscard: () => void;
}) {
  const { lang } = useI18n();
  const keys = Object.keys(base.definition);
  // What each input shows: text as typed (JSON for objects and lists).
  const [raw, setRaw] = useState<Record<string, string | boolean>>(() =>
    Object.fromEntries(
      keys.map((k) => {
        const v = base.definition[k];
        const kind = kindOf(k, v);
        if (kind === 'boolean') return [k, v as boolean];
        if (kind === 'json') return [k, JSON.stringify(v, null, 2)];
        return [k, v === null ? '' : String(v)];
      }),
    ),
  );
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [sourceDocument, setSourceDocument] = useState('');
  const [note, setNote] = useState('');
  const [attached, setAttached] = useState<{ filename: string; reference: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<Error | null>(null);

  // The draft as the API will receive it, and the fields that do not parse.
  const { draft, parseErrors } = useMemo(() => {
    const out: Definition = {};
    const errs: Record<string, string[]> = {};
    for (const k of keys) {
      const kind = kindOf(k, base.definition[k]);
      const v = raw[k];
      if (kind === 'boolean') out[k] = v;
      else if (kind === 'json') {
        try {
          out[k] = JSON.parse(String(v));
        } catch {
          errs[k] = [tr(lang, 'notJson')];
          out[k] = base.definition[k];
        }
      } else if (kind === 'number') out[k] = String(v).trim() === '' ? NaN : Number(v);
      else if (kind === 'nullable-number') out[k] = String(v).trim() === '' ? null : Number(v);
      else if (kind === 'nullable-text') out[k] = String(v).trim() === '' ? null : String(v).trim();
      else out[k] = String(v);
    }
    return { draft: out, parseErrors: errs };
  }, [raw, keys, base, lang]);

  // The domain's rules, as the API applies them on save, on every keystroke.
  const errors = useMemo(() => {
    const byKey: Record<string, string[]> = { ...parseErrors };
    for (const e of validateProgramDefinition(draft)) {
      const top = e.field.split('.')[0];
      const m = e.localized[lang];
      const msgs = [e.field === top ? m : `${e.field.slice(top.length + 1)}: ${m}`];
      byKey[top] = [...(byKey[top] ?? []), ...msgs];
    }
    for (const [f, msgs] of Object.entries(serverErrors)) {
      const top = f.replace(/^definition\./, '').split('.')[0];
      byKey[f.startsWith('definition.') ? top : f] = [...(byKey[top] ?? []), ...msgs];
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(effectiveFrom)) byKey.effectiveFrom = [tr(lang, 'required')];
    else if (effectiveFrom <= base.effectiveFrom)
      byKey.effectiveFrom = [
        lang === 'zh'
          ? `须晚于第 ${base.version} 版的生效日期 ${base.effectiveFrom}`
          : `must be after ${base.effectiveFrom}`,
      ];
    return byKey;
  }, [draft, parseErrors, serverErrors, effectiveFrom, base, lang]);
  const count = Object.keys(errors).length;

  const set = (k: string, v: string | boolean) => {
    setServerErrors({});
    setRaw((r) => ({ ...r, [k]: v }));
  };

  // The typed document number, then the attached file's name, hash and address.
  const source = [sourceDocument.trim(), attached?.reference].filter(Boolean).join(' · ').slice(0, 500);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<{ version: number; effectiveFrom: string }>(
        `/admin/programs/${encodeURIComponent(code)}/versions`,
        {
          effectiveFrom,
          definition: draft,
          sourceDocument: source || null,
          note: note.trim(),
        },
      );
      onSaved(res);
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length) setServerErrors(e.fields);
      else setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  const attach = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    try {
      const doc = await api.upload<{ filename: string; reference: string }>(
        `/admin/programs/${encodeURIComponent(code)}/documents`,
        file,
      );
      setAttached(doc);
    } catch (e) {
      setError(e as Error);
    }
  };

  const trySimulation = () => {
    sessionStorage.setItem(
      'cv.simulatorDraft',
      JSON.stringify({ code, from: base.version, definition: draft }),
    );
    navigate('/admin/simulator?draft=1');
  };

  const input = (k: string) => {
    const kind = kindOf(k, base.definition[k]);
    const v = raw[k];
    const common = { name: k, 'data-testid': `def-${k}`, 'aria-invalid': Boolean(errors[k]) };
    if (kind === 'boolean')
      return (
        <input type="checkbox" {...common} checked={Boolean(v)} onChange={(e) => set(k, e.target.checked)} />
      );
    if (kind === 'json')
      return (
        <textarea
          {...common}
          rows={Math.min(12, String(v).split('\n').length + 1)}
          style={{ fontFamily: 'monospace', fontSize: 12 }}
          value={String(v)}
          onChange={(e) => set(k, e.target.value)}
        />
      );
    return (
      <input
        {...common}
        value={String(v)}
        placeholder={kind.startsWith('nullable') ? tr(lang, 'nullHint') : undefined}
        onChange={(e) => set(k, e.target.value)}
      />
    );
  };

  return (
    <Card
      title={tr(lang, 'editor', { v: base.version })}
      testId="draft"
      actions={
        <span className={`badge ${count ? 'bad' : 'ok'}`} data-testid="draft-status">
          {count ? tr(lang, 'errors', { n: count }) : tr(lang, 'valid')}
        </span>
      }
    >
      <ErrorBox error={error} />
      <div className="form-grid">
        <Field label={tr(lang, 'effectiveFrom')} error={errors.effectiveFrom}>
          <input
            type="date"
            name="effectiveFrom"
            data-testid="draft-effective-from"
            value={effectiveFrom}
            onChange={(e) => setEffectiveFrom(e.target.value)}
          />
        </Field>
        <Field label={tr(lang, 'sourceDocument')} hint={tr(lang, 'sourceHint')} error={errors.sourceDocument}>
          <input
            name="sourceDocument"
            data-testid="draft-source"
            maxLength={500}
            value={sourceDocument}
            onChange={(e) => setSourceDocument(e.target.value)}
          />
        </Field>
        <Field
          label={tr(lang, 'attach')}
          hint={attached ? tr(lang, 'attached', { f: attached.filename }) : undefined}
        >
          <input
            type="file"
            name="sourceFile"
            data-testid="draft-source-file"
            accept="application/pdf,image/png,image/jpeg"
            onChange={(e) => void attach(e.target.files?.[0])}
          />
        </Field>
        <Field label={tr(lang, 'note')} error={errors.note} wide>
          <input name="note" maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
        {keys.map((k) => (
          <Field
            key={k}
            label={PROGRAM_FIELD_LABELS[k]?.[lang] ?? k}
            error={errors[k]}
            wide={kindOf(k, base.definition[k]) === 'json'}
          >
            {input(k)}
          </Field>
        ))}
      </div>
      <div className="row end">
        <button type="button" onClick={onDiscard}>
          {tr(lang, 'discard')}
        </button>
        <button
          type="button"
          data-testid="draft-simulate"
          disabled={Object.keys(parseErrors).length > 0}
          onClick={trySimulation}
        >
          {tr(lang, 'simulate')}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="draft-save"
          disabled={busy || count > 0}
          onClick={() => void save()}
        >
          {busy ? tr(lang, 'saving') : tr(lang, 'save')}
        </button>
      </div>
    </Card>
  );
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

const CHANGED: CSSProperties = { background: '#fff4d6' };

function Compare({ versions }: { versions: Version[] }) {
  const { lang } = useI18n();
  const [a, setA] = useState(versions[0].version);
  const [b, setB] = useState(versions[versions.length - 1].version);
  const [onlyChanged, setOnlyChanged] = useState(false);
  const va = versions.find((v) => v.version === a) ?? versions[0];
  const vb = versions.find((v) => v.version === b) ?? versions[versions.length - 1];
  const keys = [
    'effectiveFrom',
    'sourceDocument',
    ...new Set([...Object.keys(va.definition), ...Object.keys(vb.definition)]),
  ];
  const value = (v: Version, k: string) =>
    k === 'effectiveFrom' ? v.effectiveFrom : k === 'sourceDocument' ? v.sourceDocument : v.definition[k];
  const rows = keys
    .map((k) => ({ k, x: show(value(va, k)), y: show(value(vb, k)) }))
    .map((r) => ({ ...r, changed: r.x !== r.y }))
    .filter((r) => !onlyChanged || r.changed);
  const pick = (value: number, set: (n: number) => void, testId: string) => (
    <select value={value} onChange={(e) => set(Number(e.target.value))} data-testid={testId}>
      {versions.map((v) => (
        <option key={v.version} value={v.version}>
          v{v.version} · {v.effectiveFrom}
        </option>
      ))}
    </select>
  );
  return (
    <Card
      title={tr(lang, 'compare')}
      testId="compare"
      actions={
        <span className="row">
          {pick(a, setA, 'compare-a')}
          <span>↔</span>
          {pick(b, setB, 'compare-b')}
          <label className="row tight">
            <input
              type="checkbox"
              checked={onlyChanged}
              data-testid="compare-only-changed"
              onChange={(e) => setOnlyChanged(e.target.checked)}
            />
            {tr(lang, 'onlyChanged')}
          </label>
        </span>
      }
    >
      <table className="grid compact">
        <thead>
          <tr>
            <th>{tr(lang, 'field')}</th>
            <th>v{va.version}</th>
            <th>v{vb.version}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.k}
              data-testid="compare-row"
              data-field={r.k}
              data-changed={r.changed ? 'yes' : 'no'}
              style={r.changed ? CHANGED : undefined}
            >
              <td>{PROGRAM_FIELD_LABELS[r.k]?.[lang] ?? r.k}</td>
              <td style={{ wordBreak: 'break-all', maxWidth: 420 }}>{r.x}</td>
              <td style={{ wordBreak: 'break-all', maxWidth: 420 }}>{r.y}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
