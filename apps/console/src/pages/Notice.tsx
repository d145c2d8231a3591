import { useState, type FormEvent } from 'react';
import { findProgram, type LocalizedText } from '@app/domain';
import { api } from '../api';
import {
  Amount,
  Card,
  DataTable,
  DefList,
  Empty,
  ErrorBox,
  Field,
  InputField,
  Loading,
  Notice,
  Select,
  byId,
  fieldErrors,
} from '../components/ui';
import { formatDate } from '../format';
import { useAction, useAsync } from '../hooks';
import { useI18n } from '../i18n';
import { Link, match } from '../router';
import { tierLabel } from './RoundShared';

/*
 * 公示: the allocation plans on public notice, readable by anyone without signing in, and the objection form
 * (anyone, with a contact). Served under /console/notices; App renders it outside the signed-in shell.
 */

interface NoticeItem {
  programCode: string;
  programName: LocalizedText | null;
  year: number;
  planRevision: number;
  publishedOn: string;
  noticeEndsOn: string;
  onNotice: boolean;
  totalAward: string;
}

interface NoticePlan extends NoticeItem {
  businessDate: string;
  entries: { id: string; applicantName: string; rank: number; tier: number | null; award: string }[];
}

export function isPublicPath(path: string): boolean {
  return path === '/notices' || path.startsWith('/notices/');
}

/** The public pages for someone not signed in: a plain header, the notice list or one plan. */
export function PublicShell({ path }: { path: string }) {
  const { t, lang, setLang } = useI18n();
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">{t('ntTitle')}</span>
        <nav>
          <Link to="/notices" testId="nav-/notices">
            {t('navNotices')}
          </Link>
        </nav>
        <div className="who">
          <button type="button" className="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {lang === 'zh' ? 'English' : '中文'}
          </button>
          <Link to="/login">{t('signIn')}</Link>
        </div>
      </header>
      <main className="content">
        <NoticeRoutes path={path} />
      </main>
    </div>
  );
}

export function NoticeRoutes({ path }: { path: string }) {
  const one = match('/notices/:programCode/:year', path);
  return one ? <NoticePlanPage programCode={one.programCode} year={one.year} /> : <NoticeListPage />;
}

export function NoticeListPage() {
  const { t, pick } = useI18n();
  const list = useAsync(() => api.get<{ items: NoticeItem[]; businessDate: string }>('/public/notices'), []);
  return (
    <Card title={t('navNotices')} testId="notices">
      <ErrorBox error={list.error} />
      {!list.data ? (
        <Loading />
      ) : list.data.items.length === 0 ? (
        <Empty />
      ) : (
        <DataTable
          rows={list.data.items}
          rowKey={(n) => `${n.programCode}-${n.year}`}
          rowTestId="notice-row"
          columns={[
            {
              head: t('rdProgram'),
              cell: (n) => (
                <Link to={`/notices/${n.programCode}/${n.year}`}>{pick(n.programName) || n.programCode}</Link>
              ),
            },
            { head: t('year'), cell: (n) => n.year },
            {
              head: t('rdNotice'),
              cell: (n) => `${formatDate(n.publishedOn)} ~ ${formatDate(n.noticeEndsOn)}`,
            },
            { head: t('rdTotalAward'), num: true, cell: (n) => <Amount value={n.totalAward} /> },
            { head: t('status'), cell: (n) => (n.onNotice ? t('ntOnNotice') : t('ntClosed')) },
          ]}
        />
      )}
    </Card>
  );
}

export function NoticePlanPage({ programCode, year }: { programCode: string; year: string }) {
  const { t, pick } = useI18n();
  const [tick, setTick] = useState(0);
  const plan = useAsync(
    () => api.get<NoticePlan>(`/public/notices/${programCode}/${year}`),
    [programCode, year, tick],
  );
  if (!plan.data) return plan.error ? <ErrorBox error={plan.error} /> : <Loading />;
  const p = plan.data;
  const bySpend = findProgram(programCode)?.round?.rankBy !== 'prior-year-supplier-fees';
  return (
    <div className="stack">
      <Card
        title={t('ntPlanTitle', { name: pick(p.programName) || programCode, year: p.year })}
        testId="notice-plan"
      >
        <DefList
          items={[
            [t('rdNotice'), `${formatDate(p.publishedOn)} ~ ${formatDate(p.noticeEndsOn)}`],
            [t('rdPlanRevision'), String(p.planRevision)],
            [t('rdTotalAward'), <Amount key="a" value={p.totalAward} testId="notice-total" />],
            [t('status'), p.onNotice ? t('ntOnNotice') : t('ntClosed')],
          ]}
        />
        <Notice kind={p.onNotice ? 'warn' : 'info'}>
          {p.onNotice ? t('ntObjectHint') : t('ntClosedHint')}
        </Notice>
        <DataTable
          rows={p.entries}
          rowKey={byId}
          rowTestId="notice-entry"
          compact
          columns={[
            { head: t('rdRank'), num: true, cell: (e) => e.rank },
            { head: t('rdApplicant'), cell: (e) => e.applicantName },
            ...(bySpend
              ? [
                  {
                    head: t('rdBracket'),
                    cell: (e: NoticePlan['entries'][number]) => tierLabel(programCode, e.tier),
                  },
                ]
              : []),
            { head: t('rdAward'), num: true, cell: (e) => <Amount value={e.award} /> },
          ]}
        />
      </Card>
      {p.onNotice ? <ObjectionForm plan={p} onDone={() => setTick((n) => n + 1)} /> : null}
    </div>
  );
}

function ObjectionForm({ plan, onDone }: { plan: NoticePlan; onDone(): void }) {
  const { t } = useI18n();
  const [entryId, setEntryId] = useState('');
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const [content, setContent] = useState('');
  const [sent, setSent] = useState(false);
  const { busy, error, run } = useAction();
  const server = fieldErrors(error);
  function submit(e: FormEvent) {
    e.preventDefault();
    setSent(false);
    void run(async () => {
      await api.post(`/public/notices/${plan.programCode}/${plan.year}/objections`, {
        entryId,
        name: name.trim(),
        contact: contact.trim(),
        content: content.trim(),
      });
      setSent(true);
      setContent('');
      onDone();
    });
  }
  return (
    <Card title={t('ntObject')} testId="objection-form">
      <form className="stack" onSubmit={submit}>
        <Field label={t('rdApplicant')} error={server.entryId}>
          <Select
            name="entryId"
            value={entryId}
            placeholder="—"
            onValue={setEntryId}
            options={plan.entries.map((e) => ({ value: e.id, label: `${e.rank}. ${e.applicantName}` }))}
          />
        </Field>
        <InputField label={t('ntName')} name="name" value={name} onValue={setName} error={server.name} />
        <InputField
          label={t('ntContact')}
          name="contact"
          value={contact}
          onValue={setContact}
          error={server.contact}
        />
        <Field label={t('rdObjection')} error={server.content} wide>
          <textarea name="content" rows={4} value={content} onChange={(e) => setContent(e.target.value)} />
        </Field>
        <div className="row end">
          <button type="submit" className="primary" disabled={busy} data-testid="submit-objection">
            {t('submit')}
          </button>
        </div>
      </form>
      {error && !Object.keys(server).length ? <ErrorBox error={error} /> : null}
      {sent ? <Notice kind="ok">{t('ntObjectionSent')}</Notice> : null}
    </Card>
  );
}
