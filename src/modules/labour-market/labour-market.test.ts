import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMirror } from '../../../test/fixtures/mirror-server.js';
import { projectRoot } from '../../config.js';
import type { Database, Db } from '../../db/client.js';
import { execute } from '../../db/execute.js';
import { testEngines } from '../../db/testing.js';
import { InputError } from '../../errors.js';
import { type App, buildApp } from '../../server/app.js';
import {
  afYrkesbarometerSource,
  NATIONAL_FILE,
  OFFICIAL_URL,
  SUBSET_FILE,
} from '../../sources/af-yrkesbarometer/index.js';
import { afYrkesprognoserSource, BEDOMNING_FILE } from '../../sources/af-yrkesprognoser/index.js';
import { scbYrkesregistretSource } from '../../sources/scb-yrkesregistret/index.js';
import { readCsv } from '../../sources/shared/csv.js';
import { readAfSsyk, readScbMapping, SSYK_AF_SOURCE_FILE } from '../../sources/shared/ssyk-reference.js';
import { describeRealData, realDataDir } from '../../testing/real-data.js';
import { type ImportSummary, importSource } from '../imports/import.service.js';
import {
  ageStructureBySsyk,
  barometerAssessments,
  employeesBySsyk,
  faLocalIndexBySsyk,
  forecastConceptCoverage,
  forecastIndexBySsyk,
  unmappedBarometerOccupations,
} from './labour-market.repo.js';
import { roundsResponseSchema } from './labour-market.routes.js';

const dataDir = realDataDir;
const sources = [afYrkesbarometerSource, afYrkesprognoserSource, scbYrkesregistretSource];
const TABLES = [
  'labour_market_rounds',
  'af_barometer_occupations',
  'af_barometer_occupation_ssyk',
  'af_barometer_assessments',
  'af_forecast_occupations',
  'af_forecast_occupation_ssyk',
  'af_forecast_index',
  'af_forecast_concepts',
  'af_forecast_concept_ssyk',
  'af_forecast_fa_assessments',
  'af_forecast_history',
  'scb_employees',
  'scb_employees_by_age',
];

async function counts(db: Db): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of TABLES) {
    const { rows } = await execute<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM ${sql.raw(`"${table}"`)}`,
    );
    result[table] = rows[0]?.n ?? -1;
  }
  return result;
}

const tempDirs: string[] = [];
async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** A data directory linking the real files, with some files replaced by hand-made content. */
async function dataDirWith(replacements: Record<string, string>): Promise<string> {
  const root = await tempDir('semafor-lm-data-');
  for (const file of new Set(sources.flatMap((s) => s.files.map((f) => f.path)))) {
    const target = path.join(root, file);
    await mkdir(path.dirname(target), { recursive: true });
    const replacement = replacements[file];
    if (replacement === undefined) await symlink(path.join(dataDir as string, file), target);
    else await writeFile(target, replacement);
  }
  return root;
}

describeRealData.each(testEngines())('labour-market knowledge base on the real data ($name)', (engine) => {
  let database: Database;
  let app: App;
  let cacheDir: string;
  const summaries = new Map<string, ImportSummary>();

  beforeAll(async () => {
    database = await engine.open();
    cacheDir = await tempDir('semafor-lm-cache-');
    for (const source of sources) {
      summaries.set(source.meta.id, await importSource(database.db, source, { dataDir, cacheDir }));
    }
    app = await buildApp({ database, config: { dataDir, projectRoot }, logger: false });
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('imports every source with the expected row counts', async () => {
    expect([...summaries.values()].map((s) => [s.sourceId, s.status, s.rowsRead])).toEqual([
      ['af-yrkesbarometer', 'succeeded', 2 + 208 + 222 + 271],
      ['af-yrkesprognoser', 'succeeded', 4 + 378 + 464 + 4158 + 174 + 0 + 10614 + 2088],
      ['scb-yrkesregistret', 'succeeded', 11 + 92_400 + 44_000],
    ]);
    expect(await counts(database.db)).toMatchObject({
      af_barometer_assessments: 66 + 205,
      af_forecast_index: 21 * 189 + 189,
      af_forecast_fa_assessments: 10_614,
      af_forecast_history: 2088,
      scb_employees: 11 * 21 * 400,
      scb_employees_by_age: 11 * 400 * 10,
    });
  });

  it('round 2026-1 (national) rates Revisorer as brist and Ekonomiassistenter as överskott, with SSYK codes', async () => {
    const rows = await barometerAssessments(database.db, { roundId: '2026-1', geographyId: 'country:SE' });
    expect(rows).toHaveLength(205);
    const byName = new Map(rows.map((r) => [r.occupationName, r]));
    expect(byName.get('Revisorer')).toMatchObject({
      recruitment: 'brist',
      ssykCodes: ['2411'],
      ssykSource: 'label',
    });
    expect(byName.get('Ekonomiassistenter')).toMatchObject({
      recruitment: 'overskott',
      jobOpportunities: 'sma',
      ssykCodes: ['4111'],
    });
    expect(byName.get('Jurister')?.ssykCodes).toEqual(['2611', '2612', '2613', '2614', '2615', '2619']);
    expect(byName.get('Maskinoperatörer inom livsmedel')?.ssykCodes).toEqual([
      '8161',
      '8162',
      '8163',
      '8169',
    ]);
    const counted = (field: 'recruitment' | 'outlook') =>
      Object.fromEntries(
        [...new Set(rows.map((r) => r[field]))].map((v) => [v, rows.filter((r) => r[field] === v).length]),
      );
    expect(counted('recruitment')).toEqual({ balans: 77, brist: 57, overskott: 41, paradox: 30 });
    expect(counted('outlook')).toEqual({ oka: 177, oforandrad: 22, minska: 6 });
    expect(await unmappedBarometerOccupations(database.db, '2026-1')).toEqual([]);
    const bySsyk = await barometerAssessments(database.db, { roundId: '2026-1', ssykCode: '2613' });
    expect(bySsyk.map((r) => r.occupationName)).toEqual(['Jurister']);
  });

  it('round 2025-2 keeps the official schema: riket + 21 counties, assessment level and concept id', async () => {
    const rows = await barometerAssessments(database.db, { roundId: '2025-2', ssykCode: '7114' });
    expect(rows).toHaveLength(22);
    expect(rows.every((r) => r.recruitment === 'brist' && r.jobOpportunities === 'stora')).toBe(true);
    const gavleborg = rows.find((r) => r.geographyId === 'county:21');
    expect(gavleborg).toMatchObject({
      conceptId: 'upbS_QFL_YQP',
      ssykSource: 'code',
      partOfGroupCodes: [],
    });
    expect(gavleborg?.assessmentLevel).toMatch(/^(nationellt|nuts1|nuts2|lan)$/);
  });

  it('round 18H rates 7114, 5120 and 8332 in Gävleborg with index values and brist texts', async () => {
    const rows = await forecastIndexBySsyk(database.db, {
      roundId: '18H',
      horizonYears: 1,
      geographyId: 'county:21',
    });
    expect(new Set(rows.map((r) => r.occupationName)).size).toBe(189);
    for (const code of ['7114', '5120', '8332']) {
      const row = rows.find((r) => r.ssykCode === code);
      expect(row, code).toMatchObject({ assessed: true, classText: 'Mer påtaglig brist', classValue: 5 });
      expect(row?.indexValue).toBeGreaterThanOrEqual(4);
    }
    const jurister = rows.filter((r) => r.occupationName === 'Jurister');
    expect(jurister.map((r) => r.ssykCode).sort()).toEqual(['2611', '2612', '2613', '2614', '2615', '2619']);
    expect(jurister.every((r) => r.ssykKind === 'minor_group' && r.occupationSsykCount === 6)).toBe(true);
    expect(rows.find((r) => r.ssykCode === '0310')?.occupationName).toBe('Soldater');

    const all = await forecastIndexBySsyk(database.db, { roundId: '18H', horizonYears: 1 });
    const occupations = new Set(
      all.filter((r) => !r.assessed).map((r) => `${r.occupationName}/${r.geographyId}`),
    );
    expect(occupations.size).toBe(219);
    const national = await forecastIndexBySsyk(database.db, {
      roundId: '18H',
      horizonYears: 5,
      ssykCode: '5321',
    });
    expect(national).toEqual([
      expect.objectContaining({
        geographyId: 'country:SE',
        indexValue: 4.45,
        ssykSpec: '5321, 5322',
        viaScbCode: null,
      }),
    ]);
  });

  it('loads bedomning.csv and historik.csv unjoined, and says so', async () => {
    expect(await forecastConceptCoverage(database.db, 'v3')).toEqual({ concepts: 174, mapped: 0 });
    expect(await faLocalIndexBySsyk(database.db, { roundId: 'v3' })).toEqual([]);
    const { rows } = await execute<{ n: number }>(
      database.db,
      sql`SELECT count(DISTINCT geography_id)::int AS n FROM af_forecast_fa_assessments WHERE geography_id LIKE 'fa:%'`,
    );
    expect(rows[0]?.n).toBe(60);
    const rounds = await app.inject({ method: 'GET', url: '/api/rounds?source=af-yrkesprognoser' });
    const bedomning = rounds
      .json()
      .sources[0].rounds.find((r: { dataset: string }) => r.dataset === 'bedomning');
    expect(bedomning.note).toContain('kan inte kopplas till SSYK');
  });

  it('saved-PROD.json cannot map bedomning to SSYK: its concept ids are SSYK-4 concepts, not forecast occupations', async () => {
    const saved = JSON.parse(
      await readFile(path.join(dataDir as string, 'af-yrkesprognoser/saved-PROD.json'), 'utf8'),
    ) as {
      prognoser: Array<{ concept_id: string }>;
    };
    const savedIds = new Set(saved.prognoser.map((p) => p.concept_id));
    const input = { origin: 'data_dir' as const, file: (p: string) => path.join(dataDir as string, p) };
    const bedomning = await readCsv(input, BEDOMNING_FILE, {
      required: ['conceptidprognosyrke'],
      delimiter: ';',
    });
    const forecastIds = new Set(bedomning.map((r) => r.values.conceptidprognosyrke));
    expect([...forecastIds].filter((id) => id && savedIds.has(id))).toEqual([]);
    const ssykConcepts = await readCsv(input, 'ssyk2012/ssyk2012_af_levels.csv', {
      required: ['concept_id'],
    });
    const ssykIds = new Set(ssykConcepts.map((r) => r.values.concept_id));
    expect([...savedIds].filter((id) => ssykIds.has(id)).length).toBe(210);
  });

  it('maps every SCB code and loses no employee when summing to AF codes', async () => {
    const input = { origin: 'data_dir' as const, file: (p: string) => path.join(dataDir as string, p) };
    const af = await readAfSsyk(input);
    const mapping = await readScbMapping(input, af);
    expect(mapping.size).toBe(429);
    expect([...mapping.values()].every((m) => af.unitCodes.has(m.afCode))).toBe(true);
    const national = await employeesBySsyk(database.db, { geographyId: 'country:SE' });
    const total = (year: number) => national.filter((r) => r.year === year).reduce((n, r) => n + r.total, 0);
    expect(total(2014)).toBe(3_923_405);
    expect(total(2024)).toBe(4_949_062);
    expect(new Set(national.map((r) => r.ssykCode)).size).toBe(400);
  });

  it('keeps the series breaks 2019→2020 and 2022→2023 with every employee figure', async () => {
    const rows = await employeesBySsyk(database.db, { geographyId: 'county:21', ssykCode: '5321' });
    expect(rows.map((r) => [r.year, r.series, r.breakBefore])).toEqual(
      [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024].map((y) => [
        y,
        y < 2020 ? 'yreg-2014' : y < 2023 ? 'bas-2020' : 'bas-2023',
        y === 2020 || y === 2023,
      ]),
    );
    const ages = await ageStructureBySsyk(database.db, { ssykCode: '5321' });
    expect(ages).toHaveLength(11 * 10);
    const oldest = (year: number) => ages.find((r) => r.year === year && r.ageGroup === '65-69')?.total;
    expect(oldest(2022)).toBe(0);
    expect(oldest(2023)).toBeGreaterThan(0);
    expect(ages.find((r) => r.year === 2023)?.breakBefore).toBe(true);
  });

  it('GET /api/rounds lists rounds per source with dates, series and the latest round', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/rounds' });
    expect(response.statusCode).toBe(200);
    const body = roundsResponseSchema.parse(response.json());
    expect(body.sources.map((s) => s.sourceId)).toEqual([
      'af-yrkesbarometer',
      'af-yrkesprognoser',
      'scb-yrkesregistret',
    ]);
    const barometer = body.sources[0]?.rounds ?? [];
    expect(barometer.map((r) => [r.roundId, r.periodStart, r.latest])).toEqual([
      ['2025-2', '2025-07-01', false],
      ['2026-1', '2026-01-01', true],
    ]);
    const scb = body.sources[2]?.rounds ?? [];
    expect(scb.filter((r) => r.breakBefore).map((r) => r.roundId)).toEqual(['2020', '2023']);
    expect(scb.find((r) => r.latest)?.roundId).toBe('2024');
    const prognoser = body.sources[1]?.rounds ?? [];
    expect(prognoser.map((r) => `${r.dataset}:${r.roundId}`)).toEqual([
      '1-ar:18H',
      '5-ar:18H',
      'bedomning:v3',
      'historik:v3',
    ]);
  });

  it('re-importing unchanged files changes nothing', async () => {
    const before = await counts(database.db);
    for (const source of sources) {
      const again = await importSource(database.db, source, { dataDir, cacheDir });
      expect(again.status).toBe('unchanged');
    }
    for (const source of [afYrkesbarometerSource, afYrkesprognoserSource]) {
      const forced = await importSource(database.db, source, { dataDir, cacheDir, force: true });
      expect([forced.rowsInserted, forced.rowsUpdated, forced.rowsDeleted]).toEqual([0, 0, 0]);
    }
    expect(await counts(database.db)).toEqual(before);
  });

  it('stops on bad input with file, row and column, and leaves the database as it was', async () => {
    const subset = JSON.parse(await readFile(path.join(dataDir as string, SUBSET_FILE), 'utf8')) as Array<
      Record<string, unknown>
    >;
    const broken = subset.map((r, i) => (i === 4 ? { ...r, ssyk: '9999' } : r));
    const dir = await dataDirWith({ [SUBSET_FILE]: JSON.stringify(broken) });
    const before = await counts(database.db);
    const error = await importSource(database.db, afYrkesbarometerSource, { dataDir: dir, cacheDir }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).location).toEqual({ file: SUBSET_FILE, row: 5, column: 'ssyk' });
    expect(await counts(database.db)).toEqual(before);
  });

  it('keeps earlier rounds when a new round is imported', async () => {
    const newRound = [
      {
        yrkesomrade: 'Administration, ekonomi, juridik',
        yb_yrke: 'Revisorer',
        ssyk_text: 'Revisorer m.fl.',
        rekryteringssituation: 'balans',
        jobbmojligheter: 'medelstora',
        prognos: 'öka',
        text: 'Nationellt bedöms rekryteringssituationen för revisorer kännetecknas av balans.',
        lan: '00',
        omgang: '2026-2',
      },
    ];
    const dir = await dataDirWith({ [NATIONAL_FILE]: JSON.stringify(newRound) });
    const summary = await importSource(database.db, afYrkesbarometerSource, { dataDir: dir, cacheDir });
    expect(summary.rowsDeleted).toBe(0);
    expect(
      await barometerAssessments(database.db, { roundId: '2026-1', geographyId: 'country:SE' }),
    ).toHaveLength(205);
    expect(await barometerAssessments(database.db, { roundId: '2026-2' })).toEqual([
      expect.objectContaining({ occupationName: 'Revisorer', recruitment: 'balans', ssykCodes: ['2411'] }),
    ]);
    const response = await app.inject({ method: 'GET', url: '/api/rounds?source=af-yrkesbarometer' });
    const rounds = roundsResponseSchema.parse(response.json()).sources[0]?.rounds ?? [];
    expect(rounds.map((r) => [r.roundId, r.latest])).toEqual([
      ['2025-2', false],
      ['2026-1', false],
      ['2026-2', true],
    ]);
  });
});

describeRealData.each(testEngines())('Yrkesbarometer --online ($name)', (engine) => {
  it('downloads the official file once, reads it in the official schema and takes SSYK from the JobTech hierarchy', async () => {
    const root = dataDir as string;
    // The official URL serves a file in the official schema (the 2025-2 subset); the SSYK list URL serves JobTech's
    // hierarchy JSON, as the real URLs do.
    const mirror = await startMirror([
      { officialUrl: OFFICIAL_URL, absolutePath: path.join(root, SUBSET_FILE) },
      {
        officialUrl: SSYK_AF_SOURCE_FILE.url,
        absolutePath: path.join(root, 'jobtech-taxonomy/raw/the-ssyk-hierarchy-with-occupations.json'),
      },
    ]);
    const database = await engine.open();
    try {
      const cacheDir = await tempDir('semafor-lm-online-');
      const summary = await importSource(database.db, afYrkesbarometerSource, {
        online: true,
        mirror: mirror.url,
        cacheDir,
      });
      expect(summary).toMatchObject({ status: 'succeeded', origin: 'online', rowsRead: 1 + 3 + 3 + 66 });
      const rows = await barometerAssessments(database.db, { roundId: '2025-2', ssykCode: '7114' });
      expect(rows).toHaveLength(22);
      expect(rows.every((r) => r.recruitment === 'brist' && r.ssykSource === 'code')).toBe(true);
    } finally {
      await database.close();
      await mirror.close();
    }
  });
});
