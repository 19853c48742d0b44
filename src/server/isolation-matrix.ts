/**
 * The isolation matrix: for every route of the OpenAPI document, what each kind of caller gets. One reviewable table;
 * `isolation.test.ts` runs every cell and fails when the API has a route this table does not list.
 *
 * The data belongs to region `county:21` (an area, users to disable, an employer with a need and its case; the broker is
 * assigned to the area). Callers: anonymous; in county:21 a reader
 * (lasare), a broker (kompetensmaklare), a strategist (strateg) and an admin; in county:01 a strategist and an admin.
 * Requests are chosen so that passing the authorisation gives a recognisable answer without side effects on other
 * cells (a stale version gives 409, an unknown municipality 400), so "allowed" and "denied" differ in every row.
 */

export const CALLERS = [
  'anonymous',
  'lasare21',
  'broker21',
  'strateg21',
  'admin21',
  'strateg01',
  'admin01',
  'centre21',
] as const;
export type Caller = (typeof CALLERS)[number];

export interface MatrixRequest {
  /** Path (and body) with `{area}`, `{victim}`, `{employer}`, `{case}`, `{round}`, `{centre}` and `{booking}`
   * placeholders filled in by the test. */
  url: string;
  body?: Record<string, unknown>;
}

export type MatrixRow =
  /** Open to everyone: anonymous callers never get 401/403 (the test calls it without parameters). */
  'public' | { request: MatrixRequest; expect: Record<Caller, number> };

const signedIn = (status: number): Record<Caller, number> => ({
  anonymous: 401,
  lasare21: status,
  broker21: status,
  strateg21: status,
  admin21: status,
  strateg01: status,
  admin01: status,
  centre21: status,
});

/** Users of county:21 in any role; other regions are told the region's internal data does not exist. */
const usersOf21 = (status: number): Record<Caller, number> => ({
  anonymous: 401,
  lasare21: status,
  broker21: status,
  strateg21: status,
  admin21: status,
  strateg01: 404,
  admin01: 404,
  centre21: 403,
});

/** Strategist and admin of county:21 decide; other roles of the region are refused, other regions see nothing. */
const decidersOf21 = (status: number): Record<Caller, number> => ({
  anonymous: 401,
  lasare21: 403,
  broker21: 403,
  strateg21: status,
  admin21: status,
  strateg01: 404,
  admin01: 404,
  centre21: 403,
});

/** Only municipalities (role kommun) vote: every caller of the matrix is refused. */
const municipalitiesOnly: Record<Caller, number> = {
  anonymous: 401,
  lasare21: 403,
  broker21: 403,
  strateg21: 403,
  admin21: 403,
  strateg01: 403,
  admin01: 403,
  centre21: 403,
};

/** Only the admin of county:21; another region's admin is told the region's data does not exist. */
const adminOf21 = (status: number): Record<Caller, number> => ({
  anonymous: 401,
  lasare21: 403,
  broker21: 403,
  strateg21: 403,
  admin21: status,
  strateg01: 403,
  admin01: 404,
  centre21: 403,
});

/** Only the staff of the centre: everybody else signed in lacks the role (403). */
const centreStaff = (status: number): Record<Caller, number> => ({
  anonymous: 401,
  lasare21: 403,
  broker21: 403,
  strateg21: 403,
  admin21: 403,
  strateg01: 403,
  admin01: 403,
  centre21: status,
});

/** Read by every role of county:21; county:01 is told the region's data does not exist. */
const readersOf21 = (status: number): Record<Caller, number> => ({
  anonymous: 401,
  lasare21: status,
  broker21: status,
  strateg21: status,
  admin21: status,
  strateg01: 404,
  admin01: 404,
  centre21: 403,
});

/** Written by the broker (own area), strateg and admin of county:21; a reader is refused, county:01 sees nothing. */
const writersOf21 = (status: number): Record<Caller, number> => ({
  ...readersOf21(status),
  lasare21: 403,
});

export const ISOLATION_MATRIX: Record<string, MatrixRow> = {
  'GET /api/health': 'public',
  'GET /api/sources': 'public',
  'GET /api/occupations': 'public',
  'GET /api/occupations/search': 'public',
  'GET /api/occupations/{ssyk}': 'public',
  'GET /api/occupation-fields': 'public',
  'GET /api/geographies': 'public',
  'GET /api/geographies/boundaries': 'public',
  'GET /api/geographies/names': 'public',
  'GET /api/geographies/{id}': 'public',
  'GET /api/learning-centres': 'public',
  'GET /api/learning-centres/services': 'public',
  'GET /api/learning-centres/reach': 'public',
  'GET /api/learning-centres/export.csv': 'public',
  'GET /api/learning-centres/export.xlsx': 'public',
  'GET /api/learning-centres/{id}': 'public',
  'GET /api/rounds': 'public',
  'GET /api/signals': 'public',
  'GET /api/signals/rounds': 'public',
  'GET /api/signals/overview': 'public',
  'GET /api/signals/{ssyk}': 'public',
  'GET /api/signals/{ssyk}/map': 'public',
  'GET /api/occupations/{ssyk}/labour-market': 'public',
  'GET /api/methods': 'public',
  'GET /api/areas': 'public',
  'GET /api/priorities/draft': 'public',
  'GET /api/public/priorities/{region}/{year}': 'public',
  'GET /api/public/priorities/{region}/{year}/export.csv': 'public',
  'GET /api/public/priorities/{region}/{year}/export.xlsx': 'public',
  'GET /api/public/priorities/{region}/{year}/export.pdf': 'public',
  'GET /api/public/priorities/{region}/sectors': 'public',
  'GET /api/public/priorities/{region}/sectors/{field}': 'public',
  'GET /api/education/offers': 'public',
  'GET /api/education/offers/unmapped': 'public',
  'GET /api/education/gaps': 'public',
  'GET /api/education/yh-round': 'public',
  'GET /api/education/evidence-pack': 'public',
  'GET /api/education/offers/template': 'public',
  'GET /api/occupations/{ssyk}/employer-needs': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/invitation': 'public',
  'GET /api/auth/methods': 'public',
  'GET /api/auth/oidc/start': 'public',
  'GET /api/auth/oidc/callback': 'public',
  'GET /api/learning-centres/{id}/exam-sessions': 'public',
  'POST /api/exam-bookings': 'public',
  'POST /api/exam-bookings/check': 'public',
  'GET /api/exam-bookings/{id}/export': 'public',
  'GET /api/learner-surveys/{token}': 'public',
  'POST /api/learner-surveys/{token}': 'public',

  'GET /api/me': { request: { url: '/api/me' }, expect: signedIn(200) },
  'GET /api/me/export': { request: { url: '/api/me/export' }, expect: signedIn(200) },
  'GET /api/me/tokens': { request: { url: '/api/me/tokens' }, expect: signedIn(200) },
  'POST /api/me/tokens': {
    request: { url: '/api/me/tokens', body: { scope: 'read', days: 1 } },
    expect: signedIn(201),
  },
  'DELETE /api/me/tokens/{id}': { request: { url: '/api/me/tokens/no-such-token' }, expect: signedIn(404) },
  'POST /api/auth/logout': { request: { url: '/api/auth/logout' }, expect: signedIn(204) },
  'POST /api/auth/logout-everywhere': {
    request: { url: '/api/auth/logout-everywhere' },
    expect: signedIn(200),
  },

  // Areas are public, so writers of another region get 403 (nothing is revealed); 409 = passed, stale version.
  'POST /api/areas': {
    request: { url: '/api/areas', body: { name: 'Matris', municipalities: ['9999'], region: 'county:21' } },
    expect: {
      anonymous: 401,
      lasare21: 403,
      broker21: 403,
      strateg21: 400,
      admin21: 400,
      strateg01: 404,
      admin01: 404,
      centre21: 403,
    },
  },
  'PATCH /api/areas/{id}': {
    request: { url: '/api/areas/{area}', body: { version: 999, name: 'Matris' } },
    expect: {
      anonymous: 401,
      lasare21: 403,
      broker21: 403,
      strateg21: 409,
      admin21: 409,
      strateg01: 403,
      admin01: 403,
      centre21: 403,
    },
  },
  'DELETE /api/areas/{id}': {
    request: { url: '/api/areas/{area}?version=999' },
    expect: {
      anonymous: 401,
      lasare21: 403,
      broker21: 403,
      strateg21: 409,
      admin21: 409,
      strateg01: 403,
      admin01: 403,
      centre21: 403,
    },
  },

  // Education: offers and mappings are public, so writers of another region get 403 or their own region's 400.
  'POST /api/education/offers': {
    request: {
      url: '/api/education/offers',
      body: {
        provider: 'Matris',
        name: 'Matris',
        form: 'komvux',
        status: 'planned',
        municipalityCode: '9999',
      },
    },
    expect: {
      anonymous: 401,
      lasare21: 403,
      broker21: 403,
      strateg21: 400,
      admin21: 400,
      strateg01: 400,
      admin01: 400,
      centre21: 400,
    },
  },
  // A preview (dryRun) of a file with a wrong heading: writers of any region get the report, nothing is written.
  'POST /api/education/offers/import': {
    request: {
      url: '/api/education/offers/import',
      body: { file: 'matris.csv', content: Buffer.from('Fel;Rubrik\n').toString('base64'), dryRun: true },
    },
    expect: {
      anonymous: 401,
      lasare21: 403,
      broker21: 403,
      strateg21: 200,
      admin21: 200,
      strateg01: 200,
      admin01: 200,
      centre21: 200,
    },
  },
  'PATCH /api/education/offers/{id}': {
    request: { url: '/api/education/offers/00000000-0000-4000-8000-000000000000', body: { version: 999 } },
    expect: {
      anonymous: 401,
      lasare21: 403,
      broker21: 403,
      strateg21: 404,
      admin21: 404,
      strateg01: 404,
      admin01: 404,
      centre21: 404,
    },
  },
  'DELETE /api/education/offers/{id}': {
    request: { url: '/api/education/offers/00000000-0000-4000-8000-000000000000?version=999' },
    expect: {
      anonymous: 401,
      lasare21: 403,
      broker21: 403,
      strateg21: 404,
      admin21: 404,
      strateg01: 404,
      admin01: 404,
      centre21: 404,
    },
  },
  'POST /api/education/mappings': {
    request: {
      url: '/api/education/mappings',
      body: { offerKind: 'local', offerId: 'inget', ssyk: '2221', action: 'add', region: 'county:21' },
    },
    expect: {
      anonymous: 401,
      lasare21: 403,
      broker21: 403,
      strateg21: 404,
      admin21: 404,
      strateg01: 404,
      admin01: 404,
      centre21: 403,
    },
  },

  'GET /api/audit': { request: { url: '/api/audit?region=county:21' }, expect: adminOf21(200) },
  'GET /api/admin/users': { request: { url: '/api/admin/users?region=county:21' }, expect: adminOf21(200) },
  'GET /api/admin/outbox': { request: { url: '/api/admin/outbox?region=county:21' }, expect: adminOf21(200) },
  'POST /api/admin/users': {
    request: {
      url: '/api/admin/users',
      body: { email: 'inte-en-adress', role: 'lasare', region: 'county:21' },
    },
    expect: adminOf21(400),
  },
  'POST /api/admin/users/{id}/disable': {
    request: { url: '/api/admin/users/{victim}/disable' },
    expect: adminOf21(204),
  },
  'DELETE /api/admin/users/{id}/personal-data': {
    request: { url: '/api/admin/users/{victim}/personal-data' },
    expect: adminOf21(204),
  },

  // Prioritisation: {round} is a round of county:21 in state draft; a stale version (999) or the wrong state is 409.
  'GET /api/prioritisations': {
    request: { url: '/api/prioritisations?region=county:21' },
    expect: usersOf21(200),
  },
  'POST /api/prioritisations': {
    request: { url: '/api/prioritisations', body: { region: 'county:21', year: 2099 } },
    expect: decidersOf21(400),
  },
  'GET /api/prioritisations/{id}': {
    request: { url: '/api/prioritisations/{round}' },
    expect: usersOf21(200),
  },
  'POST /api/prioritisations/{id}/state': {
    request: { url: '/api/prioritisations/{round}/state', body: { version: 999, state: 'consultation' } },
    expect: decidersOf21(409),
  },
  'PUT /api/prioritisations/{id}/votes': {
    request: {
      url: '/api/prioritisations/{round}/votes',
      body: { votes: [{ ssyk: '5321', vote: 'agree' }] },
    },
    expect: municipalitiesOnly,
  },
  'POST /api/prioritisations/{id}/proposals': {
    request: { url: '/api/prioritisations/{round}/proposals', body: { ssyk: '5321', reason: 'Matris' } },
    expect: municipalitiesOnly,
  },
  'PUT /api/prioritisations/{id}/decisions': {
    request: {
      url: '/api/prioritisations/{round}/decisions',
      body: { version: 999, decisions: [{ ssyk: '5321', include: true }] },
    },
    expect: decidersOf21(409),
  },
  'POST /api/prioritisations/{id}/publish': {
    request: { url: '/api/prioritisations/{round}/publish', body: { version: 999 } },
    expect: decidersOf21(409),
  },
  'GET /api/prioritisations/settings': {
    request: { url: '/api/prioritisations/settings?region=county:21' },
    expect: usersOf21(200),
  },
  'PUT /api/prioritisations/settings': {
    request: {
      url: '/api/prioritisations/settings',
      body: { region: 'county:21', version: 999, weights: {}, listSize: null, strategic: {} },
    },
    expect: decidersOf21(409),
  },
  'PUT /api/prioritisations/sectors': {
    request: {
      url: '/api/prioritisations/sectors',
      body: { region: 'county:21', field: 'halsa', version: 999, textSv: 'Text', textEn: '' },
    },
    expect: decidersOf21(409),
  },
  // Employer needs (issue 11): internal data of the region, so another region gets 404 everywhere.
  'POST /api/employers': {
    request: {
      url: '/api/employers',
      body: { organisationNumber: '556016-0681', name: 'Matris', municipalityCode: '2180' },
    },
    expect: writersOf21(400),
  },
  'GET /api/employers': { request: { url: '/api/employers?region=county:21' }, expect: readersOf21(200) },
  'GET /api/employers/{id}': { request: { url: '/api/employers/{employer}' }, expect: readersOf21(200) },
  'POST /api/employers/{id}/contacts': {
    request: { url: '/api/employers/{employer}/contacts', body: { name: 'Matris' } },
    expect: writersOf21(201),
  },
  'GET /api/employers/{id}/contacts/export': {
    request: { url: '/api/employers/{employer}/contacts/export' },
    expect: writersOf21(200),
  },
  'DELETE /api/employers/{id}/contacts': {
    request: { url: '/api/employers/{employer}/contacts' },
    expect: writersOf21(200),
  },
  'POST /api/employer-needs': {
    request: {
      url: '/api/employer-needs',
      body: {
        employerId: '{employer}',
        ssyk: ['9999'],
        count: 1,
        horizon: 'now',
        difficulty: 'other',
        channel: 'other',
      },
    },
    expect: writersOf21(400),
  },
  // A dry run of a one-row sheet: checks only, writes nothing (a reader is refused, county:01 sees nothing).
  'POST /api/employer-needs/import': {
    request: {
      url: '/api/employer-needs/import',
      body: {
        region: 'county:21',
        fileName: 'matris.csv',
        content: 'T3JnLm5yO0bDtnJldGFnO0tvbW11bjtZcmtlCjU1NjAxNi0wNjgwO01hdHJpcyBBQjsyMTgwO1N0w6RkYXJlCg==',
        dryRun: true,
      },
    },
    expect: writersOf21(200),
  },
  'GET /api/employer-needs': {
    request: { url: '/api/employer-needs?region=county:21' },
    expect: readersOf21(200),
  },
  'GET /api/employer-needs/report.xlsx': {
    request: { url: '/api/employer-needs/report.xlsx?region=county:21&year=2026' },
    expect: readersOf21(200),
  },
  'GET /api/employer-needs/settings': {
    request: { url: '/api/employer-needs/settings?region=county:21' },
    expect: readersOf21(200),
  },
  'PATCH /api/employer-needs/settings': {
    request: { url: '/api/employer-needs/settings', body: { region: 'county:21', version: 999 } },
    expect: { ...adminOf21(409), strateg01: 403 },
  },
  'GET /api/cases': { request: { url: '/api/cases?region=county:21' }, expect: readersOf21(200) },
  'GET /api/cases/{id}': { request: { url: '/api/cases/{case}' }, expect: readersOf21(200) },
  'GET /api/cases/{id}/education-offers': {
    request: { url: '/api/cases/{case}/education-offers' },
    expect: readersOf21(200),
  },
  'PATCH /api/cases/{id}': {
    request: { url: '/api/cases/{case}', body: { version: 999, status: 'dialogue' } },
    expect: writersOf21(409),
  },
  // Exam invigilation (issue 14): staff of another centre get 404 (tested in exam-booking.test.ts); here the
  // centre's own staff pass (a session in the past is refused: 400; a stale version: 409).
  'GET /api/learning-centres/{id}/exam-sessions/all': {
    request: { url: '/api/learning-centres/{centre}/exam-sessions/all' },
    expect: centreStaff(200),
  },
  'POST /api/learning-centres/{id}/exam-sessions': {
    request: {
      url: '/api/learning-centres/{centre}/exam-sessions',
      body: { start: '2020-01-01T09:00:00Z', end: '2020-01-01T12:00:00Z', room: 'Sal 1', seats: 5 },
    },
    expect: centreStaff(400),
  },
  'GET /api/learning-centres/{id}/exam-bookings': {
    request: { url: '/api/learning-centres/{centre}/exam-bookings' },
    expect: centreStaff(200),
  },
  'PATCH /api/exam-bookings/{id}': {
    request: { url: '/api/exam-bookings/{booking}', body: { version: 999, status: 'confirmed' } },
    expect: centreStaff(409),
  },
  'GET /api/learning-centres/{id}/exam-settings': {
    request: { url: '/api/learning-centres/{centre}/exam-settings' },
    expect: centreStaff(200),
  },
  'PUT /api/learning-centres/{id}/exam-settings': {
    request: { url: '/api/learning-centres/{centre}/exam-settings', body: { version: 999, feeSek: 1 } },
    expect: centreStaff(409),
  },

  // Registry editing: the centre's staff and the admins of its region; the registry is public, so another region's
  // admin gets 403 (nothing is hidden). A stale version gives 409; deciding a conflict that does not exist 404.
  'GET /api/learning-centres/{id}/editable': {
    request: { url: '/api/learning-centres/{centre}/editable' },
    expect: { ...centreStaff(200), admin21: 200 },
  },
  'PATCH /api/learning-centres/{id}': {
    request: { url: '/api/learning-centres/{centre}', body: { version: 999, postalTown: 'Gävle' } },
    expect: { ...centreStaff(409), admin21: 409 },
  },
  'GET /api/admin/learning-centre-conflicts': {
    request: { url: '/api/admin/learning-centre-conflicts?region=county:21' },
    expect: adminOf21(200),
  },
  'POST /api/admin/learning-centre-conflicts/decide': {
    request: {
      url: '/api/admin/learning-centre-conflicts/decide',
      body: { centreId: 'gavle-lc', field: 'openingHours', decision: 'keep' },
    },
    expect: { ...adminOf21(404), admin01: 403 },
  },
  // The 3M activity log: the centre's own staff (a date in the future is refused: 400).
  'POST /api/learning-centres/{id}/activities': {
    request: {
      url: '/api/learning-centres/{centre}/activities',
      body: { date: '2999-01-01', role: 'motor', type: 'Matris' },
    },
    expect: centreStaff(400),
  },
  'GET /api/learning-centres/{id}/activities': {
    request: { url: '/api/learning-centres/{centre}/activities' },
    expect: centreStaff(200),
  },
  // Learners (issue 14): the centre's staff write; its region's admin reads (another region's admin: 404); the
  // region's admin and strateg read the suppressed KPIs and the grant report of all its centres. A learner id that
  // does not exist answers 404 to those who pass the policy.
  'POST /api/learning-centres/{id}/learners': {
    request: {
      url: '/api/learning-centres/{centre}/learners',
      body: {
        name: 'Lina',
        studyForm: 'yh',
        programme: 'Undersköterska',
        occupations: ['5321'],
        provider: 'Hermods',
        startDate: '2026-01-10',
        homeMunicipality: '2180',
        gender: 'woman',
        ageBand: '25-34',
        consent: false,
      },
    },
    expect: centreStaff(422),
  },
  'GET /api/learning-centres/{id}/learners': {
    request: { url: '/api/learning-centres/{centre}/learners' },
    expect: { ...centreStaff(200), admin21: 200, admin01: 404 },
  },
  'PATCH /api/learners/{id}': {
    request: { url: '/api/learners/no-such-learner', body: { version: 1 } },
    expect: centreStaff(404),
  },
  'DELETE /api/learners/{id}/consent': {
    request: { url: '/api/learners/no-such-learner/consent' },
    expect: centreStaff(404),
  },
  'GET /api/learners/{id}/export': {
    request: { url: '/api/learners/no-such-learner/export' },
    expect: { ...centreStaff(404), admin21: 404, admin01: 404 },
  },
  'GET /api/learning-centres/{id}/learner-settings': {
    request: { url: '/api/learning-centres/{centre}/learner-settings' },
    expect: centreStaff(200),
  },
  'PUT /api/learning-centres/{id}/learner-settings': {
    request: { url: '/api/learning-centres/{centre}/learner-settings', body: { version: 999 } },
    expect: centreStaff(409),
  },
  'GET /api/learning-centres/{id}/learner-kpis': {
    request: { url: '/api/learning-centres/{centre}/learner-kpis?year=2026' },
    expect: { ...centreStaff(200), admin21: 200, admin01: 404 },
  },
  'GET /api/learner-kpis': {
    request: { url: '/api/learner-kpis?region=county:21&year=2026' },
    expect: decidersOf21(200),
  },
  'GET /api/learning-centres/{id}/visits': {
    request: { url: '/api/learning-centres/{centre}/visits?year=2026' },
    expect: centreStaff(200),
  },
  'PUT /api/learning-centres/{id}/visits': {
    request: {
      url: '/api/learning-centres/{centre}/visits',
      body: { rows: [{ month: '2999-01', visits: 3 }] },
    },
    expect: centreStaff(400),
  },
  'POST /api/learning-centres/{id}/visits/import': {
    request: {
      url: '/api/learning-centres/{centre}/visits/import',
      // A dry run of a one-row file: checked, nothing written.
      body: {
        file: 'besok.csv',
        content: Buffer.from('månad;besök\n2026-01;3\n').toString('base64'),
        dryRun: true,
      },
    },
    expect: centreStaff(200),
  },
  'GET /api/learning-centres/{id}/grant-costs': {
    request: { url: '/api/learning-centres/{centre}/grant-costs?year=2026' },
    expect: centreStaff(200),
  },
  'PUT /api/learning-centres/{id}/grant-costs': {
    request: {
      url: '/api/learning-centres/{centre}/grant-costs',
      body: {
        year: 2026,
        costs: [
          { category: 'staff', amountSek: 1 },
          { category: 'staff', amountSek: 2 },
        ],
      },
    },
    expect: centreStaff(400),
  },
  'GET /api/learning-centres/{id}/grant-report': {
    request: { url: '/api/learning-centres/{centre}/grant-report?year=2026&format=json' },
    expect: { ...centreStaff(200), admin21: 200, admin01: 404 },
  },
  'GET /api/grant-report': {
    request: { url: '/api/grant-report?region=county:21&year=2026&format=json' },
    expect: decidersOf21(200),
  },
};
