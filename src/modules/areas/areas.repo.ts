import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { areaOwners, geographies, geographyMembers, memberships } from '../../db/schema/index.js';

/** SQL of custom labour-market areas: geographies of type 'area' (`area:<slug>`) and their member municipalities. */

export async function selectAreas(q: Queryable) {
  return q.select().from(geographies).where(eq(geographies.type, 'area'));
}

export async function selectAreaMembers(q: Queryable, areaIds: string[]) {
  if (areaIds.length === 0) return [];
  return q
    .select({ areaId: geographyMembers.geographyId, code: geographyMembers.municipalityCode })
    .from(geographyMembers)
    .where(inArray(geographyMembers.geographyId, areaIds));
}

export async function selectMunicipalities(q: Queryable, codes: string[]) {
  if (codes.length === 0) return [];
  return q
    .select({ code: geographies.code, name: geographies.name, parentId: geographies.parentId })
    .from(geographies)
    .where(and(eq(geographies.type, 'municipality'), inArray(geographies.code, codes)));
}

export async function selectGeographyById(q: Queryable, id: string) {
  const [row] = await q.select().from(geographies).where(eq(geographies.id, id));
  return row;
}

/** Inserts the area and its members in one transaction. */
export async function insertArea(
  q: Queryable,
  area: { id: string; code: string; name: string; parentId: string },
  codes: string[],
): Promise<void> {
  await q.transaction(async (tx) => {
    await tx.insert(geographies).values({
      id: area.id,
      type: 'area',
      code: area.code,
      name: area.name,
      shortName: area.name,
      parentId: area.parentId,
      attributes: { origin: 'user' },
    });
    await tx
      .insert(geographyMembers)
      .values(codes.map((code) => ({ geographyId: area.id, municipalityCode: code })));
  });
}

/** Deletes an area and its members; never touches other geography types. */
export async function deleteArea(q: Queryable, id: string): Promise<boolean> {
  return q.transaction(async (tx) => {
    await tx.delete(geographyMembers).where(eq(geographyMembers.geographyId, id));
    const deleted = await tx
      .delete(geographies)
      .where(and(eq(geographies.id, id), eq(geographies.type, 'area')))
      .returning({ id: geographies.id });
    return deleted.length > 0;
  });
}

/** The owning region and version of an area, when it has one (areas made by the CLI across counties have none). */
export async function selectAreaOwner(q: Queryable, areaId: string) {
  const [row] = await q.select().from(areaOwners).where(eq(areaOwners.areaId, areaId));
  return row;
}

export async function selectAreaOwners(q: Queryable) {
  return q.select().from(areaOwners);
}

export async function insertAreaOwner(
  q: Queryable,
  areaId: string,
  regionId: string,
  at: Date,
): Promise<void> {
  await q.insert(areaOwners).values({ areaId, regionId, version: 1, updatedAt: at });
}

/** Bumps the version when it still is `expected`; false when someone else changed the area first. */
export async function bumpAreaVersion(
  q: Queryable,
  areaId: string,
  expected: number,
  at: Date,
): Promise<boolean> {
  const rows = await q
    .update(areaOwners)
    .set({ version: expected + 1, updatedAt: at })
    .where(and(eq(areaOwners.areaId, areaId), eq(areaOwners.version, expected)))
    .returning({ id: areaOwners.areaId });
  return rows.length > 0;
}

export async function deleteAreaOwner(q: Queryable, areaId: string): Promise<void> {
  await q.delete(areaOwners).where(eq(areaOwners.areaId, areaId));
}

/** Renames an area and replaces its members. */
export async function updateAreaRow(
  q: Queryable,
  areaId: string,
  name: string,
  codes: string[],
): Promise<void> {
  await q.update(geographies).set({ name, shortName: name }).where(eq(geographies.id, areaId));
  await q.delete(geographyMembers).where(eq(geographyMembers.geographyId, areaId));
  await q
    .insert(geographyMembers)
    .values(codes.map((code) => ({ geographyId: areaId, municipalityCode: code })));
}

/** The region's brokers (kompetensmaklare memberships in the region's own organisation) and their assigned areas. */
export async function selectRegionBrokers(q: Queryable, regionId: string) {
  return q
    .select({ userId: memberships.userId, areas: memberships.areas })
    .from(memberships)
    .where(and(eq(memberships.organisationId, regionId), eq(memberships.role, 'kompetensmaklare')));
}

export async function setBrokerAreas(
  q: Queryable,
  regionId: string,
  userId: string,
  areas: string[],
): Promise<void> {
  await q
    .update(memberships)
    .set({ areas })
    .where(
      and(
        eq(memberships.organisationId, regionId),
        eq(memberships.userId, userId),
        eq(memberships.role, 'kompetensmaklare'),
      ),
    );
}
