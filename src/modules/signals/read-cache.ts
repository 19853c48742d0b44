import type { Queryable } from '../../db/client.js';
import { type PreparedJson, prepareJson } from '../../server/cached-json.js';
import type { FieldName, RoundInfo, SignalListItem } from './read-types.js';
import { type OccupationRow, selectGeographyRows, selectOccupations, selectRuns } from './signals.repo.js';

export interface GeographyRow {
  id: string;
  type: string;
  code: string;
  parentId: string | null;
}

/** A municipality with the FA region and county containing it (for maps that fall back to a coarser level). */
export interface MunicipalityParents {
  id: string;
  fa: string | undefined;
  county: string | undefined;
}

/** All rows of one geography's list in a round, before filters, with the names of their fields. */
export interface ListRows {
  rows: SignalListItem[];
  fields: Map<string, FieldName>;
  /** The needs window of the round's computation (methods that score needs), else null. */
  needs: { since: string; until: string } | null;
}

/**
 * Cache of read results (lookups, lists, serialised bytes) per database handle, valid while the set of signal runs
 * is unchanged: re-checked against signal_runs at most once a second, and dropped at once by a computation. One
 * typed slot per kind of result.
 */
export interface ReadCache {
  checkedAt: number;
  version: string;
  occupations?: Map<string, OccupationRow>;
  geographies?: Map<string, GeographyRow>;
  municipalityParents?: MunicipalityParents[];
  /** Computed rounds with coverage and defaults, per method version. */
  rounds: Map<string, Promise<Array<Omit<RoundInfo, 'age'>>>>;
  /** Unfiltered lists by `method|round|geography`. */
  lists: Map<string, ListRows>;
  /** HTTP-ready JSON by query key. */
  prepared: Map<string, Promise<PreparedJson>>;
  /** UTC day the prepared JSON was made on: it holds the age of the data, so it is dropped when the day changes. */
  preparedDay?: string;
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
  const fresh: ReadCache = {
    checkedAt: now,
    version,
    rounds: new Map(),
    lists: new Map(),
    prepared: new Map(),
  };
  readCache.set(q, fresh);
  return fresh;
}

/** Drops the cached reads of a database handle (after a computation wrote new signals). */
export function forgetSignalReads(q: object): void {
  readCache.delete(q);
}

/**
 * A read as JSON ready for HTTP (bytes, compressed variants, ETag), prepared once per cache entry: hot requests
 * skip the read, serialisation and compression. Concurrent first requests share one preparation; a failure
 * (unknown geography, no computed round) is not kept, so the next request reads again.
 */
export async function preparedRead(
  q: Queryable,
  key: string,
  read: () => Promise<unknown>,
): Promise<PreparedJson> {
  const cache = await cacheFor(q);
  const today = new Date().toISOString().slice(0, 10);
  if (cache.preparedDay !== today) {
    cache.prepared.clear();
    cache.preparedDay = today;
  }
  const hit = cache.prepared.get(key);
  if (hit) return hit;
  const prepared = read().then((value) => prepareJson(Buffer.from(JSON.stringify(value))));
  cache.prepared.set(key, prepared);
  prepared.catch(() => {
    if (cache.prepared.get(key) === prepared) cache.prepared.delete(key);
  });
  return prepared;
}

/** Every geography by id (cached). */
export async function geographyIndex(q: Queryable, cache: ReadCache): Promise<Map<string, GeographyRow>> {
  cache.geographies ??= new Map((await selectGeographyRows(q)).map((g) => [g.id, g]));
  return cache.geographies;
}

/** Every SSYK-4 occupation by code with field and SeQF band (cached). */
export async function occupationMap(q: Queryable, cache: ReadCache): Promise<Map<string, OccupationRow>> {
  cache.occupations ??= new Map((await selectOccupations(q)).map((o) => [o.code, o]));
  return cache.occupations;
}
