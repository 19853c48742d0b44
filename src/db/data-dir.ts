import { existsSync, lstatSync, readlinkSync, realpathSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * The embedded database directory with symbolic links followed. PGlite's file system cannot open a directory
 * through a link (it threw a bare `ErrnoError` for `SEMAFOR_DB_DIR` pointing at a link), and two links to one
 * directory must share one lock file and one set of restore folders. A dangling link (its target moved away by a
 * restore that was killed) resolves to where its target should be, so that the restore can be recovered there.
 */
export function resolveDatabaseDir(dir: string): string {
  let current = path.resolve(dir);
  for (let hops = 0; hops < 40; hops++) {
    let isLink: boolean;
    try {
      isLink = lstatSync(current).isSymbolicLink();
    } catch {
      break;
    }
    if (!isLink) break;
    current = path.resolve(path.dirname(current), readlinkSync(current));
  }
  const parent = path.dirname(current);
  return existsSync(parent) ? path.join(realpathSync(parent), path.basename(current)) : current;
}

/** The folders `restoreDatabase` works in beside the live directory. */
export const restoreFolders = (dir: string) => ({ staging: `${dir}.restoring`, previous: `${dir}.previous` });

export interface RestoreRecovery {
  /** The live directory was missing and the one saved before the restore was put back. */
  rolledBack: boolean;
  /** Leftover folders removed. */
  removed: string[];
}

/**
 * Cleans up after a `db restore` that was killed; call it with the directory lock held, before opening.
 * The restore builds `<dir>.restoring`, moves the live directory to `<dir>.previous`, moves the new one in and
 * deletes `.previous`. Killed between the two moves, the live directory is missing: the previous one is put
 * back (the restore did not happen; run it again). In every other case the live directory is the right one and
 * the leftovers are deleted.
 */
export function recoverInterruptedRestore(dir: string): RestoreRecovery {
  const { staging, previous } = restoreFolders(dir);
  let rolledBack = false;
  if (!existsSync(dir) && existsSync(previous)) {
    renameSync(previous, dir);
    rolledBack = true;
  }
  const removed: string[] = [];
  for (const leftover of [staging, previous]) {
    if (existsSync(leftover)) {
      rmSync(leftover, { recursive: true, force: true });
      removed.push(leftover);
    }
  }
  return { rolledBack, removed };
}
