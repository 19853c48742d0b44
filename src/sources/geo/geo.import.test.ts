import { createReadStream } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database, Db } from '../../db/client.js';
import { execute } from '../../db/execute.js';
import { testEngines } from '../../db/testing.js';
import { InputError } from '../../errors.js';
import { importSource } from '../../modules/imports/import.service.js';
import { describeRealData, realDataDir } from '../../testing/real-data.js';
import { GEO_FILES, geoSource } from './index.js';

const dataDir = realDataDir;
const tempDirs: string[] = [];
const tempDir = async (prefix: string): Promise<string> => {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
};
afterAll(async () => {
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

/** A data directory holding copies of only the geo source's files, changed by `mutate`. */
async function geoCopy(mutate: (dir: string) => Promise<void>): Promise<string> {
  const dir = await tempDir('semafor-geo-data-');
  for (const file of Object.values(GEO_FILES)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await cp(path.join(dataDir ?? '', file), path.join(dir, file));
  }
  await mutate(dir);
  return dir;
}

async function count(db: Db, query: ReturnType<typeof sql>): Promise<number> {
  const { rows } = await execute<{ n: number }>(db, query);
  return Number(rows[0]?.n ?? Number.NaN);
}

async function tableDump(db: Db): Promise<string> {
  const parts: unknown[] = [];
  for (const table of ['geographies', 'geography_members', 'population', 'geo_boundaries']) {
    parts.push((await execute(db, sql.raw(`SELECT * FROM ${table} ORDER BY 1, 2`))).rows);
  }
  return JSON.stringify(parts);
}

describeRealData.each(testEngines())('geo source: import of the real data on $name', (engine) => {
  let database: Database;
  let db: Db;
  let firstSeconds = 0;

  beforeAll(async () => {
    database = await engine.open();
    db = database.db;
    const summary = await importSource(db, geoSource, {
      dataDir,
      cacheDir: await tempDir('semafor-geo-cache-'),
    });
    expect(summary.status).toBe('succeeded');
    firstSeconds = summary.seconds;
  });
  afterAll(async () => {
    await database?.close();
  });

  it('loads 21 counties, 290 municipalities, 60 FA regions and the country', async () => {
    const { rows } = await execute<{ type: string; n: number }>(
      db,
      sql`SELECT type, count(*)::int AS n FROM geographies GROUP BY type ORDER BY type`,
    );
    expect(rows).toEqual([
      { type: 'country', n: 1 },
      { type: 'county', n: 21 },
      { type: 'fa', n: 60 },
      { type: 'municipality', n: 290 },
    ]);
    expect(firstSeconds).toBeGreaterThan(0);
  });

  it('keeps codes as strings and uses the documented ids', async () => {
    const { rows } = await execute<{ id: string; code: string; name: string; parent_id: string | null }>(
      db,
      sql`SELECT id, code, name, parent_id FROM geographies
          WHERE id IN ('country:SE', 'county:01', 'municipality:0114', 'municipality:2180', 'fa:36') ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: 'country:SE', code: 'SE', name: 'Sverige', parent_id: null },
      { id: 'county:01', code: '01', name: 'Stockholms län', parent_id: 'country:SE' },
      { id: 'fa:36', code: '36', name: 'Gävle', parent_id: 'country:SE' },
      { id: 'municipality:0114', code: '0114', name: 'Upplands Väsby kommun', parent_id: 'county:01' },
      { id: 'municipality:2180', code: '2180', name: 'Gävle kommun', parent_id: 'county:21' },
    ]);
  });

  it('puts every municipality in exactly one county and exactly one FA region', async () => {
    const { rows } = await execute<{
      code: string;
      counties: number;
      fas: number;
      selves: number;
      country: number;
    }>(
      db,
      sql`SELECT m.code,
                 count(*) FILTER (WHERE g.type = 'county')::int AS counties,
                 count(*) FILTER (WHERE g.type = 'fa')::int AS fas,
                 count(*) FILTER (WHERE g.type = 'municipality' AND g.code = m.code)::int AS selves,
                 count(*) FILTER (WHERE g.type = 'country')::int AS country
          FROM geographies m
          JOIN geography_members gm ON gm.municipality_code = m.code
          JOIN geographies g ON g.id = gm.geography_id
          WHERE m.type = 'municipality' GROUP BY m.code`,
    );
    expect(rows).toHaveLength(290);
    for (const row of rows)
      expect(row, row.code).toMatchObject({ counties: 1, fas: 1, selves: 1, country: 1 });
    // The county a municipality belongs to is its parent.
    expect(
      await count(
        db,
        sql`SELECT count(*)::int AS n FROM geographies m
            JOIN geography_members gm ON gm.municipality_code = m.code AND gm.geography_id LIKE 'county:%'
            WHERE m.type = 'municipality' AND gm.geography_id <> m.parent_id`,
      ),
    ).toBe(0);
    // FA 36 Gävle crosses a county border: Älvkarleby (0319) lies in Uppsala län.
    const { rows: gavle } = await execute<{ municipality_code: string }>(
      db,
      sql`SELECT municipality_code FROM geography_members WHERE geography_id = 'fa:36' ORDER BY 1`,
    );
    expect(gavle.map((r) => r.municipality_code)).toEqual(['0319', '2101', '2104', '2180', '2181']);
  });

  it('stores population 2019 with the national total 10,327,589', async () => {
    const { rows } = await execute<{ n: number; total: number; women: number; men: number; years: number }>(
      db,
      sql`SELECT count(*)::int AS n, sum(total)::int AS total, sum(women)::int AS women, sum(men)::int AS men,
                 count(DISTINCT year)::int AS years FROM population WHERE year = 2019`,
    );
    expect(rows[0]).toMatchObject({ n: 290, total: 10_327_589, years: 1 });
    expect((rows[0]?.women ?? 0) + (rows[0]?.men ?? 0)).toBe(10_327_589);
    // Cross-check one municipality against the derived file in the same data set.
    const derived = await readFile(
      path.join(dataDir ?? '', 'scb-population-deso/population_municipality_2019_derived.csv'),
      'utf8',
    );
    const gavle = derived.split('\n').find((line) => line.startsWith('2180,'));
    const { rows: own } = await execute<{ total: number }>(
      db,
      sql`SELECT total FROM population WHERE municipality_code = '2180' AND year = 2019`,
    );
    expect(String(own[0]?.total)).toBe(gavle?.split(',')[4]);
  });

  it('has a simplified WGS84 boundary for every county, municipality and FA region', async () => {
    const { rows } = await execute<{ type: string; n: number; with_boundary: number }>(
      db,
      sql`SELECT g.type, count(*)::int AS n, count(b.geography_id)::int AS with_boundary
          FROM geographies g LEFT JOIN geo_boundaries b ON b.geography_id = g.id
          WHERE g.type IN ('county', 'municipality', 'fa') GROUP BY g.type ORDER BY g.type`,
    );
    expect(rows).toEqual([
      { type: 'county', n: 21, with_boundary: 21 },
      { type: 'fa', n: 60, with_boundary: 60 },
      { type: 'municipality', n: 290, with_boundary: 290 },
    ]);
    const { rows: extent } = await execute<{
      min_lon: number;
      max_lon: number;
      min_lat: number;
      max_lat: number;
    }>(
      db,
      sql`SELECT min(p->>0)::float AS min_lon, max(p->>0)::float AS max_lon,
                 min(p->>1)::float AS min_lat, max(p->>1)::float AS max_lat
          FROM geo_boundaries b,
               jsonb_array_elements(CASE WHEN b.geometry->>'type' = 'Polygon' THEN jsonb_build_array(b.geometry->'coordinates')
                                         ELSE b.geometry->'coordinates' END) poly,
               jsonb_array_elements(poly) ring, jsonb_array_elements(ring) p`,
    );
    // Sweden: about 10.9–24.2° E, 55.3–69.1° N.
    expect(extent[0]?.min_lon).toBeGreaterThan(10.5);
    expect(extent[0]?.max_lon).toBeLessThan(24.5);
    expect(extent[0]?.min_lat).toBeGreaterThan(55);
    expect(extent[0]?.max_lat).toBeLessThan(69.5);
    const { rows: decimals } = await execute<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM geo_boundaries b WHERE b.geometry::text ~ '\\.[0-9]{5,}'`,
    );
    expect(decimals[0]?.n).toBe(0);
  });

  it('stores SKR groups, representative points and JobTech county ids as attributes', async () => {
    const { rows } = await execute<{
      id: string;
      lat: number;
      lon: number;
      attributes: Record<string, string>;
    }>(
      db,
      sql`SELECT id, lat, lon, attributes FROM geographies WHERE id IN ('municipality:0180', 'county:01') ORDER BY id`,
    );
    expect(rows[0]?.attributes).toMatchObject({
      jobtechConceptId: 'CifL_Rzy_Mku',
      nuts3: 'SE110',
      letter: 'AB',
    });
    expect(rows[1]?.attributes).toMatchObject({ skrGroupKey: 'A1', skrGroup: 'Storstäder' });
    for (const row of rows) {
      expect(row.lat).toBeGreaterThan(59);
      expect(row.lat).toBeLessThan(60);
      expect(row.lon).toBeGreaterThan(17.5);
      expect(row.lon).toBeLessThan(19);
    }
    expect(
      await count(db, sql`SELECT count(*)::int AS n FROM geographies WHERE lat IS NULL OR lon IS NULL`),
    ).toBe(0);
  });

  it('reports zero changes when re-imported, unchanged or forced', async () => {
    const before = await tableDump(db);
    const unchanged = await importSource(db, geoSource, {
      dataDir,
      cacheDir: await tempDir('semafor-geo-cache-'),
    });
    expect(unchanged.status).toBe('unchanged');
    const forced = await importSource(db, geoSource, {
      dataDir,
      force: true,
      cacheDir: await tempDir('semafor-geo-cache-'),
    });
    expect(forced).toMatchObject({ status: 'succeeded', rowsInserted: 0, rowsUpdated: 0, rowsDeleted: 0 });
    expect(forced.rowsUnchanged).toBe(forced.rowsRead);
    expect(await tableDump(db)).toBe(before);
  });

  it('never deletes custom areas on re-import', async () => {
    await execute(
      db,
      sql`INSERT INTO geographies (id, type, code, name, short_name, parent_id)
          VALUES ('area:test', 'area', 'test', 'Testområde', 'Test', NULL)`,
    );
    await execute(
      db,
      sql`INSERT INTO geography_members (geography_id, municipality_code) VALUES ('area:test', '2180'), ('area:test', '2181')`,
    );
    await execute(
      db,
      sql`INSERT INTO geo_boundaries (geography_id, geometry, source)
          SELECT 'area:test', geometry, 'test' FROM geo_boundaries WHERE geography_id = 'fa:36'`,
    );
    const forced = await importSource(db, geoSource, {
      dataDir,
      force: true,
      cacheDir: await tempDir('semafor-geo-cache-'),
    });
    expect(forced).toMatchObject({ rowsInserted: 0, rowsUpdated: 0, rowsDeleted: 0 });
    expect(await count(db, sql`SELECT count(*)::int AS n FROM geographies WHERE id = 'area:test'`)).toBe(1);
    expect(
      await count(db, sql`SELECT count(*)::int AS n FROM geography_members WHERE geography_id = 'area:test'`),
    ).toBe(2);
    expect(
      await count(db, sql`SELECT count(*)::int AS n FROM geo_boundaries WHERE geography_id = 'area:test'`),
    ).toBe(1);
  });

  it('stops on bad input with file, row and column and leaves the database as it was', async () => {
    const before = await tableDump(db);
    const bad = await geoCopy(async (dir) => {
      const file = path.join(dir, GEO_FILES.municipalities);
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.replace('2180,Gävle kommun,Gävle,21', '2180,Gävle kommun,Gävle,26'));
    });
    const error = await importSource(db, geoSource, {
      dataDir: bad,
      cacheDir: await tempDir('semafor-geo-cache-'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).location).toMatchObject({
      file: GEO_FILES.municipalities,
      column: 'county_code',
    });
    expect((error as InputError).location.row).toBeGreaterThan(1);
    expect(await tableDump(db)).toBe(before);
    const { rows } = await execute<{ status: string; error: string }>(
      db,
      sql`SELECT status, error FROM import_runs WHERE source_id = 'geo' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]?.status).toBe('failed');
    expect(rows[0]?.error).toContain('okänd länskod "26"');
  });

  it('imports the same bytes from the official URLs (--online against a local mirror)', async () => {
    // Serves every declared file at /<host>/<path of its official URL>, as resolveDownloadUrl asks for it.
    const routes = new Map(
      geoSource.files.map((f) => {
        const url = new URL(f.url);
        return [`/${url.host}${url.pathname}`, path.join(dataDir ?? '', f.path)];
      }),
    );
    const server: Server = createServer((request, response) => {
      const file = routes.get(request.url ?? '');
      if (!file) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200);
      createReadStream(file).pipe(response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const online = await importSource(db, geoSource, {
        online: true,
        mirror: `http://127.0.0.1:${port}/`,
        cacheDir: await tempDir('semafor-geo-cache-'),
      });
      const last = await execute<{ content_hash: string }>(
        db,
        sql`SELECT content_hash FROM import_runs WHERE source_id = 'geo' AND status = 'succeeded' ORDER BY id DESC LIMIT 1`,
      );
      // Same bytes as the data directory, so the content hash matches and nothing changes.
      expect(online.status).toBe('unchanged');
      expect(online.contentHash).toBe(last.rows[0]?.content_hash);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
