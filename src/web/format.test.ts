import { describe, expect, it } from 'vitest';
import {
  compareSv,
  compareText,
  formatDate,
  formatDateTime,
  formatInteger,
  formatNumber,
  formatPercent,
  formatSeconds,
  isoDateTime,
  MISSING,
} from './format.js';

// Intl writes Swedish numbers with a no-break space and a real minus sign.
const NBSP = '\u00a0';
const MINUS = '\u2212';

describe('formatNumber', () => {
  it('groups thousands with a no-break space and uses a decimal comma in Swedish', () => {
    expect(formatNumber(1234567.5, 'sv')).toBe(`1${NBSP}234${NBSP}567,5`);
    expect(formatNumber(-1234567.5, 'sv')).toBe(`${MINUS}1${NBSP}234${NBSP}567,5`);
  });

  it('uses English separators in English', () => {
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5');
  });

  it('respects the number of decimals asked for', () => {
    expect(formatNumber(2.25, 'sv', { maximumFractionDigits: 2, minimumFractionDigits: 2 })).toBe('2,25');
    expect(formatNumber(3, 'sv', { minimumFractionDigits: 1 })).toBe('3,0');
    expect(formatNumber(0.04, 'sv')).toBe('0');
  });

  it('shows missing values as a dash', () => {
    expect(formatNumber(null, 'sv')).toBe(MISSING);
    expect(formatNumber(undefined, 'en')).toBe(MISSING);
    expect(formatNumber(Number.NaN, 'sv')).toBe(MISSING);
  });
});

describe('formatInteger', () => {
  it('rounds to whole numbers with grouping', () => {
    expect(formatInteger(12345.5, 'sv')).toBe(`12${NBSP}346`);
    expect(formatInteger(602, 'en')).toBe('602');
    expect(formatInteger(0, 'sv')).toBe('0');
  });
});

describe('formatPercent', () => {
  it('formats a share as a Swedish percentage with a space before the sign', () => {
    expect(formatPercent(0.123, 'sv')).toBe(`12,3${NBSP}%`);
    expect(formatPercent(1, 'sv')).toBe(`100,0${NBSP}%`);
    expect(formatPercent(0.5, 'sv', 0)).toBe(`50${NBSP}%`);
  });

  it('formats percentages in English without a space', () => {
    expect(formatPercent(0.123, 'en')).toBe('12.3%');
  });

  it('shows missing values as a dash', () => {
    expect(formatPercent(null, 'sv')).toBe(MISSING);
  });
});

describe('formatSeconds', () => {
  it('writes seconds with one decimal and a unit', () => {
    expect(formatSeconds(1.23, 'sv')).toBe('1,2 s');
    // ICU versions differ between "sec" and "secs" for English plurals.
    expect(formatSeconds(75, 'en')).toMatch(/^75 secs?$/);
  });
});

describe('formatDate', () => {
  it('writes calendar dates with the Swedish month name in lower case', () => {
    expect(formatDate('2026-03-05', 'sv')).toBe('5 mars 2026');
    expect(formatDate('2025-12-31', 'sv')).toBe('31 december 2025');
  });

  it('writes English dates day first', () => {
    expect(formatDate('2026-03-05', 'en')).toBe('5 March 2026');
  });

  it('writes calendar dates exactly as Intl long dates in sv-SE and en-GB (without creating an Intl formatter)', () => {
    for (const [language, locale] of [
      ['sv', 'sv-SE'],
      ['en', 'en-GB'],
    ] as const) {
      const intl = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
      for (const year of [1999, 2018, 2026]) {
        for (let month = 0; month < 12; month++) {
          for (const day of [1, 9, 10, 28]) {
            const iso = `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
            expect(formatDate(iso, language)).toBe(intl.format(new Date(Date.UTC(year, month, day))));
          }
        }
      }
      expect(formatDate('0999-06-30', language)).toBe(intl.format(new Date('0999-06-30T00:00:00Z')));
    }
  });

  it('never shifts a calendar date with the time zone', () => {
    expect(formatDate('2026-01-01', 'sv')).toBe('1 januari 2026');
  });

  it('shows the date of a timestamp in Swedish time', () => {
    // 23:30 UTC on 31 December is already 1 January in Stockholm.
    expect(formatDate('2025-12-31T23:30:00Z', 'sv')).toBe('1 januari 2026');
  });

  it('shows missing or unreadable dates as a dash', () => {
    expect(formatDate(null, 'sv')).toBe(MISSING);
    expect(formatDate('not a date', 'sv')).toBe(MISSING);
  });
});

describe('formatDateTime', () => {
  it('writes a timestamp in Swedish time (winter and summer time)', () => {
    expect(formatDateTime('2026-03-05T13:05:00Z', 'sv')).toBe('5 mars 2026 kl. 14:05');
    expect(formatDateTime(new Date('2026-07-01T08:00:00Z'), 'sv')).toBe('1 juli 2026 kl. 10:00');
  });

  it('writes English date-times', () => {
    expect(formatDateTime('2026-03-05T13:05:00Z', 'en')).toBe('5 March 2026 at 14:05');
  });

  it('gives the ISO form for <time dateTime>', () => {
    expect(isoDateTime('2026-03-05T13:05:00Z')).toBe('2026-03-05T13:05:00.000Z');
    expect(isoDateTime('garbage')).toBeUndefined();
  });
});

describe('compareSv', () => {
  it('sorts Å, Ä and Ö after Z, in that order', () => {
    const names = ['Örebro', 'Älvsbyn', 'Åmål', 'Ale', 'Zinkgruvan', 'Västerås', 'Växjö'];
    expect([...names].sort(compareSv)).toEqual([
      'Ale',
      'Västerås',
      'Växjö',
      'Zinkgruvan',
      'Åmål',
      'Älvsbyn',
      'Örebro',
    ]);
  });

  it('differs from code-point order and from English order', () => {
    const names = ['Älvdalen', 'Åre', 'Arboga'];
    expect([...names].sort()).toEqual(['Arboga', 'Älvdalen', 'Åre']);
    expect([...names].sort(compareSv)).toEqual(['Arboga', 'Åre', 'Älvdalen']);
    expect([...names].sort(compareText('en'))).toEqual(['Älvdalen', 'Arboga', 'Åre']);
    expect([...names].sort(compareText('sv'))).toEqual(['Arboga', 'Åre', 'Älvdalen']);
  });

  it('orders numbers inside names numerically', () => {
    expect(['Lärcentrum 10', 'Lärcentrum 2'].sort(compareSv)).toEqual(['Lärcentrum 2', 'Lärcentrum 10']);
  });
});
