import { MONTH_NAMES } from '../core/calendar/long-date.js';
import { intlLocale, type Language } from '../i18n/languages.js';

/**
 * Locale-aware formatting for the UI (Swedish `sv-SE` by default, English `en-GB`), all through Intl.
 * Swedish output uses a no-break space (U+00A0) as thousands separator and before `%`, and U+2212 as minus sign,
 * exactly as Intl produces it: `1 234 567,5`, `12,3 %`, `5 mars 2026`.
 * Missing values (null, undefined, NaN) are shown as an en dash.
 */

/** What a missing value looks like in tables and facts. */
export const MISSING = '–';

/** Times are shown in Swedish time whatever the browser's zone. */
export const TIME_ZONE = 'Europe/Stockholm';

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(language: Language, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(language), options);
    numberFormats.set(key, format);
  }
  return format;
}

function dateFormat(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(language), options);
    dateFormats.set(key, format);
  }
  return format;
}

function isMissing(value: number | null | undefined): value is null | undefined {
  return value === null || value === undefined || Number.isNaN(value);
}

export interface NumberOptions {
  /** Most decimals shown (default 1). */
  maximumFractionDigits?: number;
  /** Fewest decimals shown (default 0). */
  minimumFractionDigits?: number;
}

/** A number with grouping: `1 234 567,5` (sv), `1,234,567.5` (en). */
export function formatNumber(
  value: number | null | undefined,
  language: Language,
  options: NumberOptions = {},
): string {
  if (isMissing(value)) return MISSING;
  return numberFormat(language, {
    maximumFractionDigits: options.maximumFractionDigits ?? 1,
    minimumFractionDigits: options.minimumFractionDigits ?? 0,
  }).format(value);
}

/** A whole number with grouping: `12 345`. Rounds half away from zero. */
export function formatInteger(value: number | null | undefined, language: Language): string {
  return formatNumber(value, language, { maximumFractionDigits: 0 });
}

/** A share (0.123) as a percentage: `12,3 %` (sv), `12.3%` (en). */
export function formatPercent(
  share: number | null | undefined,
  language: Language,
  fractionDigits = 1,
): string {
  if (isMissing(share)) return MISSING;
  return numberFormat(language, {
    style: 'percent',
    maximumFractionDigits: fractionDigits,
    minimumFractionDigits: fractionDigits,
  }).format(share);
}

/** Seconds with a unit: `1,2 s`. */
export function formatSeconds(seconds: number | null | undefined, language: Language): string {
  if (isMissing(seconds)) return MISSING;
  return numberFormat(language, {
    style: 'unit',
    unit: 'second',
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(seconds);
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toDate(value: string | Date): Date | undefined {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * A UTC calendar date as Intl's long date style writes it (`5 mars 2026`, `5 March 2026`), without Intl: the first
 * Intl.DateTimeFormat of a page costs ~15 ms of main thread (~60 ms on a phone), and the signal pages' round picker
 * shows dates in their first render. Years outside 1000–9999 go through Intl.
 */
function calendarDate(date: Date, language: Language): string {
  const year = date.getUTCFullYear();
  if (year < 1000 || year > 9999)
    return dateFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  return `${date.getUTCDate()} ${MONTH_NAMES[language][date.getUTCMonth()]} ${year}`;
}

/**
 * A calendar date: `5 mars 2026` (sv), `5 March 2026` (en).
 * `YYYY-MM-DD` strings are calendar dates and never shift with time zones; timestamps are shown as the date in
 * Swedish time.
 */
export function formatDate(value: string | Date | null | undefined, language: Language): string {
  if (value === null || value === undefined) return MISSING;
  const calendar = typeof value === 'string' ? CALENDAR_DATE.exec(value) : null;
  if (calendar) {
    const [, year, month, day] = calendar;
    const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
    return calendarDate(date, language);
  }
  const date = toDate(value);
  if (!date) return MISSING;
  return dateFormat(language, { dateStyle: 'long', timeZone: TIME_ZONE }).format(date);
}

/** A point in time in Swedish time: `5 mars 2026 kl. 14:05` (sv), `5 March 2026 at 14:05` (en). */
export function formatDateTime(value: string | Date | null | undefined, language: Language): string {
  if (value === null || value === undefined) return MISSING;
  const date = toDate(value);
  if (!date) return MISSING;
  return dateFormat(language, { dateStyle: 'long', timeStyle: 'short', timeZone: TIME_ZONE }).format(date);
}

/** A point in time as a machine-readable value for `<time dateTime>`. */
export function isoDateTime(value: string | Date): string | undefined {
  return toDate(value)?.toISOString();
}

const collators = new Map<string, Intl.Collator>();

function collator(locale: string): Intl.Collator {
  let c = collators.get(locale);
  if (!c) {
    c = new Intl.Collator(locale, { sensitivity: 'variant', numeric: true });
    collators.set(locale, c);
  }
  return c;
}

/** Compares in Swedish order (… Z, Å, Ä, Ö), for sorting names such as municipalities and occupations. */
export function compareSv(a: string, b: string): number {
  return collator('sv').compare(a, b);
}

/** The comparison for text in the current UI language (Swedish order in Swedish). */
export function compareText(language: Language): (a: string, b: string) => number {
  const c = collator(language === 'sv' ? 'sv' : 'en');
  return (a, b) => c.compare(a, b);
}
