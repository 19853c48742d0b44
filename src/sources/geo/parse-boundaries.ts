import { z } from 'zod';
import { InputError } from '../../errors.js';
import type { Area } from './geometry.js';
import type { County, Municipality } from './parse-admin.js';

/**
 * Municipality and county boundaries from okfse/sweden-geojson (GeoJSON FeatureCollections, WGS84). Pure.
 * Errors name the file and the JSON path of the offending value (GeoJSON has no meaningful rows).
 */
const position = z.array(z.number()).min(2, 'en position ska ha minst två tal');
const polygon = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(position).min(4, 'en ring ska ha minst fyra positioner')).min(1),
});
const multiPolygon = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z
    .array(z.array(z.array(position).min(4, 'en ring ska ha minst fyra positioner')).min(1))
    .min(1),
});
export const areaGeometry = z.discriminatedUnion('type', [polygon, multiPolygon], {
  message: 'geometrin ska vara Polygon eller MultiPolygon',
});

const featureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({ type: z.literal('Feature'), properties: z.record(z.string(), z.unknown()) }).loose(),
  ),
});

function parseWith<S extends z.ZodType>(schema: S, value: unknown, file: string, path: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = [
    path,
    ...(issue?.path ?? []).map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)),
  ]
    .join('')
    .replace(/^\./, '');
  throw new InputError({ file, column: where || undefined }, issue?.message ?? 'ogiltigt värde');
}

function features(json: unknown, file: string) {
  return parseWith(featureCollection, json, file, '').features;
}

export interface MunicipalityBoundary {
  code: string;
  geometry: Area;
  /** Representative point from the source (`geo_point_2d`). */
  lat: number;
  lon: number;
}

const municipalityProperties = z.object({
  id: z.string().regex(/^\d{4}$/, 'kommunkod ska vara fyra siffror, t.ex. "0180"'),
  lan_code: z.string().regex(/^\d{2}$/, 'länskod ska vara två siffror'),
  geo_point_2d: z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)], {
    message: 'geo_point_2d ska vara [lat, lon]',
  }),
});

/**
 * swedish_municipalities.geojson → one boundary and representative point per municipality. Every feature must be
 * a known municipality in the right county, once; every municipality must have a feature.
 */
export function parseMunicipalityBoundaries(
  json: unknown,
  file: string,
  municipalities: ReadonlyMap<string, Municipality>,
): MunicipalityBoundary[] {
  const seen = new Map<string, number>();
  const result = features(json, file).map((feature, i) => {
    const at = `features[${i}]`;
    const p = parseWith(municipalityProperties, feature.properties, file, `${at}.properties`);
    const municipality = municipalities.get(p.id);
    if (!municipality)
      throw new InputError({ file, column: `${at}.properties.id` }, `okänd kommunkod "${p.id}"`);
    if (municipality.countyCode !== p.lan_code) {
      throw new InputError(
        { file, column: `${at}.properties.lan_code` },
        `kommun ${p.id} ligger i län ${municipality.countyCode}, inte "${p.lan_code}"`,
      );
    }
    const earlier = seen.get(p.id);
    if (earlier !== undefined) {
      throw new InputError(
        { file, column: `${at}.properties.id` },
        `kommun ${p.id} förekommer två gånger (även features[${earlier}])`,
      );
    }
    seen.set(p.id, i);
    const geometry: Area = parseWith(areaGeometry, feature.geometry, file, `${at}.geometry`);
    return { code: p.id, geometry, lat: p.geo_point_2d[0], lon: p.geo_point_2d[1] };
  });
  for (const code of municipalities.keys()) {
    if (!seen.has(code)) throw new InputError({ file }, `kommun ${code} saknar gräns`);
  }
  return result;
}

export interface CountyBoundary {
  code: string;
  geometry: Area;
}

const countyProperties = z.object({
  l_id: z.union([
    z.number().int().min(1).max(99),
    z.string().regex(/^\d{1,2}$/, 'länskoden ska vara ett tal 1–99'),
  ]),
});

/**
 * swedish_regions.geojson → one boundary per county. The county code is the integer `l_id` (1, 21), zero-padded
 * to the SCB code ("01", "21").
 */
export function parseCountyBoundaries(
  json: unknown,
  file: string,
  counties: ReadonlyMap<string, County>,
): CountyBoundary[] {
  const seen = new Map<string, number>();
  const result = features(json, file).map((feature, i) => {
    const at = `features[${i}]`;
    const p = parseWith(countyProperties, feature.properties, file, `${at}.properties`);
    const code = String(p.l_id).padStart(2, '0');
    if (!counties.has(code))
      throw new InputError({ file, column: `${at}.properties.l_id` }, `okänd länskod "${code}"`);
    const earlier = seen.get(code);
    if (earlier !== undefined) {
      throw new InputError(
        { file, column: `${at}.properties.l_id` },
        `län ${code} förekommer två gånger (även features[${earlier}])`,
      );
    }
    seen.set(code, i);
    const geometry: Area = parseWith(areaGeometry, feature.geometry, file, `${at}.geometry`);
    return { code, geometry };
  });
  for (const code of counties.keys()) {
    if (!seen.has(code)) throw new InputError({ file }, `län ${code} saknar gräns`);
  }
  return result;
}
