import { useState, type FormEvent } from 'react';
import { addDays, isBusinessDate, type BusinessDate } from '@app/domain';
import { api } from '../api';
import { Card, DefList, ErrorBox, InputField, Loading, Notice, fieldErrors } from '../components/ui';
import { formatDate } from '../format';
import { useAction, useAsync } from '../hooks';
import { useI18n } from '../i18n';

interface ClockState {
  sandbox: boolean;
  today: string;
}
const MAX_DAYS = 366;

/**
 * The sandbox business date (SANDBOX_CLOCK=true only) as a form: what the date is, set it, move it on by
 * some days, or let it follow the real date again. Every change is audited by the API.
 */
export function ClockPage() {
  const { t } = useI18n();
  const clock = useAsync(() => api.get<ClockState>('/admin/clock'), []);
  const [date, setDate] = useState('');
  const [days, setDays] = useState('');
  const [touched, setTouched] = useState<'set' | 'advance' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const server = fieldErrors(error);
  const badDate = !isBusinessDate(date);
  const n = /^\d{1,3}$/.test(days) ? Number(days) : NaN;
  const badDays = !(n >= 1 && n <= MAX_DAYS);

  const put = (businessDate: string | null, message: string) =>
    void run(async () => {
      await api.put<ClockState>('/admin/clock', { businessDate });
      clock.reload();
      setSaved(message);
    });

  function set(e: FormEvent) {
    e.preventDefault();
    setTouched('set');
    if (badDate) return;
    put(date, t('clockSet', { date }));
  }
  function advance(e: FormEvent) {
    e.preventDefault();
    setTouched('advance');
    if (badDays || !clock.data) return;
    const next = addDays(clock.data.today as BusinessDate, n);
    put(next, t('clockSet', { date: next }));
  }

  if (!clock.data)
    return (
      <Card title={t('clockTitle')}>{clock.error ? <ErrorBox error={clock.error} /> : <Loading />}</Card>
    );
  const { sandbox, today } = clock.data;
  return (
    <Card title={t('clockTitle')} testId="clock">
      <p className="muted">{t('clockIntro')}</p>
      <DefList
        items={[
          [
            t('clockCurrent'),
            <strong key="d" data-testid="clock-today">
              {formatDate(today)}
            </strong>,
          ],
          [t('clockMode'), t(sandbox ? 'clockSandboxOn' : 'clockSandboxOff')],
        ]}
      />
      {!sandbox ? (
        <Notice kind="warn">{t('clockNotSandbox')}</Notice>
      ) : (
        <div className="stack">
          <form className="row bottom" onSubmit={set} noValidate data-testid="clock-set">
            <InputField
              label={t('clockSetDate')}
              name="businessDate"
              hint="YYYY-MM-DD"
              value={date}
              onValue={(v) => setDate(v.trim())}
              error={server.businessDate ?? (touched === 'set' && badDate ? t('dateFormat') : null)}
            />
            <button type="submit" className="primary" disabled={busy}>
              {t('save')}
            </button>
          </form>
          <form className="row bottom" onSubmit={advance} noValidate data-testid="clock-advance">
            <InputField
              label={t('clockAdvance')}
              name="days"
              inputMode="numeric"
              hint={t('clockDaysHint')}
              value={days}
              onValue={(v) => setDays(v.trim())}
              error={touched === 'advance' && badDays ? t('clockDaysRange') : null}
            />
            <button type="submit" disabled={busy}>
              {t('clockAdvanceButton')}
            </button>
          </form>
          <div className="row">
            <button
              type="button"
              data-testid="clock-off"
              disabled={busy}
              onClick={() => put(null, t('clockTurnedOff'))}
            >
              {t('clockTurnOff')}
            </button>
          </div>
        </div>
      )}
      {saved && !error ? <Notice kind="ok">{saved}</Notice> : null}
      {error && !Object.keys(server).length ? <ErrorBox error={error} /> : null}
    </Card>
  );
}
