import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGE_BANDS, addMonths, anonymisationDue, GENDERS, surveyDue } from './follow-up.js';
import { computeKpis, type LearnerFact, MIN_CELL, suppressGroup, suppressKpis } from './kpi.js';

const learner = (over: Partial<LearnerFact> = {}): LearnerFact => ({
  gender: 'woman',
  ageBand: '25-34',
  startDate: '2026-01-15',
  completion: 'ongoing',
  completionDate: null,
  occupations: ['5321'],
  homeMunicipality: '2180',
  answer: null,
  ...over,
});

describe('suppressGroup (cells below 3 outside the centre)', () => {
  it('hides 1 and 2, and a second cell when only one would be hidden', () => {
    expect(suppressGroup([5, 2, 7, 0])).toEqual([null, null, 7, 0]);
    expect(suppressGroup([1, 2, 9])).toEqual([null, null, 9]);
    expect(suppressGroup([3, 0, 4])).toEqual([3, 0, 4]);
  });

  const group = fc.array(fc.nat({ max: 12 }), { minLength: 1, maxLength: 6 });

  it('property: every shown value is 0 or at least 3 and equals the input', () => {
    fc.assert(
      fc.property(group, (values) => {
        const out = suppressGroup(values);
        out.forEach((v, i) => {
          if (v !== null) {
            expect(v).toBe(values[i]);
            expect(v === 0 || v >= MIN_CELL).toBe(true);
          }
        });
      }),
    );
  });

  it('property: a group never hides exactly one cell (its value cannot be had from the total)', () => {
    fc.assert(
      fc.property(group, (values) => {
        const hidden = suppressGroup(values).filter((v) => v === null).length;
        // One hidden cell is possible only when no other cell is non-zero; then the total equals that cell and is
        // itself below 3, so the total is hidden too.
        if (hidden === 1) {
          const total = values.reduce((a, b) => a + b, 0);
          expect(total).toBeLessThan(MIN_CELL);
        }
      }),
    );
  });

  it('property: nothing is hidden when no cell is 1 or 2', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 3, max: 50 })), { maxLength: 6 }),
        (v) => {
          expect(suppressGroup(v)).toEqual(v);
        },
      ),
    );
  });
});

describe('centre KPIs', () => {
  const input = {
    year: 2026,
    learners: [
      learner(),
      learner({ gender: 'man', startDate: '2025-08-20' }),
      learner({ startDate: '2024-08-20', completion: 'completed', completionDate: '2025-06-10' }),
      learner({
        gender: 'man',
        ageBand: '45-54',
        completion: 'completed',
        completionDate: '2026-06-01',
        occupations: ['2221'],
        answer: { employed: true, workMunicipality: '2180', inOccupation: true },
      }),
      learner({ ageBand: '-24', completion: 'dropped_out', completionDate: '2026-03-01' }),
    ],
    examsInvigilated: 2,
    visits: [
      { gender: 'all', ageBand: 'all', visits: 40 },
      { gender: 'woman', ageBand: '25-34', visits: 4 },
    ],
    prioritySsyk: new Set(['5321']),
  };

  it('counts learners, new learners, completions, answers and the priority share per gender and age band', () => {
    const k = computeKpis(input);
    const total = k.rows.find((r) => r.dimension === 'total');
    expect(total?.measures).toEqual({
      learners: 4,
      newLearners: 3,
      completions: 1,
      droppedOut: 1,
      respondents: 1,
      employedAfter: 1,
      stayedHome: 1,
      inOccupation: 1,
      priorityLearners: 3,
      visits: 44,
    });
    expect(total?.shares.priority).toBe(0.75);
    const men = k.rows.find((r) => r.dimension === 'gender' && r.value === 'man');
    expect(men?.measures.learners).toBe(2);
    expect(k.rows.filter((r) => r.dimension === 'gender')).toHaveLength(GENDERS.length);
    expect(k.rows.filter((r) => r.dimension === 'ageBand')).toHaveLength(AGE_BANDS.length);
  });

  it('outside the centre: small cells and their shares are hidden, zero and large counts shown', () => {
    const k = suppressKpis(computeKpis(input));
    const total = k.rows.find((r) => r.dimension === 'total');
    expect(total?.measures.learners).toBe(4);
    expect(total?.measures.completions).toBeNull();
    expect(total?.shares.employed).toBeNull();
    expect(total?.shares.priority).toBe(0.75);
    expect(k.examsInvigilated).toBeNull();
    const women = k.rows.find((r) => r.dimension === 'gender' && r.value === 'woman');
    // 2 women and 2 men: both hidden; 'other' and 'unspecified' are 0 and shown.
    expect(women?.measures.learners).toBeNull();
    expect(k.rows.find((r) => r.value === 'other')?.measures.learners).toBe(0);
    expect(k.suppressed).toBe(true);
  });

  it('without a published list the priority share is unknown, not zero', () => {
    const k = computeKpis({ ...input, prioritySsyk: null });
    expect(k.priorityListAvailable).toBe(false);
    expect(k.rows[0]?.shares.priority).toBeNull();
  });
});

describe('follow-up window and retention', () => {
  const settings = { surveyAfterMonths: 6, surveyUntilMonths: 12, surveyLinkDays: 30, retentionMonths: 24 };
  const done = { completion: 'completed', completionDate: '2026-01-31', hasEmail: true, surveyed: false };

  it('adds months with the day clamped', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-08-15', 6)).toBe('2027-02-15');
    expect(addMonths('2026-03-01', -3)).toBe('2025-12-01');
  });

  it('the survey is due from 6 to (not including) 12 months after completion, once, with an e-mail', () => {
    expect(surveyDue(done, settings, '2026-07-30')).toBe(false);
    expect(surveyDue(done, settings, '2026-07-31')).toBe(true);
    expect(surveyDue(done, settings, '2027-01-30')).toBe(true);
    expect(surveyDue(done, settings, '2027-01-31')).toBe(false);
    expect(surveyDue({ ...done, surveyed: true }, settings, '2026-09-01')).toBe(false);
    expect(surveyDue({ ...done, hasEmail: false }, settings, '2026-09-01')).toBe(false);
    expect(surveyDue({ ...done, completion: 'dropped_out' }, settings, '2026-09-01')).toBe(false);
  });

  it('name and e-mail go 24 months after completion or drop-out, never while ongoing', () => {
    expect(anonymisationDue(done, settings, '2028-01-30')).toBe(false);
    expect(anonymisationDue(done, settings, '2028-01-31')).toBe(true);
    expect(anonymisationDue({ completion: 'ongoing', completionDate: null }, settings, '2040-01-01')).toBe(
      false,
    );
  });
});
