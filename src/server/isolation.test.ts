import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../config.js';
import { draftPriorities as rankDraft, WORKED_EXAMPLE } from '../core/prioritisation/index.js';
import type { Database } from '../db/client.js';
import {
  examBookings,
  examSessions,
  learningCentres,
  prioritisationRounds,
  ssykGroups,
} from '../db/schema/index.js';
import { testEngines } from '../db/testing.js';
import { createRegionArea, updateRegionArea } from '../modules/areas/areas.service.js';
import { loadAuthSettings } from '../modules/auth/auth-settings.js';
import type { Role } from '../modules/auth/roles.js';
import { createUser } from '../modules/users/users.service.js';
import { seedAccounts, seedGeographies, sessionCookie, TEST_ORIGIN } from '../testing/seed-accounts.js';
import { type App, buildApp } from './app.js';
import { CALLERS, type Caller, ISOLATION_MATRIX } from './isolation-matrix.js';

const METHODS = ['get', 'post', 'patch', 'put', 'delete'] as const;

const callerRoles: Record<Exclude<Caller, 'anonymous'>, readonly [string, Role]> = {
  lasare21: ['county:21', 'lasare'],
  broker21: ['county:21', 'kompetensmaklare'],
  strateg21: ['county:21', 'strateg'],
  admin21: ['county:21', 'admin'],
  strateg01: ['county:01', 'strateg'],
  admin01: ['county:01', 'admin'],
  centre21: ['learning_centre:gavle-lc', 'larcentrum'],
};

const CENTRE = 'gavle-lc';
const BOOKING = '00000000-0000-4000-8000-00000000b001';

describe.each(testEngines())('isolation matrix on $name', (engine) => {
  let database: Database;
  let app: App;
  let routes: string[];
  const userIds: Partial<Record<Caller, string>> = {};
  let areaId: string;
  const roundId = '00000000-0000-4000-8000-000000000021';
  let employerId: string;
  let caseId: string;
  let victims = 0;

  beforeAll(async () => {
    database = await engine.open();
    await seedGeographies(database.db, [
      ['county:21', 'county', 'Gävleborgs län', 'country:SE'],
      ['county:01', 'county', 'Stockholms län', 'country:SE'],
      ['municipality:2180', 'municipality', 'Gävle kommun', 'county:21'],
    ]);
    // A learning centre of the registry with one session and one booking (its staff's organisation is made from it).
    await database.db.insert(learningCentres).values({
      id: CENTRE,
      name: 'Gävle Lärcentrum',
      status: 'active',
      municipalityCode: '2180',
      coordinateOrigin: 'none',
      sourceFile: 'test',
      sourceRow: 1,
    });
    const now = new Date();
    const start = new Date(now.getTime() + 40 * 24 * 3600 * 1000);
    await database.db.insert(examSessions).values({
      id: 'session-1',
      centreId: CENTRE,
      regionId: 'county:21',
      startsAt: start,
      endsAt: new Date(start.getTime() + 3 * 3600 * 1000),
      room: 'Sal 1',
      seats: 5,
      taken: 1,
      createdAt: now,
    });
    await database.db.insert(examBookings).values({
      id: BOOKING,
      sessionId: 'session-1',
      centreId: CENTRE,
      regionId: 'county:21',
      status: 'requested',
      name: 'Stina',
      email: 'stina@example.se',
      resident: true,
      feeSek: 0,
      consentAt: now,
      consentVersion: '2026-1',
      examDate: start.toISOString().slice(0, 10),
      createdAt: now,
      updatedAt: now,
    });
    const accounts = await seedAccounts(database.db, callerRoles);
    for (const [caller, account] of Object.entries(accounts)) userIds[caller as Caller] = account.id;
    const area = await createRegionArea(
      database.db,
      { name: 'Gävle', municipalities: ['2180'], regionId: 'county:21' },
      { regions: new Set(['county:21']), audit: { actorId: null } },
      new Date(),
    );
    areaId = area.id;
    // A prioritisation round of county:21 in state draft, with a draft made by the method from its worked example.
    const draft = rankDraft(WORKED_EXAMPLE);
    const roundTime = new Date();
    await database.db.insert(prioritisationRounds).values({
      id: roundId,
      regionId: 'county:21',
      year: roundTime.getUTCFullYear(),
      state: 'draft',
      signalRound: 'R1',
      methodVersion: draft.method.version,
      methodHash: draft.method.hash,
      signalMethodVersion: 'v1',
      signalMethodHash: 'x',
      draft: {
        ...draft,
        region: 'county:21',
        regionName: 'Gävleborgs län',
        round: 'R1',
        roundInfo: {
          label: 'R1',
          referenceDate: '2025-12-31',
          age: {
            referenceDate: '2025-12-31',
            months: 1,
            words: { sv: '1 månad', en: '1 month' },
            isOld: false,
            oldAfterYears: 2,
          },
        },
        method: { ...draft.method, signal: { version: 'v1', hash: 'x' } },
        areas: [],
        fields: {},
      },
      createdAt: roundTime,
      updatedAt: roundTime,
    });
    // The broker works in the area, so the employer-needs rows can tell "your area" from "another region".
    await updateRegionArea(
      database.db,
      area.id,
      { version: 1, brokers: [userIds.broker21 as string] },
      { regions: new Set(['county:21']), audit: { actorId: null } },
      new Date(),
    );
    await database.db
      .insert(ssykGroups)
      .values({ code: '7212', level: 4, labelSv: 'Svetsare och gasskärare' });
    app = await buildApp({
      database,
      config: { dataDir: undefined, projectRoot },
      logger: false,
      auth: loadAuthSettings({}),
    });
    const adminCookie = accounts.admin21.cookie;
    const seedAs = async (url: string, payload: object) =>
      (
        await app.inject({
          method: 'POST',
          url,
          payload,
          headers: { origin: TEST_ORIGIN, cookie: adminCookie },
        })
      ).json();
    employerId = (
      await seedAs('/api/employers', {
        organisationNumber: '556016-0680',
        name: 'Matris AB',
        municipalityCode: '2180',
      })
    ).id;
    caseId = (
      await seedAs('/api/employer-needs', {
        employerId,
        ssyk: ['7212'],
        count: 1,
        horizon: 'now',
        difficulty: 'other',
        channel: 'other',
      })
    ).caseId;
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, object> };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => (METHODS as readonly string[]).includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('lists every route of the OpenAPI document, and only those', () => {
    expect(routes.filter((r) => !(r in ISOLATION_MATRIX))).toEqual([]);
    expect(Object.keys(ISOLATION_MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('public routes never ask anonymous callers for credentials', async () => {
    for (const [route, row] of Object.entries(ISOLATION_MATRIX)) {
      if (row !== 'public') continue;
      const [method, path] = route.split(' ') as [string, string];
      const url = path.replace(/\{[^}]+\}/g, 'x');
      const res = await app.inject({
        method: method as 'GET',
        url,
        payload: method === 'GET' ? undefined : {},
      });
      expect([401, 403], `${route} → ${res.statusCode}`).not.toContain(res.statusCode);
    }
  });

  it('every other route answers each caller as the table says', async () => {
    const actual: Record<string, Record<string, number>> = {};
    const expected: Record<string, Record<string, number>> = {};
    for (const [route, row] of Object.entries(ISOLATION_MATRIX)) {
      if (row === 'public') continue;
      const [method] = route.split(' ') as [string];
      actual[route] = {};
      expected[route] = row.expect;
      for (const caller of CALLERS) {
        // A fresh victim per cell, so one cell's disable or deletion does not change the next one's answer.
        const victim = await createUser(
          database.db,
          { email: `victim${victims++}@example.se`, organisationId: 'county:21', role: 'lasare' },
          { actorId: null },
          new Date(),
        );
        const fill = (text: string) =>
          text
            .replace('{area}', areaId)
            .replace('{victim}', victim.id)
            .replace('{employer}', employerId)
            .replace('{case}', caseId)
            .replace('{round}', roundId)
            .replace('{centre}', CENTRE)
            .replace('{booking}', BOOKING);
        const url = fill(row.request.url);
        const payload = row.request.body ? JSON.parse(fill(JSON.stringify(row.request.body))) : undefined;
        const userId = userIds[caller];
        // A fresh session per cell, so sign-out cells do not sign the next cell out.
        const headers: Record<string, string> = { origin: TEST_ORIGIN };
        if (userId) headers.cookie = await sessionCookie(database.db, userId);
        const res = await app.inject({ method: method as 'GET', url, payload, headers });
        (actual[route] as Record<string, number>)[caller] = res.statusCode;
      }
    }
    expect(actual).toEqual(expected);
    // ~80 routes × 9 callers, each cell with its own user and session: a minute on a quiet machine, more under load.
  }, 300_000);
});
