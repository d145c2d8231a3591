import {
  BusinessDateError,
  addDays,
  addWorkingDays,
  addYears,
  businessDateOf,
  compareDates,
  compareQuarters,
  dateOf,
  daysInMonth,
  daysInclusive,
  fromDayNumber,
  isAfter,
  isBefore,
  isBusinessDate,
  isLeapYear,
  isWorkingDay,
  isPublicHoliday,
  isAdjustedWorkingDay,
  HOLIDAY_CALENDAR_LAST_YEAR,
  lastDayOfTerm,
  maxDate,
  minDate,
  monthOf,
  nextQuarter,
  overlapDays,
  parseBusinessDate,
  quarterEndDate,
  quarterOf,
  quarterStartDate,
  toDayNumber,
  weekdayOf,
  yearOf,
  type Quarter,
} from './calendar';

describe('validation', () => {
  it.each(['2023-09-01', '2024-02-29', '2000-02-29', '2025-12-31', '0001-01-01', '9999-12-31'])(
    'accepts %s',
    (d) => {
      expect(isBusinessDate(d)).toBe(true);
      expect(parseBusinessDate(d)).toBe(d);
    },
  );

  it.each([
    '2023-02-29',
    '1900-02-29',
    '2023-13-01',
    '2023-00-10',
    '2023-04-31',
    '2023-9-1',
    '20230901',
    '2023-09-01T00:00:00Z',
    ' 2023-09-01',
    '',
    '0000-01-01',
  ])('rejects %j', (d) => {
    expect(isBusinessDate(d)).toBe(false);
    expect(() => parseBusinessDate(d)).toThrow(BusinessDateError);
  });

  it('rejects non-strings', () => {
    expect(isBusinessDate(20230901)).toBe(false);
    expect(isBusinessDate(null)).toBe(false);
  });

  it('error carries a code', () => {
    expect(() => addDays('2023-02-30', 1)).toThrow(expect.objectContaining({ code: 'BUSINESS_DATE_FORMAT' }));
  });
});

describe('leap years', () => {
  it('follows the Gregorian 4/100/400 rule', () => {
    expect(isLeapYear(2024)).toBe(true);
    expect(isLeapYear(2023)).toBe(false);
    expect(isLeapYear(1900)).toBe(false);
    expect(isLeapYear(2000)).toBe(true);
    expect(isLeapYear(2100)).toBe(false);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2023, 4)).toBe(30);
    expect(daysInMonth(2023, 12)).toBe(31);
  });
});

describe('day numbers', () => {
  it('anchors on the Unix epoch', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(0)).toBe('1970-01-01');
    expect(toDayNumber('2000-03-01') - toDayNumber('2000-02-28')).toBe(2);
    expect(toDayNumber('1900-03-01') - toDayNumber('1900-02-28')).toBe(1);
    expect(fromDayNumber(toDayNumber('1969-12-31'))).toBe('1969-12-31');
  });

  it('rejects out-of-range results', () => {
    expect(() => addDays('9999-12-31', 1)).toThrow();
    expect(() => fromDayNumber(1.5)).toThrow();
  });
});

describe('businessDateOf', () => {
  it('shifts UTC by 8 hours', () => {
    expect(businessDateOf(new Date('2023-11-15T15:59:59.999Z'))).toBe('2023-11-15');
    expect(businessDateOf(new Date('2023-11-15T16:00:00.000Z'))).toBe('2023-11-16');
    expect(businessDateOf(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
    expect(businessDateOf(new Date('2024-02-28T16:00:00Z'))).toBe('2024-02-29');
    expect(businessDateOf(new Date('1969-12-31T16:00:00Z'))).toBe('1970-01-01');
    expect(businessDateOf(new Date('1969-12-31T15:59:59Z'))).toBe('1969-12-31');
  });

  it('rejects an invalid Date', () => {
    expect(() => businessDateOf(new Date('nope'))).toThrow(BusinessDateError);
  });
});

describe('comparisons', () => {
  it('orders dates', () => {
    expect(compareDates('2023-08-31', '2023-09-01')).toBe(-1);
    expect(compareDates('2023-09-01', '2023-09-01')).toBe(0);
    expect(compareDates('2026-01-01', '2025-12-31')).toBe(1);
    expect(isBefore('2023-08-31', '2023-09-01')).toBe(true);
    expect(isAfter('2023-08-31', '2023-09-01')).toBe(false);
    expect(minDate('2024-01-02', '2024-01-01')).toBe('2024-01-01');
    expect(maxDate('2024-01-02', '2024-01-01')).toBe('2024-01-02');
    expect(() => compareDates('2023-02-29', '2023-03-01')).toThrow(BusinessDateError);
  });
});

describe('addDays / addYears', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-01-01', 0)).toBe('2024-01-01');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
    expect(() => addDays('2024-01-01', 0.5)).toThrow();
  });

  it('adds years, Feb 29 landing on Feb 28', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2024-02-29', -3)).toBe('2021-02-28');
    expect(addYears('2023-09-01', 1)).toBe('2024-09-01');
    expect(addYears('2023-03-01', -3)).toBe('2020-03-01');
    expect(() => addYears('2024-01-01', 1.5)).toThrow();
  });
});

describe('lastDayOfTerm', () => {
  it('is the day before the anniversary', () => {
    expect(lastDayOfTerm('2024-01-01', 1)).toBe('2024-12-31');
    expect(lastDayOfTerm('2023-09-01', 1)).toBe('2024-08-31');
    expect(lastDayOfTerm('2023-03-01', 1)).toBe('2024-02-29');
    expect(lastDayOfTerm('2024-03-01', 1)).toBe('2025-02-28');
  });

  it('lets a Feb 29 start run to Feb 28 of a common year', () => {
    expect(lastDayOfTerm('2024-02-29', 1)).toBe('2025-02-28');
    expect(daysInclusive('2024-02-29', lastDayOfTerm('2024-02-29', 1))).toBe(366);
    expect(lastDayOfTerm('2024-02-29', 4)).toBe('2028-02-28');
  });
});

describe('daysInclusive / overlapDays', () => {
  it('counts both ends', () => {
    expect(daysInclusive('2024-01-01', '2024-01-01')).toBe(1);
    expect(daysInclusive('2024-01-01', '2024-12-31')).toBe(366);
    expect(daysInclusive('2023-01-01', '2023-12-31')).toBe(365);
    expect(daysInclusive('2024-01-02', '2024-01-01')).toBe(0);
    expect(daysInclusive('2023-09-01', '2025-12-31')).toBe(853);
  });

  it('overlaps inclusively', () => {
    expect(overlapDays('2025-07-01', '2026-06-30', '2023-09-01', '2025-12-31')).toBe(184);
    expect(overlapDays('2025-12-31', '2026-01-10', '2023-09-01', '2025-12-31')).toBe(1);
    expect(overlapDays('2026-01-01', '2026-01-10', '2023-09-01', '2025-12-31')).toBe(0);
    expect(overlapDays('2023-08-01', '2023-09-01', '2023-09-01', '2025-12-31')).toBe(1);
    expect(overlapDays('2024-01-01', '2024-01-31', '2024-01-10', '2024-01-20')).toBe(11);
  });
});

describe('years, months and quarters', () => {
  it('reads parts', () => {
    expect(yearOf('2025-12-31')).toBe(2025);
    expect(monthOf('2025-12-31')).toBe(12);
    expect(dateOf(2023, 11, 15)).toBe('2023-11-15');
    expect(() => dateOf(2023, 2, 29)).toThrow(BusinessDateError);
  });

  it.each([
    ['2024-01-01', 1],
    ['2024-03-31', 1],
    ['2024-04-01', 2],
    ['2024-06-30', 2],
    ['2024-07-01', 3],
    ['2024-09-30', 3],
    ['2024-10-01', 4],
    ['2024-12-31', 4],
  ])('%s is in Q%d', (d, q) => {
    expect(quarterOf(d)).toEqual({ year: 2024, quarter: q });
  });

  it('quarter bounds', () => {
    expect([1, 2, 3, 4].map((q) => quarterEndDate(2024, q as Quarter))).toEqual([
      '2024-03-31',
      '2024-06-30',
      '2024-09-30',
      '2024-12-31',
    ]);
    expect([1, 2, 3, 4].map((q) => quarterStartDate(2024, q as Quarter))).toEqual([
      '2024-01-01',
      '2024-04-01',
      '2024-07-01',
      '2024-10-01',
    ]);
    expect(() => quarterEndDate(2024, 5 as Quarter)).toThrow(
      expect.objectContaining({ code: 'QUARTER_RANGE' }),
    );
  });

  it('orders and steps quarters', () => {
    expect(compareQuarters({ year: 2023, quarter: 4 }, { year: 2024, quarter: 1 })).toBe(-1);
    expect(compareQuarters({ year: 2024, quarter: 1 }, { year: 2024, quarter: 1 })).toBe(0);
    expect(compareQuarters({ year: 2024, quarter: 2 }, { year: 2024, quarter: 1 })).toBe(1);
    expect(nextQuarter({ year: 2023, quarter: 4 })).toEqual({ year: 2024, quarter: 1 });
    expect(nextQuarter({ year: 2024, quarter: 2 })).toEqual({ year: 2024, quarter: 3 });
  });
});

describe('working days', () => {
  it('knows the weekday', () => {
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(weekdayOf('2023-10-11')).toBe(3);
    expect(weekdayOf('2024-02-29')).toBe(4);
    expect(weekdayOf('2025-12-28')).toBe(7);
    expect(weekdayOf('1969-12-29')).toBe(1);
    expect(isWorkingDay('2025-12-27')).toBe(false);
    expect(isWorkingDay('2025-12-29')).toBe(true);
  });

  it('skips weekends (no holiday table yet)', () => {
    expect(addWorkingDays('2023-11-17', 1)).toBe('2023-11-20'); // Fri → Mon
    expect(addWorkingDays('2023-11-18', 1)).toBe('2023-11-20'); // Sat → Mon
    expect(addWorkingDays('2023-11-13', 5)).toBe('2023-11-20');
    expect(addWorkingDays('2023-11-20', -1)).toBe('2023-11-17');
    expect(addWorkingDays('2023-11-18', 0)).toBe('2023-11-18');
    // 2024-10-01 is National Day: still counted, documented limitation.
    // 国庆 2024: 1–7 October off, Saturday 12 October worked (调休).
    expect(addWorkingDays('2024-09-30', 1)).toBe('2024-10-08');
    expect(() => addWorkingDays('2023-11-18', 1.5)).toThrow();
  });
});

describe("China's holiday calendar (法定节假日 and 调休)", () => {
  it('takes public holidays off and works the 调休 weekends', () => {
    // 国庆 + 中秋 2025: 1–8 October off; Sunday 28 September and Saturday 11 October worked.
    expect(isPublicHoliday('2025-10-01')).toBe(true);
    expect(isWorkingDay('2025-10-08')).toBe(false);
    expect(isAdjustedWorkingDay('2025-09-28')).toBe(true);
    expect(isWorkingDay('2025-09-28')).toBe(true);
    expect(isWorkingDay('2025-10-11')).toBe(true);
    expect(isWorkingDay('2025-10-12')).toBe(false);
    // 春节 2025: 28 January – 4 February off; Sunday 26 January and Saturday 8 February worked.
    expect(isWorkingDay('2025-02-03')).toBe(false);
    expect(isWorkingDay('2025-02-08')).toBe(true);
  });

  it('counts a due date across 国庆 and its 调休 Saturday', () => {
    // Five working days from Monday 29 September 2025: 30 Sep, 9, 10, 11 (Saturday, worked), 13 October.
    expect(addWorkingDays('2025-09-29', 5)).toBe('2025-10-13');
    expect(addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(addWorkingDays('2025-10-10', 1)).toBe('2025-10-11');
    expect(addWorkingDays('2025-10-09', -1)).toBe('2025-09-30');
  });

  it('covers the program years and says where it ends', () => {
    expect(HOLIDAY_CALENDAR_LAST_YEAR).toBeGreaterThanOrEqual(2026);
  });
});
