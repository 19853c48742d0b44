import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { employerNeedOccupations, employerNeeds, employerNeedsSettings } from '../../db/schema/index.js';

/** SQL of employer needs, their occupations and the region's module settings. */

export type NeedRow = typeof employerNeeds.$inferSelect;

export async function insertNeed(
  q: Queryable,
  row: typeof employerNeeds.$inferInsert,
  ssyk: string[],
): Promise<void> {
  await q.insert(employerNeeds).values(row);
  await q
    .insert(employerNeedOccupations)
    .values(ssyk.map((code) => ({ needId: row.id, regionId: row.regionId, ssyk: code })));
}

/** Many needs with their occupations at once (the import), in chunks so statements stay small. */
export async function insertNeeds(
  q: Queryable,
  rows: Array<{ need: typeof employerNeeds.$inferInsert; ssyk: string[] }>,
): Promise<void> {
  for (let at = 0; at < rows.length; at += 500) {
    const chunk = rows.slice(at, at + 500);
    await q.insert(employerNeeds).values(chunk.map((r) => r.need));
    await q
      .insert(employerNeedOccupations)
      .values(
        chunk.flatMap((r) =>
          r.ssyk.map((code) => ({ needId: r.need.id, regionId: r.need.regionId, ssyk: code })),
        ),
      );
  }
}

export interface NeedFilter {
  regionId: string;
  ids?: string[];
  employerId?: string;
  areaId?: string;
  municipalities?: string[];
  ssyk?: string;
  from?: string;
  to?: string;
}

/** Needs of a region with their occupation codes. */
export async function selectNeeds(q: Queryable, f: NeedFilter): Promise<Array<NeedRow & { ssyk: string[] }>> {
  const where = [eq(employerNeeds.regionId, f.regionId)];
  if (f.ids) {
    if (f.ids.length === 0) return [];
    where.push(inArray(employerNeeds.id, f.ids));
  }
  if (f.employerId) where.push(eq(employerNeeds.employerId, f.employerId));
  if (f.areaId) where.push(eq(employerNeeds.areaId, f.areaId));
  if (f.municipalities) {
    if (f.municipalities.length === 0) return [];
    where.push(inArray(employerNeeds.municipalityCode, f.municipalities));
  }
  if (f.from) where.push(gte(employerNeeds.recordedOn, f.from));
  if (f.to) where.push(lte(employerNeeds.recordedOn, f.to));
  if (f.ssyk) {
    const withCode = q
      .select({ id: employerNeedOccupations.needId })
      .from(employerNeedOccupations)
      .where(and(eq(employerNeedOccupations.regionId, f.regionId), eq(employerNeedOccupations.ssyk, f.ssyk)));
    where.push(inArray(employerNeeds.id, withCode));
  }
  const needs = await q
    .select()
    .from(employerNeeds)
    .where(and(...where));
  if (needs.length === 0) return [];
  const occupations = await q
    .select()
    .from(employerNeedOccupations)
    .where(
      and(
        eq(employerNeedOccupations.regionId, f.regionId),
        inArray(
          employerNeedOccupations.needId,
          needs.map((n) => n.id),
        ),
      ),
    );
  const byNeed = new Map<string, string[]>();
  for (const o of occupations) byNeed.set(o.needId, [...(byNeed.get(o.needId) ?? []), o.ssyk]);
  return needs.map((n) => ({ ...n, ssyk: (byNeed.get(n.id) ?? []).sort() }));
}

/**
 * Needs of every region (or one) in a date range with their occupations, for the need counts behind the signals.
 * Runs as the app's owner role, across regions: only counts leave the service.
 */
export async function selectNeedOccupationsInRange(
  q: Queryable,
  filter: { regionId?: string; since: string; until: string },
) {
  const where = [gte(employerNeeds.recordedOn, filter.since), lte(employerNeeds.recordedOn, filter.until)];
  if (filter.regionId) where.push(eq(employerNeeds.regionId, filter.regionId));
  return q
    .select({
      regionId: employerNeeds.regionId,
      employerId: employerNeeds.employerId,
      municipalityCode: employerNeeds.municipalityCode,
      areaId: employerNeeds.areaId,
      recordedOn: employerNeeds.recordedOn,
      people: employerNeeds.people,
      ssyk: employerNeedOccupations.ssyk,
    })
    .from(employerNeeds)
    .innerJoin(employerNeedOccupations, eq(employerNeedOccupations.needId, employerNeeds.id))
    .where(and(...where));
}

export async function selectSettings(q: Queryable, regionId: string) {
  const [row] = await q
    .select()
    .from(employerNeedsSettings)
    .where(eq(employerNeedsSettings.regionId, regionId));
  return row;
}

/** Every region's settings row (regions without one use the defaults). */
export async function selectAllSettings(q: Queryable) {
  return q.select().from(employerNeedsSettings);
}

export async function upsertSettings(
  q: Queryable,
  row: { regionId: string; contactRetentionMonths: number; feedbackDeadlineDays: number; updatedAt: Date },
  expectedVersion: number | null,
): Promise<boolean> {
  if (expectedVersion === null) {
    const rows = await q
      .insert(employerNeedsSettings)
      .values({ ...row, version: 1 })
      .onConflictDoNothing()
      .returning({ id: employerNeedsSettings.regionId });
    return rows.length > 0;
  }
  const rows = await q
    .update(employerNeedsSettings)
    .set({ ...row, version: expectedVersion + 1 })
    .where(
      and(
        eq(employerNeedsSettings.regionId, row.regionId),
        eq(employerNeedsSettings.version, expectedVersion),
      ),
    )
    .returning({ id: employerNeedsSettings.regionId });
  return rows.length > 0;
}
