import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import { methodV1, methodV2 } from '../../core/signals/index.js';
import type { Database } from '../../db/client.js';
import { testEngines } from '../../db/testing.js';
import { type App, buildApp } from '../../server/app.js';
import { openFixtureDatabase } from '../../testing/fixture-database.js';
import { regionAdminActor, testOrganisationNumber } from '../../testing/needs-seed.js';
import { loadAuthSettings } from '../auth/auth-settings.js';
import { createEmployer } from '../employer-needs/employers.service.js';
import { recordNeed } from '../employer-needs/needs.service.js';
import { compareMethods } from './signal-compare.service.js';
import { explainSignal } from './signal-detail.service.js';
import { listSignals } from './signal-list.service.js';
import { resolveRound } from './signal-rounds.service.js';
import { computeSignals, refreshSignalsIfStale, signalsFreshness } from './signals.service.js';

/**
 * Method v2 on the fixture knowledge base: needs recorded through the employer-needs service feed the computation,
 * v1 stays as it was, and no public output shows an employer or a count below 3 employers.
 */

const admin = regionAdminActor('county:21');
const organisationNumber = (n: number) => testOrganisationNumber('55690', n);

const NOW = new Date('2026-12-04T12:00:00Z');
const LATER = new Date('2026-12-07T12:00:00Z');

describe.each(testEngines())('method v2 with employer needs on $name', (engine) => {
  let database: Database;
  let app: App;
  let employerNo = 0;
  const need = async (
    ssyk: string,
    people: number,
    date: string,
    name = `Arbetsgivare ${employerNo + 1} AB`,
    now = NOW,
  ) => {
    employerNo += 1;
    const employer = await createEmployer(
      database.db,
      { organisationNumber: organisationNumber(employerNo), name, municipalityCode: '2180' },
      admin,
      now,
    );
    await recordNeed(
      database.db,
      {
        employerId: employer.id,
        ssyk: [ssyk],
        count: people,
        horizon: '1y',
        difficulty: 'no_applicants',
        channel: 'company_visit',
        date,
      },
      admin,
      now,
    );
  };

  beforeAll(async () => {
    database = await openFixtureDatabase(engine);
    // 9111 (cleaners; balans 1.75 in v1): 4 employers, 11 people within the 12 months; one more a year too early.
    await need('9111', 2, '2026-01-15', 'Hemliga Städare AB');
    await need('9111', 3, '2026-06-01');
    await need('9111', 4, '2026-10-03');
    await need('9111', 2, '2026-09-20');
    await need('9111', 9, '2025-11-01');
    // 4119 (office assistants; överskott 1.00 in v1) and 7114 (already brist 3.00): 3 employers each.
    for (const ssyk of ['4119', '7114']) {
      for (const date of ['2026-02-02', '2026-03-03', '2026-04-04']) await need(ssyk, 1, date);
    }
    // 5321 (nursing assistants): 2 employers: suppressed, never scored.
    await need('5321', 5, '2026-08-01', 'Liten Vård AB');
    await need('5321', 2, '2026-08-02');
    await computeSignals(database, { method: methodV2, now: () => NOW });
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

  it('says how to compute a method version that was never computed, instead of listing nothing', async () => {
    // v1 and v2 are computed here; a version without a stored run gets the command that computes it.
    await expect(resolveRound(database.db, 'county', undefined, 'v9')).rejects.toThrow(
      /Metod v9 är inte beräknad ännu\. En administratör kör "semafor compute --method v9"/,
    );
    await expect(resolveRound(database.db, 'county', undefined, methodV1.version)).resolves.toMatchObject({
      choice: 'widest_coverage',
    });
  });

  it('explains the needs as "Arbetsgivarsignaler: 4 arbetsgivare, 11 personer, senast 3 oktober 2026"', async () => {
    const detail = await explainSignal(database.db, { geo: 'county:21', ssyk: '9111', method: 'v2' });
    const row = detail.signal.explanation.indicators.find((i) => i.kind === 'employer_signals');
    expect(`${row?.label.sv}: ${row?.display.sv}`).toBe(
      'Arbetsgivarsignaler: 4 arbetsgivare, 11 personer, senast 3 oktober 2026',
    );
    expect(`${row?.label.en}: ${row?.display.en}`).toBe(
      'Employer signals: 4 employers, 11 people, latest 3 October 2026',
    );
    expect(row).toMatchObject({ score: 3, weight: 1.5, period: '2025-12-05–2026-12-04' });
    expect(detail.signal.methodVersion).toBe('v2');
    // The same needs in the FA region and the municipality's other geographies.
    const fa = await explainSignal(database.db, { geo: 'fa:36', ssyk: '9111', method: 'v2' });
    const faRow = fa.signal.explanation.indicators.find((i) => i.kind === 'employer_signals');
    expect(faRow?.display.sv).toBe('4 arbetsgivare, 11 personer, senast 3 oktober 2026');
  });

  it("says its needs date; v1's list is untouched and reads no needs", async () => {
    const v2 = await listSignals(database.db, { geo: 'county:21', method: 'v2' });
    expect(v2.needs).toEqual({ since: '2025-12-05', until: '2026-12-04' });
    const v1 = await listSignals(database.db, { geo: 'county:21' });
    expect(v1.methodVersion).toBe('v1');
    expect(v1.needs).toBeNull();
    expect(JSON.stringify(v1)).not.toContain('employer_signals');
    const key = v2.signals
      .find((s) => s.ssyk === '9111')
      ?.keyIndicators.find((k) => k.kind === 'employer_signals');
    expect(key).toMatchObject({ value: 4, score: 3, sourceId: 'semafor-arbetsgivarbehov' });
  });

  it('compares v1 and v2: only the occupation with 3 or more employers can change, and why', async () => {
    const c = await compareMethods(database.db, { geo: 'county:21', methods: ['v1', 'v2'] });
    expect(c.methods).toEqual(['v1', 'v2']);
    expect(c.needs).toEqual({ v1: null, v2: { since: '2025-12-05', until: '2026-12-04' } });
    // Exactly the two occupations whose class the needs move; 7114 scores 3 in both (its confidence rises only).
    expect(c.roundId).toBe('18H');
    expect(c.changed.map((x) => [x.ssyk, x.methods.v1?.signalClass, x.methods.v2?.signalClass])).toEqual([
      ['4119', 'overskott', 'balans'],
      ['9111', 'balans', 'brist'],
    ]);
    expect(c.changed.map((x) => [x.methods.v1?.score, x.methods.v2?.score])).toEqual([
      [1, 1.4],
      [1.75, 2.0909],
    ]);
    expect([c.classChanged, c.scoreChanged, c.unchanged]).toEqual([2, 0, c.occupations - 2]);
    expect(c.changed.map((x) => x.why.sv)).toEqual([
      'v2 räknar in Arbetsgivarsignaler: 3 arbetsgivare.',
      'v2 räknar in Arbetsgivarsignaler: 4 arbetsgivare.',
    ]);
  });

  it('never shows an employer or a count below 3 in the public API (list, explanation, map, overview)', async () => {
    const bodies: string[] = [];
    for (const url of [
      '/api/signals?geo=county:21&method=v2',
      '/api/signals/5321?geo=county:21&method=v2',
      '/api/signals/9111?geo=county:21&method=v2',
      '/api/signals/5321/map?type=county&method=v2',
      '/api/signals/9111/map?type=county&method=v2',
      '/api/signals/overview?type=county&method=v2',
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      bodies.push(res.body);
    }
    const all = bodies.join('\n');
    expect(all).not.toMatch(/Hemliga Städare|Liten Vård|Sen Städare|Arbetsgivare \d+ AB|556900/);
    const few = JSON.parse(bodies[1] ?? '{}');
    const row = few.signal.explanation.indicators.find(
      (i: { kind: string }) => i.kind === 'employer_signals',
    );
    expect(row).toMatchObject({
      display: { sv: 'färre än 3 arbetsgivare', en: 'fewer than 3 employers' },
      score: null,
    });
    expect(bodies[1]).not.toMatch(/2 arbetsgivare|7 personer|augusti|"people":\d/);
    // Below the threshold the needs move nothing: v2's class and score are v1's, so neither the list, the map nor
    // the overview can reveal them.
    const v1 = await explainSignal(database.db, { geo: 'county:21', ssyk: '5321' });
    expect([few.signal.signalClass, few.signal.score]).toEqual([v1.signal.signalClass, v1.signal.score]);
    const [v1Map, v2Map] = await Promise.all(
      ['v1', 'v2'].map((m) =>
        app.inject({ method: 'GET', url: `/api/signals/5321/map?type=county&method=${m}` }),
      ),
    );
    expect(v2Map?.json().entries).toEqual(v1Map?.json().entries);
  });

  it('is stale when needs change (v1 is not) and a recompute reflects them', async () => {
    expect((await signalsFreshness(database.db, methodV2, NOW)).upToDate).toBe(true);
    await need('9111', 1, '2026-12-07', 'Sen Städare AB', LATER);
    expect((await signalsFreshness(database.db, methodV2, LATER)).upToDate).toBe(false);
    expect((await signalsFreshness(database.db, methodV1, LATER)).upToDate).toBe(true);
    const summary = await computeSignals(database, { method: methodV2, now: () => LATER });
    expect(summary.needs).toEqual({ since: '2025-12-08', until: '2026-12-07' });
    expect((await signalsFreshness(database.db, methodV2, LATER)).upToDate).toBe(true);
    const detail = await explainSignal(database.db, { geo: 'county:21', ssyk: '9111', method: 'v2' });
    const row = detail.signal.explanation.indicators.find((i) => i.kind === 'employer_signals');
    expect(row?.display.sv).toBe('5 arbetsgivare, 12 personer, senast 7 december 2026');
    // After an import or at start-up: v1 is checked as before, and v2 (computed before) follows the needs too.
    await need('9111', 2, '2026-12-07', 'Ännu En Städare AB', LATER);
    const refreshed = await refreshSignalsIfStale(database, methodV1, () => LATER);
    expect(refreshed.computed).toBeUndefined();
    expect((await signalsFreshness(database.db, methodV2, LATER)).upToDate).toBe(true);
    const again = await explainSignal(database.db, { geo: 'county:21', ssyk: '9111', method: 'v2' });
    expect(again.signal.explanation.indicators.find((i) => i.kind === 'employer_signals')?.display.sv).toBe(
      '6 arbetsgivare, 14 personer, senast 7 december 2026',
    );
  });
});
