import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** An empty variable (`DATABASE_URL=`) means unset, as in a shell. */
const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional());

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: optionalUrl,
  SEMAFOR_DB_DIR: z.string().optional(),
  SEMAFOR_DATA_DIR: z.string().optional(),
  SEMAFOR_CACHE_DIR: z.string().optional(),
  /** Replaces the origin of every official download URL; used to replay the online path from a local server. */
  SEMAFOR_ONLINE_MIRROR: optionalUrl,
  /** Seconds a source's read may go without delivering rows before the import gives up on it. */
  SEMAFOR_IMPORT_INACTIVITY_SECONDS: z.coerce.number().positive().default(120),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  database: { kind: 'pglite'; dir: string } | { kind: 'postgres'; url: string };
  /** Absolute path of the open-data directory, or undefined when none exists. */
  dataDir: string | undefined;
  cacheDir: string;
  onlineMirror: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  projectRoot: string;
  /** Watchdog of each source's read during an import (SEMAFOR_IMPORT_INACTIVITY_SECONDS). */
  importInactivitySeconds: number;
}

/** Project root = the folder holding package.json, resolved from this file so the CLI works from any cwd. */
export const projectRoot = path.resolve(import.meta.dirname, '..');

/** The default data directory: `../shared/data` next to the checkout when it exists. */
export function defaultDataDir(root: string = projectRoot): string | undefined {
  const candidate = path.resolve(root, '..', 'shared', 'data');
  return existsSync(candidate) ? candidate : undefined;
}

/**
 * The data directory the app uses: `SEMAFOR_DATA_DIR` when set (resolved, whether or not it exists, so a wrong
 * path is reported rather than silently replaced), else `../shared/data` when it exists. Tests and benchmarks
 * read it through this function too, so they see the same directory as the app.
 */
export function dataDirFromEnv(
  env: { SEMAFOR_DATA_DIR?: string | undefined } = process.env,
): string | undefined {
  return env.SEMAFOR_DATA_DIR ? path.resolve(env.SEMAFOR_DATA_DIR) : defaultDataDir();
}

/** Reads and validates the environment once; throws a readable list of problems. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Ogiltig konfiguration:\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = dataDirFromEnv(e);
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dir: path.resolve(e.SEMAFOR_DB_DIR ?? path.join(projectRoot, '.semafor', 'db')) },
    dataDir,
    cacheDir: path.resolve(e.SEMAFOR_CACHE_DIR ?? path.join(projectRoot, '.semafor', 'downloads')),
    onlineMirror: e.SEMAFOR_ONLINE_MIRROR,
    logLevel: e.LOG_LEVEL,
    projectRoot,
    importInactivitySeconds: e.SEMAFOR_IMPORT_INACTIVITY_SECONDS,
  };
}
