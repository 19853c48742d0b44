import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../config.js';
import type { Database } from '../db/client.js';
import { testEngines } from '../db/testing.js';
import { importSource, orderByDependencies } from '../modules/imports/import.service.js';
import { computeSignals, SIGNAL_SOURCES } from '../modules/signals/signals.service.js';
import { findSources } from '../sources/registry.js';
import {
  FIXTURE_COUNTIES,
  FIXTURE_LEARNING_CENTRE_MUNICIPALITIES,
  FIXTURE_SSYK,
  fixtureDataDir,
} from '../testing/fixture-data.js';
import { openFixtureDatabase } from '../testing/fixture-database.js';
import { type App, buildApp } from './app.js';

/**
 * The API of geographies, occupations, labour market, rounds, signals and learning centres on the fixture data set
 * (test/fixtures/data, made by scripts/make-fixtures.ts): runs everywhere, also without ../shared/data. The
 * expected values come from the fixture files themselves or from what the fixture keeps (two counties, twelve
 * SSYK groups, complete administrative lists); the real data's counts are checked by the real-data suites.
 */
describe.each(testEngines())('API on the fixture data ($name)', (engine) => {
  let database: Database;
  let app: App;
  let cacheDir: string;
  const collator = new Intl.Collator('sv');

  beforeAll(async () => {
    database = await engine.open();
    cacheDir = await mkdtemp(path.join(tmpdir(), 'semafor-fixture-api-'));
    for (const adapter of orderByDependencies(findSources(SIGNAL_SOURCES))) {
      const summary = await importSource(database.db, adapter, {
        dataDir: fixtureDataDir,
        cacheDir,
        expectComplete: false,
      });
      // The fixture passes the importer's checks (columns, codes, references, duplicate keys) as it stands.
      expect(summary.status, `${adapter.meta.id}: ${summary.error ?? ''}`).toBe('succeeded');
    }
    await computeSignals(database);
    app = await buildApp({ database, config: { dataDir: fixtureDataDir, projectRoot }, logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await rm(cacheDir, { recursive: true, force: true });
  });

  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json() };
  };

  it('re-imports the unchanged fixture as unchanged', async () => {
    for (const adapter of findSources(SIGNAL_SOURCES)) {
      const summary = await importSource(database.db, adapter, {
        dataDir: fixtureDataDir,
        cacheDir,
        expectComplete: false,
      });
      expect(summary.status, adapter.meta.id).toBe('unchanged');
    }
  });

  it('lists every county and the kept municipalities and FA regions, sorted the Swedish way', async () => {
    // The fixture keeps all 21 counties, every municipality of counties 03 and 21 plus the first of each other
    // county (8 + 10 + 19 = 37), and the 23 FA regions those municipalities belong to (scripts/make-fixtures.ts).
    for (const [type, n] of [
      ['county', 21],
      ['municipality', 37],
      ['fa', 23],
    ] as const) {
      const { status, body } = await get(`/api/geographies?type=${type}`);
      expect(status).toBe(200);
      const names = (body.geographies as Array<{ name: string }>).map((g) => g.name);
      expect(names).toHaveLength(n);
      expect(names).toEqual([...names].sort(collator.compare));
    }
  });

  it('gives population only where the fixture keeps it, summed from its DeSO rows', async () => {
    const counties = (await get('/api/geographies?type=county')).body.geographies as Array<{
      code: string;
      population: { total: number } | null;
    }>;
    const withPopulation = counties.filter((c) => c.population !== null).map((c) => c.code);
    expect(withPopulation.sort()).toEqual([...FIXTURE_COUNTIES]);

    // The DeSO codes of Gävleborg's municipalities start with its county code, 21; the Totalt rows sum both sexes.
    let expected = 0;
    for (const file of ['FolkmDesoBakgrKon_lan-B-O-2019.csv', 'FolkmDesoBakgrKon_lan-S-V-2019.csv']) {
      const text = await readFile(path.join(fixtureDataDir, 'scb-population-deso', file), 'utf8');
      for (const line of text.split(/\r?\n/).slice(1)) {
        const [deso, sex, , value] = line.split(',');
        if (deso?.startsWith('21') && sex === 'Totalt') expected += Number(value);
      }
    }
    expect(expected).toBeGreaterThan(0);
    const { body } = await get('/api/geographies/county:21');
    expect(body.population.total).toBe(expected);
    expect(body.members).toHaveLength(10);
  });

  it('serves a boundary for every county', async () => {
    const { status, body } = await get('/api/geographies/boundaries?type=county');
    expect(status).toBe(200);
    expect(body.features).toHaveLength(21);
  });

  it('lists exactly the fixture occupations and their SSYK parents', async () => {
    const { body } = await get('/api/occupations');
    expect((body.results as Array<{ ssyk: string }>).map((r) => r.ssyk).sort()).toEqual([...FIXTURE_SSYK]);
    const nurse = (await get('/api/occupations/2221')).body;
    expect(nurse).toMatchObject({ ssyk: '2221', level: 4, labelSv: 'Grundutbildade sjuksköterskor' });
    expect((nurse.parents as Array<{ ssyk: string }>).map((p) => p.ssyk)).toEqual(['2', '22', '222']);
    const missing = await get('/api/occupations/1111');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('gives the employment series of an occupation in a county as in the SCB fixture file', async () => {
    const text = await readFile(
      path.join(fixtureDataDir, 'scb-yrkesregistret/employees_ssyk4_county_sex_2014_2024.csv'),
      'utf8',
    );
    const expected = new Map<number, number>();
    for (const line of text.split(/\r?\n/).slice(1)) {
      const [year, county, ssyk, , employees] = line.split(',');
      if (county === '21' && ssyk === '2221') {
        expected.set(Number(year), (expected.get(Number(year)) ?? 0) + Number(employees));
      }
    }
    const { status, body } = await get('/api/occupations/2221/labour-market?geo=county:21');
    expect(status).toBe(200);
    const points = body.employment.points as Array<{
      year: number;
      total: number;
      women: number;
      men: number;
    }>;
    expect(points.map((p) => p.year)).toEqual([...expected.keys()].sort((a, b) => a - b));
    for (const p of points) {
      expect(p.total).toBe(expected.get(p.year));
      expect(p.women + p.men).toBe(p.total);
    }
  });

  it('computes signals for every round of the fixture and serves them per geography', async () => {
    const rounds = (await get('/api/signals/rounds')).body.rounds as Array<{ roundId: string }>;
    expect(rounds.map((r) => r.roundId).sort()).toEqual(['18H', '2025-2', '2026-1']);
    for (const round of ['18H', '2025-2']) {
      const { status, body } = await get(`/api/signals?geo=county:21&round=${round}`);
      expect(status).toBe(200);
      expect(body.total).toBe(FIXTURE_SSYK.length);
    }
    const detail = await get('/api/signals/2221?geo=county:21&round=18H');
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ ssyk: '2221', geographyId: 'county:21' });
    const map = await get('/api/signals/2221/map?type=county&round=18H');
    expect(map.status).toBe(200);
    expect(map.body.entries).toHaveLength(21);
  });

  it("gives the map's overview: per county the classes of every occupation, agreeing with the county's list", async () => {
    const { status, body } = await get('/api/signals/overview?type=county&round=18H');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      type: 'county',
      roundChoice: 'requested',
      occupations: FIXTURE_SSYK.length,
    });
    const entries = body.entries as Array<{ geographyId: string; counts: Record<string, number> }>;
    expect(entries).toHaveLength(21);
    for (const entry of entries)
      expect(Object.values(entry.counts).reduce((a, b) => a + b, 0)).toBe(FIXTURE_SSYK.length);
    const list = (await get('/api/signals?geo=county:21&round=18H')).body.signals as Array<{
      signalClass: string;
    }>;
    const county = entries.find((e) => e.geographyId === 'county:21');
    for (const [signalClass, count] of Object.entries(county?.counts ?? {}))
      expect(count, signalClass).toBe(list.filter((s) => s.signalClass === signalClass).length);
    expect((await get('/api/signals/overview')).body.roundChoice).toBe('widest_coverage');
  });

  it('refuses an unknown geography with a stable code', async () => {
    const { status, body } = await get('/api/signals?geo=county:99');
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(typeof body.error.code).toBe('string');
  });
});

describe.each(testEngines())('learning centres API on the fixture data ($name)', (engine) => {
  let database: Database;
  let app: App;

  beforeAll(async () => {
    // The fixture knowledge base (imported once per run, copied here); the import itself is tested above.
    database = await openFixtureDatabase(engine);
    app = await buildApp({ database, config: { dataDir: fixtureDataDir, projectRoot }, logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json() };
  };

  it('lists every centre of the fixture file with its municipality and county', async () => {
    const rows = parse(await readFile(path.join(fixtureDataDir, 'larcentra/larcentra.csv'), 'utf8'), {
      columns: true,
      bom: true,
    }) as Array<{ name: string; kommunkod: string }>;
    const { status, body } = await get('/api/learning-centres');
    expect(status).toBe(200);
    const centres = body.centres as Array<{
      id: string;
      name: string;
      municipality: { code: string };
      county: { code: string };
    }>;
    expect(centres.map((c) => c.name).sort()).toEqual(rows.map((r) => r.name).sort());
    for (const centre of centres) {
      expect(FIXTURE_LEARNING_CENTRE_MUNICIPALITIES).toContain(centre.municipality.code);
      expect(centre.county.code).toBe('21');
      const detail = await get(`/api/learning-centres/${centre.id}`);
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({ id: centre.id, name: centre.name });
    }
    const missing = await get('/api/learning-centres/finns-inte');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('computes the reach in Gävleborg from the kept postal localities', async () => {
    const { status, body } = await get('/api/learning-centres/reach?geo=county:21');
    expect(status).toBe(200);
    expect(body.total.municipalities).toBe(10);
    expect(body.method.localities).toBeGreaterThan(0);
    for (const share of Object.values(body.total.shareWithin as Record<string, number>)) {
      expect(share).toBeGreaterThanOrEqual(0);
      expect(share).toBeLessThanOrEqual(1);
    }
    const refused = await get('/api/learning-centres/reach');
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('validation_failed');
  });
});
