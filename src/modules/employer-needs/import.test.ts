import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import { type Database, openPglite, openPostgres } from '../../db/client.js';
import {
  geographies,
  geographyMembers,
  occupationNameSynonyms,
  occupationNames,
  ssykGroups,
} from '../../db/schema/index.js';
import { type TestEngine, testEngines } from '../../db/testing.js';
import { type App, buildApp } from '../../server/app.js';
import { SESSION_COOKIE } from '../../server/auth-plugin.js';
import { createRegionArea, updateRegionArea } from '../areas/areas.service.js';
import { openSession } from '../auth/auth.service.js';
import { loadAuthSettings } from '../auth/auth-settings.js';
import type { Role } from '../auth/roles.js';
import { createUser } from '../users/users.service.js';
import { importNeeds, type NeedsImportResult } from './import.service.js';

/**
 * The import of the brokers' sheets: mapping step, title review, all-or-nothing on a bad row, personal numbers
 * refused, employers reused by organisation number, through the service, the API and the CLI in a child process.
 * The taxonomy is a hand-made slice in which "Chaffis" points at two SSYK groups (ambiguous).
 */

const ORIGIN = 'http://localhost:80';
const NOW = new Date('2026-10-05T10:00:00Z');
const operator = { identity: null, audit: { actorId: null } };

const geo = (id: string, type: string, name: string, parentId: string) => ({
  id,
  type,
  code: id.split(':')[1] ?? id,
  name,
  shortName: name,
  parentId,
});

async function seed(db: Database['db']) {
  await db
    .insert(geographies)
    .values([
      geo('county:21', 'county', 'Gävleborgs län', 'country:SE'),
      geo('county:01', 'county', 'Stockholms län', 'country:SE'),
      geo('municipality:2180', 'municipality', 'Gävle kommun', 'county:21'),
      geo('municipality:2181', 'municipality', 'Sandvikens kommun', 'county:21'),
      geo('municipality:0180', 'municipality', 'Stockholms kommun', 'county:01'),
    ]);
  await db.insert(geographyMembers).values([
    { geographyId: 'county:21', municipalityCode: '2180' },
    { geographyId: 'county:21', municipalityCode: '2181' },
    { geographyId: 'county:01', municipalityCode: '0180' },
  ]);
  await db.insert(ssykGroups).values([
    { code: '8321', level: 4, parentCode: '832', labelSv: 'Taxiförare m.fl.' },
    { code: '8332', level: 4, parentCode: '833', labelSv: 'Lastbilsförare m.fl.' },
    { code: '9111', level: 4, parentCode: '911', labelSv: 'Städare' },
    { code: '7212', level: 4, parentCode: '721', labelSv: 'Svetsare och gasskärare' },
  ]);
  await db.insert(occupationNames).values([
    { conceptId: 'n1', name: 'Taxiförare', ssykCode: '8321' },
    { conceptId: 'n2', name: 'Distributionsförare', ssykCode: '8332' },
    { conceptId: 'n3', name: 'Städare', ssykCode: '9111' },
    { conceptId: 'n4', name: 'Svetsare', ssykCode: '7212' },
  ]);
  await db.insert(occupationNameSynonyms).values([
    { keywordConceptId: 'k1', occupationNameId: 'n1', label: 'Chaffis' },
    { keywordConceptId: 'k1', occupationNameId: 'n2', label: 'Chaffis' },
  ]);
}

const CSV = [
  'Org.nr;Företag;Kommun;Yrke;Antal;Datum;När',
  '556016-0680;Verkstad AB;Gävle;Svetsare;3;2026-09-01;inom 1 år',
  '556016-0680;Verkstad AB;2180;Chaffis;1;2026-09-02;nu',
  '212000-2411;Sandvikens kommun;Sandviken;Städare;2;2026-09-03;1-3 år',
  '',
].join('\n');
const MAPPING = {
  columns: {
    organisationNumber: 'Org.nr',
    employerName: 'Företag',
    municipality: 'Kommun',
    title: 'Yrke',
    count: 'Antal',
    date: 'Datum',
    horizon: 'När',
  },
};
const RESOLVED = { ...MAPPING, titles: { chaffis: '8332' } };
const PERSONAL = '19121212-1212';

/** Row counts of everything an import may write (the all-or-nothing check). */
async function counts(db: Database['db']) {
  const result = await db.execute(
    sql`SELECT (SELECT count(*) FROM employers)::int AS employers, (SELECT count(*) FROM employer_needs)::int AS needs,
        (SELECT count(*) FROM employer_need_occupations)::int AS occupations, (SELECT count(*) FROM broker_cases)::int AS cases,
        (SELECT count(*) FROM audit_events)::int AS audit`,
  );
  const rows = (result as unknown as { rows?: unknown[] }).rows ?? (result as unknown as unknown[]);
  return rows[0] as { employers: number; needs: number; occupations: number; cases: number; audit: number };
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe.each(testEngines())('needs import on $name', (engine) => {
  let database: Database;
  let app: App;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    database = await engine.open();
    await seed(database.db);
    const ids: Record<string, string> = {};
    const people: Array<[string, string, Role]> = [
      ['broker21', 'county:21', 'kompetensmaklare'],
      ['lasare21', 'county:21', 'lasare'],
      ['admin01', 'county:01', 'admin'],
    ];
    for (const [who, org, role] of people) {
      const user = await createUser(
        database.db,
        { email: `${who}@example.se`, organisationId: org, role, password: 'ett långt lösenord' },
        { actorId: null },
        NOW,
      );
      cookies[who] = await openSession(database.db, user.id, {}, new Date());
      ids[who] = user.id;
    }
    const writer = { regions: new Set(['county:21']), audit: { actorId: null } };
    const area = await createRegionArea(
      database.db,
      { name: 'Gävle', municipalities: ['2180'], regionId: 'county:21' },
      writer,
      NOW,
    );
    await updateRegionArea(
      database.db,
      area.id,
      { version: 1, brokers: [ids.broker21 as string] },
      writer,
      NOW,
    );
    app = await buildApp({
      database,
      config: { dataDir: undefined, projectRoot },
      logger: false,
      auth: loadAuthSettings({}),
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const run = (
    text: string | Uint8Array,
    mapping?: unknown,
    options: { dryRun?: boolean; file?: string } = {},
  ) =>
    importNeeds(
      database.db,
      {
        file: options.file ?? 'behov.csv',
        bytes: typeof text === 'string' ? bytes(text) : text,
        regionId: 'county:21',
        mapping,
        dryRun: options.dryRun,
      },
      operator,
      NOW,
    );

  it('without a mapping proposes one from the headers and writes nothing', async () => {
    const before = await counts(database.db);
    const result = await run(CSV);
    expect(result.mappingProposed).toBe(true);
    expect(result.mapping.columns).toEqual(MAPPING.columns);
    expect(result.status).toBe('review');
    expect(await counts(database.db)).toEqual(before);
  });

  it('lists ambiguous and unknown titles with their candidates and writes nothing until they are resolved', async () => {
    const before = await counts(database.db);
    const text = `${CSV}556016-0680;Verkstad AB;Gävle;Raketforskare;1;2026-09-04;nu\n`;
    const result = await run(text, MAPPING);
    expect(result.status).toBe('review');
    expect(result.review).toEqual([
      expect.objectContaining({
        title: 'Chaffis',
        status: 'ambiguous',
        rows: [3],
        candidates: [
          expect.objectContaining({ ssyk: '8321', via: 'synonym' }),
          expect.objectContaining({ ssyk: '8332', via: 'synonym' }),
        ],
      }),
      expect.objectContaining({ title: 'Raketforskare', status: 'none', rows: [5] }),
    ]);
    expect(result.titles).toMatchObject({ distinct: 4, matched: 2, unresolved: 2 });
    expect(await counts(database.db)).toEqual(before);
    // A choice for one title still leaves the other: nothing written.
    const half = await run(text, RESOLVED);
    expect(half.status).toBe('review');
    expect(half.review.map((r) => r.title)).toEqual(['Raketforskare']);
    expect(await counts(database.db)).toEqual(before);
  });

  it('refuses the whole file for one bad row (database unchanged), naming file, row and column', async () => {
    const before = await counts(database.db);
    const text = `${CSV}${PERSONAL};Enskild firma;Gävle;Städare;x;2026-09-05;nu\n`;
    const result = await run(text, RESOLVED);
    expect(result.status).toBe('invalid');
    expect(result.written).toBeNull();
    expect(result.errors).toEqual([
      expect.objectContaining({
        file: 'behov.csv',
        row: 5,
        column: 'Org.nr',
        message: expect.stringMatching(/personnummer/),
      }),
      expect.objectContaining({ file: 'behov.csv', row: 5, column: 'Antal' }),
    ]);
    // The personal number is neither echoed nor stored anywhere.
    expect(JSON.stringify(result)).not.toContain('1212');
    expect(await counts(database.db)).toEqual(before);
  });

  it('a dry run of an accepted file says what it would write and writes nothing', async () => {
    const before = await counts(database.db);
    const result = await run(CSV, RESOLVED, { dryRun: true });
    expect(result.status).toBe('ready');
    expect(result.summary).toEqual({ employersNew: 2, employersExisting: 0, needs: 3, people: 6 });
    expect(await counts(database.db)).toEqual(before);
  });

  it('imports in one transaction: employers deduplicated, cases opened with deadlines, audited', async () => {
    const before = await counts(database.db);
    const result = await run(CSV, RESOLVED);
    expect(result.status).toBe('imported');
    expect(result.summary).toEqual({ employersNew: 2, employersExisting: 0, needs: 3, people: 6 });
    expect(result.written?.caseIds).toHaveLength(3);
    const after = await counts(database.db);
    expect(after).toMatchObject({
      employers: before.employers + 2,
      needs: before.needs + 3,
      occupations: before.occupations + 3,
      cases: before.cases + 3,
    });
    // 2 employers + 3 needs + the import itself.
    expect(after.audit - before.audit).toBe(6);
    const cases = await app.inject({
      method: 'GET',
      url: '/api/cases?region=county:21',
      headers: { cookie: `${SESSION_COOKIE}=${cookies.lasare21}`, origin: ORIGIN },
    });
    const imported = cases.json().cases.filter((c: { id: string }) => result.written?.caseIds.includes(c.id));
    expect(imported.map((c: { status: string }) => c.status)).toEqual(['new', 'new', 'new']);
    // Opened 2026-09-01 (a Tuesday): 10 working days later.
    expect(imported.find((c: { openedOn: string }) => c.openedOn === '2026-09-01')?.deadline).toBe(
      '2026-09-15',
    );
    const chaffis = imported.find((c: { openedOn: string }) => c.openedOn === '2026-09-02');
    expect(chaffis.need.ssyk).toEqual(['8332']);
    expect(chaffis.need.horizon).toBe('now');

    // The same employers again (an XLSX this time) are reused, not duplicated.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Behov');
    sheet.addRow(['Organisationsnummer', 'Arbetsgivare', 'Kommun', 'Yrkestitel']);
    sheet.addRow(['5560160680', 'Verkstad AB', 'Gävle kommun', 'Städare']);
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    const proposed = await run(xlsx, undefined, { file: 'behov.xlsx' });
    expect(proposed.status).toBe('mapping');
    expect(proposed.summary).toMatchObject({ employersNew: 0, employersExisting: 1 });
    const again = await run(xlsx, proposed.mapping, { file: 'behov.xlsx' });
    expect(again.status).toBe('imported');
    expect((await counts(database.db)).employers).toBe(after.employers);
  });

  it('through the API: a broker checks a sheet of their own area, outside it is refused by row', async () => {
    const post = (who: string, text: string, extra: object = {}) =>
      app.inject({
        method: 'POST',
        url: '/api/employer-needs/import',
        headers: { cookie: `${SESSION_COOKIE}=${cookies[who]}`, origin: ORIGIN },
        payload: {
          region: 'county:21',
          fileName: 'behov.csv',
          content: Buffer.from(text).toString('base64'),
          mapping: RESOLVED,
          ...extra,
        },
      });
    const own = CSV.split('\n').slice(0, 3).join('\n');
    const ok = await post('broker21', own);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'ready', dryRun: true });
    const outside = await post('broker21', CSV);
    expect(outside.json().status).toBe('invalid');
    expect(outside.json().errors).toEqual([
      expect.objectContaining({
        row: 4,
        column: 'Kommun',
        message: expect.stringMatching(/arbetsmarknadsområden/),
      }),
    ]);
    expect((await post('lasare21', own)).statusCode).toBe(403);
    expect((await post('admin01', own)).statusCode).toBe(404);
  });
});

/**
 * The CLI as brokers' operators run it: `node bin/semafor.js needs import …` in a child process, against an on-disk
 * PGlite directory or a PostgreSQL database (both seeded here, then closed so the child can open them).
 */
async function cliDatabase(
  engine: TestEngine,
  root: string,
): Promise<{ env: Record<string, string>; open: () => Promise<Database>; drop: () => Promise<void> }> {
  if (engine.name === 'pglite') {
    const dir = path.join(root, 'db');
    return {
      env: { SEMAFOR_DB_DIR: dir },
      open: () => openPglite({ dir }),
      drop: async () => {},
    };
  }
  const server = process.env.SEMAFOR_TEST_PG_URL as string;
  const name = `semafor_cli_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    open: () => openPostgres(url.toString()),
    drop: async () => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

function cli(args: string[], cwd: string, env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'semafor.js'), ...args], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: cwd,
        TZ: 'Europe/Stockholm',
        SEMAFOR_CACHE_DIR: path.join(cwd, 'cache'),
        SEMAFOR_DATA_DIR: path.join(cwd, 'no-data-here'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.each(testEngines())('semafor needs import (child process) on $name', (engine) => {
  let root: string;
  let target: Awaited<ReturnType<typeof cliDatabase>>;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'semafor-needs-import-'));
    target = await cliDatabase(engine, root);
    const database = await target.open();
    await seed(database.db);
    await database.close();
    await writeFile(path.join(root, 'behov.csv'), CSV);
    await writeFile(path.join(root, 'mappning.json'), JSON.stringify(MAPPING));
    await writeFile(path.join(root, 'klar.json'), JSON.stringify(RESOLVED));
  }, 120_000);
  afterAll(async () => {
    await target?.drop();
    await rm(root, { recursive: true, force: true });
  });

  // Two runs only (each child process opens the database, ~10 s on a busy machine); the dry run is covered above.
  it('reports titles to review with their candidates (exit 65), then imports with the choices (--json)', async () => {
    const review = await cli(
      ['needs', 'import', 'behov.csv', '--org', 'county:21', '--mapping', 'mappning.json'],
      root,
      target.env,
    );
    expect(review.code).toBe(65);
    expect(review.stdout).toContain('"Chaffis" (tvetydig, rad 3): 8321 Taxiförare m.fl.');
    const done = await cli(
      ['needs', 'import', 'behov.csv', '--org', 'county:21', '--mapping', 'klar.json', '--json'],
      root,
      target.env,
    );
    expect(done.code).toBe(0);
    const result = JSON.parse(done.stdout) as NeedsImportResult;
    expect(result).toMatchObject({ status: 'imported', summary: { needs: 3, employersNew: 2 } });
    expect(done.stderr).toContain('skriver');
    const database = await target.open();
    try {
      expect(await counts(database.db)).toMatchObject({ employers: 2, needs: 3, cases: 3 });
    } finally {
      await database.close();
    }
  }, 240_000);
});
