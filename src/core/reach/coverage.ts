import { haversineKm, type LatLon } from './distance.js';
import type { DemandPoint } from './localities.js';

/** Distance bands of the reach analysis, in km. */
export const REACH_THRESHOLDS_KM = [10, 20, 30, 50] as const;
export type ReachThreshold = (typeof REACH_THRESHOLDS_KM)[number];

/** The threshold behind the "no centre within reach" flag. */
export const FLAG_THRESHOLD_KM = 30;

export interface ReachCentre extends LatLon {
  id: string;
}

export interface NearestCentre {
  centreId: string;
  distanceKm: number;
}

/** The nearest centre to a point by great-circle distance (linear scan), or null when there are none. */
export function nearestCentre(point: LatLon, centres: readonly ReachCentre[]): NearestCentre | null {
  let best: NearestCentre | null = null;
  for (const c of centres) {
    const d = haversineKm(point, c);
    if (best === null || d < best.distanceKm) best = { centreId: c.id, distanceKm: d };
  }
  return best;
}

/** A demand point with its nearest centre. */
export interface LocalityReach extends DemandPoint {
  nearest: NearestCentre | null;
}

/** Population-weighted distance figures for a set of localities. */
export interface CoverageFigures {
  /** Sum of the locality weights (persons). */
  population: number;
  localities: number;
  /** Share (0–1) of the weighted population with a centre within each threshold; null when population is 0. */
  shareWithin: Record<`${ReachThreshold}`, number | null>;
  /** Population-weighted mean distance to the nearest centre; null without population or centres. */
  meanDistanceKm: number | null;
  /** Distance from the best- and worst-placed locality to its nearest centre. */
  minDistanceKm: number | null;
  maxDistanceKm: number | null;
}

export interface MunicipalityInfo {
  code: string;
  name: string;
  countyCode: string;
  /** Centres located in the municipality. */
  centresLocated: number;
  /** Centres that list the municipality among those they serve (located or not). */
  centresServing: number;
}

export interface MunicipalityReach extends MunicipalityInfo, CoverageFigures {
  /** At least one centre is located in the municipality. */
  hasCentre: boolean;
  /** No locality of the municipality has a centre within FLAG_THRESHOLD_KM (30 km). */
  noCentreWithin30Km: boolean;
}

export interface AreaReach extends CoverageFigures {
  municipalities: number;
  municipalitiesWithCentre: number;
  municipalitiesFlagged: number;
}

/** Assigns every demand point its nearest centre. */
export function assignNearest(
  points: readonly DemandPoint[],
  centres: readonly ReachCentre[],
): LocalityReach[] {
  return points.map((p) => ({ ...p, nearest: nearestCentre(p, centres) }));
}

/** Weighted coverage of a set of localities (empty set → zero population, null shares). */
export function coverageOf(localities: readonly LocalityReach[]): CoverageFigures {
  let population = 0;
  let weightedDistance = 0;
  let reachable = 0;
  let min: number | null = null;
  let max: number | null = null;
  const within = new Map<number, number>(REACH_THRESHOLDS_KM.map((t) => [t, 0]));
  for (const l of localities) {
    population += l.weight;
    const d = l.nearest?.distanceKm;
    if (d === undefined) continue;
    reachable += l.weight;
    weightedDistance += l.weight * d;
    min = min === null ? d : Math.min(min, d);
    max = max === null ? d : Math.max(max, d);
    for (const t of REACH_THRESHOLDS_KM) if (d <= t) within.set(t, (within.get(t) ?? 0) + l.weight);
  }
  const share = (t: ReachThreshold): number | null =>
    population > 0 ? (within.get(t) ?? 0) / population : null;
  return {
    population,
    localities: localities.length,
    shareWithin: { '10': share(10), '20': share(20), '30': share(30), '50': share(50) },
    meanDistanceKm: population > 0 && reachable === population ? weightedDistance / population : null,
    minDistanceKm: min,
    maxDistanceKm: max,
  };
}

/** Reach per municipality, in the order of `municipalities`. */
export function municipalityReach(
  municipalities: readonly MunicipalityInfo[],
  localities: readonly LocalityReach[],
): MunicipalityReach[] {
  const byMunicipality = new Map<string, LocalityReach[]>();
  for (const l of localities) {
    const list = byMunicipality.get(l.municipalityCode);
    if (list) list.push(l);
    else byMunicipality.set(l.municipalityCode, [l]);
  }
  return municipalities.map((m) => {
    const figures = coverageOf(byMunicipality.get(m.code) ?? []);
    return {
      ...m,
      ...figures,
      hasCentre: m.centresLocated > 0,
      noCentreWithin30Km: figures.minDistanceKm === null || figures.minDistanceKm > FLAG_THRESHOLD_KM,
    };
  });
}

/** Aggregates municipalities (and their localities) into one area, e.g. a county. */
export function areaReach(
  municipalities: readonly MunicipalityReach[],
  localities: readonly LocalityReach[],
): AreaReach {
  const codes = new Set(municipalities.map((m) => m.code));
  return {
    ...coverageOf(localities.filter((l) => codes.has(l.municipalityCode))),
    municipalities: municipalities.length,
    municipalitiesWithCentre: municipalities.filter((m) => m.hasCentre).length,
    municipalitiesFlagged: municipalities.filter((m) => m.noCentreWithin30Km).length,
  };
}
