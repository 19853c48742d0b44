import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { getTableName } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/client.js';
import { AppError, InputError, isAppError } from '../../errors.js';
import type { SourceAdapter, SourceInput } from '../../sources/contract.js';
import { assertFileExists } from '../../sources/shared/csv.js';
import { downloadSourceFiles } from '../../sources/shared/download.js';
import { findLastSucceededRun, insertImportRun, type NewImportRun } from './import-runs.repo.js';
import { analyzeTargets, StagingArea } from './table-sync.repo.js';

export interface ImportOptions {
  /**
   * False for a deliberately partial data set (the test fixture): adapters skip their completeness checks and keep
   * the structural ones. Unset: complete unless SEMAFOR_IMPORT_PARTIAL=1.
   */
  expectComplete?: boolean;
  /** Data directory to read from (ignored with `online`). */
  dataDir?: string;
  /** Download the files from their official URLs instead. */
  online?: boolean;
  /** Re-read even when the files are unchanged since the last successful run. */
  force?: boolean;
  /** Accept a source whose rows in a target fall by more than `shrinkLimit` since its last successful import. */
  allowShrink?: boolean;
  /** Largest accepted fall in rows per target table, as a share (default 0.1 = 10 %). */
  shrinkLimit?: number;
  /**
   * Seconds a source may go without delivering a batch (or, at the start, without returning its stream) before
   * its read is abandoned and the run fails naming the source and its files (default 120).
   */
  inactivitySeconds?: number;
  /**
   * Report a source none of whose files are in the data directory as skipped (the "import everything present"
   * mode) instead of failing on its first missing file.
   */
  skipAbsent?: boolean;
  cacheDir: string;
  mirror?: string;
  fetchImpl?: typeof fetch;
  onProgress?: (sourceId: string, rowsRead: number, expectedRows: number) => void;
  now?: () => Date;
}

export const DEFAULT_SHRINK_LIMIT = 0.1;
export const DEFAULT_INACTIVITY_SECONDS = 120;

/**
 * `skipped`: none of the source's files is in the data directory. `rolled_back`: the source was read and
 * checked, but another source of the same run failed, so nothing of the run was written.
 */
export type ImportStatus = 'succeeded' | 'unchanged' | 'failed' | 'skipped' | 'rolled_back';

export interface ImportSummary {
  sourceId: string;
  status: ImportStatus;
  origin: 'data_dir' | 'online';
  rowsRead: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsDeleted: number;
  rowsUnchanged: number;
  seconds: number;
  contentHash: string | null;
  runId: number | null;
  error: string | null;
  /** Why a source was skipped or rolled back (Swedish, for people); null otherwise. */
  note: string | null;
  /** Declared files that were not there: optional files of an imported source, or every file of a skipped one. */
  absentFiles: string[];
}

/** The outcome of one import run over several sources: all of them written, or none. */
export interface ImportRunResult {
  ok: boolean;
  /** One entry per source asked for, in import order (sources after a failure in planning are left out). */
  sources: ImportSummary[];
  /** The failure that stopped the run (its message names the source's file), or null. */
  error: AppError | null;
  failedSource: string | null;
}

type HashedFile = { path: string; bytes: number; sha256: string; absent?: boolean };

type AnyAdapter = SourceAdapter;

/**
 * Hashes every declared file. A missing required file fails; a missing optional file is recorded as absent, so
 * adding or removing it changes the content hash and triggers a re-import.
 */
async function hashFiles(adapter: AnyAdapter, input: SourceInput) {
  const files: HashedFile[] = [];
  const lines = new Map<string, number>();
  const total = createHash('sha256').update(`${adapter.meta.id}@${adapter.version}\n`);
  for (const file of adapter.files) {
    const absolute = input.file(file.path);
    if (file.optional && !existsSync(absolute)) {
      files.push({ path: file.path, bytes: 0, sha256: '', absent: true });
      total.update(`${file.path} absent\n`);
      continue;
    }
    await assertFileExists(absolute, file.path);
    const { sha256, bytes, dataLines } = await hashFile(absolute);
    lines.set(file.path, dataLines);
    files.push({ path: file.path, bytes, sha256 });
    total.update(`${file.path} ${sha256}\n`);
  }
  return { files, contentHash: total.digest('hex'), lines };
}

/**
 * sha256 of a file, streamed (it need not be in memory for hashing), with its size and the number of lines that
 * hold more than white space (the no-data check below).
 */
async function hashFile(absolute: string): Promise<{ sha256: string; bytes: number; dataLines: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  let dataLines = 0;
  let lineHasContent = false;
  for await (const chunk of createReadStream(absolute)) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    bytes += buffer.byteLength;
    for (const byte of buffer) {
      if (byte === 0x0a) {
        if (lineHasContent) dataLines++;
        lineHasContent = false;
      } else if (byte !== 0x0d && byte !== 0x20 && byte !== 0x09) {
        lineHasContent = true;
      }
    }
  }
  if (lineHasContent) dataLines++;
  return { sha256: hash.digest('hex'), bytes, dataLines };
}

/**
 * The checks every file gets before any adapter reads it, so the error names the file that is empty rather than
 * the file whose rows then fail to match it: an empty file, and a CSV with a header but no data rows. (A source's
 * total of data rows is checked again after reading, for every format.)
 */
function assertHasData(files: HashedFile[], lines: Map<string, number>): void {
  for (const { path: file, bytes, absent } of files) {
    if (!absent) assertFileHasData(file, bytes, lines.get(file) ?? 0);
  }
}

function assertFileHasData(file: string, bytes: number, dataLines: number): void {
  if (bytes === 0 || dataLines === 0) {
    throw new InputError({ file }, 'filen är tom; importen avbröts och databasen är oförändrad');
  }
  if (/\.csv$/i.test(file) && dataLines < 2) {
    throw new InputError(
      { file },
      'filen har bara en rubrikrad och inga datarader; importen avbröts och databasen är oförändrad',
    );
  }
}

async function resolveInput(adapter: AnyAdapter, options: ImportOptions): Promise<SourceInput> {
  if (options.online) {
    const root = await downloadSourceFiles(adapter.meta.id, adapter.files, {
      cacheDir: options.cacheDir,
      mirror: options.mirror,
      fetchImpl: options.fetchImpl,
    });
    return { origin: 'online', file: (p) => path.join(root, p), expectComplete: options.expectComplete };
  }
  const dataDir = options.dataDir;
  if (!dataDir) {
    throw new AppError(
      'source_unavailable',
      'Ingen datakatalog hittades. Ange --data KATALOG eller SEMAFOR_DATA_DIR, eller hämta från källorna med --online.',
    );
  }
  return { origin: 'data_dir', file: (p) => path.join(dataDir, p), expectComplete: options.expectComplete };
}

/** A source after hashing: what the write phase needs, and whether it has to be read at all. */
interface Planned {
  adapter: AnyAdapter;
  input: SourceInput;
  files: HashedFile[];
  contentHash: string;
  hasSucceededBefore: boolean;
  startedAt: Date;
  /** Seconds spent resolving and hashing (the write phase adds its own). */
  planSeconds: number;
}

/** Counts of one source written inside the run's transaction. */
interface Written {
  planned: Planned;
  rowsRead: number;
  inserted: number;
  updated: number;
  deleted: number;
  unchanged: number;
  runId: number;
  finishedAt: Date;
  seconds: number;
  /** Set when the adapter could do nothing without an absent optional file: its tables were left alone. */
  skipped?: { file: string; reason: string };
  /** What the adapter reports about the data (e.g. rows it could not place), shown with the summary. */
  note?: string;
}

/** The error of a failed source, tagged with which source it was (the message already names the file). */
class SourceFailure extends Error {
  constructor(
    readonly sourceId: string,
    readonly error: unknown,
  ) {
    super(sourceId);
  }
}

const emptySummary = (
  sourceId: string,
  origin: ImportSummary['origin'],
  status: ImportStatus,
): ImportSummary => ({
  sourceId,
  status,
  origin,
  rowsRead: 0,
  rowsInserted: 0,
  rowsUpdated: 0,
  rowsDeleted: 0,
  rowsUnchanged: 0,
  seconds: 0,
  contentHash: null,
  runId: null,
  error: null,
  note: null,
  absentFiles: [],
});

/**
 * Imports several sources as one unit (see docs/adr/0002-all-or-nothing-imports.md). First every source is
 * resolved and hashed; sources whose content hash equals their last successful run are left alone. Then every
 * changed source is read, staged, checked (no data rows, shrink since the last import, duplicate keys,
 * references) and merged inside ONE transaction, in dependency order, so later sources see and are checked
 * against the earlier ones. Any failure rolls the whole run back — the database is exactly as before — and is
 * recorded afterwards as a failed run of the source that failed. Each source's read has a watchdog: no batch for
 * `inactivitySeconds` ends the run with an error naming the source and its files.
 */
export async function runImport(
  db: Db,
  adapters: readonly AnyAdapter[],
  options: ImportOptions,
): Promise<ImportRunResult> {
  const now = options.now ?? (() => new Date());
  const origin: ImportSummary['origin'] = options.online ? 'online' : 'data_dir';
  const summaries: ImportSummary[] = [];
  const changed: Planned[] = [];

  // Phase 1: resolve and hash. Nothing is written; a failure here is recorded like any other.
  for (const adapter of orderByDependencies([...adapters])) {
    const startedAt = now();
    const started = performance.now();
    const id = adapter.meta.id;
    let files: HashedFile[] = [];
    let contentHash: string | null = null;
    try {
      if (options.skipAbsent && !options.online && options.dataDir) {
        const dataDir = options.dataDir;
        const absent = adapter.files
          .filter((f) => !existsSync(path.join(dataDir, f.path)))
          .map((f) => f.path);
        if (absent.length === adapter.files.length) {
          summaries.push({
            ...emptySummary(id, origin, 'skipped'),
            note: `inga av källans filer finns i datakatalogen (${absent.join(', ')})`,
            absentFiles: absent,
          });
          continue;
        }
      }
      const input = await resolveInput(adapter, options);
      const hashed = await hashFiles(adapter, input);
      ({ files, contentHash } = hashed);
      assertHasData(files, hashed.lines);
      const absentFiles = files.filter((f) => f.absent).map((f) => f.path);
      const last = await findLastSucceededRun(db, id);
      if (!options.force && last && last.contentHash === contentHash) {
        summaries.push({
          ...emptySummary(id, origin, 'unchanged'),
          rowsUnchanged: last.rowsRead,
          seconds: elapsed(started),
          contentHash,
          runId: last.id,
          note: absentFiles.length > 0 ? absentNote(absentFiles) : null,
          absentFiles,
        });
        continue;
      }
      changed.push({
        adapter,
        input,
        files,
        contentHash,
        hasSucceededBefore: last !== undefined,
        startedAt,
        planSeconds: elapsed(started),
      });
    } catch (error) {
      const failure = await recordFailure(db, error, {
        sourceId: id,
        origin,
        startedAt,
        finishedAt: now(),
        contentHash,
        files,
      });
      summaries.push({
        ...emptySummary(id, origin, 'failed'),
        seconds: elapsed(started),
        contentHash,
        runId: failure.runId,
        error: failure.error.message,
      });
      for (const p of changed) summaries.push(rolledBack(p, origin, id));
      return { ok: false, sources: sortLike(summaries, adapters), error: failure.error, failedSource: id };
    }
  }

  if (changed.length === 0) return { ok: true, sources: summaries, error: null, failedSource: null };

  // Phase 2: every changed source in one transaction.
  const written: Written[] = [];
  let writeStarted = performance.now();
  try {
    await db.transaction(async (tx) => {
      for (const planned of changed) {
        writeStarted = performance.now();
        try {
          written.push(await writeSource(tx, planned, options, origin, now));
        } catch (error) {
          throw new SourceFailure(planned.adapter.meta.id, error);
        }
      }
    });
  } catch (error) {
    const failedId = error instanceof SourceFailure ? error.sourceId : (changed[0]?.adapter.meta.id ?? '');
    const cause = error instanceof SourceFailure ? error.error : error;
    const planned = changed.find((p) => p.adapter.meta.id === failedId);
    const failure = await recordFailure(db, cause, {
      sourceId: failedId,
      origin,
      startedAt: planned?.startedAt ?? now(),
      finishedAt: now(),
      contentHash: planned?.contentHash ?? null,
      files: planned?.files ?? [],
    });
    for (const p of changed) {
      if (p.adapter.meta.id === failedId) {
        summaries.push({
          ...emptySummary(failedId, origin, 'failed'),
          seconds: Math.round((p.planSeconds + elapsed(writeStarted)) * 1000) / 1000,
          contentHash: p.contentHash,
          runId: failure.runId,
          error: failure.error.message,
        });
      } else {
        summaries.push(rolledBack(p, origin, failedId));
      }
    }
    return {
      ok: false,
      sources: sortLike(summaries, adapters),
      error: failure.error,
      failedSource: failedId,
    };
  }

  // After the commit: planner statistics (and VACUUM, which cannot run in a transaction) for changed tables.
  for (const w of written) {
    const { adapter, files, contentHash } = w.planned;
    if (w.skipped) {
      summaries.push({
        ...emptySummary(adapter.meta.id, origin, 'skipped'),
        seconds: w.seconds,
        note: `${w.skipped.file}: ${w.skipped.reason}`,
        absentFiles: [w.skipped.file],
      });
      continue;
    }
    if (w.inserted + w.updated + w.deleted > 0) {
      await analyzeTargets(db, adapter.targets, { vacuum: w.updated + w.deleted > 0 });
    }
    const absentFiles = files.filter((f) => f.absent).map((f) => f.path);
    summaries.push({
      sourceId: adapter.meta.id,
      status: 'succeeded',
      origin,
      rowsRead: w.rowsRead,
      rowsInserted: w.inserted,
      rowsUpdated: w.updated,
      rowsDeleted: w.deleted,
      rowsUnchanged: w.unchanged,
      seconds: w.seconds,
      contentHash,
      runId: w.runId,
      error: null,
      note:
        [absentFiles.length > 0 ? absentNote(absentFiles) : null, w.note ?? null]
          .filter((n): n is string => n !== null)
          .join(' ') || null,
      absentFiles,
    });
  }
  return { ok: true, sources: sortLike(summaries, adapters), error: null, failedSource: null };
}

/** Reads, stages, checks and merges one source inside the run's transaction, and records its run there. */
async function writeSource(
  tx: Queryable,
  planned: Planned,
  options: ImportOptions,
  origin: ImportSummary['origin'],
  now: () => Date,
): Promise<Written> {
  const { adapter, input } = planned;
  const id = adapter.meta.id;
  const started = performance.now();
  const limitSeconds = options.inactivitySeconds ?? DEFAULT_INACTIVITY_SECONDS;
  const present = planned.files.filter((f) => !f.absent).map((f) => f.path);
  const stalled = (): AppError =>
    new AppError(
      'import_failed',
      `${id}: ingen data på ${limitSeconds} s vid läsning av ${present.join(', ')}; läsningen avbröts. ` +
        'En fil kan vara trasig eller avkortad. Gränsen ställs med SEMAFOR_IMPORT_INACTIVITY_SECONDS.',
      { sourceId: id, files: present },
    );
  const stream = await watchdog(Promise.resolve(adapter.read(input)), limitSeconds, stalled);
  if (stream.skipped) {
    // The adapter needs an optional file that is absent: its tables stay as they are and no run is recorded.
    return {
      planned,
      rowsRead: 0,
      inserted: 0,
      updated: 0,
      deleted: 0,
      unchanged: 0,
      runId: -1,
      finishedAt: now(),
      seconds: elapsed(started),
      skipped: stream.skipped,
    };
  }
  const staging = new StagingArea(tx);
  await staging.create(adapter.targets);
  let rowsRead = 0;
  options.onProgress?.(id, 0, stream.expectedRows);
  const iterator = stream.batches[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await watchdog(iterator.next(), limitSeconds, stalled);
      if (next.done) break;
      const batch = next.value;
      await staging.append(batch.target, batch.rows, batch.locations);
      rowsRead += batch.rows.length;
      options.onProgress?.(id, rowsRead, stream.expectedRows);
    }
  } catch (error) {
    // Ask the adapter to release its files; a read that hangs is not waited for.
    void Promise.resolve(iterator.return?.()).catch(() => undefined);
    throw error;
  }
  if (rowsRead === 0) {
    throw new InputError(
      { file: present.join(', ') },
      'inga datarader (tom fil, eller bara rubrikrad); importen avbröts och databasen är oförändrad',
    );
  }
  if (planned.hasSucceededBefore && !options.allowShrink) await assertNoShrink(staging, planned, options);
  for (const target of adapter.targets) await staging.assertUniqueKeys(target.name);
  let inserted = 0;
  let updated = 0;
  let deleted = 0;
  let staged = 0;
  for (const target of adapter.targets) {
    const counts = await staging.merge(target.name);
    inserted += counts.inserted;
    updated += counts.updated;
    deleted += counts.deleted;
    staged += counts.staged;
  }
  for (const target of adapter.targets) await staging.assertReferences(target.name);
  await staging.drop();
  const finishedAt = now();
  const unchanged = staged - inserted - updated;
  const run = await insertImportRun(tx, {
    sourceId: id,
    origin,
    status: 'succeeded',
    startedAt: planned.startedAt,
    finishedAt,
    contentHash: planned.contentHash,
    files: planned.files,
    rowsRead,
    rowsInserted: inserted,
    rowsUpdated: updated,
    rowsDeleted: deleted,
    rowsUnchanged: unchanged,
  });
  return {
    planned,
    rowsRead,
    inserted,
    updated,
    deleted,
    unchanged,
    runId: run.id,
    finishedAt,
    seconds: Math.round((planned.planSeconds + elapsed(started)) * 1000) / 1000,
    ...(stream.note ? { note: stream.note } : {}),
  };
}

/**
 * Refuses a source whose staged rows for a target fall by more than the limit below the rows it owns now (what
 * its last successful import left). The message gives both counts and the file the rows come from.
 */
async function assertNoShrink(staging: StagingArea, planned: Planned, options: ImportOptions): Promise<void> {
  const limit = options.shrinkLimit ?? DEFAULT_SHRINK_LIMIT;
  const filesByTarget = new Map<string, string[]>();
  for (const target of planned.adapter.targets) {
    filesByTarget.set(target.name, await staging.stagedFiles(target.name));
  }
  for (const target of planned.adapter.targets) {
    const before = await staging.ownedRows(target.name);
    const after = staging.stagedRows(target.name);
    if (before === 0 || (before - after) / before <= limit) continue;
    // Rows name their file; a target left with no rows is blamed on the files that gave no rows at all.
    let files = filesByTarget.get(target.name) ?? [];
    if (files.length === 0) {
      const seen = new Set([...filesByTarget.values()].flat());
      const silent = planned.files.filter((f) => !f.absent && !seen.has(f.path)).map((f) => f.path);
      files = silent.length > 0 ? silent : planned.files.filter((f) => !f.absent).map((f) => f.path);
    }
    const share = Math.round(((before - after) / before) * 1000) / 10;
    throw new InputError(
      { file: files.join(', ') },
      `${getTableName(target.table)} skulle minska från ${before} till ${after} rader (−${share} %) sedan ` +
        `senaste lyckade import, mer än gränsen ${Math.round(limit * 100)} %. Kontrollera filen; är minskningen ` +
        'avsedd, importera med --allow-shrink. Databasen är oförändrad.',
    );
  }
}

/** Resolves with the promise, or rejects with `onTimeout()` when it has not settled within `seconds`. */
function watchdog<T>(promise: Promise<T>, seconds: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  // The timer is deliberately ref'd: a read whose promise can never settle would otherwise let Node end the
  // process silently (exit code 13, "unsettled top-level await") instead of reporting the file.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), seconds * 1000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Records a failed run (after the rollback) and returns the error to report and the run's id. */
async function recordFailure(
  db: Db,
  error: unknown,
  run: Omit<NewImportRun, 'status' | 'error'>,
): Promise<{ error: AppError; runId: number | null }> {
  const message = isAppError(error) ? error.message : describeUnexpected(error);
  let runId: number | null = null;
  try {
    runId = (await insertImportRun(db, { ...run, status: 'failed', error: storableText(message) })).id;
  } catch {
    // Recording the failure must never hide the failure itself (e.g. the database went away).
  }
  const failure = isAppError(error)
    ? error
    : new AppError('import_failed', message, undefined, { cause: error });
  return { error: failure, runId };
}

function rolledBack(planned: Planned, origin: ImportSummary['origin'], failedId: string): ImportSummary {
  return {
    ...emptySummary(planned.adapter.meta.id, origin, 'rolled_back'),
    contentHash: planned.contentHash,
    note: `inte skriven: ${failedId} misslyckades och hela körningen rullades tillbaka`,
  };
}

const absentNote = (files: string[]): string => `valfria filer saknas: ${files.join(', ')}`;

const elapsed = (started: number): number => Math.round(performance.now() - started) / 1000;

/** Summaries in the order the adapters were given (failures and successes are collected separately). */
function sortLike(summaries: ImportSummary[], adapters: readonly AnyAdapter[]): ImportSummary[] {
  const order = orderByDependencies([...adapters]).map((a) => a.meta.id);
  return [...summaries].sort((a, b) => order.indexOf(a.sourceId) - order.indexOf(b.sourceId));
}

/**
 * Imports one source (a run of one). Unchanged input is skipped without touching the database; a failure rolls
 * everything back, is recorded as a failed run, and is thrown (with `runId` and `seconds`).
 */
export async function importSource(
  db: Db,
  adapter: AnyAdapter,
  options: ImportOptions,
): Promise<ImportSummary> {
  const result = await runImport(db, [adapter], options);
  const summary = result.sources.find((s) => s.sourceId === adapter.meta.id);
  if (!result.ok || !summary) {
    const failure =
      result.error ?? new AppError('import_failed', `${adapter.meta.id}: importen misslyckades`);
    Object.assign(failure, { runId: summary?.runId ?? null, seconds: summary?.seconds ?? 0 });
    throw failure;
  }
  return summary;
}

/** A message for an unexpected error: the driver's reason, never the SQL text Drizzle wraps it in. */
function describeUnexpected(error: unknown): string {
  const e = error as { message?: unknown; cause?: { message?: unknown } } | undefined;
  const reason = typeof e?.cause?.message === 'string' ? e.cause.message : String(e?.message ?? error);
  return `Oväntat fel: ${reason}`;
}

/** PostgreSQL text cannot hold NUL, and control characters from a binary file make unreadable logs. */
function storableText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    out += code < 0x20 && ch !== '\n' && ch !== '\t' ? '\uFFFD' : ch;
  }
  return out;
}

/**
 * The adapters with at least one of their files in the data directory: "import every source present". A source
 * whose files are only partly there is kept, so the missing file is reported instead of silently skipped.
 */
export function sourcesPresentIn<T extends { files: ReadonlyArray<{ path: string }> }>(
  adapters: readonly T[],
  dataDir: string,
): T[] {
  return adapters.filter((a) => a.files.some((f) => existsSync(path.join(dataDir, f.path))));
}

/** Orders adapters so each comes after the sources it depends on (dependencies must be in the list or loaded). */
export function orderByDependencies<T extends { meta: { id: string }; dependsOn: string[] }>(
  adapters: T[],
): T[] {
  const byId = new Map(adapters.map((a) => [a.meta.id, a]));
  const ordered: T[] = [];
  const visiting = new Set<string>();
  const visit = (adapter: T): void => {
    if (ordered.includes(adapter)) return;
    if (visiting.has(adapter.meta.id)) throw new Error(`Cyclic source dependency at ${adapter.meta.id}`);
    visiting.add(adapter.meta.id);
    for (const dep of adapter.dependsOn) {
      const d = byId.get(dep);
      if (d) visit(d);
    }
    visiting.delete(adapter.meta.id);
    ordered.push(adapter);
  };
  for (const adapter of adapters) visit(adapter);
  return ordered;
}
