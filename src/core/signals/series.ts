import type { Localized } from './types.js';

/** A documented break in a statistical series: `firstYear` starts a new, non-comparable segment. */
export interface SeriesBreak {
  firstYear: number;
  note: Localized;
  /**
   * Age groups the series counts only from `firstYear` on: earlier years report them as 0 (and leave them out of
   * the totals), so a share or estimate over them is not comparable across the break.
   */
  ageGroupsFrom?: readonly string[];
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
    // PROVENANCE of the national age file: "age group 65-69 is 0 for 2014–2022 and populated only for 2023–2024".
    ageGroupsFrom: ['65-69'],
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
  /** True when the latest year was left out because only a break separates it from the years before. */
  fallback?: boolean;
  note?: Localized;
}

/** The first year of the comparable segment that `year` belongs to. */
export function segmentStart(year: number, breaks: readonly SeriesBreak[]): number {
  let start = Number.NEGATIVE_INFINITY;
  for (const b of breaks) if (b.firstYear <= year && b.firstYear > start) start = b.firstYear;
  return start;
}

/** The longest span of at most `maxYears` ending at `last` inside its comparable segment, or undefined. */
function spanInSegment(
  points: readonly YearValue[],
  last: YearValue,
  breaks: readonly SeriesBreak[],
  maxYears: number,
): YearValue | undefined {
  const start = segmentStart(last.year, breaks);
  return points.find((p) => p.year >= start && p.year >= last.year - maxYears && p.year < last.year);
}

/**
 * Change over the latest comparable years up to `referenceYear`: the longest span of at most `maxYears` inside the
 * segment of the latest year. When the latest year is alone in a new segment (e.g. 2023 after the 2022/23 break),
 * the latest comparable pair before the break is used instead (`fallback`), with a note saying so. Only when no
 * comparable pair exists at all is the change computed across the break and flagged (`acrossBreak`), never silently.
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
  const from = spanInSegment(points, last, breaks, options.maxYears);
  if (from) return change(from, last, false);
  const before = points.filter((p) => p.year < last.year).at(-1);
  if (!before) return null;
  const crossed = breaks.filter((b) => b.firstYear > before.year && b.firstYear <= last.year);
  const breakNotes = {
    sv: crossed.map((b) => b.note.sv).join(' '),
    en: crossed.map((b) => b.note.en).join(' '),
  };
  const earlier = spanInSegment(points, before, breaks, options.maxYears);
  const comparable = earlier ? change(earlier, before, false) : null;
  if (comparable) {
    return {
      ...comparable,
      fallback: true,
      note: {
        sv: `Senaste jämförbara period ${comparable.fromYear}–${comparable.toYear}: ${last.year} jämförs inte över seriebrottet. ${breakNotes.sv}`,
        en: `Latest comparable period ${comparable.fromYear}–${comparable.toYear}: ${last.year} is not compared across the series break. ${breakNotes.en}`,
      },
    };
  }
  const result = change(before, last, true);
  if (!result) return null;
  return { ...result, note: breakNotes };
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

/**
 * The age groups among `groups` that the series does not count yet in `year` (see `SeriesBreak.ageGroupsFrom`),
 * with the break that adds them. Empty when the year counts them all.
 */
export function uncountedAgeGroups(
  year: number,
  groups: readonly string[],
  breaks: readonly SeriesBreak[],
): { groups: string[]; breaks: SeriesBreak[] } {
  const later = breaks.filter((b) => b.firstYear > year && b.ageGroupsFrom?.some((g) => groups.includes(g)));
  const missing = [
    ...new Set(later.flatMap((b) => (b.ageGroupsFrom ?? []).filter((g) => groups.includes(g)))),
  ];
  return { groups: missing.sort(), breaks: later };
}
