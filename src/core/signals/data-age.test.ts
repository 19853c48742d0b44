import { describe, expect, it } from 'vitest';
import { ageInWords, DEFAULT_OLD_DATA_YEARS, dataAge, monthsBetween } from './data-age.js';

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('monthsBetween', () => {
  it('counts whole calendar months and never goes below zero', () => {
    expect(monthsBetween('2018-12-31', at('2026-12-04'))).toBe(95);
    expect(monthsBetween('2026-01-15', at('2026-02-14'))).toBe(0);
    expect(monthsBetween('2026-01-15', at('2026-02-15'))).toBe(1);
    expect(monthsBetween('2027-01-01', at('2026-12-04'))).toBe(0);
  });
  it('counts the last day of a month as reached at the end of a shorter month', () => {
    expect(monthsBetween('2025-12-31', at('2026-02-28'))).toBe(2);
  });
  it('refuses what is not an ISO date', () => {
    expect(() => monthsBetween('31/12/2018', at('2026-12-04'))).toThrow(RangeError);
  });
});

describe('ageInWords', () => {
  it('says months under a year and rounds near whole years', () => {
    expect(ageInWords(0)).toEqual({ sv: 'mindre än en månad', en: 'less than a month' });
    expect(ageInWords(1)).toEqual({ sv: '1 månad', en: '1 month' });
    expect(ageInWords(5)).toEqual({ sv: '5 månader', en: '5 months' });
    expect(ageInWords(12)).toEqual({ sv: '1 år', en: '1 year' });
    expect(ageInWords(14)).toEqual({ sv: 'drygt 1 år', en: 'just over 1 year' });
    expect(ageInWords(30)).toEqual({ sv: '2 år och 6 månader', en: '2 years and 6 months' });
    expect(ageInWords(95)).toEqual({ sv: 'nästan 8 år', en: 'almost 8 years' });
  });
});

describe('dataAge', () => {
  it('marks the 18H forecast round (31 December 2018) as old in December 2026', () => {
    const age = dataAge('2018-12-31', at('2026-12-04'));
    expect(age).toEqual({
      referenceDate: '2018-12-31',
      months: 95,
      words: { sv: 'nästan 8 år', en: 'almost 8 years' },
      isOld: true,
      oldAfterYears: DEFAULT_OLD_DATA_YEARS,
    });
  });
  it('is old only after the limit has passed, to the day', () => {
    expect(dataAge('2024-12-04', at('2026-12-04')).isOld).toBe(false);
    expect(dataAge('2024-12-03', at('2026-12-04')).isOld).toBe(true);
    expect(dataAge('2025-06-30', at('2026-12-04')).isOld).toBe(false);
  });
  it('follows the setting', () => {
    expect(dataAge('2025-06-30', at('2026-12-04'), 1).isOld).toBe(true);
    expect(dataAge('2018-12-31', at('2026-12-04'), 10).isOld).toBe(false);
  });
});
