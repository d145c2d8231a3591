import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  APPLICATION_DOMAINS,
  APPLICATION_DOMAIN_LABELS,
  Money,
  SERVICE_KINDS,
  SERVICE_KIND_LABELS,
  checkContract,
  compareDates,
  dateProblem,
  eligibleContractAmount,
  findProgram,
  isAmountInput,
  normalizeAmountInput,
  type ApplicationDomain,
  type LocalizedText,
  type ServiceKind,
} from '@app/domain';
import { ApiError, api } from '../api';
import { Amount, Card, DownloadLink, ErrorBox, Field, InputField, Notice } from '../components/ui';
import { useAction, useAsync, useFieldMessages } from '../hooks';
import { useI18n, type Translate } from '../i18n';
import { navigate, useLeaveGuard } from '../router';
import type { ApplicationDetail, Supplier } from '../types';

const PROGRAM = 'beijing-ai-compute-2023';
const DRAFT_URL = `/applications/drafts/${PROGRAM}`;
const MAX_BYTES = 10 * 1024 * 1024;
const MIME: Record<string, string> = { pdf: 'application/pdf', png: 'image/png', jpeg: 'image/jpeg' };

/** The server's draft (ADR 0047): the form as typed and the program's materials checklist. */
interface DraftSlot {
  code: string;
  name: LocalizedText;
  required: boolean;
  accepts: string[];
  templateUrl: string | null;
  file: { filename: string; contentType: string; sizeBytes: number; uploadedAt: string } | null;
}
interface Draft {
  programCode: string;
  form: (Partial<Omit<Form, 'lines'>> & { lines?: Partial<Line>[] }) | null;
  updatedAt: string | null;
  slots: DraftSlot[];
  missing: string[];
}

interface Line {
  serviceKind: ServiceKind;
  amount: string;
  description: string;
}
interface Form {
  supplierId: string;
  contractNumber: string;
  signedOn: string;
  startDate: string;
  endDate: string;
  applicationDomain: string;
  lines: Line[];
}
const EMPTY: Form = {
  supplierId: '',
  contractNumber: '',
  signedOn: '',
  startDate: '',
  endDate: '',
  applicationDomain: '',
  lines: [{ serviceKind: 'intelligent_compute', amount: '', description: '' }],
};

/** The same field rules as the API's DTO (class-validator there, the domain's predicates here). */
export function validate(f: Form, t: Translate): Record<string, string> {
  const e: Record<string, string> = {};
  if (!f.supplierId) e.supplierId = t('chooseSupplier');
  if (f.contractNumber.trim().length < 1 || f.contractNumber.length > 100)
    e.contractNumber = t('contractNumberLength');
  for (const k of ['signedOn', 'startDate', 'endDate'] as const) {
    const problem = dateProblem(f[k]);
    // A date written right that does not exist (2025-02-30) is told as such, not as a format error.
    if (problem) e[k] = t(problem === 'not-exist' ? 'dateNotExist' : 'dateFormat');
  }
  if (!e.startDate && !e.endDate && compareDates(f.endDate, f.startDate) < 0) e.endDate = t('endBeforeStart');
  if (!(APPLICATION_DOMAINS as readonly string[]).includes(f.applicationDomain))
    e.applicationDomain = t('chooseDomain');
  f.lines.forEach((l, i) => {
    if (!isAmountInput(l.amount)) e[`lines.${i}.amount`] = t('amountFormat');
  });
  return e;
}

/** What the draft keeps: the form as typed, cut to the draft's lengths. */
function draftBody(f: Form) {
  return {
    form: {
      supplierId: f.supplierId.slice(0, 64),
      contractNumber: f.contractNumber.slice(0, 100),
      signedOn: f.signedOn.slice(0, 10),
      startDate: f.startDate.slice(0, 10),
      endDate: f.endDate.slice(0, 10),
      applicationDomain: f.applicationDomain.slice(0, 64),
      lines: f.lines.slice(0, 50).map((l) => ({
        serviceKind: l.serviceKind,
        amount: l.amount.slice(0, 40),
        description: l.description.slice(0, 300),
      })),
    },
  };
}

function formOf(saved: NonNullable<Draft['form']>): Form {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const lines = (saved.lines ?? []).map((l) => ({
    serviceKind: (SERVICE_KINDS as readonly string[]).includes(str(l.serviceKind))
      ? (l.serviceKind as ServiceKind)
      : 'intelligent_compute',
    amount: str(l.amount),
    description: str(l.description),
  }));
  return {
    supplierId: str(saved.supplierId),
    contractNumber: str(saved.contractNumber),
    signedOn: str(saved.signedOn),
    startDate: str(saved.startDate),
    endDate: str(saved.endDate),
    applicationDomain: str(saved.applicationDomain),
    lines: lines.length ? lines : EMPTY.lines,
  };
}

/**
 * The form kept as a server-side draft: read back on opening, saved a moment after each change, with a
 * warning before leaving while a change is not saved yet (ADR 0047).
 */
function useDraft(form: Form, setForm: (f: Form) => void) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [restored, setRestored] = useState(false);
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const dirty = useRef(false);
  const stopped = useRef(false);
  const edits = useRef(0);
  const loaded = draft !== null;

  useEffect(() => {
    void api
      .get<Draft>(DRAFT_URL)
      .then((d) => {
        // A draft that arrives after the user has started typing does not overwrite what they typed.
        if (d.form && !dirty.current) {
          setForm(formOf(d.form));
          setRestored(true);
          setSavedAt(d.updatedAt);
          setState('saved');
        }
        setDraft(d);
      })
      .catch(() => setState('failed'));
    // Once, on opening.
  }, []);

  const changed = useCallback(() => {
    dirty.current = true;
    edits.current += 1;
  }, []);

  useEffect(() => {
    if (!loaded || !dirty.current || stopped.current) return;
    const edit = edits.current;
    const timer = window.setTimeout(() => {
      setState('saving');
      api
        .put<Draft>(DRAFT_URL, draftBody(form))
        .then((d) => {
          if (stopped.current) return;
          setDraft(d);
          setSavedAt(d.updatedAt);
          setState('saved');
          if (edits.current === edit) dirty.current = false;
        })
        .catch(() => setState('failed'));
    }, 700);
    return () => window.clearTimeout(timer);
  }, [form, loaded]);

  const unsaved = useCallback(() => dirty.current && !stopped.current, []);
  return {
    draft,
    setDraft,
    restored,
    state,
    savedAt,
    changed,
    unsaved,
    /** Submitted or discarded: no more saving, nothing to warn about. */
    stop: () => {
      stopped.current = true;
      dirty.current = false;
    },
  };
}

export function ApplyPage() {
  const { t, lang, pick } = useI18n();
  const suppliers = useAsync(() => api.get<Supplier[]>('/catalog/suppliers'), []);
  const [form, setFormState] = useState<Form>(EMPTY);
  const kept = useDraft(form, setFormState);
  useLeaveGuard(kept.unsaved, t('leaveUnsaved'));
  const setForm = (update: (f: Form) => Form) => {
    kept.changed();
    setFormState(update);
  };
  const { busy, error, run } = useAction();
  const errors = validate(form, t);
  const server = error instanceof ApiError ? error.fieldsIn(lang) : {};
  const { err, touch, attempt, submitted } = useFieldMessages(errors, server);
  const set = (k: keyof Omit<Form, 'lines'>, v: string) => {
    setForm((f) => ({ ...f, [k]: v }));
    touch(k);
  };
  const setLine = (i: number, patch: Partial<Line>) => {
    setForm((f) => ({ ...f, lines: f.lines.map((l, j) => (j === i ? { ...l, ...patch } : l)) }));
    if (patch.amount !== undefined) touch(`lines.${i}.amount`);
  };
  const preview = usePreview(form, errors);
  const slots = kept.draft?.slots ?? [];
  // Why the application cannot go yet: the pre-check's failures and each required material still missing.
  const reasons = [
    ...preview.failures.map((f) => ({ key: f.code, text: pick(f.message) })),
    ...slots
      .filter((slot) => slot.required && !slot.file)
      .map((slot) => ({
        key: `material-${slot.code}`,
        text: t('reasonMaterial', { name: pick(slot.name) }),
      })),
  ];
  const blocked = !kept.draft || reasons.length > 0;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!attempt() || blocked) return;
    void run(async () => {
      const created = await api.post<ApplicationDetail>('/applications', {
        programCode: PROGRAM,
        supplierId: form.supplierId,
        contractNumber: form.contractNumber.trim(),
        signedOn: form.signedOn,
        startDate: form.startDate,
        endDate: form.endDate,
        applicationDomain: form.applicationDomain,
        lines: form.lines.map((l) => ({
          serviceKind: l.serviceKind,
          amount: normalizeAmountInput(l.amount) ?? l.amount,
          ...(l.description.trim() ? { description: l.description.trim() } : {}),
        })),
        fromDraft: true,
      });
      kept.stop();
      navigate(`/applications/${created.id}`);
    });
  }

  async function discard() {
    if (!window.confirm(t('confirmDiscard'))) return;
    await api.delete(DRAFT_URL).catch(() => undefined);
    kept.stop();
    window.location.reload();
  }

  return (
    <form className="stack apply" onSubmit={submit} noValidate data-testid="apply-form">
      <h1>{t('applyTitle')}</h1>
      <div className="row muted" data-testid="draft-state" aria-live="polite">
        {kept.state === 'saving'
          ? t('draftSaving')
          : kept.state === 'failed'
            ? t('draftSaveFailed')
            : kept.state === 'saved' && kept.savedAt
              ? t('draftSaved', {
                  time: new Date(kept.savedAt).toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-GB'),
                })
              : null}
        {kept.restored ? <span> · {t('draftRestored')}</span> : null}
        {kept.draft?.form ? (
          <button type="button" className="link" onClick={() => void discard()}>
            {t('discardDraft')}
          </button>
        ) : null}
      </div>
      <Card title={t('step1')}>
        <div className="form-grid">
          <Field label={t('supplier')} error={err('supplierId')} required>
            <select
              name="supplierId"
              value={form.supplierId}
              onChange={(e) => set('supplierId', e.target.value)}
            >
              <option value="">{t('chooseSupplier')}</option>
              {(suppliers.data ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {lang === 'zh' ? s.nameZh : s.nameEn}
                  {s.isPartner ? '' : ` (${t('notPartner')})`}
                </option>
              ))}
            </select>
          </Field>
          <InputField
            label={t('contractNumber')}
            required
            maxLength={100}
            error={err('contractNumber')}
            name="contractNumber"
            value={form.contractNumber}
            onValue={(v) => set('contractNumber', v)}
          />
          <Field label={t('applicationDomain')} error={err('applicationDomain')} required>
            <select
              name="applicationDomain"
              value={form.applicationDomain}
              onChange={(e) => set('applicationDomain', e.target.value)}
            >
              <option value="">{t('chooseDomain')}</option>
              {APPLICATION_DOMAINS.map((d) => (
                <option key={d} value={d}>
                  {pick(APPLICATION_DOMAIN_LABELS[d])}
                </option>
              ))}
            </select>
          </Field>
          {(['signedOn', 'startDate', 'endDate'] as const).map((k) => (
            <InputField
              key={k}
              label={t(k)}
              required
              maxLength={10}
              error={err(k)}
              hint={t('dateHint')}
              name={k}
              value={form[k]}
              onValue={(v) => set(k, v)}
            />
          ))}
        </div>
      </Card>
      <Card
        title={t('step2')}
        actions={
          <button
            type="button"
            className="small"
            onClick={() =>
              setForm((f) => ({
                ...f,
                lines: [...f.lines, { serviceKind: 'storage', amount: '', description: '' }],
              }))
            }
          >
            + {t('addLine')}
          </button>
        }
      >
        {err('lines') ? <div className="field-error">{err('lines')}</div> : null}
        {form.lines.map((l, i) => (
          <div className="form-grid line" key={i} data-testid="line">
            <Field label={t('serviceKind')} error={err(`lines.${i}.serviceKind`)} required>
              <select
                name={`lines.${i}.serviceKind`}
                value={l.serviceKind}
                onChange={(e) => setLine(i, { serviceKind: e.target.value as ServiceKind })}
              >
                {SERVICE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {pick(SERVICE_KIND_LABELS[k])}
                  </option>
                ))}
              </select>
            </Field>
            <InputField
              label={t('amount')}
              required
              maxLength={40}
              error={err(`lines.${i}.amount`)}
              hint={t('amountHint')}
              name={`lines.${i}.amount`}
              inputMode="decimal"
              value={l.amount}
              onValue={(v) => setLine(i, { amount: v.trim() })}
            />
            <InputField
              label={t('description')}
              name={`lines.${i}.description`}
              value={l.description}
              maxLength={300}
              onValue={(v) => setLine(i, { description: v })}
            />
            {form.lines.length > 1 ? (
              <button
                type="button"
                className="link"
                onClick={() => setForm((f) => ({ ...f, lines: f.lines.filter((_, j) => j !== i) }))}
              >
                {t('removeLine')}
              </button>
            ) : null}
          </div>
        ))}
        <div className="row end muted">
          {t('contractTotal')}: <Amount value={preview.total} testId="form-total" />
        </div>
      </Card>
      <Card title={t('materialsChecklist')} testId="apply-materials">
        {kept.draft ? (
          <Checklist slots={slots} errors={server} onDraft={(d) => kept.setDraft(d)} />
        ) : (
          <p className="muted">{t('loading')}</p>
        )}
      </Card>
      <Card title={t('stepSubmit')}>
        {preview.estimate ? (
          <p>
            {t('estimate')}: <Amount value={preview.estimate} testId="estimate" />{' '}
            <span className="muted">
              ({t('eligibleDays')} {preview.daysInPlan}/{preview.totalDays}) — {t('estimateNote')}
            </span>
          </p>
        ) : null}
        {preview.failures.length ? (
          <Notice kind="warn">
            <strong>{t('precheck')}</strong>
            <ul>
              {preview.failures.map((f) => (
                <li key={f.code} data-testid="precheck-failure">
                  {pick(f.message)}
                </li>
              ))}
            </ul>
          </Notice>
        ) : null}
        {submitted && Object.keys(errors).length ? <div className="field-error">{t('fixErrors')}</div> : null}
        {error && !Object.keys(server).length ? <ErrorBox error={error} /> : null}
        {kept.draft && reasons.length ? (
          <div className="submit-reasons" id="submit-reasons" data-testid="submit-reasons" role="status">
            <strong>{t('cannotSubmitYet')}</strong>
            <ul>
              {reasons.map((r) => (
                <li key={r.key} data-testid="submit-reason">
                  {r.text}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="row end">
          <button
            type="submit"
            className="primary"
            disabled={busy || blocked}
            aria-describedby={kept.draft && reasons.length ? 'submit-reasons' : undefined}
            data-testid="apply-submit"
          >
            {busy ? t('submitting') : t('submit')}
          </button>
        </div>
      </Card>
    </form>
  );
}

/**
 * The program's materials checklist: each slot with its state, accepted kinds and template; a file is put
 * in (or replaces the one there) as soon as it is chosen, and can be deleted, until the draft is submitted.
 */
function Checklist({
  slots,
  errors,
  onDraft,
}: {
  slots: DraftSlot[];
  errors: Record<string, string[]>;
  onDraft(d: Draft): void;
}) {
  const { t, pick } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const [slotErrors, setSlotErrors] = useState<Record<string, string[]>>({});
  const kinds = (slot: DraftSlot) => slot.accepts.map((k) => k.toUpperCase()).join(' / ');

  async function act(slot: DraftSlot, work: () => Promise<Draft>) {
    setBusy(slot.code);
    setSlotErrors((e) => ({ ...e, [slot.code]: [] }));
    try {
      onDraft(await work());
    } catch (err) {
      const text = err instanceof ApiError ? Object.values(err.fields).flat() : [];
      setSlotErrors((e) => ({ ...e, [slot.code]: text.length ? text : [(err as Error).message] }));
    } finally {
      setBusy(null);
    }
  }

  function put(slot: DraftSlot, file: File | undefined) {
    if (!file) return;
    // The API's rules, checked before sending 10 MB for nothing; the API also reads the content.
    if (!slot.accepts.map((k) => MIME[k]).includes(file.type))
      return setSlotErrors((e) => ({ ...e, [slot.code]: [t('slotFileType', { types: kinds(slot) })] }));
    if (file.size > MAX_BYTES) return setSlotErrors((e) => ({ ...e, [slot.code]: [t('fileTooLarge')] }));
    void act(slot, () => api.upload<Draft>(`${DRAFT_URL}/materials/${slot.code}`, file, 'PUT'));
  }

  return (
    <div className="checklist" data-testid="checklist">
      <p className="muted">{t('materialsIntro')}</p>
      {slots.map((slot) => {
        const problems = [...(slotErrors[slot.code] ?? []), ...(errors[`materials.${slot.code}`] ?? [])];
        const inputId = `slot-${slot.code}`;
        const problemId = `${inputId}-problems`;
        return (
          <div className="slot" key={slot.code} data-testid={`slot-${slot.code}`}>
            <div>
              <label htmlFor={inputId}>
                <strong>{pick(slot.name)}</strong>
              </label>{' '}
              <span className={slot.required ? 'badge warn' : 'badge'}>
                {slot.required ? t('slotRequired') : t('slotOptional')}
              </span>
              <div className="muted">
                {t('slotAccepts', { types: kinds(slot) })}
                {slot.templateUrl ? (
                  <>
                    {' · '}
                    <DownloadLink url={slot.templateUrl} filename={`${slot.code}.txt`} testId="slot-template">
                      {t('slotTemplate')}
                    </DownloadLink>
                  </>
                ) : null}
              </div>
            </div>
            <div id={problemId}>
              {busy === slot.code ? (
                <span className="muted">{t('slotUploading')}</span>
              ) : slot.file ? (
                <DownloadLink
                  url={`${DRAFT_URL}/materials/${slot.code}`}
                  filename={slot.file.filename}
                  testId="slot-file"
                />
              ) : (
                <span className="muted" data-testid="slot-empty">
                  {t('slotEmpty')}
                </span>
              )}
              {problems.map((m) => (
                <div className="field-error" role="alert" key={m}>
                  {m}
                </div>
              ))}
            </div>
            <div className="actions">
              {/* The browser's own file button speaks the browser's language: hidden, our label stands in. */}
              <input
                id={inputId}
                className="visually-hidden"
                type="file"
                accept={slot.accepts.map((k) => MIME[k]).join(',')}
                aria-required={slot.required || undefined}
                aria-invalid={problems.length ? true : undefined}
                aria-describedby={problemId}
                data-testid="slot-input"
                disabled={busy !== null}
                onChange={(e) => {
                  put(slot, e.target.files?.[0]);
                  e.target.value = '';
                }}
              />
              <label htmlFor={inputId} className={`button small${busy !== null ? ' disabled' : ''}`}>
                {slot.file ? t('slotReplace') : t('slotUpload')}
              </label>
              {slot.file ? (
                <button
                  type="button"
                  className="small"
                  data-testid="slot-delete"
                  disabled={busy !== null}
                  onClick={() =>
                    void act(slot, () => api.delete<Draft>(`${DRAFT_URL}/materials/${slot.code}`))
                  }
                >
                  {t('slotDelete')}：{pick(slot.name)}
                </button>
              ) : null}
            </div>
          </div>
        );
      })}
    </div>
  );
}

/** Total, estimated face value and contract-rule pre-check, computed in the browser with the domain rules. */
function usePreview(form: Form, errors: Record<string, string>) {
  return useMemo(() => {
    const lines = form.lines
      .filter((l) => isAmountInput(l.amount))
      .map((l) => ({ serviceKind: l.serviceKind, amount: Money.parse(normalizeAmountInput(l.amount)!) }));
    const total = Money.sum(lines.map((l) => l.amount)).toString();
    const program = findProgram(PROGRAM);
    const datesOk = !errors.signedOn && !errors.startDate && !errors.endDate;
    if (!program || !datesOk || lines.length === 0)
      return { total, estimate: null, failures: [], daysInPlan: 0, totalDays: 0 };
    const amounts = eligibleContractAmount(program, {
      startDate: form.startDate,
      endDate: form.endDate,
      lines,
    });
    const estimate = amounts.eligibleAmount.timesRate(program.rate).toString();
    const failures = errors.applicationDomain
      ? []
      : checkContract(program, {
          signedOn: form.signedOn,
          startDate: form.startDate,
          endDate: form.endDate,
          lines,
          applicationDomain: form.applicationDomain as ApplicationDomain,
          alreadyApplied: false,
        }).filter((r) => !r.passed);
    return { total, estimate, failures, daysInPlan: amounts.daysInPlan, totalDays: amounts.totalDays };
  }, [form, errors.signedOn, errors.startDate, errors.endDate, errors.applicationDomain]);
}
