import { useState } from 'react';
import { api } from '../api';
import { Amount, Card, ErrorBox, PagedTable, SmallButton, StatusBadge, type Column } from '../components/ui';
import { formatDate } from '../format';
import { usePagedList } from '../hooks';
import { useI18n } from '../i18n';
import { Link } from '../router';

interface VoucherRow {
  id: string;
  applicationId: string;
  contractNumber: string;
  supplierName: string;
  faceValue: string;
  redeemedAmount: string;
  remaining: string;
  pendingPayout: string;
  status: string;
  capYear: number;
  issuedOn: string;
  /** The last day of use (null for a voucher issued before it was kept). */
  validUntil: string | null;
  /** Marked expired, or past its last day on the business calendar (ADR 0049). */
  expired: boolean;
}

export function VouchersPage() {
  const { t } = useI18n();
  const [error, setError] = useState<Error | null>(null);
  const list = usePagedList<VoucherRow>('/vouchers');
  const certificate = (v: VoucherRow) => {
    setError(null);
    api.download(`/vouchers/${v.id}/certificate.pdf`, `算力券凭证-${v.contractNumber}.pdf`).catch(setError);
  };
  const columns: Column<VoucherRow>[] = [
    {
      head: t('contractNumber'),
      cell: (v) => <Link to={`/applications/${v.applicationId}`}>{v.contractNumber}</Link>,
    },
    { head: t('supplier'), cell: (v) => v.supplierName },
    { head: t('issuedOn'), cell: (v) => formatDate(v.issuedOn) },
    {
      head: t('validUntil'),
      cell: (v) => (
        <span data-testid="voucher-valid-until" className={v.expired ? 'date muted' : 'date'}>
          {v.validUntil ? formatDate(v.validUntil) : '—'}
        </span>
      ),
    },
    { head: t('capYear'), cell: (v) => v.capYear },
    { head: t('faceValue'), num: true, cell: (v) => <Amount value={v.faceValue} /> },
    { head: t('redeemed'), num: true, cell: (v) => <Amount value={v.redeemedAmount} /> },
    { head: t('pendingPayout'), num: true, cell: (v) => <Amount value={v.pendingPayout} /> },
    { head: t('remaining'), num: true, cell: (v) => <Amount value={v.remaining} /> },
    {
      head: t('status'),
      // Past its last day but not yet marked by the workflow: shown expired all the same.
      cell: (v) => <StatusBadge status={v.expired ? 'expired' : v.status} />,
    },
    {
      head: t('actions'),
      cell: (v) => (
        <div className="row">
          {v.expired ? (
            <span className="muted" data-testid="no-claim-reason">
              {v.validUntil ? `${t('voucherExpiredOn', { date: formatDate(v.validUntil) })} · ` : ''}
              {t('voucherExpiredNoClaim')}
            </span>
          ) : v.status === 'active' ? (
            <Link to="/settlements" className="button small primary" testId="voucher-claim">
              {t('fileClaim')}
            </Link>
          ) : (
            <span className="muted" data-testid="no-claim-reason">
              {t('voucherNotActiveNoClaim')}
            </span>
          )}
          <SmallButton testId="voucher-certificate" onClick={() => certificate(v)}>
            {t('voucherCertificate')}
          </SmallButton>
        </div>
      ),
    },
  ];
  return (
    <Card title={t('navVouchers')}>
      {error ? <ErrorBox error={error} /> : null}
      <PagedTable list={list} columns={columns} rowTestId="voucher-row" />
    </Card>
  );
}
