import type { SQL } from 'drizzle-orm';
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
