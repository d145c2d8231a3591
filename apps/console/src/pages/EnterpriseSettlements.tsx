import { useState, type FormEvent } from 'react';
import { isMoneyString } from '@app/domain';
import { api, type Page } from '../api';
import {
  Amount,
  Card,
  Empty,
  ErrorBox,
  Field,
  Loading,
  Notice,
  Pager,
  StatusBadge,
  fieldErrors,
} from '../components/ui';
import { formatDate } from '../format';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';

interface SettlementRow {
  id: string;
  contractNumber: string;
  supplierName: string;
  periodStart: string;
  periodEnd: string;
  amount: string;
  invoiceNumber: string;
  invoiceDate: string;
  claimId: string | null;
  claimStatus: string | null;
}
interface ClaimRow {
  id: string;
  settlementId: string;
  claimedOn: string;
  deliveredOn: string;
  invoicedEligibleAmount: string;
  run: { year: number; quarter: number };
  rolledOver: boolean;
  status: string;
}
const PAGE_SIZE = 20;

export function EnterpriseSettlementsPage() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const [claimPage, setClaimPage] = useState(1);
  const [filing, setFiling] = useState<SettlementRow | null>(null);
  const [filed, setFiled] = useState<ClaimRow | null>(null);
  const list = useAsync(
    () => api.get<Page<SettlementRow>>(`/settlements?page=${page}&pageSize=${PAGE_SIZE}`),
    [page],
  );
  const claims = useAsync(
    () => api.get<Page<ClaimRow>>(`/claims?page=${claimPage}&pageSize=${PAGE_SIZE}`),
    [claimPage],
  );

  return (
    <div className="stack">
      {filed ? (
        <Notice kind="ok">
          <span data-testid="claim-filed">
            {t('claimFiled', { year: filed.run.year, quarter: filed.run.quarter })}
            {filed.rolledOver ? t('rolledOver') : ''}
          </span>
        </Notice>
      ) : null}
      <Card title={t('settlementsTitle')}>
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
                  <th>{t('supplier')}</th>
                  <th>{t('period')}</th>
                  <th>{t('invoiceNumber')}</th>
                  <th>{t('invoiceDate')}</th>
                  <th className="num">{t('invoicedAmount')}</th>
                  <th>{t('claimStatus')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((s) => (
                  <tr key={s.id} data-testid="settlement-row">
                    <td>{s.contractNumber}</td>
                    <td>{s.supplierName}</td>
                    <td>
                      {formatDate(s.periodStart)} → {formatDate(s.periodEnd)}
                    </td>
                    <td>{s.invoiceNumber}</td>
                    <td>{formatDate(s.invoiceDate)}</td>
                    <td className="num">
                      <Amount value={s.amount} />
                    </td>
                    <td>
                      {s.claimStatus ? (
                        <StatusBadge status={s.claimStatus} />
                      ) : (
                        <button type="button" className="small primary" onClick={() => setFiling(s)}>
                          {t('fileClaim')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
          </>
        )}
      </Card>
      {filing ? (
        <ClaimForm
          settlement={filing}
          onCancel={() => setFiling(null)}
          onFiled={(c) => {
            setFiling(null);
            setFiled(c);
            list.reload();
            claims.reload();
          }}
        />
      ) : null}
      <Card title={t('claimsTitle')}>
        {!claims.data ? (
          <Loading />
        ) : claims.data.items.length === 0 ? (
          <Empty />
        ) : (
          <>
            <table className="grid">
              <thead>
                <tr>
                  <th>{t('claimedOn')}</th>
                  <th>{t('deliveredOn')}</th>
                  <th className="num">{t('invoicedEligible')}</th>
                  <th>{t('run')}</th>
                  <th>{t('status')}</th>
                </tr>
              </thead>
              <tbody>
                {claims.data.items.map((c) => (
                  <tr key={c.id} data-testid="claim-row">
                    <td>{formatDate(c.claimedOn)}</td>
                    <td>{formatDate(c.deliveredOn)}</td>
                    <td className="num">
                      <Amount value={c.invoicedEligibleAmount} />
                    </td>
                    <td>
                      {c.run.year} Q{c.run.quarter}
                      {c.rolledOver ? ' ↻' : ''}
                    </td>
                    <td>
                      <StatusBadge status={c.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager page={claimPage} pageSize={PAGE_SIZE} total={claims.data.total} onPage={setClaimPage} />
          </>
        )}
      </Card>
    </div>
  );
}

function ClaimForm({
  settlement,
  onCancel,
  onFiled,
}: {
  settlement: SettlementRow;
  onCancel(): void;
  onFiled(c: ClaimRow): void;
}) {
  const { t } = useI18n();
  // Prefilled from the supplier's confirmation; the API checks they still match.
  const [invoiceNumber, setInvoiceNumber] = useState(settlement.invoiceNumber);
  const [invoicedAmount, setInvoicedAmount] = useState(settlement.amount);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const server = fieldErrors(error);
  const amountError = isMoneyString(invoicedAmount) ? null : t('moneyFormat');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (amountError) return;
    setBusy(true);
    setError(null);
    try {
      onFiled(
        await api.post<ClaimRow>('/claims', { settlementId: settlement.id, invoiceNumber, invoicedAmount }),
      );
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={`${t('fileClaim')} · ${settlement.invoiceNumber}`} testId="claim-form">
      <form onSubmit={submit} className="stack">
        <div className="form-grid">
          <Field label={t('invoiceNumber')} error={server.invoiceNumber}>
            <input
              name="invoiceNumber"
              value={invoiceNumber}
              onChange={(e) => setInvoiceNumber(e.target.value)}
            />
          </Field>
          <Field label={t('invoicedAmount')} error={server.invoicedAmount ?? amountError}>
            <input
              name="invoicedAmount"
              value={invoicedAmount}
              onChange={(e) => setInvoicedAmount(e.target.value.trim())}
            />
          </Field>
        </div>
        {server.settlementId ? <div className="field-error">{server.settlementId.join(' ')}</div> : null}
        {error && !Object.keys(server).length ? <ErrorBox error={error} /> : null}
        <div className="row end">
          <button type="button" onClick={onCancel}>
            {t('cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('submit')}
          </button>
        </div>
      </form>
    </Card>
  );
}
