import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mirror, startMirror } from '../../../test/fixtures/mirror-server.js';
import { fixtureDirs, fixtureSource } from '../../../test/fixtures/sources/fixture-source.js';
import type { Db } from '../../db/client.js';
import { execute } from '../../db/execute.js';
import { testEngines } from '../../db/testing.js';
import { AppError, isAppError } from '../../errors.js';
import { sourceAdapters } from '../../sources/registry.js';
import { resolveDownloadUrl } from '../../sources/shared/download.js';
import { describeRealData, realDataDir } from '../../testing/real-data.js';
import { type ImportSummary, importSource, orderByDependencies } from './import.service.js';

const tempDirs: string[] = [];
async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** Row count and a digest of a table's full content, independent of physical row order. */
async function tableDigest(db: Db, table: string): Promise<{ rows: number; md5: string | null }> {
  const name = sql.raw(`"${table}"`);
  const { rows } = await execute<{ rows: number; md5: string | null }>(
    db,
    sql`SELECT count(*)::int AS rows, md5(string_agg(j, E'\n' ORDER BY j)) AS md5
        FROM (SELECT to_jsonb(t)::text AS j FROM ${name} t) x`,
  );
  return rows[0] ?? { rows: 0, md5: null };
}

describe.each(testEngines())('online import of a source on $name', (engine) => {
  let mirror: Mirror;
  beforeAll(async () => {
    mirror = await startMirror(
      fixtureSource.files.map((f) => ({
        officialUrl: f.url,
        absolutePath: path.join(fixtureDirs.base, f.path),
      })),
    );
  });
  afterAll(async () => {
    await mirror.close();
  });

  it('downloads from the mirror and gives the same result as the data directory', async () => {
    const online = await engine.open();
    const offline = await engine.open();
    try {
      const cacheDir = await tempDir('semafor-online-');
      const fromWeb = await importSource(online.db, fixtureSource, {
        online: true,
        mirror: mirror.url,
        cacheDir,
      });
      const fromDir = await importSource(offline.db, fixtureSource, { dataDir: fixtureDirs.base, cacheDir });
      expect(fromWeb).toMatchObject({
        status: 'succeeded',
        origin: 'online',
        rowsInserted: fromDir.rowsInserted,
      });
      expect(fromWeb.contentHash).toBe(fromDir.contentHash);
      for (const table of ['sun_levels', 'sun_fields']) {
        expect(await tableDigest(online.db, table)).toEqual(await tableDigest(offline.db, table));
      }
      const runs = await execute(online.db, sql`SELECT origin, status FROM import_runs`);
      expect(runs.rows).toEqual([{ origin: 'online', status: 'succeeded' }]);
    } finally {
      await online.close();
      await offline.close();
    }
  });

  it('fails with source_unavailable when the server is unreachable and changes nothing', async () => {
    const database = await engine.open();
    try {
      const cacheDir = await tempDir('semafor-online-');
      await importSource(database.db, fixtureSource, { dataDir: fixtureDirs.base, cacheDir });
      const before = await tableDigest(database.db, 'sun_levels');
      const error = await importSource(database.db, fixtureSource, {
        online: true,
        mirror: 'http://127.0.0.1:9/',
        cacheDir,
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('source_unavailable');
      expect((error as AppError).message).toContain('fixture/levels.csv');
      expect(await tableDigest(database.db, 'sun_levels')).toEqual(before);
      const { rows } = await execute(
        database.db,
        sql`SELECT origin, status, error FROM import_runs ORDER BY id DESC LIMIT 1`,
      );
      expect(rows[0]).toMatchObject({
        origin: 'online',
        status: 'failed',
        error: (error as AppError).message,
      });
    } finally {
      await database.close();
    }
  });
});

const dataDir = realDataDir;
// PGlite is always the first engine.
const firstEngine = testEngines()[0]!;

/**
 * The registered adapters, fetched through a mirror that serves the snapshot files under their official URLs,
 * into a database that already holds the data-directory import of the same snapshot:
 * - where the mirror serves each declared file itself, the online import must find the very same bytes (same
 *   content hash, so it is skipped as unchanged: the result is the data-directory result);
 * - where an adapter declares an official file in another format under its data-directory name, a forced online
 *   import must read it to the same rows (nothing inserted, updated or deleted);
 * - an adapter may refuse the online path with source_unavailable (no machine-readable upstream), but not the
 *   foundation's reference sources.
 * The download path does not depend on the engine, so this test runs on PGlite only.
 */
describeRealData('online import of the registered sources', () => {
  it('gives the same result as the data-directory import', { timeout: 900_000 }, async () => {
    const root = dataDir ?? '';
    const adapters = orderByDependencies(sourceAdapters);
    const mirror = await startMirror(
      adapters.flatMap((a) =>
        a.files.map((f) => ({ officialUrl: f.url, absolutePath: path.join(root, f.path) })),
      ),
    );
    const database = await firstEngine.open();
    try {
      const cacheDir = await tempDir('semafor-online-all-');
      const fromDir = new Map<string, ImportSummary>();
      for (const adapter of adapters) {
        fromDir.set(adapter.meta.id, await importSource(database.db, adapter, { dataDir: root, cacheDir }));
      }

      const reasons = new Map<string, string>();
      const mismatches: string[] = [];
      for (const adapter of adapters) {
        const id = adapter.meta.id;
        const urls = adapter.files.map((f) => f.url);
        // Several declared files under one official URL: the adapter reads a subset online (not comparable).
        const subsetOnline = new Set(urls).size !== urls.length;
        const sameFiles = adapter.files.every((f) => mirror.servedFile(f.url) === path.join(root, f.path));
        let summary: ImportSummary;
        try {
          summary = await importSource(database.db, adapter, {
            online: true,
            mirror: mirror.url,
            cacheDir,
            force: !sameFiles || id === 'sun',
          });
        } catch (error) {
          if (!(isAppError(error) && error.code === 'source_unavailable')) throw error;
          reasons.set(id, error.message);
          continue;
        }
        expect(summary.origin, id).toBe('online');
        if (sameFiles && summary.contentHash !== fromDir.get(id)?.contentHash) {
          mismatches.push(`${id}: other bytes online than in the data directory`);
        }
        if (subsetOnline) continue;
        const changed = summary.rowsInserted + summary.rowsUpdated + summary.rowsDeleted;
        if (summary.status === 'succeeded' && changed > 0) {
          mismatches.push(
            `${id}: online import changed ${summary.rowsInserted} inserted / ${summary.rowsUpdated} updated / ${summary.rowsDeleted} deleted rows`,
          );
        }
        if (summary.status === 'succeeded' && summary.rowsRead !== fromDir.get(id)?.rowsRead) {
          mismatches.push(
            `${id}: ${summary.rowsRead} rows online, ${fromDir.get(id)?.rowsRead} from the data directory`,
          );
        }
      }
      expect(mismatches).toEqual([]);
      for (const id of ['geo', 'ssyk', 'occupations', 'sun']) {
        if (adapters.some((a) => a.meta.id === id)) expect(reasons.get(id), id).toBeUndefined();
      }
      // Every declared file was requested from the mirror, none was missing there.
      const requested = new Set(mirror.requests);
      for (const adapter of adapters.filter((a) => !reasons.has(a.meta.id))) {
        for (const file of adapter.files) {
          const mirrored = new URL(resolveDownloadUrl(file.url, mirror.url));
          expect(requested.has(mirrored.pathname + mirrored.search), file.path).toBe(true);
        }
      }
    } finally {
      await database.close();
      await mirror.close();
    }
  });
});
