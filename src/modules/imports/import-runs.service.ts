import type { Queryable } from '../../db/client.js';
import { findLastSucceededRun, type ImportRun, listImportRuns } from './import-runs.repo.js';

/**
 * What other modules may ask about import runs. The imports module owns `import_runs`; other modules go through
 * this service instead of its repo (Biome refuses cross-module repo imports).
 */
export type { ImportRun };

/** The latest successful run of a source, if any: other modules key their caches on its id. */
export function lastSucceededRun(q: Queryable, sourceId: string): Promise<ImportRun | undefined> {
  return findLastSucceededRun(q, sourceId);
}

/** Runs of the given sources (all when omitted), newest first. */
export function importRuns(
  q: Queryable,
  options: { sourceIds?: string[]; limit?: number } = {},
): Promise<ImportRun[]> {
  return listImportRuns(q, options);
}
