import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import type { Database } from '../../db/client.js';
import { execute } from '../../db/execute.js';
import { withRegion } from '../../db/region-scope.js';
import { testEngines } from '../../db/testing.js';
import { InputError } from '../../errors.js';
import { type App, buildApp } from '../../server/app.js';
import { jobtechTaxonomySource } from '../../sources/jobtech-taxonomy/index.js';
import { KEYWORDS_FILE } from '../../sources/jobtech-taxonomy/parse.js';
import { findSources } from '../../sources/registry.js';
import { fixtureDataDir } from '../../testing/fixture-data.js';
import { importSource, orderByDependencies } from '../imports/import.service.js';
import { matchOccupationTitles, searchOccupations } from './occupation-names.service.js';

/**
 * Occupation search and title matching on the fixture data set (twelve SSYK-4 groups, their occupation names and
 * the JobTech keywords that point at them): the import of the keywords, the service and the public route.
 */
describe.each(testEngines())('occupation names and synonyms on the fixture data ($name)', (engine) => {
  let database: Database;
  let app: App;
  let cacheDir: string;
  let brokenDir: string;

  beforeAll(async () => {
    database = await engine.open();
    cacheDir = await mkdtemp(path.join(tmpdir(), 'semafor-occnames-cache-'));
    brokenDir = await mkdtemp(path.join(tmpdir(), 'semafor-occnames-broken-'));
    for (const adapter of orderByDependencies(findSources(['ssyk', 'occupations', 'jobtech-taxonomy']))) {
      const summary = await importSource(database.db, adapter, {
        dataDir: fixtureDataDir,
        cacheDir,
        expectComplete: false,
      });
      expect(summary.status, `${adapter.meta.id}: ${summary.error ?? ''}`).toBe('succeeded');
    }
    app = await buildApp({ database, config: { dataDir: fixtureDataDir, projectRoot }, logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await rm(cacheDir, { recursive: true, force: true });
    await rm(brokenDir, { recursive: true, force: true });
  });

  it('imports one row per keyword × occupation name of the fixture file', async () => {
    const file = JSON.parse(await readFile(path.join(fixtureDataDir, KEYWORDS_FILE), 'utf8')) as {
      data: { concepts: Array<{ related: Array<{ type: string }> }> };
    };
    const expected = file.data.concepts.flatMap((c) =>
      c.related.filter((r) => r.type === 'occupation-name'),
    ).length;
    const { rows } = await execute<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM occupation_name_synonyms`,
    );
    expect(expected).toBeGreaterThan(0);
    expect(rows[0]?.n).toBe(expected);
  });

  it('refuses a keyword pointing at an unknown occupation name, naming file, record and column', async () => {
    const bad = {
      data: {
        concepts: [
          {
            id: 'kw_1',
            type: 'keyword',
            preferred_label: 'Chaffis',
            related: [
              { id: 'JEhg_Dmh_mzv', preferred_label: 'Distributionsförare', type: 'occupation-name' },
              { id: 'nope_nop_nop', preferred_label: 'Okänd', type: 'occupation-name' },
            ],
          },
        ],
      },
    };
    await mkdir(path.join(brokenDir, path.dirname(KEYWORDS_FILE)), { recursive: true });
    await writeFile(path.join(brokenDir, KEYWORDS_FILE), JSON.stringify(bad));
    const before = await execute<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM occupation_name_synonyms`,
    );
    const error = await importSource(database.db, jobtechTaxonomySource, {
      dataDir: brokenDir,
      cacheDir,
      expectComplete: false,
      allowShrink: true,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).location).toEqual({
      file: KEYWORDS_FILE,
      row: 1,
      column: 'occupationNameId',
    });
    expect((error as InputError).message).toContain('nope_nop_nop');
    // All or nothing: the good relation of the same file was not written either.
    const after = await execute<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM occupation_name_synonyms`,
    );
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it('searches by occupation name, unfinished word, synonym and code', async () => {
    const nurse = await searchOccupations(database.db, 'sjuksköterska grundutb');
    expect(nurse[0]).toMatchObject({ ssyk: '2221', label: 'Grundutbildade sjuksköterskor' });
    const chaffis = await searchOccupations(database.db, 'chaffis');
    expect(chaffis).toEqual([
      { ssyk: '8332', label: 'Lastbilsförare m.fl.', matchedName: 'Chaffis', via: 'synonym', score: 0.9 },
    ]);
    expect((await searchOccupations(database.db, '5321'))[0]).toMatchObject({ ssyk: '5321', via: 'code' });
    expect(await searchOccupations(database.db, '   ')).toEqual([]);
    expect(await searchOccupations(database.db, 'förare', { limit: 1 })).toHaveLength(1);
  });

  it('matches free-text titles: matched, ambiguous and none, in input order', async () => {
    const [truck, nurse, asphalt, nothing] = await matchOccupationTitles(database.db, [
      'Lastbilschaufför',
      'Sjuksköterska, grundutbildad',
      'asfaltarbete',
      'Astronaut',
    ]);
    expect(truck).toMatchObject({ status: 'matched', candidates: [{ ssyk: '8332' }] });
    expect(nurse?.status).toBe('matched');
    expect(nurse?.candidates[0]).toMatchObject({ ssyk: '2221', via: 'occupation_name', score: 1 });
    expect(asphalt).toMatchObject({ status: 'matched', candidates: [{ ssyk: '7114', via: 'synonym' }] });
    expect(nothing).toEqual({ status: 'none', candidates: [] });
  });

  it('matches inside a region transaction (role semafor_region)', async () => {
    const [result] = await withRegion(database.db, 'county:21', (tx) =>
      matchOccupationTitles(tx, ['Städare']),
    );
    expect(result).toMatchObject({ status: 'matched', candidates: [{ ssyk: '9111' }] });
  });

  it('the occupation list search (GET /api/occupations?q=) also finds groups by JobTech keyword', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/occupations?q=asfalt' });
    const body = response.json() as { results: Array<{ ssyk: string; matchedBy: string[] }> };
    expect(body.results.map((r) => [r.ssyk, r.matchedBy])).toEqual([['7114', ['synonym']]]);
  });

  it('GET /api/occupations/search answers anyone, validates the limit and documents itself', async () => {
    const ok = await app.inject({
      method: 'GET',
      url: '/api/occupations/search?q=undersk%C3%B6terska&limit=3',
    });
    expect(ok.statusCode).toBe(200);
    const body = ok.json() as { query: string; count: number; results: Array<{ ssyk: string }> };
    expect(body.query).toBe('undersköterska');
    expect(body.results[0]?.ssyk).toBe('5321');
    expect(body.count).toBe(body.results.length);
    const empty = await app.inject({ method: 'GET', url: '/api/occupations/search' });
    expect(empty.json()).toEqual({ query: '', count: 0, results: [] });
    const bad = await app.inject({ method: 'GET', url: '/api/occupations/search?q=a&limit=500' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'validation_failed' } });
    // The static path wins over /occupations/{ssyk}.
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, unknown>;
    };
    expect(spec.paths['/api/occupations/search']).toBeDefined();
  });
});
