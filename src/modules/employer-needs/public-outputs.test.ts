import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import type { Database } from '../../db/client.js';
import { testEngines } from '../../db/testing.js';
import { type App, buildApp } from '../../server/app.js';
import { openFixtureDatabase } from '../../testing/fixture-database.js';
import { loadAuthSettings } from '../auth/auth-settings.js';
import type { Identity } from '../auth/roles.js';
import { createEmployer } from './employers.service.js';
import { recordNeed } from './needs.service.js';

/**
 * Small-count suppression in every public output that carries employer needs (issue 11): with two employers behind
 * an occupation, no public answer shows a figure for it, and none names an employer or its organisation number.
 * Public outputs: the occupation's employer signals, the draft prioritised list (employer component) and the
 * education gaps (people needed). A third employer makes the figure appear, so the check is not vacuous.
 */

const strateg: Identity = {
  userId: 'test-strateg',
  email: 'strateg@example.se',
  name: 'Strateg',
  language: 'sv',
  via: 'session',
  scope: 'write',
  memberships: [
    {
      organisationId: 'county:21',
      organisationType: 'region',
      organisationName: 'Gävleborgs län',
      regionId: 'county:21',
      role: 'strateg',
      areas: [],
    },
  ],
};
const actor = { identity: strateg, audit: { actorId: null } };
const EMPLOYERS = [
  { organisationNumber: '556036-0793', name: 'Hemligt Vård AB' },
  { organisationNumber: '556547-5489', name: 'Dolda Omsorg AB' },
  { organisationNumber: '556703-7485', name: 'Tredje Vård AB' },
];

describe.each(testEngines())('public outputs of employer needs on $name', (engine) => {
  let database: Database;
  let app: App;

  beforeAll(async () => {
    database = await openFixtureDatabase(engine);
    app = await buildApp({
      database,
      config: { dataDir: undefined, projectRoot },
      logger: false,
      auth: loadAuthSettings({}),
    });
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const addEmployerWithNeed = async (e: (typeof EMPLOYERS)[number]) => {
    const employer = await createEmployer(database.db, { ...e, municipalityCode: '2180' }, actor, new Date());
    await recordNeed(
      database.db,
      {
        employerId: employer.id,
        ssyk: ['5321'],
        count: 4,
        horizon: 'now',
        difficulty: 'no_applicants',
        channel: 'company_visit',
      },
      actor,
      new Date(),
    );
  };

  const publicAnswers = async () => {
    const urls = [
      '/api/occupations/5321/employer-needs',
      '/api/priorities/draft?geo=county:21',
      '/api/education/gaps?geo=county:21',
    ];
    const answers: Record<string, string> = {};
    for (const url of urls) {
      const res = await app.inject({ method: 'GET', url });
      answers[url] = res.body;
    }
    return answers;
  };

  it('shows no figure below three employers and never names one', async () => {
    await addEmployerWithNeed(EMPLOYERS[0] as (typeof EMPLOYERS)[number]);
    await addEmployerWithNeed(EMPLOYERS[1] as (typeof EMPLOYERS)[number]);
    const answers = await publicAnswers();
    for (const [url, body] of Object.entries(answers)) {
      for (const e of EMPLOYERS) {
        expect(body, url).not.toContain(e.name);
        expect(body, url).not.toContain(e.organisationNumber);
      }
    }
    const signals = JSON.parse(answers['/api/occupations/5321/employer-needs'] as string);
    expect(signals.rows.length).toBeGreaterThan(0);
    for (const row of signals.rows) {
      expect(row).toMatchObject({ employers: null, people: null, suppressed: true });
      expect(row.text).toContain('färre än 3');
    }
    // 2 employers × 4 people = 8: the figure must not leak through the gaps' "people needed" either.
    expect(answers['/api/education/gaps?geo=county:21']).not.toMatch(
      /"(neededPeople|employerNeeds|people)":8\b/,
    );

    await addEmployerWithNeed(EMPLOYERS[2] as (typeof EMPLOYERS)[number]);
    const shown = JSON.parse((await publicAnswers())['/api/occupations/5321/employer-needs'] as string);
    expect(shown.rows.find((r: { geoId: string }) => r.geoId === 'county:21')).toMatchObject({
      employers: 3,
      people: 12,
      suppressed: false,
    });
  });
});
