import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
// The docx package's own zip reader (a dependency of docx and exceljs) opens the DOCX container in the test.
import JSZip from 'jszip';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerEducationCommands } from '../../cli/commands/education.js';
import type { CliContext } from '../../cli/context.js';
import { projectRoot } from '../../config.js';
import { TEMPLATE_COLUMNS } from '../../core/education/offer-template.js';
import type { Database } from '../../db/client.js';
import { execute } from '../../db/execute.js';
import { testEngines } from '../../db/testing.js';
import { type App, buildApp } from '../../server/app.js';
import { SESSION_COOKIE } from '../../server/auth-plugin.js';
import { fixtureDataDir } from '../../testing/fixture-data.js';
import { openFixtureDatabase } from '../../testing/fixture-database.js';
import { openSession } from '../auth/auth.service.js';
import { loadAuthSettings } from '../auth/auth-settings.js';
import type { Role } from '../auth/roles.js';
import { draftPriorities } from '../prioritisation/prioritisation.service.js';
import { createUser } from '../users/users.service.js';
import { educationOffers, yhApplicationsOf } from './education.service.js';
import { educationGaps, yhRound } from './education-gaps.service.js';

const ORIGIN = 'http://localhost:80';

/**
 * The education module on the fixture data set (Gävleborg's YH programmes and applications, AF's key for the kept
 * SSYK groups, learning centres of Ljusdal and Bollnäs): offers, local offers and mapping overrides with audit and
 * versions, the gap analysis and the YH round view. One database and app per engine.
 */
describe.each(testEngines())('education supply on the fixture data ($name)', (engine) => {
  let database: Database;
  let app: App;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    // The fixture knowledge base (all fixture sources imported, signals computed), copied for this file.
    database = await openFixtureDatabase(engine);
    const people: Array<[string, string, Role]> = [
      ['strateg21', 'county:21', 'strateg'],
      ['lasare21', 'county:21', 'lasare'],
      ['strateg01', 'county:01', 'strateg'],
      ['kommun2180', 'municipality:2180', 'kommun'],
    ];
    for (const [who, org, role] of people) {
      const user = await createUser(
        database.db,
        { email: `${who}@example.se`, organisationId: org, role, password: 'ett långt lösenord' },
        { actorId: null },
        new Date(),
      );
      cookies[who] = await openSession(database.db, user.id, {}, new Date());
    }
    app = await buildApp({
      database,
      config: { dataDir: fixtureDataDir, projectRoot },
      logger: false,
      auth: loadAuthSettings({}),
    });
  }, 240_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const as = (
    who: string | null,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    app.inject({
      method,
      url,
      payload,
      headers: who ? { cookie: `${SESSION_COOKIE}=${cookies[who]}`, origin: ORIGIN } : {},
    });

  it('lists the YH programmes given in the county, with placed municipalities and the key mapping', async () => {
    const response = await as(null, 'GET', '/api/education/offers?geo=county:21');
    expect(response.statusCode).toBe(200);
    const offers = response.json().offers as Array<{
      id: string;
      form: string;
      municipalities: Array<{ code: string }>;
      occupations: Array<{ confidence: string }>;
    }>;
    // The fixture keeps the programme lines with a study town in Gävleborg: 34 lines.
    expect(offers).toHaveLength(34);
    for (const o of offers) {
      expect(o.form).toBe('yh');
      expect(o.municipalities.some((m) => m.code.startsWith('21'))).toBe(true);
    }
    const yh = await as(null, 'GET', '/api/education/offers?geo=municipality:2180&form=yh');
    expect(yh.json().offers.length).toBeGreaterThan(0);
    expect(yh.json().offers.length).toBeLessThan(34);
    const other = await as(null, 'GET', '/api/education/offers?geo=county:21&form=komvux');
    expect(other.json().offers).toEqual([]);
    const only = await as(null, 'GET', '/api/education/offers?geo=county:21&distance=only');
    expect(only.json().offers.every((o: { distance: boolean }) => o.distance)).toBe(true);
    const bad = await as(null, 'GET', '/api/education/offers?geo=county:21&form=gymnasium');
    expect(bad.statusCode).toBe(400);
  });

  it('enters a local offer with occupations, changes it with its version and refuses a stale one', async () => {
    const create = await as('strateg21', 'POST', '/api/education/offers', {
      provider: 'Vuxenutbildningen Gävle',
      name: 'Undersköterska, yrkesvux',
      form: 'yrkesvux',
      municipalityCode: '2180',
      places: 24,
      status: 'open',
      startDate: '2027-01-18',
      occupations: ['5321'],
    });
    expect(create.statusCode).toBe(201);
    const offer = create.json();
    expect(offer).toMatchObject({ kind: 'local', form: 'yrkesvux', regionId: 'county:21', version: 1 });
    expect(offer.occupations).toEqual([expect.objectContaining({ ssyk: '5321', confidence: 'manual' })]);
    const listed = await educationOffers(database.db, { geo: 'county:21', ssyk: '5321' });
    expect(listed.map((o) => o.id)).toContain(offer.id);

    const id = offer.mappingId as string;
    const patched = await as('strateg21', 'PATCH', `/api/education/offers/${id}`, { version: 1, places: 30 });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ places: 30, version: 2 });
    const stale = await as('strateg21', 'PATCH', `/api/education/offers/${id}`, { version: 1, places: 10 });
    expect(stale.statusCode).toBe(409);
    // Another region's strategist and a reader cannot change it.
    expect((await as('strateg01', 'PATCH', `/api/education/offers/${id}`, { version: 2 })).statusCode).toBe(
      403,
    );
    expect((await as('lasare21', 'PATCH', `/api/education/offers/${id}`, { version: 2 })).statusCode).toBe(
      403,
    );
    // A municipality outside the region is refused.
    const outside = await as('strateg21', 'POST', '/api/education/offers', {
      provider: 'X',
      name: 'Y',
      form: 'komvux',
      municipalityCode: '0380',
      status: 'planned',
    });
    expect(outside.statusCode).toBe(400);

    const { rows } = await execute<{ action: string; entity_type: string }>(
      database.db,
      sql`SELECT action, entity_type FROM audit_events WHERE entity_id = ${id} ORDER BY id`,
    );
    expect(rows).toEqual([
      { action: 'create', entity_type: 'education_offer' },
      { action: 'update', entity_type: 'education_offer' },
    ]);
    const removed = await as('strateg21', 'DELETE', `/api/education/offers/${id}?version=2`);
    expect(removed.statusCode).toBe(204);
    expect((await educationOffers(database.db, { geo: 'county:21' })).some((o) => o.id === offer.id)).toBe(
      false,
    );
  });

  it('lets the region map an unmapped YH programme manually and take a mapping back, audited', async () => {
    const unmapped = (await as(null, 'GET', '/api/education/offers/unmapped?geo=county:21')).json()
      .offers as Array<{
      id: string;
      kind: string;
      mappingId: string;
    }>;
    const target = unmapped.find((o) => o.kind === 'yh');
    expect(target).toBeDefined();
    const add = await as('strateg21', 'POST', '/api/education/mappings', {
      offerKind: 'yh',
      offerId: target?.mappingId,
      ssyk: '3333',
      action: 'add',
    });
    expect(add.statusCode).toBe(200);
    expect(add.json().occupations).toEqual([expect.objectContaining({ ssyk: '3333', confidence: 'manual' })]);
    const after = (await as(null, 'GET', '/api/education/offers/unmapped?geo=county:21')).json().offers;
    expect(after.some((o: { id: string }) => o.id === target?.id)).toBe(false);
    // The override is the region's: another county's view of the same programme is unchanged.
    const elsewhere = await educationOffers(database.db, { geo: 'country:SE', ssyk: '3333' });
    expect(elsewhere.some((o) => o.id === target?.id)).toBe(false);
    const reset = await as('strateg21', 'POST', '/api/education/mappings', {
      offerKind: 'yh',
      offerId: target?.mappingId,
      ssyk: '3333',
      action: 'reset',
    });
    expect(reset.json().occupations).toEqual([]);
    const forbidden = await as('lasare21', 'POST', '/api/education/mappings', {
      offerKind: 'yh',
      offerId: target?.mappingId,
      ssyk: '3333',
      action: 'add',
    });
    expect(forbidden.statusCode).toBe(403);
    const { rows } = await execute<{ action: string }>(
      database.db,
      sql`SELECT action FROM audit_events WHERE entity_type = 'education_mapping' ORDER BY id`,
    );
    expect(rows.map((r) => r.action)).toEqual(['add', 'reset']);
  });

  it("reports routes and gaps per occupation of the region's draft list (no list is published)", async () => {
    const response = await as(null, 'GET', '/api/education/gaps?geo=county:21');
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.basis).toBe('draft_priorities');
    const draft = await draftPriorities(database.db, { geo: 'county:21' });
    expect(report.rows.map((r: { ssyk: string }) => r.ssyk).sort()).toEqual(
      draft.rows
        .filter((r) => r.proposed)
        .map((r) => r.ssyk)
        .sort(),
    );
    expect(report.geography).toEqual({ id: 'county:21', municipalities: 10 });
    expect(report.rows.length).toBeGreaterThan(0);
    for (const row of report.rows) {
      expect(['brist', 'paradox']).toContain(row.signalClass);
      expect(row.municipalities).toHaveLength(10);
      expect(row.gap).toBe(
        row.routes.inRegion === 0 && row.routes.distance === 0 && row.routes.inAreas === 0,
      );
      expect(row.notPrimarilyEducation).toBe(row.signalClass === 'paradox');
    }
  });

  it('takes a priority list when one is given, and marks occupations without any offer as gaps', async () => {
    const report = await educationGaps(database.db, {
      geo: 'county:21',
      priorities: {
        status: 'published',
        year: 2026,
        rows: [
          { ssyk: '5321', name: 'Undersköterskor', seqfBand: '4' },
          { ssyk: '2512', name: 'Mjukvaruutvecklare', seqfBand: '6-8' },
        ],
      },
      employerNeeds: new Map([['5321', 7]]),
    });
    expect(report.basis).toBe('published_priorities');
    expect(report.rows.map((r) => r.ssyk)).toEqual(['5321', '2512']);
    const [nurses] = report.rows;
    expect(nurses?.priority).toBe(true);
    // Employer needs count into the estimated need (plus retirements when the signal has them).
    expect(nurses?.estimatedNeed).toBeGreaterThanOrEqual(7);
  });

  it('sets the region’s SeQF 5–6 occupations against the 2024 YH applications', async () => {
    const report = await yhRound(database.db, {
      geo: 'county:21',
      year: 2024,
      priorities: {
        status: 'published',
        year: 2026,
        rows: [
          { ssyk: '2512', name: 'Mjukvaruutvecklare', seqfBand: '5-6' },
          { ssyk: '9111', name: 'Städare', seqfBand: '4' },
          { ssyk: '2221', name: 'Sjuksköterskor', seqfBand: '6-8' },
        ],
      },
    });
    // SeQF 6–8 is not YH level; the other two are either matched by an application or listed without one.
    const all = [...report.rows.map((r) => r.ssyk), ...report.withoutApplication.map((r) => r.ssyk)].sort();
    expect(all).toEqual(['2512', '9111']);
    // The fixture keeps the 15 applications concerning Gävleborg.
    expect(report.applicationsInRegion.total).toBe(15);
    const api = await as(null, 'GET', '/api/education/yh-round?geo=county:21&year=2024');
    expect(api.statusCode).toBe(200);
    expect(api.json().year).toBe(2024);
  });

  it('lets the region map a YH application by hand, which the YH round view then counts; audited', async () => {
    const inRegion = (await yhApplicationsOf(database.db, 2024)).filter((a) =>
      a.municipalityCodes.some((c) => c.startsWith('21')),
    );
    const priorities = {
      status: 'published' as const,
      year: 2026,
      rows: [{ ssyk: '9111', name: 'Städare', seqfBand: '4' }],
    };
    const before = await yhRound(database.db, { geo: 'county:21', year: 2024, priorities });
    const target = inRegion.find((a) => !before.rows.some((r) => r.applications.some((x) => x.id === a.id)));
    expect(target).toBeDefined();
    const add = await as('strateg21', 'POST', '/api/education/mappings', {
      offerKind: 'application',
      offerId: target?.id,
      ssyk: '9111',
      action: 'add',
    });
    expect(add.statusCode).toBe(200);
    expect(add.json().occupations).toContainEqual(
      expect.objectContaining({ ssyk: '9111', confidence: 'manual' }),
    );
    const after = await yhRound(database.db, { geo: 'county:21', year: 2024, priorities });
    expect(after.rows.find((r) => r.ssyk === '9111')?.applications.map((a) => a.id)).toContain(target?.id);
    // Another region's view of the same round is not changed by county:21's decision.
    const elsewhere = await yhRound(database.db, { geo: 'county:03', year: 2024, priorities });
    expect(elsewhere.rows.flatMap((r) => r.applications.map((a) => a.id))).not.toContain(target?.id);
    const unknown = await as('strateg21', 'POST', '/api/education/mappings', {
      offerKind: 'application',
      offerId: 'MYH 1999/1',
      ssyk: '9111',
      action: 'add',
    });
    expect(unknown.statusCode).toBe(404);
    const reset = await as('strateg21', 'POST', '/api/education/mappings', {
      offerKind: 'application',
      offerId: target?.id,
      ssyk: '9111',
      action: 'reset',
    });
    expect(reset.statusCode).toBe(200);
    const { rows } = await execute<{ action: string }>(
      database.db,
      sql`SELECT action FROM audit_events WHERE entity_id = ${`application:${target?.id}`} ORDER BY id`,
    );
    expect(rows.map((r) => r.action)).toEqual(['add', 'reset']);
  });

  it('writes the YH evidence pack as DOCX and as a PDF printed by Chromium in Swedish and English, read back', async () => {
    const docxText = async (lang: string) => {
      const docx = await as(
        null,
        'GET',
        `/api/education/evidence-pack?geo=county:21&ssyk=5321&format=docx&lang=${lang}`,
      );
      expect(docx.statusCode).toBe(200);
      expect(docx.headers['content-type']).toContain('wordprocessingml');
      const zip = await JSZip.loadAsync(docx.rawPayload);
      return (await zip.file('word/document.xml')?.async('string')) ?? '';
    };
    const sv = await docxText('sv');
    expect(sv).toContain('Arbetsmarknadsunderlag för YH-ansökan');
    expect(sv).toContain('SSYK 5321');
    expect(sv).toContain('Lärcentra inom 30 km');
    expect(sv).toContain('myh-yh-utbildningar: importerad');
    // No employer needs are registered: the pack says so instead of showing a number.
    expect(sv).toContain('Inga registrerade arbetsgivarbehov i Semafor.');
    const en = await docxText('en');
    expect(en).toContain('Labour-market evidence for a YH application');
    expect(en).toContain('Learning centres within 30 km');
    expect(en).toContain('myh-yh-utbildningar: imported');
    expect(en).toContain('No employer needs registered in Semafor.');
    expect(en).toContain('are given as in the sources (in Swedish)');
    // The English pack carries no Swedish sentence of the catalogue (names from the sources may stay Swedish).
    for (const sentence of [
      'Inga registrerade',
      'importerad',
      'Pensionsavgångar',
      'Sysselsatta',
      'prioriteringslista',
    ])
      expect(en).not.toContain(sentence);

    const pdfText = async (lang: string) => {
      const pdf = await as(
        null,
        'GET',
        `/api/education/evidence-pack?geo=county:21&ssyk=5321,2512&format=pdf&lang=${lang}`,
      );
      expect(pdf.statusCode).toBe(200);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), {
        mergePages: true,
      });
      return text.replace(/\s+/g, ' ');
    };
    const pdfSv = await pdfText('sv');
    expect(pdfSv).toContain('Arbetsmarknadsunderlag för YH-ansökan');
    expect(pdfSv).toContain('SSYK 5321');
    expect(pdfSv).toContain('SSYK 2512');
    expect(pdfSv).toContain('Dataversioner');
    const pdfEn = await pdfText('en');
    expect(pdfEn).toContain('Labour-market evidence for a YH application');
    expect(pdfEn).toContain('SSYK 2512');
    expect(pdfEn).toContain('Data versions (to reproduce this pack)');
    expect(pdfEn).toContain('Signal round');
    expect(pdfEn).not.toContain('Dataversioner');
  }, 90_000);

  it('suppresses employer need counts below three employers in the pack', async () => {
    const { evidencePack } = await import('./evidence-pack.service.js');
    const pack = await evidencePack(database.db, {
      geo: 'county:21',
      ssyk: ['5321', '2512'],
      now: new Date('2026-12-04T12:00:00Z'),
      needCounts: [
        { ssyk: '5321', employers: 2, people: 9, latest: '2026-11-30' },
        { ssyk: '2512', employers: 4, people: 6, latest: '2026-11-02' },
      ],
    });
    expect(pack.occupations.map((o) => o.employerNeeds)).toEqual([
      { suppressed: true },
      { suppressed: false, employers: 4, people: 6, latest: '2026-11-02' },
    ]);
    expect(JSON.stringify(pack)).not.toContain('"people":9');
  });
  // ---------------------------------------------------------------------------------------------------------------
  // Import of local offers from the template (runs last: it adds local offers to the county).

  const HEADINGS = TEMPLATE_COLUMNS.map((c) => c.heading);
  const csvOf = (rows: string[][]) => `\uFEFF${[HEADINGS, ...rows].map((r) => r.join(';')).join('\r\n')}\r\n`;
  const upload = (who: string, file: string, bytes: Buffer | string, extra: object = {}) =>
    as(who, 'POST', '/api/education/offers/import', {
      file,
      content: Buffer.from(bytes).toString('base64'),
      ...extra,
    });
  const localCount = async () =>
    (await educationOffers(database.db, { geo: 'county:21', distance: 'true' })).filter(
      (o) => o.kind === 'local',
    ).length;
  const auditCount = async () =>
    (
      await execute<{ n: number }>(
        database.db,
        sql`SELECT count(*)::int AS n FROM audit_events WHERE entity_type LIKE 'education_offer%'`,
      )
    ).rows[0]?.n ?? 0;

  it('hands out the template as CSV (explanation row) and XLSX (explanation sheet) with Swedish headings', async () => {
    const csv = await as(null, 'GET', '/api/education/offers/template?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain('utbildningar-mall.csv');
    const [head, explanation] = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(head).toBe(HEADINGS.join(';'));
    expect(head).toContain('Anordnare;Utbildning;Form;SUN-kod;SSYK;Yrke;Kommun');
    expect(explanation?.startsWith('# Obligatorisk.')).toBe(true);
    const xlsx = await as(null, 'GET', '/api/education/offers/template');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Utbildningar', 'Förklaring']);
    const values = workbook.getWorksheet('Utbildningar')?.getRow(1).values as unknown[] | undefined;
    expect(values?.slice(1)).toEqual(HEADINGS);
    const help = workbook.getWorksheet('Förklaring');
    expect(help?.rowCount).toBe(HEADINGS.length + 1);
    expect(String(help?.getRow(4).getCell(3).value)).toContain('uppdragsutbildning');
    // The empty template itself imports as "no offers", not as an error about its explanation row.
    const empty = await upload('strateg21', 'mall.csv', csv.rawPayload, { dryRun: true });
    expect(empty.json().problems).toEqual([
      { file: 'mall.csv', message: 'filen har inga utbildningar (bara rubriker och förklaringar)' },
    ]);
  });

  it('previews a file with errors naming file, row and column, and writes nothing from it', async () => {
    const [offersBefore, auditBefore] = [await localCount(), await auditCount()];
    const file = csvOf([
      ['# en kommentar', '', '', '', '', '', '', '', '', '', '', ''],
      ['Vux Gävle', 'Svetsare', 'yrkesvux', '', '7212', '', '2180', 'nej', '', '2027-01-18', '12', 'öppen'],
      ['Vux Gävle', 'Lärling', 'gymnasium', '', '9111', '', '2180', '', '', '2027-02-30', 'tolv', 'klar'],
      ['Vux Gävle', 'Städ', 'komvux', '', '', '', '0380', '', '', '', '', 'planerad'],
      ['', 'Utan anordnare', 'komvux', '99x', '', '', '', '', '', '', '', 'pågår'],
    ]);
    const preview = await upload('kommun2180', 'utbud.csv', file, { dryRun: true });
    expect(preview.statusCode).toBe(200);
    const report = preview.json();
    expect(report.accepted).toBe(false);
    const where = (report.problems as Array<{ file: string; row: number; column: string }>).map(
      (p) => `${p.file}:${p.row}:${p.column}`,
    );
    expect(where).toEqual([
      'utbud.csv:3:SSYK', // 7212 is not among the fixture's SSYK groups
      'utbud.csv:4:Form',
      'utbud.csv:4:Start',
      'utbud.csv:4:Platser',
      'utbud.csv:4:Status',
      'utbud.csv:5:SSYK', // no SUN code, SSYK or title
      'utbud.csv:5:Kommun', // Uppsala's municipality is outside Gävleborg
      'utbud.csv:6:Anordnare',
      'utbud.csv:6:SUN-kod',
      'utbud.csv:6:Kommun',
    ]);
    expect(report.problems[6].message).toContain('utanför regionen county:21');
    // Confirming the same file is refused as a whole: 400 naming the first error; nothing written, nothing audited.
    const confirm = await upload('kommun2180', 'utbud.csv', file);
    expect(confirm.statusCode).toBe(400);
    expect(confirm.json().error.message).toMatch(/^utbud\.csv, rad 3, kolumn "SSYK": .*inget är sparat$/);
    expect(confirm.json().error.details.problems).toHaveLength(10);
    expect([await localCount(), await auditCount()]).toEqual([offersBefore, auditBefore]);
    // Roles and regions: a reader may not import; another region's strategist cannot act in county:21.
    expect((await upload('lasare21', 'utbud.csv', file, { dryRun: true })).statusCode).toBe(403);
    expect(
      (await upload('strateg01', 'utbud.csv', file, { dryRun: true, region: 'county:21' })).statusCode,
    ).toBe(404);
  });

  it('imports an XLSX file whole: titles matched or reviewed, SUN codes by the key, audited; a re-import updates', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Utbildningar');
    sheet.addRow(HEADINGS);
    sheet.addRow([
      'Vux Gävle',
      'Undersköterska',
      'yrkesvux',
      '',
      '5321',
      '',
      'Gävle',
      'nej',
      '',
      '2027-01-18',
      24,
      'öppen',
    ]);
    sheet.addRow([
      'Folkhögskolan',
      'Lastbil C/CE',
      'folkhögskola',
      '',
      '',
      'Lastbilschaufför',
      2180,
      '',
      '',
      '',
      16,
      'planerad',
    ]);
    sheet.addRow([
      'Högskolan i Gävle',
      'Webbutveckling',
      'högskola',
      '481a',
      '',
      '',
      '',
      'ja',
      '',
      '',
      '',
      'pågår',
    ]);
    sheet.addRow([
      'Företaget AB',
      'Rymdteknik',
      'uppdragsutbildning',
      '',
      '',
      'Astronaut',
      '2180',
      '',
      '',
      '',
      8,
      'planerad',
    ]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const [offersBefore, auditBefore] = [await localCount(), await auditCount()];

    const first = (await upload('kommun2180', 'utbud.xlsx', bytes, { dryRun: true })).json();
    expect(first.problems).toEqual([]);
    expect(first.accepted).toBe(false);
    expect(first.review).toEqual([
      expect.objectContaining({ row: 5, column: 'Yrke', title: 'Astronaut', status: 'none' }),
    ]);
    const chosen = { resolutions: { Astronaut: '3333' } };
    const preview = (await upload('kommun2180', 'utbud.xlsx', bytes, { dryRun: true, ...chosen })).json();
    expect(preview.accepted).toBe(true);
    expect(preview.counts).toEqual({ rows: 4, create: 4, update: 0, unchanged: 0 });
    const occ = (row: number) =>
      preview.rows
        .find((r: { row: number }) => r.row === row)
        .occupations.map((o: { ssyk: string; via: string }) => `${o.ssyk}:${o.via}`);
    expect([occ(2), occ(3), occ(4), occ(5)]).toEqual([
      ['5321:ssyk'],
      ['8332:title'],
      ['2512:sun'],
      ['3333:review'],
    ]);
    expect(preview.rows[0].municipality).toEqual({ code: '2180', name: 'Gävle' });
    // The preview wrote nothing.
    expect(await localCount()).toBe(offersBefore);

    const done = await upload('kommun2180', 'utbud.xlsx', bytes, chosen);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ written: true, counts: { create: 4 } });
    expect(await localCount()).toBe(offersBefore + 4);
    const listed = await educationOffers(database.db, { geo: 'county:21', distance: 'true' });
    const web = listed.find((o) => o.name === 'Webbutveckling');
    expect(web).toMatchObject({ form: 'university', distance: true, sunCode: '481a', status: 'running' });
    expect(web?.occupations).toEqual([expect.objectContaining({ ssyk: '2512', confidence: 'sun_field' })]);
    expect(listed.find((o) => o.name === 'Rymdteknik')).toMatchObject({
      form: 'other',
      occupations: [expect.objectContaining({ ssyk: '3333', confidence: 'manual' })],
    });
    // One audit event per offer and one for the import.
    expect((await auditCount()) - auditBefore).toBe(5);

    // The same file again changes nothing; a changed number of places updates that offer only.
    const again = (await upload('kommun2180', 'utbud.xlsx', bytes, { dryRun: true, ...chosen })).json();
    expect(again.counts).toEqual({ rows: 4, create: 0, update: 0, unchanged: 4 });
    sheet.getRow(2).getCell(11).value = 30;
    const changed = Buffer.from(await workbook.xlsx.writeBuffer());
    const update = (await upload('kommun2180', 'utbud.xlsx', changed, chosen)).json();
    expect(update.counts).toEqual({ rows: 4, create: 0, update: 1, unchanged: 3 });
    const nurse = (await educationOffers(database.db, { geo: 'county:21', ssyk: '5321' })).find(
      (o) => o.name === 'Undersköterska',
    );
    expect(nurse).toMatchObject({ places: 30, version: 2 });
  });

  it('imports from the command line (semafor education import FILE --org … --dry-run --json)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'semafor-edu-import-'));
    try {
      const file = path.join(dir, 'komvux.csv');
      await writeFile(
        file,
        csvOf([
          [
            'Vux Sandviken',
            'Truckförare',
            'komvux',
            '',
            '8332',
            '',
            'Sandviken',
            'nej',
            '',
            '',
            '10',
            'öppen',
          ],
        ]),
      );
      const run = async (...args: string[]) => {
        const program = new Command().exitOverride();
        const context = { withDatabase: (fn: (d: Database) => Promise<unknown>) => fn(database) };
        registerEducationCommands(program, () => context as unknown as CliContext);
        const out: string[] = [];
        const write = process.stdout.write.bind(process.stdout);
        process.stdout.write = ((chunk: string) => {
          out.push(chunk);
          return true;
        }) as typeof process.stdout.write;
        process.exitCode = undefined;
        try {
          await program.parseAsync(['node', 'semafor', 'education', 'import', ...args]);
        } finally {
          process.stdout.write = write;
        }
        const code = process.exitCode;
        process.exitCode = undefined;
        return { json: JSON.parse(out.join('')), code };
      };
      const before = await localCount();
      const dry = await run(file, '--org', 'municipality:2181', '--dry-run', '--json');
      expect(dry.json).toMatchObject({ regionId: 'county:21', accepted: true, written: false });
      expect(await localCount()).toBe(before);
      const wrote = await run(file, '--org', 'municipality:2181', '--json');
      expect(wrote.json).toMatchObject({ written: true, counts: { create: 1 } });
      expect(await localCount()).toBe(before + 1);
      const { rows } = await execute<{ organisation_id: string; actor_id: string | null }>(
        database.db,
        sql`SELECT organisation_id, actor_id FROM audit_events WHERE entity_type = 'education_offer_import' ORDER BY id DESC LIMIT 1`,
      );
      expect(rows).toEqual([{ organisation_id: 'municipality:2181', actor_id: null }]);
      // Another county's municipality cannot be named by a Gävleborg organisation: all-or-nothing refusal, exit 65.
      await writeFile(
        file,
        csvOf([['Vux', 'Kurs', 'komvux', '', '8332', '', '0380', '', '', '', '', 'öppen']]),
      );
      const bad = await run(file, '--org', 'municipality:2181', '--json');
      expect(bad.code).toBe(65);
      expect(bad.json.problems[0]).toMatchObject({ file: 'komvux.csv', row: 2, column: 'Kommun' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
