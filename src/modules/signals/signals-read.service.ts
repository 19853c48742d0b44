import {
  computeSignal,
  currentMethod,
  findMethod,
  type KeyIndicator,
  keyIndicators,
  type Method,
  type Signal,
  type SignalClass,
  type SignalInput,
  unstoredSignal,
} from '../../core/signals/index.js';
import type { Queryable } from '../../db/client.js';
import { AppError, notFound } from '../../errors.js';
import { type PreparedJson, prepareJson } from '../../server/cached-json.js';
import { cacheFor, type ReadCache } from './read-cache.js';
import { buildRoundInputs, type SignalRound } from './signal-inputs.js';
import {
  type OccupationRow,
  type SignalListRow,
  selectGeographyRows,
  selectGeographySignals,
  selectInputDefaults,
  selectMemberRows,
  selectOccupationSignals,
  selectOccupations,
  selectRuns,
  selectSignal,
} from './signals.repo.js';
import { loadKnowledgeBase } from './signals.service.js';
import { emptyDefaults, expandInputs, type InputDefaults } from './stored-inputs.js';

/** Reading computed signals: lists per geography, full explanations, maps and rounds (cached per run set). */

/** The row of a pair that was not stored: the method's unstored signal, without inputs or SCB context. */
function unstoredRow(method: Method) {
  return {
    ...unstoredSignal(method),
    inputs: null,
    employees: null,
    employeesYear: null,
    retirements5: null,
    retirements10: null,
    retirementsEstimated: null,
  };
}

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

/**
 * One occupation in a list: what the overview, its exports and the CLI show. The round is the list's; class names
 * come from the class code (every client has them); the indicators behind a signal are in its explanation
 * (GET /api/signals/{ssyk}).
 */
export interface SignalListItem {
  ssyk: string;
  label: { sv: string; en: string | null };
  /** The occupation's field: a key of the list's `fields`; null when the occupation has none. */
  fieldId: string | null;
  seqf: string | null;
  signalClass: SignalClass;
  score: number | null;
  watch: boolean;
  outlook: string | null;
  confidence: number;
  drivers: string[];
  /** The indicators that count in the score, with value, source and period (empty without a stored signal). */
  keyIndicators: KeyIndicator[];
  /** Employed in the occupation and geography (SCB), from the signal's context; null when not stored. */
  employees: { value: number; year: number } | null;
  /** Estimated retirements (SCB age structure), from the signal's context; null when not stored. */
  retirements: { within5: number; within10: number; estimated: boolean } | null;
}

/** Name of an occupational field in Swedish and English. */
export interface FieldName {
  sv: string;
  en: string;
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
  /** Names of the fields the rows refer to, by field id (each once, not per row). */
  fields: Record<string, FieldName>;
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
  let all = cache.lists.get(baseKey) as
    | { rows: SignalListItem[]; fields: Map<string, FieldName> }
    | undefined;
  if (!all) {
    const [rows, occupations, storedDefaults] = await Promise.all([
      selectGeographySignals(q, {
        methodVersion: method.version,
        roundId: round.roundId,
        geographyId: query.geo,
      }),
      occupationMap(q, cache),
      selectInputDefaults(q, { methodVersion: method.version, roundId: round.roundId }),
    ]);
    const defaults = (storedDefaults as InputDefaults | null) ?? emptyDefaults(round.referenceDate);
    const geography = (await geographyIndex(q, cache)).get(query.geo);
    if (!geography) throw notFound('Geografi', query.geo);
    if (rows.length === 0 && geography.type === 'area') {
      throw new AppError(
        'not_found',
        `Signalerna för ${query.geo} är inte beräknade ännu; kör "semafor compute".`,
      );
    }
    const stored = new Set(rows.map((r) => r.ssykCode));
    // Occupations that cannot meet the evidence rule in the round were not stored: the method's unstored signal.
    const listed: Array<Omit<SignalListRow, 'inputs'> & { inputs: SignalListRow['inputs'] | null }> = rows;
    const filler = unstoredRow(method);
    for (const code of occupations.keys()) {
      if (!stored.has(code)) listed.push({ ...filler, ssykCode: code });
    }
    const fields = new Map<string, FieldName>();
    const items = listed
      .map((r): SignalListItem => {
        const o = occupations.get(r.ssykCode);
        if (o?.fieldId && !fields.has(o.fieldId))
          fields.set(o.fieldId, { sv: o.fieldSv ?? '', en: o.fieldEn ?? '' });
        return {
          ssyk: r.ssykCode,
          label: { sv: o?.labelSv ?? r.ssykCode, en: o?.labelEn ?? null },
          fieldId: o?.fieldId ?? null,
          seqf: o?.seqf ?? null,
          signalClass: r.signalClass as SignalClass,
          score: r.score,
          watch: r.watch,
          outlook: r.outlook,
          confidence: r.confidence,
          drivers: r.drivers,
          keyIndicators: r.inputs
            ? keyIndicators(
                expandInputs(r.inputs, defaults, {
                  ssyk: r.ssykCode,
                  geographyId: query.geo,
                  round: round.roundId,
                }).indicators,
                method.definition,
              )
            : [],
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
        };
      })
      .sort((a, b) => collator.compare(a.label.sv, b.label.sv) || (a.ssyk < b.ssyk ? -1 : 1));
    all = { rows: items, fields };
    cache.lists.set(baseKey, all);
  }
  const fieldNames = all.fields;
  const field = query.field?.trim().toLocaleLowerCase('sv');
  const filtered = all.rows.filter(
    (s) =>
      (!field ||
        (s.fieldId !== null &&
          (s.fieldId === query.field || fieldNames.get(s.fieldId)?.sv.toLocaleLowerCase('sv') === field))) &&
      (!query.seqf || s.seqf === query.seqf) &&
      (!query.signalClass || s.signalClass === query.signalClass),
  );
  const fields: Record<string, FieldName> = {};
  for (const s of filtered) {
    const name = s.fieldId === null ? undefined : fieldNames.get(s.fieldId);
    if (s.fieldId !== null && name) fields[s.fieldId] = name;
  }
  return {
    geography: { id: query.geo },
    round,
    methodVersion: method.version,
    total: filtered.length,
    fields,
    signals: filtered,
  };
}

/**
 * A read as JSON ready for HTTP (bytes, compressed variants, ETag), prepared once per cache entry: hot requests
 * skip the read, serialisation and compression. Concurrent first requests share one preparation; a failure
 * (unknown geography, no computed round) is not kept, so the next request reads again.
 */
async function preparedRead(q: Queryable, key: string, read: () => Promise<unknown>): Promise<PreparedJson> {
  const cache = await cacheFor(q);
  const hit = cache.lists.get(key) as Promise<PreparedJson> | undefined;
  if (hit) return hit;
  const prepared = read().then((value) => prepareJson(Buffer.from(JSON.stringify(value))));
  cache.lists.set(key, prepared);
  prepared.catch(() => {
    if (cache.lists.get(key) === prepared) cache.lists.delete(key);
  });
  return prepared;
}

/** The list of `listSignals` as prepared JSON for the API, cached per query. */
export function listSignalsJson(q: Queryable, query: SignalListQuery): Promise<PreparedJson> {
  const key = `json|list|${query.method ?? ''}|${query.geo}|${query.round ?? ''}|${query.field ?? ''}|${query.seqf ?? ''}|${query.signalClass ?? ''}`;
  return preparedRead(q, key, () => listSignals(q, query));
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
    ? expandInputs(
        row.inputs,
        (row.inputDefaults as InputDefaults | null) ?? emptyDefaults(round.referenceDate),
        { ssyk: row.ssykCode, geographyId: row.geographyId, round: row.roundId },
      )
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
 * The input of a pair that was not stored (nothing that can meet the evidence rule in the round): built on demand from the knowledge base
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
  const { inputs } = buildRoundInputs(kb, signalRound, method.definition, {
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

export interface SignalMapQuery {
  ssyk: string;
  type: 'county' | 'fa' | 'municipality';
  round?: string;
  method?: string;
}

/** Class per geography of a type for one occupation (municipalities show the finest computed level containing them). */
export async function signalMap(
  q: Queryable,
  query: SignalMapQuery,
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

/** The map of `signalMap` as prepared JSON for the API, cached per query. */
export function signalMapJson(q: Queryable, query: SignalMapQuery): Promise<PreparedJson> {
  const key = `json|map|${query.method ?? ''}|${query.ssyk}|${query.type}|${query.round ?? ''}`;
  return preparedRead(q, key, () => signalMap(q, query));
}
