import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { auditEvents, outbox } from '../../db/schema/index.js';

/** SQL of the append-only audit trail: insert and filtered reads, never update or delete of single rows. */

export type AuditRow = typeof auditEvents.$inferSelect;

export async function insertAuditEvent(q: Queryable, row: typeof auditEvents.$inferInsert): Promise<void> {
  await q.insert(auditEvents).values(row);
}

export async function selectAuditEvents(
  q: Queryable,
  filter: { regionId: string; entity?: string; from?: Date; to?: Date; limit: number },
): Promise<AuditRow[]> {
  const where = [eq(auditEvents.regionId, filter.regionId)];
  if (filter.entity) {
    const [type, ...rest] = filter.entity.split('/');
    where.push(eq(auditEvents.entityType, type ?? ''));
    if (rest.length > 0) where.push(eq(auditEvents.entityId, rest.join('/')));
  }
  if (filter.from) where.push(gte(auditEvents.at, filter.from));
  if (filter.to) where.push(lt(auditEvents.at, filter.to));
  return q
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(asc(auditEvents.at), asc(auditEvents.id))
    .limit(filter.limit);
}

/** Retention: removes events older than the cut-off (the only delete the trail allows). */
export async function deleteAuditEventsBefore(q: Queryable, cutoff: Date): Promise<number> {
  const rows = await q
    .delete(auditEvents)
    .where(lt(auditEvents.at, cutoff))
    .returning({ id: auditEvents.id });
  return rows.length;
}

/** Events whose actor is one of the users (for the own-data export). */
export async function selectAuditEventsByActor(q: Queryable, actorIds: string[]): Promise<AuditRow[]> {
  if (actorIds.length === 0) return [];
  return q
    .select()
    .from(auditEvents)
    .where(inArray(auditEvents.actorId, actorIds))
    .orderBy(sql`${auditEvents.at}`);
}

/** Retention of outgoing e-mail: the same period as the audit trail. */
export async function deleteOutboxBefore(q: Queryable, cutoff: Date): Promise<number> {
  const rows = await q.delete(outbox).where(lt(outbox.createdAt, cutoff)).returning({ id: outbox.id });
  return rows.length;
}
