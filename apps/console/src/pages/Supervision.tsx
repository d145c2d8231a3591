import { useState, type FormEvent } from 'react';
import { FINDING_KINDS, FINDING_KIND_LABELS, can, type FindingKind } from '@app/domain';
import { api, type ApiError } from '../api';
import {
  Amount,
  Card,
  DataTable,
  DefList,
  ErrorBox,
  Field,
  Loading,
  Notice,
  StatusBadge,
} from '../components/ui';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';
import { Link, navigate } from '../router';
import { useUser } from '../session';

/**
 * Supervision (ADR 0027): findings with their evidence, the clawback receivable and its repayments, the
 * debarment and appeals. Reviewers record findings; finance records repayments; admins write off with a
 * reason, lift bars with a reason and decide appeals (seniors too).
 */

interface FindingItem {
  id: string;
  applicationId: string;
  enterpriseName: string;
  programCode: string;
  kind: FindingKind;
  status: string;
  foundOn: string;
  principal: string | null;
  outstanding: string | null;
  receivableStatus: string | null;
  overdue: boolean;
  debarredUntil: string | null;
  debarredNow: boolean;
}

interface Finding {
  id: string;
  applicationId: string;
  enterpriseId: string;
  enterpriseName: string;
  creditCode: string;
  programCode: string;
  voucherId: string | null;
  voucherStatus: string | null;
  kind: FindingKind;
  description: string;
  status: string;
  foundOn: string;
  recordedByName: string;
  evidence: { id: string; filename: string; sizeBytes: number }[];
  receivable: {
    id: string;
    principal: string;
    repaid: string;
    outstanding: string;
    status: string;
    dueOn: string;
    overdue: boolean;
    remindersSent: number;
    closeReason: string | null;
    repayments: { id: string; amount: string; receivedOn: string; reference: string }[];
  } | null;
  debarment: {
    id: string;
    startsOn: string;
    endsOn: string;
    liftedOn: string | null;
    liftReason: string | null;
    inForce: boolean;
  } | null;
  appeals: { id: string; filedOn: string; grounds: string; status: string; decisionReason: string | null }[];
  history: { at: string; actorName: string | null; actor: string; action: string }[];
}

const L = {
  title: { zh: '监督检查', en: 'Supervision' },
  record: { zh: '记录违规认定', en: 'Record a finding' },
  applicationId: { zh: '申领编号', en: 'Application id' },
  kind: { zh: '违规类型', en: 'Kind' },
  description: { zh: '认定事实', en: 'What was found' },
  evidence: { zh: '证据材料（PDF/PNG/JPEG）', en: 'Evidence (PDF/PNG/JPEG)' },
  submit: { zh: '提交认定', en: 'Record' },
  enterprise: { zh: '单位', en: 'Unit' },
  foundOn: { zh: '认定日期', en: 'Found on' },
  receivable: { zh: '追缴', en: 'Clawback' },
  outstanding: { zh: '待追缴', en: 'Outstanding' },
  debarredUntil: { zh: '禁止申报至', en: 'Barred until' },
  overdue: { zh: '逾期', en: 'overdue' },
  lifted: { zh: '已解除', en: 'lifted' },
  principal: { zh: '应追回', en: 'Principal' },
  repaid: { zh: '已退回', en: 'Repaid' },
  dueOn: { zh: '退回期限', en: 'Due on' },
  repay: { zh: '登记还款', en: 'Record a repayment' },
  amount: { zh: '金额', en: 'Amount' },
  receivedOn: { zh: '到账日期', en: 'Received on' },
  reference: { zh: '银行流水号', en: 'Bank reference' },
  writeOff: { zh: '核销（须说明理由）', en: 'Write off (with a reason)' },
  reason: { zh: '理由', en: 'Reason' },
  lift: { zh: '解除禁止申报（须说明理由）', en: 'Lift the bar (with a reason)' },
  appeal: { zh: '登记申诉', en: 'Record an appeal' },
  grounds: { zh: '申诉理由', en: 'Grounds' },
  decide: { zh: '申诉决定', en: 'Decide' },
  dismiss: { zh: '驳回', en: 'Dismiss' },
  grant: { zh: '申诉成立', en: 'Grant' },
  history: { zh: '处理记录', en: 'History' },
  remind: { zh: '发送逾期提醒', en: 'Send overdue reminders' },
  sent: { zh: '已发送 {n} 条提醒', en: '{n} reminders sent' },
  debarment: { zh: '禁止申报', en: 'Debarment' },
  back: { zh: '返回列表', en: 'Back to the list' },
} as const;

function tr(lang: 'zh' | 'en', key: keyof typeof L, vars: Record<string, string | number> = {}) {
  return Object.entries(vars).reduce((s, [k, v]) => s.replace(`{${k}}`, String(v)), L[key][lang] as string);
}

export function SupervisionPage() {
  const { lang } = useI18n();
  const me = useUser();
  const list = useAsync(() => api.get<{ items: FindingItem[] }>('/supervision/findings'), []);
  const [sent, setSent] = useState<number | null>(null);
  const canRecord = can(me.role, 'recordFinding');
  return (
    <div className="stack" data-testid="supervision">
      <div className="row between">
        <h1>{tr(lang, 'title')}</h1>
        {can(me.role, 'sendRepaymentReminders') ? (
          <button
            type="button"
            data-testid="send-reminders"
            onClick={() =>
              void api.post<{ sent: unknown[] }>('/supervision/reminders').then((r) => setSent(r.sent.length))
            }
          >
            {tr(lang, 'remind')}
          </button>
        ) : null}
      </div>
      {sent !== null ? <Notice kind="ok">{tr(lang, 'sent', { n: sent })}</Notice> : null}
      <ErrorBox error={list.error} />
      {canRecord ? <RecordFinding onDone={(id) => navigate(`/supervision/${id}`)} /> : null}
      <Card>
        {list.data ? (
          <DataTable
            rows={list.data.items}
            rowKey={(r) => r.id}
            rowTestId="finding-row"
            columns={[
              {
                head: tr(lang, 'foundOn'),
                cell: (r) => <Link to={`/supervision/${r.id}`}>{r.foundOn}</Link>,
              },
              { head: tr(lang, 'enterprise'), cell: (r) => r.enterpriseName },
              { head: tr(lang, 'kind'), cell: (r) => FINDING_KIND_LABELS[r.kind][lang] },
              {
                head: tr(lang, 'outstanding'),
                num: true,
                cell: (r) =>
                  r.outstanding === null ? (
                    '—'
                  ) : (
                    <>
                      <Amount value={r.outstanding} />{' '}
                      {r.overdue ? <span className="badge bad">{tr(lang, 'overdue')}</span> : null}
                    </>
                  ),
              },
              {
                head: tr(lang, 'debarredUntil'),
                cell: (r) =>
                  r.debarredNow ? r.debarredUntil : `${r.debarredUntil ?? '—'} (${tr(lang, 'lifted')})`,
              },
              { head: '', cell: (r) => <StatusBadge status={r.status} /> },
            ]}
          />
        ) : (
          <Loading />
        )}
      </Card>
    </div>
  );
}

function RecordFinding({ onDone }: { onDone: (id: string) => void }) {
  const { lang } = useI18n();
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await api.uploadForm<{ id: string }>(
        '/supervision/findings',
        new FormData(e.currentTarget),
      );
      onDone(res.id);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  const fields = (error as ApiError | null)?.fields ?? {};
  return (
    <Card title={tr(lang, 'record')} testId="record-finding">
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <ErrorBox error={error} />
        <div className="form-grid">
          <Field label={tr(lang, 'applicationId')} error={fields.applicationId}>
            <input name="applicationId" required />
          </Field>
          <Field label={tr(lang, 'kind')} error={fields.kind}>
            <select name="kind" defaultValue="false_material">
              {FINDING_KINDS.map((k) => (
                <option key={k} value={k}>
                  {FINDING_KIND_LABELS[k][lang]}
                </option>
              ))}
            </select>
          </Field>
          <Field label={tr(lang, 'description')} error={fields.description} wide>
            <textarea name="description" required maxLength={2000} />
          </Field>
          <Field label={tr(lang, 'evidence')} error={fields.evidence} wide>
            <input type="file" name="evidence" accept="application/pdf,image/png,image/jpeg" required />
          </Field>
        </div>
        <div className="row end">
          <button type="submit" className="primary" disabled={busy}>
            {tr(lang, 'submit')}
          </button>
        </div>
      </form>
    </Card>
  );
}

/** A small form posting `{[field]: value}` (and fixed extras) and reloading the finding. */
function ActionForm({
  title,
  fields,
  run,
  testId,
  buttons,
}: {
  title: string;
  fields: { name: string; label: string; type?: string }[];
  run: (values: Record<string, string>, button: string) => Promise<unknown>;
  testId: string;
  buttons: { value: string; label: string }[];
}) {
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const go = async (button: string) => {
    setError(null);
    try {
      await run(values, button);
      setValues({});
    } catch (e) {
      setError(e as Error);
    }
  };
  const errs = (error as ApiError | null)?.fields ?? {};
  return (
    <div className="stack" data-testid={testId}>
      <strong>{title}</strong>
      <ErrorBox error={error} />
      <div className="form-grid">
        {fields.map((f) => (
          <Field key={f.name} label={f.label} error={errs[f.name]}>
            <input
              name={f.name}
              type={f.type ?? 'text'}
              value={values[f.name] ?? ''}
              onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
            />
          </Field>
        ))}
      </div>
      <div className="row end">
        {buttons.map((b) => (
          <button key={b.value} type="button" onClick={() => void go(b.value)}>
            {b.label}
          </button>
        ))}
      </div>
    </div>
  );
}

export function FindingPage({ id }: { id: string }) {
  const { lang } = useI18n();
  const me = useUser();
  const f = useAsync(() => api.get<Finding>(`/supervision/findings/${id}`), [id]);
  if (!f.data) return f.error ? <ErrorBox error={f.error} /> : <Loading />;
  const d = f.data;
  const r = d.receivable;
  return (
    <div className="stack" data-testid="finding">
      <Link to="/supervision">‹ {tr(lang, 'back')}</Link>
      <h1>
        {d.enterpriseName} · {FINDING_KIND_LABELS[d.kind][lang]} <StatusBadge status={d.status} />
      </h1>
      <Card>
        <DefList
          items={[
            [tr(lang, 'foundOn'), d.foundOn],
            [
              tr(lang, 'applicationId'),
              <Link key="a" to={`/applications/${d.applicationId}`}>
                {d.applicationId}
              </Link>,
            ],
            [tr(lang, 'description'), d.description],
            [tr(lang, 'evidence'), d.evidence.map((e) => e.filename).join(', ')],
          ]}
        />
      </Card>
      {r ? (
        <Card title={tr(lang, 'receivable')} testId="receivable">
          <DefList
            items={[
              [tr(lang, 'principal'), <Amount key="p" value={r.principal} />],
              [tr(lang, 'repaid'), <Amount key="r" value={r.repaid} testId="receivable-repaid" />],
              [
                tr(lang, 'outstanding'),
                <Amount key="o" value={r.outstanding} testId="receivable-outstanding" />,
              ],
              [tr(lang, 'dueOn'), `${r.dueOn}${r.overdue ? ` (${tr(lang, 'overdue')})` : ''}`],
              ['', <StatusBadge key="s" status={r.status} />],
            ]}
          />
          <DataTable
            compact
            rows={r.repayments}
            rowKey={(p) => p.id}
            columns={[
              { head: tr(lang, 'receivedOn'), cell: (p) => p.receivedOn },
              { head: tr(lang, 'reference'), cell: (p) => p.reference },
              { head: tr(lang, 'amount'), num: true, cell: (p) => <Amount value={p.amount} /> },
            ]}
          />
          {r.status === 'open' && can(me.role, 'recordRepayment') ? (
            <ActionForm
              title={tr(lang, 'repay')}
              testId="repay"
              fields={[
                { name: 'amount', label: tr(lang, 'amount') },
                { name: 'receivedOn', label: tr(lang, 'receivedOn'), type: 'date' },
                { name: 'reference', label: tr(lang, 'reference') },
              ]}
              buttons={[{ value: 'repay', label: tr(lang, 'repay') }]}
              run={(v) => api.post(`/supervision/receivables/${r.id}/repayments`, v).then(f.reload)}
            />
          ) : null}
          {r.status === 'open' && can(me.role, 'writeOffReceivable') ? (
            <ActionForm
              title={tr(lang, 'writeOff')}
              testId="write-off"
              fields={[{ name: 'reason', label: tr(lang, 'reason') }]}
              buttons={[{ value: 'w', label: tr(lang, 'writeOff') }]}
              run={(v) => api.post(`/supervision/receivables/${r.id}/write-off`, v).then(f.reload)}
            />
          ) : null}
        </Card>
      ) : null}
      {d.debarment ? (
        <Card title={tr(lang, 'debarment')} testId="debarment">
          <p data-testid="debarment-line">
            {d.debarment.startsOn} – {d.debarment.endsOn}{' '}
            {d.debarment.liftedOn
              ? `(${tr(lang, 'lifted')} ${d.debarment.liftedOn}: ${d.debarment.liftReason})`
              : ''}
          </p>
          {d.debarment.inForce && can(me.role, 'liftDebarment') ? (
            <ActionForm
              title={tr(lang, 'lift')}
              testId="lift"
              fields={[{ name: 'reason', label: tr(lang, 'reason') }]}
              buttons={[{ value: 'l', label: tr(lang, 'lift') }]}
              run={(v) => api.post(`/supervision/debarments/${d.debarment!.id}/lift`, v).then(f.reload)}
            />
          ) : null}
        </Card>
      ) : null}
      <Card title={tr(lang, 'appeal')} testId="appeals">
        {d.appeals.map((a) => (
          <div key={a.id} className="stack">
            <p>
              {a.filedOn} · {a.grounds} <StatusBadge status={a.status} /> {a.decisionReason ?? ''}
            </p>
            {a.status === 'pending' && can(me.role, 'decideAppeal') ? (
              <ActionForm
                title={tr(lang, 'decide')}
                testId="decide-appeal"
                fields={[{ name: 'reason', label: tr(lang, 'reason') }]}
                buttons={[
                  { value: 'dismissed', label: tr(lang, 'dismiss') },
                  { value: 'granted', label: tr(lang, 'grant') },
                ]}
                run={(v, decision) =>
                  api.post(`/supervision/appeals/${a.id}/decision`, { ...v, decision }).then(f.reload)
                }
              />
            ) : null}
          </div>
        ))}
        {!d.appeals.some((a) => a.status === 'pending') && can(me.role, 'recordAppeal') ? (
          <ActionForm
            title={tr(lang, 'appeal')}
            testId="record-appeal"
            fields={[{ name: 'grounds', label: tr(lang, 'grounds') }]}
            buttons={[{ value: 'a', label: tr(lang, 'appeal') }]}
            run={(v) => api.post(`/supervision/findings/${d.id}/appeals`, v).then(f.reload)}
          />
        ) : null}
      </Card>
      <Card title={tr(lang, 'history')}>
        <DataTable
          compact
          rows={d.history}
          rowKey={(h) => `${h.at}-${h.action}`}
          columns={[
            { head: '', cell: (h) => new Date(h.at).toISOString().slice(0, 19).replace('T', ' ') },
            { head: '', cell: (h) => h.actorName ?? h.actor },
            { head: '', cell: (h) => h.action },
          ]}
        />
      </Card>
    </div>
  );
}

interface EnterpriseRecordView {
  debarredNow: boolean;
  debarments: { id: string; endsOn: string; inForce: boolean; reason: string; findingId: string }[];
  findings: { id: string; foundOn: string; outstanding: string | null; overdue: boolean }[];
}

/**
 * For staff on an application page: the unit's bars and findings (ADR 0027), so a reviewer sees at once
 * that the unit is barred or owes a clawback. Nothing is shown for a unit with a clean record.
 */
export function SupervisionNotice({ enterpriseId }: { enterpriseId: string }) {
  const { lang } = useI18n();
  const me = useUser();
  const staff = ['reviewer', 'senior_reviewer', 'finance', 'admin'].includes(me.role);
  const rec = useAsync(
    () =>
      staff
        ? api.get<EnterpriseRecordView>(`/supervision/enterprises/${enterpriseId}`)
        : Promise.resolve(null),
    [enterpriseId, staff],
  );
  const r = rec.data;
  if (!r || (!r.debarments.length && !r.findings.length)) return null;
  const bar = r.debarments.find((d) => d.inForce);
  const owed = r.findings.filter((f) => f.outstanding !== null && f.outstanding !== '0.00');
  return (
    <Notice kind="warn">
      <span data-testid="supervision-notice">
        {bar
          ? lang === 'zh'
            ? `该单位因违规被禁止申报至 ${bar.endsOn}。`
            : `This unit is barred until ${bar.endsOn}.`
          : lang === 'zh'
            ? '该单位有监督检查记录。'
            : 'This unit has a supervision record.'}{' '}
        {owed.length ? (
          <>
            {lang === 'zh' ? '待追缴' : 'Outstanding clawback'} <Amount value={owed[0].outstanding} />{' '}
          </>
        ) : null}
        {r.findings.map((f) => (
          <Link key={f.id} to={`/supervision/${f.id}`}>
            {f.foundOn}{' '}
          </Link>
        ))}
      </span>
    </Notice>
  );
}
