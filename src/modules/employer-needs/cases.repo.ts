import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { brokerCases, caseSolutions } from '../../db/schema/index.js';

/** SQL of broker cases and their solutions. */

export type CaseRow = typeof brokerCases.$inferSelect;
export type SolutionRow = typeof caseSolutions.$inferSelect;

export async function insertCase(q: Queryable, row: typeof brokerCases.$inferInsert): Promise<void> {
  await q.insert(brokerCases).values(row);
}

/** Many cases at once (the import), in chunks. */
export async function insertCases(q: Queryable, rows: Array<typeof brokerCases.$inferInsert>): Promise<void> {
  for (let at = 0; at < rows.length; at += 500) await q.insert(brokerCases).values(rows.slice(at, at + 500));
}

export async function selectCase(q: Queryable, regionId: string, id: string) {
  const [row] = await q
    .select()
    .from(brokerCases)
    .where(and(eq(brokerCases.regionId, regionId), eq(brokerCases.id, id)));
  return row;
}

export async function selectCases(
  q: Queryable,
  filter: { regionId: string; needIds?: string[]; statuses?: string[] },
): Promise<CaseRow[]> {
  const where = [eq(brokerCases.regionId, filter.regionId)];
  if (filter.needIds) {
    if (filter.needIds.length === 0) return [];
    where.push(inArray(brokerCases.needId, filter.needIds));
  }
  if (filter.statuses) where.push(inArray(brokerCases.status, filter.statuses));
  return q
    .select()
    .from(brokerCases)
    .where(and(...where));
}

/** Writes the case when its version is still `expected`; false when someone else changed it first. */
export async function updateCase(
  q: Queryable,
  regionId: string,
  id: string,
  expected: number,
  values: Partial<Pick<CaseRow, 'status' | 'feedbackText' | 'feedbackOn' | 'closedOn'>> & { updatedAt: Date },
): Promise<CaseRow | undefined> {
  const [row] = await q
    .update(brokerCases)
    .set({ ...values, version: expected + 1 })
    .where(and(eq(brokerCases.regionId, regionId), eq(brokerCases.id, id), eq(brokerCases.version, expected)))
    .returning();
  return row;
}

export async function insertSolution(q: Queryable, row: typeof caseSolutions.$inferInsert): Promise<void> {
  await q.insert(caseSolutions).values(row);
}

export async function selectSolutions(
  q: Queryable,
  regionId: string,
  caseIds: string[],
): Promise<SolutionRow[]> {
  if (caseIds.length === 0) return [];
  return q
    .select()
    .from(caseSolutions)
    .where(and(eq(caseSolutions.regionId, regionId), inArray(caseSolutions.caseId, caseIds)));
}
