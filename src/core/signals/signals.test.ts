import { describe, expect, it } from 'vitest';
import { aggregateIndicators } from './aggregate.js';
import { computeOutlook, computeSignal } from './classify.js';
import { evidenceKinds, mayHaveSufficientEvidence, unstoredSignal } from './evidence.js';
import { canonicalJson, defineMethod, methodV1, methodV1Definition } from './method.js';
import { ageSeriesBreak, ageShares, estimateRetirements } from './retirements.js';
import { bandFor, keyIndicators, scoreIndicator } from './score.js';
import { latestComparableChange, scbOccupationRegisterBreaks, uncountedAgeGroups } from './series.js';
import type { Indicator, IndicatorProvenance, OutlookInput, SignalInput } from './types.js';

const def = methodV1Definition;
const prov = (over: Partial<IndicatorProvenance> = {}): IndicatorProvenance => ({
  sourceId: 'test',
  period: '18H',
  asOf: '2018-12-31',
  unit: 'index 1–5',
  estimated: false,
  ...over,
});
const index1y = (value: number, over: Partial<IndicatorProvenance> = {}): Indicator => ({
  kind: 'af_index_1y',
  value,
  ...prov({ sourceId: 'af-yrkesprognoser', ...over }),
});
const localIndex = (value: number): Indicator => ({
  kind: 'af_local_index',
  value,
  ...prov({ sourceId: 'af-fa' }),
});
const recruitment = (
  value: 'brist' | 'balans' | 'overskott' | 'paradox',
  over: Partial<IndicatorProvenance> = {},
): Indicator => ({
  kind: 'af_recruitment',
  value,
  ...prov({ sourceId: 'af-yrkesbarometer', period: '2026-1', asOf: '2026-06-30', unit: 'klass', ...over }),
});
const jobs = (value: 'stora' | 'medelstora' | 'sma'): Indicator => ({
  kind: 'af_job_opportunities',
  value,
  ...prov({ sourceId: 'af-yrkesbarometer', period: '2026-1', asOf: '2026-06-30', unit: 'klass' }),
});
const change = (
  pct: number,
  over: Partial<Extract<Indicator, { kind: 'employment_change' }>> = {},
): Indicator => ({
  kind: 'employment_change',
  value: pct,
  fromYear: 2017,
  toYear: 2018,
  fromValue: 1000,
  toValue: 1000 * (1 + pct / 100),
  acrossBreak: false,
  ...prov({ sourceId: 'scb-yrkesregistret', period: '2017–2018', unit: '% per år' }),
  ...over,
});
const share55 = (value: number, estimated = true): Indicator => ({
  kind: 'share_55_plus',
  value,
  ...prov({
    sourceId: 'scb-yrkesregistret',
    period: '2018',
    unit: 'andel',
    estimated,
    ...(estimated ? { measuredAt: 'country:SE' } : {}),
  }),
});

const input = (indicators: Indicator[], over: Partial<SignalInput> = {}): SignalInput => ({
  ssyk: '7114',
  geographyId: 'county:21',
  round: '18H',
  referenceDate: '2018-12-31',
  indicators,
  outlook: [],
  context: {},
  ...over,
});
const run = (indicators: Indicator[], over: Partial<SignalInput> = {}) =>
  computeSignal(input(indicators, over), methodV1);

describe('scoring bands', () => {
  it("uses AF's 1–5 bands with half-open intervals (a boundary value belongs to the upper band)", () => {
    const bands = def.indicators.af_index_1y.scoring === 'bands' ? def.indicators.af_index_1y.bands : [];
    expect(bandFor(bands, 1).score).toBe(0);
    expect(bandFor(bands, 1.99).score).toBe(0);
    expect(bandFor(bands, 2).score).toBe(1);
    expect(bandFor(bands, 2.89).score).toBe(1);
    expect(bandFor(bands, 2.9).score).toBe(1.5);
    expect(bandFor(bands, 3.29).score).toBe(1.5);
    expect(bandFor(bands, 3.3).score).toBe(2);
    expect(bandFor(bands, 4).score).toBe(3);
    expect(bandFor(bands, 5).score).toBe(3);
    expect(bandFor(bands, 0.5).score).toBe(0);
  });

  it('scores barometer categories brist 3, paradox 2.5, balans 1.5, överskott 0', () => {
    expect(scoreIndicator(recruitment('brist'), def).score).toBe(3);
    expect(scoreIndicator(recruitment('paradox'), def).score).toBe(2.5);
    expect(scoreIndicator(recruitment('balans'), def).score).toBe(1.5);
    expect(scoreIndicator(recruitment('overskott'), def).score).toBe(0);
    expect(scoreIndicator(jobs('medelstora'), def).score).toBe(1.5);
  });

  it('does not score employment change on a tiny base, across a series break, or empty slots', () => {
    expect(scoreIndicator(change(5, { fromValue: 20, toValue: 21 }), def).score).toBeNull();
    const across = scoreIndicator(change(5, { acrossBreak: true }), def);
    expect(across.score).toBeNull();
    expect(across.reason.sv).toContain('seriebrott');
    const slot: Indicator = {
      kind: 'employer_signals',
      value: null,
      people: null,
      latest: null,
      suppressed: true,
      ...prov(),
    };
    expect(scoreIndicator(slot, def).score).toBeNull();
    expect(scoreIndicator({ kind: 'education_supply', value: null, ...prov() }, def).score).toBeNull();
  });

  it('key indicators are the scored ones, in input order, with value, score, source and period', () => {
    const slot: Indicator = {
      kind: 'employer_signals',
      value: null,
      people: null,
      latest: null,
      suppressed: true,
      ...prov(),
    };
    const keys = keyIndicators([index1y(4.42), change(5, { acrossBreak: true }), slot, change(2)], def);
    expect(keys.map((k) => [k.kind, k.value, k.score])).toEqual([
      ['af_index_1y', 4.42, 3],
      ['employment_change', 2, 2],
    ]);
    expect(keys[0]).toMatchObject({ sourceId: index1y(4.42).sourceId, period: index1y(4.42).period });
  });
});

describe('classes', () => {
  it('brist: AF index 4.42 and growing employment', () => {
    const s = run([index1y(4.42), change(2)]);
    expect(s.score).toBe(2.75); // (3×3 + 2×1) / 4
    expect(s.signalClass).toBe('brist');
    expect(s.watch).toBe(false);
    expect(s.drivers.map((d) => d.code)).toEqual(['af_shortage', 'employment_growth']);
  });

  it('a score exactly at 2.0 is brist', () => {
    const s = run([index1y(3.5), change(2)]); // (2×3 + 2×1) / 4 = 2
    expect(s.score).toBe(2);
    expect(s.signalClass).toBe('brist');
  });

  it('a score exactly at 1.5 is balans with the watch flag; just below is balans without', () => {
    const watch = run([index1y(3), localIndex(3)]); // 1.5 and 1.5
    expect(watch.score).toBe(1.5);
    expect(watch.signalClass).toBe('balans');
    expect(watch.watch).toBe(true);
    expect(watch.explanation.summary.sv).toContain('Bevaka');
    const plain = run([index1y(3), change(0.5)]); // (1.5×3 + 1) / 4 = 1.375
    expect(plain.signalClass).toBe('balans');
    expect(plain.watch).toBe(false);
  });

  it('a score exactly at 1.0 is överskott; above is balans', () => {
    const surplus = run([index1y(2.5), change(0)]); // (1×3 + 1×1) / 4 = 1
    expect(surplus.score).toBe(1);
    expect(surplus.signalClass).toBe('overskott');
    const balance = run([index1y(2.5), change(2)]); // (3 + 2) / 4 = 1.25
    expect(balance.signalClass).toBe('balans');
  });

  it('överskott: AF says surplus and employment falls', () => {
    const s = run([recruitment('overskott'), jobs('sma'), change(-4.9), share55(0.31, false)], {
      geographyId: 'country:SE',
      round: '2026-1',
      referenceDate: '2026-06-30',
    });
    expect(s.signalClass).toBe('overskott');
    expect(s.drivers.map((d) => d.code)).toEqual(['af_surplus', 'employment_decline']);
  });

  it('paradox where AF says so', () => {
    const s = run([recruitment('paradox'), change(1.5)]);
    expect(s.signalClass).toBe('paradox');
    expect(s.explanation.summary.sv).toContain('paradox');
  });

  it('paradox where recruitment problems meet a surplus of job seekers', () => {
    const s = run([recruitment('brist'), jobs('sma'), change(1.5)]);
    expect(s.signalClass).toBe('paradox');
    expect(s.drivers.map((d) => d.code).slice(0, 2)).toEqual(['recruitment_problems', 'jobseeker_surplus']);
  });
});

describe('drivers', () => {
  it('rank by weight × distance from balance: the AF index (weight 3) before the local index (weight 2)', () => {
    // Both score 1 (index 2.5). Ranking by `3 − contribution` put the lighter local index first.
    const s = run([index1y(2.5), localIndex(2.5)]);
    expect(s.signalClass).toBe('overskott');
    expect(s.drivers.map((d) => d.code)).toEqual(['af_surplus', 'local_surplus']);
    const shortage = run([index1y(4.5), localIndex(4.5)]);
    expect(shortage.drivers.map((d) => d.code)).toEqual(['af_shortage', 'local_shortage']);
  });

  it('a farther score outranks a heavier weight when weight × distance says so', () => {
    // local index 1.5 → score 0, distance 1.5 × weight 2 = 3; AF index 2.5 → score 1, distance 0.5 × 3 = 1.5.
    const s = run([index1y(2.5), localIndex(1.5)]);
    expect(s.drivers.map((d) => d.code)).toEqual(['local_surplus', 'af_surplus']);
  });

  it('takes its thresholds from the method definition', () => {
    const strict = defineMethod({ ...def, drivers: { shortageMin: 3, surplusMax: 0, declineMax: 0 } });
    const s = computeSignal(input([index1y(4.5), localIndex(3.5), change(2)]), strict);
    expect(s.signalClass).toBe('brist');
    expect(s.drivers.map((d) => d.code)).toEqual(['af_shortage']);
    const loose = defineMethod({ ...def, drivers: { shortageMin: 2, surplusMax: 1, declineMax: 1 } });
    const d = computeSignal(input([index1y(2.5), localIndex(2.5), change(0)]), loose);
    expect(d.drivers.map((x) => x.code)).toContain('employment_decline');
  });
});

describe('evidence rule', () => {
  it('the kinds that can make evidence sufficient come from the method: scored assessments', () => {
    expect([...evidenceKinds(def)].sort()).toEqual([
      'af_index_1y',
      'af_job_opportunities',
      'af_local_index',
      'af_recruitment',
    ]);
    expect(mayHaveSufficientEvidence([change(5), share55(0.4)], def)).toBe(false);
    expect(mayHaveSufficientEvidence([localIndex(3), change(5)], def)).toBe(true);
    // A version that scores employer signals lets them count without touching any caller.
    const withEmployers = {
      ...def,
      indicators: { ...def.indicators, employer_signals: { ...def.indicators.employer_signals, weight: 2 } },
    };
    expect(evidenceKinds(withEmployers).has('employer_signals')).toBe(true);
    expect(mayHaveSufficientEvidence([{ kind: 'employer_signals' }], withEmployers)).toBe(true);
  });

  it('a pair without those kinds gets exactly the unstored signal, whatever else it has', () => {
    const unstored = unstoredSignal(methodV1);
    expect(unstored).toEqual({
      signalClass: 'otillrackligt_underlag',
      score: null,
      watch: false,
      outlook: null,
      confidence: 1,
      drivers: [],
    });
    const s = run([change(5), share55(0.35)]);
    expect({ signalClass: s.signalClass, confidence: s.confidence, drivers: s.drivers }).toEqual({
      signalClass: unstored.signalClass,
      confidence: unstored.confidence,
      drivers: unstored.drivers,
    });
  });

  it('one assessment alone is insufficient, never "no shortage"', () => {
    const s = run([index1y(4.8)]);
    expect(s.signalClass).toBe('otillrackligt_underlag');
    expect(s.confidence).toBe(1);
    expect(s.explanation.summary.sv).toContain('betyder inte att det saknas brist');
    expect(s.explanation.summary.en).toContain('does not mean there is no shortage');
  });

  it('two indicators from the same source product are not independent', () => {
    expect(run([recruitment('brist'), jobs('stora')]).signalClass).toBe('otillrackligt_underlag');
  });

  it('register data without any assessment is insufficient', () => {
    const s = run([change(5), share55(0.35)]);
    expect(s.signalClass).toBe('otillrackligt_underlag');
    expect(s.evidence.reason.en).toContain('no direct assessment');
  });

  it('a supporting indicator does not count as the second independent source', () => {
    expect(run([index1y(4.8), share55(0.4)]).signalClass).toBe('otillrackligt_underlag');
    expect(run([index1y(4.8), share55(0.4), change(0)]).signalClass).toBe('brist');
  });

  it('no data at all: insufficient, no score, explanation still lists nothing', () => {
    const s = run([]);
    expect(s.signalClass).toBe('otillrackligt_underlag');
    expect(s.score).toBeNull();
    expect(s.drivers).toEqual([]);
    expect(s.explanation.indicators).toEqual([]);
  });

  it('an unscored change (small base) does not count towards the rule', () => {
    const s = run([index1y(4.8), change(10, { fromValue: 10, toValue: 11 })]);
    expect(s.signalClass).toBe('otillrackligt_underlag');
    expect(s.explanation.indicators[1]?.effect).toBe('not_scored');
  });
});

describe('explanation', () => {
  it('lists every indicator with value, source, period, score and effect in Swedish and English', () => {
    const s = run([index1y(4.42), change(-3), share55(0.17)]);
    const [a, b, c] = s.explanation.indicators;
    expect(a).toMatchObject({
      kind: 'af_index_1y',
      sourceId: 'af-yrkesprognoser',
      period: '18H',
      score: 3,
      effect: 'toward_shortage',
    });
    expect(a?.display.sv).toBe('4,42');
    expect(a?.display.en).toBe('4.42');
    expect(b).toMatchObject({ kind: 'employment_change', score: 0, effect: 'toward_surplus' });
    expect(b?.display.sv).toContain('per år');
    expect(b?.display.en).toContain('a year');
    expect(c).toMatchObject({ kind: 'share_55_plus', score: 1, estimated: true, effect: 'toward_surplus' });
    const total = s.explanation.indicators.reduce((sum, i) => sum + (i.contribution ?? 0), 0);
    expect(total).toBeCloseTo(s.score ?? 0, 3);
    expect(s.explanation.summary.sv).toMatch(/^Brist: viktad poäng 2,11 av 3/);
    expect(s.explanation.summary.en).toMatch(/^Shortage: weighted score 2.11 of 3/);
  });

  it('explain: false gives the same class, score, outlook, confidence and drivers without display texts', () => {
    const i = input([index1y(4.42), change(-3), share55(0.17)], {
      outlook: [{ kind: 'af_prognos', value: 'oka', ...prov() }],
    });
    const full = computeSignal(i, methodV1);
    const lite = computeSignal(i, methodV1, { explain: false });
    for (const key of ['signalClass', 'score', 'watch', 'outlook', 'confidence'] as const) {
      expect(lite[key]).toEqual(full[key]);
    }
    expect({ ...lite.evidence, reason: null }).toEqual({ ...full.evidence, reason: null });
    expect(lite.drivers.map((d) => d.code)).toEqual(full.drivers.map((d) => d.code));
    expect(lite.explanation.confidence.map((f) => [f.code, f.delta])).toEqual(
      full.explanation.confidence.map((f) => [f.code, f.delta]),
    );
    expect(lite.explanation.outlook.map((o) => o.result)).toEqual(
      full.explanation.outlook.map((o) => o.result),
    );
    expect(lite.explanation.summary.sv).toBe('');
    expect(lite.evidence.reason.sv).toBe('');
    expect(full.explanation.indicators[2]?.note?.sv).toContain('Riksandel');
  });

  it('carries the method version and hash', () => {
    const s = run([index1y(4)]);
    expect(s.methodVersion).toBe('v1');
    expect(s.methodHash).toBe(methodV1.hash);
  });
});

describe('confidence', () => {
  it('grows with independent sources and drops on disagreement', () => {
    const two = run([index1y(4.5), change(3.5)]); // 2 groups, agree
    expect(two.confidence).toBe(3);
    const three = run([index1y(4.5), change(3.5), localIndex(4.5)]);
    expect(three.confidence).toBe(4);
    const disagree = run([index1y(4.5), change(-3), localIndex(4.5)]); // spread 3
    expect(disagree.confidence).toBe(3);
    expect(disagree.explanation.confidence.map((f) => f.code)).toContain('disagreement');
  });

  it('drops with the age of the assessment relative to the reference date', () => {
    const fresh = run([index1y(4.5), change(3.5)], { referenceDate: '2019-06-30' });
    const old = run([index1y(4.5), change(3.5)], { referenceDate: '2021-06-30' });
    const veryOld = run([index1y(4.5), change(3.5), localIndex(4.5)], { referenceDate: '2025-01-01' });
    expect(fresh.confidence).toBe(3);
    expect(old.confidence).toBe(2);
    expect(veryOld.confidence).toBe(2); // 4 − 2 (older than 2 and than 5 years)
    expect(veryOld.explanation.confidence.filter((f) => f.code === 'age')).toHaveLength(2);
  });

  it('drops when most of the weight is estimated, never below 1', () => {
    const s = run([index1y(4.5, { estimated: true }), change(3.5)]);
    expect(s.explanation.confidence.map((f) => f.code)).toContain('estimated');
    expect(s.confidence).toBe(2);
    const floor = run([index1y(4.5, { estimated: true, asOf: '2010-01-01' }), change(-3)]);
    expect(floor.confidence).toBe(1);
  });
});

describe('outlook', () => {
  const prognos = (value: 'oka' | 'oforandrad' | 'minska'): OutlookInput => ({
    kind: 'af_prognos',
    value,
    ...prov({ sourceId: 'af-yrkesbarometer' }),
  });
  const five = (value: number, baseline: number | null): OutlookInput => ({
    kind: 'af_index_5y',
    value,
    baseline,
    ...prov({ sourceId: 'af-yrkesprognoser' }),
  });

  it("takes AF's five-year prognos", () => {
    expect(computeOutlook([prognos('oka')], def).outlook).toBe('oka');
    expect(computeOutlook([prognos('minska')], def).outlook).toBe('minska');
  });

  it('compares the five-year index with the one-year index (threshold inclusive)', () => {
    expect(computeOutlook([five(3.75, 3.5)], def).outlook).toBe('oka');
    expect(computeOutlook([five(3.25, 3.5)], def).outlook).toBe('minska');
    expect(computeOutlook([five(3.6, 3.5)], def).outlook).toBe('oforandrad');
    expect(computeOutlook([five(3.6, null)], def).outlook).toBeNull();
  });

  it('breaks ties by priority and returns null without inputs', () => {
    expect(computeOutlook([five(4, 3), prognos('minska')], def).outlook).toBe('minska');
    expect(computeOutlook([], def).outlook).toBeNull();
    const s = run([index1y(4.5), change(1)], { outlook: [prognos('oka')] });
    expect(s.outlook).toBe('oka');
    expect(s.explanation.outlook[0]?.display.sv).toBe('öka');
  });
});

describe('series breaks', () => {
  const series = (from: number, to: number, f: (y: number) => number) =>
    Array.from({ length: to - from + 1 }, (_, i) => ({ year: from + i, value: f(from + i) }));

  it('uses the longest span of at most maxYears inside the latest segment', () => {
    const s = series(2014, 2024, (y) => 100 + (y - 2014) * 10);
    const r = latestComparableChange(s, scbOccupationRegisterBreaks, { maxYears: 3, referenceYear: 2024 });
    expect(r).toMatchObject({ fromYear: 2023, toYear: 2024, acrossBreak: false });
    const r18 = latestComparableChange(s, scbOccupationRegisterBreaks, { maxYears: 3, referenceYear: 2018 });
    expect(r18).toMatchObject({ fromYear: 2015, toYear: 2018, fromValue: 110, toValue: 140 });
    expect(r18?.annualPercent).toBeCloseTo(((140 / 110) ** (1 / 3) - 1) * 100, 6);
    const r22 = latestComparableChange(s, scbOccupationRegisterBreaks, { maxYears: 3, referenceYear: 2022 });
    expect(r22).toMatchObject({ fromYear: 2020, toYear: 2022 });
  });

  it('flags and explains a change that can only be computed across a break', () => {
    const s = series(2019, 2020, () => 100);
    const r = latestComparableChange(s, scbOccupationRegisterBreaks, { maxYears: 3, referenceYear: 2020 });
    expect(r?.acrossBreak).toBe(true);
    expect(r?.note?.sv).toContain('2019→2020');
    const sig = run([index1y(4.5), change(0, { acrossBreak: true, note: r?.note })]);
    expect(sig.signalClass).toBe('otillrackligt_underlag');
    expect(sig.explanation.indicators[1]?.note?.sv).toContain('seriebrott');
  });

  it('falls back to the latest comparable pair when the latest year is alone after a break, and says so', () => {
    // SCB data up to 2023 only: 2023 starts a segment of its own (2022/23 break), so 2020–2022 is used.
    const s = series(2014, 2023, (y) => 100 + (y - 2014) * 10);
    const r = latestComparableChange(s, scbOccupationRegisterBreaks, { maxYears: 3, referenceYear: 2023 });
    expect(r).toMatchObject({ fromYear: 2020, toYear: 2022, acrossBreak: false, fallback: true });
    expect(r?.annualPercent).toBeCloseTo(((180 / 160) ** (1 / 2) - 1) * 100, 6);
    expect(r?.note?.sv).toContain('Senaste jämförbara period 2020–2022');
    expect(r?.note?.sv).toContain('2022→2023');
    expect(r?.note?.en).toContain('2023 is not compared across the series break');
    // It is scored (not across a break), so the evidence rule can be met with an assessment.
    const sig = run([index1y(4.5), change(5.9, { fromYear: 2020, toYear: 2022, note: r?.note })]);
    expect(sig.signalClass).toBe('brist');
    expect(sig.explanation.indicators[1]?.note?.sv).toContain('Senaste jämförbara period');
  });

  it('flags SCB years that do not count 65–69 yet as a series break of the share 55+ and retirements', () => {
    expect(uncountedAgeGroups(2018, ['55-59', '60-64', '65-69'], scbOccupationRegisterBreaks).groups).toEqual(
      ['65-69'],
    );
    expect(uncountedAgeGroups(2023, ['55-59', '60-64', '65-69'], scbOccupationRegisterBreaks).groups).toEqual(
      [],
    );
    const b = ageSeriesBreak(2018, def, scbOccupationRegisterBreaks);
    expect(b?.groups).toEqual(['65-69']);
    expect(b?.note.sv).toContain('65–69 först från 2023');
    expect(b?.note.en).toContain('leave out those aged 65–69');
    expect(ageSeriesBreak(2024, def, scbOccupationRegisterBreaks)).toBeNull();
    // A method that does not count 65–69 is not affected by the break.
    const without = {
      ...def,
      retirements: { within5: ['60-64'], within10: ['55-59', '60-64'], aged55Plus: ['55-59', '60-64'] },
    };
    expect(ageSeriesBreak(2018, without, scbOccupationRegisterBreaks)).toBeNull();
  });

  it('returns null with fewer than two years or a zero base', () => {
    expect(
      latestComparableChange([{ year: 2020, value: 5 }], [], { maxYears: 3, referenceYear: 2024 }),
    ).toBeNull();
    expect(
      latestComparableChange(
        [
          { year: 2020, value: 0 },
          { year: 2021, value: 5 },
        ],
        [],
        { maxYears: 3, referenceYear: 2024 },
      ),
    ).toBeNull();
  });
});

describe('area aggregation', () => {
  it('weights members, reports which had data, sums employees and takes the weighted mode of classes', () => {
    const a = aggregateIndicators(
      [
        {
          id: 'municipality:2121',
          weight: 100,
          indicators: [index1y(4.5), recruitment('brist'), change(0, { fromValue: 100, toValue: 110 })],
        },
        {
          id: 'municipality:2182',
          weight: 300,
          indicators: [index1y(3.5), recruitment('balans'), change(0, { fromValue: 300, toValue: 300 })],
        },
        { id: 'municipality:2183', weight: 100, indicators: [] },
      ],
      def,
    );
    expect(a.withData).toEqual(['municipality:2121', 'municipality:2182']);
    expect(a.without).toEqual(['municipality:2183']);
    const idx = a.indicators.find((i) => i.kind === 'af_index_1y');
    expect(idx?.value).toBe(3.75); // (4.5×100 + 3.5×300) / 400
    expect(idx?.members).toEqual({ withData: 2, without: ['municipality:2183'], weightShare: 0.8 });
    const rec = a.indicators.find((i) => i.kind === 'af_recruitment');
    expect(rec?.value).toBe('balans');
    expect(rec && 'distribution' in rec ? rec.distribution : undefined).toEqual({
      brist: 0.25,
      balans: 0.75,
    });
    const ch = a.indicators.find((i) => i.kind === 'employment_change');
    expect(ch).toMatchObject({ fromValue: 400, toValue: 410, value: 2.5 });
  });

  it('breaks equal-weight ties between classes towards the mean score', () => {
    const a = aggregateIndicators(
      [
        { id: 'a', weight: 1, indicators: [recruitment('brist')] },
        { id: 'b', weight: 1, indicators: [recruitment('overskott')] },
      ],
      def,
    );
    // Mean score 1.5: brist (3) and överskott (0) are equally far, so the alphabetical order decides.
    expect(a.indicators[0]?.value).toBe('brist');
    const b = aggregateIndicators(
      [
        { id: 'a', weight: 2, indicators: [recruitment('balans')] },
        { id: 'b', weight: 2, indicators: [recruitment('paradox')] },
        { id: 'c', weight: 1, indicators: [recruitment('brist')] },
      ],
      def,
    );
    // balans and paradox tie at 40 %; the mean score 2.2 is closer to paradox (2.5) than to balans (1.5).
    expect(b.indicators[0]?.value).toBe('paradox');
  });

  it('falls back to equal weights when all weights are zero, and lowers confidence on thin coverage', () => {
    const a = aggregateIndicators(
      [
        { id: 'a', weight: 0, indicators: [index1y(4)] },
        { id: 'b', weight: 0, indicators: [index1y(2)] },
      ],
      def,
    );
    expect(a.indicators[0]?.value).toBe(3);
    const thin = aggregateIndicators(
      [
        { id: 'a', weight: 1, indicators: [index1y(4.5), change(3.5)] },
        { id: 'b', weight: 9, indicators: [] },
      ],
      def,
    );
    const s = run(thin.indicators, { members: { withData: thin.withData, without: thin.without } });
    expect(s.signalClass).toBe('brist');
    expect(s.explanation.confidence.map((f) => f.code)).toContain('coverage');
    expect(s.explanation.members).toEqual({ withData: ['a'], without: ['b'] });
  });
});

describe('retirements', () => {
  it('applies the national age structure to the area employment as an estimate', () => {
    const shares = ageShares(
      [
        { ageGroup: '16-24', employees: 100 },
        { ageGroup: '25-29', employees: 300 },
        { ageGroup: '55-59', employees: 300 },
        { ageGroup: '60-64', employees: 200 },
        { ageGroup: '65-69', employees: 100 },
      ],
      def,
    );
    expect(shares).toEqual({ total: 1000, share55Plus: 0.6, share5: 0.3, share10: 0.6 });
    expect(estimateRetirements(250, shares!)).toEqual({ within5: 75, within10: 150 });
    expect(ageShares([], def)).toBeNull();
  });
});

describe('method versioning', () => {
  it('hashes the definition canonically: same content, same hash; any change, new hash', () => {
    expect(methodV1.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(defineMethod(structuredClone(methodV1Definition)).hash).toBe(methodV1.hash);
    const changed = structuredClone(methodV1Definition);
    changed.classes.shortageMin = 2.1;
    expect(defineMethod(changed).hash).not.toBe(methodV1.hash);
    expect(canonicalJson({ b: 1, a: [Number.NEGATIVE_INFINITY] })).toBe('{"a":["-Infinity"],"b":1}');
  });

  it('a changed threshold changes the class without code changes', () => {
    const strict = structuredClone(methodV1Definition);
    strict.version = 'test-strict';
    strict.classes.shortageMin = 2.5;
    const m = defineMethod(strict);
    const i = input([index1y(3.5), change(2)]);
    expect(computeSignal(i, methodV1).signalClass).toBe('brist');
    expect(computeSignal(i, m).signalClass).toBe('balans');
    expect(computeSignal(i, m).methodVersion).toBe('test-strict');
  });
});
