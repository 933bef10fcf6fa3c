/**
 * Quarters of the UK financial year: Q1 = Apr–Jun, Q2 = Jul–Sep, Q3 = Oct–Dec, Q4 = Jan–Mar.
 * Canonical id `2025-26-Q2`; shown to people as "Quarter 2 2025/26".
 * Dates are ISO calendar dates (`YYYY-MM-DD`), computed in UTC so no time zone can move a day.
 */

export type QuarterNumber = 1 | 2 | 3 | 4;

export interface Quarter {
  /** `2025-26-Q2` */
  readonly id: string;
  /** The calendar year the financial year starts in: 2025 for 2025/26. */
  readonly financialYearStart: number;
  readonly number: QuarterNumber;
  /** First day, inclusive. */
  readonly start: string;
  /** Last day, inclusive. */
  readonly end: string;
  /** `Quarter 2 2025/26` */
  readonly label: string;
  /** `Jul–Sep 2025` */
  readonly months: string;
}

const QUARTER_ID = /^(\d{4})-(\d{2})-Q([1-4])$/;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export class InvalidQuarterError extends Error {
  constructor(readonly input: string) {
    super(`"${input}" is not a quarter id: write it like 2025-26-Q2 (Quarter 2 of 2025/26, Jul–Sep 2025)`);
    this.name = 'InvalidQuarterError';
  }
}

export function isQuarterId(input: string): boolean {
  const match = QUARTER_ID.exec(input);
  if (!match) return false;
  const startYear = Number(match[1]);
  return Number(match[2]) === (startYear + 1) % 100;
}

export function parseQuarter(input: string): Quarter {
  if (!isQuarterId(input)) throw new InvalidQuarterError(input);
  const match = QUARTER_ID.exec(input) as RegExpExecArray;
  return quarterOf(Number(match[1]), Number(match[3]) as QuarterNumber);
}

export function quarterOf(financialYearStart: number, number: QuarterNumber): Quarter {
  // Q1 starts in April (month index 3); Q4 runs Jan–Mar of the following calendar year.
  const firstMonth = 3 + (number - 1) * 3;
  const startDate = new Date(Date.UTC(financialYearStart, firstMonth, 1));
  const endDate = new Date(Date.UTC(financialYearStart, firstMonth + 3, 0));
  const nextYear = String((financialYearStart + 1) % 100).padStart(2, '0');
  const id = `${financialYearStart}-${nextYear}-Q${number}`;
  const startMonth = MONTH_NAMES[startDate.getUTCMonth()];
  const endMonth = MONTH_NAMES[endDate.getUTCMonth()];
  return {
    id,
    financialYearStart,
    number,
    start: isoDate(startDate),
    end: isoDate(endDate),
    label: `Quarter ${number} ${financialYearStart}/${nextYear}`,
    months: `${startMonth}–${endMonth} ${endDate.getUTCFullYear()}`,
  };
}

/** The quarter a calendar date (`YYYY-MM-DD` or a Date) falls in. */
export function quarterContaining(date: string | Date): Quarter {
  const day = typeof date === 'string' ? new Date(`${date.slice(0, 10)}T00:00:00Z`) : date;
  const month = day.getUTCMonth();
  const year = day.getUTCFullYear();
  const financialYearStart = month >= 3 ? year : year - 1;
  const number = (Math.floor(((month + 9) % 12) / 3) + 1) as QuarterNumber;
  return quarterOf(financialYearStart, number);
}

export function previousQuarter(quarter: Quarter): Quarter {
  return quarter.number === 1
    ? quarterOf(quarter.financialYearStart - 1, 4)
    : quarterOf(quarter.financialYearStart, (quarter.number - 1) as QuarterNumber);
}

export function nextQuarter(quarter: Quarter): Quarter {
  return quarter.number === 4
    ? quarterOf(quarter.financialYearStart + 1, 1)
    : quarterOf(quarter.financialYearStart, (quarter.number + 1) as QuarterNumber);
}

export function sameQuarterLastYear(quarter: Quarter): Quarter {
  return quarterOf(quarter.financialYearStart - 1, quarter.number);
}

/** The `count` quarters ending with `quarter`, oldest first. */
export function quartersEndingWith(quarter: Quarter, count: number): Quarter[] {
  const quarters = [quarter];
  while (quarters.length < count) quarters.unshift(previousQuarter(quarters[0] as Quarter));
  return quarters;
}

export function addDays(isoDay: string, days: number): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return isoDate(date);
}

/** Returns are due this many days after the quarter ends. */
export function dueDate(quarter: Quarter, daysAfterQuarterEnd: number): string {
  return addDays(quarter.end, daysAfterQuarterEnd);
}

/**
 * The latest quarter whose pack is due by `at`: the pack is made `daysAfterQuarterEnd` days after
 * a quarter closes, so on 20 October the pack for Jul–Sep is due, but on 10 October it is not yet.
 */
export function latestReportableQuarter(at: Date, daysAfterQuarterEnd: number): Quarter {
  const today = isoDate(at);
  let quarter = previousQuarter(quarterContaining(at));
  while (addDays(quarter.end, daysAfterQuarterEnd) > today) quarter = previousQuarter(quarter);
  return quarter;
}

/** Whether a quarter has not yet ended on `at`: a return for it cannot be complete. */
export function isFutureQuarter(quarter: Quarter, at: Date): boolean {
  return quarter.end >= isoDate(at);
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `2025-10-15` → `15 October 2025`, as a council letter would write it. */
export function longDate(isoDay: string): string {
  const date = new Date(`${isoDay.slice(0, 10)}T00:00:00Z`);
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
