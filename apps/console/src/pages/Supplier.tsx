import { useState, type FormEvent, type ReactNode } from 'react';
import {
  SERVICE_KIND_LABELS,
  compareDates,
  isBusinessDate,
  isMoneyString,
  type LocalizedText,
} from '@app/domain';
import { api, type Page } from '../api';
import {
  Amount,
  Card,
  DefList,
  Empty,
  ErrorBox,
  Field,
  Loading,
  Notice,
  Pager,
  StatusBadge,
  fieldErrors,
} from '../components/ui';
import { formatDate, formatDateTime } from '../format';
import { useAsync } from '../hooks';
import { useI18n, type Translate } from '../i18n';
import { Link } from '../router';

interface ContractRow {
  id: string;
  contractNumber: string;
  enterpriseName: string;
  signedOn: string;
  startDate: string;
  endDate: string;
  totalAmount: string;
  settledAmount: string;
  applicationStatus: string | null;
}
interface SettlementView {
  id: string;
  contractId: string;
  periodStart: string;
  periodEnd: string;
  amount: string;
  invoiceNumber: string;
  invoiceDate: string;
  confirmedAt: string;
}
interface ContractDetail {
  id: string;
  contractNumber: string;
  enterpriseName: string;
  signedOn: string;
  startDate: string;
  endDate: string;
  totalAmount: string;
  lines: { serviceKind: string; amount: string }[];
  settlements: SettlementView[];
}
const PAGE_SIZE = 20;

export function ContractsPage() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const list = useAsync(
    () => api.get<Page<ContractRow>>(`/supplier/contracts?page=${page}&pageSize=${PAGE_SIZE}`),
    [page],
  );
  return (
    <Card title={t('navContracts')}>
      <ErrorBox error={list.error} />
      {!list.data ? (
        <Loading />
      ) : list.data.items.length === 0 ? (
        <Empty />
      ) : (
        <>
          <table className="grid">
            <thead>
              <tr>
                <th>{t('contractNumber')}</th>
                <th>{t('enterprise')}</th>
                <th>{t('signedOn')}</th>
                <th>{t('term')}</th>
                <th className="num">{t('contractTotal')}</th>
                <th className="num">{t('settledAmount')}</th>
                <th>{t('applicationStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((c) => (
                <tr key={c.id} data-testid="contract-row">
                  <td>
                    <Link to={`/contracts/${c.id}`}>{c.contractNumber}</Link>
                  </td>
                  <td>{c.enterpriseName}</td>
                  <td>{formatDate(c.signedOn)}</td>
                  <td>
                    {formatDate(c.startDate)} → {formatDate(c.endDate)}
                  </td>
                  <td className="num">
                    <Amount value={c.totalAmount} />
                  </td>
                  <td className="num">
                    <Amount value={c.settledAmount} />
                  </td>
                  <td>
                    <StatusBadge status={c.applicationStatus} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
        </>
      )}
    </Card>
  );
}

export function ContractPage({ id }: { id: string }) {
  const { t, pick } = useI18n();
  const [confirmed, setConfirmed] = useState<SettlementView | null>(null);
  const c = useAsync(() => api.get<ContractDetail>(`/supplier/contracts/${id}`), [id]);
  if (!c.data) return c.error ? <ErrorBox error={c.error} /> : <Loading />;
  const d = c.data;
  return (
    <div className="stack">
      <h1>
        {t('contract')} · {d.contractNumber}
      </h1>
      <div className="cols">
        <Card title={t('contract')}>
          <DefList
            items={[
              [t('enterprise'), d.enterpriseName],
              [t('signedOn'), formatDate(d.signedOn)],
              [t('term'), `${formatDate(d.startDate)} → ${formatDate(d.endDate)}`],
              [t('contractTotal'), <Amount key="t" value={d.totalAmount} />],
              ...d.lines.map((l, i): [string, ReactNode] => [
                `${i + 1}. ${pick((SERVICE_KIND_LABELS as Record<string, LocalizedText>)[l.serviceKind]) || l.serviceKind}`,
                <Amount key={i} value={l.amount} />,
              ]),
            ]}
          />
        </Card>
        <SettlementForm
          contract={d}
          onDone={(s) => {
            setConfirmed(s);
            c.reload();
          }}
        />
      </div>
      {confirmed ? (
        <Notice kind="ok">
          <span data-testid="settlement-confirmed">
            {t('settlementConfirmed')}: {confirmed.invoiceNumber} · {formatDateTime(confirmed.confirmedAt)}
          </span>
        </Notice>
      ) : null}
      <Card title={t('navSupplierSettlements')}>
        <SettlementTable items={d.settlements} />
      </Card>
    </div>
  );
}

function SettlementTable({ items }: { items: SettlementView[] }) {
  const { t } = useI18n();
  if (items.length === 0) return <Empty />;
  return (
    <table className="grid">
      <thead>
        <tr>
          <th>{t('period')}</th>
          <th>{t('invoiceNumber')}</th>
          <th>{t('invoiceDate')}</th>
          <th className="num">{t('amount')}</th>
          <th>{t('confirmedAt')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((s) => (
          <tr key={s.id} data-testid="supplier-settlement-row">
            <td>
              {formatDate(s.periodStart)} → {formatDate(s.periodEnd)}
            </td>
            <td>{s.invoiceNumber}</td>
            <td>{formatDate(s.invoiceDate)}</td>
            <td className="num">
              <Amount value={s.amount} />
            </td>
            <td>{formatDateTime(s.confirmedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface SForm {
  periodStart: string;
  periodEnd: string;
  amount: string;
  invoiceNumber: string;
  invoiceDate: string;
}

/** The API's DTO rules (dates, amount, invoice number pattern), checked as they type. */
function validateSettlement(f: SForm, t: Translate): Record<string, string> {
  const e: Record<string, string> = {};
  for (const k of ['periodStart', 'periodEnd', 'invoiceDate'] as const)
    if (!isBusinessDate(f[k])) e[k] = t('dateFormat');
  if (!e.periodStart && !e.periodEnd && compareDates(f.periodEnd, f.periodStart) < 0)
    e.periodEnd = t('endBeforeStart');
  if (!e.periodStart && !e.invoiceDate && compareDates(f.invoiceDate, f.periodStart) < 0)
    e.invoiceDate = t('endBeforeStart');
  if (!isMoneyString(f.amount)) e.amount = t('moneyFormat');
  if (!/^[A-Za-z0-9-]{1,64}$/.test(f.invoiceNumber)) e.invoiceNumber = t('invoicePattern');
  return e;
}

function SettlementForm({ contract, onDone }: { contract: ContractDetail; onDone(s: SettlementView): void }) {
  const { t } = useI18n();
  const blank: SForm = { periodStart: '', periodEnd: '', amount: '', invoiceNumber: '', invoiceDate: '' };
  const [f, setF] = useState<SForm>(blank);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = validateSettlement(f, t);
  const server = fieldErrors(error);
  const err = (k: keyof SForm) => server[k] ?? ((touched[k] || submitted) && errors[k] ? errors[k] : null);
  const set = (k: keyof SForm) => (v: string) => {
    setF((x) => ({ ...x, [k]: v }));
    setTouched((x) => ({ ...x, [k]: true }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(errors).length) return;
    setBusy(true);
    setError(null);
    try {
      const s = await api.post<SettlementView>(`/supplier/contracts/${contract.id}/settlements`, f);
      setF(blank);
      setTouched({});
      setSubmitted(false);
      onDone(s);
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  }

  const input = (k: keyof SForm, hint?: string) => (
    <Field label={t(k)} error={err(k)} hint={hint}>
      <input name={k} value={f[k]} onChange={(e) => set(k)(e.target.value.trim())} />
    </Field>
  );
  return (
    <Card title={t('confirmSettlement')} testId="settlement-form">
      <form onSubmit={submit} className="stack" noValidate>
        <div className="form-grid two">
          {input('periodStart', 'YYYY-MM-DD')}
          {input('periodEnd', 'YYYY-MM-DD')}
          {input('amount', '1000000.00')}
          {input('invoiceNumber')}
          {input('invoiceDate', 'YYYY-MM-DD')}
        </div>
        {error && !Object.keys(server).length ? <ErrorBox error={error} /> : null}
        <div className="row end">
          <button type="submit" className="primary" disabled={busy}>
            {t('confirm')}
          </button>
        </div>
      </form>
    </Card>
  );
}

export function SupplierSettlementsPage() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const list = useAsync(
    () => api.get<Page<SettlementView>>(`/supplier/settlements?page=${page}&pageSize=${PAGE_SIZE}`),
    [page],
  );
  return (
    <Card title={t('navSupplierSettlements')}>
      <ErrorBox error={list.error} />
      {!list.data ? (
        <Loading />
      ) : (
        <>
          <SettlementTable items={list.data.items} />
          {list.data.total > 0 ? (
            <Pager page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
          ) : null}
        </>
      )}
    </Card>
  );
}
