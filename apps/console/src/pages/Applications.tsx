import { useState } from 'react';
import { api, qs, type Page } from '../api';
import { Amount, Card, Empty, ErrorBox, Field, Loading, Pager, StatusBadge } from '../components/ui';
import { formatDate } from '../format';
import { useAsync } from '../hooks';
import { useI18n, useLabel } from '../i18n';
import { Link } from '../router';
import type { ApplicationRow } from '../types';

const STATUSES = [
  'submitted',
  'checking',
  'refused',
  'in_review',
  'supplement_requested',
  'awaiting_second_approval',
  'rejected',
  'issued',
  'withdrawn',
];
const PAGE_SIZE = 20;

export function ApplicationsPage() {
  const { t } = useI18n();
  const label = useLabel();
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const list = useAsync(
    () => api.get<Page<ApplicationRow>>(`/applications${qs({ status, page, pageSize: PAGE_SIZE })}`),
    [status, page],
  );
  return (
    <Card
      title={t('navApplications')}
      actions={
        <Link to="/applications/new" className="button primary">
          {t('navApply')}
        </Link>
      }
    >
      <div className="filters">
        <Field label={t('status')}>
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value);
              setPage(1);
            }}
          >
            <option value="">{t('view_all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {label('st_', s)}
              </option>
            ))}
          </select>
        </Field>
      </div>
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
                <th>{t('submittedOn')}</th>
                <th className="num">{t('contractTotal')}</th>
                <th className="num">{t('quotedFaceValue')}</th>
                <th className="num">{t('faceValue')}</th>
                <th>{t('status')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((a) => (
                <tr key={a.id} data-testid="application-row">
                  <td>
                    <Link to={`/applications/${a.id}`}>{a.contractNumber}</Link>
                  </td>
                  <td>{formatDate(a.submittedOn)}</td>
                  <td className="num">
                    <Amount value={a.contractAmount} />
                  </td>
                  <td className="num">
                    <Amount value={a.quotedFaceValue} />
                  </td>
                  <td className="num">
                    <Amount value={a.faceValue} />
                  </td>
                  <td>
                    <StatusBadge status={a.status} />
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
