import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { execute } from '../../db/execute.js';
import {
  educationKeyProgrammes,
  educationKeySun,
  educationMappingOverrides,
  educationOffers,
  sunFields,
  yhApplicationMunicipalities,
  yhApplications,
  yhProgrammes,
  yhProgrammeTowns,
} from '../../db/schema/index.js';

/** SQL of the education module: imported YH data and AF's key (read), local offers and mapping overrides. */

export function selectYhProgrammes(q: Queryable) {
  return q.select().from(yhProgrammes);
}

export function selectYhTowns(q: Queryable) {
  return q.select().from(yhProgrammeTowns);
}

export function selectKeyProgrammes(q: Queryable) {
  return q.select().from(educationKeyProgrammes);
}

export function selectKeySun(q: Queryable) {
  return q.select().from(educationKeySun);
}

export function selectApplications(q: Queryable, roundYear: number) {
  return q.select().from(yhApplications).where(eq(yhApplications.roundYear, roundYear));
}

export async function selectApplication(q: Queryable, id: string) {
  const [row] = await q.select().from(yhApplications).where(eq(yhApplications.id, id));
  return row;
}

export function selectApplicationMunicipalities(q: Queryable) {
  return q.select().from(yhApplicationMunicipalities);
}

export function selectLocalOffers(q: Queryable, regionId?: string) {
  const query = q.select().from(educationOffers);
  return regionId ? query.where(eq(educationOffers.regionId, regionId)) : query;
}

export async function selectLocalOffer(q: Queryable, id: string) {
  const [row] = await q.select().from(educationOffers).where(eq(educationOffers.id, id));
  return row;
}

export type LocalOfferInsert = typeof educationOffers.$inferInsert;

export async function insertLocalOffer(q: Queryable, row: LocalOfferInsert) {
  const [inserted] = await q.insert(educationOffers).values(row).returning();
  return inserted;
}

/** Updates an offer when its version is still `version`; returns the new row or undefined when stale. */
export async function updateLocalOffer(
  q: Queryable,
  id: string,
  version: number,
  values: Partial<LocalOfferInsert>,
  now: Date,
) {
  const [row] = await q
    .update(educationOffers)
    .set({ ...values, version: sql`${educationOffers.version} + 1`, updatedAt: now })
    .where(and(eq(educationOffers.id, id), eq(educationOffers.version, version)))
    .returning();
  return row;
}

export async function deleteLocalOffer(q: Queryable, id: string, version: number): Promise<boolean> {
  const rows = await q
    .delete(educationOffers)
    .where(and(eq(educationOffers.id, id), eq(educationOffers.version, version)))
    .returning({ id: educationOffers.id });
  return rows.length > 0;
}

export function selectOverrides(q: Queryable, regionId?: string) {
  const query = q.select().from(educationMappingOverrides);
  return regionId ? query.where(eq(educationMappingOverrides.regionId, regionId)) : query;
}

export async function insertOverride(q: Queryable, row: typeof educationMappingOverrides.$inferInsert) {
  const [inserted] = await q.insert(educationMappingOverrides).values(row).returning();
  return inserted;
}

/** Removes a region's earlier overrides of one offer × occupation (the newest decision replaces them). */
export async function deleteOverrides(
  q: Queryable,
  regionId: string,
  offerKind: string,
  offerId: string,
  ssyk: string,
): Promise<number> {
  const rows = await q
    .delete(educationMappingOverrides)
    .where(
      and(
        eq(educationMappingOverrides.regionId, regionId),
        eq(educationMappingOverrides.offerKind, offerKind),
        eq(educationMappingOverrides.offerId, offerId),
        eq(educationMappingOverrides.ssyk, ssyk),
      ),
    )
    .returning({ id: educationMappingOverrides.id });
  return rows.length;
}

export async function deleteOfferOverrides(
  q: Queryable,
  regionId: string,
  offerKind: string,
  offerId: string,
) {
  await q
    .delete(educationMappingOverrides)
    .where(
      and(
        eq(educationMappingOverrides.regionId, regionId),
        eq(educationMappingOverrides.offerKind, offerKind),
        eq(educationMappingOverrides.offerId, offerId),
      ),
    );
}

/** A fingerprint of the region-entered rows, so cached catalogues notice every write (one query). */
export async function selectLocalFingerprint(q: Queryable): Promise<string> {
  const { rows } = await execute<{ fingerprint: string }>(
    q,
    sql`SELECT concat_ws(':',
      (SELECT count(*) FROM ${educationOffers}),
      (SELECT max(${educationOffers.updatedAt})::text FROM ${educationOffers}),
      (SELECT count(*) FROM ${educationMappingOverrides}),
      (SELECT max(${educationMappingOverrides.id}) FROM ${educationMappingOverrides})
    ) AS fingerprint`,
  );
  return rows[0]?.fingerprint ?? '';
}

/** Every SUN 2020 field code (level 4, e.g. '723a'), to check the codes of an import file. */
export async function selectSunFieldCodes(q: Queryable): Promise<string[]> {
  const rows = await q.select({ code: sunFields.code }).from(sunFields);
  return rows.map((r) => r.code);
}
