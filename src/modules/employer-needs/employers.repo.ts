import { and, eq, ilike, inArray, lt, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { employerContacts, employers } from '../../db/schema/index.js';

/**
 * SQL of employers and their contacts. Callers run inside `withRegion`, so row-level security limits every
 * statement to the acting region; the explicit region filters say the same thing for readers of this file.
 */

export type EmployerRow = typeof employers.$inferSelect;
export type ContactRow = typeof employerContacts.$inferSelect;

export async function insertEmployer(q: Queryable, row: typeof employers.$inferInsert): Promise<void> {
  await q.insert(employers).values(row);
}

export async function selectEmployer(q: Queryable, regionId: string, id: string) {
  const [row] = await q
    .select()
    .from(employers)
    .where(and(eq(employers.regionId, regionId), eq(employers.id, id)));
  return row;
}

export async function selectEmployerByNumber(q: Queryable, regionId: string, organisationNumber: string) {
  const [row] = await q
    .select()
    .from(employers)
    .where(and(eq(employers.regionId, regionId), eq(employers.organisationNumber, organisationNumber)));
  return row;
}

/** Employers of a region with any of the organisation numbers (the import reuses them). */
export async function selectEmployersByNumbers(q: Queryable, regionId: string, numbers: string[]) {
  if (numbers.length === 0) return [];
  return q
    .select()
    .from(employers)
    .where(and(eq(employers.regionId, regionId), inArray(employers.organisationNumber, numbers)));
}

/** Many employers at once (the import). */
export async function insertEmployers(
  q: Queryable,
  rows: Array<typeof employers.$inferInsert>,
): Promise<void> {
  for (let at = 0; at < rows.length; at += 500) await q.insert(employers).values(rows.slice(at, at + 500));
}

/** Moves the last activity of several employers (the import). */
export async function touchEmployers(q: Queryable, regionId: string, ids: string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await q
    .update(employers)
    .set({ lastActivityAt: at })
    .where(and(eq(employers.regionId, regionId), inArray(employers.id, ids)));
}

/** Employers of a region, optionally matching a name or organisation number and limited to municipalities. */
export async function selectEmployers(
  q: Queryable,
  filter: { regionId: string; q?: string; municipalities?: string[]; limit: number },
): Promise<EmployerRow[]> {
  const where = [eq(employers.regionId, filter.regionId)];
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const clause = or(ilike(employers.name, pattern), ilike(employers.organisationNumber, pattern));
    if (clause) where.push(clause);
  }
  if (filter.municipalities) {
    if (filter.municipalities.length === 0) return [];
    where.push(inArray(employers.municipalityCode, filter.municipalities));
  }
  return q
    .select()
    .from(employers)
    .where(and(...where))
    .limit(filter.limit);
}

export async function selectEmployersById(q: Queryable, regionId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return q
    .select()
    .from(employers)
    .where(and(eq(employers.regionId, regionId), inArray(employers.id, ids)));
}

export async function touchEmployer(q: Queryable, regionId: string, id: string, at: Date): Promise<void> {
  await q
    .update(employers)
    .set({ lastActivityAt: at })
    .where(and(eq(employers.regionId, regionId), eq(employers.id, id)));
}

export async function insertContacts(q: Queryable, rows: Array<typeof employerContacts.$inferInsert>) {
  if (rows.length > 0) await q.insert(employerContacts).values(rows);
}

export async function selectContacts(
  q: Queryable,
  regionId: string,
  employerId: string,
): Promise<ContactRow[]> {
  return q
    .select()
    .from(employerContacts)
    .where(and(eq(employerContacts.regionId, regionId), eq(employerContacts.employerId, employerId)));
}

export async function deleteContactsOf(
  q: Queryable,
  regionId: string,
  employerId: string,
): Promise<ContactRow[]> {
  return q
    .delete(employerContacts)
    .where(and(eq(employerContacts.regionId, regionId), eq(employerContacts.employerId, employerId)))
    .returning();
}

/** Regions that have employers (the retention job walks them one region at a time). */
export async function selectRegionsWithEmployers(q: Queryable): Promise<string[]> {
  const rows = await q.selectDistinct({ regionId: employers.regionId }).from(employers);
  return rows.map((r) => r.regionId);
}

/** Employers of a region whose last activity is older than the cut-off and that still have contacts. */
export async function selectInactiveEmployersWithContacts(q: Queryable, regionId: string, cutoff: Date) {
  return q
    .selectDistinct({ id: employers.id, lastActivityAt: employers.lastActivityAt })
    .from(employers)
    .innerJoin(
      employerContacts,
      and(eq(employerContacts.employerId, employers.id), eq(employerContacts.regionId, employers.regionId)),
    )
    .where(and(eq(employers.regionId, regionId), lt(employers.lastActivityAt, cutoff)));
}

/** How many contacts each employer has (for lists). */
export async function countContacts(q: Queryable, regionId: string, employerIds: string[]) {
  if (employerIds.length === 0) return new Map<string, number>();
  const rows = await q
    .select({ employerId: employerContacts.employerId, n: sql<number>`count(*)::int` })
    .from(employerContacts)
    .where(and(eq(employerContacts.regionId, regionId), inArray(employerContacts.employerId, employerIds)))
    .groupBy(employerContacts.employerId);
  return new Map(rows.map((r) => [r.employerId, r.n]));
}
