import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import type { Database } from '../../db/client.js';
import { auditEvents } from '../../db/schema/index.js';
import { testEngines } from '../../db/testing.js';
import { type App, buildApp } from '../../server/app.js';
import { injectAs, type SeededAccount } from '../../testing/seed-accounts.js';
import { centreStaff, seedCentreStaff } from '../../testing/seed-centre-staff.js';
import { loadAuthSettings } from '../auth/auth-settings.js';
import { quarterOf, summarise } from './centre-activities.service.js';

describe('3M summaries', () => {
  it('groups by quarter and role, counting distinct partners regardless of case', () => {
    expect(quarterOf('2026-03-31')).toBe('2026-Q1');
    expect(quarterOf('2026-04-01')).toBe('2026-Q2');
    const a = (
      date: string,
      role: 'maklare' | 'motor' | 'motesplats',
      participants: number,
      partners: string[],
    ) => ({
      id: date,
      date,
      role,
      type: 't',
      participants,
      partners,
      caseId: null,
      note: null,
      createdAt: '',
    });
    expect(
      summarise([
        a('2026-05-02', 'motesplats', 12, []),
        a('2026-02-10', 'maklare', 3, ['Sandvik AB', 'Komvux Gävle']),
        a('2026-03-01', 'maklare', 2, ['sandvik ab']),
        a('2026-04-20', 'maklare', 1, []),
      ]),
    ).toEqual([
      { quarter: '2026-Q1', role: 'maklare', activities: 2, participants: 5, partners: 2 },
      { quarter: '2026-Q2', role: 'maklare', activities: 1, participants: 1, partners: 0 },
      { quarter: '2026-Q2', role: 'motesplats', activities: 1, participants: 12, partners: 0 },
    ]);
  });
});

describe.each(testEngines())('3M activity log on $name', (engine) => {
  let database: Database;
  let app: App;
  let accounts: Record<'gavle' | 'gavle-norr', SeededAccount>;

  beforeAll(async () => {
    database = await engine.open();
    accounts = await seedCentreStaff(database.db, {
      // Two centres in the same municipality: being in the same place gives no access to the other's log.
      centres: [
        ['gavle', 'gavle', '2180'],
        ['gavle-norr', 'gavle-norr', '2180'],
      ],
      accounts: { gavle: centreStaff('gavle'), 'gavle-norr': centreStaff('gavle-norr') },
    });
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

  const as = injectAs(
    () => app,
    () => accounts,
  );

  it('staff log activities (audited, optional case id) and read the summary; another centre sees nothing', async () => {
    const year = new Date().getUTCFullYear();
    const day = `${year}-01-15`;
    const logged = await as('gavle', 'POST', '/api/learning-centres/gavle/activities', {
      date: day,
      role: 'maklare',
      type: 'Företagsbesök',
      participants: 4,
      partners: ['Sandvik AB', 'Arbetsförmedlingen'],
      caseId: 'case-123',
    });
    expect(logged.statusCode, logged.body).toBe(201);
    expect(logged.json()).toMatchObject({
      role: 'maklare',
      caseId: 'case-123',
      partners: ['Sandvik AB', 'Arbetsförmedlingen'],
    });
    await as('gavle', 'POST', '/api/learning-centres/gavle/activities', {
      date: day,
      role: 'motesplats',
      type: 'Öppet hus',
      participants: 30,
    });
    const list = await as(
      'gavle',
      'GET',
      `/api/learning-centres/gavle/activities?from=${year}-01-01&to=${year}-12-31`,
    );
    expect(list.json().activities).toHaveLength(2);
    expect(list.json().summary).toEqual([
      { quarter: `${year}-Q1`, role: 'maklare', activities: 1, participants: 4, partners: 2 },
      { quarter: `${year}-Q1`, role: 'motesplats', activities: 1, participants: 30, partners: 0 },
    ]);
    expect((await as('gavle-norr', 'GET', '/api/learning-centres/gavle/activities')).statusCode).toBe(404);
    expect(
      (
        await as('gavle-norr', 'POST', '/api/learning-centres/gavle/activities', {
          date: day,
          role: 'motor',
          type: 'x',
        })
      ).statusCode,
    ).toBe(404);
    const audit = (await database.db.select().from(auditEvents)).filter(
      (e) => e.entityType === 'centre_activity',
    );
    expect(audit).toHaveLength(2);
  });
});
