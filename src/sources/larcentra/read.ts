import { z } from 'zod';
import {
  type Locality,
  localitiesFromPostalCodes,
  municipalityRadiiKm,
} from '../../core/reach/localities.js';
import { InputError } from '../../errors.js';
import type { SourceInput } from '../contract.js';
import { POSTAL_FILE } from '../postal-codes/index.js';
import { POSTAL_COLUMNS, parsePostalCodes } from '../postal-codes/parse.js';
import { assertFileExists, readCsv, type TableRecord } from '../shared/csv.js';
import { readText } from '../shared/text.js';
import { loadWorkbookFile, requireSheet, sheetRecords, sheetRows } from '../shared/xlsx.js';
import {
  checkHeader,
  type LarcentraReference,
  type ReferenceCounty,
  type ReferenceMunicipality,
} from './parse.js';

/** Reference files the learning-centre import validates and geocodes against (all verbatim upstream copies). */
export const REFERENCE_FILES = {
  municipalities: 'geo-admin/municipalities.csv',
  counties: 'geo-admin/counties.csv',
  municipalityBoundaries: 'geo-boundaries/swedish_municipalities.geojson',
  postal: POSTAL_FILE,
} as const;

const featureCollection = z.object({
  features: z.array(
    z.object({
      properties: z.object({
        id: z.string(),
        geo_point_2d: z.tuple([z.number(), z.number()]),
      }),
    }),
  ),
});

/** Reads the reference data (municipalities, counties, representative points, postal codes) from the input. */
export async function readReference(input: SourceInput): Promise<LarcentraReference> {
  const f = REFERENCE_FILES;
  const [municipalityRecords, countyRecords, postalRecords] = await Promise.all([
    readCsv(input, f.municipalities, {
      required: ['municipality_code', 'municipality_name_short', 'county_code'],
    }),
    readCsv(input, f.counties, { required: ['county_code', 'county_name', 'county_name_short'] }),
    readCsv(input, f.postal, { required: POSTAL_COLUMNS }),
  ]);
  const municipalities = new Map<string, ReferenceMunicipality>();
  for (const r of municipalityRecords) {
    const code = r.values.municipality_code ?? '';
    municipalities.set(code, {
      code,
      name: r.values.municipality_name_short ?? '',
      countyCode: r.values.county_code ?? '',
    });
  }
  const counties = new Map<string, ReferenceCounty>();
  for (const r of countyRecords) {
    const code = r.values.county_code ?? '';
    counties.set(code, {
      code,
      name: r.values.county_name ?? '',
      shortName: r.values.county_name_short ?? '',
    });
  }
  const boundariesPath = input.file(f.municipalityBoundaries);
  await assertFileExists(boundariesPath, f.municipalityBoundaries);
  let json: unknown;
  try {
    json = JSON.parse((await readText(boundariesPath, f.municipalityBoundaries)).text);
  } catch (error) {
    throw new InputError({ file: f.municipalityBoundaries }, `ogiltig JSON: ${(error as Error).message}`);
  }
  const parsed = featureCollection.safeParse(json);
  if (!parsed.success) {
    throw new InputError(
      { file: f.municipalityBoundaries, column: parsed.error.issues[0]?.path.join('.') },
      'varje kommun ska ha properties.id och properties.geo_point_2d [lat, lon]',
    );
  }
  const centroids = new Map(
    parsed.data.features.map((feature) => {
      const [lat, lon] = feature.properties.geo_point_2d;
      return [feature.properties.id, { lat, lon }] as const;
    }),
  );
  const postal = parsePostalCodes(postalRecords, f.postal);
  const postalCodes = new Map(postal.map((p) => [p.postalCode, p]));
  const localities = new Map<string, Locality[]>();
  for (const l of localitiesFromPostalCodes(postal)) {
    const list = localities.get(l.municipalityCode);
    if (list) list.push(l);
    else localities.set(l.municipalityCode, [l]);
  }
  return {
    municipalities,
    counties,
    centroids,
    postalCodes,
    localities,
    radiiKm: municipalityRadiiKm(centroids, postal),
  };
}

/**
 * Reads a learning-centre file (CSV in any of the accepted encodings and delimiters, or XLSX) and checks its
 * header. Missing optional columns stay absent from `values` (treated as empty).
 */
export async function readCentreRecords(
  input: SourceInput,
  relativePath: string,
  displayName: string,
): Promise<TableRecord[]> {
  if (/\.xlsx$/i.test(relativePath)) {
    const workbook = await loadWorkbookFile(input.file(relativePath), displayName);
    const { header, records } = sheetRecords(sheetRows(requireSheet(workbook, displayName)), displayName, []);
    checkHeader(displayName, header);
    if (records.length === 0) {
      throw new InputError(
        { file: displayName },
        'filen har inga lärcentra, bara en rubrikrad (en tom fil skulle tömma registret)',
      );
    }
    return records;
  }
  const records = await readCsv({ origin: input.origin, file: () => input.file(relativePath) }, displayName, {
    required: [],
  });
  if (records.length === 0) {
    throw new InputError(
      { file: displayName },
      'filen har inga lärcentra, bara en rubrikrad (en tom fil skulle tömma registret)',
    );
  }
  const header = Object.keys(records[0]?.values ?? {});
  checkHeader(displayName, header);
  return records;
}
