import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDirs, fixtureSource } from '../../test/fixtures/sources/fixture-source.js';
import { importSource } from '../modules/imports/import.service.js';
import { backupDatabase, restoreDatabase } from './backup.js';
import { type Database, openPglite } from './client.js';
import { execute } from './execute.js';

let root: string;
let dir: string;

async function contents(database: Database): Promise<unknown[]> {
  const levels = await execute(database.db, sql`SELECT * FROM sun_levels ORDER BY code`);
  const runs = await execute(database.db, sql`SELECT id, status, content_hash FROM import_runs ORDER BY id`);
  return [levels.rows, runs.rows];
}

async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openPglite({ dir });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'semafor-backup-'));
  dir = path.join(root, 'db');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('backup and restore of the embedded database', () => {
  let backup: Uint8Array;
  let saved: unknown[];

  it('restores the state of the backup', async () => {
    ({ backup, saved } = await withDatabase(async (database) => {
      await importSource(database.db, fixtureSource, { dataDir: fixtureDirs.base, cacheDir: root });
      return { backup: await backupDatabase(database), saved: await contents(database) };
    }));
    expect(backup.byteLength).toBeGreaterThan(1000);
    expect([backup[0], backup[1]]).toEqual([0x1f, 0x8b]); // gzip

    await withDatabase(async (database) => {
      await execute(database.db, sql`DELETE FROM sun_levels WHERE code = '55'`);
      expect(await contents(database)).not.toEqual(saved);
    });

    await restoreDatabase(dir, backup);
    expect(await withDatabase(contents)).toEqual(saved);
    // Nothing left beside the database but its own files.
    expect((await readdir(root)).sort()).toEqual(['db']);
  });

  it.each([
    { name: 'a garbage file', bytes: new TextEncoder().encode('inte en säkerhetskopia') },
    { name: 'a truncated backup', bytes: () => backup.subarray(0, Math.floor(backup.byteLength / 3)) },
  ])('leaves the database intact when restoring $name', async ({ bytes }) => {
    const input = typeof bytes === 'function' ? bytes() : bytes;
    await expect(restoreDatabase(dir, input)).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await withDatabase(contents)).toEqual(saved);
    expect((await readdir(root)).sort()).toEqual(['db']);
  });

  it('refuses to restore while the database is open', async () => {
    await withDatabase(async () => {
      await expect(restoreDatabase(dir, backup)).rejects.toMatchObject({ code: 'database_locked' });
    });
    expect(await withDatabase(contents)).toEqual(saved);
  });

  it('backs up only the embedded database', async () => {
    const fake = { kind: 'postgres', db: undefined, location: 'x', close: async () => {} };
    await expect(backupDatabase(fake as unknown as Database)).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});
