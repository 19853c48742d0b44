import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import { swedishCollator } from '../../core/search.js';
import type { Database } from '../../db/client.js';
import { execute } from '../../db/execute.js';
import { testEngines } from '../../db/testing.js';
import { type App, buildApp } from '../../server/app.js';
import { occupationsSource } from '../../sources/occupations/index.js';
import { ssykSource } from '../../sources/ssyk/index.js';
import { describeRealData, realDataDir } from '../../testing/real-data.js';
import { importSource } from '../imports/import.service.js';

const dataDir = realDataDir;

interface Summary {
  ssyk: string;
  labelSv: string;
  field: { id: string; nameSv: string } | null;
  seqfBand: string | null;
  nameCount: number;
  matchedBy: string[];
  matchedNames: Array<{ conceptId: string; name: string }>;
}

describeRealData.each(testEngines())('occupations API on $name', (engine) => {
  let database: Database;
  let app: App;
  let cacheDir: string;

  beforeAll(async () => {
    database = await engine.open();
    cacheDir = await mkdtemp(path.join(tmpdir(), 'semafor-occupations-api-'));
    await importSource(database.db, ssykSource, { dataDir, cacheDir });
    await importSource(database.db, occupationsSource, { dataDir, cacheDir });
    app = await buildApp({ database, config: { dataDir, projectRoot }, logger: false });
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
  const search = async (query: string) => {
    const { status, body } = await get(`/api/occupations?${query}`);
    expect(status).toBe(200);
    return body as { query: string | null; count: number; results: Summary[] };
  };
  const sortedBySwedishLabel = (results: Summary[]) =>
    results.every(
      (r, i) => i === 0 || swedishCollator.compare((results[i - 1] as Summary).labelSv, r.labelSv) <= 0,
    );

  it('lists all 400 groups without a query, sorted with Swedish collation', async () => {
    const body = await search('');
    expect(body.count).toBe(400);
    expect(body.query).toBeNull();
    expect(sortedBySwedishLabel(body.results)).toBe(true);
    expect(body.results.every((r) => r.field !== null && r.seqfBand !== null && r.nameCount > 0)).toBe(true);
    // Swedish order puts Å, Ä, Ö after Z.
    const labels = body.results.map((r) => r.labelSv);
    const firstÖ = labels.findIndex((l) => l.startsWith('Ö'));
    const lastZ = labels.findLastIndex((l) => /^[ZzYy]/.test(l));
    expect(firstÖ).toBeGreaterThan(lastZ);
  });

  it('matches occupation names case-insensitively with å/ä/ö as own letters', async () => {
    const lower = await search('q=l%C3%A4kare');
    const upper = await search(`q=${encodeURIComponent('LÄKARE')}`);
    const capital = await search(`q=${encodeURIComponent('Läkare')}`);
    const decomposed = await search(`q=${encodeURIComponent('La\u0308kare')}`);
    expect(lower.count).toBeGreaterThan(0);
    for (const other of [upper, capital, decomposed]) expect(other.results).toEqual(lower.results);
    const codes = lower.results.map((r) => r.ssyk);
    expect(codes).toEqual(expect.arrayContaining(['2211', '2212']));
    const st = lower.results.find((r) => r.ssyk === '2212');
    expect(st?.matchedBy).toContain('name');
    expect(st?.matchedNames.map((n) => n.name)).toContain('ST-läkare, kirurgi');
    expect(st?.matchedNames.every((n) => n.name.toLocaleLowerCase('sv').includes('läkare'))).toBe(true);
    expect(sortedBySwedishLabel(lower.results)).toBe(true);
    // "lakare" is another word: it must not match "läkare".
    const withoutDots = await search('q=lakare');
    expect(withoutDots.results.map((r) => r.ssyk)).not.toContain('2212');
  });

  it('matches an SSYK code prefix and group labels', async () => {
    const byCode = await search('q=222');
    expect(byCode.results.map((r) => r.ssyk).sort()).toEqual(
      (
        await execute<{ code: string }>(
          database.db,
          sql`SELECT code FROM ssyk_groups WHERE level = 4 AND code LIKE '222%' ORDER BY code`,
        )
      ).rows.map((r) => r.code),
    );
    expect(byCode.results.every((r) => r.matchedBy.includes('code'))).toBe(true);
    const byLabel = await search(`q=${encodeURIComponent('grundutbildade sjuksköterskor')}`);
    expect(byLabel.results.find((r) => r.ssyk === '2221')?.matchedBy).toContain('label');
    const english = await search('q=nurses');
    expect(english.results.map((r) => r.ssyk)).toContain('2221');
  });

  it('matches a field name, and filters by field and SeQF band', async () => {
    const [pedagogik] = (
      await execute<{ n: number }>(
        database.db,
        sql`SELECT count(*)::int AS n FROM ssyk_fields WHERE field_id = 'pedagogik'`,
      )
    ).rows;
    const byFieldName = await search('q=pedagogik');
    expect(byFieldName.results.filter((r) => r.matchedBy.includes('field'))).toHaveLength(pedagogik?.n ?? -1);

    const health = await search('field=halso-sjukvard');
    expect(health.count).toBeGreaterThan(10);
    expect(health.results.every((r) => r.field?.id === 'halso-sjukvard')).toBe(true);
    const healthByName = await search(`field=${encodeURIComponent('hälso- och sjukvård')}`);
    expect(healthByName.results).toEqual(health.results);

    const [none] = (
      await execute<{ n: number }>(
        database.db,
        sql`SELECT count(*)::int AS n FROM seqf_bands WHERE band = 'none'`,
      )
    ).rows;
    const noRequirement = await search('seqf=none');
    expect(noRequirement.count).toBe(none?.n);
    expect(noRequirement.results.every((r) => r.seqfBand === 'none')).toBe(true);

    const combined = await search(`q=${encodeURIComponent('sjuksköterska')}&field=halso-sjukvard&seqf=6-8`);
    expect(combined.count).toBeGreaterThan(0);
    expect(combined.results.every((r) => r.field?.id === 'halso-sjukvard' && r.seqfBand === '6-8')).toBe(
      true,
    );
  });

  it('rejects an unknown field and an unknown band', async () => {
    const field = await get('/api/occupations?field=rymdfart');
    expect(field.status).toBe(400);
    expect(field.body.error.code).toBe('validation_failed');
    expect(field.body.error.details.known).toContain('pedagogik');
    expect((await get('/api/occupations?seqf=7')).status).toBe(400);
  });

  it('returns one unit group with parents, field, names, band, substitutes and SCB codes', async () => {
    const { status, body } = await get('/api/occupations/2221');
    expect(status).toBe(200);
    expect(body).toMatchObject({ ssyk: '2221', level: 4, labelSv: 'Grundutbildade sjuksköterskor' });
    expect(body.labelEn).toMatch(/nurses/i);
    expect(body.parents.map((p: { ssyk: string }) => p.ssyk)).toEqual(['2', '22', '222']);
    expect(body.field).toEqual({
      id: 'halso-sjukvard',
      nameSv: 'Hälso- och sjukvård',
      nameEn: 'Health care',
    });
    expect(body.seqf).toMatchObject({
      band: '6-8',
      ruleId: 'skill_level_4',
      origin: 'default',
      geoId: 'country:SE',
    });
    expect(body.seqf.rule).toContain('kompetensnivå 4');
    const names = body.occupationNames.map((n: { name: string }) => n.name);
    expect(names).toEqual([...names].sort(swedishCollator.compare));
    expect(body.scbCodes).toEqual([
      { code: '2221', level: 4, labelEn: expect.any(String), mappingRule: 'identical', mappingNote: null },
    ]);
  });

  it('aggregates substitutes per SSYK-4 group from the occupation-name edges', async () => {
    const { body } = await get('/api/occupations/5311');
    const expected = (
      await execute<{ ssyk: string; max: number; n: number }>(
        database.db,
        sql`SELECT t.ssyk_code AS ssyk, max(s.percentage)::int AS max, count(*)::int AS n
            FROM occupation_substitutes s
            JOIN occupation_names f ON f.concept_id = s.from_concept_id
            JOIN occupation_names t ON t.concept_id = s.to_concept_id
            WHERE f.ssyk_code = '5311' AND t.ssyk_code <> '5311'
            GROUP BY t.ssyk_code`,
      )
    ).rows;
    expect(expected.length).toBeGreaterThan(0);
    const got = body.substitutes.map((s: { ssyk: string; maxPercentage: number; pairs: unknown[] }) => ({
      ssyk: s.ssyk,
      max: s.maxPercentage,
      n: s.pairs.length,
    }));
    expect([...got].sort((a, b) => a.ssyk.localeCompare(b.ssyk))).toEqual(
      [...expected].sort((a, b) => a.ssyk.localeCompare(b.ssyk)),
    );
    const maxima = got.map((g: { max: number }) => g.max);
    expect(maxima).toEqual([...maxima].sort((a, b) => b - a));
    expect(body.substituteFor.length).toBeGreaterThan(0);
    expect(body.substitutes.every((s: { ssyk: string }) => s.ssyk !== '5311')).toBe(true);
  });

  it('lists the SCB codes that map to an AF code', async () => {
    const managers = await get('/api/occupations/1210');
    expect(
      managers.body.scbCodes.map((c: { code: string; mappingRule: string }) => [c.code, c.mappingRule]),
    ).toEqual([
      ['1211', 'manager_level'],
      ['1212', 'manager_level'],
    ]);
    const nurses = await get('/api/occupations/5321');
    expect(
      nurses.body.scbCodes.map((c: { code: string; mappingRule: string }) => [c.code, c.mappingRule]),
    ).toEqual([
      ['5321', 'identical'],
      ['5322', 'folded'],
    ]);
    expect(nurses.body.scbCodes[1].mappingNote).toContain('habilitering');
  });

  it('returns higher levels with children', async () => {
    const { status, body } = await get('/api/occupations/22');
    expect(status).toBe(200);
    expect(body).toMatchObject({ level: 2, field: null, seqf: null, occupationNames: [] });
    expect(body.parents.map((p: { ssyk: string }) => p.ssyk)).toEqual(['2']);
    expect(body.children.map((c: { ssyk: string }) => c.ssyk)).toEqual(
      expect.arrayContaining(['221', '222']),
    );
  });

  it('unknown codes are 404 not_found; an SCB-only code names the AF code; bad codes are 400', async () => {
    const unknown = await get('/api/occupations/9999');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    const scbOnly = await get('/api/occupations/1211');
    expect(scbOnly.status).toBe(404);
    expect(scbOnly.body.error.details).toMatchObject({ afCode: '1210', mappingRule: 'manager_level' });
    expect((await get('/api/occupations/abc')).status).toBe(400);
  });

  it('lists the 21 occupational fields covering the 400 groups, in Swedish order', async () => {
    const { status, body } = await get('/api/occupation-fields');
    expect(status).toBe(200);
    expect(body.fields).toHaveLength(21);
    expect(body.fields.reduce((sum: number, f: { groupCount: number }) => sum + f.groupCount, 0)).toBe(400);
    const names = body.fields.map((f: { nameSv: string }) => f.nameSv);
    expect(names).toEqual([...names].sort(swedishCollator.compare));
  });

  it('documents the routes in OpenAPI', async () => {
    const { body } = await get('/api/openapi.json');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/api/occupations', '/api/occupations/{ssyk}', '/api/occupation-fields']),
    );
  });
});
