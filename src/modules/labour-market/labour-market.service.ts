import type { Queryable } from '../../db/client.js';
import {
  assessedForecastRowsBySsyk,
  barometerRowsBySsyk,
  faLocalIndexBySsyk,
  latestOf,
  listRounds,
  packedAgeStructureBySsyk,
  packedEmployeesBySsyk,
  type Round,
} from './labour-market.repo.js';

/**
 * Reads other modules use as they are (no use-case logic on top): the service is the module's public interface,
 * so no other module imports the repo.
 */
export {
  type AgeRow,
  ageStructureBySsyk,
  type BarometerAssessment,
  barometerAssessments,
  type EmployeesRow,
  employeesBySsyk,
  type FaAssessment,
  type ForecastIndexBySsyk,
  faLocalIndexBySsyk,
  forecastIndexBySsyk,
  listRounds,
  type Round,
} from './labour-market.repo.js';

export interface RoundOverview {
  dataset: string;
  roundId: string;
  label: string;
  periodStart: string;
  periodEnd: string;
  publishedOn: string | null;
  dateBasis: string;
  series: string | null;
  breakBefore: boolean;
  note: string | null;
  /** True for the latest round of its dataset (the default when a user picks none). */
  latest: boolean;
}

export interface SourceRounds {
  sourceId: string;
  rounds: RoundOverview[];
}

/**
 * The rounds/periods of every labour-market source, grouped per source (sorted by source id), each source's rounds
 * ordered by dataset and then by period (oldest first), with the latest round of each dataset marked.
 */
export async function listRoundsBySource(q: Queryable, sourceId?: string): Promise<SourceRounds[]> {
  const rounds = await listRounds(q, sourceId);
  const bySource = new Map<string, Round[]>();
  for (const r of rounds) bySource.set(r.sourceId, [...(bySource.get(r.sourceId) ?? []), r]);
  return [...bySource.keys()].sort().map((id) => {
    const mine = bySource.get(id) ?? [];
    const latest = new Set<Round>();
    for (const dataset of new Set(mine.map((r) => r.dataset))) {
      const best = latestOf(mine.filter((r) => r.dataset === dataset));
      if (best) latest.add(best);
    }
    const ordered = [...mine].sort(
      (a, b) =>
        a.dataset.localeCompare(b.dataset) ||
        a.periodStart.localeCompare(b.periodStart) ||
        a.roundId.localeCompare(b.roundId),
    );
    return {
      sourceId: id,
      rounds: ordered.map((r) => ({
        dataset: r.dataset,
        roundId: r.roundId,
        label: r.label,
        periodStart: r.periodStart,
        periodEnd: r.periodEnd,
        publishedOn: r.publishedOn,
        dateBasis: r.dateBasis,
        series: r.series,
        breakBefore: r.breakBefore,
        note: r.note,
        latest: latest.has(r),
      })),
    };
  });
}

/**
 * The labour-market part of the signal method's knowledge base: every round, the barometer and forecast rows per
 * SSYK code, the FA local index joined to SSYK, and SCB's employees (per county) and national age structure packed
 * per occupation. `ssyk` limits it to one occupation.
 */
export async function readSignalKnowledge(q: Queryable, ssyk?: string) {
  const [rounds, barometer, forecast, faLocal, employees, ages] = await Promise.all([
    listRounds(q),
    barometerRowsBySsyk(q, ssyk),
    assessedForecastRowsBySsyk(q, ssyk),
    faLocalIndexBySsyk(q, { ssykCode: ssyk }),
    packedEmployeesBySsyk(q, ssyk),
    packedAgeStructureBySsyk(q, ssyk),
  ]);
  return { rounds, barometer, forecast, faLocal, employees, ages };
}
