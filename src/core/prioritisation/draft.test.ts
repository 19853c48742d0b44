import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SignalClass } from '../signals/types.js';
import { type CandidateInput, draftPriorities } from './draft.js';
import { COMPONENT_NAMES, prioritisationV1 } from './method.js';

const CLASSES: SignalClass[] = ['brist', 'balans', 'overskott', 'paradox', 'otillrackligt_underlag'];

const candidate = (i: number) =>
  fc.record({
    ssyk: fc.constant(String(1000 + i)),
    name: fc.constant(`Yrke ${String(i).padStart(3, '0')}`),
    seqfBand: fc.constantFrom('4', '5-6', '6-8', 'none', null),
    fieldId: fc.constantFrom('halsa', 'bygg', null),
    field: fc.constantFrom('Hälso- och sjukvård', 'Bygg och anläggning', null),
    signalClass: fc.constantFrom(...CLASSES),
    signalScore: fc.option(fc.double({ min: 0, max: 3, noNaN: true }), { nil: null }),
    confidence: fc.integer({ min: 1, max: 5 }),
    watch: fc.boolean(),
    employees: fc.option(fc.integer({ min: 0, max: 20000 }), { nil: null }),
    retirements5: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: null }),
    retirementShare5: fc.option(fc.double({ min: 0, max: 0.5, noNaN: true }), { nil: null }),
    employmentChange: fc.option(fc.double({ min: -10, max: 10, noNaN: true }), { nil: null }),
    employerNeeds: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
    breadth: fc.option(
      fc
        .integer({ min: 0, max: 6 })
        .chain((areas) =>
          fc.record({ areas: fc.constant(areas), shortage: fc.integer({ min: 0, max: areas }) }),
        ),
      { nil: null },
    ),
    strategic: fc.double({ min: 0, max: 1, noNaN: true }),
  }) as fc.Arbitrary<CandidateInput>;

const candidates = fc
  .integer({ min: 1, max: 25 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => candidate(i))));

/** A draft and a copy where the candidate at `index` got a larger value of one input (all else equal). */
function scoreOf(list: CandidateInput[], ssyk: string) {
  const row = draftPriorities(list).rows.find((r) => r.ssyk === ssyk);
  return row ? { score: row.score, rank: row.rank } : undefined;
}

function neverLower(raise: (c: CandidateInput, by: number) => CandidateInput) {
  fc.assert(
    fc.property(candidates, fc.nat(), fc.integer({ min: 1, max: 5000 }), (list, pick, by) => {
      const index = pick % list.length;
      const target = list[index]!;
      const before = scoreOf(list, target.ssyk);
      if (!before) return; // not ranked (no band, or paradox): nothing to compare
      const raised = list.map((c, i) => (i === index ? raise(c, by) : c));
      const after = scoreOf(raised, target.ssyk);
      expect(after).toBeDefined();
      expect(after!.score).toBeGreaterThanOrEqual(before.score);
      expect(after!.rank).toBeLessThanOrEqual(before.rank);
    }),
    { numRuns: 300 },
  );
}

describe('draft priorities (method p1)', () => {
  it('more employees never lower the score or the rank', () => {
    neverLower((c, by) => ({ ...c, employees: (c.employees ?? 0) + by }));
  });

  it('more retirements (absolute or as a share) never lower the score or the rank', () => {
    neverLower((c, by) => ({ ...c, retirements5: (c.retirements5 ?? 0) + by }));
    neverLower((c, by) => ({ ...c, retirementShare5: (c.retirementShare5 ?? 0) + by / 10000 }));
  });

  it('more employer needs never lower the score or the rank', () => {
    neverLower((c, by) => ({ ...c, employerNeeds: (c.employerNeeds ?? 0) + (by % 50) + 1 }));
  });

  it('a more severe shortage never lowers the score or the rank', () => {
    neverLower((c, by) =>
      c.signalClass === 'brist' ? { ...c, signalScore: Math.min(3, (c.signalScore ?? 2) + by / 5000) } : c,
    );
  });

  it('more areas in shortage never lower the score or the rank', () => {
    neverLower((c) =>
      c.breadth && c.breadth.shortage < c.breadth.areas
        ? { ...c, breadth: { ...c.breadth, shortage: c.breadth.shortage + 1 } }
        : c,
    );
  });

  it('never ranks an occupation in surplus or with insufficient evidence above one in shortage', () => {
    fc.assert(
      fc.property(candidates, (list) => {
        const { rows } = draftPriorities(list);
        for (const a of rows) {
          if (a.tier !== 'shortage') continue;
          for (const b of rows) {
            if (
              b.seqfBand === a.seqfBand &&
              (b.signalClass === 'overskott' || b.signalClass === 'otillrackligt_underlag')
            )
              expect(a.rank).toBeLessThan(b.rank);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('sets paradox apart, ranks every other banded occupation once, and proposes only shortages', () => {
    fc.assert(
      fc.property(candidates, fc.integer({ min: 1, max: 20 }), (list, listSize) => {
        const draft = draftPriorities(list, { listSize });
        const banded = list.filter((c) => c.seqfBand === '4' || c.seqfBand === '5-6' || c.seqfBand === '6-8');
        expect(draft.apart.map((r) => r.ssyk).sort()).toEqual(
          banded
            .filter((c) => c.signalClass === 'paradox')
            .map((c) => c.ssyk)
            .sort(),
        );
        expect(draft.rows).toHaveLength(banded.length - draft.apart.length);
        for (const band of ['4', '5-6', '6-8']) {
          const ranks = draft.rows.filter((r) => r.seqfBand === band).map((r) => r.rank);
          expect(ranks).toEqual(ranks.map((_, i) => i + 1));
          const proposed = draft.rows.filter((r) => r.seqfBand === band && r.proposed);
          expect(proposed.length).toBeLessThanOrEqual(listSize);
          for (const r of proposed) expect(r.tier).toBe('shortage');
        }
        for (const r of draft.rows) {
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(100);
          for (const n of COMPONENT_NAMES) {
            const v = r.components[n].value;
            if (v !== null) expect(v >= 0 && v <= 1).toBe(true);
          }
        }
        const weightSum = COMPONENT_NAMES.reduce((s, n) => s + draft.weights[n], 0);
        expect(weightSum).toBeCloseTo(1, 9);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out employer needs and breadth when no candidate has them, and renormalises the weights', () => {
    const base: CandidateInput = {
      ssyk: '2221',
      name: 'Sjuksköterskor',
      seqfBand: '6-8',
      fieldId: 'halsa',
      field: 'Hälso- och sjukvård',
      signalClass: 'brist',
      signalScore: 3,
      confidence: 5,
      watch: false,
      employees: 100,
      retirements5: 10,
      retirementShare5: 0.1,
      employmentChange: null,
      breadth: null,
    };
    const draft = draftPriorities([base]);
    const row = draft.rows[0]!;
    expect(row.components.employerNeeds.value).toBeNull();
    expect(row.components.breadth.value).toBeNull();
    expect(draft.weights.employerNeeds).toBe(0);
    // 0.30 + 0.10 + 0.15 + 0.15 + 0.05 + 0.05 = 0.80 of the default weight is in use.
    expect(draft.weights.severity).toBeCloseTo(0.3 / 0.8, 12);
    expect(draft.method).toEqual({ version: 'p1', hash: prioritisationV1.hash });
  });

  it('takes the region weights and list size over the defaults', () => {
    const mk = (ssyk: string, employees: number, signalScore: number): CandidateInput => ({
      ssyk,
      name: ssyk,
      seqfBand: '4',
      fieldId: null,
      field: null,
      signalClass: 'brist',
      signalScore,
      confidence: 3,
      watch: false,
      employees,
      retirements5: null,
      retirementShare5: null,
      employmentChange: null,
      breadth: null,
    });
    const list = [mk('a', 10, 3), mk('b', 10000, 2.1)];
    expect(draftPriorities(list).rows[0]!.ssyk).toBe('b');
    const onlySeverity = draftPriorities(list, {
      weights: { confidence: 0, size: 0, replacement: 0, trend: 0, strategic: 0 },
      listSize: 1,
    });
    expect(onlySeverity.rows.map((r) => [r.ssyk, r.proposed])).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });
});
