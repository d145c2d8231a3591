import { Money } from '@app/domain';

/**
 * `¥1,234,567.89` from an amount string (or Money). Built from Money's fen-exact string so no binary float
 * ever touches the amount; more than two decimals are truncated toward zero, as Money does everywhere.
 */
export function formatYuan(amount: string | Money): string {
  const money = Money.isMoney(amount) ? amount : Money.of(amount);
  const text = money.toString();
  const negative = text.startsWith('-');
  const [int, frac] = (negative ? text.slice(1) : text).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}¥${grouped}.${frac}`;
}

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * `2025-03-14 17:00` in Beijing time. China keeps UTC+8 all year (no DST), so a fixed offset is exact and
 * keeps templates pure (no dependency on the host's time zone or ICU data).
 */
export function formatBeijingTime(at: Date | string): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a valid time: ${String(at)}`);
  return new Date(date.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
