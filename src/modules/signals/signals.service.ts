import { createHash } from 'node:crypto';
import { swedishDate } from '../../core/calendar/swedish-date.js';
import { NEED_SUPPRESSION_THRESHOLD } from '../../core/cases/need-evidence.js';
import {
  currentMethod,
  type Method,
  methods,
  type NeedsWindow,
  type SignalClass,
  scoresEmployerNeeds,
  unstoredSignal,
} from '../../core/signals/index.js';
import type { Database, Queryable } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { startWorker, WorkerInbox } from '../../workers/start-worker.js';
import { employerNeedCounts, lastTwelveMonths } from '../employer-needs/need-counts.service.js';
import { readSignalKnowledge } from '../labour-market/labour-market.service.js';
import type { ComputeJob, MainMessage, WorkerMessage } from './compute.worker.js';
import {
  assembleKnowledgeBase,
  type KnowledgeBase,
  type KnowledgeBaseRows,
  type NeedsRows,
} from './knowledge-base.js';
import { forgetSignalReads } from './read-cache.js';
import { type SignalRound, signalRounds } from './round-data.js';
import { seriesBreaks } from './scb-indicators.js';
import { ROW_FORMAT } from './signal-rows.js';
import {
  deleteRound,
  type NewSignalRun,
  replaceRoundSignals,
  type SignalChunk,
  selectAreaMembers,
  selectGeographyRows,
  selectImportState,
  selectLatestPopulation,
  selectMemberRows,
  selectOccupations,
  selectRuns,
  selectSignalState,
  upsertSignalState,
  vacuumSignals,
} from './signals.repo.js';
import type { InputDefaults } from './stored-inputs.js';

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

/** The knowledge base as read (before indexing), the rounds it defines and the hash of what it came from. */
export interface ReadKnowledgeBase {
  rows: KnowledgeBaseRows;
  rounds: SignalRound[];
  dataHash: string;
}

/** The window of employer needs a computation at `now` counts: the last 12 months up to the Swedish day. */
export function needsWindowAt(now: Date): NeedsWindow {
  return lastTwelveMonths(swedishDate(now));
}

/**
 * The employer needs of a window, per occupation × geography, read only through the needs module's
 * `employerNeedCounts` (all regions: the computation runs as the owner, outside any region's RLS scope). Cells with
 * fewer than 3 employers keep no counts from here on: they are never scored, stored or shown.
 */
export async function readNeeds(
  q: Queryable,
  window: NeedsWindow,
  options: { ssyk?: string } = {},
): Promise<NeedsRows> {
  const counts = await employerNeedCounts(q, { ...window, ...(options.ssyk ? { ssyk: options.ssyk } : {}) });
  return {
    window,
    cells: counts.map((c) => {
      const suppressed = c.employers < NEED_SUPPRESSION_THRESHOLD;
      return {
        ssyk: c.ssyk,
        geographyId: c.geoId,
        employers: suppressed ? null : c.employers,
        people: suppressed ? null : c.people,
        latest: suppressed ? null : c.latest,
        suppressed,
      };
    }),
  };
}

/** Content hash of the needs a computation reads (what it scores, not the window: a quiet day changes nothing). */
function needsVersionOf(needs: NeedsRows): string {
  const cells = needs.cells
    .map((c) => `${c.ssyk}|${c.geographyId}|${c.employers}|${c.people}|${c.latest}|${c.suppressed}`)
    .sort();
  return createHash('sha256').update(cells.join('\n')).digest('hex').slice(0, 16);
}

/** Reads everything the method needs from the database (one pass per table), not yet indexed. */
export async function readKnowledgeBase(
  q: Queryable,
  options: { ssyk?: string; needs?: NeedsWindow } = {},
): Promise<ReadKnowledgeBase> {
  const only = options.ssyk;
  const [occupations, geoRows, memberRows, population, labourMarket, imports] = await Promise.all([
    selectOccupations(q),
    selectGeographyRows(q),
    selectMemberRows(q),
    selectLatestPopulation(q),
    readSignalKnowledge(q, only),
    selectImportState(q),
  ]);
  const { rounds, barometer, forecast, faLocal, employees, ages } = labourMarket;
  const rows: KnowledgeBaseRows = {
    ssykCodes: occupations.map((o) => o.code).sort(),
    geographies: geoRows,
    members: memberRows,
    population,
    breaks: seriesBreaks(rounds),
    barometer,
    forecast,
    faLocal,
    employees,
    ages,
    ...(options.needs ? { needs: await readNeeds(q, options.needs, { ssyk: only }) } : {}),
  };
  const membersOf = new Map<string, string[]>();
  for (const m of memberRows) {
    const list = membersOf.get(m.geographyId);
    if (list) list.push(m.municipalityCode);
    else membersOf.set(m.geographyId, [m.municipalityCode]);
  }
  const areas = geoRows
    .filter((g) => g.type === 'area')
    .map((g) => ({ id: g.id, members: membersOf.get(g.id) ?? [] }));
  // A method that scores needs depends on them too: their content joins the data version.
  const base = dataVersionOf(imports, areas);
  const dataHash = rows.needs ? withNeedsVersion(base, rows.needs) : base;
  return { rows, rounds: signalRounds(rounds, rows), dataHash };
}

/**
 * The data version the signals depend on: the content hash of the latest successful import of every source the
 * signals read, and the custom areas with their members. Equal versions mean equal inputs.
 */
function dataVersionOf(
  imports: Array<{ sourceId: string; hash: string | null }>,
  areas: Array<{ id: string; members: string[] }>,
): string {
  const relevant = imports
    .filter((i) => SIGNAL_SOURCES.includes(i.sourceId))
    .sort((a, b) => (a.sourceId < b.sourceId ? -1 : 1));
  const areaKeys = areas.map((a) => `${a.id}=${[...a.members].sort().join(',')}`).sort();
  return createHash('sha256')
    .update(JSON.stringify({ imports: relevant.map((i) => [i.sourceId, i.hash]), areas: areaKeys }))
    .digest('hex')
    .slice(0, 16);
}

function withNeedsVersion(base: string, needs: NeedsRows): string {
  return createHash('sha256')
    .update(`${base}|needs:${needsVersionOf(needs)}`)
    .digest('hex')
    .slice(0, 16);
}

/**
 * The database's current data version (two small queries; no knowledge base is read). For a method that scores
 * employer needs, the needs of the 12 months up to `now` are counted too.
 */
export async function currentDataVersion(
  q: Queryable,
  method: Method = currentMethod,
  now: Date = new Date(),
): Promise<string> {
  const [imports, areas] = await Promise.all([selectImportState(q), selectAreaMembers(q)]);
  const base = dataVersionOf(imports, areas);
  if (!scoresEmployerNeeds(method.definition)) return base;
  return withNeedsVersion(base, await readNeeds(q, needsWindowAt(now)));
}

export interface SignalsFreshness {
  /** The stored signals were computed, as a whole, from the current data with the current method. */
  upToDate: boolean;
  methodVersion: string;
  /** The data version of the database now. */
  dataVersion: string;
  /** The data version the signals were last computed from (null: never computed with this method version). */
  computedFrom: string | null;
  computedAt: string | null;
}

/** Whether the signals of the current method are as new as the data (for health, serve, import). */
export async function signalsFreshness(
  q: Queryable,
  method: Method = currentMethod,
  now: Date = new Date(),
): Promise<SignalsFreshness> {
  const [dataVersion, state] = await Promise.all([
    currentDataVersion(q, method, now),
    selectSignalState(q, method.version),
  ]);
  return {
    upToDate: state?.dataVersion === dataVersion && state.methodHash === method.hash,
    methodVersion: method.version,
    dataVersion,
    computedFrom: state?.dataVersion ?? null,
    computedAt: state?.computedAt.toISOString() ?? null,
  };
}

/**
 * Recomputes the signals when they are older than the data (rounds whose inputs did not change are skipped
 * inside), and says how fresh they are afterwards.
 */
export async function refreshSignalsIfStale(
  database: Database,
  method: Method = currentMethod,
  now: () => Date = () => new Date(),
): Promise<{ signals: SignalsFreshness; computed: ComputeSummary | undefined }> {
  const before = await signalsFreshness(database.db, method, now());
  const computed = before.upToDate ? undefined : await computeSignals(database, { method, now });
  // Other versions someone computed (v2 by `semafor compute --method v2`) are kept as new as the data and the
  // needs too; a version never computed stays so (it is opt-in and costs a full computation).
  for (const other of methods) {
    if (other.version === method.version) continue;
    // Checked only when stored: a version never computed costs no read (v2's freshness reads the needs).
    if (!(await selectSignalState(database.db, other.version))) continue;
    const state = await signalsFreshness(database.db, other, now());
    if (!state.upToDate) await computeSignals(database, { method: other, now });
  }
  return { signals: computed ? await signalsFreshness(database.db, method, now()) : before, computed };
}

/** Reads and indexes the knowledge base (for one occupation with `ssyk`). */
export async function loadKnowledgeBase(
  q: Queryable,
  options: { ssyk?: string; needs?: NeedsWindow } = {},
): Promise<LoadedKnowledgeBase> {
  const { rows, rounds, dataHash } = await readKnowledgeBase(q, options);
  return { kb: assembleKnowledgeBase(rows), rounds, dataHash };
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
  /** Rows written: the pairs that can meet the evidence rule (the rest are otillräckligt underlag by rule). */
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
  /** The employer needs counted (methods that score them): 12 months up to the day of the computation. */
  needs?: NeedsWindow;
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
  // The worker starts while the knowledge base is read (its start-up takes about as long); it is stopped when the
  // computation ends, at once when every round turns out unchanged, and on any error.
  const worker = startComputeWorker(database);
  const summaries: RoundSummary[] = [];
  let loadSeconds: number;
  let dataVersion: string;
  let needsWindow: NeedsWindow | undefined;
  try {
    // A method that scores employer needs counts them over the 12 months up to `now` (core has no clock).
    const needs = scoresEmployerNeeds(method.definition) ? needsWindowAt(now()) : undefined;
    needsWindow = needs;
    const { rows, rounds, dataHash } = await readKnowledgeBase(database.db, needs ? { needs } : {});
    dataVersion = dataHash;
    loadSeconds = (performance.now() - started) / 1000;
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
    const plans = wanted.map((round) => {
      const inputHash = createHash('sha256')
        .update(`${method.hash}|${dataHash}|${round.id}|${round.referenceDate}|row${ROW_FORMAT}`)
        .digest('hex')
        .slice(0, 16);
      const previous = runs.get(round.id);
      const unchanged =
        !options.force && previous?.inputHash === inputHash && previous.methodHash === method.hash;
      return { round, inputHash, previous: unchanged ? previous : undefined };
    });
    const toCompute = plans.filter((p) => !p.previous).map((p) => p.round);
    if (toCompute.length > 0) worker.start({ rows, rounds: toCompute, method });
    for (const { round, inputHash, previous } of plans) {
      if (previous) {
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
      const summary = await writeComputedRound(database, worker, round, method, (done, total, seconds) => ({
        methodVersion: method.version,
        roundId: round.id,
        methodHash: method.hash,
        label: round.label,
        dataset: round.dataset,
        referenceDate: round.referenceDate,
        geographyTypes: done.geographyTypes,
        inputHash,
        signalCount: total,
        seconds,
        computedAt: now(),
        inputDefaults: done.defaults,
      }));
      summaries.push(summary);
      options.onRound?.(summary);
    }
  } finally {
    await worker.terminate();
  }
  if (summaries.some((s) => s.status === 'computed')) await vacuumSignals(database.db);
  // Only a computation of every round makes the signals as a whole as new as the data.
  if (!options.rounds) {
    await upsertSignalState(database.db, {
      methodVersion: method.version,
      methodHash: method.hash,
      dataVersion,
      computedAt: now(),
    });
  }
  forgetSignalReads(database.db);
  return {
    methodVersion: method.version,
    methodHash: method.hash,
    rounds: summaries,
    signals: summaries.reduce((s, r) => s + r.signals, 0),
    seconds: (performance.now() - started) / 1000,
    loadSeconds,
    ...(needsWindow ? { needs: needsWindow } : {}),
  };
}

/** Bound of the computation worker's heap: its garbage is collected early instead of growing the process. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 16 };
/** Rows per chunk sent from the worker (≈ 1 MB of COPY text). */
const CHUNK_ROWS = 1000;

interface ComputeWorker {
  inbox: WorkerInbox<WorkerMessage>;
  start(job: Pick<ComputeJob, 'rows' | 'rounds' | 'method'>): void;
  next(): void;
  terminate(): Promise<number>;
}

function startComputeWorker(database: Database): ComputeWorker {
  const worker = startWorker(new URL('./compute.worker.ts', import.meta.url), null, WORKER_LIMITS);
  const post = (message: MainMessage) => worker.postMessage(message);
  return {
    inbox: new WorkerInbox<WorkerMessage>(worker),
    start: (job) =>
      post({
        type: 'job',
        job: { ...job, output: database.pglite ? 'copy' : 'rows', chunkRows: CHUNK_ROWS },
      }),
    next: () => post({ type: 'next' }),
    terminate: () => worker.terminate(),
  };
}

/** Writes one round as the worker sends it (the worker builds the next chunk while this one is written). */
async function writeComputedRound(
  database: Database,
  worker: ComputeWorker,
  round: SignalRound,
  method: Method,
  runOf: (
    done: { geographyTypes: string[]; defaults: InputDefaults },
    total: number,
    seconds: number,
  ) => NewSignalRun,
): Promise<RoundSummary> {
  const t0 = performance.now();
  let waited = 0;
  const receive = async (): Promise<WorkerMessage> => {
    const t = performance.now();
    const message = await worker.inbox.next();
    waited += (performance.now() - t) / 1000;
    return message;
  };
  const start = await receive();
  if (start.type !== 'round' || start.roundId !== round.id)
    throw new Error(`Unexpected worker message ${start.type}`);
  let done: Extract<WorkerMessage, { type: 'round-done' }> | undefined;
  async function* chunks(): AsyncGenerator<SignalChunk> {
    for (;;) {
      const message = await receive();
      if (message.type === 'round-done') {
        done = message;
        return;
      }
      if (message.type !== 'chunk') throw new Error(`Unexpected worker message ${message.type}`);
      worker.next();
      yield message;
    }
  }
  const key = { methodVersion: method.version, roundId: round.id };
  await replaceRoundSignals(database, key, chunks(), () => {
    if (!done) throw new Error('The worker did not finish the round');
    return runOf(
      { geographyTypes: start.geographyTypes, defaults: done.defaults },
      start.total,
      (performance.now() - t0) / 1000,
    );
  });
  if (!done) throw new Error('The worker did not finish the round');
  const seconds = (performance.now() - t0) / 1000;
  // Pairs that cannot meet the evidence rule are not stored; they count as the method's unstored signal.
  const byClass = { ...done.byClass };
  const unstored = unstoredSignal(method).signalClass;
  byClass[unstored] = (byClass[unstored] ?? 0) + start.total - done.stored;
  return {
    roundId: round.id,
    label: round.label,
    status: 'computed',
    signals: start.total,
    stored: done.stored,
    byClass,
    seconds,
    phases: { build: done.buildSeconds, classify: done.classifySeconds, write: seconds - waited },
  };
}

/** Recomputes when the data changed since the last computation (after imports and at server start-up). */
export async function recomputeIfChanged(database: Database): Promise<ComputeSummary> {
  return computeSignals(database);
}
