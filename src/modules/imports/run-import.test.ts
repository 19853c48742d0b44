import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIXTURE_FIELDS,
  FIXTURE_LEVELS,
  fixtureCounts,
  fixtureDirs,
  fixtureSource,
} from '../../../test/fixtures/sources/fixture-source.js';
import type { Database, Db } from '../../db/client.js';
import { execute } from '../../db/execute.js';
import { testEngines } from '../../db/testing.js';
import type { RowBatch, SourceAdapter } from '../../sources/contract.js';
import { importSource, runImport } from './import.service.js';

/** The runner's guarantees across sources: all or nothing, the no-rows and shrink guards, the watchdog. */

const tempDirs: string[] = [];
afterAll(async () => {
  await Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function copyOfBase(mutate: (dir: string) => Promise<void> = async () => {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'semafor-run-'));
  tempDirs.push(dir);
  await cp(fixtureDirs.base, dir, { recursive: true });
  await mutate(dir);
  return dir;
}

/** Keeps the header and the first `keep` data lines of a CSV. */
async function keepLines(dir: string, file: string, keep: number): Promise<void> {
  const target = path.join(dir, file);
  const lines = (await readFile(target, 'utf8')).split('\n');
  await writeFile(target, `${lines.slice(0, 1 + keep).join('\n')}\n`);
}

async function state(db: Db) {
  const levels = (await execute(db, sql`SELECT * FROM sun_levels ORDER BY code`)).rows;
  const fields = (await execute(db, sql`SELECT * FROM sun_fields ORDER BY code`)).rows;
  const runs = (
    await execute<{ source_id: string; status: string; error: string | null }>(
      db,
      sql`SELECT source_id, status, error FROM import_runs ORDER BY id`,
    )
  ).rows;
  return { levels, fields, runs };
}

/** A second source over the same tables that fails (or hangs) after its first batch. */
function laterSource(behaviour: 'fail' | 'hang' | 'hang-before-stream'): SourceAdapter {
  return {
    ...fixtureSource,
    meta: { ...fixtureSource.meta, id: 'later' },
    dependsOn: ['fixture'],
    targets: [fixtureSource.targets[0]!],
    async read() {
      if (behaviour === 'hang-before-stream') await new Promise(() => {});
      async function* batches(): AsyncGenerator<RowBatch> {
        yield {
          target: 'levels',
          rows: [{ code: '9', digits: 1, parentCode: null, labelSv: 'Ny nivå' }],
          locations: [{ file: FIXTURE_LEVELS, row: 2 }],
        };
        if (behaviour === 'hang') await new Promise(() => {});
        yield {
          target: 'levels',
          rows: [{ code: '91', digits: 2, parentCode: '404', labelSv: 'Okänd förälder' }],
          locations: [{ file: FIXTURE_LEVELS, row: 3 }],
        };
      }
      return { expectedRows: 2, batches: batches() };
    },
  };
}

describe.each(testEngines())('runImport on $name', (engine) => {
  let database: Database;
  let cacheDir: string;

  beforeAll(async () => {
    database = await engine.open();
    cacheDir = await mkdtemp(path.join(tmpdir(), 'semafor-cache-'));
    tempDirs.push(cacheDir);
    await importSource(database.db, fixtureSource, { dataDir: fixtureDirs.base, cacheDir });
  });
  afterAll(async () => {
    await database?.close();
  });

  it('refuses a header-only file as having no data rows, naming the files', async () => {
    const before = await state(database.db);
    const dir = await copyOfBase(async (d) => {
      await keepLines(d, FIXTURE_LEVELS, 0);
      await keepLines(d, FIXTURE_FIELDS, 0);
    });
    const result = await runImport(database.db, [fixtureSource], { dataDir: dir, cacheDir });
    expect(result.ok).toBe(false);
    expect(result.error?.message).toContain(FIXTURE_LEVELS);
    expect(result.error?.message).toMatch(/inga datarader/);
    const after = await state(database.db);
    expect(after.levels).toEqual(before.levels);
    expect(after.runs.at(-1)).toMatchObject({ source_id: 'fixture', status: 'failed' });
  });

  it('refuses a fall of more than 10 % with both counts and the file, and accepts it with allowShrink', async () => {
    const before = await state(database.db);
    const dir = await copyOfBase((d) => keepLines(d, FIXTURE_FIELDS, 5));
    const refused = await runImport(database.db, [fixtureSource], { dataDir: dir, cacheDir });
    expect(refused.ok).toBe(false);
    expect(refused.error?.code).toBe('validation_failed');
    expect(refused.error?.message).toContain(FIXTURE_FIELDS);
    expect(refused.error?.message).not.toContain(FIXTURE_LEVELS);
    expect(refused.error?.message).toContain(`från ${fixtureCounts.fields} till 5 rader`);
    expect((await state(database.db)).fields).toEqual(before.fields);

    // A looser limit accepts the same file.
    const loose = await runImport(database.db, [fixtureSource], { dataDir: dir, cacheDir, shrinkLimit: 0.9 });
    expect(loose.ok).toBe(true);
    expect(loose.sources[0]).toMatchObject({ status: 'succeeded', rowsDeleted: fixtureCounts.fields - 5 });
    // Back to the full file (growth is never refused), then the operator's override.
    expect((await runImport(database.db, [fixtureSource], { dataDir: fixtureDirs.base, cacheDir })).ok).toBe(
      true,
    );
    const allowed = await runImport(database.db, [fixtureSource], {
      dataDir: dir,
      cacheDir,
      allowShrink: true,
    });
    expect(allowed.ok).toBe(true);
    expect((await state(database.db)).fields).toHaveLength(5);
    await importSource(database.db, fixtureSource, { dataDir: fixtureDirs.base, cacheDir });
  });

  it('rolls back every source of a run when a later one fails, and records only the failing one', async () => {
    const before = await state(database.db);
    const dir = await copyOfBase(async (d) => {
      const file = path.join(d, FIXTURE_LEVELS);
      await writeFile(file, (await readFile(file, 'utf8')).replace('Gymnasial utbildning 3 år', 'Ändrad'));
    });
    const result = await runImport(database.db, [fixtureSource, laterSource('fail')], {
      dataDir: dir,
      cacheDir,
      allowShrink: true,
    });
    expect(result.ok).toBe(false);
    expect(result.failedSource).toBe('later');
    expect(result.error?.message).toMatch(new RegExp(`^${FIXTURE_LEVELS}, rad 3.*okänd nivåkod "404"`));
    expect(result.sources.map((s) => [s.sourceId, s.status])).toEqual([
      ['fixture', 'rolled_back'],
      ['later', 'failed'],
    ]);
    const after = await state(database.db);
    expect(after.levels).toEqual(before.levels);
    expect(after.fields).toEqual(before.fields);
    expect(after.runs.slice(before.runs.length)).toEqual([
      { source_id: 'later', status: 'failed', error: result.error?.message },
    ]);
  });

  it.each(['hang', 'hang-before-stream'] as const)(
    'ends a read that stops delivering (%s) with an error naming source and files',
    async (behaviour) => {
      const before = await state(database.db);
      const started = performance.now();
      const result = await runImport(database.db, [laterSource(behaviour)], {
        dataDir: fixtureDirs.base,
        cacheDir,
        inactivitySeconds: 0.3,
      });
      expect(performance.now() - started).toBeLessThan(5000);
      expect(result.ok).toBe(false);
      expect(result.error?.code).toBe('import_failed');
      expect(result.error?.message).toMatch(
        /^later: ingen data på 0\.3 s vid läsning av fixture\/levels\.csv/,
      );
      expect((await state(database.db)).levels).toEqual(before.levels);
    },
  );

  it('hashes optional files, records their absence, and reports a source with no files as skipped', async () => {
    const withOptional: SourceAdapter = {
      ...fixtureSource,
      meta: { ...fixtureSource.meta, id: 'fixture' },
      files: [
        ...fixtureSource.files,
        { path: 'fixture/extra.csv', url: 'https://example.org/x', optional: true },
      ],
    };
    const absentSource: SourceAdapter = {
      ...fixtureSource,
      meta: { ...fixtureSource.meta, id: 'nowhere' },
      files: [{ path: 'nowhere/none.csv', url: 'https://example.org/none' }],
    };
    const dir = await copyOfBase();
    const first = await runImport(database.db, [withOptional, absentSource], {
      dataDir: dir,
      cacheDir,
      skipAbsent: true,
    });
    expect(first.ok).toBe(true);
    expect(first.sources).toEqual([
      expect.objectContaining({
        sourceId: 'fixture',
        status: 'succeeded',
        absentFiles: ['fixture/extra.csv'],
        note: 'valfria filer saknas: fixture/extra.csv',
      }),
      expect.objectContaining({
        sourceId: 'nowhere',
        status: 'skipped',
        absentFiles: ['nowhere/none.csv'],
        note: expect.stringContaining('inga av källans filer finns'),
      }),
    ]);
    const { rows } = await execute<{ files: Array<Record<string, unknown>> }>(
      database.db,
      sql`SELECT files FROM import_runs WHERE id = ${first.sources[0]?.runId ?? -1}`,
    );
    expect(rows[0]?.files.at(-1)).toEqual({ path: 'fixture/extra.csv', bytes: 0, sha256: '', absent: true });

    const again = await runImport(database.db, [withOptional], { dataDir: dir, cacheDir });
    expect(again.sources[0]?.status).toBe('unchanged');
    // The optional file appears: a new content hash, so the source is read again.
    await writeFile(path.join(dir, 'fixture/extra.csv'), 'x\n1\n');
    const changed = await runImport(database.db, [withOptional], { dataDir: dir, cacheDir });
    expect(changed.sources[0]).toMatchObject({ status: 'succeeded', absentFiles: [] });
    expect(changed.sources[0]?.contentHash).not.toBe(first.sources[0]?.contentHash);
  });
});
