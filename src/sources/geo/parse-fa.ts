import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Position } from 'geojson';
import { InputError } from '../../errors.js';
import type { TableRecord } from '../shared/csv.js';
import type { Area } from './geometry.js';
import type { Municipality } from './parse-admin.js';

/**
 * FA regions (funktionella analysregioner, Tillväxtverket 2015): membership from AF's `kommuner.xlsx` and
 * boundaries from the KML file. Pure: the workbook arrives as records (see read-xlsx.ts), the KML as text.
 * FA codes are two-digit strings ("01"…"60"), as in the sources' FA15Nr/FAKod columns.
 */
export const FA_COLUMNS = ['FA15Nr', 'FA15Namn', 'kommunkod'] as const;

export interface FaRegion {
  code: string;
  name: string;
  /** Member municipality codes in file order. */
  municipalities: string[];
  /** Row of the first municipality of the region. */
  row: number;
  memberRows: number[];
}

/** Pads a numeric code that a spreadsheet may have stored as a number (1 → "01", 114 → "0114"). */
function padCode(value: string, width: number): string | null {
  if (!/^\d+$/.test(value) || value.length > width) return null;
  return value.padStart(width, '0');
}

/**
 * kommuner.xlsx rows (FA15Nr, FA15Namn, kommunkod, …) → FA regions. Every municipality must be known, appear
 * once, and every known municipality must belong to a region; one FA number must always carry the same name.
 * The sheet's own municipality names (column `Kommun`) are not used: names come from the SCB code list.
 */
export function parseFaMembership(
  records: readonly TableRecord[],
  file: string,
  municipalities: ReadonlyMap<string, Municipality>,
): Map<string, FaRegion> {
  const regions = new Map<string, FaRegion>();
  const assigned = new Map<string, { region: string; row: number }>();
  for (const record of records) {
    const rawNr = record.values.FA15Nr ?? '';
    const code = padCode(rawNr, 2);
    if (!code || code === '00') {
      throw new InputError(
        { file, row: record.row, column: 'FA15Nr' },
        `FA-regionens nummer ska vara 1–99 (värde "${rawNr}")`,
      );
    }
    const name = (record.values.FA15Namn ?? '').trim();
    if (!name) throw new InputError({ file, row: record.row, column: 'FA15Namn' }, 'värdet saknas');
    const rawMunicipality = record.values.kommunkod ?? '';
    const municipality = rawMunicipality.length >= 3 ? padCode(rawMunicipality, 4) : null;
    if (!municipality) {
      throw new InputError(
        { file, row: record.row, column: 'kommunkod' },
        `kommunkod ska vara fyra siffror, t.ex. "0180" (värde "${rawMunicipality}")`,
      );
    }
    if (!municipalities.has(municipality)) {
      throw new InputError(
        { file, row: record.row, column: 'kommunkod' },
        `okänd kommunkod "${municipality}"`,
      );
    }
    const earlier = assigned.get(municipality);
    if (earlier) {
      throw new InputError(
        { file, row: record.row, column: 'kommunkod' },
        `kommun ${municipality} finns redan på rad ${earlier.row} (FA ${earlier.region})`,
      );
    }
    assigned.set(municipality, { region: code, row: record.row });
    const region = regions.get(code);
    if (!region) {
      regions.set(code, {
        code,
        name,
        municipalities: [municipality],
        row: record.row,
        memberRows: [record.row],
      });
    } else if (region.name !== name) {
      throw new InputError(
        { file, row: record.row, column: 'FA15Namn' },
        `FA ${code} heter "${region.name}" på rad ${region.row} men "${name}" här`,
      );
    } else {
      region.municipalities.push(municipality);
      region.memberRows.push(record.row);
    }
  }
  for (const code of municipalities.keys()) {
    if (!assigned.has(code)) {
      throw new InputError(
        { file, column: 'kommunkod' },
        `kommun ${code} saknas (hör inte till någon FA-region)`,
      );
    }
  }
  return regions;
}

export interface KmlPlacemark {
  /** SimpleData/Data values of the placemark, e.g. FAKod, FANamn. */
  data: Record<string, string>;
  geometry: Area;
  /** 1-based line of the `<Placemark>` tag. */
  line: number;
}

type XmlNode = Record<string, unknown>;

const ARRAY_TAGS = new Set([
  'Placemark',
  'Folder',
  'Document',
  'Polygon',
  'MultiGeometry',
  'innerBoundaryIs',
  'SimpleData',
  'Data',
]);

const isNode = (value: unknown): value is XmlNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const children = (node: XmlNode, tag: string): XmlNode[] => {
  const value = node[tag];
  if (Array.isArray(value)) return value.filter(isNode);
  return isNode(value) ? [value] : [];
};
const textOf = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (isNode(value) && typeof value['#text'] === 'string') return value['#text'];
  return '';
};

/** Line numbers of every `<Placemark` tag, in document order. */
function placemarkLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let from = 0;
  for (let at = text.indexOf('<Placemark', 0); at !== -1; at = text.indexOf('<Placemark', at + 1)) {
    for (let i = from; i < at; i++) if (text.charCodeAt(i) === 10) line++;
    from = at;
    lines.push(line);
  }
  return lines;
}

function parseCoordinates(raw: string, file: string, line: number): Position[] {
  const ring: Position[] = [];
  for (const tuple of raw.trim().split(/\s+/)) {
    if (tuple === '') continue;
    const [lonText, latText] = tuple.split(',');
    const lon = Number(lonText);
    const lat = Number(latText);
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      throw new InputError({ file, row: line, column: 'coordinates' }, `ogiltig koordinat "${tuple}"`);
    }
    ring.push([lon, lat]);
  }
  if (ring.length < 4) {
    throw new InputError(
      { file, row: line, column: 'coordinates' },
      `en ring har ${ring.length} punkter (minst 4)`,
    );
  }
  return ring;
}

function ringOf(boundary: XmlNode | undefined, file: string, line: number): Position[] {
  const linearRing = boundary && children(boundary, 'LinearRing')[0];
  const coordinates = linearRing ? textOf(linearRing.coordinates) : '';
  if (!coordinates.trim())
    throw new InputError({ file, row: line, column: 'coordinates' }, 'polygonen saknar koordinater');
  return parseCoordinates(coordinates, file, line);
}

function collectPolygons(node: XmlNode, out: XmlNode[]): void {
  out.push(...children(node, 'Polygon'));
  for (const multi of children(node, 'MultiGeometry')) collectPolygons(multi, out);
}

/**
 * Parses KML text into placemarks with their extended data and polygon geometry (altitudes dropped). Errors name
 * the file, the line of the placemark and the element.
 */
export function parseKml(text: string, file: string): KmlPlacemark[] {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new InputError(
      { file, row: valid.err.line, column: `tecken ${valid.err.col}` },
      `trasig XML: ${valid.err.msg}`,
    );
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (tag) => ARRAY_TAGS.has(tag),
  });
  const root = parser.parse(text) as XmlNode;
  const kml = isNode(root.kml) ? root.kml : undefined;
  if (!kml) throw new InputError({ file }, 'filen är inte KML (elementet <kml> saknas)');
  const placemarks: XmlNode[] = [];
  const walk = (node: XmlNode): void => {
    placemarks.push(...children(node, 'Placemark'));
    for (const tag of ['Document', 'Folder']) for (const child of children(node, tag)) walk(child);
  };
  walk(kml);
  const lines = placemarkLines(text);
  return placemarks.map((placemark, index) => {
    const line = lines[index] ?? 0;
    const data: Record<string, string> = {};
    for (const extended of children(placemark, 'ExtendedData')) {
      for (const schemaData of children(extended, 'SchemaData')) {
        for (const simple of children(schemaData, 'SimpleData')) {
          const name = simple['@_name'];
          if (typeof name === 'string') data[name] = textOf(simple).trim();
        }
      }
      for (const item of children(extended, 'Data')) {
        const name = item['@_name'];
        if (typeof name === 'string') data[name] = textOf(item.value).trim();
      }
    }
    const polygons: XmlNode[] = [];
    collectPolygons(placemark, polygons);
    if (polygons.length === 0)
      throw new InputError({ file, row: line, column: 'Polygon' }, 'platsen saknar polygon');
    const coordinates = polygons.map((polygon) => [
      ringOf(children(polygon, 'outerBoundaryIs')[0], file, line),
      ...children(polygon, 'innerBoundaryIs').map((inner) => ringOf(inner, file, line)),
    ]);
    const geometry: Area =
      coordinates.length === 1
        ? { type: 'Polygon', coordinates: coordinates[0] as Position[][] }
        : { type: 'MultiPolygon', coordinates };
    return { data, geometry, line };
  });
}

/**
 * True when a KML name matches the workbook's name, allowing for the KML's broken encoding: in the Tillväxtverket
 * file every å/ä/ö became "ï¿½" (a replacement character, itself mis-decoded), so each such run matches any one
 * character.
 */
export function faNamesMatch(kmlName: string, workbookName: string): boolean {
  const pattern = kmlName
    .split(/ï¿½|\uFFFD/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.');
  return new RegExp(`^${pattern}$`, 'iu').test(workbookName);
}

export interface FaBoundary {
  code: string;
  geometry: Area;
  line: number;
}

/**
 * Matches the KML placemarks to the FA regions from the workbook by `FAKod`: every region needs exactly one
 * boundary, every boundary a known region, and the (mis-encoded) names must agree.
 */
export function matchFaBoundaries(
  placemarks: readonly KmlPlacemark[],
  file: string,
  regions: ReadonlyMap<string, FaRegion>,
): FaBoundary[] {
  const found = new Map<string, FaBoundary>();
  for (const placemark of placemarks) {
    const rawCode = placemark.data.FAKod;
    if (rawCode === undefined) {
      throw new InputError({ file, row: placemark.line, column: 'FAKod' }, 'platsen saknar FAKod');
    }
    const code = padCode(rawCode, 2);
    const region = code ? regions.get(code) : undefined;
    if (!code || !region) {
      throw new InputError({ file, row: placemark.line, column: 'FAKod' }, `okänd FA-region "${rawCode}"`);
    }
    const earlier = found.get(code);
    if (earlier) {
      throw new InputError(
        { file, row: placemark.line, column: 'FAKod' },
        `FA-regionen ${code} har redan en gräns (rad ${earlier.line})`,
      );
    }
    const kmlName = placemark.data.FANamn;
    if (kmlName !== undefined && !faNamesMatch(kmlName, region.name)) {
      throw new InputError(
        { file, row: placemark.line, column: 'FANamn' },
        `namnet "${kmlName}" stämmer inte med "${region.name}" för FA ${code}`,
      );
    }
    found.set(code, { code, geometry: placemark.geometry, line: placemark.line });
  }
  for (const code of regions.keys()) {
    if (!found.has(code)) throw new InputError({ file, column: 'FAKod' }, `FA-regionen ${code} saknar gräns`);
  }
  return [...found.values()];
}
