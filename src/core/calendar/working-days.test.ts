import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  holidayName,
  isWorkingDay,
  subtractWorkingDays,
  workingDaysBetween,
} from './working-days.js';

describe('Swedish working days', () => {
  it('knows the closed days around Easter 2026 (långfredagen 3 April, annandag påsk 6 April)', () => {
    expect(isWorkingDay('2026-04-02')).toBe(true); // skärtorsdagen is a working day
    expect(isWorkingDay('2026-04-03')).toBe(false);
    expect(holidayName('2026-04-03')).toBe('långfredagen');
    expect(isWorkingDay('2026-04-06')).toBe(false);
    expect(isWorkingDay('2026-04-07')).toBe(true);
    // Thursday before Easter + 1 working day skips Friday to Monday and lands on Tuesday.
    expect(addWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
  });

  it('treats midsommarafton, julafton and nyårsafton as closed, and Kristi himmelsfärd', () => {
    expect(isWorkingDay('2026-06-19')).toBe(false);
    expect(isWorkingDay('2026-12-24')).toBe(false);
    expect(isWorkingDay('2026-12-31')).toBe(false);
    expect(isWorkingDay('2026-05-14')).toBe(false);
    expect(isWorkingDay('2026-05-15')).toBe(true);
  });

  it('counts a ten-working-day deadline over Christmas and New Year', () => {
    // Mon 21 Dec 2026: 22, 23, 28, 29, 30 Dec, 4, 5, 7, 8, 11 Jan (6 Jan trettondedag jul is closed).
    expect(addWorkingDays('2026-12-21', 10)).toBe('2027-01-11');
    expect(workingDaysBetween('2026-12-21', '2027-01-11')).toBe(10);
  });

  it('starts counting on the next working day when the start is closed', () => {
    expect(addWorkingDays('2026-12-05', 0)).toBe('2026-12-07'); // Saturday → Monday
    expect(addWorkingDays('2026-12-05', 1)).toBe('2026-12-08');
  });

  it('subtracts working days for notice periods (seven working days before an exam on Tuesday after Easter)', () => {
    // Exam Tue 7 Apr 2026: 2, 1, 31 Mar, 30, 27, 26, 25 Mar → last booking day Wed 25 March.
    expect(subtractWorkingDays('2026-04-07', 7)).toBe('2026-03-25');
  });

  it('refuses impossible dates', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => addWorkingDays('2026-01-01', -1)).toThrow(RangeError);
  });

  it('adding then counting gives back n (property)', () => {
    const day = fc
      .date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 40 }), (start, n) => {
        const due = addWorkingDays(start, n);
        expect(isWorkingDay(due)).toBe(true);
        const first = addWorkingDays(start, 0);
        expect(workingDaysBetween(first, due)).toBe(n);
        expect(subtractWorkingDays(due, n)).toBe(first);
      }),
    );
  });
});
