import { type SQL, sql } from 'drizzle-orm';
import type { Queryable } from './client.js';

/** Runs raw SQL on either driver and returns rows plus the affected-row count (PGlite and pg name it differently). */
export async function execute<Row = Record<string, unknown>>(
  q: Queryable,
  query: SQL,
): Promise<{ rows: Row[]; affected: number }> {
  const result = (await q.execute(query)) as unknown as {
    rows?: Row[];
    rowCount?: number | null;
    affectedRows?: number;
  };
  return { rows: result.rows ?? [], affected: result.affectedRows ?? result.rowCount ?? 0 };
}

/**
 * True when the database answers `SELECT 1` within the time limit. A PostgreSQL pool whose server is down fails
 * on connect; an unreachable host may not fail at all for a long time, hence the limit.
 */
export async function pingDatabase(q: Queryable, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([
      q.execute(sql`select 1`).then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
