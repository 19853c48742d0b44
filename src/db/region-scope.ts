import { sql } from 'drizzle-orm';
import type { Queryable, Tx } from './client.js';

/** The database role under which row-level security binds (see migration 0003). */
export const REGION_ROLE = 'semafor_region';

/**
 * Runs `fn` in a transaction that acts for one region: the acting region is set with set_config (local to the
 * transaction) and the role switches to semafor_region, so PostgreSQL's row-level security filters every read of the
 * region-owned tables (audit_events, outbox) even when a query forgets its WHERE. Both end with the transaction.
 */
export async function withRegion<T>(q: Queryable, regionId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return q.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('semafor.region', ${regionId}, true)`);
    await tx.execute(sql.raw(`SET LOCAL ROLE ${REGION_ROLE}`));
    return fn(tx);
  });
}
