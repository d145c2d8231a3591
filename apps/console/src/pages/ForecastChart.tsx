import { useCallback, useRef, useState } from 'react';
import { api } from '../api';
import { Amount, Card, ErrorBox, FunderTable, Loading } from '../components/ui';
import { formatMoney, toMoney } from '../format';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';

/**
 * The budget forecast on the dashboard (ADR 0029): commitments so far month by month, the budget line,
 * and the projection at the burn rate to the day the pool runs out; per funder issued, redeemed,
 * outstanding, pipeline and what is left.
 */

interface Forecast {
  programCode: string;
  asOf: string;
  period: { basis: 'total' | 'per-year'; key: string; from: string; to: string };
  budget: string | null;
  committed: string;
  issued: string;
  redeemed: string;
  outstanding: string;
  pipeline: {
    underReview: { applications: number; amount: string };
    poolHolding: { applications: number; amount: string };
    claimsPending: { claims: number; amount: string };
    total: string;
  };
  burn: {
    windowFrom: string;
    windowTo: string;
    windowDays: number;
    committedInWindow: string;
    perDay: string;
  };
  remaining: string | null;
  remainingAfterPipeline: string | null;
  runOutOn: string | null;
  daysLeft: number | null;
  exhausted: boolean;
  runsOutBeforePeriodEnd: boolean;
  series: { month: string; committed: string; cumulative: string }[];
  byFunder: {
    funderCode: string;
    funder: { zh: string; en: string };
    issued: string | null;
    redeemed: string;
    outstanding: string | null;
    pipeline: string | null;
    remaining: string | null;
  }[];
}

const L = {
  title: { zh: '预算预测', en: 'Budget forecast' },
  budget: { zh: '资金池', en: 'Pool' },
  committed: { zh: '已承诺（已发券）', en: 'Committed (issued)' },
  pipeline: { zh: '在途（审核中）', en: 'Pipeline (under review)' },
  claims: { zh: '待兑付申请 {n} 笔', en: '{n} claims pending' },
  burn: { zh: '近 {d} 天日均', en: 'Per day, last {d} days' },
  runOut: { zh: '预计用完日期', en: 'Forecast run-out' },
  never: { zh: '按当前速度不会用完', en: 'Not in sight at this pace' },
  noPool: { zh: '未设资金池', en: 'No pool' },
  exhausted: { zh: '已用完', en: 'Used up' },
  beforeEnd: { zh: '早于期末 {d}', en: 'before the period ends ({d})' },
  issued: { zh: '已发放', en: 'Issued' },
  redeemed: { zh: '已兑付', en: 'Redeemed' },
  outstanding: { zh: '未兑付', en: 'Outstanding' },
  remaining: { zh: '资金池余额', en: 'Left in the pool' },
  actual: { zh: '累计承诺', en: 'Committed to date' },
  projection: { zh: '按日均推算', en: 'Projection' },
} as const;

function tr(lang: 'zh' | 'en', key: keyof typeof L, vars: Record<string, string | number> = {}) {
  return Object.entries(vars).reduce((s, [k, v]) => s.replace(`{${k}}`, String(v)), L[key][lang] as string);
}

/** Chart geometry only: a date as a day count, an amount as fen scaled to the axis (never shown or summed). */
const day = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86_400_000;
const fen = (a: string | null) => (a === null ? 0 : Number(toMoney(a)?.toFen() ?? 0n));
const lastOfMonth = (m: string) => {
  const [y, mo] = m.split('-').map((x) => +x);
  return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
};

/**
 * The width of the element `ref` is put on, following it as the window (or its card) resizes: a chart
 * draws to its card's width instead of a fixed one. `fallback` until it is measured.
 */
export function useElementWidth(fallback: number): [(el: HTMLElement | null) => void, number] {
  const [width, setWidth] = useState(fallback);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback(
    (el: HTMLElement | null) => {
      observer.current?.disconnect();
      observer.current = null;
      if (!el) return;
      const measure = () => setWidth(Math.floor(el.getBoundingClientRect().width) || fallback);
      measure();
      if (typeof ResizeObserver !== 'undefined') {
        observer.current = new ResizeObserver(measure);
        observer.current.observe(el);
      }
    },
    [fallback],
  );
  return [ref, width];
}

export function ForecastChart({ programCode }: { programCode: string }) {
  const { lang } = useI18n();
  const [chartRef, chartWidth] = useElementWidth(640);
  const f = useAsync(() => api.get<Forecast>(`/forecast/${encodeURIComponent(programCode)}`), [programCode]);
  if (!f.data) return f.error ? <ErrorBox error={f.error} /> : <Loading />;
  const d = f.data;
  // The card's width, never narrower than the axis labels and a readable plot need.
  const W = Math.max(320, chartWidth);
  const H = 200;
  const left = 90;
  const start = day(d.period.from);
  const projectedEnd = d.runOutOn ? Math.min(day(d.runOutOn), day(d.period.to) + 3 * 365) : day(d.period.to);
  const end = Math.max(day(d.period.to), projectedEnd, day(d.asOf)) + 1;
  const maxFen = Math.max(fen(d.budget), fen(d.committed) + fen(d.pipeline.total), 1);
  const x = (dd: number) => left + ((dd - start) / (end - start)) * (W - left - 10);
  const y = (v: number) => 10 + H - (v / maxFen) * H;
  const points = [
    `${x(start)},${y(0)}`,
    ...d.series.map((s) => `${x(Math.min(day(lastOfMonth(s.month)), day(d.asOf)))},${y(fen(s.cumulative))}`),
  ].join(' ');
  const now = fen(d.committed) + fen(d.pipeline.total);
  return (
    <Card title={tr(lang, 'title')} testId="forecast">
      <div className="kpis">
        <div className="kpi">
          <span className="muted">{tr(lang, 'budget')}</span>
          {d.budget === null ? tr(lang, 'noPool') : <Amount value={d.budget} testId="forecast-budget" />}
        </div>
        <div className="kpi">
          <span className="muted">{tr(lang, 'committed')}</span>
          <Amount value={d.committed} testId="forecast-committed" />
        </div>
        <div className="kpi">
          <span className="muted">{tr(lang, 'pipeline')}</span>
          <Amount value={d.pipeline.total} testId="forecast-pipeline" />
          <span className="muted">{tr(lang, 'claims', { n: d.pipeline.claimsPending.claims })}</span>
        </div>
        <div className="kpi">
          <span className="muted">{tr(lang, 'burn', { d: d.burn.windowDays })}</span>
          <Amount value={d.burn.perDay} testId="forecast-burn" />
        </div>
        <div className="kpi">
          <span className="muted">{tr(lang, 'runOut')}</span>
          <span className="amount" data-testid="forecast-run-out">
            {d.budget === null
              ? '—'
              : d.exhausted
                ? tr(lang, 'exhausted')
                : (d.runOutOn ?? tr(lang, 'never'))}
          </span>
          {d.runsOutBeforePeriodEnd ? (
            <span className="badge bad">{tr(lang, 'beforeEnd', { d: d.period.to })}</span>
          ) : null}
        </div>
      </div>
      <div className="chart" ref={chartRef} data-testid="forecast-chart">
        <svg width={W} height={H + 40} role="img" aria-label={tr(lang, 'title')}>
          {[0, maxFen / 2, maxFen].map((v, i) => (
            <g key={i}>
              <line x1={left - 4} x2={W} y1={y(v)} y2={y(v)} className="gridline" />
              <text x={left - 8} y={y(v) + 4} textAnchor="end" className="axis">
                {formatMoney(toMoney((BigInt(Math.round(v)) / 100n).toString())).replace(/\.00$/, '')}
              </text>
            </g>
          ))}
          {d.budget !== null ? (
            <line
              x1={left}
              x2={W - 10}
              y1={y(fen(d.budget))}
              y2={y(fen(d.budget))}
              stroke="#dc2626"
              strokeDasharray="6 3"
            />
          ) : null}
          <polyline
            points={points}
            fill="none"
            stroke="#2563eb"
            strokeWidth={2}
            data-testid="forecast-actual"
          />
          {d.runOutOn && d.budget !== null ? (
            <line
              data-testid="forecast-projection"
              x1={x(day(d.asOf))}
              y1={y(now)}
              x2={x(projectedEnd)}
              y2={y(
                day(d.runOutOn) > projectedEnd
                  ? now +
                      ((fen(d.budget) - now) * (projectedEnd - day(d.asOf))) / (day(d.runOutOn) - day(d.asOf))
                  : fen(d.budget),
              )}
              stroke="#f59e0b"
              strokeWidth={2}
              strokeDasharray="4 4"
            />
          ) : null}
          <line x1={x(day(d.asOf))} x2={x(day(d.asOf))} y1={10} y2={H + 10} className="gridline" />
          <text x={x(start)} y={H + 28} className="axis">
            {d.period.from}
          </text>
          <text x={x(day(d.asOf))} y={H + 28} textAnchor="middle" className="axis">
            {d.asOf}
          </text>
          {d.runOutOn ? (
            <text x={x(projectedEnd)} y={H + 28} textAnchor="end" className="axis">
              {d.runOutOn}
            </text>
          ) : null}
        </svg>
        <div className="legend">
          <span>
            <i style={{ background: '#2563eb' }} /> {tr(lang, 'actual')}
          </span>
          <span>
            <i style={{ background: '#f59e0b' }} /> {tr(lang, 'projection')}
          </span>
          <span>
            <i style={{ background: '#dc2626' }} /> {tr(lang, 'budget')}
          </span>
        </div>
      </div>
      <FunderTable
        rows={d.byFunder}
        funderName={(r) => r.funder[lang]}
        rowTestId="forecast-funder"
        columns={[
          { head: tr(lang, 'issued'), num: true, cell: (r) => <Amount value={r.issued} /> },
          { head: tr(lang, 'redeemed'), num: true, cell: (r) => <Amount value={r.redeemed} /> },
          { head: tr(lang, 'outstanding'), num: true, cell: (r) => <Amount value={r.outstanding} /> },
          { head: tr(lang, 'pipeline'), num: true, cell: (r) => <Amount value={r.pipeline} /> },
          {
            head: tr(lang, 'remaining'),
            num: true,
            cell: (r) => (r.remaining === null ? '—' : <Amount value={r.remaining} />),
          },
        ]}
      />
    </Card>
  );
}
