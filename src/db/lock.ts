import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.js';

/**
 * A pid lock next to the embedded database directory. PGlite takes no lock of its own, and a second process
 * writing to the same directory corrupts it, so we refuse the second opener with a clear message.
 */
export interface DirectoryLock {
  path: string;
  release(): void;
}

/** True when a process with the pid exists (EPERM: it exists but belongs to another user). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Lock files this process holds: a lock with our own pid is only ours if it is in this set (pids get reused). */
const heldHere = new Set<string>();

/** Takes the lock for `dir`, or throws `database_locked` naming the process that holds it. */
export function acquireDirectoryLock(dir: string): DirectoryLock {
  mkdirSync(path.dirname(dir), { recursive: true });
  const lockPath = path.resolve(`${dir}.lock`);
  if (heldHere.has(lockPath)) {
    throw new AppError(
      'database_locked',
      `Databasen i ${dir} är redan öppen i den här processen (${process.pid}). Stäng den först.`,
      { pid: process.pid, lockPath },
    );
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldHere.add(lockPath);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        heldHere.delete(lockPath);
        process.off('exit', release);
        rmSync(lockPath, { force: true });
      };
      process.once('exit', release);
      return { path: lockPath, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (Number.isFinite(holder) && holder !== process.pid && processIsAlive(holder)) {
        throw new AppError(
          'database_locked',
          `Databasen i ${dir} används redan av process ${holder}. Stoppa den (t.ex. en körande "semafor serve") ` +
            'eller ange en annan katalog med SEMAFOR_DB_DIR.',
          { pid: holder, lockPath },
        );
      }
      // A stale lock from a process that died: take it over.
      rmSync(lockPath, { force: true });
    }
  }
  throw new AppError('database_locked', `Kunde inte låsa databasen i ${dir}.`);
}
