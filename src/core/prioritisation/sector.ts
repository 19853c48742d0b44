import type { SignalClass } from '../signals/index.js';

/**
 * The categories of a sector page (one occupational field in a region), as regions name them on their own pages:
 * how easy it is to get a job, and whether the region has marked the occupation strategic. Pure: the caller passes
 * the county's signal (class, score) and the strategic flag.
 *
 * Rule (method p1, docs/prioritisation.md): a shortage (`brist`, score ≥ 2.0 in signal method v1) with a score of
 * at least 2.5 — the upper half between the shortage threshold and the maximum 3 — is "very easy to get a job";
 * any other shortage is "easy"; `balans` is "balance". A strategic occupation in shortage goes to the strategic
 * variant of its category (balance has none: the regions' pages do not use one). Surplus, paradox and insufficient
 * evidence are not placed (the page lists them apart).
 */
export const SECTOR_CATEGORIES = [
  'very_easy',
  'strategic_very_easy',
  'easy',
  'strategic_easy',
  'balance',
] as const;
export type SectorCategory = (typeof SECTOR_CATEGORIES)[number];

/** Score from which a shortage counts as "very easy to get a job". */
export const VERY_EASY_SCORE = 2.5;

export const SECTOR_CATEGORY_LABELS: Record<SectorCategory, { sv: string; en: string }> = {
  very_easy: { sv: 'Mycket lätt att få jobb', en: 'Very easy to get a job' },
  strategic_very_easy: {
    sv: 'Strategiska bristyrken där det är mycket lätt att få jobb',
    en: 'Strategic shortage occupations where it is very easy to get a job',
  },
  easy: { sv: 'Lätt att få jobb', en: 'Easy to get a job' },
  strategic_easy: {
    sv: 'Strategiska bristyrken där det är lätt att få jobb',
    en: 'Strategic shortage occupations where it is easy to get a job',
  },
  balance: { sv: 'Balans mellan utbud och efterfrågan', en: 'Balance between supply and demand' },
};

export function sectorCategory(input: {
  signalClass: SignalClass;
  score: number | null;
  strategic: boolean;
}): SectorCategory | null {
  if (input.signalClass === 'balans') return 'balance';
  if (input.signalClass !== 'brist') return null;
  const veryEasy = input.score !== null && input.score >= VERY_EASY_SCORE;
  if (veryEasy) return input.strategic ? 'strategic_very_easy' : 'very_easy';
  return input.strategic ? 'strategic_easy' : 'easy';
}

/** A count for a public page: below 3 it is not shown (the same suppression as every public count). */
export function suppressSmall(value: number | null): { value: number | null; suppressed: boolean } {
  if (value === null) return { value: null, suppressed: false };
  return value < 3 ? { value: null, suppressed: true } : { value, suppressed: false };
}
