import { useState, type FormEvent } from 'react';
import { isBusinessDate } from '@app/domain';
import { api } from '../api';
import { Card, ErrorBox, Field, Notice, fieldErrors } from '../components/ui';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';

/** The sandbox business date (SANDBOX_CLOCK=true only): rehearse a program year. */
export function ClockPage() {
  const { t } = useI18n();
  const clock = useAsync(() => api.get<{ businessDate?: string; today?: string }>('/admin/clock'), []);
  const [date, setDate] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const server = fieldErrors(error);
  const bad = date !== '' && !isBusinessDate(date);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (bad || !date) return;
    setError(null);
    try {
      await api.put('/admin/clock', { businessDate: date });
      setSaved(date);
      clock.reload();
    } catch (err) {
      setError(err as Error);
    }
  }
  return (
    <Card title={t('clockTitle')}>
      {clock.data ? <pre className="message">{JSON.stringify(clock.data, null, 2)}</pre> : null}
      <form onSubmit={(e) => void submit(e)} className="row bottom">
        <Field
          label={t('businessDate')}
          error={server.businessDate ?? (bad ? t('dateFormat') : null)}
          hint="YYYY-MM-DD"
        >
          <input name="businessDate" value={date} onChange={(e) => setDate(e.target.value.trim())} />
        </Field>
        <button type="submit" className="primary">
          {t('save')}
        </button>
      </form>
      {saved ? <Notice kind="ok">{t('clockSet', { date: saved })}</Notice> : null}
      {error && !Object.keys(server).length ? <ErrorBox error={error} /> : null}
    </Card>
  );
}
