import { useEffect, useState } from 'react';
import { Amount, Card, DataTable, Empty, ErrorBox, Loading } from '../components/ui';
import { useAsync } from '../hooks';
import { toError } from '../api';
import { useI18n } from '../i18n';

/**
 * The published recipient lists (ADR 0030), readable signed out: per program and year the vouchers issued
 * and the grants paid, and the same list as a CSV download. Plain fetch: no token is sent or needed.
 */

interface Index {
  items: { programCode: string; programName: { zh: string; en: string } | null; years: number[] }[];
}

interface List {
  programCode: string;
  programName: { zh: string; en: string };
  year: number;
  vouchers: { recipient: string; amount: string; date: string }[];
  grants: {
    kind: string;
    kindLabel: { zh: string; en: string };
    recipient: string;
    amount: string;
    date: string;
  }[];
  totals: { vouchers: number; faceValue: string; grants: number; paid: string };
}

const L = {
  title: { zh: '算力券发放公示', en: 'Published recipients' },
  intro: {
    zh: '按项目和年度公开已发放的算力券和已拨付的补贴。',
    en: 'Vouchers issued and grants paid, by program and year.',
  },
  program: { zh: '项目', en: 'Program' },
  year: { zh: '年度', en: 'Year' },
  vouchers: { zh: '已发放算力券', en: 'Vouchers issued' },
  grants: { zh: '已拨付补贴', en: 'Grants paid' },
  recipient: { zh: '单位名称', en: 'Recipient' },
  amount: { zh: '金额', en: 'Amount' },
  date: { zh: '日期', en: 'Date' },
  kind: { zh: '类别', en: 'Kind' },
  download: { zh: '下载 CSV', en: 'Download CSV' },
  total: { zh: '共 {n} 项，合计', en: '{n} items, total' },
  signIn: { zh: '登录管理后台', en: 'Sign in' },
} as const;

function tr(lang: 'zh' | 'en', key: keyof typeof L, vars: Record<string, string | number> = {}) {
  return Object.entries(vars).reduce((s, [k, v]) => s.replace(`{${k}}`, String(v)), L[key][lang] as string);
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw await toError(res);
  return (await res.json()) as T;
}

export function isRecipientsPath(path: string): boolean {
  return path === '/recipients' || path.startsWith('/recipients/');
}

export function RecipientsPage() {
  const { lang, setLang } = useI18n();
  const index = useAsync(() => getJson<Index>('/public/recipients'), []);
  const [program, setProgram] = useState('');
  const [year, setYear] = useState<number | null>(null);
  useEffect(() => {
    const first = index.data?.items[0];
    if (!program && first) {
      setProgram(first.programCode);
      setYear(first.years[0]);
    }
  }, [index.data, program]);
  const years = index.data?.items.find((i) => i.programCode === program)?.years ?? [];
  const list = useAsync(
    () =>
      program && year
        ? getJson<List>(`/public/recipients/${encodeURIComponent(program)}/${year}`)
        : Promise.resolve(null),
    [program, year],
  );
  const l = list.data;
  return (
    <div className="content stack" data-testid="recipients">
      <div className="row between">
        <h1>{tr(lang, 'title')}</h1>
        <span className="row">
          <button type="button" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {lang === 'zh' ? 'EN' : '中文'}
          </button>
          <a href="/console/login">{tr(lang, 'signIn')}</a>
        </span>
      </div>
      <p className="muted">{tr(lang, 'intro')}</p>
      <ErrorBox error={index.error ?? list.error} />
      {!index.data ? (
        <Loading />
      ) : index.data.items.length === 0 ? (
        <Empty />
      ) : (
        <div className="row">
          <label className="row">
            <span className="muted">{tr(lang, 'program')}</span>
            <select
              value={program}
              data-testid="recipients-program"
              onChange={(e) => {
                setProgram(e.target.value);
                setYear(index.data!.items.find((i) => i.programCode === e.target.value)?.years[0] ?? null);
              }}
            >
              {index.data.items.map((i) => (
                <option key={i.programCode} value={i.programCode}>
                  {i.programName?.[lang] ?? i.programCode}
                </option>
              ))}
            </select>
          </label>
          <label className="row">
            <span className="muted">{tr(lang, 'year')}</span>
            <select
              value={year ?? ''}
              data-testid="recipients-year"
              onChange={(e) => setYear(Number(e.target.value))}
            >
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
          {program && year ? (
            <a
              href={`/public/recipients/${encodeURIComponent(program)}/${year}/download`}
              data-testid="recipients-download"
              download
            >
              {tr(lang, 'download')}
            </a>
          ) : null}
        </div>
      )}
      {l ? (
        <>
          <Card
            title={`${l.programName[lang]} · ${l.year} · ${tr(lang, 'vouchers')}`}
            testId="recipients-vouchers"
          >
            <p className="muted" data-testid="recipients-total">
              {tr(lang, 'total', { n: l.totals.vouchers })} <Amount value={l.totals.faceValue} />
            </p>
            <DataTable
              compact
              rows={l.vouchers}
              rowKey={(v) => `${v.recipient}-${v.date}-${v.amount}`}
              rowTestId="recipient-row"
              columns={[
                { head: tr(lang, 'recipient'), cell: (v) => v.recipient },
                { head: tr(lang, 'amount'), num: true, cell: (v) => <Amount value={v.amount} /> },
                { head: tr(lang, 'date'), cell: (v) => v.date },
              ]}
            />
          </Card>
          {l.grants.length ? (
            <Card title={tr(lang, 'grants')}>
              <p className="muted">
                {tr(lang, 'total', { n: l.totals.grants })} <Amount value={l.totals.paid} />
              </p>
              <DataTable
                compact
                rows={l.grants}
                rowKey={(g) => `${g.recipient}-${g.date}-${g.amount}-${g.kind}`}
                columns={[
                  { head: tr(lang, 'kind'), cell: (g) => g.kindLabel[lang] },
                  { head: tr(lang, 'recipient'), cell: (g) => g.recipient },
                  { head: tr(lang, 'amount'), num: true, cell: (g) => <Amount value={g.amount} /> },
                  { head: tr(lang, 'date'), cell: (g) => g.date },
                ]}
              />
            </Card>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
