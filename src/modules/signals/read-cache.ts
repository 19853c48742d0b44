import type { Queryable } from '../../db/client.js';
import { type OccupationRow, selectRuns } from './signals.repo.js';

/**
 * Cache of read results (lists, lookups, serialised bytes) per database handle, valid while the set of signal runs
 * is unchanged: re-checked against signal_runs at most once a second, and dropped at once by a computation.
 */
export interface ReadCache {
  checkedAt: number;
  version: string;
  occupations?: Map<string, OccupationRow>;
  lists: Map<string, unknown>;
}
const readCache = new WeakMap<object, ReadCache>();

export async function cacheFor(q: Queryable): Promise<ReadCache> {
  const now = Date.now();
  const cached = readCache.get(q);
  if (cached && now - cached.checkedAt < 1000) return cached;
  const runs = await selectRuns(q);
  const version = runs
    .map((r) => `${r.methodVersion}/${r.roundId}/${r.inputHash}/${new Date(r.computedAt).getTime()}`)
    .sort()
    .join('|');
  if (cached && cached.version === version) {
    cached.checkedAt = now;
    return cached;
  }
  const fresh: ReadCache = { checkedAt: now, version, lists: new Map() };
  readCache.set(q, fresh);
  return fresh;
}

/** Drops the cached reads of a database handle (after a computation wrote new signals). */
export function forgetSignalReads(q: object): void {
  readCache.delete(q);
}
