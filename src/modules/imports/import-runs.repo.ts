import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { importRuns } from '../../db/schema/index.js';

export type ImportRun = typeof importRuns.$inferSelect;
export type NewImportRun = typeof importRuns.$inferInsert;

/** Records one finished import run and returns it. */
export async function insertImportRun(q: Queryable, run: NewImportRun): Promise<ImportRun> {
  const [row] = await q.insert(importRuns).values(run).returning();
  if (!row) throw new Error('insert into import_runs returned nothing');
  return row;
}

/** The latest successful run of a source, if any. */
export async function findLastSucceededRun(q: Queryable, sourceId: string): Promise<ImportRun | undefined> {
  const [row] = await q
    .select()
    .from(importRuns)
    .where(and(eq(importRuns.sourceId, sourceId), eq(importRuns.status, 'succeeded')))
    .orderBy(desc(importRuns.id))
    .limit(1);
  return row;
}

/** Runs of the given sources (all when omitted), newest first. */
export async function listImportRuns(
  q: Queryable,
  options: { sourceIds?: string[]; limit?: number } = {},
): Promise<ImportRun[]> {
  const query = q.select().from(importRuns);
  const filtered = options.sourceIds ? query.where(inArray(importRuns.sourceId, options.sourceIds)) : query;
  return filtered.orderBy(desc(importRuns.id)).limit(options.limit ?? 500);
}
