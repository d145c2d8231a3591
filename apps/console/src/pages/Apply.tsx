import { useMemo, useState, type FormEvent } from 'react';
import {
  APPLICATION_DOMAINS,
  APPLICATION_DOMAIN_LABELS,
  Money,
  SERVICE_KINDS,
  SERVICE_KIND_LABELS,
  checkContract,
  compareDates,
  eligibleContractAmount,
  findProgram,
  isBusinessDate,
  isMoneyString,
  type ApplicationDomain,
  type ServiceKind,
} from '@app/domain';
import { api } from '../api';
import { Amount, Card, ErrorBox, Field, InputField, Notice, SubmitRow, fieldErrors } from '../components/ui';
import { useAction, useAsync, useFieldMessages } from '../hooks';
import { useI18n, type Translate } from '../i18n';
import { navigate } from '../router';
import type { ApplicationDetail, Supplier } from '../types';

const PROGRAM = 'beijing-ai-compute-2023';

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
  for (const k of ['signedOn', 'startDate', 'endDate'] as const)
    if (!isBusinessDate(f[k])) e[k] = t('dateFormat');
  if (!e.startDate && !e.endDate && compareDates(f.endDate, f.startDate) < 0) e.endDate = t('endBeforeStart');
  if (!(APPLICATION_DOMAINS as readonly string[]).includes(f.applicationDomain))
    e.applicationDomain = t('chooseDomain');
  f.lines.forEach((l, i) => {
    if (!isMoneyString(l.amount)) e[`lines.${i}.amount`] = t('moneyFormat');
  });
  return e;
}

export function ApplyPage() {
  const { t, lang, pick } = useI18n();
  const suppliers = useAsync(() => api.get<Supplier[]>('/catalog/suppliers'), []);
  const [form, setForm] = useState<Form>(EMPTY);
  const { busy, error, run } = useAction();
  const errors = validate(form, t);
  const server = fieldErrors(error);
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

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!attempt()) return;
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
          amount: l.amount,
          ...(l.description.trim() ? { description: l.description.trim() } : {}),
        })),
      });
      navigate(`/applications/${created.id}`);
    });
  }

  return (
    <form className="stack apply" onSubmit={submit} noValidate data-testid="apply-form">
      <h1>{t('applyTitle')}</h1>
      <Card title={t('step1')}>
        <div className="form-grid">
          <Field label={t('supplier')} error={err('supplierId')}>
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
            error={err('contractNumber')}
            name="contractNumber"
            value={form.contractNumber}
            onValue={(v) => set('contractNumber', v)}
          />
          <Field label={t('applicationDomain')} error={err('applicationDomain')}>
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
            <Field label={t('serviceKind')} error={err(`lines.${i}.serviceKind`)}>
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
              error={err(`lines.${i}.amount`)}
              hint="1000000.00"
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
      <Card title={t('step3')}>
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
        <SubmitRow busy={busy} label={t('submit')} busyLabel={t('submitting')} />
      </Card>
    </form>
  );
}

/** Total, estimated face value and contract-rule pre-check, computed in the browser with the domain rules. */
function usePreview(form: Form, errors: Record<string, string>) {
  return useMemo(() => {
    const lines = form.lines
      .filter((l) => isMoneyString(l.amount))
      .map((l) => ({ serviceKind: l.serviceKind, amount: Money.parse(l.amount) }));
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
