import { useState } from 'react';
import { APPLICATION_STATUSES } from '@app/domain';
import { Amount, Card, Field, PagedTable, StatusBadge, type Column } from '../components/ui';
import { formatDate } from '../format';
import { usePagedList } from '../hooks';
import { useI18n, useLabel } from '../i18n';
import { Link } from '../router';
import type { ApplicationRow } from '../types';

/** The filter's options: every status an application can be stored with (the domain's list). */
const STATUSES: readonly string[] = APPLICATION_STATUSES;

export function ApplicationsPage() {
  const { t } = useI18n();
  const label = useLabel();
  const [status, setStatus] = useState('');
  const list = usePagedList<ApplicationRow>('/applications', { status });
  const columns: Column<ApplicationRow>[] = [
    { head: t('contractNumber'), cell: (a) => <Link to={`/applications/${a.id}`}>{a.contractNumber}</Link> },
    { head: t('submittedOn'), cell: (a) => formatDate(a.submittedOn) },
    { head: t('contractTotal'), num: true, cell: (a) => <Amount value={a.contractAmount} /> },
    { head: t('quotedFaceValue'), num: true, cell: (a) => <Amount value={a.quotedFaceValue} /> },
    { head: t('faceValue'), num: true, cell: (a) => <Amount value={a.faceValue} /> },
    { head: t('status'), cell: (a) => <StatusBadge status={a.status} /> },
  ];
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
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('view_all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {label('st_', s)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <PagedTable list={list} columns={columns} rowTestId="application-row" />
    </Card>
  );
}
