import type { MethodDefinition } from './method.js';
import { type SeriesBreak, uncountedAgeGroups } from './series.js';
import type { Localized } from './types.js';

export interface AgeGroupCount {
  ageGroup: string;
  employees: number;
}

export interface AgeShares {
  total: number;
  /** Share aged 55+ (0–1). */
  share55Plus: number;
  /** Share expected to retire within 5 and 10 years (0–1). */
  share5: number;
  share10: number;
}

/** Shares of the employed by age, per the method's age groups. Null when there are no employees. */
export function ageShares(groups: readonly AgeGroupCount[], method: MethodDefinition): AgeShares | null {
  const total = groups.reduce((s, g) => s + g.employees, 0);
  if (total <= 0) return null;
  const sum = (names: readonly string[]): number =>
    groups.filter((g) => names.includes(g.ageGroup)).reduce((s, g) => s + g.employees, 0);
  return {
    total,
    share55Plus: sum(method.retirements.aged55Plus) / total,
    share5: sum(method.retirements.within5) / total,
    share10: sum(method.retirements.within10) / total,
  };
}

/**
 * Estimated retirements over 5 and 10 years: the (national) age structure applied to an area's employment.
 * Always an estimate; rounded to whole persons.
 */
export function estimateRetirements(
  employees: number,
  shares: AgeShares,
): { within5: number; within10: number } {
  return {
    within5: Math.round(employees * shares.share5),
    within10: Math.round(employees * shares.share10),
  };
}

/**
 * The method's age groups (55+, retirements) that SCB does not count yet in `year`, and a note saying what that does
 * to the share aged 55+ and the retirement estimates: 65–69 is 0 for 2014–2022 and part of the figures from 2023, so
 * those years' shares leave it out (and are lower) while later rounds include it.
 */
export function ageSeriesBreak(
  year: number,
  method: MethodDefinition,
  breaks: readonly SeriesBreak[],
): { groups: string[]; note: Localized } | null {
  const r = method.retirements;
  const wanted = [...new Set([...r.aged55Plus, ...r.within5, ...r.within10])];
  const { groups, breaks: later } = uncountedAgeGroups(year, wanted, breaks);
  if (groups.length === 0) return null;
  const names = groups.map((g) => g.replace('-', '–')).join(', ');
  const from = Math.min(...later.map((b) => b.firstYear));
  return {
    groups,
    note: {
      sv: `Seriebrott: SCB räknar åldersgruppen ${names} först från ${from}; för ${year} är den 0. Andelen 55+ och pensionsavgångarna omfattar därför inte ${names}-åringar och är lägre än i omgångar med data från ${from} och senare.`,
      en: `Series break: SCB counts the age group ${names} only from ${from}; for ${year} it is 0. The share aged 55+ and the retirements therefore leave out those aged ${names} and are lower than in rounds with data from ${from} on.`,
    },
  };
}
