/**
 * Month names as Intl's `dateStyle: 'long'` writes them in sv-SE and en-GB (src/web/format.test.ts compares every
 * month with Intl): the core writes dates in explanations without Intl's locale data, and the web's first render
 * without the cost of a first Intl.DateTimeFormat (ADR 0005).
 */
export const MONTH_NAMES = {
  sv: [
    'januari',
    'februari',
    'mars',
    'april',
    'maj',
    'juni',
    'juli',
    'augusti',
    'september',
    'oktober',
    'november',
    'december',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
} as const satisfies Record<'sv' | 'en', readonly string[]>;

/** "3 oktober 2026" / "3 October 2026" from an ISO date, without a clock or time zone. */
export function longDate(iso: string, language: 'sv' | 'en'): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTH_NAMES[language][(m ?? 1) - 1]} ${y}`;
}
