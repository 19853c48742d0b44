import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
// The docx package's own zip reader (a dependency of docx and exceljs) opens the DOCX container in the test.
import JSZip from 'jszip';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import type { Database } from '../../db/client.js';
import { execute } from '../../db/execute.js';
import { testEngines } from '../../db/testing.js';
import { type App, buildApp } from '../../server/app.js';
import { SESSION_COOKIE } from '../../server/auth-plugin.js';
import { findSources } from '../../sources/registry.js';
import { fixtureDataDir } from '../../testing/fixture-data.js';
import { openSession } from '../auth/auth.service.js';
import { loadAuthSettings } from '../auth/auth-settings.js';
import type { Role } from '../auth/roles.js';
import { importSource, orderByDependencies } from '../imports/import.service.js';
import { draftPriorities } from '../prioritisation/prioritisation.service.js';
import { computeSignals, SIGNAL_SOURCES } from '../signals/signals.service.js';
import { createUser } from '../users/users.service.js';
import { educationOffers } from './education.service.js';
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
  let cacheDir: string;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    database = await engine.open();
    cacheDir = await mkdtemp(path.join(tmpdir(), 'semafor-education-'));
    const ids = [
      ...SIGNAL_SOURCES,
      'larcentra',
      'af-kopplingsschema',
      'myh-yh-utbildningar',
      'myh-ansokningar',
    ];
    for (const adapter of orderByDependencies(findSources(ids))) {
      const summary = await importSource(database.db, adapter, {
        dataDir: fixtureDataDir,
        cacheDir,
        expectComplete: false,
      });
      expect(summary.status, `${adapter.meta.id}: ${summary.error ?? ''}`).toBe('succeeded');
    }
    await computeSignals(database);
    const people: Array<[string, string, Role]> = [
      ['strateg21', 'county:21', 'strateg'],
      ['lasare21', 'county:21', 'lasare'],
      ['strateg01', 'county:01', 'strateg'],
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
    await rm(cacheDir, { recursive: true, force: true });
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

  it('writes the YH evidence pack as DOCX and as a PDF printed by Chromium, both readable back', async () => {
    const docx = await as(
      null,
      'GET',
      '/api/education/evidence-pack?geo=county:21&ssyk=5321&format=docx&lang=en',
    );
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(docx.rawPayload);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('Labour-market evidence for a YH application');
    expect(xml).toContain('SSYK 5321');
    expect(xml).toContain('Learning centres within 30 km');
    expect(xml).toContain('myh-yh-utbildningar: importerad');
    // No employer needs are registered: the pack says so instead of showing a number.
    expect(xml).toContain('Inga registrerade arbetsgivarbehov');

    const pdf = await as(null, 'GET', '/api/education/evidence-pack?geo=county:21&ssyk=5321,2512&format=pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), {
      mergePages: true,
    });
    expect(text).toContain('Arbetsmarknadsunderlag för YH-ansökan');
    expect(text).toContain('SSYK 5321');
    expect(text).toContain('SSYK 2512');
    expect(text).toContain('Dataversioner');
  }, 60_000);

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
});
