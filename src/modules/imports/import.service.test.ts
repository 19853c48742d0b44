import { createHash } from 'node:crypto';
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
import { AppError, InputError, type InputLocation } from '../../errors.js';
import { importSource, orderByDependencies } from './import.service.js';

const totalRows = fixtureCounts.levels + fixtureCounts.fields;

interface Snapshot {
  levels: Record<string, unknown>[];
  fields: Record<string, unknown>[];
  runs: Array<Record<string, unknown> & { id: number }>;
}

/** Everything the fixture source can touch, in a stable order. */
async function snapshot(db: Db): Promise<Snapshot> {
  const levels = (await execute(db, sql`SELECT * FROM sun_levels ORDER BY code`)).rows;
  const fields = (await execute(db, sql`SELECT * FROM sun_fields ORDER BY code`)).rows;
  const runs = (
    await execute<Record<string, unknown> & { id: number }>(db, sql`SELECT * FROM import_runs ORDER BY id`)
  ).rows;
  return { levels, fields, runs };
}

async function runById(db: Db, id: number): Promise<Record<string, unknown>> {
  const { rows } = await execute(
    db,
    sql`SELECT status, origin, content_hash, files, rows_read, rows_inserted, rows_updated, rows_deleted,
               rows_unchanged, error, started_at, finished_at
        FROM import_runs WHERE id = ${id}`,
  );
  expect(rows).toHaveLength(1);
  return rows[0] ?? {};
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const tempDirs: string[] = [];

/** A copy of the base fixture directory, changed by `mutate`. */
async function variant(mutate: (dir: string) => Promise<void>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'semafor-import-'));
  tempDirs.push(dir);
  await cp(fixtureDirs.base, dir, { recursive: true });
  await mutate(dir);
  return dir;
}

async function editFile(dir: string, file: string, edit: (text: string) => string): Promise<void> {
  const target = path.join(dir, file);
  await writeFile(target, edit(await readFile(target, 'utf8')));
}

afterAll(async () => {
  await Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe.each(testEngines())('importSource on $name', (engine) => {
  let database: Database;
  let cacheDir: string;

  beforeAll(async () => {
    database = await engine.open();
    cacheDir = await mkdtemp(path.join(tmpdir(), 'semafor-cache-'));
    tempDirs.push(cacheDir);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('inserts every row on the first import and records the run', async () => {
    const { db } = database;
    const summary = await importSource(db, fixtureSource, { dataDir: fixtureDirs.base, cacheDir });
    expect(summary).toMatchObject({
      sourceId: 'fixture',
      status: 'succeeded',
      origin: 'data_dir',
      rowsRead: totalRows,
      rowsInserted: totalRows,
      rowsUpdated: 0,
      rowsDeleted: 0,
      rowsUnchanged: 0,
      error: null,
    });
    expect(summary.contentHash).toMatch(/^[0-9a-f]{64}$/);

    const after = await snapshot(db);
    expect(after.levels).toHaveLength(fixtureCounts.levels);
    expect(after.fields).toHaveLength(fixtureCounts.fields);
    expect(after.levels.find((l) => l.code === '10')).toEqual({
      code: '10',
      digits: 2,
      parent_code: '1',
      label_sv: 'Förgymnasial utbildning, kortare än 9 år',
    });
    expect(after.fields.find((f) => f.code === '222a')?.label_sv).toBe('Svenska som främmande språk (sfi)');

    const run = await runById(db, summary.runId ?? -1);
    const levelBytes = await readFile(path.join(fixtureDirs.base, FIXTURE_LEVELS));
    const fieldBytes = await readFile(path.join(fixtureDirs.base, FIXTURE_FIELDS));
    expect(run).toMatchObject({
      status: 'succeeded',
      origin: 'data_dir',
      content_hash: summary.contentHash,
      rows_read: totalRows,
      rows_inserted: totalRows,
      rows_updated: 0,
      rows_deleted: 0,
      rows_unchanged: 0,
      error: null,
      files: [
        { path: FIXTURE_LEVELS, bytes: levelBytes.byteLength, sha256: sha256(levelBytes) },
        { path: FIXTURE_FIELDS, bytes: fieldBytes.byteLength, sha256: sha256(fieldBytes) },
      ],
    });
    expect(new Date(String(run.finished_at)).getTime()).toBeGreaterThanOrEqual(
      new Date(String(run.started_at)).getTime(),
    );
  });

  it('skips unchanged files without touching the database', async () => {
    const { db } = database;
    const before = await snapshot(db);
    const summary = await importSource(db, fixtureSource, { dataDir: fixtureDirs.base, cacheDir });
    expect(summary).toMatchObject({
      status: 'unchanged',
      rowsRead: 0,
      rowsInserted: 0,
      rowsUpdated: 0,
      rowsDeleted: 0,
      rowsUnchanged: totalRows,
      runId: before.runs.at(-1)?.id,
    });
    expect(await snapshot(db)).toEqual(before);
  });

  it('re-reads unchanged files with force and reports every row unchanged', async () => {
    const { db } = database;
    const before = await snapshot(db);
    const summary = await importSource(db, fixtureSource, {
      dataDir: fixtureDirs.base,
      cacheDir,
      force: true,
    });
    expect(summary).toMatchObject({
      status: 'succeeded',
      rowsRead: totalRows,
      rowsInserted: 0,
      rowsUpdated: 0,
      rowsDeleted: 0,
      rowsUnchanged: totalRows,
      contentHash: before.runs.at(-1)?.content_hash,
    });
    const after = await snapshot(db);
    expect(after.levels).toEqual(before.levels);
    expect(after.fields).toEqual(before.fields);
    expect(after.runs).toHaveLength(before.runs.length + 1);
    expect(await runById(db, summary.runId ?? -1)).toMatchObject({
      status: 'succeeded',
      rows_unchanged: totalRows,
    });
  });

  it('counts inserted, updated and deleted rows when a file changed', async () => {
    const { db } = database;
    const dir = await variant((d) =>
      editFile(d, FIXTURE_LEVELS, (text) =>
        text
          .replace('2,32,3,Gymnasial utbildning 3 år', '2,32,3,Gymnasial utbildning 3 år (ändrad)')
          .replace('3,310,31,Gymnasial utbildning högst 2 år (äldre läroplan)\n', '')
          .concat('2,33,3,Gymnasial utbildning 4 år\n'),
      ),
    );
    const summary = await importSource(db, fixtureSource, { dataDir: dir, cacheDir });
    expect(summary).toMatchObject({
      status: 'succeeded',
      rowsRead: totalRows,
      rowsInserted: 1,
      rowsUpdated: 1,
      rowsDeleted: 1,
      rowsUnchanged: totalRows - 2,
    });
    const after = await snapshot(db);
    const codes = after.levels.map((l) => l.code);
    expect(codes).toContain('33');
    expect(codes).not.toContain('310');
    expect(after.levels.find((l) => l.code === '32')?.label_sv).toBe('Gymnasial utbildning 3 år (ändrad)');
    expect(await runById(db, summary.runId ?? -1)).toMatchObject({
      rows_inserted: 1,
      rows_updated: 1,
      rows_deleted: 1,
      rows_unchanged: totalRows - 2,
    });

    // Back to the base files: the reverse changes.
    const back = await importSource(db, fixtureSource, { dataDir: fixtureDirs.base, cacheDir });
    expect(back).toMatchObject({ rowsInserted: 1, rowsUpdated: 1, rowsDeleted: 1 });
  });

  const badInputs: Array<{
    name: string;
    mutate: (dir: string) => Promise<void>;
    location: InputLocation;
    problem: RegExp;
    hashed: boolean;
  }> = [
    {
      name: 'a missing file',
      mutate: (d) => rm(path.join(d, FIXTURE_FIELDS)),
      location: { file: FIXTURE_FIELDS },
      problem: /saknas/,
      hashed: false,
    },
    {
      name: 'an empty file',
      mutate: (d) => writeFile(path.join(d, FIXTURE_LEVELS), ''),
      location: { file: FIXTURE_LEVELS },
      problem: /tom/,
      hashed: true,
    },
    {
      name: 'a missing column',
      mutate: (d) => editFile(d, FIXTURE_LEVELS, (t) => t.replace('label_sv', 'etikett')),
      location: { file: FIXTURE_LEVELS, row: 1, column: 'label_sv' },
      problem: /kolumnen saknas/,
      hashed: true,
    },
    {
      name: 'a row with too many fields',
      mutate: (d) => editFile(d, FIXTURE_LEVELS, (t) => `${t}2,33,3,Gymnasial utbildning,4 år\n`),
      location: { file: FIXTURE_LEVELS, row: 10 },
      problem: /trasig rad: .*expect 4, got 5/,
      hashed: true,
    },
    {
      name: 'broken quoting',
      mutate: (d) =>
        editFile(d, FIXTURE_LEVELS, (t) =>
          t.replace('1,3,,Gymnasial utbildning', '1,3,,Gymnasial "utbildning"'),
        ),
      location: { file: FIXTURE_LEVELS, row: 4 },
      problem: /trasig rad/,
      hashed: true,
    },
    {
      name: 'an invalid value',
      mutate: (d) => editFile(d, FIXTURE_LEVELS, (t) => t.replace('1,3,,Gymnasial', 'ett,3,,Gymnasial')),
      location: { file: FIXTURE_LEVELS, row: 4, column: 'digits' },
      problem: /heltal.*"ett"/,
      hashed: true,
    },
    {
      name: 'a duplicate key',
      mutate: (d) => editFile(d, FIXTURE_LEVELS, (t) => `${t}2,10,1,Dubblett av 10\n`),
      location: { file: FIXTURE_LEVELS, row: 10, column: 'code' },
      problem: /dubblett av nyckeln "10" \(finns redan på rad 3\)/,
      hashed: true,
    },
    {
      name: 'an unknown code',
      mutate: (d) => editFile(d, FIXTURE_FIELDS, (t) => `${t}3,999,99,Okänd överordnad\n`),
      location: { file: FIXTURE_FIELDS, row: 13, column: 'parentCode' },
      problem: /okänd inriktningskod "99"/,
      hashed: true,
    },
    {
      name: 'a binary file instead of CSV',
      mutate: (d) =>
        writeFile(
          path.join(d, FIXTURE_FIELDS),
          new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0xff, 0x00, 0x0a, 0x41]),
        ),
      location: { file: FIXTURE_FIELDS, row: 1, column: 'level' },
      problem: /kolumnen saknas/,
      hashed: true,
    },
  ];

  it.each(badInputs)('stops on $name, leaves the database as before and records the failure', async (bad) => {
    const { db } = database;
    const dir = await variant(bad.mutate);
    const before = await snapshot(db);
    expect(before.levels.length).toBeGreaterThan(0);

    const error = await importSource(db, fixtureSource, { dataDir: dir, cacheDir }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    const inputError = error as InputError;
    expect(inputError.code).toBe('validation_failed');
    expect(inputError.location).toEqual(bad.location);
    expect(inputError.message).toMatch(bad.problem);
    expect(inputError.message).toContain(bad.location.file);
    if (bad.location.row !== undefined) expect(inputError.message).toContain(`rad ${bad.location.row}`);
    if (bad.location.column !== undefined)
      expect(inputError.message).toContain(`kolumn "${bad.location.column}"`);

    const after = await snapshot(db);
    expect(after.levels).toEqual(before.levels);
    expect(after.fields).toEqual(before.fields);
    expect(after.runs.slice(0, before.runs.length)).toEqual(before.runs);
    expect(after.runs).toHaveLength(before.runs.length + 1);

    const failed: Record<string, unknown> = after.runs.at(-1) ?? {};
    expect(failed.id).toBe((error as { runId?: number }).runId);
    expect(failed).toMatchObject({
      source_id: 'fixture',
      status: 'failed',
      origin: 'data_dir',
      rows_read: 0,
      rows_inserted: 0,
    });
    // The stored text is the message, with control characters (from a binary file) replaced.
    const visible = [...inputError.message].map((ch) =>
      ch < ' ' && ch !== '\n' && ch !== '\t' ? '\uFFFD' : ch,
    );
    expect(failed.error).toBe(visible.join(''));
    if (bad.hashed) {
      expect(failed.content_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(failed.files).toHaveLength(2);
    } else {
      expect(failed.content_hash).toBeNull();
    }
  });

  it('reads Windows-1252 with semicolons and UTF-8 with BOM as the same content', async () => {
    const { db } = database;
    const before = await snapshot(db);
    const summary = await importSource(db, fixtureSource, { dataDir: fixtureDirs.windows1252, cacheDir });
    // Different bytes, same rows: nothing inserted, updated or deleted.
    expect(summary).toMatchObject({
      status: 'succeeded',
      rowsRead: totalRows,
      rowsInserted: 0,
      rowsUpdated: 0,
      rowsDeleted: 0,
      rowsUnchanged: totalRows,
    });
    expect(summary.contentHash).not.toBe(before.runs.findLast((r) => r.status === 'succeeded')?.content_hash);
    const after = await snapshot(db);
    expect(after.levels).toEqual(before.levels);
    expect(after.fields).toEqual(before.fields);
  });

  it('rolls back a database error from a faulty adapter and reports it without SQL', async () => {
    const { db } = database;
    const before = await snapshot(db);
    const faulty = {
      ...fixtureSource,
      async read() {
        async function* batches() {
          yield { target: 'levels', rows: [{ code: '99', digits: 1, parentCode: null, labelSv: 'Ny' }] };
          yield { target: 'fields', rows: [{ code: '9', level: 1, parentCode: null, labelSv: null }] };
        }
        return { expectedRows: 2, batches: batches() };
      },
    };
    // Two rows instead of 19 would be refused as a shrink first; this test is about the database error.
    const error = await importSource(db, faulty, {
      dataDir: fixtureDirs.base,
      cacheDir,
      force: true,
      allowShrink: true,
    }).then(
      () => undefined,
      (e: unknown) => e as AppError,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error?.code).toBe('import_failed');
    expect(error?.message).toMatch(/^Oväntat fel: .*label_sv/);
    expect(error?.message).not.toMatch(/insert into|Failed query|params/i);
    const after = await snapshot(db);
    expect(after.levels).toEqual(before.levels);
    expect(after.fields).toEqual(before.fields);
    expect(after.runs.at(-1)).toMatchObject({ status: 'failed', error: error?.message });
  });

  it('fails with source_unavailable when there is no data directory', async () => {
    const { db } = database;
    const before = await snapshot(db);
    await expect(importSource(db, fixtureSource, { cacheDir })).rejects.toMatchObject({
      code: 'source_unavailable',
    });
    const after = await snapshot(db);
    expect(after.levels).toEqual(before.levels);
    expect(after.runs.at(-1)).toMatchObject({ status: 'failed', content_hash: null });
  });
});

describe.each(testEngines())('Windows-1252 import into an empty database on $name', (engine) => {
  it('stores Swedish letters correctly', async () => {
    const database = await engine.open();
    try {
      const cacheDir = await mkdtemp(path.join(tmpdir(), 'semafor-cache-'));
      tempDirs.push(cacheDir);
      const summary = await importSource(database.db, fixtureSource, {
        dataDir: fixtureDirs.windows1252,
        cacheDir,
      });
      expect(summary.rowsInserted).toBe(totalRows);
      const { levels, fields } = await snapshot(database.db);
      expect(levels.map((l) => l.label_sv)).toContain('Förgymnasial utbildning, kortare än 9 år');
      expect(levels.map((l) => l.label_sv)).toContain('Gymnasial utbildning högst 2 år (äldre läroplan)');
      // 0x96 is an en dash in Windows-1252 (a C1 control character in Latin-1).
      expect(levels.find((l) => l.code === '55')?.label_sv).toBe(
        'Eftergymnasial utbildning minst 2 år – yrkeshögskola',
      );
      expect(fields.map((f) => f.label_sv)).toContain('Hälso- och sjukvård samt social omsorg');
      expect(fields.find((f) => f.code === '01')?.label_sv).toBe('Bred, generell utbildning');
    } finally {
      await database.close();
    }
  });
});

describe('orderByDependencies', () => {
  const adapter = (id: string, dependsOn: string[] = []) => ({ meta: { id }, dependsOn });

  it('puts each source after the sources it depends on', () => {
    const ordered = orderByDependencies([adapter('c', ['b']), adapter('a'), adapter('b', ['a'])]);
    expect(ordered.map((a) => a.meta.id)).toEqual(['a', 'b', 'c']);
  });

  it('ignores dependencies that are not in the list', () => {
    expect(orderByDependencies([adapter('x', ['missing'])]).map((a) => a.meta.id)).toEqual(['x']);
  });

  it('rejects cycles', () => {
    expect(() => orderByDependencies([adapter('a', ['b']), adapter('b', ['a'])])).toThrow(/Cyclic/);
  });
});

describe('AppError', () => {
  it('maps codes to HTTP statuses', () => {
    expect(new AppError('database_locked', 'x').httpStatus).toBe(423);
    expect(new InputError({ file: 'a.csv', row: 2, column: 'kod' }, 'fel').message).toBe(
      'a.csv, rad 2, kolumn "kod": fel',
    );
  });
});
