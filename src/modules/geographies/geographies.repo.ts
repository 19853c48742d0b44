import { and, eq, inArray, max, sql, sum } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Geometry } from 'geojson';
import type { Queryable } from '../../db/client.js';
import { geoBoundaries, geographies, geographyMembers, population } from '../../db/schema/index.js';

/** Queries on geographies, their member municipalities, population and boundaries. The only SQL of the module. */

export type GeographyRow = typeof geographies.$inferSelect;

/** Geographies, optionally of one type (unsorted: the service sorts with Swedish collation). */
export async function selectGeographies(q: Queryable, type?: string): Promise<GeographyRow[]> {
  const query = q.select().from(geographies);
  return type ? query.where(eq(geographies.type, type)) : query;
}

export async function selectGeography(q: Queryable, id: string): Promise<GeographyRow | undefined> {
  const [row] = await q.select().from(geographies).where(eq(geographies.id, id));
  return row;
}

export async function selectGeographiesById(q: Queryable, ids: readonly string[]): Promise<GeographyRow[]> {
  if (ids.length === 0) return [];
  return q
    .select()
    .from(geographies)
    .where(inArray(geographies.id, [...ids]));
}

/** Member municipality codes of a geography. */
export async function selectMemberCodes(q: Queryable, geographyId: string): Promise<string[]> {
  const rows = await q
    .select({ code: geographyMembers.municipalityCode })
    .from(geographyMembers)
    .where(eq(geographyMembers.geographyId, geographyId));
  return rows.map((r) => r.code);
}

/** Member municipalities of a geography with their names (a member without a municipality row has null names). */
export async function selectMembers(
  q: Queryable,
  geographyId: string,
): Promise<Array<{ code: string; name: string | null; shortName: string | null }>> {
  const municipality = alias(geographies, 'municipality');
  return q
    .select({
      code: geographyMembers.municipalityCode,
      name: municipality.name,
      shortName: municipality.shortName,
    })
    .from(geographyMembers)
    .leftJoin(
      municipality,
      and(eq(municipality.type, 'municipality'), eq(municipality.code, geographyMembers.municipalityCode)),
    )
    .where(eq(geographyMembers.geographyId, geographyId));
}

/** Geographies (other than the municipality itself) that have the municipality as a member. */
export async function selectContaining(q: Queryable, municipalityCode: string): Promise<GeographyRow[]> {
  const rows = await q
    .select({ geography: geographies })
    .from(geographyMembers)
    .innerJoin(geographies, eq(geographies.id, geographyMembers.geographyId))
    .where(
      and(
        eq(geographyMembers.municipalityCode, municipalityCode),
        sql`${geographies.type} <> 'municipality'`,
      ),
    );
  return rows.map((r) => r.geography);
}

/**
 * Geographies of the given types with at least one member municipality in `geographyId` (e.g. the FA regions and
 * custom areas that reach into a county). One query; unsorted.
 */
export async function selectOverlapping(
  q: Queryable,
  geographyId: string,
  types: readonly string[],
): Promise<GeographyRow[]> {
  const inner = alias(geographyMembers, 'inner_members');
  const rows = await q
    .selectDistinct({ geography: geographies })
    .from(geographyMembers)
    .innerJoin(geographies, eq(geographies.id, geographyMembers.geographyId))
    .innerJoin(inner, eq(inner.municipalityCode, geographyMembers.municipalityCode))
    .where(and(eq(inner.geographyId, geographyId), inArray(geographies.type, [...types])));
  return rows.map((r) => r.geography).filter((g) => g.id !== geographyId);
}

/** The latest year with population figures, if any. */
export async function selectLatestPopulationYear(q: Queryable): Promise<number | undefined> {
  const [row] = await q.select({ year: max(population.year) }).from(population);
  return row?.year ?? undefined;
}

export interface PopulationSum {
  geographyId: string;
  total: number;
  women: number;
  men: number;
  /** Members with a population row that year. */
  municipalities: number;
}

/** Population of geographies in a year: the sum over member municipalities (all geographies when ids omitted). */
export async function selectPopulationSums(
  q: Queryable,
  year: number,
  ids?: readonly string[],
): Promise<PopulationSum[]> {
  const conditions = [eq(population.year, year)];
  if (ids) {
    if (ids.length === 0) return [];
    conditions.push(inArray(geographyMembers.geographyId, [...ids]));
  }
  const rows = await q
    .select({
      geographyId: geographyMembers.geographyId,
      total: sum(population.total).mapWith(Number),
      women: sum(population.women).mapWith(Number),
      men: sum(population.men).mapWith(Number),
      municipalities: sql<number>`count(*)::int`,
    })
    .from(geographyMembers)
    .innerJoin(population, eq(population.municipalityCode, geographyMembers.municipalityCode))
    .where(and(...conditions))
    .groupBy(geographyMembers.geographyId);
  return rows;
}

export async function selectBoundary(q: Queryable, geographyId: string): Promise<Geometry | undefined> {
  const [row] = await q
    .select({ geometry: geoBoundaries.geometry })
    .from(geoBoundaries)
    .where(eq(geoBoundaries.geographyId, geographyId));
  return row?.geometry;
}

/** Boundaries of every geography of a type, with the geography's code and name. */
export async function selectBoundaries(
  q: Queryable,
  type: string,
): Promise<Array<{ id: string; code: string; name: string; shortName: string; geometry: Geometry }>> {
  return q
    .select({
      id: geographies.id,
      code: geographies.code,
      name: geographies.name,
      shortName: geographies.shortName,
      geometry: geoBoundaries.geometry,
    })
    .from(geographies)
    .innerJoin(geoBoundaries, eq(geoBoundaries.geographyId, geographies.id))
    .where(eq(geographies.type, type));
}
