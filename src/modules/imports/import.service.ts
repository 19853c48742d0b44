import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/client.js';
import { AppError, isAppError } from '../../errors.js';
import type { SourceAdapter, SourceInput } from '../../sources/contract.js';
import { assertFileExists } from '../../sources/shared/csv.js';
import { downloadSourceFiles } from '../../sources/shared/download.js';
import { findLastSucceededRun, insertImportRun } from './import-runs.repo.js';
import { analyzeTargets, StagingArea } from './table-sync.repo.js';

export interface ImportOptions {
  /** Data directory to read from (ignored with `online`). */
  dataDir?: string;
  /** Download the files from their official URLs instead. */
  online?: boolean;
  /** Re-read even when the files are unchanged since the last successful run. */
  force?: boolean;
  cacheDir: string;
  mirror?: string;
  fetchImpl?: typeof fetch;
  onProgress?: (sourceId: string, rowsRead: number, expectedRows: number) => void;
  now?: () => Date;
}

export interface ImportSummary {
  sourceId: string;
  status: 'succeeded' | 'unchanged' | 'failed';
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
}

type AnyAdapter = SourceAdapter;

async function hashFiles(adapter: AnyAdapter, input: SourceInput) {
  const files: Array<{ path: string; bytes: number; sha256: string }> = [];
  const total = createHash('sha256').update(`${adapter.meta.id}@${adapter.version}\n`);
  for (const file of adapter.files) {
    const absolute = input.file(file.path);
    await assertFileExists(absolute, file.path);
    const bytes = await readFile(absolute);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    files.push({ path: file.path, bytes: bytes.byteLength, sha256 });
    total.update(`${file.path} ${sha256}\n`);
  }
  return { files, contentHash: total.digest('hex') };
}

async function resolveInput(adapter: AnyAdapter, options: ImportOptions): Promise<SourceInput> {
  if (options.online) {
    const root = await downloadSourceFiles(adapter.meta.id, adapter.files, {
      cacheDir: options.cacheDir,
      mirror: options.mirror,
      fetchImpl: options.fetchImpl,
    });
    return { origin: 'online', file: (p) => path.join(root, p) };
  }
  const dataDir = options.dataDir;
  if (!dataDir) {
    throw new AppError(
      'source_unavailable',
      'Ingen datakatalog hittades. Ange --data KATALOG eller SEMAFOR_DATA_DIR, eller hämta från källorna med --online.',
    );
  }
  return { origin: 'data_dir', file: (p) => path.join(dataDir, p) };
}

/**
 * Imports one source in a single transaction. Unchanged input (same content hash and adapter version as the
 * last successful run) is skipped without touching the database. A failure rolls everything back and is recorded
 * as a failed run.
 */
export async function importSource(
  db: Db,
  adapter: AnyAdapter,
  options: ImportOptions,
): Promise<ImportSummary> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const started = performance.now();
  const seconds = (): number => Math.round(performance.now() - started) / 1000;
  const origin = options.online ? 'online' : 'data_dir';
  let contentHash: string | null = null;
  let files: Array<{ path: string; bytes: number; sha256: string }> = [];
  try {
    const input = await resolveInput(adapter, options);
    ({ files, contentHash } = await hashFiles(adapter, input));
    const last = await findLastSucceededRun(db, adapter.meta.id);
    if (!options.force && last && last.contentHash === contentHash) {
      return {
        sourceId: adapter.meta.id,
        status: 'unchanged',
        origin,
        rowsRead: 0,
        rowsInserted: 0,
        rowsUpdated: 0,
        rowsDeleted: 0,
        rowsUnchanged: last.rowsRead,
        seconds: seconds(),
        contentHash,
        runId: last.id,
        error: null,
      };
    }
    const stream = await adapter.read(input);
    const hash = contentHash;
    const fileList = files;
    const summary: ImportSummary = await db.transaction(async (tx) => {
      const staging = new StagingArea(tx);
      await staging.create(adapter.targets);
      let rowsRead = 0;
      options.onProgress?.(adapter.meta.id, 0, stream.expectedRows);
      for await (const batch of stream.batches) {
        await staging.append(batch.target, batch.rows, batch.locations);
        rowsRead += batch.rows.length;
        options.onProgress?.(adapter.meta.id, rowsRead, stream.expectedRows);
      }
      let inserted = 0;
      let updated = 0;
      let deleted = 0;
      let staged = 0;
      for (const target of adapter.targets) await staging.assertUniqueKeys(target.name);
      for (const target of adapter.targets) {
        const counts = await staging.merge(target.name);
        inserted += counts.inserted;
        updated += counts.updated;
        deleted += counts.deleted;
        staged += counts.staged;
      }
      for (const target of adapter.targets) await staging.assertReferences(target.name);
      const run = await insertImportRun(tx, {
        sourceId: adapter.meta.id,
        origin,
        status: 'succeeded',
        startedAt,
        finishedAt: now(),
        contentHash: hash,
        files: fileList,
        rowsRead,
        rowsInserted: inserted,
        rowsUpdated: updated,
        rowsDeleted: deleted,
        rowsUnchanged: staged - inserted - updated,
      });
      return {
        sourceId: adapter.meta.id,
        status: 'succeeded' as const,
        origin,
        rowsRead,
        rowsInserted: inserted,
        rowsUpdated: updated,
        rowsDeleted: deleted,
        rowsUnchanged: staged - inserted - updated,
        seconds: seconds(),
        contentHash: hash,
        runId: run.id,
        error: null,
      };
    });
    if (summary.rowsInserted + summary.rowsUpdated + summary.rowsDeleted > 0) {
      await analyzeTargets(db, adapter.targets, { vacuum: summary.rowsUpdated + summary.rowsDeleted > 0 });
    }
    return summary;
  } catch (error) {
    const message = isAppError(error) ? error.message : describeUnexpected(error);
    let runId: number | null = null;
    try {
      const run = await insertImportRun(db, {
        sourceId: adapter.meta.id,
        origin,
        status: 'failed',
        startedAt,
        finishedAt: now(),
        contentHash,
        files,
        error: storableText(message),
      });
      runId = run.id;
    } catch {
      // Recording the failure must never hide the failure itself (e.g. the database went away).
    }
    const failure = isAppError(error)
      ? error
      : new AppError('import_failed', message, undefined, { cause: error });
    Object.assign(failure, { runId, seconds: seconds() });
    throw failure;
  }
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
