/**
 * The in-process benchmarks' shared setup (the web benchmarks start a whole `semafor serve` instead, see
 * web-server.ts): a fresh in-memory PGlite with the named sources of the real data imported in dependency order and,
 * when asked, the signals computed; the time it took (setup, not timed against a target); and the app on top of
 * it for the HTTP measurements through `app.inject`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config.js';
import { type Database, openPglite } from '../../src/db/client.js';
import { importSource, orderByDependencies } from '../../src/modules/imports/import.service.js';
import { computeSignals } from '../../src/modules/signals/signals.service.js';
import { type App, buildApp } from '../../src/server/app.js';
import { findSources } from '../../src/sources/registry.js';
import { benchDataDir } from './data-dir.js';

export interface BenchDatabase {
  database: Database;
  dataDir: string;
  /** Seconds the imports (and the signal computation) took. */
  setupSeconds: number;
  /** Signals computed, when `signals` was asked for. */
  signals?: number;
  /** The app on this database (close it when done). */
  app(): Promise<App>;
  close(): Promise<void>;
}

/** Runs `fn` and says how long it took. */
export async function time<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { seconds: (performance.now() - t0) / 1000, value };
}

/** The median of the values (0 for none). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** A new in-memory database with `sources` of the benchmark data directory imported (and the signals computed). */
export async function openBenchDatabase(
  sources: readonly string[],
  options: { signals?: boolean } = {},
): Promise<BenchDatabase> {
  const dataDir = benchDataDir();
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'semafor-bench-'));
  const database = await openPglite({ lock: false });
  try {
    const setup = await time(async () => {
      for (const adapter of orderByDependencies(findSources([...sources]))) {
        await importSource(database.db, adapter, { dataDir, cacheDir });
      }
      return options.signals ? (await computeSignals(database)).signals : undefined;
    });
    return {
      database,
      dataDir,
      setupSeconds: setup.seconds,
      ...(setup.value === undefined ? {} : { signals: setup.value }),
      app: () => buildApp({ database, config: { dataDir, projectRoot }, logger: false }),
      async close() {
        await database.close();
        rmSync(cacheDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await database.close();
    rmSync(cacheDir, { recursive: true, force: true });
    throw error;
  }
}
