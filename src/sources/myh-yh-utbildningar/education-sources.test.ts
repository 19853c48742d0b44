import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMirror } from '../../../test/fixtures/mirror-server.js';
import type { Database } from '../../db/client.js';
import { execute } from '../../db/execute.js';
import { testEngines } from '../../db/testing.js';
import { type ImportSummary, importSource } from '../../modules/imports/import.service.js';
import { describeRealData, realDataDir } from '../../testing/real-data.js';
import { afKopplingsschemaSource } from '../af-kopplingsschema/index.js';
import { geoSource } from '../geo/index.js';
import { myhAnsokningarSource } from '../myh-ansokningar/index.js';
import { AREAS_FILE, skolverketPlannedEducationsSource } from '../skolverket-planned-educations/index.js';
import { myhYhUtbildningarSource } from './index.js';

/**
 * The education sources on the real files: counts from each PROVENANCE.md, towns that cannot be placed listed in
 * the import note, and Skolverket's online path replayed from the recorded response by a local HTTP server.
 */

const tempDirs: string[] = [];
afterAll(async () => {
  for (const d of tempDirs) await rm(d, { recursive: true, force: true });
});

async function count(database: Database, table: string, where = 'true'): Promise<number> {
  const { rows } = await execute<{ n: number }>(
    database.db,
    sql.raw(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`),
  );
  return Number(rows[0]?.n);
}

describeRealData.each(testEngines())('education sources on the real data ($name)', (engine) => {
  let database: Database;
  const summaries = new Map<string, ImportSummary>();
  beforeAll(async () => {
    database = await engine.open();
    const dataDir = realDataDir ?? '';
    const cacheDir = await mkdtemp(path.join(tmpdir(), 'semafor-education-'));
    tempDirs.push(cacheDir);
    await importSource(database.db, geoSource, { dataDir, cacheDir });
    for (const source of [
      afKopplingsschemaSource,
      myhYhUtbildningarSource,
      myhAnsokningarSource,
      skolverketPlannedEducationsSource,
    ]) {
      summaries.set(source.meta.id, await importSource(database.db, source, { dataDir, cacheDir }));
    }
  }, 180_000);
  afterAll(async () => {
    await database?.close();
  });

  it('imports every YH programme line and places the study towns, listing those it cannot place', async () => {
    expect(await count(database, 'yh_programmes')).toBe(1385);
    const { rows } = await execute<{ n: number }>(
      database.db,
      sql`SELECT count(DISTINCT programme_number)::int AS n FROM yh_programmes`,
    );
    expect(rows[0]?.n).toBe(1352);
    expect(await count(database, 'yh_programmes', "study_form = 'campus'")).toBe(718);
    expect(await count(database, 'yh_programmes', "study_form = 'distance'")).toBe(667);
    expect(await count(database, 'yh_programmes', "status = 'granted'")).toBe(1075);
    expect(await count(database, 'yh_programmes', "status = 'started'")).toBe(310);
    const towns = await execute<{ n: number }>(
      database.db,
      sql`SELECT count(DISTINCT town)::int AS n FROM yh_programme_towns`,
    );
    expect(towns.rows[0]?.n).toBe(186);
    // Bromma is a postal locality of Stockholm, Alfta one of Ovanåker.
    const placed = await execute<{
      town: string;
      municipality_code: string | null;
      placed_by: string | null;
    }>(
      database.db,
      sql`SELECT DISTINCT town, municipality_code, placed_by FROM yh_programme_towns
          WHERE town IN ('Bromma', 'Alfta', 'Gävle') ORDER BY town`,
    );
    expect(placed.rows).toEqual([
      { town: 'Alfta', municipality_code: '2121', placed_by: 'postal_locality' },
      { town: 'Bromma', municipality_code: '0180', placed_by: 'postal_locality' },
      { town: 'Gävle', municipality_code: '2180', placed_by: 'municipality' },
    ]);
    const unplaced = await execute<{ town: string }>(
      database.db,
      sql`SELECT DISTINCT town FROM yh_programme_towns WHERE municipality_code IS NULL ORDER BY town`,
    );
    const note = summaries.get('myh-yh-utbildningar')?.note ?? '';
    expect(note).toContain(`${unplaced.rows.length} av 186 studieorter`);
    for (const { town } of unplaced.rows) expect(note).toContain(town);
  });

  it('imports the 2024 application round with decisions, SeQF levels and municipalities', async () => {
    expect(await count(database, 'yh_applications')).toBe(1272);
    expect(await count(database, 'yh_applications', "decision = 'granted'")).toBe(344);
    expect(await count(database, 'yh_applications', "decision = 'rejected'")).toBe(928);
    expect(await count(database, 'yh_applications', "study_form = 'campus'")).toBe(646);
    expect(await count(database, 'yh_applications', 'multiple_municipalities')).toBe(292);
    expect(await count(database, 'yh_applications', 'seqf = 5')).toBe(1230);
    expect(await count(database, 'yh_application_municipalities')).toBe(842);
    const gavleborg = await count(database, 'yh_applications', "county_code = '21'");
    expect(gavleborg).toBeGreaterThan(0);
  });

  it('imports AF’s occupation ↔ SUN ↔ YH key (rows for all 400 groups, links for a few dozen)', async () => {
    // The key lists all 400 AF groups, but only 52 carry a SUN code and 48 a linked YH programme.
    const { rows } = await execute<{ n: number; links: number }>(
      database.db,
      sql`SELECT count(DISTINCT ssyk)::int AS n, count(*)::int AS links FROM education_key_sun`,
    );
    expect(rows[0]).toEqual({ n: 52, links: 121 });
    const programmes = await execute<{ n: number; programmes: number; ssyk: number }>(
      database.db,
      sql`SELECT count(*)::int AS n, count(DISTINCT programme_number)::int AS programmes,
                 count(DISTINCT ssyk)::int AS ssyk FROM education_key_programmes`,
    );
    expect(programmes.rows[0]).toEqual({ n: 945, programmes: 931, ssyk: 48 });
  });

  it('imports Skolverket’s study directions (204 in 21 areas) and says there are no events', async () => {
    expect(await count(database, 'skolverket_study_directions')).toBe(204);
    const { rows } = await execute<{ n: number }>(
      database.db,
      sql`SELECT count(DISTINCT area_id)::int AS n FROM skolverket_study_directions`,
    );
    // One of the 21 areas has no directions of its own, so 20 areas carry rows.
    expect(rows[0]?.n).toBe(20);
    expect(summaries.get('skolverket-planned-educations')?.note).toContain('inga utbildningstillfällen');
  });

  it('reads Skolverket’s API online from a local server replaying the recorded response', async () => {
    const mirror = await startMirror(
      skolverketPlannedEducationsSource.files.map((f) => ({
        officialUrl: f.url,
        absolutePath: path.join(realDataDir ?? '', f.path),
      })),
    );
    const cacheDir = await mkdtemp(path.join(tmpdir(), 'semafor-skolverket-'));
    tempDirs.push(cacheDir);
    const online = await engine.open();
    try {
      const summary = await importSource(online.db, skolverketPlannedEducationsSource, {
        online: true,
        mirror: mirror.url,
        cacheDir,
      });
      expect(summary).toMatchObject({ status: 'succeeded', origin: 'online', rowsInserted: 204 });
      expect(mirror.requests).toEqual([
        '/mirror/api.skolverket.se/planned-educations/v3/adult-education-events/areas',
      ]);
    } finally {
      await online.close();
      await mirror.close();
    }
  });

  it('refuses an API answer that is not the areas document, naming the file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'semafor-skolverket-bad-'));
    tempDirs.push(dir);
    await mkdir(path.dirname(path.join(dir, AREAS_FILE)), { recursive: true });
    await writeFile(path.join(dir, AREAS_FILE), JSON.stringify({ status: 'OK', body: { events: [] } }));
    await expect(
      importSource(database.db, skolverketPlannedEducationsSource, {
        dataDir: dir,
        cacheDir: dir,
        force: true,
      }),
    ).rejects.toThrow(AREAS_FILE);
    expect(await count(database, 'skolverket_study_directions')).toBe(204);
  });
});
