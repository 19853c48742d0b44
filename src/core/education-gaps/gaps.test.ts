import { describe, expect, it } from 'vitest';
import { computeGaps, type GapGeography, type GapOccupation, type GapOffer } from './gaps.js';

/**
 * A made-up region of three municipalities: A and B share a labour-market area, C is alone and far from any
 * learning centre; X lies outside the region but in A's area.
 */
const geo: GapGeography = {
  municipalities: ['A', 'B', 'C'],
  areaOf: new Map([
    ['A', new Set(['A', 'B', 'X'])],
    ['B', new Set(['A', 'B', 'X'])],
    ['C', new Set(['C'])],
  ]),
  supportedByCentre: new Set(['A', 'B']),
};
const occupation = (ssyk: string, extra: Partial<GapOccupation> = {}): GapOccupation => ({
  ssyk,
  name: `Yrke ${ssyk}`,
  seqfBand: '5-6',
  signalClass: 'brist',
  retirements5: null,
  employerNeeds: null,
  ...extra,
});
const offer = (
  id: string,
  ssyk: string[],
  municipalityCodes: string[],
  distance = false,
  places: number | null = 20,
): GapOffer => ({
  id,
  ssyk,
  municipalityCodes,
  distance,
  places,
});

describe('education gap rules', () => {
  it('gives each municipality its nearest route: own municipality, area, county', () => {
    const [row] = computeGaps([occupation('1111')], [offer('o1', ['1111'], ['B'])], geo);
    expect(row?.municipalities).toEqual([
      { code: 'A', route: 'area' },
      { code: 'B', route: 'municipality' },
      { code: 'C', route: 'county' },
    ]);
    expect(row?.routes).toEqual({ inRegion: 1, distance: 0, inAreas: 1 });
    expect(row?.gap).toBe(false);
  });

  it('counts a campus offer in a neighbouring area outside the region for that area only', () => {
    const [row] = computeGaps([occupation('1111')], [offer('o1', ['1111'], ['X'])], geo);
    expect(row?.municipalities.map((m) => m.route)).toEqual(['area', 'area', 'none']);
    expect(row?.routes).toEqual({ inRegion: 0, distance: 0, inAreas: 1 });
    expect(row?.gap).toBe(false);
  });

  it('tells distance with a learning centre within 30 km from distance alone', () => {
    const [row] = computeGaps([occupation('2222')], [offer('d1', ['2222'], ['Z'], true)], geo);
    expect(row?.municipalities.map((m) => m.route)).toEqual([
      'distance_with_centre',
      'distance_with_centre',
      'distance',
    ]);
    expect(row?.routeCounts).toMatchObject({ distance_with_centre: 2, distance: 1, none: 0 });
    expect(row?.gap).toBe(false);
  });

  it('marks an occupation without any offer as a gap and compares need with places', () => {
    const [gap, covered] = computeGaps(
      [
        occupation('3333', { retirements5: 40.4, employerNeeds: 5 }),
        occupation('4444', { retirements5: 10, employerNeeds: null }),
      ],
      [offer('o2', ['4444'], ['A'], false, 25), offer('o3', ['4444'], ['C'], false, null)],
      geo,
    );
    expect(gap).toMatchObject({ gap: true, placesInRegion: 0, estimatedNeed: 45, placesShortfall: 45 });
    expect(gap?.routeCounts.none).toBe(3);
    // Places are summed over the offers that state them; the need is met.
    expect(covered).toMatchObject({
      gap: false,
      placesInRegion: 25,
      estimatedNeed: 10,
      placesShortfall: null,
    });
  });

  it('leaves the need unknown when neither retirements nor employer needs are known', () => {
    const [row] = computeGaps([occupation('5555')], [], geo);
    expect(row).toMatchObject({ gap: true, estimatedNeed: null, placesShortfall: null });
  });

  it('marks paradox occupations as not primarily an education problem', () => {
    const [row] = computeGaps([occupation('6666', { signalClass: 'paradox' })], [], geo);
    expect(row).toMatchObject({ gap: true, notPrimarilyEducation: true });
  });

  it('counts an offer mapped twice to the same occupation once', () => {
    const [row] = computeGaps([occupation('7777')], [offer('o4', ['7777', '7777'], ['A'])], geo);
    expect(row?.routes.inRegion).toBe(1);
  });
});
