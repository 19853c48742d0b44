import { haversineKm, isUsableCoordinate, type LatLon, meanPoint } from './distance.js';

/**
 * Localities as population points for the reach analysis, and the way municipality population is spread over
 * them. No source here has a population per locality (SCB's tätort figures were not found), so the weight of a
 * locality is an explicit assumption, chosen by `WeightingMode`:
 * - `postal_code_count`: the municipality's population split in proportion to the number of postal codes each
 *   locality has in geo-postal. Postal codes follow delivery points, so a town with 130 codes gets far more
 *   weight than a village with one. A proxy, not a count.
 * - `equal`: the population split equally over the municipality's localities (used with jobtech-places, which
 *   has no size indicator). This overweights villages and underweights towns.
 */
export const WEIGHTING_MODES = ['postal_code_count', 'equal'] as const;
export type WeightingMode = (typeof WEIGHTING_MODES)[number];

export interface Locality extends LatLon {
  /** Stable id within one analysis, e.g. `2180:Valbo`. */
  id: string;
  name: string;
  municipalityCode: string;
  /** Number of postal codes behind the locality (1 for a named place). */
  postalCodes: number;
}

/** A locality carrying its share of the municipality population. */
export interface DemandPoint extends Locality {
  /** Persons attributed to this point (fractional). */
  weight: number;
}

export interface PostalPoint extends LatLon {
  postalCode: string;
  locality: string;
  municipalityCode: string;
}

/** Groups postal codes into localities (postal town × municipality): mean coordinate and number of codes. */
export function localitiesFromPostalCodes(rows: readonly PostalPoint[]): Locality[] {
  const groups = new Map<string, { name: string; municipalityCode: string; points: LatLon[] }>();
  for (const row of rows) {
    if (!isUsableCoordinate(row.lat, row.lon)) continue;
    const id = `${row.municipalityCode}:${row.locality}`;
    let group = groups.get(id);
    if (!group) {
      group = { name: row.locality, municipalityCode: row.municipalityCode, points: [] };
      groups.set(id, group);
    }
    group.points.push({ lat: row.lat, lon: row.lon });
  }
  const out: Locality[] = [];
  for (const [id, g] of groups) {
    const centre = meanPoint(g.points);
    if (!centre) continue;
    out.push({
      id,
      name: g.name,
      municipalityCode: g.municipalityCode,
      postalCodes: g.points.length,
      ...centre,
    });
  }
  return out;
}

/**
 * How far from its centroid a municipality's postal codes reach (km). Used to reject locality coordinates that
 * cannot belong to the municipality (jobtech-places has 0,0 points and places copied from another municipality).
 */
export function municipalityRadiiKm(
  centroids: ReadonlyMap<string, LatLon>,
  points: ReadonlyArray<LatLon & { municipalityCode: string }>,
): Map<string, number> {
  const radii = new Map<string, number>();
  for (const p of points) {
    const c = centroids.get(p.municipalityCode);
    if (!c || !isUsableCoordinate(p.lat, p.lon)) continue;
    const d = haversineKm(c, p);
    if (d > (radii.get(p.municipalityCode) ?? 0)) radii.set(p.municipalityCode, d);
  }
  return radii;
}

/** Margin added to a municipality's postal radius before a point counts as implausible. */
export const PLAUSIBILITY_MARGIN_KM = 10;

/**
 * True when a point can lie in its municipality: a usable coordinate within the municipality's postal radius
 * (+ margin) of its centroid. Without a centroid or radius the point is accepted if its coordinate is usable.
 */
export function isPlausibleLocation(
  point: LatLon & { municipalityCode: string },
  centroids: ReadonlyMap<string, LatLon>,
  radii: ReadonlyMap<string, number>,
  marginKm: number = PLAUSIBILITY_MARGIN_KM,
): boolean {
  if (!isUsableCoordinate(point.lat, point.lon)) return false;
  const c = centroids.get(point.municipalityCode);
  const r = radii.get(point.municipalityCode);
  if (!c || r === undefined) return true;
  return haversineKm(c, point) <= r + marginKm;
}

/**
 * Spreads each municipality's population over its localities (see `WeightingMode`). Municipalities without
 * a known population get weight 0 on their points (distances are still reported).
 */
export function spreadPopulation(
  localities: readonly Locality[],
  populationByMunicipality: ReadonlyMap<string, number>,
  mode: WeightingMode,
): DemandPoint[] {
  const totals = new Map<string, { codes: number; count: number }>();
  for (const l of localities) {
    const t = totals.get(l.municipalityCode) ?? { codes: 0, count: 0 };
    t.codes += l.postalCodes;
    t.count += 1;
    totals.set(l.municipalityCode, t);
  }
  return localities.map((l) => {
    const population = populationByMunicipality.get(l.municipalityCode) ?? 0;
    const t = totals.get(l.municipalityCode) ?? { codes: 1, count: 1 };
    const share = mode === 'postal_code_count' ? l.postalCodes / t.codes : 1 / t.count;
    return { ...l, weight: population * share };
  });
}
