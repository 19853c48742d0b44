import type { Localized } from './types.js';

/**
 * The age of a round's data: how long ago its reference date was, in whole months and in words, and whether it is
 * old enough to warn about. Pure: the clock is passed in, so pages, exports and tests agree on one "now".
 */

/** A round whose reference date lies more than this many years back is marked as old data (the default setting). */
export const DEFAULT_OLD_DATA_YEARS = 2;

export interface DataAge {
  referenceDate: string;
  /** Whole months from the reference date to now (0 when the date lies in the future). */
  months: number;
  /** The age in words, e.g. "nästan 8 år" / "almost 8 years". */
  words: Localized;
  /** True when the data is older than `oldAfterYears`. */
  isOld: boolean;
  oldAfterYears: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whole calendar months from `from` (ISO date) to `now` (UTC), never negative. */
export function monthsBetween(from: string, now: Date): number {
  const m = ISO_DATE.exec(from);
  if (!m) throw new RangeError(`Inte ett ISO-datum: "${from}"`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let months = (now.getUTCFullYear() - y) * 12 + (now.getUTCMonth() + 1 - mo);
  // A month counts once its day is reached; the last day of a month counts at the end of a shorter month.
  const lastDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
  if (now.getUTCDate() < Math.min(d, lastDay)) months -= 1;
  return Math.max(0, months);
}

function plural(n: number, sv: [string, string], en: [string, string]): Localized {
  return { sv: `${n} ${n === 1 ? sv[0] : sv[1]}`, en: `${n} ${n === 1 ? en[0] : en[1]}` };
}

/** An age in words: months under a year, else years, "drygt"/"just over" or "nästan"/"almost" near a whole year. */
export function ageInWords(months: number): Localized {
  if (months < 1) return { sv: 'mindre än en månad', en: 'less than a month' };
  if (months < 12) return plural(months, ['månad', 'månader'], ['month', 'months']);
  const years = Math.floor(months / 12);
  const rest = months % 12;
  if (rest === 0) return plural(years, ['år', 'år'], ['year', 'years']);
  if (rest >= 9) {
    const next = plural(years + 1, ['år', 'år'], ['year', 'years']);
    return { sv: `nästan ${next.sv}`, en: `almost ${next.en}` };
  }
  const whole = plural(years, ['år', 'år'], ['year', 'years']);
  if (rest <= 3) return { sv: `drygt ${whole.sv}`, en: `just over ${whole.en}` };
  return { sv: `${whole.sv} och ${rest} månader`, en: `${whole.en} and ${rest} months` };
}

/** The age of data with the given reference date at `now`; old when more than `oldAfterYears` years back. */
export function dataAge(
  referenceDate: string,
  now: Date,
  oldAfterYears: number = DEFAULT_OLD_DATA_YEARS,
): DataAge {
  const months = monthsBetween(referenceDate, now);
  const m = ISO_DATE.exec(referenceDate) as RegExpExecArray;
  // Old once the reference date plus the limit lies before now (to the day, not only in whole months).
  const limit = Date.UTC(Number(m[1]) + oldAfterYears, Number(m[2]) - 1, Number(m[3]));
  return {
    referenceDate,
    months,
    words: ageInWords(months),
    isOld: now.getTime() > limit + 86_400_000 - 1,
    oldAfterYears,
  };
}
