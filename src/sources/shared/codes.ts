import { z } from 'zod';
import { InputError, type InputLocation } from '../../errors.js';

/** Zod schemas for the code formats used across sources. Codes are strings; leading zeros matter. */
export const countyCode = z.string().regex(/^\d{2}$/, 'länskod ska vara två siffror, t.ex. "21"');
export const municipalityCode = z.string().regex(/^\d{4}$/, 'kommunkod ska vara fyra siffror, t.ex. "0180"');
export const ssyk4Code = z.string().regex(/^\d{4}$/, 'SSYK-kod ska vara fyra siffror, t.ex. "2221"');
export const nonEmpty = z.string().min(1, 'värdet saknas');
export const integerText = z
  .string()
  .regex(/^-?\d+$/, 'ska vara ett heltal')
  .transform((s) => Number.parseInt(s, 10));
export const decimalText = z
  .string()
  .regex(/^-?\d+([.,]\d+)?$/, 'ska vara ett tal')
  .transform((s) => Number.parseFloat(s.replace(',', '.')));

/**
 * Plausible years, one rule for every source. Statistics (SCB counts, population, AF's history) describe the past:
 * 1990 (before any series the sources carry) up to next year (a file published in December may name it). Forecasts
 * look ahead at most {@link FORECAST_HORIZON_YEARS} years. A year outside is a typo or a broken export (the SCB file
 * once accepted 2144) and would become a period row that every signal then reads.
 */
export const FIRST_PLAUSIBLE_YEAR = 1990;
/** AF's longest forecast is five years; ten leaves room for a longer horizon without accepting nonsense. */
export const FORECAST_HORIZON_YEARS = 10;

export type YearKind = 'statistics' | 'forecast';

/** The accepted range of years of a kind, relative to the year of `now`. */
export function plausibleYears(kind: YearKind, now: Date = new Date()): { min: number; max: number } {
  const current = now.getUTCFullYear();
  return { min: FIRST_PLAUSIBLE_YEAR, max: current + (kind === 'statistics' ? 1 : FORECAST_HORIZON_YEARS) };
}

/** Problem text for a year outside the plausible range, or undefined when it is fine. */
export function yearProblem(year: number, kind: YearKind, now: Date = new Date()): string | undefined {
  const { min, max } = plausibleYears(kind, now);
  if (Number.isInteger(year) && year >= min && year <= max) return undefined;
  const what = kind === 'statistics' ? 'statistikår' : 'prognosår';
  return `orimligt ${what} ${year} (tillåtet ${min}–${max})`;
}

/** Throws an input error at `where` when the year is implausible (see {@link yearProblem}). */
export function assertPlausibleYear(year: number, kind: YearKind, where: InputLocation, now?: Date): number {
  const problem = yearProblem(year, kind, now);
  if (problem) throw new InputError(where, problem);
  return year;
}
