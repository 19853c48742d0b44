import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import type { Database } from '../../db/client.js';
import { withRegion } from '../../db/region-scope.js';
import { occupationNames, prioritisationVotes } from '../../db/schema/index.js';
import { testEngines } from '../../db/testing.js';
import { type App, buildApp } from '../../server/app.js';
import { SESSION_COOKIE } from '../../server/auth-plugin.js';
import { seedPrioritySignals } from '../../testing/priorities-seed.js';
import { openSession } from '../auth/auth.service.js';
import { loadAuthSettings } from '../auth/auth-settings.js';
import type { Role } from '../auth/roles.js';
import { createUser } from '../users/users.service.js';
import { importPastList } from './import.service.js';
import {
  draftPriorities,
  publishedListIndex,
  publishedPriorities,
  publishImported,
} from './prioritisation.service.js';

const ORIGIN = 'http://localhost:80';
const PEOPLE: Record<string, [string, Role]> = {
  strateg21: ['county:21', 'strateg'],
  lasare21: ['county:21', 'lasare'],
  gavle: ['municipality:2180', 'kommun'],
  hudiksvall: ['municipality:2184', 'kommun'],
  strateg01: ['county:01', 'strateg'],
};

describe.each(testEngines())('prioritisation on $name', (engine) => {
  let database: Database;
  let app: App;
  const cookies: Record<string, string> = {};
  const call = async (who: string | null, method: 'GET' | 'POST' | 'PUT', url: string, body?: object) => {
    const headers: Record<string, string> = { origin: ORIGIN };
    if (who) headers.cookie = `${SESSION_COOKIE}=${cookies[who]}`;
    const res = await app.inject({ method, url, payload: body, headers });
    return { status: res.statusCode, body: res.json() };
  };

  beforeAll(async () => {
    database = await engine.open();
    await seedPrioritySignals(database.db);
    app = await buildApp({
      database,
      config: { dataDir: undefined, projectRoot },
      logger: false,
      auth: loadAuthSettings({}),
    });
    for (const [who, [organisationId, role]] of Object.entries(PEOPLE)) {
      const user = await createUser(
        database.db,
        { email: `${who}@example.se`, organisationId, role, password: 'ett långt lösenord' },
        { actorId: null },
        new Date(),
      );
      cookies[who] = await openSession(database.db, user.id, {}, new Date());
    }
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  describe('draft', () => {
    it('ranks the county signals per band with breadth over the FA regions, paradox apart', async () => {
      const draft = await draftPriorities(database.db, { geo: 'county:21' });
      expect(draft.region).toBe('county:21');
      expect(draft.regionName).toBe('Gävleborgs län');
      expect(draft.round).toBe('R1');
      expect(draft.method.version).toBe('p1');
      expect(draft.areas.map((a) => a.id)).toEqual(['fa:36', 'fa:38']);
      const band4 = draft.rows.filter((r) => r.seqfBand === '4');
      expect(band4.map((r) => [r.ssyk, r.rank, r.tier, r.proposed])).toEqual([
        ['5321', 1, 'shortage', true],
        ['7114', 2, 'shortage', true],
        ['8332', 3, 'watch', false],
        ['4119', 4, 'surplus', false],
      ]);
      // Undersköterskor are in shortage in both FA regions, betongarbetare in one of two.
      expect(band4[0]?.components.breadth.value).toBe(1);
      expect(band4[1]?.components.breadth.value).toBe(0.5);
      // No needs register: the component is left out.
      expect(band4[0]?.components.employerNeeds.value).toBeNull();
      expect(draft.apart.map((r) => r.ssyk)).toEqual(['5120']);
      expect(draft.rows.find((r) => r.ssyk === '3333')).toMatchObject({
        seqfBand: '5-6',
        tier: 'insufficient',
      });
      expect(draft.rows.filter((r) => r.seqfBand === '6-8').map((r) => r.ssyk)).toEqual(['2221', '2341']);
    });

    it('takes employer needs into the score when given (the needs register seam)', async () => {
      const draft = await draftPriorities(database.db, {
        geo: 'county:21',
        employerNeeds: new Map([['7114', 5]]),
      });
      const concrete = draft.rows.find((r) => r.ssyk === '7114');
      expect(concrete?.components.employerNeeds.value).toBe(1);
      expect(draft.weights.employerNeeds).toBeGreaterThan(0);
    });

    it('answers the public API with the same rows, and refuses a non-region geography', async () => {
      const res = await app.inject({ url: '/api/priorities/draft?geo=county:21&round=R1' });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      const direct = await draftPriorities(database.db, { geo: 'county:21', round: 'R1' });
      expect(body.rows).toEqual(direct.rows);
      expect((await app.inject({ url: '/api/priorities/draft?geo=fa:36' })).statusCode).toBe(400);
      expect((await app.inject({ url: '/api/priorities/draft?geo=county:21&round=X' })).statusCode).toBe(404);
    });
  });

  describe('workflow', () => {
    const year = new Date().getUTCFullYear();
    let id: string;
    let version: number;

    it('imports a list published before Semafor as the previous year (for the diff)', async () => {
      const published = await publishImported(
        database.db,
        {
          regionId: 'county:21',
          year: year - 1,
          rows: [
            {
              ssyk: '5321',
              name: 'Undersköterskor, hemtjänst, hemsjukvård och äldreboende',
              seqfBand: '5-6',
              field: 'Hälso- och sjukvård',
              strategic: false,
            },
            {
              ssyk: '4119',
              name: 'Övrig kontorspersonal',
              seqfBand: '4',
              field: 'Administration, ekonomi, juridik',
              strategic: false,
            },
          ],
        },
        { actorId: null },
        new Date(),
      );
      expect(published).toMatchObject({ year: year - 1, version: 1, origin: 'import', count: 2 });
      // The public index (sitemap) lists it, and the sitemap links the public page.
      expect(await publishedListIndex(database.db)).toEqual([
        { region: 'county:21', year: year - 1, publishedAt: expect.any(Date) },
      ]);
      const sitemap = await app.inject({ url: '/sitemap.xml' });
      expect(sitemap.body).toContain(`/prioriteringar/county:21/${year - 1}</loc>`);
    });

    it('opens a round from the draft (strategist only; another region sees nothing)', async () => {
      expect(
        (await call('gavle', 'POST', '/api/prioritisations', { region: 'county:21', year })).status,
      ).toBe(403);
      expect(
        (await call('strateg01', 'POST', '/api/prioritisations', { region: 'county:21', year })).status,
      ).toBe(404);
      const res = await call('strateg21', 'POST', '/api/prioritisations', { region: 'county:21', year });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        state: 'draft',
        signalRound: 'R1',
        version: 1,
        method: { version: 'p1' },
      });
      id = res.body.id;
      version = res.body.version;
      expect(
        (await call('strateg21', 'POST', '/api/prioritisations', { region: 'county:21', year })).status,
      ).toBe(409);
      const list = await call('lasare21', 'GET', '/api/prioritisations?region=county:21');
      expect(list.body.rounds.map((r: { id: string }) => r.id)).toEqual([id]);
      expect((await call('strateg01', 'GET', `/api/prioritisations/${id}`)).status).toBe(404);
      expect((await call('strateg01', 'GET', '/api/prioritisations?region=county:21')).status).toBe(404);
    });

    it('takes votes only during consultation, from municipalities for themselves', async () => {
      const vote = { votes: [{ ssyk: '5321', vote: 'agree' }] };
      expect((await call('gavle', 'PUT', `/api/prioritisations/${id}/votes`, vote)).status).toBe(409);
      const open = await call('strateg21', 'POST', `/api/prioritisations/${id}/state`, {
        version,
        state: 'consultation',
      });
      expect(open.status).toBe(200);
      version = open.body.version;
      expect(
        (
          await call('gavle', 'PUT', `/api/prioritisations/${id}/votes`, {
            ...vote,
            municipality: 'municipality:2184',
          })
        ).status,
      ).toBe(403);
      expect((await call('strateg21', 'PUT', `/api/prioritisations/${id}/votes`, vote)).status).toBe(403);
      const gavle = await call('gavle', 'PUT', `/api/prioritisations/${id}/votes`, {
        votes: [
          { ssyk: '5321', vote: 'agree' },
          { ssyk: '7114', vote: 'disagree', comment: 'Inga betongjobb här' },
          { ssyk: '2221', vote: 'agree' },
        ],
      });
      expect(gavle.body).toEqual({ municipalityId: 'municipality:2180', saved: 3 });
      await call('hudiksvall', 'PUT', `/api/prioritisations/${id}/votes`, {
        votes: [
          { ssyk: '5321', vote: 'agree' },
          { ssyk: '7114', vote: 'disagree' },
          { ssyk: '8332', vote: 'not_relevant' },
        ],
      });
      const proposal = await call('hudiksvall', 'POST', `/api/prioritisations/${id}/proposals`, {
        ssyk: '8332',
        reason: 'Åkerierna söker förare',
      });
      expect(proposal.status).toBe(201);
      const detail = await call('gavle', 'GET', `/api/prioritisations/${id}`);
      const concrete = detail.body.candidates.find((c: { ssyk: string }) => c.ssyk === '7114');
      expect(concrete.tally).toEqual({ agree: 0, disagree: 2, notRelevant: 0, majority: 'exclude' });
      expect(concrete.departures).toEqual(['majority']);
      expect(detail.body.proposals).toMatchObject([{ municipalityId: 'municipality:2184', ssyk: '8332' }]);
      expect(
        detail.body.progress.map((p: { municipalityId: string; rated: number }) => [
          p.municipalityId,
          p.rated,
        ]),
      ).toEqual([
        ['municipality:2180', 3],
        ['municipality:2184', 3],
        ['municipality:2181', 0],
      ]);
    });

    it('requires a rationale where the decision departs from the draft or the majority; a municipality cannot decide', async () => {
      const keepConcrete = { version, decisions: [{ ssyk: '7114', include: true, strategic: true }] };
      expect((await call('gavle', 'PUT', `/api/prioritisations/${id}/decisions`, keepConcrete)).status).toBe(
        403,
      );
      const missing = await call('strateg21', 'PUT', `/api/prioritisations/${id}/decisions`, keepConcrete);
      expect(missing.status).toBe(400);
      expect(missing.body.error.details.missing).toEqual([{ ssyk: '7114', departures: ['majority'] }]);
      const decided = await call('strateg21', 'PUT', `/api/prioritisations/${id}/decisions`, {
        version,
        decisions: [
          {
            ssyk: '7114',
            include: true,
            strategic: true,
            rationale: 'Regionens byggsatsning kräver betongarbetare',
          },
          { ssyk: '8332', include: true, rationale: 'Förslag från Hudiksvall; brist i FA Hudiksvall' },
          { ssyk: '5321', include: true },
        ],
      });
      expect(decided.status).toBe(200);
      version = decided.body.version;
      const stale = await call('strateg21', 'PUT', `/api/prioritisations/${id}/decisions`, {
        version: version - 1,
        decisions: [{ ssyk: '5321', include: true }],
      });
      expect(stale.status).toBe(409);
      expect(stale.body.error.details.currentVersion).toBe(version);
      const done = await call('strateg21', 'POST', `/api/prioritisations/${id}/state`, {
        version,
        state: 'decided',
      });
      version = done.body.version;
      expect(done.body.state).toBe('decided');
    });

    it('publishes an immutable version, corrections make new versions, the public list shows the diff', async () => {
      const first = await call('strateg21', 'POST', `/api/prioritisations/${id}/publish`, { version });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        year,
        version: 1,
        title: `Prioriterade bristyrken i Gävleborgs län ${year}`,
      });
      version += 1;
      const pub = await call(null, 'GET', `/api/public/priorities/county:21/${year}`);
      expect(pub.status).toBe(200);
      expect(
        pub.body.rows.map((r: { ssyk: string; seqfBand: string; strategic: boolean }) => [
          r.ssyk,
          r.seqfBand,
          r.strategic,
        ]),
      ).toEqual([
        ['7114', '4', true],
        ['5321', '4', false],
        ['8332', '4', false],
        ['2221', '6-8', false],
        ['2341', '6-8', false],
      ]);
      expect(pub.body.previous.year).toBe(year - 1);
      expect(
        pub.body.previous.diff.moved.map((e: { ssyk: string; fromBand: string }) => [e.ssyk, e.fromBand]),
      ).toEqual([['5321', '5-6']]);
      expect(pub.body.previous.diff.removed.map((e: { ssyk: string }) => e.ssyk)).toEqual(['4119']);
      expect(pub.body.previous.diff.added).toHaveLength(4);

      expect(
        (await call('strateg21', 'POST', `/api/prioritisations/${id}/publish`, { version })).status,
      ).toBe(400);
      const fix = await call('strateg21', 'POST', `/api/prioritisations/${id}/publish`, {
        version,
        changeNote: 'Rättat yrkesområde',
      });
      expect(fix.body).toMatchObject({ version: 2, changeNote: 'Rättat yrkesområde' });
      const csv = await app.inject({ url: `/api/public/priorities/county:21/${year}/export.csv?version=1` });
      expect(csv.headers['content-type']).toContain('text/csv');
      const lines = csv.body.split('\r\n');
      expect(lines[0]).toBe('\uFEFFyear;version;seqf_band;field;occupation;ssyk;strategic');
      expect(lines[1]).toBe(`${year};1;4;Bygg och anläggning;Betongarbetare;7114;ja`);
      const xlsx = await app.inject({ url: `/api/public/priorities/county:21/${year}/export.xlsx` });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('Lista');
      expect(sheet?.getRow(2).getCell(3).value).toBe('Betongarbetare');
      expect(workbook.getWorksheet('Om')?.getRow(1).getCell(2).value).toBe(
        `Prioriterade bristyrken i Gävleborgs län ${year}`,
      );
      const v1 = await call(null, 'GET', `/api/public/priorities/county:21/${year}?version=1`);
      expect(v1.body.version).toBe(1);
      expect(v1.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
      expect((await publishedPriorities(database.db, { region: 'county:21' }))?.version).toBe(2);
      // The database refuses to change a published version, even for the app's owner role.
      await expect(
        database.db.execute(
          sql`UPDATE prioritisation_versions SET title = 'x' WHERE region_id = 'county:21'`,
        ),
      ).rejects.toThrow();
      await expect(
        database.db.execute(sql`DELETE FROM prioritisation_versions WHERE region_id = 'county:21'`),
      ).rejects.toThrow();
    });

    it("keeps the region's rows behind row-level security and audits every write", async () => {
      const seen = (region: string) =>
        withRegion(database.db, region, (tx) => tx.select().from(prioritisationVotes));
      expect(await seen('county:01')).toEqual([]);
      expect((await seen('county:21')).length).toBe(6);
      const audit = await database.db.execute(
        sql`SELECT action, count(*)::int AS n FROM audit_events WHERE entity_type LIKE 'prioritisation%' GROUP BY action ORDER BY action`,
      );
      expect((audit as { rows: unknown[] }).rows).toEqual([
        { action: 'create', n: 1 },
        { action: 'decide', n: 1 },
        { action: 'import', n: 1 },
        { action: 'propose', n: 1 },
        { action: 'publish', n: 2 },
        { action: 'state', n: 2 },
        { action: 'vote', n: 2 },
      ]);
    });

    it('imports a past list: titles matched through the taxonomy, ambiguous and unknown ones held for review', async () => {
      await database.db.insert(occupationNames).values([
        { conceptId: 'c1', name: 'Skötare', ssykCode: '5321' },
        { conceptId: 'c2', name: 'Skötare', ssykCode: '2221' },
        { conceptId: 'c3', name: 'Sjuksköterska', ssykCode: '2221' },
      ]);
      const text =
        '\uFEFFyear;seqf_band;field;occupation;ssyk\n' +
        `${year - 2};4;Bygg och anläggning;Betongarbetare;\n` +
        `${year - 2};6-8;Hälso- och sjukvård;Sjuksköterska;\n` +
        `${year - 2};4;Hälso- och sjukvård;Skötare;\n` +
        `${year - 2};4;Transport;Lastbilsförare;8332\n`;
      const input = { file: 'lista.csv', text, region: 'county:21', year: year - 2 };
      const first = await importPastList(database.db, input, { actorId: null }, new Date());
      expect(first.status).toBe('review');
      if (first.status !== 'review') return;
      expect(first.review).toMatchObject([{ line: 4, occupation: 'Skötare', status: 'ambiguous' }]);
      expect(first.review[0]?.candidates.map((c) => c.ssyk).sort()).toEqual(['2221', '5321']);
      expect(await publishedPriorities(database.db, { region: 'county:21', year: year - 2 })).toBeNull();
      const second = await importPastList(
        database.db,
        { ...input, resolutions: { Skötare: '5321' } },
        { actorId: null },
        new Date(),
      );
      expect(second).toMatchObject({ status: 'published', matched: 2, given: 1, resolved: 1 });
      const list = await publishedPriorities(database.db, { region: 'county:21', year: year - 2 });
      expect(list?.rows.map((r) => [r.name, r.ssyk])).toEqual([
        ['Betongarbetare', '7114'],
        ['Skötare', '5321'],
        ['Lastbilsförare', '8332'],
        ['Sjuksköterska', '2221'],
      ]);
      await expect(
        importPastList(database.db, { ...input, year: year - 3 }, { actorId: null }, new Date()),
      ).rejects.toThrow(/rad 2: året/);
    });

    it('prints the published list to PDF on the server (read back)', async () => {
      const res = await app.inject({ url: `/api/public/priorities/county:21/${year}/export.pdf?version=2` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain(`county-21-${year}-v2.pdf`);
      const pdf = await getDocumentProxy(new Uint8Array(res.rawPayload));
      const { text } = await extractText(pdf, { mergePages: true });
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain(`Prioriterade bristyrken i Gävleborgs län ${year}`);
      expect(flat).toContain('SeQF 4');
      expect(flat).toContain('Betongarbetare (SSYK 7114) – strategiskt');
      expect(flat).toContain('Version 2 (Rättat yrkesområde)');
      expect(flat.indexOf('SeQF 4')).toBeLessThan(flat.indexOf('SeQF 6–8'));
    }, 60_000);

    it('shows sector pages per field: categories, retirements, narrative saved by strategists with 409 on stale', async () => {
      const index = await call(null, 'GET', '/api/public/priorities/county:21/sectors');
      expect(index.status).toBe(200);
      expect(index.body.fields.find((f: { id: string }) => f.id === 'halsa')).toMatchObject({
        placed: 2,
        shortage: 2,
        hasNarrative: false,
      });
      const bygg = await call(null, 'GET', '/api/public/priorities/county:21/sectors/bygg');
      expect(bygg.status).toBe(200);
      const byKey = Object.fromEntries(
        bygg.body.categories.map((c: { key: string; occupations: Array<{ ssyk: string }> }) => [
          c.key,
          c.occupations.map((o) => o.ssyk),
        ]),
      );
      // Betongarbetare: shortage with score 2.3 and strategic on the published list.
      expect(byKey).toEqual({
        very_easy: [],
        strategic_very_easy: [],
        easy: [],
        strategic_easy: ['7114'],
        balance: [],
      });
      expect(bygg.body.strategicFrom.list).toEqual({ year, version: 2 });
      expect(bygg.body.retirements5).toEqual({ value: 22, suppressed: false, occupations: 1 });
      const halsa = await call(null, 'GET', '/api/public/priorities/county:21/sectors/halsa');
      expect(halsa.body.categories[0]).toMatchObject({
        key: 'very_easy',
        label: { sv: 'Mycket lätt att få jobb' },
      });
      expect(halsa.body.categories[0].occupations.map((o: { ssyk: string }) => o.ssyk)).toEqual([
        '2221',
        '5321',
      ]);
      expect(halsa.body.retirements5.value).toBe(820);
      expect((await call(null, 'GET', '/api/public/priorities/county:21/sectors/finns-inte')).status).toBe(
        404,
      );

      const text = {
        region: 'county:21',
        field: 'bygg',
        version: 0,
        textSv: 'Byggsatsningen i Gävle.',
        textEn: '',
      };
      expect((await call(null, 'PUT', '/api/prioritisations/sectors', text)).status).toBe(401);
      expect((await call('gavle', 'PUT', '/api/prioritisations/sectors', text)).status).toBe(403);
      expect((await call('lasare21', 'PUT', '/api/prioritisations/sectors', text)).status).toBe(403);
      expect((await call('strateg01', 'PUT', '/api/prioritisations/sectors', text)).status).toBe(404);
      const saved = await call('strateg21', 'PUT', '/api/prioritisations/sectors', text);
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ sv: 'Byggsatsningen i Gävle.', version: 1 });
      const stale = await call('strateg21', 'PUT', '/api/prioritisations/sectors', {
        ...text,
        textSv: 'Annat',
      });
      expect(stale.status).toBe(409);
      expect(stale.body.error.details.currentVersion).toBe(1);
      const again = await call('strateg21', 'PUT', '/api/prioritisations/sectors', {
        ...text,
        version: 1,
        textSv: 'Nytt',
      });
      expect(again.body.version).toBe(2);
      expect(
        (await call(null, 'GET', '/api/public/priorities/county:21/sectors/bygg')).body.narrative,
      ).toMatchObject({
        sv: 'Nytt',
        version: 2,
      });
      const audit = await database.db.execute(
        sql`SELECT action FROM audit_events WHERE entity_type = 'prioritisation_sector_text' ORDER BY at, action`,
      );
      expect((audit as { rows: Array<{ action: string }> }).rows.map((r) => r.action)).toEqual([
        'create',
        'update',
      ]);
    });

    it('imports a past list from XLSX with the same matching and review; errors name file, row and column', async () => {
      const workbook = async (rows: unknown[][]) => {
        const book = new ExcelJS.Workbook();
        const sheet = book.addWorksheet('Lista 2020');
        sheet.addRow(['year', 'seqf_band', 'field', 'occupation', 'ssyk']);
        for (const r of rows) sheet.addRow(r);
        return new Uint8Array(await book.xlsx.writeBuffer());
      };
      const xlsx = await workbook([
        [year - 4, '4', 'Bygg och anläggning', 'Betongarbetare', null],
        [year - 4, '4', 'Hälso- och sjukvård', 'Skötare', ''],
        [],
        [year - 4, 'SeQF 6–8', 'Pedagogik', 'Grundskollärare', 2341],
      ]);
      const input = { file: 'lista-2020.xlsx', xlsx, region: 'county:21', year: year - 4 };
      const first = await importPastList(database.db, input, { actorId: null }, new Date());
      expect(first).toMatchObject({
        status: 'review',
        review: [{ line: 3, occupation: 'Skötare', status: 'ambiguous' }],
      });
      const second = await importPastList(
        database.db,
        { ...input, resolutions: { Skötare: '5321' } },
        { actorId: null },
        new Date(),
      );
      expect(second).toMatchObject({ status: 'published', matched: 1, given: 1, resolved: 1 });
      const list = await publishedPriorities(database.db, { region: 'county:21', year: year - 4 });
      expect(list?.rows.map((r) => [r.seqfBand, r.name, r.ssyk])).toEqual([
        ['4', 'Betongarbetare', '7114'],
        ['4', 'Skötare', '5321'],
        ['6-8', 'Grundskollärare', '2341'],
      ]);
      // Excel turned "5-6" into a date: refused, naming the cell.
      const dated = await workbook([
        [year - 5, new Date(Date.UTC(2024, 4, 6)), 'Bygg', 'Betongarbetare', ''],
      ]);
      await expect(
        importPastList(database.db, { ...input, xlsx: dated, year: year - 5 }, { actorId: null }, new Date()),
      ).rejects.toThrow('lista-2020.xlsx, rad 2, kolumn "seqf_band": cellen har lästs som ett datum');
      const badCode = await workbook([[year - 5, '4', 'Bygg', 'Betongarbetare', 'abc']]);
      await expect(
        importPastList(
          database.db,
          { ...input, xlsx: badCode, year: year - 5 },
          { actorId: null },
          new Date(),
        ),
      ).rejects.toThrow('lista-2020.xlsx, rad 2, kolumn "ssyk"');
      await expect(
        importPastList(
          database.db,
          { ...input, xlsx: new TextEncoder().encode('year;seqf_band'), year: year - 5 },
          { actorId: null },
          new Date(),
        ),
      ).rejects.toThrow('lista-2020.xlsx: filen kan inte läsas som en Excel-arbetsbok');
    });
  });

  describe('settings', () => {
    const put = (who: string, version: number, strategic: Record<string, number>) =>
      call(who, 'PUT', '/api/prioritisations/settings', {
        region: 'county:21',
        version,
        weights: {},
        listSize: null,
        strategic,
      });
    const strategicOf = async () => {
      const draft = await draftPriorities(database.db, { geo: 'county:21' });
      return Object.fromEntries(draft.rows.map((r) => [r.ssyk, r.components.strategic.value]));
    };

    it("applies strategic weights by occupation or field: the occupation's own wins, even when 0", async () => {
      const before = await call('strateg21', 'GET', '/api/prioritisations/settings?region=county:21');
      expect(before.status).toBe(200);
      expect(before.body.strategic).toEqual({});
      const weights = { halsa: 0.8, '2221': 0, '7114': 1 };
      const saved = await put('strateg21', before.body.version, weights);
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect(saved.body.strategic).toEqual(weights);
      // 5321 takes its field's weight (hälsa), 2221 is in the same field but its own 0 wins, 7114 has its own,
      // 8332's field has none.
      expect(await strategicOf()).toMatchObject({ '5321': 0.8, '2221': 0, '7114': 1, '8332': 0 });
      // The public draft reads the same saved settings and says which weights it applied.
      const publicDraft = await call(null, 'GET', '/api/priorities/draft?geo=county:21');
      expect(publicDraft.body.strategic).toEqual(weights);
      expect(
        publicDraft.body.rows.find((r: { ssyk: string }) => r.ssyk === '5321').components.strategic.value,
      ).toBe(0.8);
      // A round opened now keeps the weights its draft applied (the workshop names the source from them).
      const opened = await call('strateg21', 'POST', '/api/prioritisations', {
        region: 'county:21',
        year: new Date().getUTCFullYear() + 1,
      });
      expect(opened.status, JSON.stringify(opened.body)).toBe(201);
      const detail = await call('strateg21', 'GET', `/api/prioritisations/${opened.body.id}`);
      expect(detail.body.draft.strategic).toEqual(weights);
      expect(detail.body.candidates.find((c: { ssyk: string }) => c.ssyk === '5321')).toMatchObject({
        fieldId: 'halsa',
        components: { strategic: { value: 0.8 } },
      });
    });

    it('refuses a key that is neither an SSYK-4 occupation nor a field, naming it, and keeps the settings', async () => {
      const current = (await call('strateg21', 'GET', '/api/prioritisations/settings?region=county:21')).body;
      for (const key of ['9998', '711', 'Bygg och anläggning', 'okant-omrade']) {
        const res = await put('strateg21', current.version, { bygg: 0.5, [key]: 0.3 });
        expect(res.status, key).toBe(400);
        expect(res.body.error.code).toBe('validation_failed');
        expect(res.body.error.message).toContain(`"${key}"`);
        expect(res.body.error.details).toEqual({ strategic: key });
      }
      const outOfRange = await put('strateg21', current.version, { bygg: 1.5 });
      expect(outOfRange.status).toBe(400);
      const after = (await call('strateg21', 'GET', '/api/prioritisations/settings?region=county:21')).body;
      expect(after).toEqual(current);
    });

    it("lets only the region's strategists save, and the defaults come back", async () => {
      const current = (await call('strateg21', 'GET', '/api/prioritisations/settings?region=county:21')).body;
      expect((await put('lasare21', current.version, {})).status).toBe(403);
      expect((await put('strateg01', current.version, {})).status).toBe(404);
      const cleared = await put('strateg21', current.version, {});
      expect(cleared.status).toBe(200);
      expect(Object.values(await strategicOf()).every((v) => v === 0)).toBe(true);
    });
  });
});
