import { useState, type FormEvent } from 'react';
import { type LocalizedText, normalizeAmountInput, isAmountInput } from '@app/domain';
import { api } from '../api';
import {
  Amount,
  Card,
  ErrorBox,
  InputField,
  Notice,
  PagedTable,
  StatusBadge,
  SubmitRow,
  fieldErrors,
  type Column,
} from '../components/ui';
import { formatDate, formatSpan, quarterLabel } from '../format';
import { useAction, usePagedList, useRowDialog } from '../hooks';
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
  /** Why the claim cannot be filed (the claims API's voucher checks, ADR 0049); null when it can. */
  claimRefusal: { code: string; message: LocalizedText } | null;
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

export function EnterpriseSettlementsPage() {
  const { t, pick } = useI18n();
  const list = usePagedList<SettlementRow>('/settlements');
  const claims = usePagedList<ClaimRow>('/claims');
  const claim = useRowDialog<SettlementRow, ClaimRow>(() => {
    list.reload();
    claims.reload();
  });
  const filed = claim.outcome;
  const settlementColumns: Column<SettlementRow>[] = [
    { head: t('contractNumber'), cell: (s) => s.contractNumber },
    { head: t('supplier'), cell: (s) => s.supplierName },
    { head: t('period'), cell: (s) => formatSpan(s.periodStart, s.periodEnd) },
    { head: t('invoiceNumber'), cell: (s) => s.invoiceNumber },
    { head: t('invoiceDate'), cell: (s) => formatDate(s.invoiceDate) },
    { head: t('invoicedAmount'), num: true, cell: (s) => <Amount value={s.amount} /> },
    {
      head: t('claimStatus'),
      cell: (s) =>
        s.claimStatus ? (
          <StatusBadge status={s.claimStatus} />
        ) : s.claimRefusal ? (
          <span className="muted" data-testid="no-claim-reason">
            {pick(s.claimRefusal.message)}
          </span>
        ) : (
          <button type="button" className="small primary" onClick={() => claim.open(s)}>
            {t('fileClaim')}
          </button>
        ),
    },
  ];
  const claimColumns: Column<ClaimRow>[] = [
    { head: t('claimedOn'), cell: (c) => formatDate(c.claimedOn) },
    { head: t('deliveredOn'), cell: (c) => formatDate(c.deliveredOn) },
    { head: t('invoicedEligible'), num: true, cell: (c) => <Amount value={c.invoicedEligibleAmount} /> },
    { head: t('run'), cell: (c) => `${quarterLabel(c.run)}${c.rolledOver ? ' ↻' : ''}` },
    { head: t('status'), cell: (c) => <StatusBadge status={c.status} /> },
  ];

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
        <PagedTable list={list} columns={settlementColumns} rowTestId="settlement-row" />
      </Card>
      {claim.target ? (
        <ClaimForm settlement={claim.target} onCancel={claim.close} onFiled={claim.done} />
      ) : null}
      <Card title={t('claimsTitle')}>
        <PagedTable list={claims} columns={claimColumns} rowTestId="claim-row" />
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
  const { busy, error, run } = useAction();
  const server = fieldErrors(error);
  const amountError = isAmountInput(invoicedAmount) ? null : t('moneyFormat');

  function submit(e: FormEvent) {
    e.preventDefault();
    if (amountError) return;
    void run(async () =>
      onFiled(
        await api.post<ClaimRow>('/claims', {
          settlementId: settlement.id,
          invoiceNumber,
          invoicedAmount: normalizeAmountInput(invoicedAmount) ?? invoicedAmount,
        }),
      ),
    );
  }

  return (
    <Card title={`${t('fileClaim')} · ${settlement.invoiceNumber}`} testId="claim-form">
      <form onSubmit={submit} className="stack">
        <div className="form-grid">
          <InputField
            label={t('invoiceNumber')}
            error={server.invoiceNumber}
            name="invoiceNumber"
            value={invoiceNumber}
            onValue={setInvoiceNumber}
          />
          <InputField
            label={t('invoicedAmount')}
            error={server.invoicedAmount ?? amountError}
            name="invoicedAmount"
            value={invoicedAmount}
            onValue={(v) => setInvoicedAmount(v.trim())}
          />
        </div>
        {server.settlementId ? <div className="field-error">{server.settlementId.join(' ')}</div> : null}
        {error && !Object.keys(server).length ? <ErrorBox error={error} /> : null}
        <SubmitRow busy={busy} label={t('submit')}>
          <button type="button" onClick={onCancel}>
            {t('cancel')}
          </button>
        </SubmitRow>
      </form>
    </Card>
  );
}
