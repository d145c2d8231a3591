// The State Council's yearly holiday notice as data, maintained upstream (chinese-days); pure JSON, so
// workflows and the browser can use it deterministically. See docs/adr/0041-working-days.md.
import chinaHolidayCalendar from 'chinese-days/dist/chinese-days.json';
import { DomainInputError } from './errors';

/**
 * A business date: an Asia/Shanghai calendar date as an ISO string 'YYYY-MM-DD'.
 * Strings (not Date objects) because a date has no time zone and ISO strings compare and serialise as-is.
 * All arithmetic goes through a day number (days since 1970-01-01) computed with integer civil-calendar
 * formulas, so nothing here depends on the host time zone, Intl, or the clock.
 */
export type BusinessDate = string;
export type Quarter = 1 | 2 | 3 | 4;
export interface YearQuarter {
  year: number;
  quarter: Quarter;
}
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export class BusinessDateError extends DomainInputError {
  constructor(readonly input: unknown) {
    super('BUSINESS_DATE_FORMAT', `Not a valid business date (YYYY-MM-DD): ${JSON.stringify(String(input))}`);
    this.name = 'BusinessDateError';
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
/** China Standard Time is UTC+8 all year: China has observed no daylight saving since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}

function split(s: unknown): Ymd | null {
  if (typeof s !== 'string') return null;
  const match = ISO_DATE.exec(s);
  if (!match) return null;
  const y = +match[1];
  const m = +match[2];
  const d = +match[3];
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

function ymd(s: BusinessDate): Ymd {
  const parts = split(s);
  if (!parts) throw new BusinessDateError(s);
  return parts;
}

function format({ y, m, d }: Ymd): BusinessDate {
  if (y < 1 || y > 9999) throw new DomainInputError('BUSINESS_DATE_RANGE', `Year out of range: ${y}`);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function isBusinessDate(s: unknown): s is BusinessDate {
  return split(s) !== null;
}

/**
 * Why a typed date is not a business date: 'format' when it is not written YYYY-MM-DD, 'not-exist' when
 * it is but no such day exists (2025-02-30, 2023-02-29, month 13); null for a real date. A form says the
 * two differently: "日期不存在" tells the user the format was right.
 */
export function dateProblem(s: unknown): 'format' | 'not-exist' | null {
  if (typeof s !== 'string' || !ISO_DATE.test(s)) return 'format';
  return split(s) ? null : 'not-exist';
}

/** Validates and returns the date unchanged (throws BusinessDateError, e.g. for 2023-02-29). */
export function parseBusinessDate(s: string): BusinessDate {
  ymd(s);
  return s;
}

/** Days since 1970-01-01 (proleptic Gregorian), after H. Hinnant's days_from_civil. */
export function toDayNumber(date: BusinessDate): number {
  const { y: year, m, d } = ymd(date);
  const y = m <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(n: number): BusinessDate {
  if (!Number.isSafeInteger(n)) throw new DomainInputError('BUSINESS_DATE_RANGE', `Not a day number: ${n}`);
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return format({ y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d });
}

/**
 * The Shanghai calendar date of an instant. Takes the instant as an argument (never reads the clock) so
 * workflows can pass their deterministic time.
 */
export function businessDateOf(instant: Date): BusinessDate {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new BusinessDateError(instant);
  return fromDayNumber(Math.floor((ms + SHANGHAI_OFFSET_MS) / MS_PER_DAY));
}

export function compareDates(a: BusinessDate, b: BusinessDate): -1 | 0 | 1 {
  ymd(a);
  ymd(b);
  // Valid ISO dates with four-digit years order lexicographically.
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isBefore(a: BusinessDate, b: BusinessDate): boolean {
  return compareDates(a, b) < 0;
}

export function isAfter(a: BusinessDate, b: BusinessDate): boolean {
  return compareDates(a, b) > 0;
}

export function minDate(a: BusinessDate, b: BusinessDate): BusinessDate {
  return compareDates(a, b) <= 0 ? a : b;
}

export function maxDate(a: BusinessDate, b: BusinessDate): BusinessDate {
  return compareDates(a, b) >= 0 ? a : b;
}

export function addDays(date: BusinessDate, n: number): BusinessDate {
  if (!Number.isInteger(n))
    throw new DomainInputError('BUSINESS_DATE_RANGE', `Not a whole number of days: ${n}`);
  return fromDayNumber(toDayNumber(date) + n);
}

/** Same month and day n years later (or earlier); Feb 29 lands on Feb 28 in a common year. */
export function addYears(date: BusinessDate, n: number): BusinessDate {
  if (!Number.isInteger(n))
    throw new DomainInputError('BUSINESS_DATE_RANGE', `Not a whole number of years: ${n}`);
  const { y, m, d } = ymd(date);
  const year = y + n;
  return format({ y: year, m, d: Math.min(d, daysInMonth(year, m)) });
}

/**
 * Last day of a term of `years` years that starts on `start` (both ends inclusive): the day before the
 * anniversary. A Feb 29 start's anniversary in a common year is taken as Mar 1, so the term runs to
 * Feb 28 (2024-02-29 … 2025-02-28 is one year). See docs/adr/0004-contract-term-and-pro-rata.md.
 */
export function lastDayOfTerm(start: BusinessDate, years: number): BusinessDate {
  const { y, m, d } = ymd(start);
  if (m === 2 && d === 29 && !isLeapYear(y + years)) return format({ y: y + years, m: 2, d: 28 });
  return addDays(addYears(start, years), -1);
}

/** Number of days from start to end, both inclusive; 0 when end is before start. */
export function daysInclusive(start: BusinessDate, end: BusinessDate): number {
  return Math.max(0, toDayNumber(end) - toDayNumber(start) + 1);
}

/** Days shared by [aStart, aEnd] and [bStart, bEnd], all ends inclusive. */
export function overlapDays(
  aStart: BusinessDate,
  aEnd: BusinessDate,
  bStart: BusinessDate,
  bEnd: BusinessDate,
): number {
  return daysInclusive(maxDate(aStart, bStart), minDate(aEnd, bEnd));
}

export function yearOf(date: BusinessDate): number {
  return ymd(date).y;
}

export function monthOf(date: BusinessDate): number {
  return ymd(date).m;
}

export function dateOf(year: number, month: number, day: number): BusinessDate {
  const s = format({ y: year, m: month, d: day });
  return parseBusinessDate(s);
}

function assertQuarter(quarter: number): asserts quarter is Quarter {
  if (quarter !== 1 && quarter !== 2 && quarter !== 3 && quarter !== 4) {
    throw new DomainInputError('QUARTER_RANGE', `Not a quarter: ${quarter}`);
  }
}

export function quarterOf(date: BusinessDate): YearQuarter {
  const { y, m } = ymd(date);
  return { year: y, quarter: Math.ceil(m / 3) as Quarter };
}

export function quarterStartDate(year: number, quarter: Quarter): BusinessDate {
  assertQuarter(quarter);
  return format({ y: year, m: quarter * 3 - 2, d: 1 });
}

/** Mar 31, Jun 30, Sep 30, Dec 31. */
export function quarterEndDate(year: number, quarter: Quarter): BusinessDate {
  assertQuarter(quarter);
  const m = quarter * 3;
  return format({ y: year, m, d: daysInMonth(year, m) });
}

export function compareQuarters(a: YearQuarter, b: YearQuarter): -1 | 0 | 1 {
  const x = a.year * 4 + a.quarter;
  const y = b.year * 4 + b.quarter;
  return x < y ? -1 : x > y ? 1 : 0;
}

export function nextQuarter({ year, quarter }: YearQuarter): YearQuarter {
  return quarter === 4 ? { year: year + 1, quarter: 1 } : { year, quarter: (quarter + 1) as Quarter };
}

export function weekdayOf(date: BusinessDate): Weekday {
  // 1970-01-01 was a Thursday (ISO 4).
  return (((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1) as Weekday;
}

interface HolidayCalendarData {
  /** Public holidays (including weekends folded into a holiday) → "English,中文,days". */
  holidays: Record<string, string>;
  /** Weekend days made working days by 调休 → the holiday they pay for. */
  workdays: Record<string, string>;
}
const CALENDAR = chinaHolidayCalendar as HolidayCalendarData;
const has = (table: Record<string, string>, date: string) =>
  Object.prototype.hasOwnProperty.call(table, date);
/** Last year the published calendar covers; later years fall back to Monday–Friday. */
export const HOLIDAY_CALENDAR_LAST_YEAR = Object.keys(CALENDAR.holidays).reduce(
  (last, d) => Math.max(last, +d.slice(0, 4)),
  0,
);

/** A statutory public holiday (国庆, 春节 …), weekends inside the holiday included. */
export function isPublicHoliday(date: BusinessDate): boolean {
  ymd(date);
  return has(CALENDAR.holidays, date);
}

/** A Saturday or Sunday worked in exchange for a holiday (调休上班). */
export function isAdjustedWorkingDay(date: BusinessDate): boolean {
  ymd(date);
  return has(CALENDAR.workdays, date);
}

/** China's working days: Monday–Friday, minus public holidays, plus 调休 weekends. */
export function isWorkingDay(date: BusinessDate): boolean {
  if (isAdjustedWorkingDay(date)) return true;
  if (isPublicHoliday(date)) return false;
  return weekdayOf(date) <= 5;
}

/**
 * Moves n working days forward (n < 0: backward); n = 0 returns the date unchanged.
 * Working days follow the published holiday calendar (public holidays off, 调休 weekends on); years after
 * HOLIDAY_CALENDAR_LAST_YEAR count Monday to Friday until the package publishes them.
 */
export function addWorkingDays(date: BusinessDate, n: number): BusinessDate {
  if (!Number.isInteger(n))
    throw new DomainInputError('BUSINESS_DATE_RANGE', `Not a whole number of days: ${n}`);
  const step = n < 0 ? -1 : 1;
  let day = toDayNumber(date);
  for (let left = Math.abs(n); left > 0;) {
    day += step;
    if (isWorkingDay(fromDayNumber(day))) left -= 1;
  }
  return fromDayNumber(day);
}
