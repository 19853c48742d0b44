import type { Queryable } from '../../db/client.js';
import { sourceAdapters } from '../../sources/registry.js';
import { type ImportRun, importRuns } from '../imports/import-runs.service.js';

export interface SourceOverview {
  id: string;
  title: { sv: string; en: string };
  description: { sv: string; en: string };
  publisher: string;
  licence: string;
  homepage: string;
  cadence: string;
  files: Array<{ path: string; url: string; optional?: boolean }>;
  lastRun: ImportRun | null;
  lastSuccessfulRun: ImportRun | null;
  runs: ImportRun[];
}

/** Every adapter with where its data comes from, its licence and its import runs (newest first). */
export async function listSources(
  q: Queryable,
  options: { runsPerSource?: number } = {},
): Promise<SourceOverview[]> {
  const runs = await importRuns(q, { limit: 1000 });
  return sourceAdapters.map((adapter) => {
    const mine = runs.filter((r) => r.sourceId === adapter.meta.id);
    return {
      ...adapter.meta,
      files: adapter.files.map((f) => ({
        path: f.path,
        url: f.url,
        ...(f.optional ? { optional: true } : {}),
      })),
      lastRun: mine[0] ?? null,
      lastSuccessfulRun: mine.find((r) => r.status === 'succeeded') ?? null,
      runs: mine.slice(0, options.runsPerSource ?? 10),
    };
  });
}
