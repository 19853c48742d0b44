import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { signals } from '../../db/schema/index.js';

/**
 * The SQL of the signal summaries (signal-summaries.ts): the few columns a ranking needs, and of a row's stored
 * inputs only its employment-change indicator, taken out in the database. Reading and parsing the whole inputs
 * (and restoring them against the round's defaults) was most of the time of the prioritisation draft.
 */

export interface SignalSummaryRow {
  geographyId: string;
  ssykCode: string;
  signalClass: string;
  score: number | null;
  watch: boolean;
  confidence: number;
  employees: number | null;
  employeesYear: number | null;
  retirements5: number | null;
  retirements10: number | null;
  /** The stored `employment_change` indicator entry (compact form), or null when the row has none. */
  employmentChange: Record<string, unknown> | null;
}

/** The summary columns of every stored signal of some geographies in a round (PK prefix lookups). */
export async function selectSignalSummaries(
  q: Queryable,
  key: { methodVersion: string; roundId: string; geographyIds: string[] },
): Promise<SignalSummaryRow[]> {
  if (key.geographyIds.length === 0) return [];
  return q
    .select({
      geographyId: signals.geographyId,
      ssykCode: signals.ssykCode,
      signalClass: signals.signalClass,
      score: signals.score,
      watch: signals.watch,
      confidence: signals.confidence,
      employees: signals.employees,
      employeesYear: signals.employeesYear,
      retirements5: signals.retirements5,
      retirements10: signals.retirements10,
      employmentChange: sql<Record<
        string,
        unknown
      > | null>`(select e from json_array_elements(${signals.inputs}->'indicators') e where e->>'kind' = 'employment_change' limit 1)`,
    })
    .from(signals)
    .where(
      and(
        eq(signals.methodVersion, key.methodVersion),
        eq(signals.roundId, key.roundId),
        inArray(signals.geographyId, key.geographyIds),
      ),
    )
    .orderBy(signals.geographyId, signals.ssykCode);
}
