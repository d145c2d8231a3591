import { Amount, Card, PagedTable, StatusBadge, type Column } from '../components/ui';
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
}

export function VouchersPage() {
  const { t } = useI18n();
  const list = usePagedList<VoucherRow>('/vouchers');
  const columns: Column<VoucherRow>[] = [
    {
      head: t('contractNumber'),
      cell: (v) => <Link to={`/applications/${v.applicationId}`}>{v.contractNumber}</Link>,
    },
    { head: t('supplier'), cell: (v) => v.supplierName },
    { head: t('issuedOn'), cell: (v) => formatDate(v.issuedOn) },
    { head: t('capYear'), cell: (v) => v.capYear },
    { head: t('faceValue'), num: true, cell: (v) => <Amount value={v.faceValue} /> },
    { head: t('redeemed'), num: true, cell: (v) => <Amount value={v.redeemedAmount} /> },
    { head: t('pendingPayout'), num: true, cell: (v) => <Amount value={v.pendingPayout} /> },
    { head: t('remaining'), num: true, cell: (v) => <Amount value={v.remaining} /> },
    { head: t('status'), cell: (v) => <StatusBadge status={v.status} /> },
  ];
  return (
    <Card title={t('navVouchers')}>
      <PagedTable list={list} columns={columns} rowTestId="voucher-row" />
    </Card>
  );
}
