import { useState, type ReactNode } from 'react';
import { api } from '../api';
import { Amount, Card, DataTable, Empty, ErrorBox, FunderTable, Loading } from '../components/ui';
import { formatMoney, quarterLabel, toMoney } from '../format';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';
import { ForecastChart, useElementWidth } from './ForecastChart';

interface Budget {
  /** The byQuarter table's total (the same query): outstanding = issued − redeemed − lapsed. */
  totals: { issued: string; redeemed: string; lapsed: string; outstanding: string; vouchers: number };
  byQuarter: {
    year: number;
    quarter: number;
    issued: string;
    redeemed: string;
    lapsed: string;
    outstanding: string;
  }[];
  /** Every program's budget and what is left of it (null: the program has no pool). */
  budgets: {
    programCode: string;
    name: { zh: string; en: string };
    period: string | null;
    budget: string | null;
    committed: string | null;
    remaining: string | null;
  }[];
  capUse: {
    enterpriseName: string;
    year: number;
    cap: string;
    issued: string;
    remaining: string;
    usedPercent: string;
  }[];
  rolledOver: { year: number; quarter: number; claims: number; invoicedEligibleAmount: string }[];
  /** Each funder's paid total and its part of what the pool has left (null without a pool). */
  byFunder: {
    funderCode: string;
    funder: { zh: string; en: string };
    share: string;
    paid: string;
    remaining: string | null;
  }[];
  pools: { period: string; budget: string; committed: string; remaining: string }[];
}

/**
 * Pixel length for an amount. Only chart geometry goes through a float here (never a displayed or
 * computed amount): the fen count scaled to the axis.
 */
function scale(amount: string, max: bigint, px: number): number {
  const m = toMoney(amount);
  if (!m || max <= 0n) return 0;
  return (Number(m.toFen()) / Number(max)) * px;
}

function maxFen(values: string[]): bigint {
  return values.reduce((acc, v) => {
    const f = toMoney(v)?.toFen() ?? 0n;
    return f > acc ? f : acc;
  }, 0n);
}

/** An axis label in whole yuan (the fen would be noise on an axis). */
function axisLabel(fen: bigint): string {
  return formatMoney(toMoney((fen / 100n).toString())).replace(/\.00$/, '');
}

export function DashboardPage() {
  const { t, lang } = useI18n();
  const [program, setProgram] = useState('beijing-ai-compute-2023');
  const programs = useAsync(
    () => api.get<{ code: string; nameZh: string; nameEn: string }[]>('/catalog/programs'),
    [],
  );
  const budget = useAsync(
    () => api.get<Budget>(`/dashboard/budget?programCode=${encodeURIComponent(program)}`),
    [program],
  );
  if (!budget.data) return budget.error ? <ErrorBox error={budget.error} /> : <Loading />;
  const b = budget.data;
  return (
    <div className="stack" data-testid="dashboard">
      <div className="row between">
        <h1>{t('dashboardTitle')}</h1>
        <label className="row">
          <span className="muted">{t('program')}</span>
          <select
            value={program}
            onChange={(e) => setProgram(e.target.value)}
            data-testid="dashboard-program"
          >
            {(programs.data ?? []).map((p) => (
              <option key={p.code} value={p.code}>
                {lang === 'zh' ? p.nameZh : p.nameEn}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="kpis">
        <Kpi label={t('issued')} value={<Amount value={b.totals.issued} testId="kpi-issued" />} />
        <Kpi label={t('redeemed')} value={<Amount value={b.totals.redeemed} testId="kpi-redeemed" />} />
        <Kpi
          label={t('outstanding')}
          value={<Amount value={b.totals.outstanding} testId="kpi-outstanding" />}
        />
        <Kpi label={t('vouchers')} value={<span className="amount">{b.totals.vouchers}</span>} />
      </div>
      <Card title={t('byQuarter')}>
        {b.byQuarter.length === 0 ? <Empty /> : <QuarterChart rows={b.byQuarter} />}
      </Card>
      <div className="cols">
        <Card title={t('capUse')}>{b.capUse.length === 0 ? <Empty /> : <CapChart rows={b.capUse} />}</Card>
        <Card title={t('rolledOverTitle')}>
          {b.rolledOver.length === 0 ? <Empty /> : <RolledOver rows={b.rolledOver} />}
        </Card>
      </div>
      <ForecastChart programCode={program} />
      <Card title={t('programBudgets')} testId="program-budgets">
        <DataTable
          compact
          rows={b.budgets}
          rowKey={(p) => p.programCode}
          rowTestId="program-budget"
          columns={[
            { head: t('program'), cell: (p) => p.name[lang] },
            {
              head: t('budgetPeriod'),
              cell: (p) =>
                p.period === null ? t('budgetNoPool') : p.period === 'total' ? t('poolWholePlan') : p.period,
            },
            { head: t('budgetTotal'), num: true, cell: (p) => <Amount value={p.budget} /> },
            { head: t('budgetCommitted'), num: true, cell: (p) => <Amount value={p.committed} /> },
            { head: t('budgetRemaining'), num: true, cell: (p) => <Amount value={p.remaining} /> },
          ]}
        />
      </Card>
      <Card title={t('byFunder')} testId="dashboard-funders">
        {b.pools.map((p) => (
          <p key={p.period} className="muted">
            {t('poolLine', {
              period: p.period === 'total' ? t('poolWholePlan') : p.period,
              budget: formatMoney(toMoney(p.budget)),
              remaining: formatMoney(toMoney(p.remaining)),
            })}
          </p>
        ))}
        <FunderTable
          rows={b.byFunder}
          funderName={(f) => f.funder[lang]}
          columns={[
            { head: t('fundingShare'), num: true, cell: (f) => f.share },
            { head: t('paidTotal'), num: true, cell: (f) => <Amount value={f.paid} /> },
            {
              head: t('poolRemaining'),
              num: true,
              cell: (f) => (f.remaining === null ? '—' : <Amount value={f.remaining} />),
            },
          ]}
        />
      </Card>
    </div>
  );
}

function Kpi({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="kpi">
      <span className="muted">{label}</span>
      {value}
    </div>
  );
}

const SERIES = [
  { key: 'issued', color: '#2563eb' },
  { key: 'redeemed', color: '#16a34a' },
  { key: 'outstanding', color: '#f59e0b' },
] as const;

function QuarterChart({ rows }: { rows: Budget['byQuarter'] }) {
  const { t } = useI18n();
  const [chartRef, cardWidth] = useElementWidth(640);
  const max = maxFen(rows.flatMap((r) => [r.issued, r.redeemed, r.outstanding]));
  const H = 180;
  const left = 96;
  // The card's width shared by the quarters; past ~72 px a quarter the chart scrolls in its box instead.
  const group = Math.max(72, Math.floor((cardWidth - left - 16) / Math.max(1, rows.length)));
  const bar = Math.min(40, Math.floor(group / 4));
  const width = left + rows.length * group + 16;
  const ticks = [0n, max / 2n, max];
  return (
    <div className="chart" ref={chartRef} data-testid="quarter-chart">
      <svg width={width} height={H + 40} role="img" aria-label={t('byQuarter')}>
        {ticks.map((tk, i) => {
          const y = 10 + H - (max > 0n ? (Number(tk) / Number(max)) * H : 0);
          return (
            <g key={i}>
              <line x1={left - 4} x2={width} y1={y} y2={y} className="gridline" />
              <text x={left - 8} y={y + 4} textAnchor="end" className="axis">
                {axisLabel(tk)}
              </text>
            </g>
          );
        })}
        {rows.map((r, i) => (
          <g key={quarterLabel(r)} transform={`translate(${left + i * group + (group - bar * 3) / 2},10)`}>
            {SERIES.map((s, j) => {
              const h = scale(r[s.key], max, H);
              return (
                <rect key={s.key} x={j * bar} y={H - h} width={bar - 4} height={h} fill={s.color}>
                  <title>{`${t(s.key)} ${formatMoney(r[s.key])}`}</title>
                </rect>
              );
            })}
            <text x={(bar * 3) / 2} y={H + 18} textAnchor="middle" className="axis">
              {quarterLabel(r)}
            </text>
          </g>
        ))}
      </svg>
      <div className="legend">
        {SERIES.map((s) => (
          <span key={s.key}>
            <i style={{ background: s.color }} /> {t(s.key)}
          </span>
        ))}
      </div>
      <DataTable
        compact
        rows={rows}
        rowKey={quarterLabel}
        rowTestId="quarter-row"
        columns={[
          { head: t('quarter'), cell: quarterLabel },
          ...(['issued', 'redeemed', 'lapsed', 'outstanding'] as const).map((key) => ({
            head: t(key),
            num: true,
            cell: (r: Budget['byQuarter'][number]) => <Amount value={r[key]} />,
          })),
        ]}
      />
    </div>
  );
}

function CapChart({ rows }: { rows: Budget['capUse'] }) {
  const { t } = useI18n();
  return (
    <ul className="hbars">
      {rows.map((r) => {
        const pct = Math.min(100, Math.max(0, Number(r.usedPercent) || 0));
        return (
          <li key={`${r.enterpriseName}-${r.year}`}>
            <div className="row between">
              <span>
                {r.enterpriseName} <span className="muted">{r.year}</span>
              </span>
              <span className="muted">
                {t('used')} {r.usedPercent}% · <Amount value={r.issued} /> / <Amount value={r.cap} />
              </span>
            </div>
            <HBar pct={pct} full={pct >= 100} />
          </li>
        );
      })}
    </ul>
  );
}

function RolledOver({ rows }: { rows: Budget['rolledOver'] }) {
  const { t } = useI18n();
  const max = maxFen(rows.map((r) => r.invoicedEligibleAmount));
  return (
    <DataTable
      compact
      rows={rows}
      rowKey={quarterLabel}
      columns={[
        { head: t('run'), cell: quarterLabel },
        { head: t('claims'), num: true, cell: (r) => r.claims },
        { head: t('invoicedEligible'), num: true, cell: (r) => <Amount value={r.invoicedEligibleAmount} /> },
        { width: 140, cell: (r) => <HBar pct={scale(r.invoicedEligibleAmount, max, 100)} /> },
      ]}
    />
  );
}

/** A horizontal bar filled to `pct` percent. */
function HBar({ pct, full }: { pct: number; full?: boolean }) {
  return (
    <div className="hbar">
      <div className={full ? 'full' : undefined} style={{ width: `${pct}%` }} />
    </div>
  );
}
