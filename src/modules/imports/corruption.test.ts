import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import type { Database } from '../../db/client.js';
import { testEngines } from '../../db/testing.js';
import { findSources, sourceAdapters } from '../../sources/registry.js';
import { describeRealData } from '../../testing/real-data.js';
import { addArea, removeArea } from '../areas/areas.service.js';
import { listSignals } from '../signals/signal-list.service.js';
import {
  computeSignals,
  readKnowledgeBase,
  refreshSignalsIfStale,
  signalsFreshness,
} from '../signals/signals.service.js';
import {
  type ChangeMark,
  type CorruptionCase,
  changesSince,
  corruptionCases,
  databaseFingerprint,
  markDatabase,
} from './corruption.cases.js';
import { runImport } from './import.service.js';

/**
 * The corruption suite: the real data directory is copied to a temporary directory and imported once per engine;
 * then, for every declared source file and every kind of damage in corruption.cases.ts, the file is damaged, the
 * sources reading it are imported, and the run must fail naming the file while the database fingerprint (row
 * counts and a hash of every table) stays exactly as before. PGlite runs every case; PostgreSQL a handful.
 */
const dataDir = loadConfig().dataDir;
const allCases = dataDir ? corruptionCases(sourceAdapters, dataDir) : [];

/** One case per kind, on files of different sources and formats, for the second engine. */
const POSTGRES_CASES: Array<[string, string]> = [
  ['ssyk2012/structure_ssyk12_scb_en.csv', 'truncated at a line boundary'],
  ['scb-yrkesregistret/employees_ssyk4_county_sex_2014_2024.csv', 'header only'],
  ['geo-postal/Pnr-Ort-Kommun-KnKod-LnNamn-Lat-Long-GM_202409.csv', 'empty'],
  ['af-yrkesprognoser/5-ar.xlsx', 'random bytes'],
  ['larcentra/larcentra.csv', 'duplicate keys'],
  ['geo-admin/counties.csv', 'missing'],
];

describeRealData.each(testEngines())('corrupted source files on $name', (engine) => {
  let database: Database;
  let workDir: string;
  let cacheDir: string;
  let base: Record<string, string>;
  let mark: ChangeMark;
  const cases =
    engine.name === 'pglite'
      ? allCases
      : allCases.filter((c) => POSTGRES_CASES.some(([f, k]) => c.file === f && c.kind === k));

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'semafor-corrupt-'));
    cacheDir = path.join(workDir, 'cache');
    await cp(dataDir ?? '', path.join(workDir, 'data'), { recursive: true });
    database = await engine.open();
    const first = await runImport(database.db, sourceAdapters, {
      dataDir: path.join(workDir, 'data'),
      cacheDir,
      skipAbsent: true,
    });
    expect(first.error).toBeNull();
    await computeSignals(database);
    base = await databaseFingerprint(database.db);
    mark = await markDatabase(database.db);
  }, 600_000);
  afterAll(async () => {
    await database?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('has a case for every kind of damage', () => {
    expect(cases.length).toBeGreaterThanOrEqual(engine.name === 'pglite' ? 100 : POSTGRES_CASES.length);
    expect(new Set(cases.map((c) => c.kind)).size).toBe(6);
  });

  const check = async (c: CorruptionCase): Promise<void> => {
    const target = path.join(workDir, 'data', c.file);
    const original = await readFile(target);
    const damaged = c.damage(original, c.file);
    if (damaged === null) await rm(target);
    else await writeFile(target, damaged);
    let result: Awaited<ReturnType<typeof runImport>>;
    try {
      result = await runImport(database.db, findSources(c.sources), {
        dataDir: path.join(workDir, 'data'),
        cacheDir,
        inactivitySeconds: 60,
      });
    } finally {
      await writeFile(target, original);
    }
    // Per case the cheap check (row counts and row versions written since the mark); the whole database is hashed
    // once after all cases (below), so a change no count or xmin shows would still fail the suite.
    const changed = await changesSince(database.db, mark);
    if (result.ok) {
      // Put the data back so one accepted case does not spoil the cases after it.
      await runImport(database.db, findSources(c.sources), {
        dataDir: path.join(workDir, 'data'),
        cacheDir,
        force: true,
        allowShrink: true,
      });
      base = await databaseFingerprint(database.db);
      mark = await markDatabase(database.db);
    }
    expect(result.ok, `accepted: ${JSON.stringify(result.sources.map((s) => [s.sourceId, s.status]))}`).toBe(
      false,
    );
    expect(result.error?.message).toContain(c.file);
    expect(changed).toEqual({});
  };
  const named = (list: CorruptionCase[]) =>
    list.map((c) => [`${c.file}: ${c.kind}`, c] as [string, CorruptionCase]);
  it.each(named(cases))('%s → refused, file named, database unchanged', (_name, c) => check(c), 120_000);

  it('hashes every row of every table the same after all the refused runs as before them', async () => {
    expect(await databaseFingerprint(database.db)).toEqual(base);
  });

  it('leaves the signals up to date with the (unchanged) data', async () => {
    expect((await signalsFreshness(database.db)).upToDate).toBe(true);
  });

  it('counts custom areas in the data version, computed the same way as the computation computes it', async () => {
    const area = await addArea(database.db, { name: 'Testområde', municipalities: ['2121', '2182'] });
    try {
      const freshness = await signalsFreshness(database.db);
      expect(freshness.upToDate).toBe(false);
      expect(freshness.dataVersion).toBe((await readKnowledgeBase(database.db)).dataHash);
    } finally {
      await removeArea(database.db, area.id);
    }
    expect((await signalsFreshness(database.db)).upToDate).toBe(true);
  });

  it('finds signals stale after a run that wrote a barometer change without computing, and the next import recomputes', async () => {
    const national = path.join(workDir, 'data', 'af-yrkesbarometer/yrkesbarometer_2026-1_national.json');
    const original = await readFile(national, 'utf8');
    const classOfRevisorer = async () =>
      (await listSignals(database.db, { geo: 'country:SE', round: '2026-1' })).signals.find((s) =>
        s.label.sv.startsWith('Revisorer'),
      )?.signalClass;
    expect(await classOfRevisorer()).toBe('brist');
    // What a failed run used to leave behind: the barometer change committed, the signals not recomputed.
    await writeFile(
      national,
      original.replace(
        '"yb_yrke": "Revisorer",\n  "ssyk_text": "Revisorer m.fl.",\n  "rekryteringssituation": "brist"',
        '"yb_yrke": "Revisorer",\n  "ssyk_text": "Revisorer m.fl.",\n  "rekryteringssituation": "överskott"',
      ),
    );
    try {
      const written = await runImport(database.db, findSources(['af-yrkesbarometer']), {
        dataDir: path.join(workDir, 'data'),
        cacheDir,
      });
      expect(written.sources[0]?.status).toBe('succeeded');
      const stale = await signalsFreshness(database.db);
      expect(stale.upToDate).toBe(false);
      expect(stale.computedFrom).not.toBe(stale.dataVersion);
      expect(await classOfRevisorer()).toBe('brist');

      // The next import finds every source unchanged, and still brings the signals up to date.
      const next = await runImport(database.db, sourceAdapters, {
        dataDir: path.join(workDir, 'data'),
        cacheDir,
        skipAbsent: true,
      });
      expect(next.sources.every((s) => s.status === 'unchanged')).toBe(true);
      const { signals, computed } = await refreshSignalsIfStale(database);
      expect(computed?.rounds.find((r) => r.roundId === '2026-1')?.status).toBe('computed');
      expect(signals.upToDate).toBe(true);
      expect(await classOfRevisorer()).not.toBe('brist');
    } finally {
      await writeFile(national, original);
      await runImport(database.db, findSources(['af-yrkesbarometer']), {
        dataDir: path.join(workDir, 'data'),
        cacheDir,
      });
      await refreshSignalsIfStale(database);
    }
    expect(await databaseFingerprint(database.db)).toMatchObject(
      Object.fromEntries(
        Object.entries(base).filter(([t]) => !/^(import_runs|signal_runs|signal_state)$/.test(t)),
      ),
    );
  }, 300_000);
});
