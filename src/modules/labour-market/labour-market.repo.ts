import { and, eq, gte, inArray, lte, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { execute } from '../../db/execute.js';
import {
  afBarometerAssessments,
  afBarometerOccupationSsyk,
  afBarometerOccupations,
  afForecastConceptSsyk,
  afForecastConcepts,
  afForecastFaAssessments,
  afForecastIndex,
  afForecastOccupationSsyk,
  afForecastOccupations,
  labourMarketRounds,
  scbEmployees,
  scbEmployeesByAge,
} from '../../db/schema/index.js';

/**
 * Read access to the labour-market knowledge base (Yrkesbarometer, Yrkesprognoser, Yrkesregistret) for the signal
 * computation and the API. Every row carries its round or year; SCB rows carry their comparable series.
 */

export type Round = typeof labourMarketRounds.$inferSelect;

const whereAll = (conditions: Array<SQL | undefined>): SQL | undefined => and(...conditions.filter((c) => c));

/** Joins a barometer assessment to its occupation's row in `table` (the occupation or its SSYK codes). */
function sameBarometerOccupation(table: typeof afBarometerOccupations | typeof afBarometerOccupationSsyk) {
  return and(
    eq(table.roundId, afBarometerAssessments.roundId),
    eq(table.occupationName, afBarometerAssessments.occupationName),
  );
}

/** Joins a forecast index value to its occupation's row in `table` (the occupation or its SSYK codes). */
function sameForecastOccupation(table: typeof afForecastOccupations | typeof afForecastOccupationSsyk) {
  return and(
    eq(table.roundId, afForecastIndex.roundId),
    eq(table.horizonYears, afForecastIndex.horizonYears),
    eq(table.occupationName, afForecastIndex.occupationName),
  );
}

/** Every round/period of every dataset (unsorted; callers sort). Optionally one source. */
export async function listRounds(q: Queryable, sourceId?: string): Promise<Round[]> {
  const query = q.select().from(labourMarketRounds);
  return sourceId ? query.where(eq(labourMarketRounds.sourceId, sourceId)) : query;
}

/** The latest round of a dataset (greatest period end, then round id), or undefined when none is loaded. */
export async function findLatestRound(
  q: Queryable,
  sourceId: string,
  dataset: string,
): Promise<Round | undefined> {
  const rounds = await q
    .select()
    .from(labourMarketRounds)
    .where(and(eq(labourMarketRounds.sourceId, sourceId), eq(labourMarketRounds.dataset, dataset)));
  return latestOf(rounds);
}

/** The latest of some rounds: greatest period end, ties broken by round id. */
export function latestOf<T extends { periodEnd: string; roundId: string }>(
  rounds: readonly T[],
): T | undefined {
  let best: T | undefined;
  for (const r of rounds) {
    if (!best || r.periodEnd > best.periodEnd || (r.periodEnd === best.periodEnd && r.roundId > best.roundId))
      best = r;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------------
// Yrkesbarometer

export interface BarometerAssessment {
  roundId: string;
  occupationName: string;
  conceptId: string | null;
  fieldName: string;
  /** AF SSYK-4 codes of the barometer occupation (empty when `ssykSource` = 'unmapped'). */
  ssykCodes: string[];
  /** Codes for which the occupation is only part of the group (`del_av_ssyk`). */
  partOfGroupCodes: string[];
  ssykSource: string;
  mappingNote: string | null;
  geographyId: string;
  recruitment: string | null;
  jobOpportunities: string | null;
  outlook: string | null;
  paradoxReasons: string[] | null;
  assessmentLevel: string | null;
  coverage: string | null;
  textRecruitment: string | null;
  textOpportunities: string | null;
}

/**
 * Barometer assessments of a round with their SSYK codes, optionally for one geography (`country:SE`,
 * `county:21`) or one SSYK code.
 */
export async function barometerAssessments(
  q: Queryable,
  filter: { roundId: string; geographyId?: string; ssykCode?: string },
): Promise<BarometerAssessment[]> {
  const codes = await q
    .select()
    .from(afBarometerOccupationSsyk)
    .where(eq(afBarometerOccupationSsyk.roundId, filter.roundId));
  const codesOf = new Map<string, Array<{ code: string; part: boolean | null }>>();
  for (const c of codes) {
    const list = codesOf.get(c.occupationName) ?? [];
    list.push({ code: c.ssykCode, part: c.partOfGroup });
    codesOf.set(c.occupationName, list);
  }
  let names: string[] | undefined;
  if (filter.ssykCode) {
    names = [...codesOf].filter(([, list]) => list.some((c) => c.code === filter.ssykCode)).map(([n]) => n);
    if (names.length === 0) return [];
  }
  const rows = await q
    .select({ a: afBarometerAssessments, o: afBarometerOccupations })
    .from(afBarometerAssessments)
    .innerJoin(afBarometerOccupations, sameBarometerOccupation(afBarometerOccupations))
    .where(
      whereAll([
        eq(afBarometerAssessments.roundId, filter.roundId),
        filter.geographyId ? eq(afBarometerAssessments.geographyId, filter.geographyId) : undefined,
        names ? inArray(afBarometerAssessments.occupationName, names) : undefined,
      ]),
    );
  return rows.map(({ a, o }) => {
    const list = (codesOf.get(o.occupationName) ?? []).sort((x, y) => x.code.localeCompare(y.code));
    return {
      roundId: a.roundId,
      occupationName: a.occupationName,
      conceptId: o.conceptId,
      fieldName: o.fieldName,
      ssykCodes: list.map((c) => c.code),
      partOfGroupCodes: list.filter((c) => c.part === true).map((c) => c.code),
      ssykSource: o.ssykSource,
      mappingNote: o.mappingNote,
      geographyId: a.geographyId,
      recruitment: a.recruitment,
      jobOpportunities: a.jobOpportunities,
      outlook: a.outlook,
      paradoxReasons: a.paradoxReasons,
      assessmentLevel: a.assessmentLevel,
      coverage: a.coverage,
      textRecruitment: a.textRecruitment,
      textOpportunities: a.textOpportunities,
    };
  });
}

/** Barometer occupations of a round whose SSYK labels could not be mapped (should be none; shown as a warning). */
export async function unmappedBarometerOccupations(q: Queryable, roundId: string) {
  return q
    .select()
    .from(afBarometerOccupations)
    .where(
      and(eq(afBarometerOccupations.roundId, roundId), eq(afBarometerOccupations.ssykSource, 'unmapped')),
    );
}

// ---------------------------------------------------------------------------------------------------------------
// Yrkesprognoser: 1-ar (county, 1 year) and 5-ar (national, 5 years) index by SSYK

export interface ForecastIndexBySsyk {
  roundId: string;
  horizonYears: number;
  ssykCode: string;
  /** The SCB-only code in the file this AF code came from, if any. */
  viaScbCode: string | null;
  occupationName: string;
  fieldName: string;
  ssykSpec: string;
  ssykKind: string;
  /** How many AF SSYK-4 codes the prognosis occupation covers (1 = exactly this group). */
  occupationSsykCount: number;
  geographyId: string;
  assessed: boolean;
  indexValue: number | null;
  classValue: number | null;
  classText: string | null;
  municipalityCount: number | null;
  correctedFrom: number | null;
}

/**
 * The forecast index per SSYK-4 code: one row per index value × SSYK code of its prognosis occupation (an
 * occupation covering an SSYK-3 group or a list yields a row per code, with `occupationSsykCount` > 1).
 */
export async function forecastIndexBySsyk(
  q: Queryable,
  filter: { roundId: string; horizonYears?: number; geographyId?: string; ssykCode?: string },
): Promise<ForecastIndexBySsyk[]> {
  const codes = await q
    .select()
    .from(afForecastOccupationSsyk)
    .where(
      whereAll([
        eq(afForecastOccupationSsyk.roundId, filter.roundId),
        filter.horizonYears === undefined
          ? undefined
          : eq(afForecastOccupationSsyk.horizonYears, filter.horizonYears),
      ]),
    );
  const codesOf = new Map<string, Array<{ ssykCode: string; viaScbCode: string | null }>>();
  for (const c of codes) {
    const key = `${c.horizonYears}\u0000${c.occupationName}`;
    codesOf.set(key, [...(codesOf.get(key) ?? []), { ssykCode: c.ssykCode, viaScbCode: c.viaScbCode }]);
  }
  const rows = await q
    .select({ i: afForecastIndex, o: afForecastOccupations })
    .from(afForecastIndex)
    .innerJoin(afForecastOccupations, sameForecastOccupation(afForecastOccupations))
    .where(
      whereAll([
        eq(afForecastIndex.roundId, filter.roundId),
        filter.horizonYears === undefined ? undefined : eq(afForecastIndex.horizonYears, filter.horizonYears),
        filter.geographyId ? eq(afForecastIndex.geographyId, filter.geographyId) : undefined,
      ]),
    );
  const result: ForecastIndexBySsyk[] = [];
  for (const { i, o } of rows) {
    const list = codesOf.get(`${i.horizonYears}\u0000${i.occupationName}`) ?? [];
    for (const code of list) {
      if (filter.ssykCode && code.ssykCode !== filter.ssykCode) continue;
      result.push({
        roundId: i.roundId,
        horizonYears: i.horizonYears,
        ssykCode: code.ssykCode,
        viaScbCode: code.viaScbCode,
        occupationName: i.occupationName,
        fieldName: o.fieldName,
        ssykSpec: o.ssykSpec,
        ssykKind: o.ssykKind,
        occupationSsykCount: list.length,
        geographyId: i.geographyId,
        assessed: i.assessed,
        indexValue: i.indexValue,
        classValue: i.classValue,
        classText: i.classText,
        municipalityCount: i.municipalityCount,
        correctedFrom: i.correctedFrom,
      });
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Yrkesprognoser: FA local index (bedomning.csv), only where the forecast occupation maps to SSYK

export type FaAssessment = typeof afForecastFaAssessments.$inferSelect;

/**
 * FA-region rows joined to SSYK through the concept mapping; concepts without a mapping are left out.
 * Without `roundId`, every round (the signal computation reads them all).
 */
export async function faLocalIndexBySsyk(
  q: Queryable,
  filter: { roundId?: string; geographyId?: string; ssykCode?: string },
): Promise<Array<FaAssessment & { ssykCode: string }>> {
  const rows = await q
    .select({ f: afForecastFaAssessments, ssykCode: afForecastConceptSsyk.ssykCode })
    .from(afForecastFaAssessments)
    .innerJoin(
      afForecastConceptSsyk,
      and(
        eq(afForecastConceptSsyk.roundId, afForecastFaAssessments.roundId),
        eq(afForecastConceptSsyk.conceptId, afForecastFaAssessments.conceptId),
      ),
    )
    .where(
      whereAll([
        filter.roundId ? eq(afForecastFaAssessments.roundId, filter.roundId) : undefined,
        filter.geographyId ? eq(afForecastFaAssessments.geographyId, filter.geographyId) : undefined,
        filter.ssykCode ? eq(afForecastConceptSsyk.ssykCode, filter.ssykCode) : undefined,
      ]),
    )
    .orderBy(
      afForecastFaAssessments.roundId,
      afForecastFaAssessments.geographyId,
      afForecastFaAssessments.conceptId,
      afForecastConceptSsyk.ssykCode,
    );
  return rows.map(({ f, ssykCode }) => ({ ...f, ssykCode }));
}

/** How many forecast-occupation concepts of a round can be joined to SSYK. */
export async function forecastConceptCoverage(
  q: Queryable,
  roundId: string,
): Promise<{ concepts: number; mapped: number }> {
  const [row] = await q
    .select({
      concepts: sql<number>`count(*)::int`,
      mapped: sql<number>`count(*) filter (where ${afForecastConcepts.ssykMapped})::int`,
    })
    .from(afForecastConcepts)
    .where(eq(afForecastConcepts.roundId, roundId));
  return { concepts: row?.concepts ?? 0, mapped: row?.mapped ?? 0 };
}

// ---------------------------------------------------------------------------------------------------------------
// SCB Yrkesregistret

/** Year → comparable series id and break flag, from the SCB periods. */
export interface SeriesInfo {
  series: string;
  breakBefore: boolean;
}

async function seriesByYear(q: Queryable): Promise<Map<number, SeriesInfo>> {
  const rounds = await listRounds(q, 'scb-yrkesregistret');
  return new Map(
    rounds
      .filter((r) => r.dataset === 'employees')
      .map((r) => [Number(r.roundId), { series: r.series ?? 'unknown', breakBefore: r.breakBefore }]),
  );
}

export interface EmployeesRow {
  year: number;
  geographyId: string;
  ssykCode: string;
  men: number;
  women: number;
  total: number;
  series: string;
  breakBefore: boolean;
}

/**
 * Employees per year × geography × AF SSYK-4 with the year's series. `geographyId` 'country:SE' sums the 21
 * counties; a county id filters; omitted = every county row.
 */
export async function employeesBySsyk(
  q: Queryable,
  filter: { geographyId?: string; ssykCode?: string; fromYear?: number; toYear?: number } = {},
): Promise<EmployeesRow[]> {
  const series = await seriesByYear(q);
  const conditions = whereAll([
    filter.ssykCode ? eq(scbEmployees.ssykCode, filter.ssykCode) : undefined,
    filter.fromYear === undefined ? undefined : gte(scbEmployees.year, filter.fromYear),
    filter.toYear === undefined ? undefined : lte(scbEmployees.year, filter.toYear),
    filter.geographyId && filter.geographyId !== 'country:SE'
      ? eq(scbEmployees.geographyId, filter.geographyId)
      : undefined,
  ]);
  const rows =
    filter.geographyId === 'country:SE'
      ? await q
          .select({
            year: scbEmployees.year,
            geographyId: sql<string>`'country:SE'`,
            ssykCode: scbEmployees.ssykCode,
            men: sql<number>`sum(${scbEmployees.men})::int`,
            women: sql<number>`sum(${scbEmployees.women})::int`,
          })
          .from(scbEmployees)
          .where(conditions)
          .groupBy(scbEmployees.year, scbEmployees.ssykCode)
      : await q.select().from(scbEmployees).where(conditions);
  return rows.map((r) => {
    const s = series.get(r.year) ?? { series: 'unknown', breakBefore: false };
    return { ...r, total: r.men + r.women, series: s.series, breakBefore: s.breakBefore };
  });
}

export interface AgeRow {
  year: number;
  ssykCode: string;
  ageGroup: string;
  men: number;
  women: number;
  total: number;
  series: string;
  breakBefore: boolean;
}

/** National employees per year × AF SSYK-4 × age group with the year's series. */
export async function ageStructureBySsyk(
  q: Queryable,
  filter: { ssykCode?: string; year?: number } = {},
): Promise<AgeRow[]> {
  const series = await seriesByYear(q);
  const rows = await q
    .select()
    .from(scbEmployeesByAge)
    .where(
      whereAll([
        filter.ssykCode ? eq(scbEmployeesByAge.ssykCode, filter.ssykCode) : undefined,
        filter.year === undefined ? undefined : eq(scbEmployeesByAge.year, filter.year),
      ]),
    );
  return rows.map((r) => {
    const s = series.get(r.year) ?? { series: 'unknown', breakBefore: false };
    return { ...r, total: r.men + r.women, series: s.series, breakBefore: s.breakBefore };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The signal method's reads: every round at once, flat rows per SSYK code (the signals module calls them through
// the labour-market service; this repo is the only one that queries AF's and SCB's tables).

/**
 * Barometer assessments of every round, one row per SSYK code of the barometer occupation (optionally of one code):
 * what the signal method reads.
 */
export async function barometerRowsBySsyk(q: Queryable, ssyk?: string) {
  const query = q
    .select({
      roundId: afBarometerAssessments.roundId,
      occupationName: afBarometerAssessments.occupationName,
      geographyId: afBarometerAssessments.geographyId,
      ssykCode: afBarometerOccupationSsyk.ssykCode,
      recruitment: afBarometerAssessments.recruitment,
      jobOpportunities: afBarometerAssessments.jobOpportunities,
      outlook: afBarometerAssessments.outlook,
      assessmentLevel: afBarometerAssessments.assessmentLevel,
    })
    .from(afBarometerAssessments)
    .innerJoin(afBarometerOccupationSsyk, sameBarometerOccupation(afBarometerOccupationSsyk));
  const order = [
    afBarometerAssessments.roundId,
    afBarometerAssessments.geographyId,
    afBarometerAssessments.occupationName,
    afBarometerOccupationSsyk.ssykCode,
  ];
  return ssyk
    ? query.where(eq(afBarometerOccupationSsyk.ssykCode, ssyk)).orderBy(...order)
    : query.orderBy(...order);
}

/** Assessed forecast index values of every round and horizon, one row per SSYK code (optionally of one code). */
export async function assessedForecastRowsBySsyk(q: Queryable, ssyk?: string) {
  return q
    .select({
      roundId: afForecastIndex.roundId,
      horizonYears: afForecastIndex.horizonYears,
      occupationName: afForecastIndex.occupationName,
      geographyId: afForecastIndex.geographyId,
      ssykCode: afForecastOccupationSsyk.ssykCode,
      indexValue: afForecastIndex.indexValue,
    })
    .from(afForecastIndex)
    .innerJoin(afForecastOccupationSsyk, sameForecastOccupation(afForecastOccupationSsyk))
    .where(
      ssyk
        ? and(eq(afForecastIndex.assessed, true), eq(afForecastOccupationSsyk.ssykCode, ssyk))
        : eq(afForecastIndex.assessed, true),
    )
    .orderBy(
      afForecastIndex.roundId,
      afForecastIndex.horizonYears,
      afForecastIndex.geographyId,
      afForecastIndex.occupationName,
      afForecastOccupationSsyk.ssykCode,
    );
}

/**
 * One text per occupation: the rows of `table` as `fields` joined by `,`, rows joined by `;` (string_agg; the
 * columns are NOT NULL and none holds `,` or `;`). PGlite hands 400 text values to JavaScript much faster than
 * 90,000 rows of five columns (and string_agg builds them in half the time of json_agg); the text goes to the
 * computation worker as it is.
 */
async function packedBySsyk(
  q: Queryable,
  table: typeof scbEmployees | typeof scbEmployeesByAge,
  fields: SQLWrapper[],
  ssyk: string | undefined,
): Promise<Array<{ ssykCode: string; packed: string }>> {
  const row = sql.join(fields, sql` || ',' || `);
  const { rows } = await execute<{ ssyk: string; data: string }>(
    q,
    // Ordered, so a table whose rows sit in another physical order (after a rolled-back import left dead tuples)
    // still gives the computation the same text, and the signals come out the same to the last bit.
    sql`SELECT ${table.ssykCode} AS ssyk, string_agg(${row}, ';' ORDER BY ${row}) AS data
        FROM ${table}
        ${ssyk ? sql`WHERE ${table.ssykCode} = ${ssyk}` : sql``}
        GROUP BY 1`,
  );
  return rows.map((r) => ({ ssykCode: r.ssyk, packed: r.data }));
}

/** Employees per county × SSYK × year, packed per occupation as `geographyId,year,men,women` (see packedBySsyk). */
export function packedEmployeesBySsyk(q: Queryable, ssyk?: string) {
  const t = scbEmployees;
  return packedBySsyk(q, t, [t.geographyId, t.year, t.men, t.women], ssyk);
}

/** National employees per SSYK × year × age group, packed per occupation as `year,ageGroup,men,women`. */
export function packedAgeStructureBySsyk(q: Queryable, ssyk?: string) {
  const t = scbEmployeesByAge;
  return packedBySsyk(q, t, [t.year, t.ageGroup, t.men, t.women], ssyk);
}
