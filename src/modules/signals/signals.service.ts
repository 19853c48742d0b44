import { createHash } from 'node:crypto';
import {
  classLabels,
  computeSignal,
  currentMethod,
  findMethod,
  type Method,
  type Signal,
  type SignalClass,
  type SignalInput,
} from '../../core/signals/index.js';
import type { Database, Queryable } from '../../db/client.js';
import type { KeyIndicator } from '../../db/schema/signals.js';
import { AppError, notFound } from '../../errors.js';
import { faLocalIndexBySsyk } from '../labour-market/labour-market.repo.js';
import {
  buildRoundInputs,
  type GeoInfo,
  type KnowledgeBase,
  type ScbCache,
  type SignalRound,
  seriesBreaks,
  signalRounds,
} from './signal-inputs.js';
import {
  deleteRound,
  type NewSignal,
  type OccupationRow,
  replaceRoundSignals,
  selectBarometer,
  selectEmployees,
  selectEmployeesByAge,
  selectForecastIndex,
  selectGeographyRows,
  selectGeographySignals,
  selectImportState,
  selectLatestPopulation,
  selectMemberRows,
  selectOccupationSignals,
  selectOccupations,
  selectRounds,
  selectRuns,
  selectSignal,
} from './signals.repo.js';

/** Sources whose data the signals read; a new import of any of them triggers a recompute. */
export const SIGNAL_SOURCES = [
  'af-yrkesbarometer',
  'af-yrkesprognoser',
  'scb-yrkesregistret',
  'geo',
  'ssyk',
  'occupations',
];

export interface LoadedKnowledgeBase {
  kb: KnowledgeBase;
  rounds: SignalRound[];
  /** Hash of the import runs and custom areas the knowledge base came from. */
  dataHash: string;
}

/** Reads everything the method needs from the database into memory (one pass per table). */
export async function loadKnowledgeBase(
  q: Queryable,
  options: { ssyk?: string } = {},
): Promise<LoadedKnowledgeBase> {
  const only = options.ssyk;
  const [
    occupations,
    geoRows,
    memberRows,
    population,
    rounds,
    barometer,
    forecast,
    faLocal,
    employees,
    ages,
    imports,
  ] = await Promise.all([
    selectOccupations(q),
    selectGeographyRows(q),
    selectMemberRows(q),
    selectLatestPopulation(q),
    selectRounds(q),
    selectBarometer(q, only),
    selectForecastIndex(q, only),
    faLocalIndexBySsyk(q, { ssykCode: only }),
    selectEmployees(q, only),
    selectEmployeesByAge(q, only),
    selectImportState(q),
  ]);
  const geos = new Map<string, GeoInfo>(geoRows.map((g) => [g.id, g]));
  const members = new Map<string, string[]>();
  for (const m of memberRows) {
    const list = members.get(m.geographyId);
    if (list) list.push(m.municipalityCode);
    else members.set(m.geographyId, [m.municipalityCode]);
  }
  const municipalityCounty = new Map<string, string>();
  for (const g of geoRows)
    if (g.type === 'municipality' && g.parentId) municipalityCounty.set(g.code, g.parentId);
  const municipalityFa = new Map<string, string>();
  for (const g of geoRows) {
    if (g.type !== 'fa') continue;
    for (const code of members.get(g.id) ?? []) municipalityFa.set(code, g.id);
  }
  const emp: KnowledgeBase['employees'] = new Map();
  const scbYears = new Set<number>();
  for (const e of employees) {
    scbYears.add(e.year);
    let byCounty = emp.get(e.ssykCode);
    if (!byCounty) {
      byCounty = new Map();
      emp.set(e.ssykCode, byCounty);
    }
    let byYear = byCounty.get(e.geographyId);
    if (!byYear) {
      byYear = new Map();
      byCounty.set(e.geographyId, byYear);
    }
    byYear.set(e.year, { men: e.men, women: e.women });
  }
  const ageMap: KnowledgeBase['ages'] = new Map();
  for (const a of ages) {
    let byYear = ageMap.get(a.ssykCode);
    if (!byYear) {
      byYear = new Map();
      ageMap.set(a.ssykCode, byYear);
    }
    const list = byYear.get(a.year) ?? [];
    list.push({ ageGroup: a.ageGroup, employees: a.men + a.women });
    byYear.set(a.year, list);
  }
  const kb: KnowledgeBase = {
    ssykCodes: occupations.map((o) => o.code).sort(),
    geos,
    members,
    population: new Map(population.map((p) => [p.code, p.total])),
    municipalityCounty,
    municipalityFa,
    employees: emp,
    ages: ageMap,
    scbYears: [...scbYears].sort((a, b) => a - b),
    breaks: seriesBreaks(rounds),
    barometer,
    forecast,
    faLocal,
  };
  const areas = geoRows
    .filter((g) => g.type === 'area')
    .map((g) => `${g.id}=${(members.get(g.id) ?? []).sort().join(',')}`)
    .sort();
  const relevant = imports
    .filter((i) => SIGNAL_SOURCES.includes(i.sourceId))
    .sort((a, b) => (a.sourceId < b.sourceId ? -1 : 1));
  const dataHash = createHash('sha256')
    .update(JSON.stringify({ imports: relevant.map((i) => [i.sourceId, i.hash]), areas }))
    .digest('hex')
    .slice(0, 16);
  return { kb, rounds: signalRounds(rounds, kb), dataHash };
}

export interface ComputeOptions {
  method?: Method;
  /** Only these rounds (default: all). */
  rounds?: string[];
  /** Recompute even when nothing changed since the last run. */
  force?: boolean;
  now?: () => Date;
  onRound?: (summary: RoundSummary) => void;
}

export interface RoundSummary {
  roundId: string;
  label: string;
  status: 'computed' | 'unchanged';
  /** Every occupation × geography of the round. */
  signals: number;
  /** Rows written: the pairs with at least one AF assessment (the rest are otillräckligt underlag by rule). */
  stored: number;
  byClass: Partial<Record<SignalClass, number>>;
  seconds: number;
  /** Seconds spent building the inputs, classifying, and writing. */
  phases?: { build: number; classify: number; write: number };
}

export interface ComputeSummary {
  methodVersion: string;
  methodHash: string;
  rounds: RoundSummary[];
  signals: number;
  seconds: number;
  /** Seconds spent reading the knowledge base. */
  loadSeconds: number;
}

const keyIndicatorsOf = (signal: Signal, input: SignalInput): KeyIndicator[] =>
  signal.explanation.indicators
    .map((e, i) => ({ e, raw: input.indicators[i] }))
    .filter(({ e }) => e.score !== null)
    .map(({ e, raw }) => ({
      kind: e.kind,
      value: raw && 'value' in raw ? (raw.value as number | string | null) : null,
      score: e.score,
      sourceId: e.sourceId,
      period: e.period,
      estimated: e.estimated,
    }));

/**
 * Version of the stored row format (columns derived from the signal beyond the method's own output). Part of the
 * skip hash in computeSignals, so rows written before a new column existed are recomputed and filled.
 */
export const ROW_FORMAT = 2;

/** Turns a computed signal into its table row. */
export function toRow(signal: Signal, input: SignalInput): NewSignal {
  const { ssyk: _s, geographyId: _g, round: _r, ...inputs } = input;
  const { employees, retirements } = signal.explanation.context;
  return {
    methodVersion: signal.methodVersion,
    roundId: signal.round,
    geographyId: signal.geographyId,
    ssykCode: signal.ssyk,
    methodHash: signal.methodHash,
    signalClass: signal.signalClass,
    score: signal.score,
    watch: signal.watch,
    outlook: signal.outlook,
    confidence: signal.confidence,
    keyIndicators: keyIndicatorsOf(signal, input),
    drivers: signal.drivers.map((d) => d.code),
    inputs: inputs as unknown as Record<string, unknown>,
    employees: employees ? Math.round(employees.value) : null,
    employeesYear: employees ? employees.year : null,
    retirements5: retirements ? Math.round(retirements.within5) : null,
    retirements10: retirements ? Math.round(retirements.within10) : null,
    retirementsEstimated: retirements ? retirements.estimated : null,
  };
}

/**
 * Computes and stores the signals of every round (occupation × geography) with a method version. A round whose
 * inputs (import runs, custom areas, method hash) are unchanged since its last run is skipped unless `force`.
 * Other method versions' rows are kept.
 */
export async function computeSignals(
  database: Database,
  options: ComputeOptions = {},
): Promise<ComputeSummary> {
  const started = performance.now();
  const method = options.method ?? currentMethod;
  const now = options.now ?? (() => new Date());
  const { kb, rounds, dataHash } = await loadKnowledgeBase(database.db);
  const loadSeconds = (performance.now() - started) / 1000;
  const runs = new Map((await selectRuns(database.db, method.version)).map((r) => [r.roundId, r]));
  const wanted = options.rounds ? rounds.filter((r) => options.rounds?.includes(r.id)) : rounds;
  if (options.rounds) {
    const unknown = options.rounds.filter((id) => !rounds.some((r) => r.id === id));
    if (unknown.length > 0) {
      throw new AppError(
        'not_found',
        `Okänd omgång: ${unknown.join(', ')}. Kända: ${rounds.map((r) => r.id).join(', ')}`,
      );
    }
  } else {
    for (const stale of runs.keys())
      if (!rounds.some((r) => r.id === stale)) await deleteRound(database.db, method.version, stale);
  }
  const summaries: RoundSummary[] = [];
  const scbCache: ScbCache = new Map();
  for (const round of wanted) {
    const t0 = performance.now();
    const inputHash = createHash('sha256')
      .update(`${method.hash}|${dataHash}|${round.id}|${round.referenceDate}|row${ROW_FORMAT}`)
      .digest('hex')
      .slice(0, 16);
    const previous = runs.get(round.id);
    if (
      !options.force &&
      previous &&
      previous.inputHash === inputHash &&
      previous.methodHash === method.hash
    ) {
      const summary: RoundSummary = {
        roundId: round.id,
        label: round.label,
        status: 'unchanged',
        signals: previous.signalCount,
        stored: 0,
        byClass: {},
        seconds: 0,
      };
      summaries.push(summary);
      options.onRound?.(summary);
      continue;
    }
    const { inputs: built, geographies } = buildRoundInputs(kb, round, method.definition, scbCache, {
      onlyAssessed: true,
    });
    const tBuilt = performance.now();
    const rows: NewSignal[] = new Array(built.length);
    const total = geographies.length * kb.ssykCodes.length;
    // Pairs without any AF assessment are otillräckligt underlag by the evidence rule; they are listed, not stored.
    const byClass: Partial<Record<SignalClass, number>> = { otillrackligt_underlag: total - built.length };
    built.forEach(({ input }, i) => {
      const signal = computeSignal(input, method, { explain: false });
      byClass[signal.signalClass] = (byClass[signal.signalClass] ?? 0) + 1;
      rows[i] = toRow(signal, input);
    });
    const types = [...new Set(geographies.map((g) => g.type))].sort();
    const tClassified = performance.now();
    const seconds = (performance.now() - t0) / 1000;
    await replaceRoundSignals(
      database,
      {
        methodVersion: method.version,
        roundId: round.id,
        methodHash: method.hash,
        label: round.label,
        dataset: round.dataset,
        referenceDate: round.referenceDate,
        geographyTypes: types,
        inputHash,
        signalCount: total,
        seconds,
        computedAt: now(),
      },
      rows,
    );
    const summary: RoundSummary = {
      roundId: round.id,
      label: round.label,
      status: 'computed',
      signals: total,
      stored: rows.length,
      byClass,
      seconds: (performance.now() - t0) / 1000,
      phases: {
        build: (tBuilt - t0) / 1000,
        classify: (tClassified - tBuilt) / 1000,
        write: (performance.now() - tClassified) / 1000,
      },
    };
    summaries.push(summary);
    options.onRound?.(summary);
  }
  readCache.delete(database.db);
  return {
    methodVersion: method.version,
    methodHash: method.hash,
    rounds: summaries,
    signals: summaries.reduce((s, r) => s + r.signals, 0),
    seconds: (performance.now() - started) / 1000,
    loadSeconds,
  };
}

/** Recomputes when the data changed since the last computation (after imports and at server start-up). */
export async function recomputeIfChanged(database: Database): Promise<ComputeSummary> {
  return computeSignals(database);
}

// ---- reading ------------------------------------------------------------------------------------------------------

interface ReadCache {
  checkedAt: number;
  version: string;
  occupations?: Map<string, OccupationRow>;
  lists: Map<string, unknown>;
}
const readCache = new WeakMap<object, ReadCache>();

/** Cache of read results, valid while the set of signal runs is unchanged (re-checked at most once a second). */
async function cacheFor(q: Queryable): Promise<ReadCache> {
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

const INSUFFICIENT = {
  signalClass: 'otillrackligt_underlag',
  score: null,
  watch: false,
  outlook: null,
  confidence: 1,
  drivers: [] as string[],
  keyIndicators: [] as KeyIndicator[],
  employees: null,
  employeesYear: null,
  retirements5: null,
  retirements10: null,
  retirementsEstimated: null,
};

type GeoIndex = Map<string, { id: string; type: string; code: string; parentId: string | null }>;

async function geographyIndex(q: Queryable, cache: ReadCache): Promise<GeoIndex> {
  let index = cache.lists.get('geographies') as GeoIndex | undefined;
  if (!index) {
    index = new Map((await selectGeographyRows(q)).map((g) => [g.id, g]));
    cache.lists.set('geographies', index);
  }
  return index;
}

async function occupationMap(q: Queryable, cache: ReadCache): Promise<Map<string, OccupationRow>> {
  if (!cache.occupations) cache.occupations = new Map((await selectOccupations(q)).map((o) => [o.code, o]));
  return cache.occupations;
}

export interface RoundInfo {
  methodVersion: string;
  methodHash: string;
  roundId: string;
  label: string;
  dataset: string;
  referenceDate: string;
  geographyTypes: string[];
  signalCount: number;
  computedAt: Date;
}

/** Computed rounds of a method version, newest reference date first. */
export async function listRounds(q: Queryable, methodVersion = currentMethod.version): Promise<RoundInfo[]> {
  const runs = await selectRuns(q, methodVersion);
  return runs
    .map((r) => ({
      methodVersion: r.methodVersion,
      methodHash: r.methodHash,
      roundId: r.roundId,
      label: r.label,
      dataset: r.dataset,
      referenceDate: r.referenceDate,
      geographyTypes: r.geographyTypes,
      signalCount: r.signalCount,
      computedAt: r.computedAt,
    }))
    .sort((a, b) => (a.referenceDate < b.referenceDate ? 1 : a.referenceDate > b.referenceDate ? -1 : 0));
}

function geographyType(id: string): string {
  return id.slice(0, id.indexOf(':'));
}

/** The round to use: the one asked for, else the newest computed round that covers the geography's type. */
async function resolveRound(
  q: Queryable,
  type: string,
  roundId: string | undefined,
  methodVersion: string,
): Promise<RoundInfo> {
  const rounds = await listRounds(q, methodVersion);
  if (rounds.length === 0) {
    throw new AppError(
      'not_found',
      'Inga signaler är beräknade ännu. Importera data och kör "semafor compute".',
    );
  }
  if (roundId) {
    const round = rounds.find((r) => r.roundId === roundId);
    if (!round) throw notFound('Omgång', roundId);
    if (!round.geographyTypes.includes(type)) {
      throw new AppError(
        'not_found',
        `Omgång ${roundId} har inga signaler för geografityp "${type}" (bara ${round.geographyTypes.join(', ')}).`,
        { round: roundId, geographyTypes: round.geographyTypes },
      );
    }
    return round;
  }
  const round = rounds.find((r) => r.geographyTypes.includes(type));
  if (!round) throw new AppError('not_found', `Ingen beräknad omgång täcker geografityp "${type}".`);
  return round;
}

export interface SignalListItem {
  ssyk: string;
  label: { sv: string; en: string | null };
  field: { id: string; sv: string; en: string } | null;
  seqf: string | null;
  signalClass: SignalClass;
  classLabel: { sv: string; en: string };
  score: number | null;
  watch: boolean;
  outlook: string | null;
  confidence: number;
  drivers: string[];
  keyIndicators: KeyIndicator[];
  /** Employed in the occupation and geography (SCB), from the signal's context; null when not stored. */
  employees: { value: number; year: number } | null;
  /** Estimated retirements (SCB age structure), from the signal's context; null when not stored. */
  retirements: { within5: number; within10: number; estimated: boolean } | null;
  round: string;
}

export interface SignalListQuery {
  geo: string;
  round?: string;
  field?: string;
  seqf?: string;
  signalClass?: SignalClass;
  method?: string;
}

export interface SignalList {
  geography: { id: string };
  round: RoundInfo;
  methodVersion: string;
  total: number;
  signals: SignalListItem[];
}

const collator = new Intl.Collator('sv');

function methodOf(version: string | undefined): Method {
  const method = findMethod(version ?? currentMethod.version);
  if (!method) throw notFound('Metodversion', version ?? '');
  return method;
}

/** One row per occupation for a geography and round (all 400 SSYK-4 groups), filtered by field, SeQF or class. */
export async function listSignals(q: Queryable, query: SignalListQuery): Promise<SignalList> {
  const method = methodOf(query.method);
  const cache = await cacheFor(q);
  const round = await resolveRound(q, geographyType(query.geo), query.round, method.version);
  const baseKey = `${method.version}|${round.roundId}|${query.geo}`;
  let all = cache.lists.get(baseKey) as SignalListItem[] | undefined;
  if (!all) {
    const [rows, occupations] = await Promise.all([
      selectGeographySignals(q, {
        methodVersion: method.version,
        roundId: round.roundId,
        geographyId: query.geo,
      }),
      occupationMap(q, cache),
    ]);
    const geography = (await geographyIndex(q, cache)).get(query.geo);
    if (!geography) throw notFound('Geografi', query.geo);
    if (rows.length === 0 && geography.type === 'area') {
      throw new AppError(
        'not_found',
        `Signalerna för ${query.geo} är inte beräknade ännu; kör "semafor compute".`,
      );
    }
    const stored = new Set(rows.map((r) => r.ssykCode));
    // Occupations without any AF assessment in the round: otillräckligt underlag by the evidence rule (not stored).
    for (const code of occupations.keys()) {
      if (!stored.has(code)) rows.push({ ...INSUFFICIENT, ssykCode: code });
    }
    all = rows
      .map((r) => {
        const o = occupations.get(r.ssykCode);
        return {
          ssyk: r.ssykCode,
          label: { sv: o?.labelSv ?? r.ssykCode, en: o?.labelEn ?? null },
          field: o?.fieldId ? { id: o.fieldId, sv: o.fieldSv ?? '', en: o.fieldEn ?? '' } : null,
          seqf: o?.seqf ?? null,
          signalClass: r.signalClass as SignalClass,
          classLabel: classLabels[r.signalClass as SignalClass],
          score: r.score,
          watch: r.watch,
          outlook: r.outlook,
          confidence: r.confidence,
          drivers: r.drivers,
          keyIndicators: r.keyIndicators,
          employees:
            r.employees !== null && r.employeesYear !== null
              ? { value: r.employees, year: r.employeesYear }
              : null,
          retirements:
            r.retirements5 !== null && r.retirements10 !== null
              ? {
                  within5: r.retirements5,
                  within10: r.retirements10,
                  estimated: r.retirementsEstimated ?? true,
                }
              : null,
          round: round.roundId,
        };
      })
      .sort((a, b) => collator.compare(a.label.sv, b.label.sv) || (a.ssyk < b.ssyk ? -1 : 1));
    cache.lists.set(baseKey, all);
  }
  const field = query.field?.trim().toLocaleLowerCase('sv');
  const filtered = all.filter(
    (s) =>
      (!field || s.field?.id === query.field || s.field?.sv.toLocaleLowerCase('sv') === field) &&
      (!query.seqf || s.seqf === query.seqf) &&
      (!query.signalClass || s.signalClass === query.signalClass),
  );
  return {
    geography: { id: query.geo },
    round,
    methodVersion: method.version,
    total: filtered.length,
    signals: filtered,
  };
}

/** The list as JSON bytes, cached per query (used by the API so hot reads skip serialisation). */
export async function listSignalsJson(q: Queryable, query: SignalListQuery): Promise<Buffer> {
  const cache = await cacheFor(q);
  const key = `json|${query.method ?? ''}|${query.geo}|${query.round ?? ''}|${query.field ?? ''}|${query.seqf ?? ''}|${query.signalClass ?? ''}`;
  const hit = cache.lists.get(key) as Buffer | undefined;
  if (hit) return hit;
  // Kept as UTF-8 bytes: hot reads are sent without serialising or encoding again.
  const json = Buffer.from(JSON.stringify(await listSignals(q, query)));
  cache.lists.set(key, json);
  return json;
}

export interface SignalDetail {
  ssyk: string;
  label: { sv: string; en: string | null };
  field: { id: string; sv: string; en: string } | null;
  seqf: string | null;
  geographyId: string;
  round: RoundInfo;
  signal: Signal;
}

/** The full explanation of one signal: rendered from its stored inputs with its method version. */
export async function explainSignal(
  q: Queryable,
  query: { geo: string; ssyk: string; round?: string; method?: string },
): Promise<SignalDetail> {
  const method = methodOf(query.method);
  const round = await resolveRound(q, geographyType(query.geo), query.round, method.version);
  const cache = await cacheFor(q);
  const occupations = await occupationMap(q, cache);
  if (!occupations.has(query.ssyk)) throw notFound('Yrke (SSYK-4)', query.ssyk);
  if (!(await geographyIndex(q, cache)).has(query.geo)) throw notFound('Geografi', query.geo);
  const row = await selectSignal(q, {
    methodVersion: method.version,
    roundId: round.roundId,
    geographyId: query.geo,
    ssykCode: query.ssyk,
  });
  if (row && row.methodHash !== method.hash) {
    throw new AppError(
      'conflict',
      `Signalen beräknades med en annan definition av metod ${method.version} (${row.methodHash}); kör "semafor compute --force".`,
    );
  }
  const input: SignalInput = row
    ? {
        ...(row.inputs as unknown as Omit<SignalInput, 'ssyk' | 'geographyId' | 'round'>),
        ssyk: row.ssykCode,
        geographyId: row.geographyId,
        round: row.roundId,
      }
    : await unstoredInput(q, round, query.geo, query.ssyk, method);
  const signal = computeSignal(input, method);
  const o = occupations.get(query.ssyk);
  return {
    ssyk: query.ssyk,
    label: { sv: o?.labelSv ?? query.ssyk, en: o?.labelEn ?? null },
    field: o?.fieldId ? { id: o.fieldId, sv: o.fieldSv ?? '', en: o.fieldEn ?? '' } : null,
    seqf: o?.seqf ?? null,
    geographyId: query.geo,
    round,
    signal,
  };
}

/**
 * The input of a pair that was not stored (no AF assessment in the round): built on demand from the knowledge base
 * of that one occupation, so the explanation still shows the SCB facts and why the evidence is insufficient.
 */
async function unstoredInput(
  q: Queryable,
  round: RoundInfo,
  geographyId: string,
  ssyk: string,
  method: Method,
): Promise<SignalInput> {
  const { kb } = await loadKnowledgeBase(q, { ssyk });
  const signalRound: SignalRound = {
    id: round.roundId,
    label: round.label,
    dataset: round.dataset as SignalRound['dataset'],
    referenceDate: round.referenceDate,
  };
  const { inputs } = buildRoundInputs(kb, signalRound, method.definition, new Map(), {
    ssyk,
    geographyId,
    levels: round.geographyTypes,
  });
  const found = inputs.find((i) => i.input.geographyId === geographyId);
  if (!found) throw notFound('Signal', `${ssyk} i ${geographyId} (${round.roundId})`);
  return found.input;
}

export interface MapEntry {
  geographyId: string;
  signalClass: SignalClass;
  score: number | null;
  watch: boolean;
  outlook: string | null;
  confidence: number;
  /** Set when the geography has no signal of its own and shows the one of a geography containing it. */
  via?: string;
}

/** Class per geography of a type for one occupation (municipalities show the finest computed level containing them). */
export async function signalMap(
  q: Queryable,
  query: { ssyk: string; type: 'county' | 'fa' | 'municipality'; round?: string; method?: string },
): Promise<{ ssyk: string; type: string; round: RoundInfo; entries: MapEntry[] }> {
  const method = methodOf(query.method);
  const round = await resolveRound(
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
  // Computed geographies without a stored row had no AF assessment: otillräckligt underlag by rule.
  for (const g of (await geographyIndex(q, cache)).values()) {
    if (round.geographyTypes.includes(g.type) && g.type !== 'municipality' && !byGeo.has(g.id)) {
      const filler = { ...INSUFFICIENT, geographyId: g.id };
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
  let parents = cache.lists.get('municipality-parents') as
    | Array<{ id: string; fa?: string; county?: string }>
    | undefined;
  if (!parents) {
    const [geoRows, memberRows] = await Promise.all([selectGeographyRows(q), selectMemberRows(q)]);
    const fa = new Map<string, string>();
    for (const m of memberRows)
      if (m.geographyId.startsWith('fa:')) fa.set(m.municipalityCode, m.geographyId);
    parents = geoRows
      .filter((g) => g.type === 'municipality')
      .map((g) => ({ id: g.id, fa: fa.get(g.code), county: g.parentId ?? undefined }));
    cache.lists.set('municipality-parents', parents);
  }
  const entries: MapEntry[] = [];
  for (const p of parents) {
    const own = byGeo.get(p.id);
    if (own) {
      entries.push(entry(p.id, own));
      continue;
    }
    // The finest computed geography containing the municipality: an FA region when the round measures FA regions,
    // else the county.
    const faFirst = round.dataset === 'af-yrkesprognoser/bedomning';
    const order = faFirst ? [p.fa, p.county] : [p.county, p.fa];
    const via = order.find((id): id is string => id !== undefined && byGeo.has(id));
    if (via) entries.push(entry(p.id, byGeo.get(via)!, via));
  }
  return {
    ssyk: query.ssyk,
    type: query.type,
    round,
    entries: entries.sort((a, b) => (a.geographyId < b.geographyId ? -1 : 1)),
  };
}
