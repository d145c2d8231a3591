import { useState } from 'react';
import { api, type Page } from '../api';
import { Amount, Card, Empty, ErrorBox, Loading, Pager, StatusBadge } from '../components/ui';
import { formatDate } from '../format';
import { useAsync } from '../hooks';
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
const PAGE_SIZE = 20;

export function VouchersPage() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const list = useAsync(
    () => api.get<Page<VoucherRow>>(`/vouchers?page=${page}&pageSize=${PAGE_SIZE}`),
    [page],
  );
  return (
    <Card title={t('navVouchers')}>
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
                <th>{t('issuedOn')}</th>
                <th>{t('capYear')}</th>
                <th className="num">{t('faceValue')}</th>
                <th className="num">{t('redeemed')}</th>
                <th className="num">{t('pendingPayout')}</th>
                <th className="num">{t('remaining')}</th>
                <th>{t('status')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((v) => (
                <tr key={v.id} data-testid="voucher-row">
                  <td>
                    <Link to={`/applications/${v.applicationId}`}>{v.contractNumber}</Link>
                  </td>
                  <td>{v.supplierName}</td>
                  <td>{formatDate(v.issuedOn)}</td>
                  <td>{v.capYear}</td>
                  <td className="num">
                    <Amount value={v.faceValue} />
                  </td>
                  <td className="num">
                    <Amount value={v.redeemedAmount} />
                  </td>
                  <td className="num">
                    <Amount value={v.pendingPayout} />
                  </td>
                  <td className="num">
                    <Amount value={v.remaining} />
                  </td>
                  <td>
                    <StatusBadge status={v.status} />
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
