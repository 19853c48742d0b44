import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError, errorMessage } from '../errors.js';
import type { Database } from './client.js';
import { resolveDatabaseDir } from './data-dir.js';
import { processIsAlive } from './lock.js';

/**
 * Online backup of the embedded database while `semafor serve` holds it. PGlite allows one process per directory,
 * so the backup has to be taken by the process that has it open. The trigger is local only, without an HTTP
 * endpoint (the API has no accounts): the CLI writes a request file beside the database directory and sends the
 * server SIGUSR2; the server writes the backup and a result file. Only a user who may write beside the database
 * and signal the server's process (its own user, or root) can ask, which is the same set that could copy the
 * directory anyway. The server announces that it answers with a marker file holding its pid, so the CLI never
 * sends the signal to a process without the handler (SIGUSR2's default action ends a process, e.g. an import).
 *
 * The dump waits for PGlite's transaction and query queues, so it never sees half of a transaction: an import or
 * a signal computation in progress finishes first.
 */

const SIGNAL = 'SIGUSR2';

const markerFile = (dir: string): string => `${dir}.online-backup`;
const requestPrefix = (dir: string): string => `${path.basename(dir)}.backup-request-`;
const resultFile = (dir: string, id: string): string => `${dir}.backup-result-${id}.json`;

interface BackupRequest {
  id: string;
  file: string;
}

interface BackupResult {
  ok: boolean;
  file?: string;
  bytes?: number;
  message?: string;
}

/** A consistent gzipped tarball of a running PGlite: after the running transaction, between queries. */
export async function dumpRunningPglite(database: Database): Promise<Uint8Array> {
  const pglite = database.pglite;
  if (!pglite)
    throw new AppError('validation_failed', 'Endast den inbyggda databasen kan säkerhetskopieras här.');
  // A checkpoint first, so a restore of the copy needs no long WAL replay. (Outside the exclusive section: exec
  // takes the transaction queue itself, and the queue is not reentrant.)
  await pglite.exec('CHECKPOINT');
  // Holding the transaction queue means no transaction is open; dumpDataDir then waits for the query queue.
  const blob = await pglite._runExclusiveTransaction(() => pglite.dumpDataDir('gzip'));
  return new Uint8Array(await blob.arrayBuffer());
}

/** Writes bytes atomically: a reader never sees half a backup under the final name. */
async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const partial = `${file}.partial-${process.pid}`;
  try {
    await writeFile(partial, bytes);
    await rename(partial, file);
  } finally {
    await rm(partial, { force: true });
  }
}

/**
 * Makes this process answer online backup requests for the database it holds (call after opening it, in the
 * server). Returns a function that stops answering and removes the marker.
 */
export function serveOnlineBackups(
  database: Database,
  log: { info(message: string): void; error(message: string): void },
): () => void {
  if (database.kind !== 'pglite' || !database.pglite || database.location === 'memory://') return () => {};
  const dir = database.location;
  let queue = Promise.resolve();
  const answer = async (request: BackupRequest): Promise<void> => {
    let result: BackupResult;
    try {
      const bytes = await dumpRunningPglite(database);
      await writeAtomically(request.file, bytes);
      result = { ok: true, file: request.file, bytes: bytes.byteLength };
      log.info(`Säkerhetskopia (online) skriven: ${request.file} (${bytes.byteLength} byte)`);
    } catch (error) {
      result = { ok: false, message: errorMessage(error) };
      log.error(`Säkerhetskopia (online) misslyckades: ${result.message}`);
    }
    await writeAtomically(resultFile(dir, request.id), Buffer.from(JSON.stringify(result)));
  };
  const onSignal = (): void => {
    const parent = path.dirname(dir);
    for (const name of readdirSync(parent)) {
      if (!name.startsWith(requestPrefix(dir)) || !name.endsWith('.json')) continue;
      const full = path.join(parent, name);
      let request: BackupRequest;
      try {
        request = JSON.parse(readFileSync(full, 'utf8')) as BackupRequest;
        rmSync(full, { force: true });
      } catch {
        continue; // another signal's handler took it, or it is not a request
      }
      if (
        typeof request.id !== 'string' ||
        typeof request.file !== 'string' ||
        !path.isAbsolute(request.file)
      ) {
        continue;
      }
      queue = queue.then(() => answer(request));
    }
  };
  process.on(SIGNAL, onSignal);
  writeFileSync(markerFile(dir), String(process.pid));
  return () => {
    process.off(SIGNAL, onSignal);
    if (existsSync(markerFile(dir)) && readFileSync(markerFile(dir), 'utf8') === String(process.pid)) {
      rmSync(markerFile(dir), { force: true });
    }
  };
}

/** The pid of a running server that takes online backups of the directory, if there is one. */
export function onlineBackupServer(givenDir: string): number | undefined {
  const dir = resolveDatabaseDir(givenDir);
  const read = (file: string): number | undefined => {
    try {
      const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
      return Number.isFinite(pid) ? pid : undefined;
    } catch {
      return undefined;
    }
  };
  const holder = read(`${dir}.lock`);
  // The marker alone could be stale (a killed server); the lock holder must be the same live process.
  return holder !== undefined && holder === read(markerFile(dir)) && processIsAlive(holder)
    ? holder
    : undefined;
}

/**
 * Asks the running server to write a backup of its database to `file` and waits for the answer.
 * Throws `database_locked` when no running server answers online backups for the directory.
 */
export async function requestOnlineBackup(
  givenDir: string,
  file: string,
  options: { timeoutMs?: number } = {},
): Promise<{ file: string; bytes: number; pid: number }> {
  const dir = resolveDatabaseDir(givenDir);
  const pid = onlineBackupServer(dir);
  if (pid === undefined) {
    throw new AppError(
      'database_locked',
      `Ingen körande server tar säkerhetskopior av databasen i ${dir}. Starta "semafor serve", eller stoppa processen som håller databasen och kör "semafor db backup" igen.`,
    );
  }
  const id = randomUUID();
  const target = path.resolve(file);
  const request = path.join(path.dirname(dir), `${requestPrefix(dir)}${id}.json`);
  writeFileSync(`${request}.tmp`, JSON.stringify({ id, file: target } satisfies BackupRequest));
  renameSync(`${request}.tmp`, request);
  const result = resultFile(dir, id);
  try {
    process.kill(pid, SIGNAL);
    const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
    while (!existsSync(result)) {
      if (Date.now() > deadline) {
        throw new AppError(
          'internal',
          `Servern (process ${pid}) svarade inte på begäran om säkerhetskopia i tid.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const answer = JSON.parse(readFileSync(result, 'utf8')) as BackupResult;
    if (!answer.ok)
      throw new AppError('internal', `Säkerhetskopian misslyckades i servern: ${answer.message}`);
    return { file: target, bytes: answer.bytes ?? 0, pid };
  } finally {
    rmSync(request, { force: true });
    rmSync(result, { force: true });
  }
}
