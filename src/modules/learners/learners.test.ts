import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import { addMonths } from '../../core/learners/follow-up.js';
import type { Database } from '../../db/client.js';
import { auditEvents, learners, outbox, prioritisationVersions } from '../../db/schema/index.js';
import { testEngines } from '../../db/testing.js';
import { type App, buildApp } from '../../server/app.js';
import { injectAs, type SeededAccount } from '../../testing/seed-accounts.js';
import { centreStaff, seedCentreStaff } from '../../testing/seed-centre-staff.js';
import { loadAuthSettings } from '../auth/auth-settings.js';
import { runFollowUp } from './follow-up.service.js';

const DAY = 24 * 60 * 60 * 1000;
const today = () => new Date().toISOString().slice(0, 10);
const YEAR = new Date().getUTCFullYear();

const PEOPLE = {
  gavle: centreStaff('gavle'),
  sandviken: centreStaff('sandviken'),
  admin21: ['county:21', 'admin'],
  admin01: ['county:01', 'admin'],
} as const;

const learner = (over: Record<string, unknown> = {}) => ({
  name: 'Lina Lärande',
  email: 'lina@example.se',
  studyForm: 'yh',
  programme: 'Undersköterska, YH',
  occupations: ['5321'],
  provider: 'Hermods',
  startDate: `${YEAR}-01-10`,
  homeMunicipality: '2180',
  gender: 'woman',
  ageBand: '25-34',
  consent: true,
  ...over,
});

describe.each(testEngines())('learners, follow-up, KPIs and grant report on $name', (engine) => {
  let database: Database;
  let app: App;
  let accounts: Record<keyof typeof PEOPLE, SeededAccount>;
  const mail = loadAuthSettings({});

  beforeAll(async () => {
    database = await engine.open();
    accounts = await seedCentreStaff(database.db, { accounts: PEOPLE });
    // The region's published list of prioritised occupations (hand-made: undersköterskor are prioritised).
    await database.db.insert(prioritisationVersions).values({
      regionId: 'county:21',
      year: YEAR,
      version: 1,
      origin: 'import',
      title: 'Prioriterade yrken',
      rows: [{ ssyk: '5321', name: 'Undersköterskor', seqfBand: '5-6', field: null, strategic: false }],
      publishedAt: new Date(),
    });
    app = await buildApp({
      database,
      config: { dataDir: undefined, projectRoot },
      logger: false,
      auth: mail,
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const as = injectAs(
    () => app,
    () => accounts,
  );

  const ids: Record<string, string> = {};

  it('records a learner only with consent, for the own centre, audited without name or e-mail', async () => {
    const refused = await as(
      'gavle',
      'POST',
      '/api/learning-centres/gavle/learners',
      learner({ consent: false }),
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('consent_required');
    expect(
      (await as('sandviken', 'POST', '/api/learning-centres/gavle/learners', learner())).statusCode,
    ).toBe(404);
    const bad = await as(
      'gavle',
      'POST',
      '/api/learning-centres/gavle/learners',
      learner({ studyForm: 'kurs' }),
    );
    expect(bad.statusCode).toBe(400);

    const res = await as('gavle', 'POST', '/api/learning-centres/gavle/learners', learner());
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ completion: 'ongoing', occupations: ['5321'], version: 1 });
    expect(body.consent.version).toBe('learner-2026-1');
    expect(body.consent.text).toContain('ta tillbaka samtycket');
    ids.lina = body.id;
    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, body.id));
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0])).not.toContain('lina@example.se');
    expect(JSON.stringify(events[0])).not.toContain('Lina Lärande');
  });

  it('staff and the region admin see the learners; other centres and regions see nothing', async () => {
    const own = await as('gavle', 'GET', '/api/learning-centres/gavle/learners');
    expect(own.json().learners.map((l: { id: string }) => l.id)).toEqual([ids.lina]);
    expect((await as('admin21', 'GET', '/api/learning-centres/gavle/learners')).statusCode).toBe(200);
    expect((await as('admin01', 'GET', '/api/learning-centres/gavle/learners')).statusCode).toBe(404);
    expect((await as('sandviken', 'GET', '/api/learning-centres/gavle/learners')).statusCode).toBe(404);
    expect((await as('sandviken', 'PATCH', `/api/learners/${ids.lina}`, { version: 1 })).statusCode).toBe(
      404,
    );
    const exported = await as('gavle', 'GET', `/api/learners/${ids.lina}/export`);
    expect(exported.statusCode).toBe(200);
    expect(exported.json().learner).toMatchObject({ name: 'Lina Lärande', email: 'lina@example.se' });
  });

  it('completion is changed with the version; a stale version is 409', async () => {
    const ok = await as('gavle', 'PATCH', `/api/learners/${ids.lina}`, {
      version: 1,
      completion: 'completed',
      completionDate: today(),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ completion: 'completed', completionDate: today(), version: 2 });
    const stale = await as('gavle', 'PATCH', `/api/learners/${ids.lina}`, {
      version: 1,
      completion: 'ongoing',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.currentVersion).toBe(2);
    const future = await as('gavle', 'PATCH', `/api/learners/${ids.lina}`, {
      version: 2,
      completionDate: `${YEAR + 1}-12-31`,
    });
    expect(future.statusCode).toBe(400);
  });

  it('KPIs: exact for the centre, suppressed below 3 for the region; the priority share uses the published list', async () => {
    for (const over of [
      { name: 'A', gender: 'man', occupations: ['2221'] },
      { name: 'B', gender: 'man', ageBand: '45-54' },
      { name: 'C', email: null },
    ]) {
      expect(
        (await as('gavle', 'POST', '/api/learning-centres/gavle/learners', learner(over))).statusCode,
      ).toBe(201);
    }
    await as('gavle', 'PUT', '/api/learning-centres/gavle/visits', {
      source: 'imported',
      rows: [{ month: `${YEAR}-01`, visits: 120 }],
    });
    const own = (await as('gavle', 'GET', `/api/learning-centres/gavle/learner-kpis?year=${YEAR}`)).json();
    const total = own.rows.find((r: { dimension: string }) => r.dimension === 'total');
    expect(total.measures).toMatchObject({
      learners: 4,
      newLearners: 4,
      completions: 1,
      priorityLearners: 3,
      visits: 120,
    });
    expect(total.shares.priority).toBe(0.75);
    expect(own.suppressed).toBe(false);
    expect(own.priorityList).toEqual({ year: YEAR, version: 1 });

    const region = (
      await as('admin21', 'GET', `/api/learning-centres/gavle/learner-kpis?year=${YEAR}`)
    ).json();
    const rTotal = region.rows.find((r: { dimension: string }) => r.dimension === 'total');
    expect(region.suppressed).toBe(true);
    expect(rTotal.measures.learners).toBe(4);
    expect(rTotal.measures.completions).toBeNull();
    const men = region.rows.find((r: { value: string }) => r.value === 'man');
    expect(men.measures.learners).toBeNull();
    const all = (await as('admin21', 'GET', `/api/learner-kpis?region=county:21&year=${YEAR}`)).json();
    expect(all.centres.map((c: { centre: { id: string } }) => c.centre.id).sort()).toEqual([
      'gavle',
      'sandviken',
    ]);
    expect(all.centres.every((c: { suppressed: boolean }) => c.suppressed)).toBe(true);
  });

  it('visit counts uploaded as a file: a preview, then the write; a bad row names file, row and column', async () => {
    const content = (text: string) => Buffer.from(text).toString('base64');
    const url = '/api/learning-centres/gavle/visits/import';
    const good = {
      file: 'besok.csv',
      content: content(`månad;besök\n${YEAR - 1}-11;30\n${YEAR - 1}-12;45\n`),
    };
    const preview = await as('gavle', 'POST', url, { ...good, dryRun: true });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ accepted: true, written: false, counts: { rows: 2, visits: 75 } });
    const bad = await as('gavle', 'POST', url, {
      file: 'fel.csv',
      content: content('månad;besök\nnovember;30\n'),
    });
    expect(bad.json()).toMatchObject({
      accepted: false,
      written: false,
      problems: [{ file: 'fel.csv', row: 2, column: 'månad' }],
    });
    expect((await as('sandviken', 'POST', url, good)).statusCode).toBe(404);
    expect(
      (await as('gavle', 'GET', `/api/learning-centres/gavle/visits?year=${YEAR - 1}`)).json().visits,
    ).toEqual([]);
    expect((await as('gavle', 'POST', url, good)).json()).toMatchObject({ written: true });
    const stored = (await as('gavle', 'GET', `/api/learning-centres/gavle/visits?year=${YEAR - 1}`)).json();
    expect(stored.visits.map((v: { month: string; visits: number }) => [v.month, v.visits])).toEqual([
      [`${YEAR - 1}-11`, 30],
      [`${YEAR - 1}-12`, 45],
    ]);
  });

  it('follow-up: one single-use link by e-mail 6 months after completion; it expires', async () => {
    const completedOn = addMonths(today(), -7);
    await database.db
      .update(learners)
      .set({ completionDate: completedOn, startDate: addMonths(completedOn, -6) })
      .where(eq(learners.id, ids.lina as string));
    const run = await runFollowUp(database.db, mail, { baseUrl: 'https://semafor.test' }, new Date());
    expect(run.surveysSent).toBe(1);
    expect(
      (await runFollowUp(database.db, mail, { baseUrl: 'https://semafor.test' }, new Date())).surveysSent,
    ).toBe(0);
    const [message] = await database.db.select().from(outbox).where(eq(outbox.to, 'lina@example.se'));
    const token = /\/uppfoljning\/([\w-]+)/.exec(message?.body ?? '')?.[1] as string;
    expect(token).toBeTruthy();
    const view = await as(null, 'GET', `/api/learner-surveys/${token}`);
    expect(view.json()).toMatchObject({
      status: 'open',
      centre: 'Gävle Lärcentrum',
      programme: 'Undersköterska, YH',
    });
    const answer = { employed: true, workMunicipality: '2180', inOccupation: true };
    expect((await as(null, 'POST', `/api/learner-surveys/${token}`, answer)).statusCode).toBe(200);
    const again = await as(null, 'POST', `/api/learner-surveys/${token}`, answer);
    expect(again.statusCode).toBe(409);
    expect((await as(null, 'GET', `/api/learner-surveys/${token}`)).json().status).toBe('answered');
    expect((await as(null, 'GET', `/api/learner-surveys/${'x'.repeat(32)}`)).statusCode).toBe(404);

    // Another learner, completed 8 months ago: the link is sent, then used after its 30 days.
    const late = await as(
      'gavle',
      'POST',
      '/api/learning-centres/gavle/learners',
      learner({
        name: 'D',
        email: 'd@example.se',
        startDate: addMonths(today(), -20),
        completion: 'completed',
        completionDate: addMonths(today(), -8),
      }),
    );
    expect(late.statusCode, late.body).toBe(201);
    await runFollowUp(
      database.db,
      mail,
      { baseUrl: 'https://semafor.test' },
      new Date(Date.now() - 31 * DAY),
    );
    const [lateMail] = await database.db.select().from(outbox).where(eq(outbox.to, 'd@example.se'));
    const lateToken = /\/uppfoljning\/([\w-]+)/.exec(lateMail?.body ?? '')?.[1] as string;
    const expired = await as(null, 'POST', `/api/learner-surveys/${lateToken}`, { employed: false });
    expect(expired.statusCode).toBe(409);
    expect(expired.json().error.details.status).toBe('expired');

    const kpis = (
      await as('gavle', 'GET', `/api/learning-centres/gavle/learner-kpis?year=${completedOn.slice(0, 4)}`)
    ).json();
    const total = kpis.rows.find((r: { dimension: string }) => r.dimension === 'total');
    expect(total.measures).toMatchObject({
      respondents: 1,
      employedAfter: 1,
      stayedHome: 1,
      inOccupation: 1,
    });
  });

  it('24 months after completion name and e-mail are removed; withdrawn consent deletes the learner', async () => {
    await database.db
      .update(learners)
      .set({ completionDate: addMonths(today(), -25) })
      .where(eq(learners.id, ids.lina as string));
    const run = await runFollowUp(database.db, mail, { baseUrl: 'https://semafor.test' }, new Date());
    expect(run.anonymised).toBe(1);
    const [row] = await database.db
      .select()
      .from(learners)
      .where(eq(learners.id, ids.lina as string));
    expect(row).toMatchObject({ name: null, email: null, gender: 'woman', completion: 'completed' });
    expect(await database.db.select().from(outbox).where(eq(outbox.to, 'lina@example.se'))).toHaveLength(0);

    const withdraw = await as('gavle', 'DELETE', `/api/learners/${ids.lina}/consent`);
    expect(withdraw.statusCode).toBe(204);
    expect(
      await database.db
        .select()
        .from(learners)
        .where(eq(learners.id, ids.lina as string)),
    ).toHaveLength(0);
    expect((await as('gavle', 'GET', `/api/learners/${ids.lina}/export`)).statusCode).toBe(404);
  });

  it('the grant report: XLSX and PDF with suppressed counts, activities and costs', async () => {
    expect(
      (
        await as('gavle', 'PUT', '/api/learning-centres/gavle/grant-costs', {
          year: YEAR,
          costs: [
            { category: 'staff', amountSek: 450000 },
            { category: 'premises', amountSek: 120000, note: 'Hyra' },
          ],
        })
      ).statusCode,
    ).toBe(200);
    await as('gavle', 'POST', '/api/learning-centres/gavle/activities', {
      date: today(),
      role: 'maklare',
      type: 'Företagsbesök',
      participants: 12,
    });
    const xlsx = await as(
      'gavle',
      'GET',
      `/api/learning-centres/gavle/grant-report?year=${YEAR}&format=xlsx`,
    );
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const figures = wb.getWorksheet('Nyckeltal');
    const values = (figures?.getSheetValues() ?? []).flat().map(String);
    expect(values).toContain('Gävle Lärcentrum');
    expect(values).toContain('färre än 3');
    const costs = wb.getWorksheet('Kostnader')?.getSheetValues().flat().map(String) ?? [];
    expect(costs).toContain('570000');
    const acts = wb.getWorksheet('Aktiviteter')?.getSheetValues().flat().map(String) ?? [];
    expect(acts).toContain('Mäklare');
    // The region's report has both centres; another region's admin gets 404.
    const region = await as('admin21', 'GET', `/api/grant-report?region=county:21&year=${YEAR}&format=json`);
    expect(region.json().centres).toHaveLength(2);
    expect(region.json().scope).toEqual({ kind: 'region', id: 'county:21', name: 'Gävleborgs län' });
    expect((await as('admin01', 'GET', `/api/grant-report?region=county:21&year=${YEAR}`)).statusCode).toBe(
      404,
    );
    if (engine.name === 'pglite') {
      // PDF printing does not depend on the database engine: printed once.
      const pdf = await as(
        'gavle',
        'GET',
        `/api/learning-centres/gavle/grant-report?year=${YEAR}&format=pdf`,
      );
      expect(pdf.statusCode).toBe(200);
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), {
        mergePages: true,
      });
      expect(text).toContain(`rapport för statsbidrag ${YEAR}`);
      expect(text).toContain('Gävle Lärcentrum');
      expect(text).toContain('570');
    }
  });
});
