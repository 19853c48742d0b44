/**
 * Education gaps (issue 13): for each occupation a region cares about, which routes to training adults in the
 * region have, and whether the places on offer meet the estimated need. Pure rules; the module gathers the data.
 *
 * Routes, from the learner's municipality outwards:
 * - `municipality`: a campus offer in the municipality itself;
 * - `area`: a campus offer in the municipality's labour-market area (FA region), possibly across the county line;
 * - `county`: a campus offer elsewhere in the region;
 * - `distance_with_centre`: only distance offers, and a learning centre within 30 km offers study places and exam
 *   invigilation (the support that makes distance study work, Skolinspektionen 2015);
 * - `distance`: only distance offers, without such a centre;
 * - `none`: no route at all.
 * An occupation is a gap when no municipality of the region has any route (no campus offer in the region and no
 * distance offer anywhere). A `paradox` occupation (shortage and surplus at once) is marked "not primarily an
 * education problem": its gap, if any, is reported but the remedy is usually elsewhere (pay, conditions, matching).
 */

export const ROUTE_LEVELS = [
  'municipality',
  'area',
  'county',
  'distance_with_centre',
  'distance',
  'none',
] as const;
export type RouteLevel = (typeof ROUTE_LEVELS)[number];

/** An offer as the gap rules see it: where it is given, whether at distance, its places and its occupations. */
export interface GapOffer {
  id: string;
  /** Municipalities where the offer is given (study towns); empty for distance-only offers without a town. */
  municipalityCodes: readonly string[];
  distance: boolean;
  /** Places per intake; null when unknown. */
  places: number | null;
  ssyk: readonly string[];
}

export interface GapOccupation {
  ssyk: string;
  name: string;
  seqfBand: string | null;
  signalClass: string;
  /** Estimated retirements within five years in the region; null when unknown. */
  retirements5: number | null;
  /** People employers in the region say they need (from the needs register); null when not known. */
  employerNeeds: number | null;
}

export interface GapGeography {
  /** The region's municipalities. */
  municipalities: readonly string[];
  /** Per municipality of the region, the municipalities of its labour-market area (itself included). */
  areaOf: ReadonlyMap<string, ReadonlySet<string>>;
  /** Municipalities of the region with a learning centre within 30 km offering study places and invigilation. */
  supportedByCentre: ReadonlySet<string>;
}

export interface GapRow {
  ssyk: string;
  name: string;
  seqfBand: string | null;
  signalClass: string;
  routes: {
    /** Campus offers given in the region. */
    inRegion: number;
    /** Distance offers (anywhere in Sweden). */
    distance: number;
    /** Campus offers in the labour-market areas of the region's municipalities (may lie outside the region). */
    inAreas: number;
  };
  /** Best route per municipality of the region (for the map). */
  municipalities: Array<{ code: string; route: RouteLevel }>;
  /** Municipalities per best route. */
  routeCounts: Record<RouteLevel, number>;
  gap: boolean;
  /** Places of the campus offers in the region: 0 without any, null when none of them states its places. */
  placesInRegion: number | null;
  /** Retirements within 5 years plus employer needs; null unless at least one is known. */
  estimatedNeed: number | null;
  /** Need minus places, when both are known and the need is larger. */
  placesShortfall: number | null;
  /** True for `paradox` occupations: not primarily an education problem. */
  notPrimarilyEducation: boolean;
}

function bestRoute(
  municipality: string,
  campus: readonly GapOffer[],
  distanceOffers: number,
  geo: GapGeography,
  region: ReadonlySet<string>,
): RouteLevel {
  const area = geo.areaOf.get(municipality) ?? new Set([municipality]);
  let best: RouteLevel = 'none';
  const rank = (r: RouteLevel) => ROUTE_LEVELS.indexOf(r);
  for (const offer of campus) {
    for (const code of offer.municipalityCodes) {
      let level: RouteLevel | null = null;
      if (code === municipality) level = 'municipality';
      else if (area.has(code)) level = 'area';
      else if (region.has(code)) level = 'county';
      if (level && rank(level) < rank(best)) best = level;
      if (best === 'municipality') return best;
    }
  }
  if (best !== 'none') return best;
  if (distanceOffers > 0)
    return geo.supportedByCentre.has(municipality) ? 'distance_with_centre' : 'distance';
  return 'none';
}

/** Gap rows for the occupations, in the order given. */
export function computeGaps(
  occupations: readonly GapOccupation[],
  offers: readonly GapOffer[],
  geo: GapGeography,
): GapRow[] {
  const region = new Set(geo.municipalities);
  const allAreas = new Set<string>();
  for (const m of geo.municipalities) for (const a of geo.areaOf.get(m) ?? [m]) allAreas.add(a);
  const bySsyk = new Map<string, GapOffer[]>();
  for (const offer of offers) {
    for (const ssyk of new Set(offer.ssyk)) {
      const list = bySsyk.get(ssyk);
      if (list) list.push(offer);
      else bySsyk.set(ssyk, [offer]);
    }
  }
  return occupations.map((o) => {
    const list = bySsyk.get(o.ssyk) ?? [];
    const campus = list.filter((x) => !x.distance);
    const distance = list.filter((x) => x.distance).length;
    const campusInRegion = campus.filter((x) => x.municipalityCodes.some((c) => region.has(c)));
    const inAreas = campus.filter((x) => x.municipalityCodes.some((c) => allAreas.has(c))).length;
    const municipalities = geo.municipalities.map((code) => ({
      code,
      route: bestRoute(code, campus, distance, geo, region),
    }));
    const routeCounts = Object.fromEntries(ROUTE_LEVELS.map((r) => [r, 0])) as Record<RouteLevel, number>;
    for (const m of municipalities) routeCounts[m.route]++;
    const stated = campusInRegion.filter((x) => x.places !== null);
    const placesInRegion =
      campusInRegion.length === 0
        ? 0
        : stated.length === 0
          ? null
          : stated.reduce((n, x) => n + (x.places ?? 0), 0);
    const estimatedNeed =
      o.retirements5 === null && o.employerNeeds === null
        ? null
        : Math.round((o.retirements5 ?? 0) + (o.employerNeeds ?? 0));
    const placesShortfall =
      estimatedNeed !== null && placesInRegion !== null && estimatedNeed > placesInRegion
        ? estimatedNeed - placesInRegion
        : null;
    return {
      ssyk: o.ssyk,
      name: o.name,
      seqfBand: o.seqfBand,
      signalClass: o.signalClass,
      routes: { inRegion: campusInRegion.length, distance, inAreas },
      municipalities,
      routeCounts,
      gap: municipalities.length > 0 ? routeCounts.none === municipalities.length : list.length === 0,
      placesInRegion,
      estimatedNeed,
      placesShortfall,
      notPrimarilyEducation: o.signalClass === 'paradox',
    };
  });
}
