import Holidays from 'date-holidays';

/**
 * Swedish working days, for deadlines counted "in working days" (a broker's feedback to an employer, the last day to
 * book exam invigilation). Dates are calendar dates as ISO strings (`2026-04-03`) so no time zone can move them.
 *
 * Not working days: Saturdays, Sundays, the public holidays (`public` in date-holidays: långfredagen, påskdagen,
 * annandag påsk, Kristi himmelsfärdsdag, nationaldagen, midsommardagen, alla helgons dag, juldagen, …) and the
 * three eves that Swedish working life treats as holidays (`bank` in date-holidays: midsommarafton, julafton,
 * nyårsafton; the Working Hours and Annual Leave Acts count them like Sundays).
 */
const holidays = new Holidays('SE');
const closedByYear = new Map<number, Map<string, string>>();

/** The closed days of a year (date → Swedish name), computed once per year. */
function closedDays(year: number): Map<string, string> {
  let days = closedByYear.get(year);
  if (!days) {
    days = new Map();
    for (const h of holidays.getHolidays(year)) {
      if (h.type === 'public' || h.type === 'bank') days.set(h.date.slice(0, 10), h.name);
    }
    closedByYear.set(year, days);
  }
  return days;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parse(date: string): Date {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${date}`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.toISOString().slice(0, 10) !== date) throw new RangeError(`no such date: ${date}`);
  return d;
}

function format(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function shift(date: string, days: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return format(d);
}

/** The Swedish name of the holiday on `date` when it closes workplaces, else null (weekends included as null). */
export function holidayName(date: string): string | null {
  return closedDays(parse(date).getUTCFullYear()).get(date) ?? null;
}

/** True on a Swedish working day. */
export function isWorkingDay(date: string): boolean {
  const weekday = parse(date).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return holidayName(date) === null;
}

/**
 * The date `n` working days after `date` (n ≥ 0). Day 0 is `date` itself when it is a working day, else the next
 * working day: a case opened on a Saturday with a 10-day deadline is due ten working days after the Monday.
 */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
  let day = date;
  while (!isWorkingDay(day)) day = shift(day, 1);
  for (let left = n; left > 0; ) {
    day = shift(day, 1);
    if (isWorkingDay(day)) left--;
  }
  return day;
}

/** The date `n` working days before `date` (n ≥ 1): the last day to act when something needs n working days' notice. */
export function subtractWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`working days must be a whole number ≥ 1: ${n}`);
  let day = date;
  for (let left = n; left > 0; ) {
    day = shift(day, -1);
    if (isWorkingDay(day)) left--;
  }
  return day;
}

/** Working days strictly after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(from: string, to: string): number {
  if (to <= from) return 0;
  let count = 0;
  for (let day = shift(from, 1); day <= to; day = shift(day, 1)) if (isWorkingDay(day)) count++;
  return count;
}
