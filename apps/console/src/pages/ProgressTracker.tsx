import { useState } from 'react';
import type { ProgressStep } from '@app/domain';
import { api } from '../api';
import { Card, ErrorBox, Loading } from '../components/ui';
import { formatDate } from '../format';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';

interface Progress {
  applicationId: string;
  status: string;
  reviewWorkingDays: number;
  steps: ProgressStep[];
}

/**
 * The enterprise's view of where its application is: submitted → review → decision → voucher → settlement
 * → claim → paid, each with the day it happened or the time limit it is due by (ADR 0049). `refreshKey`
 * changes when the application does, so the tracker follows the workflow.
 */
export function ProgressTracker({
  applicationId,
  refreshKey,
}: {
  applicationId: string;
  refreshKey: string;
}) {
  const { t } = useI18n();
  const p = useAsync(
    () => api.get<Progress>(`/applications/${applicationId}/progress`),
    [applicationId, refreshKey],
  );
  if (!p.data) return p.error ? <ErrorBox error={p.error} /> : <Loading />;
  return (
    <Card title={t('progressTitle')} testId="progress-tracker">
      <ol className="progress-steps">
        {p.data.steps.map((s) => (
          <li
            key={s.key}
            className={`progress-step ${s.state}${s.late ? ' late' : ''}`}
            data-testid="progress-step"
            data-step={s.key}
            data-state={s.state}
          >
            <span className="progress-name">{t(`step_${s.key}`)}</span>
            {s.doneOn ? (
              <span className="progress-date" data-testid="step-done">
                {t('stepDoneOn', { date: formatDate(s.doneOn) })}
              </span>
            ) : null}
            {s.dueOn && s.state !== 'done' ? (
              <span className="progress-date" data-testid="step-due">
                {t('stepDueBy', { date: formatDate(s.dueOn) })}
              </span>
            ) : null}
            {s.dueOn && s.state === 'done' ? (
              <span className="muted progress-date">{t('stepDueBy', { date: formatDate(s.dueOn) })}</span>
            ) : null}
            {s.state === 'current' && !s.late ? <span className="badge info">{t('stepCurrent')}</span> : null}
            {s.late ? <span className="badge warn">{t('stepLate')}</span> : null}
            {s.state === 'stopped' ? <span className="muted">{t('stepStopped')}</span> : null}
          </li>
        ))}
      </ol>
      <p className="muted">{t('progressHint', { days: p.data.reviewWorkingDays })}</p>
    </Card>
  );
}

/** The approval notice and the voucher certificate, downloaded with the session's token. */
export function PrintableDocuments({
  applicationId,
  voucherId,
  contractNumber,
}: {
  applicationId: string;
  voucherId: string;
  contractNumber: string;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<Error | null>(null);
  const get = (path: string, name: string) => {
    setError(null);
    api.download(path, name).catch((e: Error) => setError(e));
  };
  return (
    <Card title={t('printables')} testId="printables">
      <div className="row">
        <button
          type="button"
          data-testid="approval-notice"
          onClick={() =>
            get(`/applications/${applicationId}/approval-notice.pdf`, `审批通知书-${contractNumber}.pdf`)
          }
        >
          {t('approvalNotice')}
        </button>
        <button
          type="button"
          data-testid="voucher-certificate"
          onClick={() => get(`/vouchers/${voucherId}/certificate.pdf`, `算力券凭证-${contractNumber}.pdf`)}
        >
          {t('voucherCertificate')}
        </button>
      </div>
      {error ? <ErrorBox error={error} /> : null}
    </Card>
  );
}
