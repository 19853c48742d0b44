import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, type InputLocation } from '../../errors.js';
import type { SourceInput } from '../contract.js';
import { readCsv, type TableRecord } from '../shared/csv.js';
import { cellText, readXlsxRecords } from '../shared/xlsx.js';
import { cleanArea, planarCentroid, ringArea2, simplifyLine } from './geometry.js';
import {
  MUNICIPALITY_COLUMNS,
  parseCounties,
  parseCountyConcepts,
  parseMunicipalities,
  parseSkrGroups,
  SKR_COLUMNS,
} from './parse-admin.js';
import { parseCountyBoundaries, parseMunicipalityBoundaries } from './parse-boundaries.js';
import { FA_COLUMNS, faNamesMatch, matchFaBoundaries, parseFaMembership, parseKml } from './parse-fa.js';
import { aggregatePopulation } from './parse-population.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Writes hand-made files into a temp data directory and returns a SourceInput for it. */
async function dataDir(files: Record<string, string | Uint8Array>): Promise<SourceInput> {
  const dir = await mkdtemp(path.join(tmpdir(), 'semafor-geo-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return { origin: 'data_dir', file: (p) => path.join(dir, p) };
}

const records = (rows: Array<Record<string, string>>): TableRecord[] =>
  rows.map((values, i) => ({ row: i + 2, values }));

/** Runs `fn` and returns the InputError's location and message. */
function inputError(fn: () => unknown): InputLocation & { message: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return { ...error.location, message: error.message };
    throw error;
  }
  throw new Error('expected an InputError');
}

async function inputErrorAsync(fn: () => Promise<unknown>): Promise<InputLocation & { message: string }> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof InputError) return { ...error.location, message: error.message };
    throw error;
  }
  throw new Error('expected an InputError');
}

const countyRecords = records([
  { county_code: '21', county_name: 'Gävleborgs län', county_name_short: 'Gävleborg' },
  { county_code: '01', county_name: 'Stockholms län', county_name_short: 'Stockholm' },
]);
const counties = parseCounties(countyRecords, 'counties.csv');
const municipalityRecords = records([
  {
    municipality_code: '2180',
    municipality_name: 'Gävle kommun',
    municipality_name_short: 'Gävle',
    county_code: '21',
  },
  {
    municipality_code: '2181',
    municipality_name: 'Sandvikens kommun',
    municipality_name_short: 'Sandviken',
    county_code: '21',
  },
  {
    municipality_code: '0180',
    municipality_name: 'Stockholms kommun',
    municipality_name_short: 'Stockholm',
    county_code: '01',
  },
]);
const municipalities = parseMunicipalities(municipalityRecords, 'municipalities.csv', counties);

describe('counties and municipalities', () => {
  it('keeps codes as strings with leading zeros and links municipalities to counties', () => {
    expect([...counties.keys()]).toEqual(['21', '01']);
    expect(municipalities.get('0180')).toMatchObject({
      code: '0180',
      countyCode: '01',
      shortName: 'Stockholm',
      row: 4,
    });
  });

  it('reads a UTF-8 CSV with BOM and a Windows-1252 CSV alike', async () => {
    const text =
      'municipality_code,municipality_name,municipality_name_short,county_code\n2180,Gävle kommun,Gävle,21\n';
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    const cp1252 = new Uint8Array([...text].map((c) => (c === 'ä' ? 0xe4 : c.charCodeAt(0))));
    const input = await dataDir({ 'bom.csv': bom, 'cp1252.csv': cp1252 });
    for (const file of ['bom.csv', 'cp1252.csv']) {
      const parsed = parseMunicipalities(
        await readCsv(input, file, { required: MUNICIPALITY_COLUMNS }),
        file,
        counties,
      );
      expect(parsed.get('2180')?.name).toBe('Gävle kommun');
    }
  });

  it('rejects an unknown county code on a municipality row, naming file, row and column', () => {
    const bad = records([
      {
        municipality_code: '2180',
        municipality_name: 'Gävle kommun',
        municipality_name_short: 'Gävle',
        county_code: '21',
      },
      {
        municipality_code: '2599',
        municipality_name: 'X kommun',
        municipality_name_short: 'X',
        county_code: '25',
      },
    ]);
    const error = inputError(() => parseMunicipalities(bad, 'municipalities.csv', counties));
    expect(error).toMatchObject({ file: 'municipalities.csv', row: 3, column: 'county_code' });
    expect(error.message).toContain('okänd länskod "25"');
  });

  it('rejects a county code that does not match the municipality code', () => {
    const bad = records([
      {
        municipality_code: '2180',
        municipality_name: 'Gävle kommun',
        municipality_name_short: 'Gävle',
        county_code: '01',
      },
    ]);
    expect(inputError(() => parseMunicipalities(bad, 'm.csv', counties))).toMatchObject({
      row: 2,
      column: 'county_code',
    });
  });

  it('rejects a duplicate municipality code and a duplicate county code', () => {
    const dup = records([
      {
        municipality_code: '2180',
        municipality_name: 'Gävle kommun',
        municipality_name_short: 'Gävle',
        county_code: '21',
      },
      {
        municipality_code: '2181',
        municipality_name: 'S kommun',
        municipality_name_short: 'S',
        county_code: '21',
      },
      {
        municipality_code: '2180',
        municipality_name: 'Gävle igen',
        municipality_name_short: 'G',
        county_code: '21',
      },
    ]);
    const error = inputError(() => parseMunicipalities(dup, 'municipalities.csv', counties));
    expect(error).toMatchObject({ file: 'municipalities.csv', row: 4, column: 'municipality_code' });
    expect(error.message).toContain('första gången på rad 2');
    const dupCounty = records([
      { county_code: '21', county_name: 'Gävleborgs län', county_name_short: 'Gävleborg' },
      { county_code: '21', county_name: 'Gävleborgs län', county_name_short: 'Gävleborg' },
    ]);
    expect(inputError(() => parseCounties(dupCounty, 'counties.csv'))).toMatchObject({
      row: 3,
      column: 'county_code',
    });
  });

  it('rejects a municipality code that is not four digits (e.g. lost its leading zero)', () => {
    const bad = records([
      {
        municipality_code: '180',
        municipality_name: 'Stockholms kommun',
        municipality_name_short: 'S',
        county_code: '01',
      },
    ]);
    const error = inputError(() => parseMunicipalities(bad, 'm.csv', counties));
    expect(error).toMatchObject({ row: 2, column: 'municipality_code' });
    expect(error.message).toContain('(värde "180")');
  });

  it('names the missing column of a CSV header', async () => {
    const input = await dataDir({
      'm.csv': 'municipality_code,municipality_name,county_code\n2180,Gävle kommun,21\n',
    });
    const error = await inputErrorAsync(() => readCsv(input, 'm.csv', { required: MUNICIPALITY_COLUMNS }));
    expect(error).toMatchObject({ file: 'm.csv', row: 1, column: 'municipality_name_short' });
  });
});

describe('SKR municipality groups (LanKommunDeso.csv)', () => {
  const row = (deso: string, kn: string, ln: string, group = 'B3'): Record<string, string> => ({
    LnKod: ln,
    LnBokstav: ln === '21' ? 'X' : 'AB',
    KnKod: kn,
    'KnInd-LandstingEllerRegionNamn': ln === '21' ? 'Region Gävleborg' : 'Region Stockholm',
    'KnInd-KommungruppKod': group.slice(1),
    'KnInd-Kommungrupp-2017': group === 'B3' ? 'Större stad' : 'Storstäder',
    'KnInd-HuvudgruppNamn': 'Större städer och kommuner nära större stad',
    'KnInd-HuvudgruppKod': group.slice(0, 1),
    'KnInd-Grupp': group,
    DeSO: deso,
  });

  it('takes one group per municipality and letter/region per county from the DeSO rows', () => {
    const result = parseSkrGroups(
      records([
        row('2180C1010', '2180', '21'),
        row('2180C1020', '2180', '21'),
        row('0180C1010', '0180', '01', 'A1'),
      ]),
      'LanKommunDeso.csv',
      municipalities,
    );
    expect(result.municipalities.get('2180')).toEqual({
      groupCode: '3',
      group: 'Större stad',
      mainGroupCode: 'B',
      mainGroup: 'Större städer och kommuner nära större stad',
      groupKey: 'B3',
    });
    expect(result.counties.get('21')).toEqual({ letter: 'X', regionName: 'Region Gävleborg' });
    expect(result.municipalities.has('2181')).toBe(false);
    expect(SKR_COLUMNS).toContain('KnInd-Grupp');
  });

  it('rejects rows that disagree about a municipality, unknown municipalities and wrong counties', () => {
    const conflicting = records([row('2180C1010', '2180', '21'), row('2180C1020', '2180', '21', 'A1')]);
    expect(inputError(() => parseSkrGroups(conflicting, 'L.csv', municipalities))).toMatchObject({
      file: 'L.csv',
      row: 3,
      column: 'KnInd-Grupp',
    });
    expect(
      inputError(() => parseSkrGroups(records([row('2199C1010', '2199', '21')]), 'L.csv', municipalities)),
    ).toMatchObject({
      row: 2,
      column: 'KnKod',
    });
    expect(
      inputError(() => parseSkrGroups(records([row('2180C1010', '2180', '01')]), 'L.csv', municipalities)),
    ).toMatchObject({
      row: 2,
      column: 'LnKod',
    });
  });

  it('rejects a DeSO area that appears twice (a repeated line or block)', () => {
    const repeated = records([row('2180C1010', '2180', '21'), row('2180C1010', '2180', '21')]);
    expect(inputError(() => parseSkrGroups(repeated, 'L.csv', municipalities))).toMatchObject({
      file: 'L.csv',
      row: 3,
      column: 'DeSO',
    });
  });
});

describe('JobTech county concepts (eu-regions.json)', () => {
  const concept = (id: string, code: string | null, nuts: string) => ({
    id,
    preferred_label: id,
    national_nuts_level_3_code_2019: code,
    nuts_level_3_code_2021: nuts,
    type: 'region',
  });

  it('maps Swedish counties and ignores other EU regions', () => {
    const json = {
      data: {
        concepts: [concept('a', '21', 'SE313'), concept('b', null, 'DE40C'), concept('c', '01', 'SE110')],
      },
    };
    const result = parseCountyConcepts(json, 'eu.json', counties);
    expect(result.get('21')).toEqual({ conceptId: 'a', nuts3: 'SE313' });
    expect(result.size).toBe(2);
  });

  it('fails when a county is missing or the structure is wrong', () => {
    const missing = { data: { concepts: [concept('a', '21', 'SE313')] } };
    expect(inputError(() => parseCountyConcepts(missing, 'eu.json', counties)).message).toContain(
      'länet 01 saknas',
    );
    expect(inputError(() => parseCountyConcepts({ data: {} }, 'eu.json', counties))).toMatchObject({
      file: 'eu.json',
      column: 'data.concepts',
    });
  });
});

describe('population by DeSO', () => {
  const pop = (deso: string, kon: string, bg: string, value: string, year = '2019') => ({
    'DeSO.1': deso,
    Kon: kon,
    UtlBakgrund: bg,
    values: value,
    Year: year,
  });

  it('sums women and men per municipality over DeSO areas, backgrounds and files', () => {
    const a = records([
      pop('2180C1010', 'Kvinnor', 'Svensk', '100'),
      pop('2180C1010', 'Män', 'Svensk', '90'),
      pop('2180C1010', 'Totalt', 'Svensk', '190'),
      pop('2180C1010', 'Kvinnor', 'Utländsk', '10'),
      pop('2180C1010', 'Män', 'Utländsk', '12'),
    ]);
    const b = records([pop('2180C1020', 'Kvinnor', 'Svensk', '5'), pop('0180C1010', 'Män', 'Svensk', '7')]);
    const result = aggregatePopulation(
      [
        { file: 'a.csv', records: a },
        { file: 'b.csv', records: b },
      ],
      new Set(municipalities.keys()),
    );
    expect(result).toEqual([
      { municipalityCode: '0180', year: 2019, total: 7, women: 0, men: 7 },
      { municipalityCode: '2180', year: 2019, total: 217, women: 115, men: 102 },
    ]);
  });

  it('rejects a Totalt row that is not the sum, a duplicate row, an unknown municipality and bad values', () => {
    const known = new Set(municipalities.keys());
    const wrongTotal = records([
      pop('2180C1010', 'Kvinnor', 'Svensk', '1'),
      pop('2180C1010', 'Totalt', 'Svensk', '2'),
    ]);
    expect(
      inputError(() => aggregatePopulation([{ file: 'p.csv', records: wrongTotal }], known)),
    ).toMatchObject({
      file: 'p.csv',
      row: 3,
      column: 'values',
    });
    const duplicate = records([
      pop('2180C1010', 'Män', 'Svensk', '1'),
      pop('2180C1010', 'Män', 'Svensk', '1'),
    ]);
    expect(
      inputError(() => aggregatePopulation([{ file: 'p.csv', records: duplicate }], known)),
    ).toMatchObject({
      row: 3,
      column: 'DeSO.1',
    });
    const unknown = records([pop('2199C1010', 'Män', 'Svensk', '1')]);
    expect(
      inputError(() => aggregatePopulation([{ file: 'p.csv', records: unknown }], known)).message,
    ).toContain('okänd kommun "2199"');
    const negative = records([pop('2180C1010', 'Män', 'Svensk', '-3')]);
    expect(
      inputError(() => aggregatePopulation([{ file: 'p.csv', records: negative }], known)),
    ).toMatchObject({
      row: 2,
      column: 'values',
    });
    const badSex = records([pop('2180C1010', 'Båda', 'Svensk', '3')]);
    expect(inputError(() => aggregatePopulation([{ file: 'p.csv', records: badSex }], known))).toMatchObject({
      row: 2,
      column: 'Kon',
    });
  });
});

describe('FA membership (kommuner.xlsx)', () => {
  async function workbook(
    rows: Array<Array<string | number>>,
    header = ['FA15Nr', 'FA15Namn', 'kommunkod', 'Kommun', 'Län'],
  ) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Blad1');
    ws.addRow(header);
    for (const row of rows) ws.addRow(row);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it('maps workbook rows to regions, zero-padding codes Excel stored as numbers', async () => {
    const bytes = await workbook([
      ['36', 'Gävle', '2180', 'Gävle', 'Gävleborgs län'],
      [36, 'Gävle', 2181, 'Sandviken', 'Gävleborgs län'],
      ['23', 'Stockholm', '0180', 'Stockholm', 'Stockholms län'],
    ]);
    const input = await dataDir({ 'kommuner.xlsx': bytes });
    const rows = await readXlsxRecords(input, 'kommuner.xlsx', { required: FA_COLUMNS });
    expect(rows[1]).toEqual({
      row: 3,
      values: {
        FA15Nr: '36',
        FA15Namn: 'Gävle',
        kommunkod: '2181',
        Kommun: 'Sandviken',
        Län: 'Gävleborgs län',
      },
    });
    const regions = parseFaMembership(rows, 'kommuner.xlsx', municipalities);
    expect(regions.get('36')).toMatchObject({
      code: '36',
      name: 'Gävle',
      municipalities: ['2180', '2181'],
      row: 2,
    });
    expect(regions.get('23')?.municipalities).toEqual(['0180']);
  });

  it('zero-pads a one-digit FA number and a three-digit municipality code stored as numbers', async () => {
    const bytes = await workbook([
      [1, 'Gävle', 2180],
      [1, 'Gävle', 2181],
      [2, 'Stockholm', 180],
    ]);
    const input = await dataDir({ 'padded.xlsx': bytes });
    const regions = parseFaMembership(
      await readXlsxRecords(input, 'padded.xlsx', { required: FA_COLUMNS }),
      'k',
      municipalities,
    );
    expect([...regions.keys()]).toEqual(['01', '02']);
    expect(regions.get('02')?.municipalities).toEqual(['0180']);
  });

  it('names the missing column of the workbook', async () => {
    const input = await dataDir({ 'k.xlsx': await workbook([['36', 'Gävle']], ['FA15Nr', 'FA15Namn']) });
    expect(
      await inputErrorAsync(() => readXlsxRecords(input, 'k.xlsx', { required: FA_COLUMNS })),
    ).toMatchObject({
      file: 'k.xlsx',
      row: 1,
      column: 'kommunkod',
    });
  });

  it('reports a file that is not a workbook', async () => {
    const input = await dataDir({ 'k.xlsx': 'not a zip' });
    expect(
      (await inputErrorAsync(() => readXlsxRecords(input, 'k.xlsx', { required: FA_COLUMNS }))).file,
    ).toBe('k.xlsx');
  });

  it('rejects unknown and duplicate municipalities, conflicting names and unassigned municipalities', () => {
    const fa = (nr: string, name: string, code: string) => ({ FA15Nr: nr, FA15Namn: name, kommunkod: code });
    expect(
      inputError(() => parseFaMembership(records([fa('36', 'Gävle', '2199')]), 'k.xlsx', municipalities)),
    ).toMatchObject({ file: 'k.xlsx', row: 2, column: 'kommunkod' });
    expect(
      inputError(() =>
        parseFaMembership(
          records([fa('36', 'Gävle', '2180'), fa('37', 'Bollnäs', '2180')]),
          'k.xlsx',
          municipalities,
        ),
      ).message,
    ).toContain('finns redan på rad 2');
    expect(
      inputError(() =>
        parseFaMembership(
          records([fa('36', 'Gävle', '2180'), fa('36', 'Gefle', '2181')]),
          'k.xlsx',
          municipalities,
        ),
      ),
    ).toMatchObject({ row: 3, column: 'FA15Namn' });
    expect(
      inputError(() =>
        parseFaMembership(
          records([fa('36', 'Gävle', '2180'), fa('36', 'Gävle', '2181')]),
          'k.xlsx',
          municipalities,
        ),
      ).message,
    ).toContain('kommun 0180 saknas');
    expect(
      inputError(() => parseFaMembership(records([fa('x', 'Gävle', '2180')]), 'k.xlsx', municipalities)),
    ).toMatchObject({
      column: 'FA15Nr',
    });
  });

  it('turns exceljs cell values into text', () => {
    expect(cellText(12)).toBe('12');
    expect(cellText(1.5)).toBe('1.5');
    expect(cellText(null)).toBe('');
    expect(cellText({ richText: [{ text: 'Gäv' }, { text: 'le' }] })).toBe('Gävle');
    expect(cellText({ formula: 'A1', result: 2180 })).toBe('2180');
  });
});

const kmlPlacemark = (code: string, name: string, polygons: string) => `
    <Placemark>
      <ExtendedData><SchemaData schemaUrl="#S">
        <SimpleData name="FAkod_Nr">1</SimpleData>
        <SimpleData name="FAKod">${code}</SimpleData>
        <SimpleData name="FANamn">${name}</SimpleData>
      </SchemaData></ExtendedData>
      ${polygons}
    </Placemark>`;
const polygon = (outer: string, inner?: string) =>
  `<Polygon><outerBoundaryIs><LinearRing><coordinates>${outer}</coordinates></LinearRing></outerBoundaryIs>${
    inner
      ? `<innerBoundaryIs><LinearRing><coordinates>${inner}</coordinates></LinearRing></innerBoundaryIs>`
      : ''
  }</Polygon>`;
const square = '17,60,0 18,60,0 18,61,0 17,61,0 17,60,0';
const hole = '17.2,60.2 17.4,60.2 17.4,60.4 17.2,60.2';
const kml = (placemarks: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Folder>${placemarks}\n</Folder></Document></kml>`;

describe('FA boundaries (KML)', () => {
  const regions = parseFaMembership(
    records([
      { FA15Nr: '36', FA15Namn: 'Gävle', kommunkod: '2180' },
      { FA15Nr: '36', FA15Namn: 'Gävle', kommunkod: '2181' },
      { FA15Nr: '23', FA15Namn: 'Stockholm', kommunkod: '0180' },
    ]),
    'k.xlsx',
    municipalities,
  );

  it('parses placemarks with extended data, multi-geometries, holes and altitudes', () => {
    const text = kml(
      kmlPlacemark(
        '36',
        'Gï¿½vle',
        `<MultiGeometry>${polygon(square, hole)}${polygon(square)}</MultiGeometry>`,
      ) + kmlPlacemark('23', 'Stockholm', polygon(square)),
    );
    const placemarks = parseKml(text, 'fa.kml');
    expect(placemarks).toHaveLength(2);
    expect(placemarks[0]?.data).toEqual({ FAkod_Nr: '1', FAKod: '36', FANamn: 'Gï¿½vle' });
    expect(placemarks[0]?.line).toBe(3);
    expect(placemarks[0]?.geometry.type).toBe('MultiPolygon');
    expect(placemarks[1]?.geometry).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [17, 60],
          [18, 60],
          [18, 61],
          [17, 61],
          [17, 60],
        ],
      ],
    });
    const boundaries = matchFaBoundaries(placemarks, 'fa.kml', regions);
    expect(boundaries.map((b) => b.code)).toEqual(['36', '23']);
  });

  it('matches mis-encoded KML names loosely but not different names', () => {
    expect(faNamesMatch('Vï¿½xjï¿½', 'Växjö')).toBe(true);
    expect(faNamesMatch('Malmï¿½-Lund', 'Malmö-Lund')).toBe(true);
    expect(faNamesMatch('Kalmar', 'Karlskrona')).toBe(false);
    expect(faNamesMatch('a.c', 'abc')).toBe(false);
  });

  it('rejects broken XML with its line, and placemarks without code, with an unknown code or a missing region', () => {
    const broken = inputError(() => parseKml('<kml>\n<Document>\n<Placemark></Document></kml>', 'fa.kml'));
    expect(broken.file).toBe('fa.kml');
    expect(broken.row).toBeGreaterThan(0);
    const unknown = parseKml(kml(kmlPlacemark('99', 'X', polygon(square))), 'fa.kml');
    expect(inputError(() => matchFaBoundaries(unknown, 'fa.kml', regions))).toMatchObject({
      file: 'fa.kml',
      row: 3,
      column: 'FAKod',
    });
    const onlyOne = parseKml(kml(kmlPlacemark('36', 'Gävle', polygon(square))), 'fa.kml');
    expect(inputError(() => matchFaBoundaries(onlyOne, 'fa.kml', regions)).message).toContain(
      'FA-regionen 23 saknar gräns',
    );
    const wrongName = parseKml(kml(kmlPlacemark('36', 'Sandviken', polygon(square))), 'fa.kml');
    expect(inputError(() => matchFaBoundaries(wrongName, 'fa.kml', regions))).toMatchObject({
      column: 'FANamn',
    });
  });

  it('rejects bad coordinates and placemarks without polygon', () => {
    expect(
      inputError(() =>
        parseKml(kml(kmlPlacemark('36', 'Gävle', polygon('17,60 18,x 18,61 17,60'))), 'fa.kml'),
      ),
    ).toMatchObject({ row: 3, column: 'coordinates' });
    expect(inputError(() => parseKml(kml(kmlPlacemark('36', 'Gävle', '')), 'fa.kml'))).toMatchObject({
      column: 'Polygon',
    });
    expect(inputError(() => parseKml('<?xml version="1.0"?><gpx></gpx>', 'fa.kml')).message).toContain(
      'inte KML',
    );
  });
});

describe('municipality and county boundaries (GeoJSON)', () => {
  const feature = (
    properties: Record<string, unknown>,
    geometry: unknown = {
      type: 'Polygon',
      coordinates: [
        [
          [17, 60],
          [18, 60],
          [18, 61],
          [17, 60],
        ],
      ],
    },
  ) => ({
    type: 'Feature',
    properties,
    geometry,
  });
  const muni = (id: string, lan: string) =>
    feature({ id, lan_code: lan, kom_namn: id, geo_point_2d: [60.1, 17.2] });

  it('reads municipality boundaries with their representative point', () => {
    const json = {
      type: 'FeatureCollection',
      features: [muni('2180', '21'), muni('2181', '21'), muni('0180', '01')],
    };
    const result = parseMunicipalityBoundaries(json, 'm.geojson', municipalities);
    expect(result[0]).toMatchObject({ code: '2180', lat: 60.1, lon: 17.2 });
  });

  it('names the JSON path of a wrong county, a duplicate, a bad geometry and a missing municipality', () => {
    const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
    expect(
      inputError(() =>
        parseMunicipalityBoundaries(collection(muni('2180', '01')), 'm.geojson', municipalities),
      ),
    ).toMatchObject({ file: 'm.geojson', column: 'features[0].properties.lan_code' });
    expect(
      inputError(() =>
        parseMunicipalityBoundaries(
          collection(muni('2180', '21'), muni('2180', '21')),
          'm.geojson',
          municipalities,
        ),
      ),
    ).toMatchObject({ column: 'features[1].properties.id' });
    const point = feature(
      { id: '2180', lan_code: '21', geo_point_2d: [60, 17] },
      { type: 'Point', coordinates: [17, 60] },
    );
    expect(
      inputError(() => parseMunicipalityBoundaries(collection(point), 'm.geojson', municipalities)).column,
    ).toMatch(/^features\[0\]\.geometry/);
    expect(
      inputError(() =>
        parseMunicipalityBoundaries(collection(muni('2180', '21')), 'm.geojson', municipalities),
      ).message,
    ).toContain('saknar gräns');
  });

  it('zero-pads the integer county id l_id', () => {
    const json = {
      type: 'FeatureCollection',
      features: [feature({ l_id: 21, name: 'Gävleborg' }), feature({ l_id: 1 })],
    };
    expect(parseCountyBoundaries(json, 'r.geojson', counties).map((c) => c.code)).toEqual(['21', '01']);
    const unknown = { type: 'FeatureCollection', features: [feature({ l_id: 25 })] };
    expect(inputError(() => parseCountyBoundaries(unknown, 'r.geojson', counties))).toMatchObject({
      column: 'features[0].properties.l_id',
    });
  });
});

describe('geometry cleaning', () => {
  it('rounds to 4 decimals, drops repeated points and winds exterior rings clockwise, holes counter-clockwise', () => {
    const ccwOuter = [
      [17.00001, 60.00001],
      [18.00002, 60],
      [18.000021, 60.0000001],
      [18, 61],
      [17, 61],
      [17, 60],
    ];
    const cwHole = [
      [17.2, 60.2],
      [17.2, 60.4],
      [17.4, 60.4],
      [17.2, 60.2],
    ];
    const result = cleanArea({ type: 'MultiPolygon', coordinates: [[ccwOuter, cwHole]] });
    expect(result).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [17, 60],
          [17, 61],
          [18, 61],
          [18, 60],
          [17, 60],
        ],
        [
          [17.2, 60.2],
          [17.4, 60.4],
          [17.2, 60.4],
          [17.2, 60.2],
        ],
      ],
    });
    const [outer, inner] = (result?.coordinates ?? []) as number[][][];
    expect(ringArea2(outer ?? [])).toBeLessThan(0);
    expect(ringArea2(inner ?? [])).toBeGreaterThan(0);
  });

  it('drops rings and polygons that collapse when rounded', () => {
    const tiny = [
      [17.00001, 60.00001],
      [17.00002, 60.00001],
      [17.00002, 60.00002],
      [17.00001, 60.00001],
    ];
    const square = [
      [17, 60],
      [18, 60],
      [18, 61],
      [17, 60],
    ];
    expect(cleanArea({ type: 'MultiPolygon', coordinates: [[tiny], [square]] })?.type).toBe('Polygon');
    expect(cleanArea({ type: 'Polygon', coordinates: [tiny] })).toBeNull();
  });

  it('simplifies lines with Douglas–Peucker, keeping the ends', () => {
    const line = [
      [0, 0],
      [1, 0.001],
      [2, 0],
      [3, 1],
    ];
    expect(simplifyLine(line, 0.01)).toEqual([
      [0, 0],
      [2, 0],
      [3, 1],
    ]);
    expect(simplifyLine(line, 0)).toHaveLength(4);
  });

  it('computes a planar centroid with holes subtracted', () => {
    const square = cleanArea({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [2, 2],
          [0, 2],
          [0, 0],
        ],
      ],
    });
    expect(square && planarCentroid([square])).toEqual([1, 1]);
    expect(planarCentroid([])).toBeNull();
  });
});
