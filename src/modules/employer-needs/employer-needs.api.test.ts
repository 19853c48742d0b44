import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import { swedishDate } from '../../core/calendar/swedish-date.js';
import type { Database } from '../../db/client.js';
import { withRegion } from '../../db/region-scope.js';
import { employers, geographies, geographyMembers, ssykGroups } from '../../db/schema/index.js';
import { testEngines } from '../../db/testing.js';
import { type App, buildApp } from '../../server/app.js';
import { SESSION_COOKIE } from '../../server/auth-plugin.js';
import { createRegionArea, updateRegionArea } from '../areas/areas.service.js';
import { openSession } from '../auth/auth.service.js';
import { loadAuthSettings } from '../auth/auth-settings.js';
import type { Role } from '../auth/roles.js';
import { createLocalOffer } from '../education/education.service.js';
import { createUser } from '../users/users.service.js';
import { employerNeedCounts, publicNeedCounts } from './need-counts.service.js';

const ORIGIN = 'http://localhost:80';

const geo = (id: string, type: string, name: string, parentId: string) => ({
  id,
  type,
  code: id.split(':')[1] ?? id,
  name,
  shortName: name,
  parentId,
});

/** Two regions, two municipalities in county:21 (one in the broker's area), one in county:01. */
async function seed(database: Database) {
  await database.db
    .insert(geographies)
    .values([
      geo('county:21', 'county', 'Gävleborgs län', 'country:SE'),
      geo('county:01', 'county', 'Stockholms län', 'country:SE'),
      geo('municipality:2180', 'municipality', 'Gävle kommun', 'county:21'),
      geo('municipality:2181', 'municipality', 'Sandvikens kommun', 'county:21'),
      geo('municipality:0180', 'municipality', 'Stockholms kommun', 'county:01'),
      geo('fa:36', 'fa', 'Gävle FA', 'country:SE'),
    ]);
  await database.db.insert(geographyMembers).values([
    { geographyId: 'county:21', municipalityCode: '2180' },
    { geographyId: 'county:21', municipalityCode: '2181' },
    { geographyId: 'fa:36', municipalityCode: '2180' },
    { geographyId: 'fa:36', municipalityCode: '2181' },
    { geographyId: 'county:01', municipalityCode: '0180' },
  ]);
  await database.db.insert(ssykGroups).values([
    { code: '7212', level: 4, parentCode: '721', labelSv: 'Svetsare och gasskärare' },
    {
      code: '5321',
      level: 4,
      parentCode: '532',
      labelSv: 'Undersköterskor, hemtjänst, hemsjukvård och äldreboende',
    },
    { code: '721', level: 3, parentCode: '72', labelSv: 'Gjutare, svetsare, plåtslagare m.fl.' },
  ]);
}

describe.each(testEngines())('employers, needs and cases on $name', (engine) => {
  let database: Database;
  let app: App;
  const cookies: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let areaId: string;

  beforeAll(async () => {
    database = await engine.open();
    await seed(database);
    const people: Array<[string, string, Role]> = [
      ['admin21', 'county:21', 'admin'],
      ['strateg21', 'county:21', 'strateg'],
      ['broker21', 'county:21', 'kompetensmaklare'],
      ['lasare21', 'county:21', 'lasare'],
      ['kommun2181', 'municipality:2181', 'kommun'],
      ['broker01', 'county:01', 'kompetensmaklare'],
      ['admin01', 'county:01', 'admin'],
    ];
    for (const [who, org, role] of people) {
      const user = await createUser(
        database.db,
        { email: `${who}@example.se`, organisationId: org, role, password: 'ett långt lösenord' },
        { actorId: null },
        new Date(),
      );
      cookies[who] = await openSession(database.db, user.id, {}, new Date());
      ids[who] = user.id;
    }
    const writer = { regions: new Set(['county:21']), audit: { actorId: null } };
    const area = await createRegionArea(
      database.db,
      { name: 'Gävle', municipalities: ['2180'], regionId: 'county:21' },
      writer,
      new Date(),
    );
    areaId = area.id;
    await updateRegionArea(
      database.db,
      area.id,
      { version: 1, brokers: [ids.broker21 as string] },
      writer,
      new Date(),
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

  let gavleEmployer: string;
  let sandvikenEmployer: string;
  let caseId: string;
  let contactId: string;

  it('registers employers: checksum, personal numbers refused and not stored, duplicates named', async () => {
    const bad = await as('broker21', 'POST', '/api/employers', {
      organisationNumber: '556016-0681',
      name: 'Fel AB',
      municipalityCode: '2180',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      code: 'validation_failed',
      details: { field: 'organisationNumber' },
    });

    const sole = await as('broker21', 'POST', '/api/employers', {
      organisationNumber: '121212-1212',
      name: 'Enskild firma',
      municipalityCode: '2180',
    });
    expect(sole.statusCode).toBe(400);
    expect(sole.json().error.message).toContain('personnummer');
    expect(JSON.stringify(sole.json())).not.toContain('121212');

    const ok = await as('broker21', 'POST', '/api/employers', {
      organisationNumber: '5560160680',
      name: 'Svets & Smide AB',
      municipalityCode: '2180',
      sni: '25.110',
      sizeClass: 'small',
      contacts: [{ name: 'Anna Andersson', role: 'VD', email: 'anna@example.se' }],
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ organisationNumber: '556016-0680', sni: '25110', contactCount: 1 });
    gavleEmployer = ok.json().id;

    const again = await as('admin21', 'POST', '/api/employers', {
      organisationNumber: '556016-0680',
      name: 'Samma',
      municipalityCode: '2180',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.id).toBe(gavleEmployer);

    // No personal number reached the table.
    const stored = await withRegion(database.db, 'county:21', (tx) => tx.select().from(employers));
    expect(stored.map((e) => e.organisationNumber)).toEqual(['556016-0680']);
  });

  it('lets a broker write only in their own areas; strateg everywhere in the region', async () => {
    const outside = await as('broker21', 'POST', '/api/employers', {
      organisationNumber: '212000-2627',
      name: 'Sandvikens kommun',
      municipalityCode: '2181',
    });
    expect(outside.statusCode).toBe(403);
    const strateg = await as('strateg21', 'POST', '/api/employers', {
      organisationNumber: '212000-2627',
      name: 'Sandvikens kommun',
      municipalityCode: '2181',
    });
    expect(strateg.statusCode).toBe(201);
    sandvikenEmployer = strateg.json().id;
    expect((await as('lasare21', 'POST', '/api/employers', {})).statusCode).toBe(403);
  });

  it('records a need with its case, area and working-day deadline', async () => {
    const res = await as('broker21', 'POST', '/api/employer-needs', {
      employerId: gavleEmployer,
      ssyk: ['7212'],
      count: 3,
      horizon: '1y',
      difficulty: 'no_applicants',
      channel: 'company_visit',
      note: 'Två svetsare och en plåtslagare',
      date: '2026-04-02',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      areaId,
      ssyk: ['7212'],
      count: 3,
      caseStatus: 'new',
      deadline: '2026-04-20',
    });
    caseId = body.caseId;

    const unknown = await as('broker21', 'POST', '/api/employer-needs', {
      employerId: gavleEmployer,
      ssyk: ['9999'],
      count: 1,
      horizon: 'now',
      difficulty: 'other',
      channel: 'other',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.field).toBe('ssyk');

    const sandviken = await as('strateg21', 'POST', '/api/employer-needs', {
      employerId: sandvikenEmployer,
      ssyk: ['5321'],
      count: 5,
      horizon: 'now',
      difficulty: 'lacking_qualifications',
      channel: 'business_office',
    });
    expect(sandviken.statusCode).toBe(201);
  });

  it('lists needs and cases by role: a municipality sees its own, another region nothing', async () => {
    const all = (await as('lasare21', 'GET', '/api/employer-needs')).json();
    expect(all.needs).toHaveLength(2);
    expect((await as('lasare21', 'GET', `/api/employer-needs?area=${areaId}`)).json().needs).toHaveLength(1);
    expect((await as('lasare21', 'GET', '/api/employer-needs?ssyk=5321')).json().needs).toHaveLength(1);
    expect(
      (await as('lasare21', 'GET', '/api/employer-needs?from=2026-05-01&to=2026-05-02')).json().needs,
    ).toHaveLength(0);
    const kommun = (await as('kommun2181', 'GET', '/api/employer-needs')).json();
    expect(kommun.needs.map((n: { municipalityCode: string }) => n.municipalityCode)).toEqual(['2181']);
    expect((await as('kommun2181', 'GET', `/api/cases/${caseId}`)).statusCode).toBe(404);
    expect((await as('kommun2181', 'GET', `/api/employers/${gavleEmployer}`)).statusCode).toBe(404);

    // Another region: nothing, not even that the region exists.
    expect((await as('broker01', 'GET', '/api/employer-needs?region=county:21')).statusCode).toBe(404);
    expect((await as('broker01', 'GET', '/api/employer-needs')).json().needs).toEqual([]);
    expect((await as('admin01', 'GET', `/api/cases/${caseId}`)).statusCode).toBe(404);
    expect((await as('admin01', 'GET', `/api/employers/${gavleEmployer}`)).statusCode).toBe(404);
    expect((await as('admin01', 'GET', '/api/employers')).json().employers).toEqual([]);
    expect(
      (await as('admin01', 'PATCH', `/api/cases/${caseId}`, { version: 1, status: 'dialogue' })).statusCode,
    ).toBe(404);
    expect((await as(null, 'GET', '/api/cases')).statusCode).toBe(401);
  });

  it('lists the overdue case, refuses illegal steps naming the allowed ones, and detects stale versions', async () => {
    const overdue = (await as('broker21', 'GET', '/api/cases?overdue=true')).json();
    expect(overdue.cases.map((c: { id: string }) => c.id)).toContain(caseId);
    const illegal = await as('broker21', 'PATCH', `/api/cases/${caseId}`, { version: 1, status: 'closed' });
    expect(illegal.statusCode).toBe(400);
    expect(illegal.json().error.details.allowed).toEqual(['dialogue', 'solution_proposed', 'withdrawn']);
    expect(illegal.json().error.message).toContain('dialogue, solution_proposed, withdrawn');

    const dialogue = await as('broker21', 'PATCH', `/api/cases/${caseId}`, {
      version: 1,
      status: 'dialogue',
    });
    expect(dialogue.statusCode).toBe(200);
    expect(dialogue.json()).toMatchObject({ status: 'dialogue', version: 2 });
    const stale = await as('strateg21', 'PATCH', `/api/cases/${caseId}`, { version: 1, status: 'withdrawn' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.currentVersion).toBe(2);
  });

  it('proposes a solution, gives feedback by e-mail through the outbox, and the case leaves the overdue list', async () => {
    const proposed = await as('broker21', 'PATCH', `/api/cases/${caseId}`, {
      version: 2,
      status: 'solution_proposed',
      solution: { kind: 'new_programme_yrkesvux', description: 'Svetsutbildning via yrkesvux i Gävle' },
    });
    expect(proposed.statusCode).toBe(200);
    expect(proposed.json().solutions).toHaveLength(1);

    const employer = (await as('broker21', 'GET', `/api/employers/${gavleEmployer}`)).json();
    contactId = employer.contacts[0].id;
    const feedback = await as('broker21', 'PATCH', `/api/cases/${caseId}`, {
      version: 3,
      status: 'feedback_given',
      feedbackText: 'Yrkesvux startar en svetsutbildning i augusti.',
      sendFeedbackTo: contactId,
    });
    expect(feedback.statusCode).toBe(200);
    expect(feedback.json()).toMatchObject({
      status: 'feedback_given',
      overdue: false,
      allowedTransitions: ['closed', 'dialogue'],
    });
    expect(feedback.json().feedbackOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const overdue = (await as('broker21', 'GET', '/api/cases?overdue=true')).json();
    expect(overdue.cases.map((c: { id: string }) => c.id)).not.toContain(caseId);
    const outbox = (await as('admin21', 'GET', '/api/admin/outbox')).json();
    expect(JSON.stringify(outbox)).toContain('anna@example.se');

    const audit = (await as('admin21', 'GET', `/api/audit?entity=broker_case/${caseId}`)).json();
    expect(audit.events.map((e: { action: string }) => e.action)).toEqual(['update', 'update', 'update']);
  });

  it('exports and deletes an employer’s contacts on request, audited without the details', async () => {
    const exported = await as('broker21', 'GET', `/api/employers/${gavleEmployer}/contacts/export`);
    expect(exported.json().contacts[0]).toMatchObject({ name: 'Anna Andersson', email: 'anna@example.se' });
    expect((await as('lasare21', 'DELETE', `/api/employers/${gavleEmployer}/contacts`)).statusCode).toBe(403);
    const deleted = await as('broker21', 'DELETE', `/api/employers/${gavleEmployer}/contacts`);
    expect(deleted.json()).toEqual({ deleted: 1 });
    expect((await as('broker21', 'GET', `/api/employers/${gavleEmployer}`)).json().contacts).toEqual([]);
    const audit = (await as('admin21', 'GET', `/api/audit?entity=employer/${gavleEmployer}`)).json();
    expect(audit.events.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'export_contacts',
      'delete_contacts',
    ]);
    expect(JSON.stringify(audit)).not.toContain('Anna');
  });

  it('keeps the region settings with defaults and a version', async () => {
    const read = (await as('lasare21', 'GET', '/api/employer-needs/settings')).json();
    expect(read).toEqual({
      regionId: 'county:21',
      contactRetentionMonths: 24,
      feedbackDeadlineDays: 10,
      version: null,
    });
    const changed = await as('admin21', 'PATCH', '/api/employer-needs/settings', {
      region: 'county:21',
      version: null,
      feedbackDeadlineDays: 5,
    });
    expect(changed.json()).toMatchObject({ feedbackDeadlineDays: 5, version: 1 });
    const stale = await as('admin21', 'PATCH', '/api/employer-needs/settings', {
      region: 'county:21',
      version: null,
      feedbackDeadlineDays: 7,
    });
    expect(stale.statusCode).toBe(409);
    expect(
      (await as('admin01', 'PATCH', '/api/employer-needs/settings', { region: 'county:21', version: null }))
        .statusCode,
    ).toBe(404);
  });

  it('counts distinct employers per occupation × geography and suppresses public counts below 3', async () => {
    // A need without a date is dated the Swedish day it is recorded (between 22:00/23:00 UTC and midnight that is
    // already tomorrow's UTC date), so the window ends on the Swedish day too.
    const recent = swedishDate(new Date());
    for (const organisationNumber of ['556900-0002', '556900-0010']) {
      const e = await as('broker21', 'POST', '/api/employers', {
        organisationNumber,
        name: organisationNumber,
        municipalityCode: '2180',
      });
      const need = await as('broker21', 'POST', '/api/employer-needs', {
        employerId: e.json().id,
        ssyk: ['7212'],
        count: 4,
        horizon: 'now',
        difficulty: 'no_applicants',
        channel: 'business_breakfast',
      });
      expect(need.statusCode).toBe(201);
    }
    // The same employer twice counts once.
    await as('broker21', 'POST', '/api/employer-needs', {
      employerId: gavleEmployer,
      ssyk: ['7212'],
      count: 1,
      horizon: '1-3y',
      difficulty: 'other',
      channel: 'other',
      date: '2026-04-03',
    });
    const window = { since: '2026-01-01', until: recent };
    const internal = await employerNeedCounts(database.db, { ...window, ssyk: '7212' });
    expect(internal.map((r) => [r.geoId, r.employers, r.people])).toEqual([
      ['municipality:2180', 3, 12],
      [areaId, 3, 12],
      ['fa:36', 3, 12],
      ['county:21', 3, 12],
    ]);
    expect(internal[0]?.latest).toBe(recent);
    const other = await employerNeedCounts(database.db, { ...window, regionId: 'county:01' });
    expect(other).toEqual([]);

    const pub = await publicNeedCounts(database.db, window);
    const care = pub.filter((r) => r.ssyk === '5321');
    expect(care.length).toBeGreaterThan(0);
    for (const r of care)
      expect(r).toMatchObject({ employers: null, people: null, latest: null, suppressed: true });

    const api = await as(null, 'GET', '/api/occupations/5321/employer-needs');
    expect(api.statusCode).toBe(200);
    const text = JSON.stringify(api.json());
    expect(text).toContain('färre än 3');
    expect(text).not.toContain('Sandvikens kommun');
    const welders = (await as(null, 'GET', '/api/occupations/7212/employer-needs?geo=county:21')).json();
    expect(welders.rows).toHaveLength(1);
    expect(welders.rows[0]).toMatchObject({ employers: 3, people: 12, suppressed: false });
    expect(welders.rows[0].text).toMatch(
      /^Arbetsgivarsignaler: 3 arbetsgivare, 12 personer, senast \d+ \p{L}+ \d{4}$/u,
    );
    expect(JSON.stringify(welders)).not.toContain('Svets');
  });

  it('exports the year’s report of an area as XLSX', async () => {
    const res = await as(
      'lasare21',
      'GET',
      `/api/employer-needs/report.xlsx?year=2026&area=${encodeURIComponent(areaId)}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const occupations = workbook.getWorksheet('Behov per yrke');
    expect(occupations?.getRow(2).values).toEqual([
      undefined,
      '7212',
      'Svetsare och gasskärare',
      '',
      4,
      3,
      12,
    ]);
    const statuses = workbook.getWorksheet('Ärenden per status');
    const byStatus = Object.fromEntries(
      (statuses?.getSheetValues() ?? [])
        .slice(2)
        .map((row) => [(row as unknown[])[1], (row as unknown[])[2]]),
    );
    expect(byStatus).toMatchObject({ Återkopplad: 1, Ny: 3 });
    const solutions = workbook.getWorksheet('Lösningar per typ');
    expect(JSON.stringify(solutions?.getSheetValues())).toContain('"new_programme_yrkesvux",1');
    expect(
      (await as('admin01', 'GET', '/api/employer-needs/report.xlsx?year=2026&region=county:21')).statusCode,
    ).toBe(404);
  });

  it('links an existing education offer of the region to a case: picker filtered by the need, shown by name and place', async () => {
    const writer = { regions: new Set(['county:21']), audit: { actorId: null } };
    const offer = await createLocalOffer(
      database.db,
      'county:21',
      {
        provider: 'Sandvikens lärcentrum',
        name: 'Undersköterska, yrkesvux',
        form: 'yrkesvux',
        municipalityCode: '2181',
        status: 'open',
        startDate: '2027-01-18',
        occupations: ['5321'],
      },
      writer,
      new Date(),
    );
    await createLocalOffer(
      database.db,
      'county:21',
      {
        provider: 'Gävle vuxenutbildning',
        name: 'Svets',
        form: 'komvux',
        municipalityCode: '2180',
        status: 'open',
        occupations: ['7212'],
      },
      writer,
      new Date(),
    );
    const cases = (await as('strateg21', 'GET', '/api/cases')).json().cases as Array<{
      id: string;
      version: number;
      need: { municipalityCode: string };
    }>;
    const target = cases.find((c) => c.need.municipalityCode === '2181');
    if (!target) throw new Error('the Sandviken case is missing');
    const picker = await as('strateg21', 'GET', `/api/cases/${target.id}/education-offers`);
    expect(picker.statusCode).toBe(200);
    expect(picker.json().offers).toEqual([
      expect.objectContaining({
        id: offer.id,
        name: 'Undersköterska, yrkesvux',
        places: ['Sandvikens kommun'],
        ssyk: ['5321'],
        local: true,
      }),
    ]);
    expect((await as('admin01', 'GET', `/api/cases/${target.id}/education-offers`)).statusCode).toBe(404);

    const wrongKind = await as('strateg21', 'PATCH', `/api/cases/${target.id}`, {
      version: target.version,
      solution: { kind: 'validation', educationOfferId: offer.id },
    });
    expect(wrongKind.statusCode).toBe(400);
    const unknown = await as('strateg21', 'PATCH', `/api/cases/${target.id}`, {
      version: target.version,
      solution: { kind: 'education_offer', educationOfferId: 'local:does-not-exist' },
    });
    expect(unknown.statusCode).toBe(400);
    const linked = await as('strateg21', 'PATCH', `/api/cases/${target.id}`, {
      version: target.version,
      status: 'solution_proposed',
      solution: { kind: 'education_offer', educationOfferId: offer.id },
    });
    expect(linked.statusCode).toBe(200);
    expect(linked.json().solutions[0]).toMatchObject({
      kind: 'education_offer',
      educationOfferId: offer.id,
      educationOffer: {
        name: 'Undersköterska, yrkesvux',
        provider: 'Sandvikens lärcentrum',
        places: ['Sandvikens kommun'],
      },
    });
  });
});
