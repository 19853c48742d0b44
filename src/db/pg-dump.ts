import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';

/**
 * `pg_dump` for a PostgreSQL database: online by design (one consistent snapshot while the server keeps serving).
 * Searched on PATH, then in Debian's /usr/lib/postgresql/<version>/bin (newest first: pg_dump must be at least
 * the server's version).
 */
export function findPgDump(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, 'pg_dump'))) return path.join(dir, 'pg_dump');
  }
  const debian = '/usr/lib/postgresql';
  if (!existsSync(debian)) return undefined;
  const versions = readdirSync(debian)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const candidate = path.join(debian, version, 'bin', 'pg_dump');
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Writes a backup of the PostgreSQL database at `url` to `file` in pg_dump's custom format (restore with
 * `pg_restore`). The password goes through the environment, not the command line (visible in `ps`). The file
 * appears under its name only when the dump succeeded.
 */
export async function pgDump(url: string, file: string): Promise<{ file: string; bytes: number }> {
  const binary = findPgDump();
  if (!binary) {
    throw new AppError(
      'source_unavailable',
      'pg_dump hittades inte. Installera PostgreSQL-klienten (Debian: apt-get install postgresql-client) och försök igen.',
    );
  }
  const target = path.resolve(file);
  const partial = `${target}.partial-${process.pid}`;
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(binary, ['--format=custom', `--file=${partial}`, `--dbname=${parsed.toString()}`], {
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let errors = '';
      child.stderr.on('data', (chunk: Buffer) => {
        errors += chunk.toString();
      });
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve() : reject(new Error(errors.trim() || `exit ${code}`)),
      );
    }).catch((error: Error) => {
      throw new AppError('internal', `pg_dump misslyckades: ${error.message}`);
    });
    await rename(partial, target);
    return { file: target, bytes: (await stat(target)).size };
  } finally {
    await rm(partial, { force: true });
  }
}
