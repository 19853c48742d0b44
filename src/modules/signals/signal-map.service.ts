import type { SignalClass } from '../../core/signals/index.js';
import type { Queryable } from '../../db/client.js';
import { notFound } from '../../errors.js';
import type { PreparedJson } from '../../server/cached-json.js';
import {
  cacheFor,
  geographyIndex,
  type MunicipalityParents,
  occupationMap,
  preparedRead,
  type ReadCache,
} from './read-cache.js';
import type { ClassOverview, MapEntry, SignalMap, SignalMapQuery } from './read-types.js';
import { geographyType, methodOf, resolveRound, unstoredRow } from './signal-rounds.service.js';
import {
  countClassesByGeography,
  selectGeographyRows,
  selectMemberRows,
  selectOccupationSignals,
} from './signals.repo.js';

/** Every municipality with its FA region and county (cached). */
async function municipalityParents(q: Queryable, cache: ReadCache): Promise<MunicipalityParents[]> {
  if (!cache.municipalityParents) {
    const [geoRows, memberRows] = await Promise.all([selectGeographyRows(q), selectMemberRows(q)]);
    const fa = new Map<string, string>();
    for (const m of memberRows)
      if (m.geographyId.startsWith('fa:')) fa.set(m.municipalityCode, m.geographyId);
    cache.municipalityParents = geoRows
      .filter((g) => g.type === 'municipality')
      .map((g) => ({ id: g.id, fa: fa.get(g.code), county: g.parentId ?? undefined }));
  }
  return cache.municipalityParents;
}

/** Class per geography of a type for one occupation (municipalities show the finest computed level containing them). */
export async function signalMap(q: Queryable, query: SignalMapQuery): Promise<SignalMap> {
  const method = methodOf(query.method);
  const { round } = await resolveRound(
    q,
    query.type === 'municipality' ? 'county' : query.type,
    query.round,
    method.version,
  );
  const rows = await selectOccupationSignals(q, {
    methodVersion: method.version,
    roundId: round.roundId,
    ssykCode: query.ssyk,
  });
  const cache = await cacheFor(q);
  if (!(await occupationMap(q, cache)).has(query.ssyk)) throw notFound('Yrke (SSYK-4)', query.ssyk);
  const byGeo = new Map(rows.map((r) => [r.geographyId, r]));
  // Computed geographies without a stored row could not meet the evidence rule: the method's unstored signal.
  const unstored = unstoredRow(method);
  for (const g of (await geographyIndex(q, cache)).values()) {
    if (round.geographyTypes.includes(g.type) && g.type !== 'municipality' && !byGeo.has(g.id)) {
      const filler = { ...unstored, geographyId: g.id };
      byGeo.set(g.id, filler);
      rows.push(filler);
    }
  }
  const entry = (id: string, r: (typeof rows)[number], via?: string): MapEntry => ({
    geographyId: id,
    signalClass: r.signalClass as SignalClass,
    score: r.score,
    watch: r.watch,
    outlook: r.outlook,
    confidence: r.confidence,
    ...(via ? { via } : {}),
  });
  if (query.type !== 'municipality') {
    return {
      ssyk: query.ssyk,
      type: query.type,
      round,
      entries: rows
        .filter((r) => geographyType(r.geographyId) === query.type)
        .map((r) => entry(r.geographyId, r))
        .sort((a, b) => (a.geographyId < b.geographyId ? -1 : 1)),
    };
  }
  const entries: MapEntry[] = [];
  // The finest computed geography containing a municipality: an FA region when the round measures FA regions, else
  // the county.
  const faFirst = round.dataset === 'af-yrkesprognoser/bedomning';
  for (const p of await municipalityParents(q, cache)) {
    const own = byGeo.get(p.id);
    if (own) {
      entries.push(entry(p.id, own));
      continue;
    }
    const order = faFirst ? [p.fa, p.county] : [p.county, p.fa];
    const via = order.find((id): id is string => id !== undefined && byGeo.has(id));
    const parent = via === undefined ? undefined : byGeo.get(via);
    if (via && parent) entries.push(entry(p.id, parent, via));
  }
  return {
    ssyk: query.ssyk,
    type: query.type,
    round,
    entries: entries.sort((a, b) => (a.geographyId < b.geographyId ? -1 : 1)),
  };
}

/** The map of `signalMap` as prepared JSON for the API, cached per query. */
export function signalMapJson(q: Queryable, query: SignalMapQuery): Promise<PreparedJson> {
  const key = `map|${query.method ?? ''}|${query.ssyk}|${query.type}|${query.round ?? ''}`;
  return preparedRead(q, key, () => signalMap(q, query));
}

/**
 * How many occupations each county (or FA region) has in each class in a round (default: the round with the widest
 * coverage): the overview /karta starts with. Occupations without a stored signal could not meet the evidence rule
 * and count as insufficient evidence, as on the list.
 */
export async function classOverview(
  q: Queryable,
  query: { type: 'county' | 'fa'; round?: string; method?: string },
): Promise<ClassOverview> {
  const method = methodOf(query.method);
  const { round, choice } = await resolveRound(q, query.type, query.round, method.version);
  const cache = await cacheFor(q);
  const occupations = (await occupationMap(q, cache)).size;
  const rows = await countClassesByGeography(q, { methodVersion: method.version, roundId: round.roundId });
  const byGeo = new Map<string, Record<SignalClass, number>>();
  for (const g of (await geographyIndex(q, cache)).values()) {
    if (g.type === query.type)
      byGeo.set(g.id, { brist: 0, paradox: 0, balans: 0, overskott: 0, otillrackligt_underlag: 0 });
  }
  for (const row of rows) {
    const counts = byGeo.get(row.geographyId);
    if (counts) counts[row.signalClass as SignalClass] += Number(row.count);
  }
  for (const counts of byGeo.values()) {
    const stored = Object.values(counts).reduce((sum, n) => sum + n, 0);
    counts.otillrackligt_underlag += Math.max(0, occupations - stored);
  }
  return {
    type: query.type,
    round,
    roundChoice: choice,
    occupations,
    entries: [...byGeo.entries()]
      .map(([geographyId, counts]) => ({ geographyId, counts }))
      .sort((a, b) => (a.geographyId < b.geographyId ? -1 : 1)),
  };
}
