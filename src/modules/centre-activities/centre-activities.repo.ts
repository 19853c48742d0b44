import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { centreActivities } from '../../db/schema/index.js';

/** The only SQL of the 3M activity log. */

export type ActivityRow = typeof centreActivities.$inferSelect;

export async function insertActivity(
  q: Queryable,
  row: typeof centreActivities.$inferInsert,
): Promise<ActivityRow> {
  const [created] = await q.insert(centreActivities).values(row).returning();
  return created as ActivityRow;
}

/** A centre's activities between two ISO dates (inclusive), oldest first. */
export async function selectActivities(
  q: Queryable,
  centreId: string,
  from: string,
  to: string,
): Promise<ActivityRow[]> {
  return q
    .select()
    .from(centreActivities)
    .where(
      and(
        eq(centreActivities.centreId, centreId),
        gte(centreActivities.date, from),
        lte(centreActivities.date, to),
      ),
    )
    .orderBy(asc(centreActivities.date), asc(centreActivities.createdAt));
}
