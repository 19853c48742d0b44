import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import type { Database } from '../../db/client.js';
import { execute } from '../../db/execute.js';
import { testEngines } from '../../db/testing.js';
import { AppError } from '../../errors.js';
import { type App, buildApp } from '../../server/app.js';
import { geoSource } from '../../sources/geo/index.js';
import { describeRealData, realDataDir } from '../../testing/real-data.js';
import { importSource } from '../imports/import.service.js';
import {
  boundaryLayerSchema,
  geographyDetailSchema,
  geographyNameSchema,
  geographySummarySchema,
} from './geographies.routes.js';
import { resolveMunicipalityCodes } from './geographies.service.js';

const dataDir = realDataDir;
const collator = new Intl.Collator('sv');

describeRealData.each(testEngines())('geographies API on $name', (engine) => {
  let database: Database;
  let app: App;
  let cacheDir: string;

  beforeAll(async () => {
    database = await engine.open();
    cacheDir = await mkdtemp(path.join(tmpdir(), 'semafor-geographies-'));
    await importSource(database.db, geoSource, { dataDir, cacheDir });
    app = await buildApp({ database, config: { dataDir, projectRoot }, logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await rm(cacheDir, { recursive: true, force: true });
  });

  const getJson = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    return {
      status: response.statusCode,
      body: response.json(),
      headers: response.headers,
      raw: response.body,
    };
  };

  it('lists counties, municipalities and FA regions sorted with Swedish collation', async () => {
    for (const [type, n] of [
      ['county', 21],
      ['municipality', 290],
      ['fa', 60],
    ] as const) {
      const { status, body } = await getJson(`/api/geographies?type=${type}`);
      expect(status).toBe(200);
      const list = body.geographies as Array<{ name: string; type: string }>;
      expect(list).toHaveLength(n);
      expect(list.every((g) => g.type === type)).toBe(true);
      expect(list.map((g) => g.name)).toEqual(list.map((g) => g.name).sort(collator.compare));
      for (const g of list) geographySummarySchema.parse(g);
    }
    const counties = (await getJson('/api/geographies?type=county')).body.geographies as Array<{
      name: string;
    }>;
    // å, ä, ö sort after z in Swedish.
    expect(counties.at(-1)?.name).toBe('Östergötlands län');
    expect(counties.at(-2)?.name).toBe('Örebro län');
    expect(counties[0]?.name).toBe('Blekinge län');
  });

  it('gives each listed geography its population, summing to the national total', async () => {
    const { body } = await getJson('/api/geographies?type=county');
    const list = body.geographies as Array<{ population: { year: number; total: number } | null }>;
    expect(list.every((g) => g.population?.year === 2019)).toBe(true);
    expect(list.reduce((n, g) => n + (g.population?.total ?? 0), 0)).toBe(10_327_589);
    const all = (await getJson('/api/geographies')).body.geographies as Array<{ id: string }>;
    expect(all).toHaveLength(372);
  });

  it('lists every geography by name for the area picker: the full list without coordinates and population', async () => {
    const full = (await getJson('/api/geographies')).body.geographies as Array<Record<string, unknown>>;
    const first = await getJson('/api/geographies/names');
    expect(first.status).toBe(200);
    const names = first.body.geographies as Array<Record<string, unknown>>;
    for (const g of names) geographyNameSchema.strict().parse(g);
    expect(names).toEqual(
      full.map(({ id, type, code, name, shortName, parentId }) => ({
        id,
        type,
        code,
        name,
        shortName,
        parentId,
      })),
    );
    expect(names.find((g) => g.id === 'municipality:2180')).toEqual({
      id: 'municipality:2180',
      type: 'municipality',
      code: '2180',
      name: 'Gävle kommun',
      shortName: 'Gävle',
      parentId: 'county:21',
    });
    const again = await app.inject({
      method: 'GET',
      url: '/api/geographies/names',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    // Custom areas change without an import: the list is read on every request, never kept stale.
    await execute(
      database.db,
      sql`INSERT INTO geographies (id, type, code, name, short_name) VALUES ('area:names-test', 'area', 'names-test', 'Namntest', 'Namntest')`,
    );
    const changed = await getJson('/api/geographies/names');
    await execute(database.db, sql`DELETE FROM geographies WHERE id = 'area:names-test'`);
    expect(changed.headers.etag).not.toBe(first.headers.etag);
    expect((changed.body.geographies as Array<{ id: string }>).map((g) => g.id)).toContain('area:names-test');
    const compressed = await app.inject({
      method: 'GET',
      url: '/api/geographies/names',
      headers: { 'accept-encoding': 'br' },
    });
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(compressed.rawPayload.length).toBeLessThan(first.raw.length / 6);
  });

  it('rejects an unknown type with validation_failed', async () => {
    const { status, body } = await getJson('/api/geographies?type=parish');
    expect(status).toBe(400);
    expect(body.error.code).toBe('validation_failed');
  });

  it('returns a county with parent, members with names and population', async () => {
    const { status, body } = await getJson('/api/geographies/county:21');
    expect(status).toBe(200);
    const detail = geographyDetailSchema.parse(body);
    expect(detail).toMatchObject({
      id: 'county:21',
      type: 'county',
      code: '21',
      name: 'Gävleborgs län',
      parent: { id: 'country:SE', name: 'Sverige' },
      population: { year: 2019, municipalities: 10 },
    });
    expect(detail.members).toHaveLength(10);
    expect(detail.members[0]).toEqual({
      id: 'municipality:2183',
      code: '2183',
      name: 'Bollnäs kommun',
      shortName: 'Bollnäs',
    });
    const names = detail.members.map((m) => m.name ?? '');
    expect(names).toEqual([...names].sort(collator.compare));
    expect(detail.population?.total).toBe((detail.population?.women ?? 0) + (detail.population?.men ?? 0));
    expect('boundary' in body).toBe(false);
  });

  it('accepts a URL-encoded id', async () => {
    const { status, body } = await getJson('/api/geographies/fa%3A36');
    expect(status).toBe(200);
    expect(body.name).toBe('Gävle');
    expect((body.members as Array<{ name: string }>).map((m) => m.name)).toContain('Älvkarleby kommun');
  });

  it('tells which geographies contain a municipality', async () => {
    const { body } = await getJson('/api/geographies/municipality:2180');
    expect(body.parent.id).toBe('county:21');
    expect(body.members).toEqual([
      { id: 'municipality:2180', code: '2180', name: 'Gävle kommun', shortName: 'Gävle' },
    ]);
    expect((body.memberOf as Array<{ id: string }>).map((g) => g.id)).toEqual([
      'country:SE',
      'county:21',
      'fa:36',
    ]);
    expect(body.attributes.skrGroupKey).toBe('B3');
  });

  it('adds the boundary on request', async () => {
    const { body } = await getJson('/api/geographies/municipality:2180?boundary=true');
    const detail = geographyDetailSchema.parse(body);
    expect(detail.boundary?.type).toMatch(/Polygon$/);
    const country = await getJson('/api/geographies/country:SE?boundary=true');
    expect(country.body.boundary).toBeNull();
    expect(country.body.members).toHaveLength(290);
    expect(country.body.population.total).toBe(10_327_589);
  });

  it('answers 404 not_found for an unknown id', async () => {
    for (const id of ['county:99', 'nowhere']) {
      const { status, body } = await getJson(`/api/geographies/${id}`);
      expect(status).toBe(404);
      expect(body.error.code).toBe('not_found');
      expect(body.error.message).toContain(id);
    }
  });

  it('serves a GeoJSON boundary layer with ETag and answers 304 to If-None-Match', async () => {
    const first = await getJson('/api/geographies/boundaries?type=fa&format=geojson');
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(first.headers['cache-control']).toBe('no-cache');
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const layer = boundaryLayerSchema.parse(first.body);
    if (layer.type !== 'FeatureCollection') throw new Error('expected a FeatureCollection');
    expect(layer.features).toHaveLength(60);
    expect(layer.features.find((f) => f.id === 'fa:36')?.properties).toEqual({
      id: 'fa:36',
      code: '36',
      name: 'Gävle',
      shortName: 'Gävle',
    });
    const again = await app.inject({
      method: 'GET',
      url: '/api/geographies/boundaries?type=fa&format=geojson',
      headers: { 'if-none-match': String(etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // RFC 9110: a weak validator in a list matches too (the former exact comparison answered 200 here).
    const listed = await app.inject({
      method: 'GET',
      url: '/api/geographies/boundaries?type=fa&format=geojson',
      headers: { 'if-none-match': `"stale", W/${String(etag)}` },
    });
    expect(listed.statusCode).toBe(304);
    const compressed = await app.inject({
      method: 'GET',
      url: '/api/geographies/boundaries?type=fa&format=geojson',
      headers: { 'accept-encoding': 'br' },
    });
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(compressed.rawPayload.length).toBeLessThan(first.raw.length / 3);
  });

  it('serves a TopoJSON layer that decodes back to every municipality', async () => {
    const { status, body, raw } = await getJson(
      '/api/geographies/boundaries?type=municipality&format=topojson',
    );
    expect(status).toBe(200);
    const layer = boundaryLayerSchema.parse(body);
    expect(layer.type).toBe('Topology');
    const topology = body as Topology;
    const object = topology.objects.municipality;
    if (!object) throw new Error('expected object "municipality"');
    const decoded = feature(topology, object);
    if (decoded.type !== 'FeatureCollection') throw new Error('expected a FeatureCollection');
    expect(decoded.features).toHaveLength(290);
    expect(decoded.features.find((f) => f.properties?.code === '0180')?.properties?.name).toBe(
      'Stockholms kommun',
    );
    const geojson = await getJson('/api/geographies/boundaries?type=municipality');
    expect(raw.length).toBeLessThan(geojson.raw.length);
    expect(geojson.body.type).toBe('FeatureCollection');
  });

  it('keeps the same ETag after a re-import that changed nothing, and rejects unknown layer types', async () => {
    const before = (await getJson('/api/geographies/boundaries?type=county')).headers.etag;
    await importSource(database.db, geoSource, { dataDir, cacheDir, force: true });
    const after = await getJson('/api/geographies/boundaries?type=county');
    expect(after.headers.etag).toBe(before);
    expect((await getJson('/api/geographies/boundaries?type=country')).status).toBe(400);
  });

  it('resolves any geography id to its municipality codes', async () => {
    const q = database.db;
    expect(await resolveMunicipalityCodes(q, 'country:SE')).toHaveLength(290);
    expect(await resolveMunicipalityCodes(q, 'county:21')).toEqual([
      '2101',
      '2104',
      '2121',
      '2132',
      '2161',
      '2180',
      '2181',
      '2182',
      '2183',
      '2184',
    ]);
    expect(await resolveMunicipalityCodes(q, 'fa:36')).toEqual(['0319', '2101', '2104', '2180', '2181']);
    expect(await resolveMunicipalityCodes(q, 'municipality:0114')).toEqual(['0114']);
    await expect(resolveMunicipalityCodes(q, 'fa:99')).rejects.toBeInstanceOf(AppError);
    await execute(
      q,
      sql`INSERT INTO geographies (id, type, code, name, short_name) VALUES ('area:empty', 'area', 'empty', 'Tomt', 'Tomt')`,
    );
    expect(await resolveMunicipalityCodes(q, 'area:empty')).toEqual([]);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const { body } = await getJson('/api/openapi.json');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/geographies',
        '/api/geographies/boundaries',
        '/api/geographies/names',
        '/api/geographies/{id}',
      ]),
    );
  });
});
