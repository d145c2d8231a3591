import { useState, type FormEvent, type ReactNode } from 'react';
import {
  SERVICE_KIND_LABELS,
  compareDates,
  isBusinessDate,
  type LocalizedText,
  normalizeAmountInput,
  isAmountInput,
} from '@app/domain';
import { api } from '../api';
import {
  Amount,
  Card,
  DataTable,
  DefList,
  DownloadLink,
  ErrorBox,
  InputField,
  Loading,
  Notice,
  PagedTable,
  StatusBadge,
  SubmitRow,
  byId,
  fieldErrors,
  type Column,
} from '../components/ui';
import { formatDate, formatDateTime, formatSpan } from '../format';
import { useAction, useAsync, useFieldMessages, usePagedList } from '../hooks';
import { useI18n, type Translate } from '../i18n';
import { Link } from '../router';

interface Contract {
  id: string;
  contractNumber: string;
  enterpriseName: string;
  signedOn: string;
  startDate: string;
  endDate: string;
  totalAmount: string;
}
interface ContractRow extends Contract {
  settledAmount: string;
  leftToSettle: string;
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
  invoiceFile?: { filename: string; sha256: string } | null;
}
interface ContractDetail extends Contract {
  settledAmount: string;
  /** Contract amount − Σ settlements, to the fen (ADR 0049). */
  leftToSettle: string;
  lines: { serviceKind: string; amount: string }[];
  settlements: SettlementView[];
}

export function ContractsPage() {
  const { t } = useI18n();
  const list = usePagedList<ContractRow>('/supplier/contracts');
  const columns: Column<ContractRow>[] = [
    { head: t('contractNumber'), cell: (c) => <Link to={`/contracts/${c.id}`}>{c.contractNumber}</Link> },
    { head: t('enterprise'), cell: (c) => c.enterpriseName },
    { head: t('signedOn'), cell: (c) => formatDate(c.signedOn) },
    { head: t('term'), cell: (c) => formatSpan(c.startDate, c.endDate) },
    { head: t('contractTotal'), num: true, cell: (c) => <Amount value={c.totalAmount} /> },
    { head: t('settledAmount'), num: true, cell: (c) => <Amount value={c.settledAmount} /> },
    { head: t('leftToSettle'), num: true, cell: (c) => <Amount value={c.leftToSettle} /> },
    { head: t('applicationStatus'), cell: (c) => <StatusBadge status={c.applicationStatus} /> },
  ];
  return (
    <Card title={t('navContracts')}>
      <PagedTable list={list} columns={columns} rowTestId="contract-row" />
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
              [t('term'), formatSpan(d.startDate, d.endDate)],
              [t('contractTotal'), <Amount key="t" value={d.totalAmount} />],
              [t('settledAmount'), <Amount key="s" value={d.settledAmount} />],
              [
                t('leftToSettle'),
                <span key="l" data-testid="left-to-settle">
                  <Amount value={d.leftToSettle} />
                </span>,
              ],
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
        <DataTable
          rows={d.settlements}
          columns={settlementColumns(t)}
          rowKey={byId}
          rowTestId="supplier-settlement-row"
        />
      </Card>
    </div>
  );
}

function settlementColumns(t: Translate): Column<SettlementView>[] {
  return [
    { head: t('period'), cell: (s) => formatSpan(s.periodStart, s.periodEnd) },
    { head: t('invoiceNumber'), cell: (s) => s.invoiceNumber },
    { head: t('invoiceDate'), cell: (s) => formatDate(s.invoiceDate) },
    { head: t('amount'), num: true, cell: (s) => <Amount value={s.amount} /> },
    { head: t('confirmedAt'), cell: (s) => formatDateTime(s.confirmedAt) },
    {
      head: t('invoiceFile'),
      cell: (s) =>
        s.invoiceFile === undefined ? (
          '—'
        ) : s.invoiceFile ? (
          <DownloadLink
            url={`/supplier/settlements/${s.id}/invoice-file`}
            filename={s.invoiceFile.filename}
            testId="invoice-file"
          />
        ) : (
          <span className="muted">{t('invoiceFileMissing')}</span>
        ),
    },
  ];
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
  if (!isAmountInput(f.amount)) e.amount = t('moneyFormat');
  if (!/^[A-Za-z0-9-]{1,64}$/.test(f.invoiceNumber)) e.invoiceNumber = t('invoicePattern');
  return e;
}

function SettlementForm({ contract, onDone }: { contract: ContractDetail; onDone(s: SettlementView): void }) {
  const { t } = useI18n();
  const blank: SForm = { periodStart: '', periodEnd: '', amount: '', invoiceNumber: '', invoiceDate: '' };
  const [f, setF] = useState<SForm>(blank);
  const [file, setFile] = useState<File | null>(null);
  const { busy, error, run } = useAction();
  const errors = validateSettlement(f, t);
  const server = fieldErrors(error);
  const { err, touch, attempt, reset } = useFieldMessages(errors, server);
  const set = (k: keyof SForm) => (v: string) => {
    setF((x) => ({ ...x, [k]: v }));
    touch(k);
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!attempt()) return;
    void run(async () => {
      // Typed as people write amounts ("12,345.67"), sent as the API reads them (ADR 0047).
      const s = await api.post<SettlementView>(`/supplier/contracts/${contract.id}/settlements`, {
        ...f,
        amount: normalizeAmountInput(f.amount) ?? f.amount,
      });
      // The invoice file goes with the confirmation (ADR 0049): attached right after it is recorded.
      if (file) await api.upload(`/supplier/settlements/${s.id}/invoice-file`, file);
      setF(blank);
      setFile(null);
      reset();
      onDone(s);
    });
  }

  const input = (k: keyof SForm, hint?: string) => (
    <InputField
      label={t(k)}
      error={err(k)}
      hint={hint}
      name={k}
      value={f[k]}
      onValue={(v) => set(k)(v.trim())}
    />
  );
  return (
    <Card title={t('confirmSettlement')} testId="settlement-form">
      <form onSubmit={submit} className="stack" noValidate>
        <div className="form-grid two">
          {input('periodStart', t('dateHint'))}
          {input('periodEnd', t('dateHint'))}
          {input('amount', '1000000.00')}
          {input('invoiceNumber')}
          {input('invoiceDate', t('dateHint'))}
          <div className="field">
            <label htmlFor="invoice-file">{t('invoiceFile')}</label>
            <input
              id="invoice-file"
              name="invoiceFile"
              type="file"
              accept="application/pdf,image/png,image/jpeg"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
            <div className="hint">{t('invoiceFileHint')}</div>
            {server.file ? <div className="field-error">{server.file.join(' ')}</div> : null}
          </div>
        </div>
        {error && !Object.keys(server).length ? <ErrorBox error={error} /> : null}
        <SubmitRow busy={busy} label={t('confirm')} />
      </form>
    </Card>
  );
}

export function SupplierSettlementsPage() {
  const { t } = useI18n();
  const list = usePagedList<SettlementView>('/supplier/settlements');
  return (
    <Card title={t('navSupplierSettlements')}>
      <PagedTable list={list} columns={settlementColumns(t)} rowTestId="supplier-settlement-row" />
    </Card>
  );
}
