import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSignal } from './classify.js';
import { evidenceKinds, unstoredSignal } from './evidence.js';
import { findMethod, methods, methodV1, methodV2, scoresEmployerNeeds } from './method.js';
import { employerSignalsDisplay, keyIndicators, scoreIndicator } from './score.js';
import type { Indicator, IndicatorProvenance, SignalInput } from './types.js';

/** Method v2: v1 plus the employer needs recorded by the brokers (issue 11). */

const prov = (over: Partial<IndicatorProvenance> = {}): IndicatorProvenance => ({
  sourceId: 'test',
  period: '2026-1',
  asOf: '2026-06-30',
  unit: 'klass',
  estimated: false,
  ...over,
});
const needs = (employers: number | null, people: number | null, latest: string | null = '2026-10-03') =>
  ({
    kind: 'employer_signals',
    value: employers !== null && employers >= 3 ? employers : null,
    people: employers !== null && employers >= 3 ? people : null,
    latest: employers !== null && employers >= 3 ? latest : null,
    suppressed: employers === null || employers < 3,
    ...prov({ sourceId: 'semafor-arbetsgivarbehov', period: '2025-12-05–2026-12-04', asOf: '2026-12-04' }),
  }) satisfies Indicator;
const recruitment = (value: 'brist' | 'balans' | 'overskott' | 'paradox'): Indicator => ({
  kind: 'af_recruitment',
  value,
  ...prov({ sourceId: 'af-yrkesbarometer' }),
});
const jobs = (value: 'stora' | 'medelstora' | 'sma'): Indicator => ({
  kind: 'af_job_opportunities',
  value,
  ...prov({ sourceId: 'af-yrkesbarometer' }),
});
const index1y = (value: number): Indicator => ({
  kind: 'af_index_1y',
  value,
  ...prov({ sourceId: 'af-yrkesprognoser', unit: 'index 1–5' }),
});
const localIndex = (value: number): Indicator => ({
  kind: 'af_local_index',
  value,
  ...prov({ sourceId: 'af-fa', unit: 'index 1–5' }),
});
const change = (pct: number): Indicator => ({
  kind: 'employment_change',
  value: pct,
  fromYear: 2022,
  toYear: 2024,
  fromValue: 1000,
  toValue: 1000 * (1 + pct / 100) ** 2,
  acrossBreak: false,
  ...prov({ sourceId: 'scb-yrkesregistret', period: '2022–2024', unit: '% per år' }),
});
const share55 = (value: number): Indicator => ({
  kind: 'share_55_plus',
  value,
  ...prov({ sourceId: 'scb-yrkesregistret', unit: 'andel', estimated: true, measuredAt: 'country:SE' }),
});
const input = (indicators: Indicator[]): SignalInput => ({
  ssyk: '7212',
  geographyId: 'county:21',
  round: '2026-1',
  referenceDate: '2026-06-30',
  indicators,
  outlook: [],
  context: {},
});

describe('method v2: employer signals scored beside the others', () => {
  it('is known by version, reads needs, and leaves v1 the default (and without needs)', () => {
    expect(methods.map((m) => m.version)).toEqual(['v1', 'v2']);
    expect(findMethod('v2')).toBe(methodV2);
    expect(methodV2.hash).not.toBe(methodV1.hash);
    expect(scoresEmployerNeeds(methodV2.definition)).toBe(true);
    expect(scoresEmployerNeeds(methodV1.definition)).toBe(false);
    // Employer signals are an independent source of their own, but never the required direct assessment: the set of
    // indicators that can make evidence sufficient is v1's.
    expect([...evidenceKinds(methodV2.definition)].sort()).toEqual(
      [...evidenceKinds(methodV1.definition)].sort(),
    );
    expect(unstoredSignal(methodV2)).toEqual(unstoredSignal(methodV1));
  });

  it('weighs employers and people by the bands: score 3, weight 1–3, nothing below 3 employers', () => {
    const def = methodV2.definition;
    expect(scoreIndicator(needs(2, 40), def)).toMatchObject({ score: null });
    expect(scoreIndicator(needs(2, 40), def).reason.sv).toBe(
      'färre än 3 arbetsgivare räknas inte som en signal',
    );
    expect(scoreIndicator(needs(3, 3), def)).toMatchObject({ score: 3, weight: 1 });
    expect(scoreIndicator(needs(4, 11), def)).toMatchObject({ score: 3, weight: 1.5 });
    expect(scoreIndicator(needs(5, 9), def)).toMatchObject({ score: 3, weight: 1.5 });
    expect(scoreIndicator(needs(9, 24), def)).toMatchObject({ score: 3, weight: 2 });
    expect(scoreIndicator(needs(10, 25), def)).toMatchObject({ score: 3, weight: 3 });
    expect(scoreIndicator(needs(10, 25), def).reason.sv).toBe(
      'minst 10 arbetsgivare och minst 25 personer ger vikten 3',
    );
    // v1 shows the indicator but does not score it.
    expect(scoreIndicator(needs(10, 25), methodV1.definition).score).toBeNull();
  });

  it('explains the indicator as "4 arbetsgivare, 11 personer, senast 3 oktober 2026" and suppresses below 3', () => {
    expect(employerSignalsDisplay(needs(4, 11))).toEqual({
      sv: '4 arbetsgivare, 11 personer, senast 3 oktober 2026',
      en: '4 employers, 11 people, latest 3 October 2026',
    });
    expect(employerSignalsDisplay(needs(2, 7))).toEqual({
      sv: 'färre än 3 arbetsgivare',
      en: 'fewer than 3 employers',
    });
    const signal = computeSignal(input([recruitment('balans'), change(2), needs(4, 11)]), methodV2);
    const row = signal.explanation.indicators.find((i) => i.kind === 'employer_signals');
    expect(`${row?.label.sv}: ${row?.display.sv}`).toBe(
      'Arbetsgivarsignaler: 4 arbetsgivare, 11 personer, senast 3 oktober 2026',
    );
    expect(`${row?.label.en}: ${row?.display.en}`).toBe(
      'Employer signals: 4 employers, 11 people, latest 3 October 2026',
    );
    expect(row).toMatchObject({
      score: 3,
      weight: 1.5,
      effect: 'toward_shortage',
      evidenceGroup: 'arbetsgivarsignaler',
    });
    const few = computeSignal(input([recruitment('balans'), change(2), needs(2, 7)]), methodV2);
    const text = JSON.stringify(few);
    expect(text).toContain('färre än 3 arbetsgivare');
    expect(text).not.toMatch(/\b7 personer|\b2 arbetsgivare|oktober/);
    // A suppressed cell is never a key indicator of a list, and never moves the score: nothing leaks through it.
    expect(keyIndicators([needs(2, 7)], methodV2.definition)).toEqual([]);
    expect(keyIndicators([needs(3, 7)], methodV2.definition)).toMatchObject([
      { kind: 'employer_signals', value: 3 },
    ]);
    expect(few.score).toBe(computeSignal(input([recruitment('balans'), change(2)]), methodV1).score);
  });

  it('can tip a balance to shortage, counts as an independent source, but is never alone the assessment', () => {
    const base = [recruitment('balans'), jobs('medelstora')];
    const v1 = computeSignal(input(base), methodV1);
    // AF's barometer alone is one source: insufficient in v1.
    expect(v1.signalClass).toBe('otillrackligt_underlag');
    const v2 = computeSignal(input([...base, needs(10, 30)]), methodV2);
    expect(v2.evidence.groups).toEqual(['af-yrkesbarometer', 'arbetsgivarsignaler']);
    expect(v2.signalClass).toBe('brist');
    expect(v2.score).toBeCloseTo((1.5 * 3 + 1.5 + 3 * 3) / 7, 4);
    expect(v2.drivers.map((d) => d.code)).toContain('employer_signals');
    // Needs and a register series without any assessment: two sources, but no direct assessment.
    const noAssessment = computeSignal(input([change(4), needs(10, 30)]), methodV2);
    expect(noAssessment.signalClass).toBe('otillrackligt_underlag');
    expect(noAssessment.evidence.reason.sv).toContain('ingen direkt bedömning');
    // Employers reporting problems while AF sees small chances for job seekers: the paradox.
    const paradox = computeSignal(input([jobs('sma'), index1y(1.5), change(0), needs(3, 3)]), methodV2);
    expect(paradox.signalClass).toBe('paradox');
  });
});

const recruitmentArb = fc.option(fc.constantFrom('brist', 'balans', 'overskott', 'paradox' as const), {
  nil: undefined,
});
const othersArb = fc.record({
  recruitment: recruitmentArb,
  jobs: fc.option(fc.constantFrom('stora', 'medelstora', 'sma' as const), { nil: undefined }),
  index1y: fc.option(fc.double({ min: 1, max: 5, noNaN: true }), { nil: undefined }),
  local: fc.option(fc.double({ min: 1, max: 5, noNaN: true }), { nil: undefined }),
  change: fc.option(fc.double({ min: -10, max: 10, noNaN: true }), { nil: undefined }),
  share55: fc.option(fc.double({ min: 0, max: 0.6, noNaN: true }), { nil: undefined }),
});
type Others = typeof othersArb extends fc.Arbitrary<infer T> ? T : never;
const othersOf = (o: Others): Indicator[] =>
  [
    o.recruitment && recruitment(o.recruitment),
    o.jobs && jobs(o.jobs),
    o.index1y !== undefined && index1y(o.index1y),
    o.local !== undefined && localIndex(o.local),
    o.change !== undefined && change(o.change),
    o.share55 !== undefined && share55(o.share55),
  ].filter((x): x is Indicator => x !== false && x !== undefined);
const scoreOrLowest = (score: number | null): number => score ?? Number.NEGATIVE_INFINITY;

describe('method v2 properties', () => {
  it('more employers or more people never lower the v2 score, all else equal', () => {
    fc.assert(
      fc.property(
        othersArb,
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 30 }),
        (others, employers, people, moreEmployers, morePeople) => {
          const at = (e: number, p: number) =>
            computeSignal(
              input(e === 0 ? othersOf(others) : [...othersOf(others), needs(e, Math.max(e, p))]),
              methodV2,
              { explain: false },
            ).score;
          const before = scoreOrLowest(at(employers, people));
          expect(scoreOrLowest(at(employers + moreEmployers, people))).toBeGreaterThanOrEqual(before - 1e-9);
          expect(scoreOrLowest(at(employers, people + morePeople))).toBeGreaterThanOrEqual(before - 1e-9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("v2 without any needs (or with fewer than 3 employers) gives v1's class, score, outlook and drivers", () => {
    fc.assert(
      fc.property(othersArb, fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }), (others, few) => {
        const indicators = othersOf(others);
        const v1 = computeSignal(input(indicators), methodV1, { explain: false });
        const v2 = computeSignal(
          input(few === undefined ? indicators : [...indicators, needs(few, 5)]),
          methodV2,
          { explain: false },
        );
        expect(v2.signalClass).toBe(v1.signalClass);
        expect(v2.score).toBe(v1.score);
        expect(v2.watch).toBe(v1.watch);
        expect(v2.drivers).toEqual(v1.drivers);
        expect(v2.confidence).toBe(v1.confidence);
      }),
      { numRuns: 300 },
    );
  });
});
