import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  hierarchyFixture,
  noEducationFixture,
  occupationFieldsFixture,
  substitutabilityFixture,
} from '../../../test/fixtures/occupations/taxonomy.js';
import type { Database } from '../../db/client.js';
import { execute } from '../../db/execute.js';
import { testEngines } from '../../db/testing.js';
import { InputError } from '../../errors.js';
import { importSource } from '../../modules/imports/import.service.js';
import { matchOccupationTitles } from '../../modules/occupations/occupation-names.service.js';
import { describeRealData, realDataDir } from '../../testing/real-data.js';
import { jobtechTaxonomySource } from '../jobtech-taxonomy/index.js';
import { ssykSource } from '../ssyk/index.js';
import { SSYK_HIERARCHY_FILE } from '../ssyk/parse.js';
import { occupationsSource } from './index.js';
import { FIELDS_FILE, NO_EDUCATION_FILE, SUBSTITUTABILITY_FILE } from './parse.js';

const dataDir = realDataDir;

async function rows<T>(database: Database, query: SQL): Promise<T[]> {
  return (await execute<T>(database.db, query)).rows;
}

async function count(database: Database, query: SQL): Promise<number> {
  const [row] = await rows<{ n: number }>(database, query);
  return row?.n ?? -1;
}

describeRealData.each(testEngines())('ssyk and occupations on the real data on $name', (engine) => {
  let database: Database;
  let cacheDir: string;
  let fixtureDir: string;

  beforeAll(async () => {
    database = await engine.open();
    cacheDir = await mkdtemp(path.join(tmpdir(), 'semafor-occ-cache-'));
    fixtureDir = await mkdtemp(path.join(tmpdir(), 'semafor-occ-fixture-'));
  });
  afterAll(async () => {
    await database?.close();
    await rm(cacheDir, { recursive: true, force: true });
    await rm(fixtureDir, { recursive: true, force: true });
  });

  it('imports SSYK: 10/46/147/400 AF groups with Swedish and English labels', async () => {
    const summary = await importSource(database.db, ssykSource, { dataDir, cacheDir });
    expect(summary).toMatchObject({ status: 'succeeded', rowsRead: 603 + 633, rowsInserted: 603 + 633 });
    const levels = await rows<{ level: number; n: number; missing_en: number }>(
      database,
      sql`SELECT level, count(*)::int AS n, count(*) FILTER (WHERE label_en IS NULL)::int AS missing_en
          FROM ssyk_groups GROUP BY level ORDER BY level`,
    );
    expect(levels).toEqual([
      { level: 1, n: 10, missing_en: 0 },
      { level: 2, n: 46, missing_en: 0 },
      { level: 3, n: 147, missing_en: 0 },
      { level: 4, n: 400, missing_en: 0 },
    ]);
    const [nurse] = await rows<Record<string, string>>(
      database,
      sql`SELECT code, parent_code, label_sv, label_en, concept_id FROM ssyk_groups WHERE code = '2221'`,
    );
    expect(nurse).toMatchObject({
      code: '2221',
      parent_code: '222',
      label_sv: 'Grundutbildade sjuksköterskor',
    });
    expect(nurse?.label_en).toMatch(/nurses/i);
    const [manager] = await rows<{ label_en: string }>(
      database,
      sql`SELECT label_en FROM ssyk_groups WHERE code = '1210'`,
    );
    expect(manager?.label_en).toBe('Finance managers');
  });

  it('maps each of the 429 SCB SSYK-4 codes to an existing AF code', async () => {
    expect(await count(database, sql`SELECT count(*)::int AS n FROM ssyk_scb_codes WHERE level = 4`)).toBe(
      429,
    );
    expect(await count(database, sql`SELECT count(*)::int AS n FROM ssyk_scb_codes`)).toBe(633);
    expect(
      await count(
        database,
        sql`SELECT count(*)::int AS n FROM ssyk_scb_codes s JOIN ssyk_groups g ON g.code = s.af_code AND g.level = s.level`,
      ),
    ).toBe(633);
    const rules = await rows<{ mapping_rule: string; n: number }>(
      database,
      sql`SELECT mapping_rule, count(*)::int AS n FROM ssyk_scb_codes WHERE level = 4 GROUP BY 1 ORDER BY 1`,
    );
    expect(rules).toEqual([
      { mapping_rule: 'folded', n: 4 },
      { mapping_rule: 'identical', n: 375 },
      { mapping_rule: 'manager_level', n: 50 },
    ]);
    const folded = await rows<{ code: string; af_code: string }>(
      database,
      sql`SELECT code, af_code FROM ssyk_scb_codes WHERE mapping_rule = 'folded' ORDER BY code`,
    );
    expect(folded).toEqual([
      { code: '443', af_code: '111' },
      { code: '4430', af_code: '1111' },
      { code: '5322', af_code: '5321' },
      { code: '5324', af_code: '5323' },
      { code: '7619', af_code: '7611' },
    ]);
  });

  it('imports occupations: 2,412 names, 21 fields covering all 400 groups, 8,324 edges, 112 without requirement', async () => {
    const summary = await importSource(database.db, occupationsSource, { dataDir, cacheDir });
    expect(summary.status).toBe('succeeded');
    expect(summary.rowsRead).toBe(21 + 2412 + 8324 + 400 + 400);
    expect(await count(database, sql`SELECT count(*)::int AS n FROM occupation_names`)).toBe(2412);
    expect(
      await count(
        database,
        sql`SELECT count(*)::int AS n FROM occupation_names WHERE no_education_requirement`,
      ),
    ).toBe(112);
    expect(await count(database, sql`SELECT count(*)::int AS n FROM occupation_fields`)).toBe(21);
    expect(
      await count(
        database,
        sql`SELECT count(*)::int AS n FROM ssyk_groups g JOIN ssyk_fields f ON f.ssyk_code = g.code WHERE g.level = 4`,
      ),
    ).toBe(400);
    expect(await count(database, sql`SELECT count(*)::int AS n FROM ssyk_fields`)).toBe(400);
    const edges = await rows<{ n: number; p25: number; p75: number }>(
      database,
      sql`SELECT count(*)::int AS n, count(*) FILTER (WHERE percentage = 25)::int AS p25,
                 count(*) FILTER (WHERE percentage = 75)::int AS p75 FROM occupation_substitutes`,
    );
    expect(edges).toEqual([{ n: 8324, p25: 3223, p75: 5101 }]);
  });

  it('imports the JobTech keywords (170 relations of 33 keywords) and matches titles against the full taxonomy', async () => {
    const summary = await importSource(database.db, jobtechTaxonomySource, { dataDir, cacheDir });
    expect(summary).toMatchObject({ status: 'succeeded', rowsRead: 170, rowsInserted: 170 });
    expect(
      await count(
        database,
        sql`SELECT count(DISTINCT keyword_concept_id)::int AS n FROM occupation_name_synonyms`,
      ),
    ).toBe(33);
    const results = await matchOccupationTitles(database.db, [
      'Undersköterskor',
      'Lastbilschaufför',
      'Sjuksköterska, grundutbildad',
      '5321',
      'Frissa',
    ]);
    expect(results.map((r) => [r.status, r.candidates[0]?.ssyk])).toEqual([
      ['ambiguous', expect.stringMatching(/^532[13]$/)],
      ['matched', '8332'],
      ['matched', '2221'],
      ['matched', '5321'],
      ['matched', '5141'],
    ]);
    // Undersköterska is a name in two SSYK-4 groups' families: both are offered for review.
    expect(
      results[0]?.candidates
        .slice(0, 2)
        .map((c) => c.ssyk)
        .sort(),
    ).toEqual(['5321', '5323']);
  });

  it('stores a SeQF band with its rule for every SSYK-4 group', async () => {
    const bands = await rows<{ band: string; n: number }>(
      database,
      sql`SELECT band, count(*)::int AS n FROM seqf_bands GROUP BY band ORDER BY band`,
    );
    expect(bands.reduce((sum, b) => sum + b.n, 0)).toBe(400);
    expect(bands.map((b) => b.band)).toEqual(['4', '5-6', '6-8', 'none']);
    const [cashiers] = await rows<Record<string, unknown>>(
      database,
      sql`SELECT band, rule_id, rule, names_total, names_without_requirement, origin, geo_id
          FROM seqf_bands WHERE ssyk_code = '5230'`,
    );
    expect(cashiers).toMatchObject({
      band: 'none',
      rule_id: 'no_education_majority',
      names_total: 3,
      names_without_requirement: 3,
      origin: 'default',
      geo_id: 'country:SE',
    });
    const [nurse] = await rows<{ band: string }>(
      database,
      sql`SELECT band FROM seqf_bands WHERE ssyk_code = '2221'`,
    );
    expect(nurse?.band).toBe('6-8');
  });

  it('re-importing unchanged files changes nothing, and a regional SeQF band survives', async () => {
    const before = await count(database, sql`SELECT count(*)::int AS n FROM import_runs`);
    expect((await importSource(database.db, ssykSource, { dataDir, cacheDir })).status).toBe('unchanged');
    expect((await importSource(database.db, occupationsSource, { dataDir, cacheDir })).status).toBe(
      'unchanged',
    );
    expect(await count(database, sql`SELECT count(*)::int AS n FROM import_runs`)).toBe(before);
    await execute(
      database.db,
      sql`INSERT INTO seqf_bands (ssyk_code, geo_id, band, rule_id, rule, origin)
          VALUES ('5230', 'county:21', '4', 'region', 'Regionens bedömning', 'region')`,
    );
    for (const adapter of [ssykSource, occupationsSource]) {
      const forced = await importSource(database.db, adapter, { dataDir, cacheDir, force: true });
      expect(forced).toMatchObject({ status: 'succeeded', rowsInserted: 0, rowsUpdated: 0, rowsDeleted: 0 });
      expect(forced.rowsUnchanged).toBe(forced.rowsRead);
    }
    expect(
      await count(database, sql`SELECT count(*)::int AS n FROM seqf_bands WHERE origin = 'region'`),
    ).toBe(1);
    await execute(database.db, sql`DELETE FROM seqf_bands WHERE origin = 'region'`);
  });

  it('an occupation row with an unknown SSYK code stops the import and names file and row', async () => {
    const hierarchy = hierarchyFixture();
    const group = hierarchy.data.concepts[0]?.narrower[0]?.narrower[0]?.narrower[0];
    if (group) group.ssyk_code_2012 = '2229';
    const put = async (relative: string, value: unknown) => {
      await mkdir(path.dirname(path.join(fixtureDir, relative)), { recursive: true });
      await writeFile(path.join(fixtureDir, relative), JSON.stringify(value));
    };
    await put(SSYK_HIERARCHY_FILE, hierarchy);
    await put(SUBSTITUTABILITY_FILE, substitutabilityFixture());
    await put(NO_EDUCATION_FILE, noEducationFixture());
    await put(
      FIELDS_FILE,
      occupationFieldsFixture([
        ['Hälso- och sjukvård', '2229', 'Sjuksköterskor', 'Sjuksköterska'],
        ['Chefer och verksamhetsledare', '1210', 'Ekonomichefer', 'Ekonomichef'],
      ]),
    );
    const names = await count(database, sql`SELECT count(*)::int AS n FROM occupation_names`);
    // The fixture is deliberately tiny after the earlier imports of this file: allow the shrink so the check under
    // test (an unknown SSYK code) is the one that speaks.
    const error = await importSource(database.db, occupationsSource, {
      dataDir: fixtureDir,
      cacheDir,
      allowShrink: true,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).location).toEqual({ file: SSYK_HIERARCHY_FILE, row: 5, column: 'ssykCode' });
    expect((error as InputError).message).toContain('okänd SSYK-kod "2229"');
    expect(await count(database, sql`SELECT count(*)::int AS n FROM occupation_names`)).toBe(names);
    const [run] = await rows<{ status: string; error: string }>(
      database,
      sql`SELECT status, error FROM import_runs ORDER BY id DESC LIMIT 1`,
    );
    expect(run?.status).toBe('failed');
    expect(run?.error).toContain('2229');
  });
});
