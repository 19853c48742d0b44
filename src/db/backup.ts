import { rename, rm } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { AppError, errorMessage } from '../errors.js';
import { type Database, openPglite, pgliteStartParams } from './client.js';
import { recoverInterruptedRestore, resolveDatabaseDir, restoreFolders } from './data-dir.js';
import { acquireDirectoryLock } from './lock.js';

/** Dumps the embedded database directory as a gzipped tarball. */
export async function backupDatabase(database: Database): Promise<Uint8Array> {
  if (!database.pglite)
    throw new AppError('validation_failed', 'Endast den inbyggda databasen kan säkerhetskopieras här.');
  const blob = await database.pglite.dumpDataDir('gzip');
  return new Uint8Array(await blob.arrayBuffer());
}

/**
 * Checks that the bytes are a (gzipped) tar archive before PGlite sees them: PGlite's own decompression leaves a
 * truncated gzip stream as an unhandled error that would crash the process.
 */
function assertBackupArchive(bytes: Uint8Array): void {
  let tar = bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      tar = gunzipSync(bytes);
    } catch (error) {
      throw new AppError(
        'validation_failed',
        `Filen är ingen giltig säkerhetskopia (trasig gzip: ${(error as Error).message}).`,
      );
    }
  }
  const magic = new TextDecoder().decode(tar.subarray(257, 262));
  if (magic !== 'ustar') {
    throw new AppError('validation_failed', 'Filen är ingen giltig säkerhetskopia (inget tar-arkiv).');
  }
}

/**
 * Replaces the embedded database directory with a backup. The new directory is built beside the old one and
 * swapped in only after it opened and migrated, so a bad file leaves the current database untouched.
 */
export async function restoreDatabase(givenDir: string, bytes: Uint8Array): Promise<void> {
  assertBackupArchive(bytes);
  const dir = resolveDatabaseDir(givenDir);
  const lock = acquireDirectoryLock(dir);
  const { staging, previous } = restoreFolders(dir);
  try {
    recoverInterruptedRestore(dir);
    await rm(staging, { recursive: true, force: true });
    let restored: PGlite;
    try {
      restored = await PGlite.create(staging, {
        loadDataDir: new Blob([bytes as Uint8Array<ArrayBuffer>]),
        startParams: [...pgliteStartParams],
      });
    } catch (error) {
      throw new AppError('validation_failed', `Filen är ingen giltig säkerhetskopia: ${errorMessage(error)}`);
    }
    const checked = await openPglite({ pglite: restored, lock: false });
    await checked.close();
    // A kill from here on is recovered by the next open (recoverInterruptedRestore).
    await rm(previous, { recursive: true, force: true });
    await rename(dir, previous).catch(() => undefined);
    await rename(staging, dir);
    await rm(previous, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
    lock.release();
  }
}
