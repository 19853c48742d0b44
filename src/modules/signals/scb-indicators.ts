import {
  type AgeShares,
  ageSeriesBreak,
  ageShares,
  estimateRetirements,
  type Indicator,
  latestComparableChange,
  type MethodDefinition,
  type SeriesBreak,
  type SignalContext,
  scbOccupationRegisterBreaks,
} from '../../core/signals/index.js';
import type { KnowledgeBase } from './knowledge-base.js';

/**
 * SCB's indicators and facts for one occupation in one geography (employment change, share aged 55+, employees,
 * women, retirements), and the series breaks of the imported SCB years. No I/O.
 */

const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;

/** Geography → share of each county's population inside it (for scaling county figures to any area). */
export function countyShares(kb: KnowledgeBase, geographyId: string): Array<[string, number]> {
  const geo = kb.geos.get(geographyId);
  if (!geo) return [];
  if (geo.type === 'county') return [[geographyId, 1]];
  if (geo.type === 'country')
    return [...kb.geos.values()].filter((g) => g.type === 'county').map((g) => [g.id, 1]);
  const countyPop = new Map<string, number>();
  for (const [code, county] of kb.municipalityCounty)
    countyPop.set(county, (countyPop.get(county) ?? 0) + (kb.population.get(code) ?? 0));
  const inside = new Map<string, number>();
  for (const code of kb.members.get(geographyId) ?? []) {
    const county = kb.municipalityCounty.get(code);
    if (county) inside.set(county, (inside.get(county) ?? 0) + (kb.population.get(code) ?? 0));
  }
  return [...inside.entries()].map(([county, pop]) => [
    county,
    (countyPop.get(county) ?? 0) > 0 ? pop / (countyPop.get(county) ?? 1) : 0,
  ]);
}

function employmentSeries(
  kb: KnowledgeBase,
  ssyk: string,
  shares: Array<[string, number]>,
): Map<number, { men: number; women: number }> {
  const out = new Map<number, { men: number; women: number }>();
  const byCounty = kb.employees.get(ssyk);
  if (!byCounty) return out;
  for (const [county, share] of shares) {
    for (const [year, v] of byCounty.get(county) ?? []) {
      const cur = out.get(year) ?? { men: 0, women: 0 };
      cur.men += v.men * share;
      cur.women += v.women * share;
      out.set(year, cur);
    }
  }
  return out;
}

/** National age shares per occupation as of a year (cached per round). */
export type AgeShareCache = Map<string, { year: number; shares: AgeShares } | null>;

function agesAsOf(
  kb: KnowledgeBase,
  ssyk: string,
  referenceYear: number,
  method: MethodDefinition,
  cache: AgeShareCache,
) {
  if (cache.has(ssyk)) return cache.get(ssyk) ?? null;
  const byYear = kb.ages.get(ssyk);
  let year: number | undefined;
  for (const y of byYear?.keys() ?? []) if (y <= referenceYear && (year === undefined || y > year)) year = y;
  const groups = year === undefined ? undefined : byYear?.get(year);
  const shares = groups ? ageShares(groups, method) : null;
  const value = shares && year !== undefined ? { year, shares } : null;
  cache.set(ssyk, value);
  return value;
}

/**
 * SCB indicators and context for one occupation in one geography, as of the round's year. Figures of areas other
 * than counties and the country are county figures apportioned by population (flagged `estimated`); the age
 * structure is national (flagged `estimated` below the country).
 */
export function scbPart(
  kb: KnowledgeBase,
  ssyk: string,
  geographyId: string,
  shares: Array<[string, number]>,
  referenceYear: number,
  method: MethodDefinition,
  ageCache: AgeShareCache = new Map(),
): { indicators: Indicator[]; context: SignalContext; employees: number | null } {
  const geo = kb.geos.get(geographyId);
  const scaled = geo?.type !== 'county' && geo?.type !== 'country';
  const series = employmentSeries(kb, ssyk, shares);
  const indicators: Indicator[] = [];
  const context: SignalContext = {};
  const years = [...series.keys()].filter((y) => y <= referenceYear).sort((a, b) => a - b);
  const lastYear = years.at(-1);
  let employees: number | null = null;
  if (lastYear !== undefined) {
    const v = series.get(lastYear)!;
    const total = v.men + v.women;
    employees = total;
    const base = {
      sourceId: 'scb-yrkesregistret',
      period: String(lastYear),
      asOf: `${lastYear}-12-31`,
      estimated: scaled,
    };
    context.employees = { ...base, unit: 'antal', value: Math.round(total), year: lastYear };
    if (total > 0)
      context.shareWomen = { ...base, unit: 'andel', value: round4(v.women / total), year: lastYear };
    const change = latestComparableChange(
      years.map((year) => ({ year, value: (series.get(year)?.men ?? 0) + (series.get(year)?.women ?? 0) })),
      kb.breaks,
      { maxYears: method.employmentChange.maxYears, referenceYear },
    );
    if (change) {
      indicators.push({
        kind: 'employment_change',
        value: round4(change.annualPercent),
        fromYear: change.fromYear,
        toYear: change.toYear,
        fromValue: Math.round(change.fromValue),
        toValue: Math.round(change.toValue),
        acrossBreak: change.acrossBreak,
        sourceId: 'scb-yrkesregistret',
        period: `${change.fromYear}–${change.toYear}`,
        asOf: `${change.toYear}-12-31`,
        unit: '% per år',
        estimated: scaled,
        ...(change.note ? { note: change.note } : {}),
      });
    }
  }
  const age = agesAsOf(kb, ssyk, referenceYear, method, ageCache);
  if (age) {
    const national = geo?.type === 'country';
    const provenance = {
      sourceId: 'scb-yrkesregistret',
      period: String(age.year),
      asOf: `${age.year}-12-31`,
      estimated: !national,
      ...(national ? {} : { measuredAt: 'country:SE' }),
    };
    // Years before SCB counted 65–69 leave that group out of the share and the estimates: flagged and explained.
    const ageBreak = ageSeriesBreak(age.year, method, kb.breaks);
    const marked = ageBreak ? { ageGroupsMissing: ageBreak.groups, note: ageBreak.note } : {};
    indicators.push({
      kind: 'share_55_plus',
      value: round4(age.shares.share55Plus),
      unit: 'andel',
      ...provenance,
      ...marked,
    });
    if (employees !== null) {
      const r = estimateRetirements(employees, age.shares);
      context.retirements = {
        ...provenance,
        estimated: true,
        unit: 'antal',
        year: age.year,
        ...r,
        ...marked,
      };
    }
  }
  return { indicators, context, employees };
}

/** The SCB series breaks of the imported rounds, with English notes and the age groups a break adds. */
export function seriesBreaks(
  rounds: Array<{
    sourceId: string;
    dataset: string;
    roundId: string;
    breakBefore: boolean;
    note: string | null;
  }>,
): SeriesBreak[] {
  const known = new Map(scbOccupationRegisterBreaks.map((b) => [b.firstYear, b]));
  return rounds
    .filter((r) => r.sourceId === 'scb-yrkesregistret' && r.dataset === 'employees' && r.breakBefore)
    .map((r) => {
      const year = Number(r.roundId);
      const note = r.note ?? '';
      const ageGroupsFrom = known.get(year)?.ageGroupsFrom;
      return {
        firstYear: year,
        note: { sv: note, en: known.get(year)?.note.en ?? note },
        ...(ageGroupsFrom ? { ageGroupsFrom } : {}),
      };
    })
    .sort((a, b) => a.firstYear - b.firstYear);
}
