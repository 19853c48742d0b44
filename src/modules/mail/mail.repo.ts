import { and, desc, eq, lte } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { outbox } from '../../db/schema/index.js';

/** SQL of the outbox of outgoing e-mail. */

export async function insertOutboxMessage(q: Queryable, row: typeof outbox.$inferInsert): Promise<number> {
  const [created] = await q.insert(outbox).values(row).returning({ id: outbox.id });
  return created?.id ?? 0;
}

export async function markOutboxMessage(
  q: Queryable,
  id: number,
  values: { sentAt?: Date | null; error?: string | null },
): Promise<void> {
  await q.update(outbox).set(values).where(eq(outbox.id, id));
}

export async function selectOutbox(q: Queryable, regionId: string, limit: number) {
  return q
    .select()
    .from(outbox)
    .where(eq(outbox.regionId, regionId))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(limit);
}

/** Deletes a region's messages to one address created up to a moment; returns how many. */
export async function deleteOutboxTo(
  q: Queryable,
  to: string,
  regionId: string,
  until: Date,
): Promise<number> {
  const rows = await q
    .delete(outbox)
    .where(and(eq(outbox.to, to), eq(outbox.regionId, regionId), lte(outbox.createdAt, until)))
    .returning({ id: outbox.id });
  return rows.length;
}
