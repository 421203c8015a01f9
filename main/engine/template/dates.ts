/**
 * Dates written out the way briefs write them. Sources are often dated only
 * to the month or year, so partial dates are kept at their own precision:
 * "2023-01" is "January 2023", never "1 January 2023".
 */

export const DATE_FORMATS = ['day-month-year', 'month-day-year', 'iso'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

/** YYYY, YYYY-MM or YYYY-MM-DD (whether the calendar has that day: `calendarProblem`). */
export const DATE_PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function isDateFormat(value: unknown): value is DateFormat {
  return typeof value === 'string' && (DATE_FORMATS as readonly string[]).includes(value);
}

/** Throws a plain Error naming the value when it is not YYYY, YYYY-MM or YYYY-MM-DD. */
export function formatDate(value: string, format: DateFormat): string {
  const match = DATE_PATTERN.exec(value.trim());
  if (!match) throw new Error(`"${value}" is not a date written YYYY, YYYY-MM or YYYY-MM-DD`);
  const [, year, monthText, dayText] = match as unknown as [string, string, string | undefined, string | undefined];
  if (monthText === undefined) return year;

  const problem = calendarProblem(value.trim());
  if (problem) throw new Error(`"${value}" is not a real calendar date: ${problem}`);
  const month = Number(monthText);
  const monthName = MONTHS[month - 1]!;
  if (dayText === undefined) return format === 'iso' ? `${year}-${monthText}` : `${monthName} ${year}`;

  const day = Number(dayText);
  switch (format) {
    case 'iso':
      return `${year}-${monthText}-${dayText}`;
    case 'month-day-year':
      return `${monthName} ${day}, ${year}`;
    case 'day-month-year':
      return `${day} ${monthName} ${year}`;
  }
}

/** What is wrong with a YYYY, YYYY-MM or YYYY-MM-DD date the calendar does not have ("there is no month 13"), or undefined. */
export function calendarProblem(value: string): string | undefined {
  const match = DATE_PATTERN.exec(value);
  if (!match) return undefined;
  const [, year, monthText, dayText] = match as unknown as [string, string, string | undefined, string | undefined];
  if (monthText === undefined) return undefined;
  const month = Number(monthText);
  if (month < 1 || month > 12) return `there is no month ${monthText}`;
  if (dayText === undefined) return undefined;
  const day = Number(dayText);
  const days = daysInMonth(Number(year), month);
  if (day < 1 || day > days) return `${MONTHS[month - 1]} ${year} has ${days} days`;
  return undefined;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
