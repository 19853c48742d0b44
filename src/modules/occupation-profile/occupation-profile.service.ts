import type { Queryable } from '../../db/client.js';
import { AppError, notFound } from '../../errors.js';
import { getGeography, listGeographies } from '../geographies/geographies.service.js';
import {
  ageStructureBySsyk,
  barometerAssessments,
  employeesBySsyk,
  faLocalIndexBySsyk,
  forecastIndexBySsyk,
  listRounds,
  type Round,
} from '../labour-market/labour-market.service.js';
import { findOccupationGroup } from '../occupations/occupations.service.js';

/**
 * The labour-market facts an occupation page shows beside its signal: employees over time (with SCB's series
 * breaks), the national age structure and every Arbetsförmedlingen assessment of the occupation across rounds for
 * the area, its county and Sweden. Read from the labour-market tables; nothing is computed or estimated here.
 */

export interface EmploymentPoint {
  year: number;
  total: number;
  women: number;
  men: number;
  /** Comparable series id (SCB); a new series starts after a documented break. */
  series: string;
  /** True when a series break lies between the previous year and this one. */
  breakBefore: boolean;
}

export interface EmploymentSeries {
  /** The geography the figures are for (SCB publishes counties and Sweden only). */
  measuredAt: { id: string; name: string };
  /** True when `measuredAt` is not the geography asked about. */
  substitute: boolean;
  points: EmploymentPoint[];
  /** Years that start a new comparable series. */
  breaks: number[];
}

export interface AgeStructure {
  year: number;
  measuredAt: { id: string; name: string };
  groups: Array<{ ageGroup: string; total: number; women: number; men: number }>;
}

export type AssessmentKind =
  | 'recruitment'
  | 'job_opportunities'
  | 'outlook'
  | 'index_1y'
  | 'index_5y'
  | 'local_index';

export interface Assessment {
  sourceId: 'af-yrkesbarometer' | 'af-yrkesprognoser';
  roundId: string;
  roundLabel: string;
  periodEnd: string;
  geographyId: string;
  geographyName: string;
  kind: AssessmentKind;
  /** Category (brist, stora, oka …) or index value. */
  value: string | number;
  /** AF's class text where the file has one (e.g. "Liten konkurrens"). */
  classText: string | null;
  /** The AF occupation the assessment is for (it can cover several SSYK groups). */
  occupationName: string;
  /** How many SSYK-4 groups the AF occupation covers (1 = exactly this group). */
  ssykCount: number;
}

export interface OccupationProfile {
  ssyk: string;
  geography: { id: string; type: string; name: string };
  employment: EmploymentSeries | null;
  ages: AgeStructure | null;
  assessments: Assessment[];
}

interface GeoRef {
  id: string;
  name: string;
}

/**
 * Where SCB figures for a geography come from: the country and counties are published as they are; a
 * municipality, FA region or custom area uses the one county all its municipalities lie in, else Sweden.
 * Pure: `countyOf` maps municipality ids to county ids.
 */
export function employmentGeographyId(
  geography: { id: string; type: string },
  memberIds: readonly string[],
  countyOf: ReadonlyMap<string, string>,
): string {
  if (geography.type === 'country' || geography.type === 'county') return geography.id;
  const ids = geography.type === 'municipality' ? [geography.id] : memberIds;
  const counties = new Set(ids.map((id) => countyOf.get(id)).filter((c): c is string => c !== undefined));
  const [only] = counties;
  return counties.size === 1 && only ? only : 'country:SE';
}

/** Years starting a new comparable series, from points sorted by year. */
export function seriesBreakYears(points: readonly Pick<EmploymentPoint, 'year' | 'breakBefore'>[]): number[] {
  return points.filter((p, i) => i > 0 && p.breakBefore).map((p) => p.year);
}

const AGE_ORDER = (group: string): number => Number.parseInt(group, 10) || 0;

/** The profile of one occupation for one geography (`country:SE`, `county:21`, `municipality:2180`, `fa:36` …). */
export async function getOccupationProfile(
  q: Queryable,
  query: { ssyk: string; geo: string },
): Promise<OccupationProfile> {
  if (!/^\d{4}$/.test(query.ssyk)) {
    throw new AppError('validation_failed', `SSYK-koden ska ha fyra siffror: ${query.ssyk}`);
  }
  const group = await findOccupationGroup(q, query.ssyk);
  if (group?.level !== 4) throw notFound('Yrkesgruppen', query.ssyk);
  const geography = await getGeography(q, query.geo);

  const [municipalities, counties, country, rounds] = await Promise.all([
    listGeographies(q, { type: 'municipality' }),
    listGeographies(q, { type: 'county' }),
    listGeographies(q, { type: 'country' }),
    listRounds(q),
  ]);
  const names = new Map<string, string>(
    [...counties, ...country, ...municipalities].map((g) => [g.id, g.name]),
  );
  names.set(geography.id, geography.name);
  const countyOf = new Map(municipalities.filter((m) => m.parentId).map((m) => [m.id, m.parentId as string]));
  const employmentGeo = employmentGeographyId(
    geography,
    geography.members.map((m) => m.id),
    countyOf,
  );
  const ref = (id: string): GeoRef => ({ id, name: names.get(id) ?? id });

  // The area, the county the SCB figures come from, and Sweden: where AF publishes assessments.
  const assessmentGeos = [...new Set([geography.id, employmentGeo, 'country:SE'])];

  const [employees, ages, assessments] = await Promise.all([
    employeesBySsyk(q, { ssykCode: query.ssyk, geographyId: employmentGeo }),
    ageStructureBySsyk(q, { ssykCode: query.ssyk }),
    readAssessments(q, query.ssyk, assessmentGeos, rounds),
  ]);

  const points = employees
    .map((e) => ({
      year: e.year,
      total: e.total,
      women: e.women,
      men: e.men,
      series: e.series,
      breakBefore: e.breakBefore,
    }))
    .sort((a, b) => a.year - b.year);

  const latestAgeYear = ages.reduce((max, a) => Math.max(max, a.year), 0);
  const ageGroups = ages
    .filter((a) => a.year === latestAgeYear)
    .map((a) => ({ ageGroup: a.ageGroup, total: a.total, women: a.women, men: a.men }))
    .sort((a, b) => AGE_ORDER(a.ageGroup) - AGE_ORDER(b.ageGroup));

  return {
    ssyk: query.ssyk,
    geography: { id: geography.id, type: geography.type, name: geography.name },
    employment:
      points.length === 0
        ? null
        : {
            measuredAt: ref(employmentGeo),
            substitute: employmentGeo !== geography.id,
            points,
            breaks: seriesBreakYears(points),
          },
    ages:
      ageGroups.length === 0
        ? null
        : { year: latestAgeYear, measuredAt: ref('country:SE'), groups: ageGroups },
    assessments: assessments.map((a) => ({ ...a, geographyName: names.get(a.geographyId) ?? a.geographyId })),
  };
}

async function readAssessments(
  q: Queryable,
  ssyk: string,
  geographyIds: readonly string[],
  rounds: readonly Round[],
): Promise<Array<Omit<Assessment, 'geographyName'>>> {
  const wanted = new Set(geographyIds);
  const out: Array<Omit<Assessment, 'geographyName'>> = [];
  const of = (sourceId: string, dataset: string) =>
    rounds.filter((r) => r.sourceId === sourceId && r.dataset === dataset);

  const barometer = await Promise.all(
    of('af-yrkesbarometer', 'barometer').map(async (round) => ({
      round,
      rows: await barometerAssessments(q, { roundId: round.roundId, ssykCode: ssyk }),
    })),
  );
  for (const { round, rows } of barometer) {
    for (const row of rows) {
      if (!wanted.has(row.geographyId)) continue;
      const base = {
        sourceId: 'af-yrkesbarometer' as const,
        roundId: round.roundId,
        roundLabel: round.label,
        periodEnd: round.periodEnd,
        geographyId: row.geographyId,
        classText: null,
        occupationName: row.occupationName,
        ssykCount: row.ssykCodes.length,
      };
      if (row.recruitment) out.push({ ...base, kind: 'recruitment', value: row.recruitment });
      if (row.jobOpportunities) out.push({ ...base, kind: 'job_opportunities', value: row.jobOpportunities });
      if (row.outlook) out.push({ ...base, kind: 'outlook', value: row.outlook });
    }
  }

  for (const [dataset, kind] of [
    ['1-ar', 'index_1y'],
    ['5-ar', 'index_5y'],
  ] as const) {
    // One query per round and geography: the repo filters SSYK after reading, so narrowing by geography in SQL
    // keeps each read small.
    const forecast = await Promise.all(
      of('af-yrkesprognoser', dataset).flatMap((round) =>
        geographyIds
          .filter((id) => id.startsWith('country:') || id.startsWith('county:'))
          .map(async (geographyId) => ({
            round,
            rows: await forecastIndexBySsyk(q, {
              roundId: round.roundId,
              horizonYears: kind === 'index_1y' ? 1 : 5,
              geographyId,
              ssykCode: ssyk,
            }),
          })),
      ),
    );
    for (const { round, rows } of forecast) {
      for (const row of rows) {
        if (!wanted.has(row.geographyId) || !row.assessed || row.indexValue === null) continue;
        out.push({
          sourceId: 'af-yrkesprognoser',
          roundId: round.roundId,
          roundLabel: round.label,
          periodEnd: round.periodEnd,
          geographyId: row.geographyId,
          kind,
          value: row.indexValue,
          classText: row.classText,
          occupationName: row.occupationName,
          ssykCount: row.occupationSsykCount,
        });
      }
    }
  }

  const local = await Promise.all(
    of('af-yrkesprognoser', 'bedomning').map(async (round) => ({
      round,
      rows: await faLocalIndexBySsyk(q, { roundId: round.roundId, ssykCode: ssyk }),
    })),
  );
  for (const { round, rows } of local) {
    for (const row of rows) {
      if (!wanted.has(row.geographyId) || row.localIndex === null) continue;
      out.push({
        sourceId: 'af-yrkesprognoser',
        roundId: round.roundId,
        roundLabel: round.label,
        periodEnd: round.periodEnd,
        geographyId: row.geographyId,
        kind: 'local_index',
        value: row.localIndex,
        classText: null,
        occupationName: row.conceptId,
        ssykCount: 1,
      });
    }
  }

  const geoRank = (id: string): number => geographyIds.indexOf(id);
  const kindRank: AssessmentKind[] = [
    'recruitment',
    'job_opportunities',
    'outlook',
    'index_1y',
    'index_5y',
    'local_index',
  ];
  return out.sort(
    (a, b) =>
      (a.periodEnd < b.periodEnd ? 1 : a.periodEnd > b.periodEnd ? -1 : 0) ||
      a.roundId.localeCompare(b.roundId) ||
      geoRank(a.geographyId) - geoRank(b.geographyId) ||
      kindRank.indexOf(a.kind) - kindRank.indexOf(b.kind) ||
      a.occupationName.localeCompare(b.occupationName, 'sv'),
  );
}
