import { useState, type FormEvent } from 'react';
import { can } from '@app/domain';
import { api } from '../api';
import {
  Amount,
  Card,
  DataTable,
  ErrorBox,
  Field,
  InputField,
  Loading,
  Select,
  StatusBadge,
  byId,
  fieldErrors,
  type Column,
} from '../components/ui';
import { formatDate } from '../format';
import { useAction, useAsync } from '../hooks';
import { useI18n } from '../i18n';
import { Link, navigate } from '../router';
import { useUser } from '../session';
import { findProgram } from '@app/domain';
import { ROUND_PROGRAMS, type RoundView } from './RoundShared';

/** Every ranked round (特惠, supplier subsidy) with its stage; the admin opens a year's round here. */
export function RoundsPage() {
  const { t, pick } = useI18n();
  const me = useUser();
  const rounds = useAsync(() => api.get<{ items: RoundView[] }>('/rounds'), []);
  const columns: Column<RoundView>[] = [
    {
      head: t('rdProgram'),
      cell: (r) => (
        <Link to={`/rounds/${r.id}`}>{pick(findProgram(r.programCode)?.name) || r.programCode}</Link>
      ),
    },
    { head: t('year'), cell: (r) => r.year },
    { head: t('rdWindow'), cell: (r) => `${formatDate(r.opensOn)} ~ ${formatDate(r.closesOn)}` },
    { head: t('rdEntries'), num: true, cell: (r) => r.counts.entries },
    { head: t('rdNoticeEnds'), cell: (r) => formatDate(r.noticeEndsOn) },
    { head: t('rdTotalAward'), num: true, cell: (r) => <Amount value={r.totalAward} /> },
    { head: t('status'), cell: (r) => <StatusBadge status={r.status} /> },
  ];
  return (
    <div className="stack">
      {can(me.role, 'openRound') ? <OpenRound /> : null}
      <Card title={t('navRounds')}>
        <ErrorBox error={rounds.error} />
        {rounds.data ? (
          <DataTable rows={rounds.data.items} columns={columns} rowKey={byId} rowTestId="round-row" />
        ) : (
          <Loading />
        )}
      </Card>
    </div>
  );
}

function OpenRound() {
  const { t, pick } = useI18n();
  const [programCode, setProgramCode] = useState<string>(ROUND_PROGRAMS[0]);
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const { busy, error, run } = useAction();
  const server = fieldErrors(error);
  function submit(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      const r = await api.post<RoundView>('/rounds', { programCode, year: Number(year) });
      navigate(`/rounds/${r.id}`);
    });
  }
  return (
    <Card title={t('rdOpen')} testId="open-round">
      <form className="row bottom" onSubmit={submit}>
        <Field label={t('rdProgram')} error={server.programCode}>
          <Select
            name="programCode"
            value={programCode}
            onValue={setProgramCode}
            options={ROUND_PROGRAMS.map((c) => ({ value: c, label: pick(findProgram(c)?.name) || c }))}
          />
        </Field>
        <InputField label={t('year')} name="year" value={year} onValue={setYear} error={server.year} />
        <button type="submit" className="primary" disabled={busy}>
          {t('rdOpen')}
        </button>
      </form>
      {error && !Object.keys(server).length ? <ErrorBox error={error} /> : null}
    </Card>
  );
}
