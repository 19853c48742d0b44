import { existsSync } from 'node:fs';
import { dataDirFromEnv } from '../config.js';

/**
 * Where the real open data for tests is (no Vitest import here: the reporter in the main process uses it too).
 *
 * Tests on the real open data (`SEMAFOR_DATA_DIR`, else `../shared/data`: the same directory the app uses).
 *
 * Every such suite is declared with `describeRealData` so it can be told apart from the rest: its name starts with
 * REAL_DATA_TAG, which the reporter in test/setup/real-data-reporter.ts counts. Without the data a suite is
 * skipped (and the reporter says loudly how many tests and why); with `CI=true` it fails instead, because CI
 * always has the data and a skip there would hide lost coverage.
 */
export const REAL_DATA_TAG = '[real data]';

/** The configured data directory when it exists, else undefined. */
export function resolveRealDataDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = dataDirFromEnv(env);
  return dir !== undefined && existsSync(dir) ? dir : undefined;
}

/** Why real-data tests cannot run here, or undefined when they can. */
export function realDataMissingReason(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (resolveRealDataDir(env) !== undefined) return undefined;
  return env.SEMAFOR_DATA_DIR
    ? `SEMAFOR_DATA_DIR=${env.SEMAFOR_DATA_DIR} finns inte`
    : 'ingen datakatalog: ../shared/data saknas och SEMAFOR_DATA_DIR är inte satt';
}
