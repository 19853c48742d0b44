import { rename, rm } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { AppError } from '../errors.js';
import { type Database, openPglite } from './client.js';
import { acquireDirectoryLock } from './lock.js';

/** Dumps the embedded database directory as a gzipped tarball. */
export async function backupDatabase(database: Database): Promise<Uint8Array> {
  if (!database.pglite)
    throw new AppError('validation_failed', 'Endast den inbyggda databasen kan säkerhetskopieras här.');
  const blob = await database.pglite.dumpDataDir('gzip');
  return new Uint8Array(await blob.arrayBuffer());
}

/**
 * Replaces the embedded database directory with a backup. The new directory is built beside the old one and
 * swapped in only after it opened and migrated, so a bad file leaves the current database untouched.
 */
export async function restoreDatabase(dir: string, bytes: Uint8Array): Promise<void> {
  const lock = acquireDirectoryLock(dir);
  const staging = `${dir}.restoring`;
  try {
    await rm(staging, { recursive: true, force: true });
    let restored: PGlite;
    try {
      restored = await PGlite.create(staging, { loadDataDir: new Blob([bytes as Uint8Array<ArrayBuffer>]) });
    } catch (error) {
      throw new AppError(
        'validation_failed',
        `Filen är ingen giltig säkerhetskopia: ${(error as Error).message}`,
      );
    }
    const checked = await openPglite({ pglite: restored, lock: false });
    await checked.close();
    await rm(`${dir}.previous`, { recursive: true, force: true });
    await rename(dir, `${dir}.previous`).catch(() => undefined);
    await rename(staging, dir);
    await rm(`${dir}.previous`, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
    lock.release();
  }
}
