import { Money, isMoneyString } from '@app/domain';

/** Parses an amount string from the API (always decimal text, never a float) into Money. */
export function toMoney(s: string | null | undefined): Money | null {
  if (s == null || s === '') return null;
  if (isMoneyString(s)) return Money.parse(s);
  try {
    // Sums and differences may come with a sign or more decimals: truncated to the fen like the server.
    return Money.of(s);
  } catch {
    return null;
  }
}

/** ¥1,234,567.89 — built from the fen string, so no float formatting is ever involved. */
export function formatMoney(s: string | Money | null | undefined): string {
  const m = typeof s === 'string' || s == null ? toMoney(s) : s;
  if (!m) return '—';
  const text = m.toString();
  const negative = text.startsWith('-');
  const [int, frac] = (negative ? text.slice(1) : text).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}¥${grouped}.${frac}`;
}

const SHANGHAI = 'Asia/Shanghai';

/** YYYY-MM-DD of a business date or of an instant (in Asia/Shanghai). */
export function formatDate(s: string | null | undefined): string {
  if (!s) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  return d.toLocaleDateString('sv-SE', { timeZone: SHANGHAI });
}

/** YYYY-MM-DD HH:mm of an instant, Beijing time. */
export function formatDateTime(s: string | null | undefined): string {
  if (!s) return '—';
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  const date = d.toLocaleDateString('sv-SE', { timeZone: SHANGHAI });
  const time = d.toLocaleTimeString('en-GB', { timeZone: SHANGHAI, hour: '2-digit', minute: '2-digit' });
  return `${date} ${time}`;
}

/** A rate such as "0.20" as "20%" — string arithmetic on the decimal digits, no float. */
export function formatRate(rate: string | null | undefined): string {
  if (!rate) return '—';
  const m = /^(\d+)(?:\.(\d+))?$/.exec(rate);
  if (!m) return rate;
  const frac = (m[2] ?? '').padEnd(2, '0');
  const whole = String(Number(m[1]) * 100 + Number(frac.slice(0, 2)));
  const rest = frac.slice(2).replace(/0+$/, '');
  return `${whole}${rest ? `.${rest}` : ''}%`;
}

/** "2025 Q3": a run, or the run a claim goes to. */
export function quarterLabel(q: { year: number; quarter: number }): string {
  return `${q.year} Q${q.quarter}`;
}

/** "2025-03-01 → 2025-06-30": a contract's term or a delivered period. */
export function formatSpan(start: string | null | undefined, end: string | null | undefined): string {
  return `${formatDate(start)} → ${formatDate(end)}`;
}
