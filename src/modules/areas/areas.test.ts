import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { testEngines } from '../../db/testing.js';
import { geoSource } from '../../sources/geo/index.js';
import { describeRealData, realDataDir } from '../../testing/real-data.js';
import { importSource } from '../imports/import.service.js';
import { addArea, listAreas, parseMunicipalityCodes, removeArea, slugify } from './areas.service.js';

describe('area names and codes', () => {
  it('slugifies Swedish names', () => {
    expect(slugify('Södra Hälsingland')).toBe('sodra-halsingland');
    expect(slugify('  Gästrikland väst / Ockelbo ')).toBe('gastrikland-vast-ockelbo');
  });
  it('parses municipality codes and rejects anything but four digits', () => {
    expect(parseMunicipalityCodes('2121,2182, 2183 2121')).toEqual(['2121', '2182', '2183']);
    expect(() => parseMunicipalityCodes('2121,218')).toThrow(/fyra siffror: 218/);
  });
});

const dataDir = realDataDir;

describeRealData.each(testEngines())('custom areas on $name', (engine) => {
  let database: Database;
  let cacheDir: string;
  beforeAll(async () => {
    database = await engine.open();
    cacheDir = await mkdtemp(path.join(tmpdir(), 'semafor-areas-'));
    await importSource(database.db, geoSource, { dataDir, cacheDir });
  }, 300_000);
  afterAll(async () => {
    await database?.close();
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('adds, lists and removes an area; the parent is the common county', async () => {
    const area = await addArea(database.db, {
      name: 'Södra Hälsingland',
      municipalities: ['2121', '2182', '2183'],
    });
    expect(area).toMatchObject({ id: 'area:sodra-halsingland', parentId: 'county:21' });
    expect(area.members.map((m) => m.name)).toEqual([
      'Ovanåkers kommun',
      'Söderhamns kommun',
      'Bollnäs kommun',
    ]);
    const mixed = await addArea(database.db, { name: 'Över länsgräns', municipalities: ['2180', '0319'] });
    expect(mixed.parentId).toBe('country:SE');
    expect((await listAreas(database.db)).map((a) => a.name)).toEqual([
      'Södra Hälsingland',
      'Över länsgräns',
    ]);
    await removeArea(database.db, 'area:over-lansgrans');
    expect((await listAreas(database.db)).map((a) => a.id)).toEqual(['area:sodra-halsingland']);
  });

  it('rejects unknown municipalities, duplicates and removing what is not an area', async () => {
    await expect(addArea(database.db, { name: 'X', municipalities: ['9999'] })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(
      addArea(database.db, { name: 'Södra Hälsingland', municipalities: ['2121'] }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(removeArea(database.db, 'county:21')).rejects.toMatchObject({ code: 'not_found' });
    await expect(removeArea(database.db, 'Finns inte')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('survives a re-import of the geo source (areas are never touched by it)', async () => {
    await importSource(database.db, geoSource, { dataDir, cacheDir, force: true });
    expect((await listAreas(database.db)).map((a) => a.id)).toEqual(['area:sodra-halsingland']);
  });
});
