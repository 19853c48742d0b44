import { describe, expect, it } from 'vitest';
import { areaReach, assignNearest, coverageOf, municipalityReach, nearestCentre } from './coverage.js';
import { EARTH_RADIUS_KM, haversineKm, isUsableCoordinate, meanPoint } from './distance.js';
import {
  isPlausibleLocation,
  type Locality,
  localitiesFromPostalCodes,
  municipalityRadiiKm,
  spreadPopulation,
} from './localities.js';

/** km per degree of latitude on the mean sphere. */
const KM_PER_DEG = (Math.PI * EARTH_RADIUS_KM) / 180;

describe('haversineKm', () => {
  it('is zero for the same point and symmetric', () => {
    const a = { lat: 60.67, lon: 17.14 };
    const b = { lat: 61.73, lon: 17.1 };
    expect(haversineKm(a, a)).toBe(0);
    expect(haversineKm(a, b)).toBeCloseTo(haversineKm(b, a), 12);
  });

  it('gives one degree of latitude as πR/180 and half the globe for antipodes', () => {
    expect(haversineKm({ lat: 60, lon: 15 }, { lat: 61, lon: 15 })).toBeCloseTo(KM_PER_DEG, 6);
    expect(haversineKm({ lat: 0, lon: 0 }, { lat: 0, lon: 180 })).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 6);
  });

  it('shrinks a degree of longitude by cos(latitude)', () => {
    // At 60° N a small east-west step is half as long as at the equator.
    const d = haversineKm({ lat: 60, lon: 15 }, { lat: 60, lon: 15.01 });
    expect(d).toBeCloseTo(0.01 * KM_PER_DEG * 0.5, 3);
  });

  it('matches a known city pair: Stockholm–Göteborg ≈ 398 km', () => {
    const d = haversineKm({ lat: 59.3293, lon: 18.0686 }, { lat: 57.7089, lon: 11.9746 });
    expect(d).toBeGreaterThan(395);
    expect(d).toBeLessThan(400);
  });
});

describe('coordinates', () => {
  it('rejects the 0,0 marker, out-of-range and missing values', () => {
    expect(isUsableCoordinate(0, 0)).toBe(false);
    expect(isUsableCoordinate(91, 10)).toBe(false);
    expect(isUsableCoordinate(null, 10)).toBe(false);
    expect(isUsableCoordinate(Number.NaN, 10)).toBe(false);
    expect(isUsableCoordinate(60.1, 0)).toBe(true);
  });

  it('averages points', () => {
    expect(meanPoint([])).toBeUndefined();
    expect(
      meanPoint([
        { lat: 60, lon: 16 },
        { lat: 62, lon: 18 },
      ]),
    ).toEqual({ lat: 61, lon: 17 });
  });
});

describe('nearestCentre', () => {
  it('picks the closest and returns null without centres', () => {
    const centres = [
      { id: 'north', lat: 61, lon: 16 },
      { id: 'south', lat: 60.2, lon: 16 },
    ];
    const n = nearestCentre({ lat: 60, lon: 16 }, centres);
    expect(n?.centreId).toBe('south');
    expect(n?.distanceKm).toBeCloseTo(0.2 * KM_PER_DEG, 6);
    expect(nearestCentre({ lat: 60, lon: 16 }, [])).toBeNull();
  });
});

// Hand-made municipality "A" along the meridian 16° E: a centre at 60° N and three localities at 0, 15 and 40 km
// north of it. Municipality "B" has one locality 60 km north of the centre.
const at = (km: number) => ({ lat: 60 + km / KM_PER_DEG, lon: 16 });
const localities: Locality[] = [
  { id: 'A:town', name: 'Town', municipalityCode: 'A', postalCodes: 6, ...at(0) },
  { id: 'A:mid', name: 'Mid', municipalityCode: 'A', postalCodes: 3, ...at(15) },
  { id: 'A:far', name: 'Far', municipalityCode: 'A', postalCodes: 1, ...at(40) },
  { id: 'B:only', name: 'Only', municipalityCode: 'B', postalCodes: 2, ...at(60) },
];
const population = new Map([
  ['A', 1000],
  ['B', 500],
]);
const centres = [{ id: 'c1', ...at(0) }];

describe('spreadPopulation', () => {
  it('splits by postal-code count', () => {
    const points = spreadPopulation(localities, population, 'postal_code_count');
    expect(points.map((p) => Math.round(p.weight))).toEqual([600, 300, 100, 500]);
  });

  it('splits equally', () => {
    const points = spreadPopulation(localities, population, 'equal');
    expect(points.map((p) => Math.round(p.weight * 100) / 100)).toEqual([333.33, 333.33, 333.33, 500]);
  });

  it('gives zero weight where the population is unknown', () => {
    const points = spreadPopulation(localities, new Map([['A', 1000]]), 'equal');
    expect(points[3]?.weight).toBe(0);
  });
});

describe('coverage', () => {
  const points = assignNearest(spreadPopulation(localities, population, 'postal_code_count'), centres);
  const infos = [
    { code: 'A', name: 'A', countyCode: '99', centresLocated: 1, centresServing: 1 },
    { code: 'B', name: 'B', countyCode: '99', centresLocated: 0, centresServing: 0 },
  ];

  it('computes shares within 10/20/30/50 km, weighted by population', () => {
    const [a, b] = municipalityReach(infos, points);
    expect(a?.shareWithin['10']).toBeCloseTo(0.6, 9);
    expect(a?.shareWithin['20']).toBeCloseTo(0.9, 9);
    expect(a?.shareWithin['30']).toBeCloseTo(0.9, 9);
    expect(a?.shareWithin['50']).toBeCloseTo(1, 9);
    // 0.6·0 + 0.3·15 + 0.1·40 = 8.5 km
    expect(a?.meanDistanceKm).toBeCloseTo(8.5, 6);
    expect(a?.maxDistanceKm).toBeCloseTo(40, 6);
    expect(a?.hasCentre).toBe(true);
    expect(a?.noCentreWithin30Km).toBe(false);

    expect(b?.shareWithin['50']).toBe(0);
    expect(b?.minDistanceKm).toBeCloseTo(60, 6);
    expect(b?.hasCentre).toBe(false);
    expect(b?.noCentreWithin30Km).toBe(true);
  });

  it('aggregates an area by population, not by municipality', () => {
    const munis = municipalityReach(infos, points);
    const area = areaReach(munis, points);
    expect(area.population).toBeCloseTo(1500, 9);
    // (600 + 300) / 1500 within 20 km
    expect(area.shareWithin['20']).toBeCloseTo(0.6, 9);
    expect(area.shareWithin['50']).toBeCloseTo(1000 / 1500, 9);
    expect(area.municipalities).toBe(2);
    expect(area.municipalitiesWithCentre).toBe(1);
    expect(area.municipalitiesFlagged).toBe(1);
  });

  it('reports nulls without centres or population', () => {
    const none = assignNearest(spreadPopulation(localities, population, 'equal'), []);
    const figures = coverageOf(none);
    expect(figures.shareWithin['50']).toBe(0);
    expect(figures.meanDistanceKm).toBeNull();
    expect(figures.minDistanceKm).toBeNull();
    const empty = coverageOf([]);
    expect(empty.shareWithin['10']).toBeNull();
    const [a] = municipalityReach(infos, none);
    expect(a?.noCentreWithin30Km).toBe(true);
  });

  it('counts a locality exactly on a threshold as within', () => {
    const p = assignNearest([{ ...localities[0]!, ...at(10), weight: 1 }], centres);
    expect(coverageOf(p).shareWithin['10']).toBe(1);
  });
});

describe('localities from postal codes and plausibility', () => {
  it('groups postal codes by locality and municipality, skipping unusable points', () => {
    const groups = localitiesFromPostalCodes([
      { postalCode: '80001', locality: 'Gävle', municipalityCode: '2180', lat: 60.6, lon: 17.1 },
      { postalCode: '80002', locality: 'Gävle', municipalityCode: '2180', lat: 60.7, lon: 17.2 },
      { postalCode: '81830', locality: 'Valbo', municipalityCode: '2180', lat: 60.63, lon: 16.98 },
      { postalCode: '81831', locality: 'Valbo', municipalityCode: '2180', lat: 0, lon: 0 },
    ]);
    expect(groups).toHaveLength(2);
    const gavle = groups.find((g) => g.name === 'Gävle');
    expect(gavle?.postalCodes).toBe(2);
    expect(gavle?.lat).toBeCloseTo(60.65, 9);
    expect(groups.find((g) => g.name === 'Valbo')?.postalCodes).toBe(1);
  });

  it("rejects places outside the municipality's postal radius", () => {
    const centroids = new Map([['2326', { lat: 62.8, lon: 14.3 }]]);
    const radii = municipalityRadiiKm(centroids, [
      { municipalityCode: '2326', lat: 62.77, lon: 14.43 },
      { municipalityCode: '2326', lat: 62.44, lon: 14.51 },
    ]);
    expect(radii.get('2326')).toBeGreaterThan(40);
    expect(radii.get('2326')).toBeLessThan(45);
    // Svenstavik (in Berg) is plausible; "Berg" at 58.2° N (a place in Östergötland) is not, nor is 0,0.
    expect(isPlausibleLocation({ municipalityCode: '2326', lat: 62.77, lon: 14.43 }, centroids, radii)).toBe(
      true,
    );
    expect(isPlausibleLocation({ municipalityCode: '2326', lat: 58.22, lon: 16.02 }, centroids, radii)).toBe(
      false,
    );
    expect(isPlausibleLocation({ municipalityCode: '2326', lat: 0, lon: 0 }, centroids, radii)).toBe(false);
    // Unknown municipality: accepted when usable.
    expect(isPlausibleLocation({ municipalityCode: '9999', lat: 59, lon: 15 }, centroids, radii)).toBe(true);
  });
});
