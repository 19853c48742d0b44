import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getTableName, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mirror, startMirror } from '../../../test/fixtures/mirror-server.js';
import { fixtureDirs, fixtureSource } from '../../../test/fixtures/sources/fixture-source.js';
import { defaultDataDir } from '../../config.js';
import type { Db } from '../../db/client.js';
import { execute } from '../../db/execute.js';
import { testEngines } from '../../db/testing.js';
import { AppError, isAppError } from '../../errors.js';
import { sourceAdapters } from '../../sources/registry.js';
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

const dataDir = defaultDataDir();
const [firstEngine] = testEngines();

/**
 * The registered adapters, fetched through a mirror that serves the snapshot files under their official URLs.
 * The download path does not depend on the engine, so this heavy test runs on PGlite only.
 */
describe.skipIf(!dataDir || !firstEngine)('online import of the registered sources', () => {
  it('gives the same tables as the data-directory import', { timeout: 600_000 }, async () => {
    const root = dataDir ?? '';
    const adapters = orderByDependencies(sourceAdapters);
    const mirror = await startMirror(
      adapters.flatMap((a) =>
        a.files.map((f) => ({ officialUrl: f.url, absolutePath: path.join(root, f.path) })),
      ),
    );
    const online = await firstEngine!.open();
    const offline = await firstEngine!.open();
    try {
      const cacheDir = await tempDir('semafor-online-all-');
      const fromDir = new Map<string, ImportSummary>();
      const fromWeb = new Map<string, ImportSummary>();
      const offlineOnly: string[] = [];
      const reasons = new Map<string, string>();
      for (const adapter of adapters) {
        fromDir.set(adapter.meta.id, await importSource(offline.db, adapter, { dataDir: root, cacheDir }));
        try {
          fromWeb.set(
            adapter.meta.id,
            await importSource(online.db, adapter, { online: true, mirror: mirror.url, cacheDir }),
          );
        } catch (error) {
          // An adapter may declare that it has no online source; anything else is a failure of the online path.
          if (!(isAppError(error) && error.code === 'source_unavailable')) throw error;
          offlineOnly.push(adapter.meta.id);
          reasons.set(adapter.meta.id, error.message);
          await importSource(online.db, adapter, { dataDir: root, cacheDir });
        }
      }
      // The reference sources of the foundation must work online.
      for (const id of ['geo', 'ssyk', 'occupations', 'sun']) {
        if (adapters.some((a) => a.meta.id === id)) expect(reasons.get(id), id).toBeUndefined();
      }

      const mismatches: string[] = [];
      for (const adapter of adapters) {
        const web = fromWeb.get(adapter.meta.id);
        if (!web) continue;
        const dir = fromDir.get(adapter.meta.id);
        expect(web.status, adapter.meta.id).toBe('succeeded');
        expect(web.origin).toBe('online');
        // An adapter that declares several files under one official URL reads a subset online: not comparable.
        const urls = adapter.files.map((f) => f.url);
        if (new Set(urls).size !== urls.length) continue;
        // The same bytes are expected only where the mirror served each declared file itself; an adapter may
        // declare the official file in another format under its data-directory name (it must still give the
        // same tables).
        const sameFiles = adapter.files.every((f) => mirror.servedFile(f.url) === path.join(root, f.path));
        if (sameFiles && web.contentHash !== dir?.contentHash) {
          mismatches.push(`${adapter.meta.id}: other bytes online than in the data directory`);
        }
        if (sameFiles && web.rowsRead !== dir?.rowsRead) {
          mismatches.push(
            `${adapter.meta.id}: ${web.rowsRead} rows online, ${dir?.rowsRead} from the data directory`,
          );
        }
        for (const target of adapter.targets) {
          const table = getTableName(target.table);
          const a = await tableDigest(online.db, table);
          const b = await tableDigest(offline.db, table);
          if (a.rows !== b.rows || a.md5 !== b.md5) {
            mismatches.push(`${adapter.meta.id}: table ${table} differs (${a.rows} vs ${b.rows} rows)`);
          }
        }
      }
      expect(mismatches).toEqual([]);
      // Unchanged input: an online re-import of the same bytes is skipped.
      const sun = adapters.find((a) => a.meta.id === 'sun');
      if (sun) {
        const again = await importSource(offline.db, sun, { online: true, mirror: mirror.url, cacheDir });
        expect(again.status).toBe('unchanged');
      }
    } finally {
      await online.close();
      await offline.close();
      await mirror.close();
    }
  });
});
