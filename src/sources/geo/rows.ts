import { InputError, type InputLocation } from '../../errors.js';
import type { RowBatch } from '../contract.js';
import { type Area, cleanArea, planarCentroid } from './geometry.js';
import type { County, CountyConcept, CountyExtra, Municipality, SkrGroup } from './parse-admin.js';
import type { CountyBoundary, MunicipalityBoundary } from './parse-boundaries.js';
import type { FaBoundary, FaRegion } from './parse-fa.js';
import type { MunicipalityPopulation } from './parse-population.js';

/** Builds the geo source's table rows from the parsed inputs. Pure. */

export const COUNTRY_ID = 'country:SE';

/** Geography ids: `country:SE`, `county:21`, `municipality:2180`, `fa:36`. */
export const geographyId = {
  county: (code: string): string => `county:${code}`,
  municipality: (code: string): string => `municipality:${code}`,
  fa: (code: string): string => `fa:${code}`,
};

/**
 * Douglas–Peucker tolerance in degrees per layer, applied after rounding to 4 decimals. 0 = rounding and
 * dropping repeated points only: every layer is already a simplified copy (see README), and the FA layer ends up
 * smaller than the municipality layer without further simplification (measured: see README).
 */
export const SIMPLIFY_TOLERANCE = { county: 0, municipality: 0, fa: 0 } as const;

export interface ParsedGeo {
  files: {
    counties: string;
    municipalities: string;
    skr: string;
    fa: string;
    faKml: string;
    municipalityBoundaries: string;
    countyBoundaries: string;
  };
  counties: ReadonlyMap<string, County>;
  municipalities: ReadonlyMap<string, Municipality>;
  skr: { municipalities: ReadonlyMap<string, SkrGroup>; counties: ReadonlyMap<string, CountyExtra> };
  countyConcepts: ReadonlyMap<string, CountyConcept>;
  faRegions: ReadonlyMap<string, FaRegion>;
  faBoundaries: readonly FaBoundary[];
  municipalityBoundaries: readonly MunicipalityBoundary[];
  countyBoundaries: readonly CountyBoundary[];
  population: readonly MunicipalityPopulation[];
  populationFiles: readonly string[];
}

interface Collected {
  rows: Record<string, unknown>[];
  locations: InputLocation[];
}

const collector = (): Collected & { add(row: Record<string, unknown>, location: InputLocation): void } => {
  const rows: Record<string, unknown>[] = [];
  const locations: InputLocation[] = [];
  return {
    rows,
    locations,
    add(row, location) {
      rows.push(row);
      locations.push(location);
    },
  };
};

const round5 = (value: number): number => Math.round(value * 1e5) / 1e5;

function cleaned(geometry: Area, tolerance: number, location: InputLocation): Area {
  const result = cleanArea(geometry, { tolerance });
  if (!result)
    throw new InputError(location, 'gränsen försvinner när koordinaterna avrundas till 4 decimaler');
  return result;
}

/** The four target batches: geographies, geography_members, population, geo_boundaries. */
export function buildGeoBatches(parsed: ParsedGeo): RowBatch[] {
  const { files } = parsed;
  const geographies = collector();
  const members = collector();
  const boundaries = collector();

  const countyGeometry = new Map<string, Area>();
  for (const boundary of parsed.countyBoundaries) {
    const location = { file: files.countyBoundaries, column: `l_id ${boundary.code}` };
    const geometry = cleaned(boundary.geometry, SIMPLIFY_TOLERANCE.county, location);
    countyGeometry.set(boundary.code, geometry);
    boundaries.add(
      { geographyId: geographyId.county(boundary.code), geometry, source: files.countyBoundaries },
      location,
    );
  }
  const municipalityPoint = new Map<string, { lat: number; lon: number }>();
  for (const boundary of parsed.municipalityBoundaries) {
    const location = { file: files.municipalityBoundaries, column: `id ${boundary.code}` };
    municipalityPoint.set(boundary.code, { lat: boundary.lat, lon: boundary.lon });
    boundaries.add(
      {
        geographyId: geographyId.municipality(boundary.code),
        geometry: cleaned(boundary.geometry, SIMPLIFY_TOLERANCE.municipality, location),
        source: files.municipalityBoundaries,
      },
      location,
    );
  }
  const faGeometry = new Map<string, Area>();
  for (const boundary of parsed.faBoundaries) {
    const location = { file: files.faKml, row: boundary.line, column: 'coordinates' };
    const geometry = cleaned(boundary.geometry, SIMPLIFY_TOLERANCE.fa, location);
    faGeometry.set(boundary.code, geometry);
    boundaries.add({ geographyId: geographyId.fa(boundary.code), geometry, source: files.faKml }, location);
  }

  const countryPoint = planarCentroid([...countyGeometry.values()]);
  geographies.add(
    {
      id: COUNTRY_ID,
      type: 'country',
      code: 'SE',
      name: 'Sverige',
      shortName: 'Sverige',
      parentId: null,
      lat: countryPoint ? round5(countryPoint[1]) : null,
      lon: countryPoint ? round5(countryPoint[0]) : null,
      attributes: {},
    },
    { file: files.counties },
  );
  for (const county of parsed.counties.values()) {
    const point = planarCentroid([countyGeometry.get(county.code)].filter((g): g is Area => g !== undefined));
    const extra = parsed.skr.counties.get(county.code);
    const concept = parsed.countyConcepts.get(county.code);
    const attributes: Record<string, string> = {};
    if (extra) {
      attributes.letter = extra.letter;
      attributes.regionName = extra.regionName;
    }
    if (concept) {
      attributes.jobtechConceptId = concept.conceptId;
      if (concept.nuts3) attributes.nuts3 = concept.nuts3;
    }
    geographies.add(
      {
        id: geographyId.county(county.code),
        type: 'county',
        code: county.code,
        name: county.name,
        shortName: county.shortName,
        parentId: COUNTRY_ID,
        lat: point ? round5(point[1]) : null,
        lon: point ? round5(point[0]) : null,
        attributes,
      },
      { file: files.counties, row: county.row },
    );
  }
  for (const municipality of parsed.municipalities.values()) {
    const location = { file: files.municipalities, row: municipality.row };
    const point = municipalityPoint.get(municipality.code);
    const group = parsed.skr.municipalities.get(municipality.code);
    const attributes: Record<string, string> = group
      ? {
          skrGroupCode: group.groupCode,
          skrGroup: group.group,
          skrMainGroupCode: group.mainGroupCode,
          skrMainGroup: group.mainGroup,
          skrGroupKey: group.groupKey,
        }
      : {};
    const id = geographyId.municipality(municipality.code);
    geographies.add(
      {
        id,
        type: 'municipality',
        code: municipality.code,
        name: municipality.name,
        shortName: municipality.shortName,
        parentId: geographyId.county(municipality.countyCode),
        lat: point?.lat ?? null,
        lon: point?.lon ?? null,
        attributes,
      },
      location,
    );
    members.add({ geographyId: COUNTRY_ID, municipalityCode: municipality.code }, location);
    members.add(
      { geographyId: geographyId.county(municipality.countyCode), municipalityCode: municipality.code },
      location,
    );
    members.add({ geographyId: id, municipalityCode: municipality.code }, location);
  }
  for (const region of parsed.faRegions.values()) {
    const point = planarCentroid([faGeometry.get(region.code)].filter((g): g is Area => g !== undefined));
    geographies.add(
      {
        id: geographyId.fa(region.code),
        type: 'fa',
        code: region.code,
        name: region.name,
        shortName: region.name,
        parentId: COUNTRY_ID,
        lat: point ? round5(point[1]) : null,
        lon: point ? round5(point[0]) : null,
        attributes: {},
      },
      { file: files.fa, row: region.row },
    );
    region.municipalities.forEach((code, i) => {
      members.add(
        { geographyId: geographyId.fa(region.code), municipalityCode: code },
        { file: files.fa, row: region.memberRows[i] },
      );
    });
  }
  return [
    { target: 'geographies', rows: geographies.rows, locations: geographies.locations },
    { target: 'geography_members', rows: members.rows, locations: members.locations },
    {
      target: 'population',
      rows: parsed.population.map((p) => ({ ...p })),
      locations: parsed.population.map(() => ({ file: parsed.populationFiles.join(' + ') })),
    },
    { target: 'geo_boundaries', rows: boundaries.rows, locations: boundaries.locations },
  ];
}
