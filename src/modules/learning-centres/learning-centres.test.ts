import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { geoContains } from 'd3-geo';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import type { Database, Db } from '../../db/client.js';
import { execute } from '../../db/execute.js';
import { testEngines } from '../../db/testing.js';
import { AppError, InputError } from '../../errors.js';
import { type App, buildApp } from '../../server/app.js';
import { geoSource } from '../../sources/geo/index.js';
import { larcentraSource } from '../../sources/larcentra/index.js';
import { placesSource } from '../../sources/places/index.js';
import { postalCodesSource } from '../../sources/postal-codes/index.js';
import { describeRealData, realDataDir } from '../../testing/real-data.js';
import { getGeography, resolveMunicipalityCodes } from '../geographies/geographies.service.js';
import { importSource } from '../imports/import.service.js';
import { centresToCsv, EXPORT_COLUMNS } from './learning-centres.export.js';
import { centreSchema } from './learning-centres.routes.js';
import { getCentre, listCentres } from './learning-centres.service.js';
import { computeReach } from './reach.service.js';
import { importCentreFile } from './registry-import.service.js';

const dataDir = realDataDir;
const GAVLEBORG = ['2101', '2104', '2121', '2132', '2161', '2180', '2181', '2182', '2183', '2184'];

/** The registry without the columns that name the file it came from. */
async function registryDump(db: Db): Promise<string> {
  const parts = [
    (
      await execute(
        db,
        sql`SELECT id, name, status, organiser, organiser_type, municipality_code, street_address, postal_code,
                   postal_town, lat, lon, coordinate_origin, coordinate_note, contact_email, opening_hours,
                   open_evenings, open_weekends, nitus_member, other_tags, source_url, source_date, notes
            FROM learning_centres ORDER BY id`,
      )
    ).rows,
    (await execute(db, sql`SELECT * FROM learning_centre_services ORDER BY 1, 2`)).rows,
    (await execute(db, sql`SELECT * FROM learning_centre_municipalities ORDER BY 1, 2`)).rows,
  ];
  return JSON.stringify(parts);
}

async function countCentres(db: Db): Promise<number> {
  const { rows } = await execute<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM learning_centres`);
  return rows[0]?.n ?? -1;
}

describeRealData.each(testEngines())('learning centres on real data ($name)', (engine) => {
  let database: Database;
  let db: Db;
  let app: App;
  let work: string;

  beforeAll(async () => {
    database = await engine.open();
    db = database.db;
    work = await mkdtemp(path.join(tmpdir(), 'semafor-larcentra-test-'));
    for (const source of [geoSource, postalCodesSource, placesSource]) {
      await importSource(db, source, { dataDir, cacheDir: work });
    }
    const summary = await importSource(db, larcentraSource, { dataDir, cacheDir: work });
    expect(summary).toMatchObject({ status: 'succeeded', rowsDeleted: 0 });
    app = await buildApp({ database, config: { dataDir, projectRoot }, logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('imports the 61 centres, the postal codes and the places; re-import changes nothing', async () => {
    expect(await countCentres(db)).toBe(61);
    const { rows } = await execute<{ p: number; pl: number; s: number }>(
      db,
      sql`SELECT (SELECT count(*) FROM postal_codes)::int AS p, (SELECT count(*) FROM places)::int AS pl,
                 (SELECT count(*) FROM learning_centre_services)::int AS s`,
    );
    expect(rows[0]).toMatchObject({ p: 15463, pl: 2012 });
    expect(rows[0]?.s).toBeGreaterThan(40);
    const before = await registryDump(db);
    const again = await importSource(db, larcentraSource, { dataDir, cacheDir: work });
    expect(again.status).toBe('unchanged');
    const forced = await importSource(db, larcentraSource, { dataDir, cacheDir: work, force: true });
    expect(forced).toMatchObject({ status: 'succeeded', rowsInserted: 0, rowsUpdated: 0, rowsDeleted: 0 });
    expect(await registryDump(db)).toBe(before);
  });

  it('places every Gävleborg centre in one of its 10 municipalities and inside the county boundary', async () => {
    const members = await resolveMunicipalityCodes(db, 'county:21');
    expect(members).toEqual(GAVLEBORG);
    const county = await getGeography(db, 'county:21', { boundary: true });
    const boundary = county.boundary;
    if (!boundary) throw new Error('county:21 has no stored boundary');
    const { centres } = await listCentres(db, { geo: 'county:21' });
    expect(centres.map((c) => c.municipality?.name)).toEqual([
      'Bollnäs',
      'Gävle',
      'Hudiksvall',
      'Ljusdal',
      'Sandviken',
      'Söderhamn',
    ]);
    for (const c of centres) {
      expect(GAVLEBORG).toContain(c.municipality?.code);
      expect(c.county).toEqual({ code: '21', name: 'Gävleborgs län' });
      if (!c.coordinates) throw new Error(`${c.id} has no coordinates`);
      expect(geoContains(boundary, [c.coordinates.lon, c.coordinates.lat]), c.id).toBe(true);
      // And inside its own municipality's boundary.
      const own = await getGeography(db, `municipality:${c.municipality?.code}`, { boundary: true });
      if (own.boundary)
        expect(geoContains(own.boundary, [c.coordinates.lon, c.coordinates.lat]), c.id).toBe(true);
    }
  });

  it('filters by service, evenings and status, and rejects unknown services with a suggestion', async () => {
    const exams = await listCentres(db, { services: ['exam_invigilation'] });
    expect(exams.centres.length).toBeGreaterThan(15);
    expect(exams.centres.every((c) => c.services.includes('exam_invigilation'))).toBe(true);
    const gavleborgExams = await listCentres(db, { geo: 'county:21', services: ['exam_invigilation'] });
    expect(gavleborgExams.centres.map((c) => c.municipality?.name)).toEqual(['Gävle', 'Sandviken']);
    const evenings = await listCentres(db, { evenings: true });
    expect(evenings.centres.map((c) => c.municipality?.name)).toEqual([
      'Örnsköldsvik',
      'Örnsköldsvik',
      'Örnsköldsvik',
    ]);
    const historical = await listCentres(db, { status: ['historical'] });
    expect(historical.centres).toHaveLength(3);
    // A network row serving Hörby is found through the municipality it serves.
    const horby = await listCentres(db, { geo: 'municipality:1266' });
    expect(horby.centres.map((c) => c.id).sort()).toEqual([
      'horby-larcenter',
      'larcentrum-skane-nordost-samverkan',
    ]);
    await expect(listCentres(db, { services: ['exam'] })).rejects.toThrow(
      /Okänd tjänst "exam" – menade du "exam_invigilation"\?/,
    );
    await expect(listCentres(db, { geo: 'county:99' })).rejects.toBeInstanceOf(AppError);
    await expect(getCentre(db, 'finns-inte')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('computes reach for Gävleborg: all 10 municipalities with flags and population shares', async () => {
    const report = await computeReach(db, { geo: 'county:21' });
    expect(report.municipalities).toHaveLength(10);
    expect(report.municipalities.map((m) => m.code).sort()).toEqual(GAVLEBORG);
    const byName = new Map(report.municipalities.map((m) => [m.name, m]));
    // Centres located (Bollnäs' only row is historical and does not count).
    for (const name of ['Gävle', 'Sandviken', 'Söderhamn', 'Hudiksvall', 'Ljusdal'])
      expect(byName.get(name)?.hasCentre).toBe(true);
    for (const name of ['Hofors', 'Ockelbo', 'Ovanåker', 'Nordanstig', 'Bollnäs'])
      expect(byName.get(name)?.hasCentre).toBe(false);
    for (const m of report.municipalities) {
      expect(m.noCentreWithin30Km).toBe(m.minDistanceKm === null || m.minDistanceKm > 30);
      const shares = [m.shareWithin['10'], m.shareWithin['20'], m.shareWithin['30'], m.shareWithin['50']];
      for (let i = 0; i < shares.length; i++) {
        expect(shares[i]).toBeGreaterThanOrEqual(0);
        expect(shares[i]).toBeLessThanOrEqual(1);
        if (i > 0) expect(shares[i]).toBeGreaterThanOrEqual(shares[i - 1] ?? 0);
      }
      // The weights carry the whole registered population.
      expect(m.population).toBeCloseTo(m.registeredPopulation ?? -1, 6);
    }
    // Gävle town has its centre: most of Gävle lives within 10 km.
    expect(byName.get('Gävle')?.shareWithin['10']).toBeGreaterThan(0.7);
    expect(report.total.population).toBeCloseTo(
      report.municipalities.reduce((s, m) => s + (m.registeredPopulation ?? 0), 0),
      3,
    );
    expect(report.total.municipalitiesWithCentre).toBe(5);
    expect(report.counties.map((c) => c.code)).toEqual(['21']);
    expect(report.method.centresWithoutCoordinates.map((c) => c.id)).toContain(
      'larcentrum-skane-nordost-samverkan',
    );
    expect(report.method.populationYear).toBe(2019);
    expect(report.localities.length).toBe(report.method.localities);
    // Places as points: implausible places are dropped, the rest weighted equally.
    const places = await computeReach(db, { geo: 'county:21', points: 'places', includeLocalities: false });
    expect(places.method.weighting).toBe('equal');
    expect(places.method.excludedLocalities).toBeGreaterThan(60);
    expect(places.localities).toEqual([]);
    await expect(computeReach(db, { geo: 'municipality:9999' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('serves the list, one centre, reach and the exports over HTTP', async () => {
    const list = await app.inject({ url: '/api/learning-centres?geo=county:21&service=exam_invigilation' });
    expect(list.statusCode).toBe(200);
    const body = list.json() as { centres: unknown[] };
    expect(body.centres).toHaveLength(2);
    for (const c of body.centres) centreSchema.parse(c);

    const bad = await app.inject({ url: '/api/learning-centres?service=tentamen' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      error: { code: 'validation_failed', details: { suggestion: 'exam_invigilation' } },
    });
    expect((await app.inject({ url: '/api/learning-centres?geo=county:99' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/learning-centres?evenings=maybe' })).statusCode).toBe(400);

    const one = await app.inject({
      url: '/api/learning-centres/larcentrum-i-gavle-utbildningscentrum-for-distansstudier',
    });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ municipality: { code: '2180', name: 'Gävle' }, nitusMember: true });
    expect((await app.inject({ url: '/api/learning-centres/nope' })).json()).toMatchObject({
      error: { code: 'not_found' },
    });

    const services = await app.inject({ url: '/api/learning-centres/services' });
    expect((services.json() as { services: unknown[] }).services).toHaveLength(11);

    const reach = await app.inject({ url: '/api/learning-centres/reach?geo=county:21&localities=false' });
    expect(reach.statusCode).toBe(200);
    const parsed = reach.json() as {
      municipalities: unknown[];
      method: { sources: Array<{ importedAt: string }> };
    };
    expect(parsed.municipalities).toHaveLength(10);
    expect(Date.parse(parsed.method.sources[0]?.importedAt ?? '')).toBeGreaterThan(0);
    expect((await app.inject({ url: '/api/learning-centres/reach' })).statusCode).toBe(400);

    const csv = await app.inject({ url: '/api/learning-centres/export.csv?geo=county:21' });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(EXPORT_COLUMNS.join(';'));
    expect(lines).toHaveLength(7);

    const xlsx = await app.inject({ url: '/api/learning-centres/export.xlsx?service=exam_invigilation' });
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Lärcentra');
    expect(sheet?.getRow(1).getCell(1).value).toBe('id');
    expect(sheet?.getRow(1).font?.bold).toBe(true);
    expect(sheet?.rowCount).toBe(
      1 + (await listCentres(db, { services: ['exam_invigilation'] })).centres.length,
    );
    expect(workbook.getWorksheet('Om')).toBeDefined();
  });

  it('imports a region file: the CSV export round-trips, an XLSX subset replaces the registry, bad files change nothing', async () => {
    const national = await registryDump(db);
    // 1. Export → import gives the same registry.
    const csvFile = path.join(work, 'export.csv');
    await writeFile(csvFile, centresToCsv((await listCentres(db)).centres));
    const roundTrip = await importCentreFile(db, csvFile, { dataDir, cacheDir: work });
    expect(roundTrip).toMatchObject({ status: 'succeeded', rowsInserted: 0, rowsDeleted: 0 });
    expect(await registryDump(db)).toBe(national);

    // 2. A region's own XLSX file (here Gävleborg's rows, one edited) becomes the registry.
    const xlsxResponse = await app.inject({ url: '/api/learning-centres/export.xlsx?geo=county:21' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsxResponse.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Lärcentra');
    if (!sheet) throw new Error('no sheet');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const serviceCodes = header.indexOf('service_codes') + 1;
    const sandviken = sheet
      .getRows(2, sheet.rowCount - 1)
      ?.find((r) => r.getCell(1).value === 'larcentrum-sandviken');
    if (!sandviken) throw new Error('no Sandviken row');
    sandviken.getCell(serviceCodes).value = 'exam_invigilation|study_places';
    const regionFile = path.join(work, 'gavleborg.xlsx');
    await workbook.xlsx.writeFile(regionFile);
    // 61 → 6 centres: refused as a shrink unless the operator says it is intended.
    await expect(importCentreFile(db, regionFile, { dataDir, cacheDir: work })).rejects.toThrow(
      /skulle minska från 61 till 6 rader/,
    );
    const region = await importCentreFile(db, regionFile, { dataDir, cacheDir: work, allowShrink: true });
    expect(region).toMatchObject({ status: 'succeeded' });
    expect(await countCentres(db)).toBe(6);
    expect((await getCentre(db, 'larcentrum-sandviken')).services).toEqual([
      'study_places',
      'exam_invigilation',
    ]);

    // 3. A bad file: the error names file, row and column; the registry is exactly as before.
    const before = await registryDump(db);
    const badFile = path.join(work, 'bad.csv');
    const text = await readFile(csvFile, 'utf8');
    const rows = text.split('\r\n');
    const gavle = rows.findIndex((line) => line.includes(';2180;'));
    rows[gavle] = (rows[gavle] ?? '').replace(';2180;', ';2189;');
    await writeFile(badFile, rows.join('\r\n'));
    const failure = await importCentreFile(db, badFile, { dataDir, cacheDir: work }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(InputError);
    expect((failure as InputError).location).toEqual({ file: badFile, row: gavle + 1, column: 'kommunkod' });
    expect((failure as InputError).message).toMatch(/okänd kommunkod "2189"/);
    expect(await registryDump(db)).toBe(before);
    await expect(
      importCentreFile(db, path.join(work, 'missing.csv'), { dataDir, cacheDir: work }),
    ).rejects.toThrow(/filen saknas/);
    await expect(
      importCentreFile(db, path.join(work, 'notes.txt'), { dataDir, cacheDir: work }),
    ).rejects.toThrow(/\.csv eller \.xlsx/);

    // 4. The national list again.
    await importSource(db, larcentraSource, { dataDir, cacheDir: work, force: true });
    expect(await registryDump(db)).toBe(national);
  });
});
