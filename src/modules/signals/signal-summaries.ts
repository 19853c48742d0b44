import { type Indicator, type SignalClass, scoreIndicator } from '../../core/signals/index.js';
import type { Queryable } from '../../db/client.js';
import { AppError, notFound } from '../../errors.js';
import { cacheFor, geographyIndex, occupationMap, type ReadCache } from './read-cache.js';
import type { FieldName, RoundChoice, RoundInfo } from './read-types.js';
import { geographyType, methodOf, resolveRound, unstoredRow } from './signal-rounds.service.js';
import { type SignalSummaryRow, selectSignalSummaries } from './signal-summaries.repo.js';
import { selectGeographyClasses } from './signals.repo.js';

/**
 * A light read of the stored signals for rankings (the prioritisation draft; gap views may use it too): per
 * occupation the class, score, confidence, employees, 5-year retirements and the employment change as the list's
 * key indicators give it, without the rest of the list (drivers, outlook, every indicator with its provenance).
 *
 * Why: the full list reads each row's inputs whole and restores them against the round's defaults to find one
 * number, and the 21 counties' drafts spent most of their 11.5 s there. Here the database takes out the one
 * indicator, and the results are kept per set of signal runs (the signals module's read cache says when it
 * changed: a computation drops them at once). A county's summaries are read together with every other county of
 * the round (one query of ~5,000 small rows): a region's draft is seldom the only one made (all counties in the
 * benchmark, the sitemap, the education gaps), and one query costs less than 21.
 */

export interface SignalSummary {
  ssyk: string;
  label: { sv: string; en: string | null };
  fieldId: string | null;
  seqf: string | null;
  signalClass: SignalClass;
  score: number | null;
  watch: boolean;
  confidence: number;
  /** Employed in the occupation and geography (SCB context), null when not stored. */
  employees: number | null;
  /** Estimated retirements within 5 years, null when not stored. */
  retirements5: number | null;
  /** Employment change as it counts in the score (the list's key indicator), null when missing or not scored. */
  employmentChange: number | null;
  /** False for an occupation without a stored signal (it cannot meet the evidence rule in the round). */
  stored: boolean;
}

export interface SignalSummaries {
  geography: { id: string };
  round: RoundInfo;
  roundChoice: RoundChoice;
  methodVersion: string;
  /** Identifies the set of signal runs the summaries come from: equal versions, equal summaries. */
  runsVersion: string;
  /** Names of the occupations' fields. */
  fields: Record<string, FieldName>;
  /** One summary per SSYK-4 occupation, in code order (without a stored signal: the method's unstored signal). */
  signals: SignalSummary[];
}

type Method = ReturnType<typeof methodOf>;

/**
 * Kept beside the signals module's read cache of the database handle (a new set of runs, or a computation that
 * drops the cache, gives a new one): summaries by `method|round|geography`, classes likewise.
 */
interface SummaryCache {
  summaries: Map<string, Promise<Map<string, SignalSummaryRow[]>>>;
  /** The finished lists by `method|round|geography` (shared, read-only: callers must not change them). */
  lists: Map<string, { fields: Record<string, FieldName>; signals: SignalSummary[] }>;
  classes: Map<string, Promise<Map<string, SignalClass> | undefined>>;
}
const summaryCache = new WeakMap<ReadCache, SummaryCache>();

async function ownCache(q: Queryable): Promise<{ version: string; own: SummaryCache }> {
  const cache = await cacheFor(q);
  let own = summaryCache.get(cache);
  if (!own) {
    own = { summaries: new Map(), classes: new Map(), lists: new Map() };
    summaryCache.set(cache, own);
  }
  return { version: cache.version, own };
}

/** Keeps a pending read in a cache map, but not its failure (the next call reads again). */
function remember<T>(map: Map<string, Promise<T>>, key: string, read: Promise<T>): Promise<T> {
  map.set(key, read);
  read.catch(() => {
    if (map.get(key) === read) map.delete(key);
  });
  return read;
}

function employmentChangeOf(entry: Record<string, unknown> | null, method: Method): number | null {
  if (!entry || typeof entry.value !== 'number') return null;
  // As in the list's key indicators: the value counts only where the method scores it (e.g. not across a series
  // break unless the method allows it). The provenance fields the compact form leaves out do not affect the score.
  return scoreIndicator(entry as unknown as Indicator, method.definition).score === null ? null : entry.value;
}

/**
 * Geographies read together: a county's read brings every county and the country; other types are read one at a
 * time (290 municipalities or 60 FA regions at once would cost more than most callers need).
 */
function readGroup(geo: string, index: Map<string, { type: string }>): string[] {
  const type = geographyType(geo);
  if (type !== 'county' && type !== 'country') return [geo];
  return [...index.entries()].filter(([, g]) => g.type === type).map(([id]) => id);
}

/** The summary of every occupation of one geography in a round (see the module comment). */
export async function signalSummaries(
  q: Queryable,
  query: { geo: string; round?: string; method?: string },
): Promise<SignalSummaries> {
  const method = methodOf(query.method);
  const cache = await cacheFor(q);
  const [index, occupations, { round, choice }] = await Promise.all([
    geographyIndex(q, cache),
    occupationMap(q, cache),
    resolveRound(q, geographyType(query.geo), query.round, method.version),
  ]);
  const geography = index.get(query.geo);
  if (!geography) throw notFound('Geografi', query.geo);
  const { version, own } = await ownCache(q);
  const head = {
    geography: { id: query.geo },
    round,
    roundChoice: choice,
    methodVersion: method.version,
    runsVersion: version,
  };
  const keyOf = (geo: string) => `${method.version}|${round.roundId}|${geo}`;
  const done = own.lists.get(keyOf(query.geo));
  if (done) return { ...head, ...done };
  let pending = own.summaries.get(keyOf(query.geo));
  if (!pending) {
    const group = readGroup(query.geo, index).filter((g) => !own.summaries.has(keyOf(g)));
    if (!group.includes(query.geo)) group.push(query.geo);
    const read = selectSignalSummaries(q, {
      methodVersion: method.version,
      roundId: round.roundId,
      geographyIds: group,
    }).then((rows) => {
      const byGeo = new Map<string, SignalSummaryRow[]>(group.map((g) => [g, []]));
      for (const r of rows) byGeo.get(r.geographyId)?.push(r);
      return byGeo;
    });
    for (const g of group) remember(own.summaries, keyOf(g), read);
    pending = read;
  }
  const rows = (await pending).get(query.geo) ?? [];
  if (rows.length === 0 && geography.type === 'area') {
    throw new AppError(
      'not_found',
      `Signalerna för ${query.geo} är inte beräknade ännu; kör "semafor compute".`,
    );
  }
  const stored = new Map(rows.map((r) => [r.ssykCode, r]));
  const filler = unstoredRow(method);
  const fields: Record<string, FieldName> = {};
  const signals: SignalSummary[] = [];
  for (const o of [...occupations.values()].sort((a, b) => (a.code < b.code ? -1 : 1))) {
    if (o.fieldId && !fields[o.fieldId]) fields[o.fieldId] = { sv: o.fieldSv ?? '', en: o.fieldEn ?? '' };
    const r = stored.get(o.code);
    const occupation = {
      ssyk: o.code,
      label: { sv: o.labelSv, en: o.labelEn },
      fieldId: o.fieldId,
      seqf: o.seqf,
    };
    signals.push(
      r
        ? {
            ...occupation,
            signalClass: r.signalClass as SignalClass,
            score: r.score,
            watch: r.watch,
            confidence: r.confidence,
            employees: r.employees !== null && r.employeesYear !== null ? r.employees : null,
            retirements5: r.retirements5 !== null && r.retirements10 !== null ? r.retirements5 : null,
            employmentChange: employmentChangeOf(r.employmentChange, method),
            stored: true,
          }
        : {
            ...occupation,
            signalClass: filler.signalClass,
            score: filler.score,
            watch: filler.watch,
            confidence: filler.confidence,
            employees: null,
            retirements5: null,
            employmentChange: null,
            stored: false,
          },
    );
  }
  own.lists.set(keyOf(query.geo), { fields, signals });
  return { ...head, fields, signals };
}

/**
 * The class of every stored signal of some geographies in a round, by geography; a geography without stored
 * signals (e.g. a custom area not yet computed) is absent. Like `signalClassesByGeography`, but kept per set of
 * signal runs: the breadth of a shortage across a county's FA regions asks for the same regions again.
 */
export async function cachedSignalClasses(
  q: Queryable,
  query: { geographyIds: string[]; round: string; method?: string },
): Promise<Map<string, Map<string, SignalClass>>> {
  const method = methodOf(query.method);
  const { own } = await ownCache(q);
  const keyOf = (geo: string) => `${method.version}|${query.round}|${geo}`;
  const missing = query.geographyIds.filter((g) => !own.classes.has(keyOf(g)));
  if (missing.length > 0) {
    const read = selectGeographyClasses(q, {
      methodVersion: method.version,
      roundId: query.round,
      geographyIds: missing,
    }).then((rows) => {
      const byGeo = new Map<string, Map<string, SignalClass>>();
      for (const r of rows) {
        const m = byGeo.get(r.geographyId) ?? new Map<string, SignalClass>();
        byGeo.set(r.geographyId, m);
        m.set(r.ssykCode, r.signalClass as SignalClass);
      }
      return byGeo;
    });
    for (const g of missing) {
      remember(
        own.classes,
        keyOf(g),
        read.then((m) => m.get(g)),
      );
    }
  }
  const out = new Map<string, Map<string, SignalClass>>();
  for (const g of query.geographyIds) {
    const classes = await own.classes.get(keyOf(g));
    if (classes) out.set(g, classes);
  }
  return out;
}
