import { createHash } from 'node:crypto';
import {
  computeSignal,
  currentMethod,
  type Method,
  type Signal,
  type SignalClass,
  type SignalInput,
} from '../../core/signals/index.js';
import type { Database, Queryable } from '../../db/client.js';
import type { KeyIndicator } from '../../db/schema/signals.js';
import { AppError } from '../../errors.js';
import { faLocalIndexBySsyk } from '../labour-market/labour-market.repo.js';
import { forgetSignalReads } from './read-cache.js';
import {
  type GeoInfo,
  type KnowledgeBase,
  roundInputs,
  type SignalRound,
  seriesBreaks,
  signalRounds,
} from './signal-inputs.js';
import {
  deleteRound,
  type NewSignal,
  replaceRoundSignals,
  selectBarometer,
  selectEmployees,
  selectEmployeesByAge,
  selectForecastIndex,
  selectGeographyRows,
  selectImportState,
  selectLatestPopulation,
  selectMemberRows,
  selectOccupations,
  selectRounds,
  selectRuns,
  vacuumSignals,
} from './signals.repo.js';
import { compactInputs, emptyDefaults, type InputDefaults } from './stored-inputs.js';

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
export const ROW_FORMAT = 3;

/** Turns a computed signal into its table row (inputs in their stored form against the round's defaults). */
export function toRow(signal: Signal, input: SignalInput, defaults: InputDefaults): NewSignal {
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
    inputs: compactInputs(input, defaults),
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
    const { geographies, batches } = roundInputs(kb, round, method.definition, { onlyAssessed: true });
    const total = geographies.length * kb.ssykCodes.length;
    const byClass: Partial<Record<SignalClass, number>> = {};
    let stored = 0;
    const defaults = emptyDefaults(round.referenceDate);
    let buildSeconds = 0;
    let classifySeconds = 0;
    // Built, classified and written one geography at a time: the round is never whole in memory.
    function* rowBatches(): Generator<NewSignal[]> {
      const inputBatches = batches();
      for (;;) {
        const t1 = performance.now();
        const next = inputBatches.next();
        const t2 = performance.now();
        buildSeconds += (t2 - t1) / 1000;
        if (next.done) return;
        const rows = next.value.map(({ input }) => {
          const signal = computeSignal(input, method, { explain: false });
          byClass[signal.signalClass] = (byClass[signal.signalClass] ?? 0) + 1;
          return toRow(signal, input, defaults);
        });
        stored += rows.length;
        classifySeconds += (performance.now() - t2) / 1000;
        yield rows;
      }
    }
    const types = [...new Set(geographies.map((g) => g.type))].sort();
    await replaceRoundSignals(database, rowBatches(), () => ({
      methodVersion: method.version,
      roundId: round.id,
      methodHash: method.hash,
      label: round.label,
      dataset: round.dataset,
      referenceDate: round.referenceDate,
      geographyTypes: types,
      inputHash,
      signalCount: total,
      seconds: (performance.now() - t0) / 1000,
      computedAt: now(),
      inputDefaults: defaults as unknown as Record<string, unknown>,
    }));
    // Pairs without any AF assessment are otillräckligt underlag by the evidence rule; they are listed, not stored.
    byClass.otillrackligt_underlag = (byClass.otillrackligt_underlag ?? 0) + total - stored;
    const seconds = (performance.now() - t0) / 1000;
    const summary: RoundSummary = {
      roundId: round.id,
      label: round.label,
      status: 'computed',
      signals: total,
      stored,
      byClass,
      seconds,
      phases: {
        build: buildSeconds,
        classify: classifySeconds,
        write: seconds - buildSeconds - classifySeconds,
      },
    };
    summaries.push(summary);
    options.onRound?.(summary);
  }
  if (summaries.some((s) => s.status === 'computed')) await vacuumSignals(database.db);
  forgetSignalReads(database.db);
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
