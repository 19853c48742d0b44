import {
  type AreaReach,
  areaReach,
  assignNearest,
  FLAG_THRESHOLD_KM,
  type LocalityReach,
  type MunicipalityInfo,
  type MunicipalityReach,
  municipalityReach,
  REACH_THRESHOLDS_KM,
  type ReachCentre,
} from '../../core/reach/coverage.js';
import type { LatLon } from '../../core/reach/distance.js';
import {
  isPlausibleLocation,
  type Locality,
  localitiesFromPostalCodes,
  municipalityRadiiKm,
  spreadPopulation,
  type WeightingMode,
} from '../../core/reach/localities.js';
import type { Queryable } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { CentreStatus, CoordinateOrigin } from '../../sources/larcentra/parse.js';
import {
  getGeography,
  listGeographies,
  resolveMunicipalityCodes,
} from '../geographies/geographies.service.js';
import { lastSucceededRun } from '../imports/import-runs.service.js';
import { selectCentres, selectPlaces, selectPostalPoints } from './learning-centres.repo.js';

/**
 * Reach analysis: for every municipality of a geography, the great-circle distance from its localities to the
 * nearest learning centre (anywhere in Sweden, not only inside the geography) and the population-weighted
 * share within 10, 20, 30 and 50 km. Data is loaded from the database; the math is in src/core/reach.
 */

export const POINT_SOURCES = ['postal', 'places'] as const;
export type PointSource = (typeof POINT_SOURCES)[number];

export interface ReachOptions {
  geo: string;
  /** Localities from postal codes (default; weighted by postal-code count) or JobTech places (equal weights). */
  points?: PointSource;
  /** Count planned centres as if open (default false). Historical centres never count. */
  includePlanned?: boolean;
  /** Include every locality with its nearest centre (for maps); default true. */
  includeLocalities?: boolean;
}

export interface ReachCentreInfo {
  id: string;
  name: string;
  municipalityCode: string | null;
  lat: number;
  lon: number;
  origin: CoordinateOrigin;
  status: CentreStatus;
}

export interface MunicipalityReachView extends MunicipalityReach {
  /** Population of the municipality (SCB, `method.populationYear`); `population` is the part carried by its localities. */
  registeredPopulation: number | null;
  /** Representative point of the municipality (label position on maps). */
  lat: number | null;
  lon: number | null;
  /** The centre nearest for the largest part of the municipality's population. */
  mainCentre: { id: string; name: string; share: number } | null;
}

export interface ReachReport {
  geography: { id: string; name: string; type: string };
  thresholdsKm: number[];
  flagThresholdKm: number;
  method: {
    points: PointSource;
    weighting: WeightingMode;
    populationYear: number | null;
    localities: number;
    /** Places dropped as implausible (0,0 or far outside their municipality); only with points=places. */
    excludedLocalities: number;
    centresUsed: number;
    centresByOrigin: Record<string, number>;
    statuses: CentreStatus[];
    /** Centres left out because no coordinate is known (e.g. networks without a location). */
    centresWithoutCoordinates: Array<{ id: string; name: string }>;
    sources: Array<{ id: string; importedAt: Date | null }>;
  };
  total: AreaReach;
  counties: Array<AreaReach & { code: string; name: string }>;
  municipalities: MunicipalityReachView[];
  /** Centres used that are located in the geography or nearest to one of its localities. */
  centres: ReachCentreInfo[];
  localities: Array<{
    id: string;
    name: string;
    municipalityCode: string;
    lat: number;
    lon: number;
    weight: number;
    nearestCentreId: string | null;
    distanceKm: number | null;
  }>;
}

const collator = new Intl.Collator('sv');

/**
 * Localities per database and point source, kept in memory until the next successful import of the sources they
 * are built from (15,463 postal codes take a few hundred ms to read from PGlite; the reach math itself ~50 ms).
 */
const localityCache = new WeakMap<
  object,
  Map<PointSource, { version: string; value: Promise<{ localities: Locality[]; excluded: number }> }>
>();

async function cachedLocalities(
  q: Queryable,
  points: PointSource,
  centroids: ReadonlyMap<string, LatLon>,
): Promise<{ localities: Locality[]; excluded: number }> {
  const runs = await Promise.all(
    ['postal-codes', 'places', 'geo'].map((id) => lastSucceededRun(q, id).then((r) => r?.id ?? 0)),
  );
  const version = runs.join(':');
  let perDb = localityCache.get(q);
  if (!perDb) {
    perDb = new Map();
    localityCache.set(q, perDb);
  }
  const cached = perDb.get(points);
  if (cached && cached.version === version) return cached.value;
  const value = loadLocalities(q, points, centroids);
  perDb.set(points, { version, value });
  value.catch(() => {
    if (perDb.get(points)?.value === value) perDb.delete(points);
  });
  return value;
}

/** Localities for the analysis from the chosen point source, with how many were dropped. */
async function loadLocalities(
  q: Queryable,
  points: PointSource,
  centroids: ReadonlyMap<string, LatLon>,
): Promise<{ localities: Locality[]; excluded: number }> {
  const postal = await selectPostalPoints(q);
  if (points === 'postal') return { localities: localitiesFromPostalCodes(postal), excluded: 0 };
  const radii = municipalityRadiiKm(centroids, postal);
  const rows = await selectPlaces(q);
  const localities: Locality[] = [];
  for (const p of rows) {
    const candidate = {
      municipalityCode: p.municipalityCode,
      lat: p.lat ?? Number.NaN,
      lon: p.lon ?? Number.NaN,
    };
    if (!isPlausibleLocation(candidate, centroids, radii)) continue;
    localities.push({
      id: `${p.municipalityCode}:${p.name}`,
      name: p.name,
      municipalityCode: p.municipalityCode,
      postalCodes: 1,
      lat: candidate.lat,
      lon: candidate.lon,
    });
  }
  return { localities, excluded: rows.length - localities.length };
}

/** Computes the reach report for a geography. */
export async function computeReach(q: Queryable, options: ReachOptions): Promise<ReachReport> {
  const points = options.points ?? 'postal';
  if (!(POINT_SOURCES as readonly string[]).includes(points)) {
    throw new AppError(
      'validation_failed',
      `Okänd punktkälla "${points}". Tillåtna: ${POINT_SOURCES.join(', ')}`,
    );
  }
  const statuses: CentreStatus[] = options.includePlanned ? ['active', 'planned'] : ['active'];
  const [geography, memberCodes, municipalityRows, countyRows, records] = await Promise.all([
    getGeography(q, options.geo),
    resolveMunicipalityCodes(q, options.geo),
    listGeographies(q, { type: 'municipality' }),
    listGeographies(q, { type: 'county' }),
    selectCentres(q),
  ]);
  if (records.length === 0) {
    throw new AppError(
      'source_unavailable',
      'Lärcentraregistret är tomt. Importera det först: semafor import larcentra (eller semafor larcentra import FIL).',
    );
  }
  const centroids = new Map<string, LatLon>();
  for (const m of municipalityRows)
    if (m.lat !== null && m.lon !== null) centroids.set(m.code, { lat: m.lat, lon: m.lon });
  const { localities, excluded } = await cachedLocalities(q, points, centroids);
  if (localities.length === 0) {
    throw new AppError(
      'source_unavailable',
      `Inga orter att räkna på. Importera ${points === 'postal' ? 'postal-codes' : 'places'} först.`,
    );
  }

  const members = new Set(memberCodes);
  const used: ReachCentreInfo[] = [];
  const withoutCoordinates: Array<{ id: string; name: string }> = [];
  const byOrigin: Record<string, number> = {};
  for (const { centre: c } of records) {
    if (!statuses.includes(c.status as CentreStatus)) continue;
    if (c.lat === null || c.lon === null || c.coordinateOrigin === 'none') {
      withoutCoordinates.push({ id: c.id, name: c.name });
      continue;
    }
    used.push({
      id: c.id,
      name: c.name,
      municipalityCode: c.municipalityCode,
      lat: c.lat,
      lon: c.lon,
      origin: c.coordinateOrigin as CoordinateOrigin,
      status: c.status as CentreStatus,
    });
    byOrigin[c.coordinateOrigin] = (byOrigin[c.coordinateOrigin] ?? 0) + 1;
  }
  const centres: ReachCentre[] = used.map((c) => ({ id: c.id, lat: c.lat, lon: c.lon }));

  // Population of the latest year, spread over the localities of the geography's municipalities.
  const population = new Map<string, number>();
  let populationYear: number | null = null;
  for (const m of municipalityRows) {
    if (m.population) {
      population.set(m.code, m.population.total);
      populationYear = Math.max(populationYear ?? 0, m.population.year);
    }
  }
  const weighting: WeightingMode = points === 'postal' ? 'postal_code_count' : 'equal';
  const inGeography = localities.filter((l) => members.has(l.municipalityCode));
  const reached: LocalityReach[] = assignNearest(
    spreadPopulation(inGeography, population, weighting),
    centres,
  );

  const located = new Map<string, number>();
  const serving = new Map<string, number>();
  for (const r of records) {
    if (!statuses.includes(r.centre.status as CentreStatus)) continue;
    for (const m of r.municipalities) {
      serving.set(m.code, (serving.get(m.code) ?? 0) + 1);
      if (m.role === 'location') located.set(m.code, (located.get(m.code) ?? 0) + 1);
    }
  }
  const rowsByCode = new Map(municipalityRows.map((m) => [m.code, m]));
  const infos: MunicipalityInfo[] = memberCodes
    .map((code) => {
      const row = rowsByCode.get(code);
      return {
        code,
        name: row?.shortName ?? code,
        countyCode: (row?.parentId ?? '').replace(/^county:/, ''),
        centresLocated: located.get(code) ?? 0,
        centresServing: serving.get(code) ?? 0,
      };
    })
    .sort((a, b) => collator.compare(a.name, b.name));
  const centreNames = new Map(used.map((c) => [c.id, c.name]));
  const municipalities: MunicipalityReachView[] = municipalityReach(infos, reached).map((m) => {
    const row = rowsByCode.get(m.code);
    const weights = new Map<string, number>();
    for (const l of reached) {
      if (l.municipalityCode !== m.code || !l.nearest) continue;
      weights.set(l.nearest.centreId, (weights.get(l.nearest.centreId) ?? 0) + l.weight);
    }
    let main: { id: string; name: string; share: number } | null = null;
    for (const [id, w] of weights) {
      const share = m.population > 0 ? w / m.population : 0;
      if (!main || share > main.share) main = { id, name: centreNames.get(id) ?? id, share };
    }
    return {
      ...m,
      registeredPopulation: row?.population?.total ?? null,
      lat: row?.lat ?? null,
      lon: row?.lon ?? null,
      mainCentre: main,
    };
  });

  const countyCodes = [...new Set(municipalities.map((m) => m.countyCode))];
  const countyNames = new Map(countyRows.map((c) => [c.code, c.name]));
  const counties = countyCodes
    .map((code) => ({
      code,
      name: countyNames.get(code) ?? code,
      ...areaReach(
        municipalities.filter((m) => m.countyCode === code),
        reached,
      ),
    }))
    .sort((a, b) => collator.compare(a.name, b.name));

  const relevant = new Set<string>();
  for (const l of reached) if (l.nearest) relevant.add(l.nearest.centreId);
  for (const c of used) if (c.municipalityCode && members.has(c.municipalityCode)) relevant.add(c.id);

  const sourceIds = ['larcentra', points === 'postal' ? 'postal-codes' : 'places', 'geo'];
  const runs = await Promise.all(sourceIds.map((id) => lastSucceededRun(q, id)));

  return {
    geography: { id: geography.id, name: geography.name, type: geography.type },
    thresholdsKm: [...REACH_THRESHOLDS_KM],
    flagThresholdKm: FLAG_THRESHOLD_KM,
    method: {
      points,
      weighting,
      populationYear,
      localities: reached.length,
      excludedLocalities: excluded,
      centresUsed: used.length,
      centresByOrigin: byOrigin,
      statuses,
      centresWithoutCoordinates: withoutCoordinates.sort((a, b) => collator.compare(a.name, b.name)),
      sources: sourceIds.map((id, i) => ({ id, importedAt: runs[i]?.finishedAt ?? null })),
    },
    total: areaReach(municipalities, reached),
    counties,
    municipalities,
    centres: used.filter((c) => relevant.has(c.id)).sort((a, b) => collator.compare(a.name, b.name)),
    localities:
      options.includeLocalities === false
        ? []
        : reached.map((l) => ({
            id: l.id,
            name: l.name,
            municipalityCode: l.municipalityCode,
            lat: l.lat,
            lon: l.lon,
            weight: l.weight,
            nearestCentreId: l.nearest?.centreId ?? null,
            distanceKm: l.nearest?.distanceKm ?? null,
          })),
  };
}
