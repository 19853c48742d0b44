import type { Localized } from './types.js';

/** A documented break in a statistical series: `firstYear` starts a new, non-comparable segment. */
export interface SeriesBreak {
  firstYear: number;
  note: Localized;
}

/** SCB's occupational register (AM0208): the breaks documented in the data's PROVENANCE. */
export const scbOccupationRegisterBreaks: readonly SeriesBreak[] = [
  {
    firstYear: 2020,
    note: {
      sv: 'Seriebrott 2019→2020: nytt BAS-baserat yrkesregister.',
      en: 'Series break 2019→2020: new BAS-based occupational register.',
    },
  },
  {
    firstYear: 2023,
    note: {
      sv: 'Seriebrott 2022→2023: från 2023 ingår 65–69-åringar.',
      en: 'Series break 2022→2023: ages 65–69 included from 2023.',
    },
  },
];

export interface YearValue {
  year: number;
  value: number;
}

export interface ChangeResult {
  fromYear: number;
  toYear: number;
  fromValue: number;
  toValue: number;
  /** Annualised change in percent. */
  annualPercent: number;
  acrossBreak: boolean;
  note?: Localized;
}

/** The first year of the comparable segment that `year` belongs to. */
export function segmentStart(year: number, breaks: readonly SeriesBreak[]): number {
  let start = Number.NEGATIVE_INFINITY;
  for (const b of breaks) if (b.firstYear <= year && b.firstYear > start) start = b.firstYear;
  return start;
}

/**
 * Change over the latest comparable years up to `referenceYear`: the longest span of at most `maxYears` inside the
 * segment of the latest year. When the latest year starts a new segment, the change is computed across the
 * break from the year before and flagged (`acrossBreak`), with the break's note — never silently.
 */
export function latestComparableChange(
  series: readonly YearValue[],
  breaks: readonly SeriesBreak[],
  options: { maxYears: number; referenceYear: number },
): ChangeResult | null {
  const points = series
    .filter((p) => p.year <= options.referenceYear && Number.isFinite(p.value))
    .sort((a, b) => a.year - b.year);
  const last = points.at(-1);
  if (!last || points.length < 2) return null;
  const start = segmentStart(last.year, breaks);
  const from = points.find(
    (p) => p.year >= start && p.year >= last.year - options.maxYears && p.year < last.year,
  );
  if (from) return change(from, last, false);
  const before = points.filter((p) => p.year < last.year).at(-1);
  if (!before) return null;
  const crossed = breaks.filter((b) => b.firstYear > before.year && b.firstYear <= last.year);
  const result = change(before, last, true);
  if (!result) return null;
  return {
    ...result,
    note: {
      sv: crossed.map((b) => b.note.sv).join(' '),
      en: crossed.map((b) => b.note.en).join(' '),
    },
  };
}

function change(from: YearValue, to: YearValue, acrossBreak: boolean): ChangeResult | null {
  if (from.value <= 0) return null;
  const years = to.year - from.year;
  const annualPercent = ((to.value / from.value) ** (1 / years) - 1) * 100;
  return {
    fromYear: from.year,
    toYear: to.year,
    fromValue: from.value,
    toValue: to.value,
    annualPercent,
    acrossBreak,
  };
}
