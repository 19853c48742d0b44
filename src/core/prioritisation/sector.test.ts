import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SECTOR_CATEGORIES, sectorCategory, suppressSmall, VERY_EASY_SCORE } from './sector.js';

describe('sector categories', () => {
  it('places shortages by score and the strategic flag, balance apart, other classes nowhere', () => {
    expect(sectorCategory({ signalClass: 'brist', score: 2.7, strategic: false })).toBe('very_easy');
    expect(sectorCategory({ signalClass: 'brist', score: 2.7, strategic: true })).toBe('strategic_very_easy');
    expect(sectorCategory({ signalClass: 'brist', score: 2.2, strategic: false })).toBe('easy');
    expect(sectorCategory({ signalClass: 'brist', score: 2.2, strategic: true })).toBe('strategic_easy');
    expect(sectorCategory({ signalClass: 'brist', score: VERY_EASY_SCORE, strategic: false })).toBe(
      'very_easy',
    );
    expect(sectorCategory({ signalClass: 'balans', score: 1.6, strategic: true })).toBe('balance');
    for (const c of ['overskott', 'paradox', 'otillrackligt_underlag'] as const) {
      expect(sectorCategory({ signalClass: c, score: 2.9, strategic: true })).toBeNull();
    }
  });

  it('never places a higher-scoring shortage in an easier category', () => {
    const rank = (c: string | null) => (c?.includes('very_easy') ? 2 : c ? 1 : 0);
    fc.assert(
      fc.property(
        fc.double({ min: 2, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        (s, d, strategic) => {
          const low = sectorCategory({ signalClass: 'brist', score: s, strategic });
          const high = sectorCategory({ signalClass: 'brist', score: Math.min(3, s + d), strategic });
          expect(rank(high)).toBeGreaterThanOrEqual(rank(low));
          expect(SECTOR_CATEGORIES).toContain(high);
        },
      ),
    );
  });

  it('suppresses counts below 3', () => {
    expect(suppressSmall(2)).toEqual({ value: null, suppressed: true });
    expect(suppressSmall(0)).toEqual({ value: null, suppressed: true });
    expect(suppressSmall(3)).toEqual({ value: 3, suppressed: false });
    expect(suppressSmall(null)).toEqual({ value: null, suppressed: false });
  });
});
