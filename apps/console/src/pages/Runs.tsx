import { useState, type FormEvent } from 'react';
import { api, ApiError, type Page } from '../api';
import {
  Amount,
  Card,
  Empty,
  ErrorBox,
  Field,
  Loading,
  Pager,
  StatusBadge,
  fieldErrors,
} from '../components/ui';
import { formatDate } from '../format';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';
import { Link, navigate } from '../router';
import type { Run } from '../types';

const PAGE_SIZE = 20;
const MOVING = new Set(['gathering', 'computing', 'disbursing']);

export function RunsPage() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const list = useAsync(
    () => api.get<Page<Run>>(`/redemption-runs?page=${page}&pageSize=${PAGE_SIZE}`),
    [page],
    // Keep the statuses live while any run on the page is moving.
    { pollMs: 1500, poll: (d) => d.items.some((r) => MOVING.has(r.status)) },
  );
  return (
    <div className="stack">
      <StartRun />
      <Card title={t('navRuns')}>
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
                  <th>{t('run')}</th>
                  <th>{t('runDate')}</th>
                  <th className="num">{t('claimCount')}</th>
                  <th className="num">{t('totalPayout')}</th>
                  <th className="num">{t('paidTotal')}</th>
                  <th>{t('status')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((r) => (
                  <tr key={r.id} data-testid="run-row">
                    <td>
                      <Link to={`/runs/${r.id}`}>
                        {r.year} Q{r.quarter}
                      </Link>
                    </td>
                    <td>{formatDate(r.runDate)}</td>
                    <td className="num">{r.claimCount}</td>
                    <td className="num">
                      <Amount value={r.totalPayout} />
                    </td>
                    <td className="num">
                      <Amount value={r.paidTotal} />
                    </td>
                    <td>
                      <StatusBadge status={r.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
          </>
        )}
      </Card>
    </div>
  );
}

/** Starts a run for an explicit quarter, then waits for the workflow to open its record and goes there. */
function StartRun() {
  const { t } = useI18n();
  const now = new Date();
  const [year, setYear] = useState(String(now.getFullYear()));
  const [quarter, setQuarter] = useState(String(Math.floor(now.getMonth() / 3) + 1));
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const server = fieldErrors(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const y = Number(year);
      const q = Number(quarter);
      await api.post('/redemption-runs', { year: y, quarter: q });
      // The run's record is written by the workflow's first activity; look for it for a while.
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const runs = await api.get<Page<Run>>('/redemption-runs?pageSize=50');
        const run = runs.items.find((r) => r.year === y && r.quarter === q);
        if (run) return navigate(`/runs/${run.id}`);
        await new Promise((r) => setTimeout(r, 400));
      }
      throw new ApiError(0, 'RUN_NOT_VISIBLE', t('runStarted'));
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('startRun')} testId="start-run">
      <form className="row bottom" onSubmit={submit}>
        <Field label={t('year')} error={server.year}>
          <input
            name="year"
            inputMode="numeric"
            value={year}
            onChange={(e) => setYear(e.target.value.trim())}
          />
        </Field>
        <Field label={t('quarter')} error={server.quarter}>
          <select name="quarter" value={quarter} onChange={(e) => setQuarter(e.target.value)}>
            {[1, 2, 3, 4].map((q) => (
              <option key={q} value={q}>
                Q{q}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('runStarted') : t('startRun')}
        </button>
        {busy ? <span className="spinner" /> : null}
      </form>
      {error && !Object.keys(server).length ? <ErrorBox error={error} /> : null}
    </Card>
  );
}
