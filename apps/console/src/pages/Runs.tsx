import { useState, type FormEvent } from 'react';
import { can } from '@app/domain';
import { api, ApiError, type Page } from '../api';
import {
  Amount,
  Card,
  ErrorBox,
  Field,
  InputField,
  PagedTable,
  StatusBadge,
  fieldErrors,
  type Column,
} from '../components/ui';
import { formatDate, quarterLabel } from '../format';
import { useAction, usePagedList } from '../hooks';
import { useI18n } from '../i18n';
import { Link, navigate } from '../router';
import { useUser } from '../session';
import type { Run } from '../types';

const MOVING = new Set(['gathering', 'computing', 'disbursing']);

export function RunsPage() {
  const { t } = useI18n();
  const me = useUser();
  const list = usePagedList<Run>(
    '/redemption-runs',
    {},
    // Keep the statuses live while any run on the page is moving.
    { pollMs: 1500, poll: (d) => d.items.some((r) => MOVING.has(r.status)) },
  );
  const columns: Column<Run>[] = [
    { head: t('run'), cell: (r) => <Link to={`/runs/${r.id}`}>{quarterLabel(r)}</Link> },
    { head: t('runDate'), cell: (r) => formatDate(r.runDate) },
    { head: t('claimCount'), num: true, cell: (r) => r.claimCount },
    { head: t('totalPayout'), num: true, cell: (r) => <Amount value={r.totalPayout} /> },
    { head: t('paidTotal'), num: true, cell: (r) => <Amount value={r.paidTotal} /> },
    { head: t('status'), cell: (r) => <StatusBadge status={r.status} /> },
    {
      head: t('runStartedBy'),
      cell: (r) => (r.startedBy ? (r.startedByName ?? '—') : t('runStartedBySchedule')),
    },
  ];
  return (
    <div className="stack">
      {/* 发起兑付批次 only for the roles the API lets start a run (libs/domain capabilities). */}
      {can(me.role, 'startRedemptionRun') ? <StartRun /> : null}
      <Card title={t('navRuns')}>
        <PagedTable list={list} columns={columns} rowTestId="run-row" />
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
  const { busy, error, run } = useAction();
  const server = fieldErrors(error);

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      const y = Number(year);
      const q = Number(quarter);
      await api.post('/redemption-runs', { year: y, quarter: q });
      // The run's record is written by the workflow's first activity; look for it for a while.
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const runs = await api.get<Page<Run>>('/redemption-runs?pageSize=50');
        const found = runs.items.find((r) => r.year === y && r.quarter === q);
        if (found) return navigate(`/runs/${found.id}`);
        await new Promise((r) => setTimeout(r, 400));
      }
      throw new ApiError(0, 'RUN_NOT_VISIBLE', t('runStarted'));
    });
  }

  return (
    <Card title={t('startRun')} testId="start-run">
      <form className="row bottom" onSubmit={submit}>
        <InputField
          label={t('year')}
          error={server.year}
          name="year"
          inputMode="numeric"
          value={year}
          onValue={(v) => setYear(v.trim())}
        />
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
