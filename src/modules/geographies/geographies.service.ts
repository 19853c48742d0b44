import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { topology } from 'topojson-server';
import type { Queryable } from '../../db/client.js';
import { notFound } from '../../errors.js';
import { type PreparedJson, prepareJson } from '../../server/cached-json.js';
import { lastSucceededRun } from '../imports/import-runs.service.js';
import {
  type GeographyRow,
  selectBoundaries,
  selectBoundary,
  selectContaining,
  selectGeographies,
  selectGeographiesById,
  selectGeography,
  selectLatestPopulationYear,
  selectMemberCodes,
  selectMembers,
  selectOverlapping,
  selectPopulationSums,
} from './geographies.repo.js';

/**
 * Geographies: the country, counties, municipalities, FA regions (from the `geo` source) and custom areas (type
 * `area`, created elsewhere). Ids: `country:SE`, `county:21`, `municipality:2180`, `fa:36`, `area:<slug>`.
 */
export const GEOGRAPHY_TYPES = ['country', 'county', 'municipality', 'fa', 'area'] as const;
export type GeographyType = (typeof GEOGRAPHY_TYPES)[number];
/** Types with a boundary layer for web maps. */
export const BOUNDARY_TYPES = ['county', 'municipality', 'fa'] as const;
export type BoundaryType = (typeof BOUNDARY_TYPES)[number];
export const BOUNDARY_FORMATS = ['geojson', 'topojson'] as const;
export type BoundaryFormat = (typeof BOUNDARY_FORMATS)[number];

const collator = new Intl.Collator('sv');
const byName = <T extends { name: string | null }>(a: T, b: T): number =>
  collator.compare(a.name ?? '', b.name ?? '');

export interface PopulationFigure {
  year: number;
  total: number;
  women: number;
  men: number;
  /** Member municipalities with a figure that year. */
  municipalities: number;
}

/** A geography in lists: what the area picker shows (GeographyName) and where it is and how many live there. */
export interface GeographySummary extends GeographyName {
  lat: number | null;
  lon: number | null;
  population: PopulationFigure | null;
}

export interface GeographyRef {
  id: string;
  type: string;
  code: string;
  name: string;
}

export interface GeographyDetail extends GeographySummary {
  attributes: Record<string, string>;
  parent: GeographyRef | null;
  members: Array<{ id: string; code: string; name: string | null; shortName: string | null }>;
  /** Geographies that contain this one (for a municipality: country, county, FA region, custom areas). */
  memberOf: GeographyRef[];
  /** Present when requested: the simplified WGS84 boundary, or null when there is none. */
  boundary?: AreaGeometry | null;
}

export type AreaGeometry = Polygon | MultiPolygon;

/** Boundaries are polygons; anything else stored in the table is ignored. */
const asArea = (geometry: Geometry | undefined): AreaGeometry | null =>
  geometry && (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') ? geometry : null;

const ref = (row: GeographyRow): GeographyRef => ({
  id: row.id,
  type: row.type,
  code: row.code,
  name: row.name,
});

/** The picker's part of a geography row (GeographyName). */
const nameOf = (row: GeographyRow): GeographyName => ({
  id: row.id,
  type: row.type,
  code: row.code,
  name: row.name,
  shortName: row.shortName,
  parentId: row.parentId,
});

function summary(row: GeographyRow, population: PopulationFigure | null): GeographySummary {
  return {
    ...nameOf(row),
    lat: row.lat,
    lon: row.lon,
    population,
  };
}

async function populationByGeography(
  q: Queryable,
  ids?: readonly string[],
): Promise<Map<string, PopulationFigure>> {
  const year = await selectLatestPopulationYear(q);
  if (year === undefined) return new Map();
  const sums = await selectPopulationSums(q, year, ids);
  return new Map(sums.map((s) => [s.geographyId, { year, ...s }]));
}

/** Geographies of a type (all when omitted), sorted by name with Swedish collation, with their population. */
export async function listGeographies(
  q: Queryable,
  options: { type?: GeographyType } = {},
): Promise<GeographySummary[]> {
  const rows = await selectGeographies(q, options.type);
  const population = await populationByGeography(q, options.type ? rows.map((r) => r.id) : undefined);
  return rows.map((row) => summary(row, population.get(row.id) ?? null)).sort(byName);
}

/** What the area picker shows and searches: the names, the type and the parent (no coordinates, no population). */
export interface GeographyName {
  id: string;
  type: string;
  code: string;
  name: string;
  shortName: string;
  parentId: string | null;
}

/** The last names list sent, per database: reused while the list is unchanged, so it is compressed only once. */
const namesCache = new WeakMap<object, PreparedJson>();

/**
 * Every geography's names, sorted like `listGeographies`, as prepared JSON (brotli at a high level, ETag): the
 * signal pages' area picker needs only these, a third of the full list compressed (issue 15: the first view of a
 * phone). Read on every call, since custom areas change without an import; compressed again only when the list
 * has changed.
 */
export async function geographyNamesJson(q: Queryable): Promise<PreparedJson> {
  const rows = (await selectGeographies(q)).sort(byName);
  const geographies = rows.map(nameOf);
  const json = Buffer.from(JSON.stringify({ geographies }));
  const cached = namesCache.get(q);
  if (cached?.identity.equals(json)) return cached;
  const prepared = await prepareJson(json);
  namesCache.set(q, prepared);
  return prepared;
}

/** One geography with parent, member municipalities (sorted by name), containing geographies and population. */
export async function getGeography(
  q: Queryable,
  id: string,
  options: { boundary?: boolean } = {},
): Promise<GeographyDetail> {
  const row = await selectGeography(q, id);
  if (!row) throw notFound('Geografin', id);
  const [parentRows, members, containing, population] = await Promise.all([
    row.parentId ? selectGeographiesById(q, [row.parentId]) : Promise.resolve([]),
    selectMembers(q, id),
    row.type === 'municipality' ? selectContaining(q, row.code) : Promise.resolve([]),
    populationByGeography(q, [id]),
  ]);
  const detail: GeographyDetail = {
    ...summary(row, population.get(id) ?? null),
    attributes: row.attributes,
    parent: parentRows[0] ? ref(parentRows[0]) : null,
    members: members
      .map((m) => ({ id: `municipality:${m.code}`, code: m.code, name: m.name, shortName: m.shortName }))
      .sort(byName),
    memberOf: containing.map(ref).sort((a, b) => typeOrder(a.type) - typeOrder(b.type) || byName(a, b)),
  };
  if (options.boundary) detail.boundary = asArea(await selectBoundary(q, id));
  return detail;
}

function typeOrder(type: string): number {
  const index = (GEOGRAPHY_TYPES as readonly string[]).indexOf(type);
  return index === -1 ? GEOGRAPHY_TYPES.length : index;
}

/**
 * The municipality codes a geography consists of (sorted), for any geography: a municipality gives itself, a
 * county/FA region/custom area its members, the country all municipalities. Unknown id → not_found.
 * Other modules (custom areas, signals) use this to aggregate municipality figures.
 */
export async function resolveMunicipalityCodes(q: Queryable, geographyId: string): Promise<string[]> {
  const codes = await selectMemberCodes(q, geographyId);
  if (codes.length === 0 && !(await selectGeography(q, geographyId)))
    throw notFound('Geografin', geographyId);
  return codes.sort();
}

/** The name of one geography (one key lookup, no population or members); unknown id → not_found. */
export async function geographyName(q: Queryable, id: string): Promise<string> {
  const row = await selectGeography(q, id);
  if (!row) throw notFound('Geografin', id);
  return row.name;
}

/**
 * The FA regions and custom areas that reach into a geography (at least one common municipality), sorted by
 * name: the sub-areas of a region, e.g. for the breadth of a shortage across a county.
 */
export async function overlappingAreas(q: Queryable, geographyId: string): Promise<GeographyRef[]> {
  const rows = await selectOverlapping(q, geographyId, ['fa', 'area']);
  return rows.map(ref).sort(byName);
}

export interface BoundaryLayer {
  /** The JSON document (GeoJSON FeatureCollection or TopoJSON Topology), compressed and tagged for HTTP. */
  json: PreparedJson;
  features: number;
}

/** TopoJSON quantization: 10^5 steps over Sweden's extent ≈ 1.5 m–15 m, on par with the stored 4 decimals. */
const TOPOJSON_QUANTIZATION = 1e5;

/** Built layers per database, keyed by type and format, valid for one successful `geo` import run. */
const layerCache = new WeakMap<object, Map<string, { version: number; layer: Promise<BoundaryLayer> }>>();

async function buildLayer(q: Queryable, type: BoundaryType, format: BoundaryFormat): Promise<BoundaryLayer> {
  const rows = (await selectBoundaries(q, type)).sort((a, b) => collator.compare(a.code, b.code));
  const features: Feature[] = [];
  for (const r of rows) {
    const geometry = asArea(r.geometry);
    if (!geometry) continue;
    features.push({
      type: 'Feature',
      id: r.id,
      properties: { id: r.id, code: r.code, name: r.name, shortName: r.shortName },
      geometry,
    });
  }
  const collection: FeatureCollection = { type: 'FeatureCollection', features };
  const document =
    format === 'topojson' ? topology({ [type]: collection }, TOPOJSON_QUANTIZATION) : collection;
  // Compressed and hashed once per layer (kept until the next geo import), like the signal lists.
  return { json: await prepareJson(Buffer.from(JSON.stringify(document))), features: features.length };
}

/**
 * One boundary layer for a web map: every geography of the type with properties id, code, name, shortName.
 * Built once per type and format and kept in memory until the next successful import of the `geo` source.
 */
export async function getBoundaryLayer(
  q: Queryable,
  type: BoundaryType,
  format: BoundaryFormat,
): Promise<BoundaryLayer> {
  const version = (await lastSucceededRun(q, 'geo'))?.id ?? 0;
  let perDb = layerCache.get(q);
  if (!perDb) {
    perDb = new Map();
    layerCache.set(q, perDb);
  }
  const key = `${type}:${format}`;
  const cached = perDb.get(key);
  if (cached && cached.version === version) return cached.layer;
  const layer = buildLayer(q, type, format);
  perDb.set(key, { version, layer });
  layer.catch(() => {
    if (perDb.get(key)?.layer === layer) perDb.delete(key);
  });
  return layer;
}
