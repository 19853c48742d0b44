import { describe, expect, it } from 'vitest';
import { addCalendarDays, evaluateBooking, lastBookingDay, swedishCalendarDate } from './rules.js';

/** Gävleborg's ten municipalities: residents sit for free by default. */
const GAVLEBORG = ['2101', '2104', '2121', '2132', '2161', '2180', '2181', '2182', '2183', '2184'];

const base = {
  seats: 10,
  taken: 0,
  homeMunicipality: '2180',
  regionMunicipalities: GAVLEBORG,
  earlierSittings: 0,
  consent: true,
};

const codes = (a: ReturnType<typeof evaluateBooking>) => a.refusals.map((r) => r.code);

describe('exam booking: seven working days of notice around Swedish holidays', () => {
  it.each([
    // [case, exam day, last allowed booking day, first refused day]
    ['Easter (långfredag 3 Apr, annandag påsk 6 Apr 2026)', '2026-04-09', '2026-03-27', '2026-03-30'],
    ['Easter, exam on the Tuesday after', '2026-04-07', '2026-03-25', '2026-03-26'],
    ['Ascension Day (Thu 14 May 2026)', '2026-05-20', '2026-05-08', '2026-05-09'],
    ['midsummer (midsommarafton Fri 19 June 2026)', '2026-06-26', '2026-06-16', '2026-06-17'],
    ['Christmas and New Year (24–26 Dec, 31 Dec, 1 Jan, 6 Jan)', '2027-01-08', '2026-12-23', '2026-12-24'],
  ])('%s: exam %s, bookable until %s, refused from %s', (_case, exam, last, refused) => {
    expect(lastBookingDay(exam, 7)).toBe(last);
    // Exactly on the 7th working day before: allowed.
    const onTime = evaluateBooking({ ...base, today: last, sessionDate: exam });
    expect(onTime.ok).toBe(true);
    expect(onTime.lastBookingDay).toBe(last);
    // One calendar day later (whatever kind of day it is): too late, and the message names the last day.
    const late = evaluateBooking({ ...base, today: refused, sessionDate: exam });
    expect(codes(late)).toEqual(['too_late']);
    expect(late.refusals[0]?.message).toMatch(
      /minst 7 arbetsdagar före tentamen, alltså senast \w+dag \d+ \w+ \d{4}/,
    );
  });

  it('names the last day in plain Swedish', () => {
    const late = evaluateBooking({ ...base, today: '2026-12-28', sessionDate: '2027-01-08' });
    expect(late.refusals[0]?.message).toContain('senast onsdag 23 december 2026');
  });

  it('a session that has been is refused with its own sentence', () => {
    const past = evaluateBooking({ ...base, today: '2026-05-21', sessionDate: '2026-05-20' });
    expect(past.refusals).toEqual([
      { code: 'too_late', message: 'Tillfället har redan varit. Välj ett senare tillfälle.' },
    ]);
  });

  it('the notice is a setting of the centre', () => {
    // Back from Thu 9 April: 8, 7 April, then over Easter (6, 5, 4, 3 April closed) to skärtorsdagen.
    expect(lastBookingDay('2026-04-09', 3)).toBe('2026-04-02');
    const a = evaluateBooking({
      ...base,
      today: '2026-04-02',
      sessionDate: '2026-04-09',
      settings: { noticeWorkingDays: 3 },
    });
    expect(a.ok).toBe(true);
    const b = evaluateBooking({
      ...base,
      today: '2026-04-03',
      sessionDate: '2026-04-09',
      settings: { noticeWorkingDays: 3 },
    });
    expect(b.refusals[0]?.message).toContain('minst 3 arbetsdagar');
  });
});

describe('exam booking: fee, resits, seats, consent', () => {
  const far = { today: '2026-03-02', sessionDate: '2026-04-20' };

  it('is free for residents of the region and 800 SEK for others; the fee and free list are settings', () => {
    expect(evaluateBooking({ ...base, ...far }).fee).toEqual({ amount: 0, currency: 'SEK' });
    const stockholm = evaluateBooking({ ...base, ...far, homeMunicipality: '0180' });
    expect(stockholm.fee).toEqual({ amount: 800, currency: 'SEK' });
    expect(stockholm.resident).toBe(false);
    expect(stockholm.ok).toBe(true); // paying is not a refusal
    expect(
      evaluateBooking({ ...base, ...far, homeMunicipality: '0180', settings: { feeSek: 650 } }).fee.amount,
    ).toBe(650);
    // A centre that is free only for its own municipality.
    const own = { settings: { freeMunicipalities: ['2180'] } };
    expect(evaluateBooking({ ...base, ...far, ...own }).fee.amount).toBe(0);
    expect(evaluateBooking({ ...base, ...far, ...own, homeMunicipality: '2181' }).fee.amount).toBe(800);
  });

  it('allows the first sitting and two free resits of a course, then refuses', () => {
    for (const earlier of [0, 1, 2]) {
      expect(evaluateBooking({ ...base, ...far, earlierSittings: earlier }).ok).toBe(true);
    }
    const fourth = evaluateBooking({ ...base, ...far, earlierSittings: 3 });
    expect(codes(fourth)).toEqual(['resits_exceeded']);
    expect(fourth.refusals[0]?.message).toContain('3 gånger');
    expect(fourth.refusals[0]?.message).toContain('Högst 2 omtentamina per kurs');
    expect(
      codes(evaluateBooking({ ...base, ...far, earlierSittings: 1, settings: { freeResits: 0 } })),
    ).toEqual(['resits_exceeded']);
  });

  it('refuses a full session and allows the last seat', () => {
    expect(evaluateBooking({ ...base, ...far, taken: 9 }).ok).toBe(true);
    const full = evaluateBooking({ ...base, ...far, taken: 10 });
    expect(full.refusals).toEqual([
      { code: 'session_full', message: 'Tillfället är fullbokat. Välj ett annat tillfälle.' },
    ]);
  });

  it('requires consent once the form is submitted, and not before', () => {
    expect(codes(evaluateBooking({ ...base, ...far, consent: false }))).toEqual(['consent_required']);
    expect(evaluateBooking({ ...base, ...far, consent: undefined }).ok).toBe(true);
  });

  it('lists every blocking rule in the order the student meets them', () => {
    const all = evaluateBooking({
      ...base,
      today: '2026-04-19',
      sessionDate: '2026-04-20',
      taken: 10,
      earlierSittings: 5,
      consent: false,
    });
    expect(codes(all)).toEqual(['too_late', 'session_full', 'resits_exceeded', 'consent_required']);
    for (const r of all.refusals) expect(r.message).toMatch(/^[A-ZÅÄÖ].*\.$/);
  });
});

describe('dates in Sweden', () => {
  it('takes the Swedish calendar date of an instant (an evening exam in UTC is the same Swedish day)', () => {
    expect(swedishCalendarDate(new Date('2026-06-25T22:30:00Z'))).toBe('2026-06-26'); // 00:30 CEST
    expect(swedishCalendarDate(new Date('2026-01-08T07:00:00Z'))).toBe('2026-01-08');
    expect(addCalendarDays('2026-12-30', 90)).toBe('2027-03-30');
  });
});
