import type { MethodDefinition } from './method.js';

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
