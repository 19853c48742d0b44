import {
  buildOccupationIndex,
  type MatchCandidate,
  matchTitle,
  type OccupationIndex,
  searchOccupationIndex,
  type TitleMatch,
} from '../../core/occupation-match/index.js';
import type { Queryable } from '../../db/client.js';
import { lastSucceededRun } from '../imports/import-runs.service.js';
import {
  listOccupationNamesWithSsyk,
  listSsyk4Labels,
  listSynonymsWithSsyk,
} from './occupation-names.repo.js';

export type { MatchCandidate, TitleMatch };

/** The sources the index is built from: SSYK labels, occupation names, keywords. */
const INDEX_SOURCES = ['ssyk', 'occupations', 'jobtech-taxonomy'] as const;

export const SEARCH_LIMIT_DEFAULT = 10;
export const SEARCH_LIMIT_MAX = 50;

/** Reads the three tables and builds the matching index (≈3,400 entries on the real data, ≈50 ms). */
export async function loadOccupationIndex(q: Queryable): Promise<OccupationIndex> {
  const [groups, names, synonyms] = await Promise.all([
    listSsyk4Labels(q),
    listOccupationNamesWithSsyk(q),
    listSynonymsWithSsyk(q),
  ]);
  return buildOccupationIndex({ groups, names, synonyms });
}

/**
 * The index per database handle, kept until the next successful import of one of {@link INDEX_SOURCES} (search as
 * you type asks for it on every keystroke). Used by search only: title matching runs inside region transactions
 * (role semafor_region, which cannot read import_runs) and builds its own index once per call.
 */
const indexCache = new WeakMap<object, { version: string; value: Promise<OccupationIndex> }>();

async function cachedIndex(q: Queryable): Promise<OccupationIndex> {
  const runs = await Promise.all(INDEX_SOURCES.map((id) => lastSucceededRun(q, id).then((r) => r?.id ?? 0)));
  const version = runs.join(':');
  const cached = indexCache.get(q);
  if (cached && cached.version === version) return cached.value;
  const value = loadOccupationIndex(q);
  indexCache.set(q, { version, value });
  value.catch(() => {
    if (indexCache.get(q)?.value === value) indexCache.delete(q);
  });
  return value;
}

/**
 * Occupations (SSYK-4) by name, synonym, SSYK label or code, for search as you type: one candidate per SSYK-4
 * group, best first, with the name or keyword that matched. An empty query gives no results.
 */
export async function searchOccupations(
  q: Queryable,
  query: string,
  options: { limit?: number } = {},
): Promise<MatchCandidate[]> {
  if (query.trim() === '') return [];
  const limit = Math.min(Math.max(1, options.limit ?? SEARCH_LIMIT_DEFAULT), SEARCH_LIMIT_MAX);
  return searchOccupationIndex(query, await cachedIndex(q), { limit });
}

/**
 * Matches free-text titles (an import file's column) to SSYK-4: one result per title, in order, each `matched`,
 * `ambiguous` (ask a person, the candidates are the choices) or `none`. Equal titles are matched once.
 * Safe inside `withRegion` (reads only tables granted to semafor_region).
 */
export async function matchOccupationTitles(
  q: Queryable,
  titles: readonly string[],
  options: { limit?: number } = {},
): Promise<TitleMatch[]> {
  if (titles.length === 0) return [];
  const index = await loadOccupationIndex(q);
  const memo = new Map<string, TitleMatch>();
  return titles.map((title) => {
    let result = memo.get(title);
    if (!result) {
      result = matchTitle(title, index, options);
      memo.set(title, result);
    }
    return result;
  });
}
