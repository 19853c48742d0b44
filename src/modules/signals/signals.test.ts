import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Ajv } from 'ajv';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import {
  classLabels,
  computeSignal,
  defineMethod,
  type Indicator,
  type InputDefaults,
  methodV1,
  methodV1Definition,
  methodV2,
  scoreIndicator,
} from '../../core/signals/index.js';
import type { Database } from '../../db/client.js';
import { execute } from '../../db/execute.js';
import { testEngines } from '../../db/testing.js';
import { type App, buildApp } from '../../server/app.js';
import { findSources } from '../../sources/registry.js';
import { regionAdminActor, testOrganisationNumber } from '../../testing/needs-seed.js';
import { describeRealData, realDataDir } from '../../testing/real-data.js';
import { addArea } from '../areas/areas.service.js';
import { createEmployer } from '../employer-needs/employers.service.js';
import { recordNeed } from '../employer-needs/needs.service.js';
import { importSource, orderByDependencies } from '../imports/import.service.js';
import { compareMethods } from './signal-compare.service.js';
import { explainSignal } from './signal-detail.service.js';
import { listSignals } from './signal-list.service.js';
import { signalMap } from './signal-map.service.js';
import { listRounds } from './signal-rounds.service.js';
import { computeSignals, loadKnowledgeBase, SIGNAL_SOURCES } from './signals.service.js';
import { emptyDefaults, expandInputs } from './stored-inputs.js';

const dataDir = realDataDir;

/** Integration on the real open data in ../shared/data: import, compute every round, read through service and API. */
describeRealData.each(testEngines())('signals on real data ($name)', (engine) => {
  let database: Database;
  let app: App;
  let cacheDir: string;

  beforeAll(async () => {
    database = await engine.open();
    cacheDir = await mkdtemp(path.join(tmpdir(), 'semafor-signals-'));
    for (const adapter of orderByDependencies(findSources(SIGNAL_SOURCES))) {
      await importSource(database.db, adapter, { dataDir, cacheDir });
    }
    await addArea(database.db, { name: 'Södra Hälsingland', municipalities: ['2121', '2182', '2183'] });
    await computeSignals(database);
    app = await buildApp({ database, config: { dataDir, projectRoot }, logger: false });
  }, 900_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await rm(cacheDir, { recursive: true, force: true });
  });

  /** Kinds of the scored indicators of the stored signals per `geography|ssyk` of a round (from their inputs). */
  const storedIndicators = async (round: string, geoPrefix: string) => {
    const { rows } = await execute<{ geography_id: string; ssyk_code: string; inputs: unknown }>(
      database.db,
      sql`SELECT geography_id, ssyk_code, inputs FROM signals
          WHERE method_version = 'v1' AND round_id = ${round} AND geography_id LIKE ${`${geoPrefix}%`}`,
    );
    const scoredKinds = (value: unknown): string[] =>
      ((typeof value === 'string' ? JSON.parse(value) : value) as { indicators: Indicator[] }).indicators
        .filter((i) => scoreIndicator(i, methodV1Definition).score !== null)
        .map((i) => i.kind);
    return new Map(rows.map((r) => [`${r.geography_id}|${r.ssyk_code}`, scoredKinds(r.inputs)]));
  };

  const classOf = async (geo: string, round: string, ssyk: string) => {
    const list = await listSignals(database.db, { geo, round });
    return list.signals.find((s) => s.ssyk === ssyk)?.signalClass;
  };

  it('county:21 in round 18H: Anläggningsarbetare, Kockar och kallskänkor and Lastbilsförare are brist', async () => {
    expect(await classOf('county:21', '18H', '7114')).toBe('brist');
    expect(await classOf('county:21', '18H', '5120')).toBe('brist');
    expect(await classOf('county:21', '18H', '8332')).toBe('brist');
  });

  it('lists employees and estimated retirements per occupation from the stored context', async () => {
    const list = await listSignals(database.db, { geo: 'county:21', round: '18H' });
    const row = list.signals.find((s) => s.ssyk === '7114');
    const detail = await explainSignal(database.db, { geo: 'county:21', ssyk: '7114', round: '18H' });
    const context = detail.signal.explanation.context;
    expect(row?.employees?.value).toBeGreaterThan(0);
    expect(row?.employees).toEqual({ value: context.employees?.value, year: context.employees?.year });
    expect(row?.retirements?.within5).toBeGreaterThan(0);
    expect(row?.retirements?.within10).toBeGreaterThanOrEqual(row?.retirements?.within5 ?? 0);
    expect(row?.retirements).toEqual({
      within5: Math.round(context.retirements?.within5 ?? Number.NaN),
      within10: Math.round(context.retirements?.within10 ?? Number.NaN),
      estimated: context.retirements?.estimated,
    });
    // Unstored pairs (no AF assessment) carry no context in the list.
    const stored = await storedIndicators('18H', 'county:21');
    const unassessed = list.signals.find((s) => !stored.has(`county:21|${s.ssyk}`));
    expect(unassessed?.signalClass).toBe('otillrackligt_underlag');
    expect(unassessed?.employees).toBeNull();
    expect(unassessed?.retirements).toBeNull();
  });

  it('national round 2026-1: Revisorer brist, Ekonomiassistenter överskott', async () => {
    const list = await listSignals(database.db, { geo: 'country:SE', round: '2026-1' });
    const byLabel = (prefix: string) => list.signals.find((s) => s.label.sv.startsWith(prefix));
    expect(byLabel('Revisorer')).toMatchObject({ ssyk: '2411', signalClass: 'brist' });
    expect(byLabel('Ekonomiassistenter')).toMatchObject({ ssyk: '4111', signalClass: 'overskott' });
  });

  it('every occupation appears in every county; those with an AF index are classified, the rest are insufficient', async () => {
    const { kb } = await loadKnowledgeBase(database.db);
    expect(kb.ssykCodes).toHaveLength(400);
    const indexed = new Set(
      kb.forecast
        .filter((f) => f.roundId === '18H' && f.horizonYears === 1)
        .map((f) => `${f.geographyId}|${f.ssykCode}`),
    );
    const counties = [...kb.geos.values()].filter((g) => g.type === 'county');
    expect(counties).toHaveLength(21);
    let classified = 0;
    let thin = 0;
    const stored = await storedIndicators('18H', 'county:');
    for (const county of counties) {
      const list = await listSignals(database.db, { geo: county.id, round: '18H' });
      expect(list.signals).toHaveLength(400);
      for (const s of list.signals) {
        const hasIndex = indexed.has(`${county.id}|${s.ssyk}`);
        const kinds = stored.get(`${county.id}|${s.ssyk}`) ?? [];
        if (!hasIndex) {
          expect(s.signalClass).toBe('otillrackligt_underlag');
          expect(kinds).not.toContain('af_index_1y');
        } else if (s.signalClass === 'otillrackligt_underlag') {
          // AF assessed it, but no second independent source could be scored (e.g. under 50 employees in the county).
          expect(kinds).toContain('af_index_1y');
          expect(kinds).not.toContain('employment_change');
          thin += 1;
        } else {
          expect(kinds).toEqual(expect.arrayContaining(['af_index_1y', 'employment_change']));
          classified += 1;
        }
      }
    }
    // Most AF-assessed county occupations are classified; the rest lack a second scorable source.
    expect(classified).toBeGreaterThan(3 * thin);
    expect(classified).toBeGreaterThan(21 * 150);
  });

  it('lists all 400 occupations per computed geography; stores the pairs with an AF assessment', async () => {
    const { rows } = await execute<{ round_id: string; type: string; n: number }>(
      database.db,
      sql`SELECT round_id, split_part(geography_id, ':', 1) AS type, count(*)::int AS n
          FROM signals WHERE method_version = 'v1' GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const stored = (round: string, type: string) =>
      Number(rows.find((r) => r.round_id === round && r.type === type)?.n ?? 0);
    const { kb } = await loadKnowledgeBase(database.db);
    const countyPairs = new Set(
      kb.forecast
        .filter((f) => f.roundId === '18H' && f.horizonYears === 1 && f.geographyId.startsWith('county:'))
        .map((f) => `${f.geographyId}|${f.ssykCode}`),
    );
    expect(stored('18H', 'county')).toBe(countyPairs.size);
    expect(stored('2026-1', 'county')).toBe(0);
    const national = await listSignals(database.db, { geo: 'country:SE', round: '2026-1' });
    expect(national.signals).toHaveLength(400);
    const insufficient = national.signals.filter((s) => s.signalClass === 'otillrackligt_underlag').length;
    expect(stored('2026-1', 'country')).toBe(400 - insufficient);
    for (const geo of ['fa:36', 'area:sodra-halsingland', 'country:SE']) {
      expect((await listSignals(database.db, { geo, round: '18H' })).signals).toHaveLength(400);
    }
    const runs = await execute<{ round_id: string; signal_count: number }>(
      database.db,
      sql`SELECT round_id, signal_count FROM signal_runs WHERE method_version = 'v1' ORDER BY round_id`,
    );
    // 18H: country + 21 counties + 60 FA regions + 1 area; 2026-1: the country only.
    expect(runs.rows.map((r) => [r.round_id, Number(r.signal_count)])).toEqual([
      ['18H', 400 * 83],
      ['2025-2', 400 * 83],
      ['2026-1', 400],
    ]);
  });

  it('explains a pair without AF assessment on demand, with the SCB facts and why the evidence is insufficient', async () => {
    const list = await listSignals(database.db, { geo: 'county:21', round: '18H' });
    const stored = await storedIndicators('18H', 'county:21');
    const unassessed = list.signals.find((s) => !stored.has(`county:21|${s.ssyk}`));
    expect(unassessed?.signalClass).toBe('otillrackligt_underlag');
    const detail = await explainSignal(database.db, {
      geo: 'county:21',
      ssyk: unassessed?.ssyk ?? '',
      round: '18H',
    });
    expect(detail.signal.signalClass).toBe('otillrackligt_underlag');
    expect(detail.signal.evidence.satisfied).toBe(false);
    expect(detail.signal.explanation.summary.sv).toContain('Det betyder inte att det saknas brist');
    expect(detail.signal.explanation.indicators.every((i) => i.sourceId === 'scb-yrkesregistret')).toBe(true);
  });

  it('a custom area aggregates its members and says which had data', async () => {
    const detail = await explainSignal(database.db, {
      geo: 'area:sodra-halsingland',
      ssyk: '7114',
      round: '18H',
    });
    expect(detail.signal.signalClass).toBe('brist');
    expect(detail.signal.explanation.members?.withData.sort()).toEqual([
      'municipality:2121',
      'municipality:2182',
      'municipality:2183',
    ]);
    const employment = detail.signal.explanation.indicators.find((i) => i.kind === 'employment_change');
    expect(employment?.estimated).toBe(true);
    expect(detail.signal.explanation.context.retirements?.estimated).toBe(true);
  });

  it('lists the key indicators of each row: the scored indicators of its explanation, with value, source and period', async () => {
    const list = await listSignals(database.db, { geo: 'county:21', round: '18H' });
    const row = list.signals.find((s) => s.ssyk === '7114');
    const detail = await explainSignal(database.db, { geo: 'county:21', ssyk: '7114', round: '18H' });
    const scored = detail.signal.explanation.indicators.filter((i) => i.score !== null);
    expect(row?.keyIndicators.map((k) => [k.kind, k.score, k.sourceId, k.period, k.estimated])).toEqual(
      scored.map((i) => [i.kind, i.score, i.sourceId, i.period, i.estimated]),
    );
    expect(row?.keyIndicators[0]).toMatchObject({
      kind: 'af_index_1y',
      sourceId: 'af-yrkesprognoser',
      period: '18H',
    });
    expect(row?.keyIndicators[0]?.value).toBeCloseTo(4.42, 2);
    // Rows without a stored signal have none.
    expect(
      list.signals.find((s) => s.signalClass === 'otillrackligt_underlag' && s.employees === null)
        ?.keyIndicators,
    ).toEqual([]);
  });

  it('explains a signal: every indicator with value, source, period and effect, in Swedish and English', async () => {
    const detail = await explainSignal(database.db, { geo: 'county:21', ssyk: '7114', round: '18H' });
    const indicators = detail.signal.explanation.indicators;
    expect(indicators.map((i) => i.kind)).toEqual(['af_index_1y', 'employment_change', 'share_55_plus']);
    expect(indicators[0]).toMatchObject({
      sourceId: 'af-yrkesprognoser',
      period: '18H',
      score: 3,
      effect: 'toward_shortage',
    });
    expect(indicators[0]?.display.sv).toBe('4,42');
    expect(indicators[1]).toMatchObject({ sourceId: 'scb-yrkesregistret', period: '2015–2018' });
    expect(indicators[2]?.note?.en).toContain('National share');
    expect(detail.signal.explanation.summary.sv).toMatch(/^Brist: viktad poäng/);
    expect(detail.signal.explanation.summary.en).toMatch(/^Shortage: weighted score/);
    expect(detail.signal.outlook).not.toBeNull();
    expect(detail.signal.methodHash).toBe(methodV1.hash);
  });

  it('defaults a county to the round with the widest coverage, not the newest (which assesses 3 occupations)', async () => {
    const rounds = await listRounds(database.db);
    const newest = rounds.find((r) => r.geographyTypes.includes('county'));
    expect(newest?.roundId).toBe('2025-2');
    expect(newest?.coverage.county).toBe(3);
    const widest = [...rounds]
      .filter((r) => r.geographyTypes.includes('county'))
      .sort((a, b) => (b.coverage.county ?? 0) - (a.coverage.county ?? 0))[0];
    expect(widest?.coverage.county).toBeGreaterThan(50);
    expect(widest?.defaultFor).toContain('county');
    expect(rounds.filter((r) => r.defaultFor.includes('county'))).toHaveLength(1);
    const list = await listSignals(database.db, { geo: 'county:21' });
    expect(list.round.roundId).toBe(widest?.roundId);
    expect(list.roundChoice).toBe('widest_coverage');
    const assessed = list.signals.filter((s) => s.signalClass !== 'otillrackligt_underlag').length;
    expect(assessed).toBeGreaterThan(3);
    const asked = await listSignals(database.db, { geo: 'county:21', round: '2025-2' });
    expect(asked.roundChoice).toBe('requested');
    expect(asked.round.roundId).toBe('2025-2');
    // The national-only round is the default for the country only when nothing covers more occupations there.
    const country = rounds.find((r) => r.defaultFor.includes('country'));
    for (const r of rounds)
      expect(r.coverage.country ?? 0).toBeLessThanOrEqual(country?.coverage.country ?? 0);
  });

  it('explains every signal of a county consistently: score line vs evidence rule, direction vs the table (5323)', async () => {
    const detail = await explainSignal(database.db, { geo: 'county:21', ssyk: '5323' });
    const { signal } = detail;
    const effects = signal.explanation.indicators.map((i) => i.effect);
    // The case of issue 16 (one source, shortage-level score) depends on which SCB files are present; whichever
    // class the data gives, the score line and direction must agree with it and with the table.
    if (signal.signalClass === 'otillrackligt_underlag' && signal.score !== null) {
      expect(signal.explanation.score.sv).toMatch(/krävs/);
    } else if (signal.score !== null) {
      expect(signal.explanation.score.sv).toMatch(/av 3$/);
    }
    if (
      signal.drivers.length === 0 &&
      (effects.includes('toward_shortage') || effects.includes('toward_surplus'))
    ) {
      expect(signal.explanation.direction.sv).not.toContain('Inga indikatorer');
    }
    // The same over every occupation of the county's list in the default round.
    const list = await listSignals(database.db, { geo: 'county:21' });
    for (const row of list.signals.filter((r) => r.score !== null)) {
      const d = (await explainSignal(database.db, { geo: 'county:21', ssyk: row.ssyk })).signal;
      const decided = d.signalClass !== 'otillrackligt_underlag';
      expect(d.explanation.score.sv.includes('av 3'), `${row.ssyk} score line`).toBe(decided);
      const pulls = d.explanation.indicators.some(
        (i) => i.effect === 'toward_shortage' || i.effect === 'toward_surplus',
      );
      if (d.drivers.length === 0) {
        expect(d.explanation.direction.sv.startsWith('Inga indikatorer'), `${row.ssyk} direction`).toBe(
          !pulls,
        );
      }
    }
  });

  it('every stored signal explains itself consistently: class vs score vs evidence rule, drivers vs the table, the score line, and the geography of every outlook figure', async () => {
    const thresholds = methodV1Definition.classes;
    // Drivers that name a side must agree with their indicator's effect in the table.
    const towardShortage = new Set(['af_shortage', 'local_shortage', 'employment_growth', 'retirements']);
    const towardSurplus = new Set(['af_surplus', 'local_surplus', 'employment_decline']);
    const runs = await execute<{ round_id: string; reference_date: string; input_defaults: unknown }>(
      database.db,
      sql`SELECT round_id, reference_date, input_defaults FROM signal_runs WHERE method_version = 'v1'`,
    );
    let checked = 0;
    const problems: string[] = [];
    for (const run of runs.rows) {
      const parse = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;
      const defaults = run.input_defaults
        ? parse<InputDefaults>(run.input_defaults)
        : emptyDefaults(String(run.reference_date).slice(0, 10));
      const { rows } = await execute<{
        geography_id: string;
        ssyk_code: string;
        signal_class: string;
        inputs: unknown;
      }>(
        database.db,
        sql`SELECT geography_id, ssyk_code, signal_class, inputs FROM signals
            WHERE method_version = 'v1' AND round_id = ${run.round_id}`,
      );
      for (const row of rows) {
        const key = `${run.round_id} ${row.geography_id} ${row.ssyk_code}`;
        const input = expandInputs(parse(row.inputs), defaults, {
          ssyk: row.ssyk_code,
          geographyId: row.geography_id,
          round: run.round_id,
        });
        const signal = computeSignal(input, methodV1);
        checked += 1;
        // The stored class is the one the explanation gives.
        if (signal.signalClass !== row.signal_class)
          problems.push(`${key}: stored ${row.signal_class}, explained ${signal.signalClass}`);
        // Class vs score vs evidence rule.
        if (!signal.evidence.satisfied && signal.signalClass !== 'otillrackligt_underlag')
          problems.push(`${key}: evidence not met but class ${signal.signalClass}`);
        const score = signal.score;
        if (signal.signalClass === 'brist' && !(score !== null && score >= thresholds.shortageMin))
          problems.push(`${key}: brist with score ${score}`);
        if (signal.signalClass === 'overskott' && !(score !== null && score <= thresholds.surplusMax))
          problems.push(`${key}: overskott with score ${score}`);
        if (
          signal.signalClass === 'balans' &&
          !(score !== null && score > thresholds.surplusMax && score < thresholds.shortageMin)
        )
          problems.push(`${key}: balans with score ${score}`);
        if (
          signal.watch &&
          !(signal.signalClass === 'balans' && score !== null && score >= thresholds.watchMin)
        )
          problems.push(`${key}: watch with ${signal.signalClass} ${score}`);
        // The score line: "x av 3" exactly where the class follows from the score, the rule's reason elsewhere.
        if (score !== null) {
          const decided = signal.signalClass !== 'otillrackligt_underlag';
          if (signal.explanation.score.sv.includes('av 3') !== decided)
            problems.push(`${key}: score line "${signal.explanation.score.sv}"`);
        }
        // The summary starts with the class in words.
        if (!signal.explanation.summary.sv.startsWith(classLabels[signal.signalClass].sv))
          problems.push(`${key}: summary "${signal.explanation.summary.sv.slice(0, 40)}"`);
        // Drivers vs the table's directions; without drivers, the direction sentence vs the table.
        const effects = new Map(signal.explanation.indicators.map((i) => [i.kind, i.effect]));
        for (const driver of signal.drivers) {
          const effect = effects.get(driver.indicator);
          if (towardShortage.has(driver.code) && effect !== 'toward_shortage')
            problems.push(`${key}: driver ${driver.code} but ${driver.indicator} is ${effect}`);
          if (towardSurplus.has(driver.code) && effect !== 'toward_surplus')
            problems.push(`${key}: driver ${driver.code} but ${driver.indicator} is ${effect}`);
        }
        const pulls = [...effects.values()].some((e) => e === 'toward_shortage' || e === 'toward_surplus');
        if (
          signal.drivers.length === 0 &&
          signal.explanation.direction.sv.startsWith('Inga indikatorer') === pulls
        )
          problems.push(
            `${key}: direction "${signal.explanation.direction.sv.slice(0, 50)}" with pulls=${pulls}`,
          );
        // Every outlook figure measured elsewhere names its geography.
        for (const o of signal.explanation.outlook) {
          if (
            o.measuredAt?.startsWith('country:') &&
            o.measuredAt !== row.geography_id &&
            o.kind === 'af_index_5y'
          ) {
            if (!o.display.sv.includes('hela riket') || !o.display.en.includes('Sweden'))
              problems.push(`${key}: outlook "${o.display.sv}" does not name the country`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(problems.slice(0, 20), `${problems.length} of ${checked} signals`).toEqual([]);
  });

  it("marks 18H's share aged 55+ and retirements as a series break: SCB counts 65–69 only from 2023", async () => {
    const { kb } = await loadKnowledgeBase(database.db, { ssyk: '7114' });
    const group = (year: number) =>
      kb.ages
        .get('7114')
        ?.get(year)
        ?.find((g) => g.ageGroup === '65-69');
    expect(group(2018)?.employees).toBe(0);
    expect(group(2023)?.employees).toBeGreaterThan(0);
    const detail = await explainSignal(database.db, { geo: 'county:21', ssyk: '7114', round: '18H' });
    const share = detail.signal.explanation.indicators.find((i) => i.kind === 'share_55_plus');
    expect(share?.note?.sv).toContain('Seriebrott: SCB räknar åldersgruppen 65–69 först från 2023');
    expect(detail.signal.explanation.context.retirements).toMatchObject({ ageGroupsMissing: ['65-69'] });
    expect(detail.signal.explanation.context.retirements?.note?.en).toContain('65–69');
    const later = await explainSignal(database.db, { geo: 'country:SE', ssyk: '2411', round: '2026-1' });
    expect(later.signal.explanation.context.retirements?.ageGroupsMissing).toBeUndefined();
    expect(
      later.signal.explanation.indicators.find((i) => i.kind === 'share_55_plus')?.note?.sv,
    ).not.toContain('Seriebrott');
  });

  it('never computes a change across a series break without saying so', async () => {
    const list = await listSignals(database.db, { geo: 'county:21', round: '2026-1' }).catch((e: Error) => e);
    expect(list).toBeInstanceOf(Error); // national-only round: no county signals
    const national = await explainSignal(database.db, { geo: 'country:SE', ssyk: '2411', round: '2026-1' });
    const change = national.signal.explanation.indicators.find((i) => i.kind === 'employment_change');
    // 2023–2024 lies inside the series that starts in 2023 (65–69-year-olds included).
    expect(change?.period).toBe('2023–2024');
  });

  it('skips unchanged rounds, and a new method version keeps the old results', async () => {
    const again = await computeSignals(database);
    expect(again.rounds.every((r) => r.status === 'unchanged')).toBe(true);
    const strict = structuredClone(methodV1Definition);
    strict.version = 'test-strict';
    strict.classes.shortageMin = 2.9;
    const summary = await computeSignals(database, { method: defineMethod(strict), rounds: ['2026-1'] });
    expect(summary.rounds[0]).toMatchObject({ roundId: '2026-1', status: 'computed', signals: 400 });
    expect(summary.rounds[0]?.stored).toBeGreaterThan(150);
    const { rows } = await execute<{ method_version: string; n: number }>(
      database.db,
      sql`SELECT method_version, count(*)::int AS n FROM signals WHERE round_id = '2026-1' GROUP BY 1 ORDER BY 1`,
    );
    expect(rows.map((r) => r.method_version)).toEqual(['test-strict', 'v1']);
    expect(Number(rows[0]?.n)).toBe(Number(rows[1]?.n));
    const v1Brist = (await listSignals(database.db, { geo: 'country:SE', round: '2026-1' })).signals.filter(
      (s) => s.signalClass === 'brist',
    ).length;
    const { rows: strictRows } = await execute<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM signals WHERE method_version = 'test-strict' AND signal_class = 'brist'`,
    );
    expect(Number(strictRows[0]?.n)).toBeLessThan(v1Brist);
  });

  it('names an unknown round and stops its worker', async () => {
    // A live worker holds a MessagePort among the process's active resources (checked: a leaked one shows here).
    const ports = () =>
      (process as unknown as { getActiveResourcesInfo(): string[] })
        .getActiveResourcesInfo()
        .filter((r) => r === 'MessagePort').length;
    const before = ports();
    await expect(computeSignals(database, { rounds: ['1999-1'] })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('1999-1'),
    });
    expect(ports()).toBe(before);
  });

  it('a computation that fails in its worker leaves the stored signals as they were', async () => {
    const snapshot = async () =>
      (
        await execute<{ n: number; classes: string }>(
          database.db,
          sql`SELECT count(*)::int AS n, string_agg(signal_class, '' ORDER BY geography_id, ssyk_code) AS classes
              FROM signals WHERE method_version = 'v1' AND round_id = '18H'`,
        )
      ).rows[0];
    const before = await snapshot();
    // Same version, a banded rule without bands: the worker throws on the first signal that has the index, after
    // the round's old rows were deleted inside the transaction.
    const broken = defineMethod({
      ...methodV1Definition,
      indicators: {
        ...methodV1Definition.indicators,
        af_index_1y: { ...methodV1Definition.indicators.af_index_1y, scoring: 'bands', bands: [] },
      },
    });
    await expect(
      computeSignals(database, { method: broken, rounds: ['18H'], force: true }),
    ).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
    expect(Number(before?.n)).toBeGreaterThan(10_000);
  });

  it('maps one occupation over counties, FA regions and municipalities', async () => {
    const counties = await signalMap(database.db, { ssyk: '7114', type: 'county', round: '18H' });
    expect(counties.entries).toHaveLength(21);
    const fa = await signalMap(database.db, { ssyk: '7114', type: 'fa', round: '18H' });
    expect(fa.entries).toHaveLength(60);
    const municipalities = await signalMap(database.db, { ssyk: '7114', type: 'municipality', round: '18H' });
    expect(municipalities.entries).toHaveLength(290);
    expect(municipalities.entries.find((e) => e.geographyId === 'municipality:2180')).toMatchObject({
      via: 'county:21',
      signalClass: 'brist',
    });
  });

  it('serves the API: list with filters, explanation, map, rounds and areas', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/signals?geo=county:21&round=18H&class=brist' });
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-type']).toContain('application/json');
    const body = list.json() as { total: number; signals: Array<{ ssyk: string; signalClass: string }> };
    expect(body.signals.every((s) => s.signalClass === 'brist')).toBe(true);
    expect(body.signals.map((s) => s.ssyk)).toEqual(expect.arrayContaining(['7114', '5120', '8332']));
    const field = await app.inject({
      method: 'GET',
      url: `/api/signals?geo=county:21&round=18H&field=${encodeURIComponent('Bygg och anläggning')}`,
    });
    const fieldBody = field.json() as {
      fields: Record<string, { sv: string; en: string }>;
      signals: Array<{ fieldId: string | null }>;
    };
    expect(fieldBody.signals.length).toBeGreaterThan(0);
    expect(fieldBody.fields).toEqual({
      'bygg-anlaggning': { sv: 'Bygg och anläggning', en: 'Building and civil engineering' },
    });
    expect(fieldBody.signals.every((s) => s.fieldId === 'bygg-anlaggning')).toBe(true);
    const seqf = await app.inject({ method: 'GET', url: '/api/signals?geo=county:21&round=18H&seqf=6-8' });
    expect((seqf.json() as { signals: Array<{ seqf: string }> }).signals.every((s) => s.seqf === '6-8')).toBe(
      true,
    );

    const detail = await app.inject({ method: 'GET', url: '/api/signals/8332?geo=county:21&round=18H' });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().signal.signalClass).toBe('brist');

    const map = await app.inject({ method: 'GET', url: '/api/signals/8332/map?type=county&round=18H' });
    expect(map.json().entries).toHaveLength(21);

    const rounds = await app.inject({ method: 'GET', url: '/api/signals/rounds' });
    expect((rounds.json().rounds as Array<{ roundId: string }>).map((r) => r.roundId)).toEqual([
      '2026-1',
      '2025-2',
      '18H',
    ]);
    // Every round carries its horizon and the age of its data at the time of the request (the clock is real here:
    // 18H's reference date 31 December 2018 is old under the two-year default whenever this test runs).
    const r18 = (rounds.json().rounds as Array<Record<string, unknown>>).find((r) => r.roundId === '18H');
    expect(r18?.horizon).toEqual({ assessmentYears: 1, outlookYears: 5 });
    expect(r18?.age).toMatchObject({ referenceDate: '2018-12-31', isOld: true, oldAfterYears: 2 });
    const aged = await listRounds(database.db, undefined, new Date('2019-06-30T12:00:00Z'));
    expect(aged.find((r) => r.roundId === '18H')?.age).toEqual({
      referenceDate: '2018-12-31',
      months: 6,
      words: { sv: '6 månader', en: '6 months' },
      isOld: false,
      oldAfterYears: 2,
    });

    const areas = await app.inject({ method: 'GET', url: '/api/areas' });
    expect(areas.json().areas[0]).toMatchObject({
      id: 'area:sodra-halsingland',
      name: 'Södra Hälsingland',
      parentId: 'county:21',
    });

    const missing = await app.inject({ method: 'GET', url: '/api/signals?geo=county:99&round=18H' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    const bad = await app.inject({ method: 'GET', url: '/api/signals?geo=county:21&class=maybe' });
    expect(bad.statusCode).toBe(400);
  });

  it('sends the list as the OpenAPI document describes it: field names once, every field id resolves', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/signals?geo=county:21&round=18H' });
    const body = response.json() as {
      total: number;
      fields: Record<string, unknown>;
      signals: Array<{ fieldId: string | null }>;
    };
    expect(body.total).toBe(400);
    const used = new Set(body.signals.map((s) => s.fieldId).filter((id) => id !== null));
    expect(new Set(Object.keys(body.fields))).toEqual(used);
    // The document's schema has no additional properties anywhere, so it names exactly what is sent.
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const schema = doc.paths['/api/signals'].get.responses['200'].content['application/json'].schema;
    const validate = new Ajv({ strict: false, allErrors: true }).compile(withoutNullableBesideAnyOf(schema));
    expect(validate(body), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('sends an explanation as the OpenAPI document describes it (outlook may be null)', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const schema = doc.paths['/api/signals/{ssyk}'].get.responses['200'].content['application/json'].schema;
    const validate = new Ajv({ strict: false, allErrors: true }).compile(withoutNullableBesideAnyOf(schema));
    for (const url of [
      '/api/signals/7114?geo=county:21&round=18H',
      // An occupation without an assessment: insufficient evidence, no outlook.
      '/api/signals/0110?geo=county:21&round=18H',
    ]) {
      const body = (await app.inject({ method: 'GET', url })).json();
      expect(validate(body), `${url}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }
  });

  it('serves the list and maps brotli- or gzip-compressed by Accept-Encoding, with an ETag and 304 on If-None-Match', async () => {
    const url = '/api/signals?geo=county:21&round=18H';
    const plain = await app.inject({ method: 'GET', url });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.headers['cache-control']).toBe('no-cache');
    expect(plain.headers.etag).toMatch(/^"[\w-]+"$/);
    const json = plain.json();
    const decoders = { br: brotliDecompressSync, gzip: gunzipSync };
    for (const [coding, accept] of [
      ['br', 'gzip, deflate, br'],
      ['gzip', 'gzip, deflate'],
    ] as const) {
      const packed = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': accept } });
      expect(packed.statusCode).toBe(200);
      expect(packed.headers['content-encoding']).toBe(coding);
      expect(packed.headers.vary).toBe('Accept-Encoding');
      expect(packed.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(Number(packed.headers['content-length'])).toBe(packed.rawPayload.length);
      expect(packed.rawPayload.length).toBeLessThan(plain.rawPayload.length / 5);
      expect(JSON.parse(decoders[coding](packed.rawPayload).toString('utf8'))).toEqual(json);
      const etag = String(packed.headers.etag);
      expect(etag).not.toBe(plain.headers.etag);

      const again = await app.inject({
        method: 'GET',
        url,
        headers: { 'accept-encoding': accept, 'if-none-match': etag },
      });
      expect(again.statusCode).toBe(304);
      expect(again.rawPayload.length).toBe(0);
      expect(again.headers.etag).toBe(etag);
      expect(again.headers.vary).toBe('Accept-Encoding');
    }
    // The map of one occupation is served the same way.
    const mapUrl = '/api/signals/7114/map?type=municipality&round=18H';
    const map = await app.inject({ method: 'GET', url: mapUrl });
    const mapBr = await app.inject({ method: 'GET', url: mapUrl, headers: { 'accept-encoding': 'br' } });
    expect(mapBr.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(mapBr.rawPayload).toString('utf8'))).toEqual(map.json());
    expect(map.json().entries).toHaveLength(290);
    const mapAgain = await app.inject({
      method: 'GET',
      url: mapUrl,
      headers: { 'accept-encoding': 'br', 'if-none-match': String(mapBr.headers.etag) },
    });
    expect(mapAgain.statusCode).toBe(304);
    // Another list has other bytes and so another ETag.
    const other = await app.inject({
      method: 'GET',
      url: '/api/signals?geo=county:20&round=18H',
      headers: { 'if-none-match': String(plain.headers.etag) },
    });
    expect(other.statusCode).toBe(200);
    expect(other.headers.etag).not.toBe(plain.headers.etag);
  });
  it('v1 vs v2 side by side: needs seeded in county 21 change exactly the occupations they should, nothing else', async () => {
    const actor = regionAdminActor('county:21');
    const now = new Date('2026-12-04T12:00:00Z');
    let n = 0;
    const need = async (ssyk: string, people: number, municipalityCode: string) => {
      n += 1;
      const organisationNumber = testOrganisationNumber('55691', n);
      const employer = await createEmployer(
        database.db,
        { organisationNumber, name: `Arbetsgivare ${n} AB`, municipalityCode },
        actor,
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
          date: `2026-0${1 + (n % 9)}-15`,
        },
        actor,
        now,
      );
    };
    const seeded: Array<[string, number, number]> = [
      ['9111', 10, 3],
      ['4112', 4, 3],
      ['2611', 3, 1],
      ['7114', 3, 2],
      ['5321', 2, 5],
    ];
    for (const [ssyk, employers, people] of seeded) {
      for (let e = 0; e < employers; e++) await need(ssyk, people, e % 2 === 0 ? '2180' : '2182');
    }
    const summary = await computeSignals(database, { method: methodV2, rounds: ['18H'], now: () => now });
    expect(summary.needs).toEqual({ since: '2025-12-05', until: '2026-12-04' });
    const c = await compareMethods(database.db, { geo: 'county:21', methods: ['v1', 'v2'], round: '18H' });
    // Exactly these change, each because v2 scores the employers (counted from 3); 5321 with 2 employers and the
    // other 395 occupations keep v1's class and score.
    expect(
      c.changed.map((x) => [
        x.ssyk,
        x.methods.v1?.signalClass,
        x.methods.v1?.score,
        x.methods.v2?.signalClass,
        x.methods.v2?.score,
      ]),
    ).toEqual([
      ['9111', 'balans', 1.7222, 'brist', 2.2333],
      ['2611', 'otillrackligt_underlag', 2.7857, 'brist', 2.8333],
      ['4112', 'brist', 2.2222, 'brist', 2.4167],
      ['7114', 'brist', 2.8333, 'brist', 2.8636],
    ]);
    expect(c.changed.map((x) => x.why.sv)).toEqual([
      'v2 räknar in Arbetsgivarsignaler: 10 arbetsgivare.',
      'v2 räknar in Arbetsgivarsignaler: 3 arbetsgivare.',
      'v2 räknar in Arbetsgivarsignaler: 4 arbetsgivare.',
      'v2 räknar in Arbetsgivarsignaler: 3 arbetsgivare.',
    ]);
    expect([c.classChanged, c.scoreChanged, c.unchanged]).toEqual([2, 2, 396]);
    expect(c.occupations).toBe(400);
    // Another county without needs: v2 is v1 everywhere.
    const other = await compareMethods(database.db, {
      geo: 'county:03',
      methods: ['v1', 'v2'],
      round: '18H',
    });
    expect([other.changed, other.unchanged]).toEqual([[], 400]);
  }, 300_000);
});

/** OpenAPI 3.0 puts `nullable` beside `anyOf`, where Ajv rejects it (it has no effect there): drop it to compile. */
function withoutNullableBesideAnyOf(schema: unknown): object {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const result = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    if ('nullable' in result && !('type' in result)) delete result.nullable;
    return result;
  };
  return walk(schema) as object;
}
