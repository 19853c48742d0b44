import { closestMatches, normalizeLabel } from '../../core/learning-centres/closest.js';
import {
  emailsIn,
  escapeRegExp,
  ID_PATTERN,
  isEmail,
  looksPersonalEmail,
  type MunicipalityName,
  municipalitiesNamedIn,
  ORGANISER_TYPES,
  type OrganiserType,
  organiserTypeOf,
  parseYesNo,
  slugify,
  WORD_CHAR,
} from '../../core/learning-centres/fields.js';
import { parseOpeningHours } from '../../core/learning-centres/opening-hours.js';
import {
  isServiceCode,
  looksLikeMisspelledService,
  SERVICES,
  type ServiceCode,
  servicesForLabel,
  suggestService,
} from '../../core/learning-centres/services.js';
import { haversineKm, type LatLon } from '../../core/reach/distance.js';
import { type Locality, PLAUSIBILITY_MARGIN_KM } from '../../core/reach/localities.js';
import { InputError, type InputLocation } from '../../errors.js';
import type { TableRecord } from '../shared/csv.js';

/**
 * Pure parsing and validation of a learning-centre file (larcentra.csv or a region's CSV/XLSX with the same
 * columns) against reference data read from the data directory. Every problem is an InputError naming the
 * file, row and column, with a suggestion where one can be made.
 */

/** Columns every file must have. */
export const REQUIRED_COLUMNS = ['name', 'kommunkod', 'services'] as const;

/** Columns of larcentra.csv that may be absent in a region's file (then empty). */
export const OPTIONAL_COLUMNS = [
  'kommun',
  'lan',
  'organiser',
  'street_address',
  'postal_code',
  'postal_town',
  'opening_hours',
  'exam_invigilation',
  'nitus_member',
  'source_url',
  'source_date',
  'notes',
] as const;

/** Extra columns a region's file (and Semafor's own export) may carry. */
export const EXTENSION_COLUMNS = [
  'id',
  'status',
  'organiser_type',
  'served_municipalities',
  'service_codes',
  'lat',
  'lon',
  'coordinate_origin',
  'contact_email',
  'open_evenings',
  'open_weekends',
] as const;

export const KNOWN_COLUMNS: readonly string[] = [
  ...REQUIRED_COLUMNS,
  ...OPTIONAL_COLUMNS,
  ...EXTENSION_COLUMNS,
];

export const CENTRE_STATUSES = ['active', 'planned', 'historical'] as const;
export type CentreStatus = (typeof CENTRE_STATUSES)[number];

export const COORDINATE_ORIGINS = [
  'given',
  'postal_code',
  'locality',
  'municipality_centroid',
  'none',
] as const;
export type CoordinateOrigin = (typeof COORDINATE_ORIGINS)[number];

export interface ReferenceMunicipality {
  code: string;
  /** Short name ("Gävle"). */
  name: string;
  countyCode: string;
}

export interface ReferenceCounty {
  code: string;
  /** "Gävleborgs län". */
  name: string;
  /** "Gävleborg". */
  shortName: string;
}

export interface ReferencePostalCode extends LatLon {
  postalCode: string;
  locality: string;
  municipalityCode: string;
}

/** Everything the parser checks against; built from geo-admin, geo-boundaries and geo-postal. */
export interface LarcentraReference {
  municipalities: ReadonlyMap<string, ReferenceMunicipality>;
  counties: ReadonlyMap<string, ReferenceCounty>;
  centroids: ReadonlyMap<string, LatLon>;
  postalCodes: ReadonlyMap<string, ReferencePostalCode>;
  /** Postal localities per municipality code. */
  localities: ReadonlyMap<string, readonly Locality[]>;
  /** Farthest postal code from the centroid, per municipality (km). */
  radiiKm: ReadonlyMap<string, number>;
}

export interface CentreRow {
  id: string;
  name: string;
  status: CentreStatus;
  organiser: string | null;
  organiserType: OrganiserType | null;
  municipalityCode: string | null;
  streetAddress: string | null;
  postalCode: string | null;
  postalTown: string | null;
  lat: number | null;
  lon: number | null;
  coordinateOrigin: CoordinateOrigin;
  coordinateNote: string | null;
  contactEmail: string | null;
  openingHours: string | null;
  openEvenings: boolean | null;
  openWeekends: boolean | null;
  nitusMember: boolean | null;
  otherTags: string[];
  sourceUrl: string | null;
  sourceDate: string | null;
  notes: string | null;
  sourceFile: string;
  sourceRow: number;
}

export interface ParsedCentre {
  centre: CentreRow;
  services: ServiceCode[];
  municipalities: Array<{ municipalityCode: string; role: 'location' | 'served' }>;
  location: InputLocation;
}

/** Checks the header: required columns present, and no column that is a likely misspelling of a known one. */
export function checkHeader(file: string, header: readonly string[]): void {
  for (const column of REQUIRED_COLUMNS) {
    if (!header.includes(column)) {
      const [near] = closestMatches(column, header, (h) => h, 1);
      const hint =
        near && near.distance <= 3 ? ` Menade du att "${near.candidate}" ska heta "${column}"?` : '';
      throw new InputError(
        { file, row: 1, column },
        `kolumnen saknas (kolumner i filen: ${header.join(', ')}).${hint}`,
      );
    }
  }
  for (const column of header) {
    if (column === '' || KNOWN_COLUMNS.includes(column)) continue;
    const [near] = closestMatches(column, KNOWN_COLUMNS, (k) => k, 1);
    if (near && near.distance > 0 && near.distance <= 2 && !header.includes(near.candidate)) {
      throw new InputError(
        { file, row: 1, column },
        `okänd kolumn – menade du "${near.candidate}"? Kända kolumner: ${KNOWN_COLUMNS.join(', ')}`,
      );
    }
  }
}

function stripMunicipalitySuffix(name: string): string {
  return name.replace(/\s+(kommun|stad|municipality)$/i, '').trim();
}

/** Finds a municipality by short or full name ("Gävle", "Gävle kommun"), case-insensitively. */
function municipalityByName(name: string, reference: LarcentraReference): ReferenceMunicipality | undefined {
  const wanted = normalizeLabel(stripMunicipalitySuffix(name));
  for (const m of reference.municipalities.values()) if (normalizeLabel(m.name) === wanted) return m;
  return undefined;
}

function describeMunicipality(m: ReferenceMunicipality): string {
  return `${m.code} ${m.name}`;
}

function suggestMunicipalityCodes(code: string, reference: LarcentraReference): string {
  const list = [...reference.municipalities.values()];
  const near = closestMatches(code, list, (m) => m.code, 3).filter((n) => n.distance <= 2);
  return near.length > 0
    ? ` Närmaste kända koder: ${near.map((n) => describeMunicipality(n.candidate)).join(', ')}.`
    : '';
}

function suggestMunicipalityNames(name: string, reference: LarcentraReference): string {
  const list = [...reference.municipalities.values()];
  const near = closestMatches(stripMunicipalitySuffix(name), list, (m) => m.name, 3);
  return near.length > 0
    ? ` Menade du ${near.map((n) => `"${n.candidate.name}" (${n.candidate.code})`).join(' eller ')}?`
    : '';
}

/** Resolves one municipality given as a code or a name, with suggestions on failure. */
function resolveMunicipality(
  value: string,
  reference: LarcentraReference,
  at: InputLocation,
): ReferenceMunicipality {
  const v = value.trim();
  if (/^\d+$/.test(v)) {
    if (v.length === 3 && reference.municipalities.has(`0${v}`)) {
      const m = reference.municipalities.get(`0${v}`);
      throw new InputError(
        at,
        `kommunkod "${v}" har bara tre siffror – menade du "0${v}" (${m?.name})? Skriv koder som text med inledande nolla (Excel tar bort den i talceller).`,
      );
    }
    if (v.length !== 4)
      throw new InputError(at, `kommunkod ska vara fyra siffror, t.ex. "2180" (värde "${v}")`);
    const m = reference.municipalities.get(v);
    if (!m) throw new InputError(at, `okänd kommunkod "${v}".${suggestMunicipalityCodes(v, reference)}`);
    return m;
  }
  const m = municipalityByName(v, reference);
  if (!m) throw new InputError(at, `okänd kommun "${v}".${suggestMunicipalityNames(v, reference)}`);
  return m;
}

function countyByName(name: string, reference: LarcentraReference): ReferenceCounty | undefined {
  const wanted = normalizeLabel(name);
  for (const c of reference.counties.values()) {
    if (normalizeLabel(c.name) === wanted || normalizeLabel(c.shortName) === wanted) return c;
  }
  return undefined;
}

const nullIfEmpty = (s: string | undefined): string | null => {
  const t = (s ?? '').trim();
  return t === '' ? null : t;
};

function splitList(value: string, separators: RegExp): string[] {
  return value
    .split(separators)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function yesNo(record: TableRecord, column: string, file: string): boolean | null {
  const raw = record.values[column];
  const v = parseYesNo(raw);
  if (v === undefined) {
    throw new InputError(
      { file, row: record.row, column },
      `ska vara "ja", "nej" eller tomt (värde "${raw}")`,
    );
  }
  return v;
}

function parseStatus(record: TableRecord, file: string, name: string, notes: string): CentreStatus {
  const raw = nullIfEmpty(record.values.status);
  if (raw !== null) {
    const aliases: Record<string, CentreStatus> = {
      active: 'active',
      aktiv: 'active',
      planned: 'planned',
      planerad: 'planned',
      planerat: 'planned',
      historical: 'historical',
      historisk: 'historical',
    };
    const found = aliases[raw.toLowerCase()];
    if (found) return found;
    const [near] = closestMatches(raw, Object.keys(aliases), (a) => a, 1);
    throw new InputError(
      { file, row: record.row, column: 'status' },
      `okänd status "${raw}" – tillåtna: active/aktiv, planned/planerad, historical/historisk${near ? `; menade du "${near.candidate}"?` : ''}`,
    );
  }
  if (/\(planera[dt]\)/i.test(name) || /^planerad uppgift/i.test(notes)) return 'planned';
  if (/^historisk uppgift/i.test(notes)) return 'historical';
  return 'active';
}

function parseOrganiserType(
  record: TableRecord,
  file: string,
  organiser: string,
  named: number,
): OrganiserType | null {
  const raw = nullIfEmpty(record.values.organiser_type);
  if (raw === null) return organiserTypeOf(organiser, named);
  const v = raw.toLowerCase().replace('ö', 'o');
  const aliases: Record<string, OrganiserType> = {
    municipality: 'municipality',
    kommun: 'municipality',
    kommunalforbund: 'kommunalforbund',
    other: 'other',
    annan: 'other',
  };
  const found = aliases[v];
  if (found) return found;
  throw new InputError(
    { file, row: record.row, column: 'organiser_type' },
    `okänd huvudmannatyp "${raw}" – tillåtna: ${ORGANISER_TYPES.join(', ')} (eller kommun, kommunalförbund, annan)`,
  );
}

function parseServices(
  record: TableRecord,
  file: string,
): { services: Set<ServiceCode>; otherTags: string[] } {
  const services = new Set<ServiceCode>();
  const otherTags: string[] = [];
  for (const label of splitList(record.values.services ?? '', /\|/)) {
    const codes = servicesForLabel(label);
    if (codes.length > 0) {
      for (const c of codes) services.add(c);
      continue;
    }
    const misspelled = looksLikeMisspelledService(label);
    if (misspelled) {
      throw new InputError(
        { file, row: record.row, column: 'services' },
        `okänd tjänst "${label}" – menade du "${misspelled.name}" (${misspelled.code})? Tjänstelistan: ${SERVICES.map((s) => s.code).join(', ')}`,
      );
    }
    otherTags.push(label);
  }
  for (const code of splitList(record.values.service_codes ?? '', /[|,;]/)) {
    if (isServiceCode(code)) {
      services.add(code);
      continue;
    }
    const near = suggestService(code);
    throw new InputError(
      { file, row: record.row, column: 'service_codes' },
      `okänd tjänstekod "${code}"${near ? ` – menade du "${near.code}"?` : ''} Tillåtna: ${SERVICES.map((s) => s.code).join(', ')}`,
    );
  }
  return { services, otherTags };
}

function parseCoordinateValue(record: TableRecord, file: string, column: 'lat' | 'lon'): number | null {
  const raw = nullIfEmpty(record.values[column]);
  if (raw === null) return null;
  const n = Number(raw.replace(',', '.'));
  const [min, max] = column === 'lat' ? [55, 69.1] : [10.5, 24.2];
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new InputError(
      { file, row: record.row, column },
      `${column === 'lat' ? 'latitud' : 'longitud'} ska vara ett decimaltal i WGS84 inom Sverige (${min}–${max}), värde "${raw}"`,
    );
  }
  return n;
}

/** Localities of a municipality whose name occurs in a text (whole word, optional genitive s). */
function localitiesNamedIn(
  text: string,
  localities: readonly Locality[],
): Array<{ locality: Locality; index: number }> {
  const hits: Array<{ locality: Locality; index: number }> = [];
  const lower = text.toLocaleLowerCase('sv');
  for (const l of localities) {
    if (!lower.includes(l.name.toLocaleLowerCase('sv'))) continue;
    const re = new RegExp(`(?<!${WORD_CHAR})${escapeRegExp(l.name)}s?(?!${WORD_CHAR})`, 'gi');
    let last = -1;
    for (const m of text.matchAll(re)) last = m.index ?? last;
    if (last >= 0) hits.push({ locality: l, index: last });
  }
  return hits;
}

interface Coordinates {
  lat: number | null;
  lon: number | null;
  origin: CoordinateOrigin;
  note: string | null;
}

function resolveCoordinates(
  record: TableRecord,
  file: string,
  reference: LarcentraReference,
  fields: {
    name: string;
    municipality: ReferenceMunicipality | undefined;
    postalCode: string | null;
    postalTown: string | null;
  },
): Coordinates {
  const lat = parseCoordinateValue(record, file, 'lat');
  const lon = parseCoordinateValue(record, file, 'lon');
  const declaredOrigin = nullIfEmpty(record.values.coordinate_origin);
  if (declaredOrigin !== null && !(COORDINATE_ORIGINS as readonly string[]).includes(declaredOrigin)) {
    throw new InputError(
      { file, row: record.row, column: 'coordinate_origin' },
      `okänt koordinatursprung "${declaredOrigin}" – tillåtna: ${COORDINATE_ORIGINS.join(', ')}`,
    );
  }
  // Coordinates exported as derived (postal code, locality, centroid) are recomputed, not taken as given.
  const takeGiven = declaredOrigin === null || declaredOrigin === 'given';
  if (takeGiven && (lat !== null || lon !== null)) {
    if (lat === null || lon === null) {
      throw new InputError(
        { file, row: record.row, column: lat === null ? 'lat' : 'lon' },
        'ange både lat och lon, eller ingen av dem',
      );
    }
    const m = fields.municipality;
    if (m) {
      const centroid = reference.centroids.get(m.code);
      const radius = reference.radiiKm.get(m.code);
      if (centroid && radius !== undefined) {
        const d = haversineKm(centroid, { lat, lon });
        if (d > radius + PLAUSIBILITY_MARGIN_KM) {
          throw new InputError(
            { file, row: record.row, column: 'lat' },
            `koordinaten ${lat}, ${lon} ligger ${Math.round(d)} km från ${m.name}s mittpunkt, längre bort än kommunens postnummer når (${Math.round(radius)} km). Förväxlade lat och lon?`,
          );
        }
      }
    }
    return { lat, lon, origin: 'given', note: null };
  }
  if (fields.postalCode) {
    const postal = reference.postalCodes.get(fields.postalCode);
    if (postal) {
      return {
        lat: postal.lat,
        lon: postal.lon,
        origin: 'postal_code',
        note: `postnummer ${fields.postalCode} (${postal.locality})`,
      };
    }
  }
  const m = fields.municipality;
  if (!m) return { lat: null, lon: null, origin: 'none', note: 'ingen kommun angiven för centret' };
  const localities = reference.localities.get(m.code) ?? [];
  if (fields.postalTown) {
    const town = localities.find((l) => normalizeLabel(l.name) === normalizeLabel(fields.postalTown ?? ''));
    if (town) return { lat: town.lat, lon: town.lon, origin: 'locality', note: `postorten ${town.name}` };
  }
  const hits = localitiesNamedIn(fields.name, localities);
  if (hits.length > 0) {
    // Prefer a place other than the municipality's namesake ("… – filial Bjästa"), then the last one named.
    hits.sort(
      (a, b) =>
        Number(normalizeLabel(a.locality.name) === normalizeLabel(m.name)) -
          Number(normalizeLabel(b.locality.name) === normalizeLabel(m.name)) || b.index - a.index,
    );
    const chosen = hits[0]?.locality;
    if (chosen) {
      return {
        lat: chosen.lat,
        lon: chosen.lon,
        origin: 'locality',
        note: `orten ${chosen.name} i centrets namn`,
      };
    }
  }
  const centroid = reference.centroids.get(m.code);
  if (centroid) {
    return {
      lat: centroid.lat,
      lon: centroid.lon,
      origin: 'municipality_centroid',
      note: `reservläge: ${m.name}s mittpunkt – adress, postnummer och ort saknas`,
    };
  }
  return { lat: null, lon: null, origin: 'none', note: null };
}

function parseContact(record: TableRecord, file: string, notes: string): string | null {
  const given = nullIfEmpty(record.values.contact_email);
  if (given !== null) {
    const at = { file, row: record.row, column: 'contact_email' };
    if (!isEmail(given)) throw new InputError(at, `ogiltig e-postadress "${given}"`);
    if (looksPersonalEmail(given)) {
      throw new InputError(
        at,
        `"${given}" ser ut som en persons adress. Registret är öppet och sparar bara funktionsadresser (t.ex. larcentrum@kommun.se).`,
      );
    }
    return given;
  }
  return emailsIn(notes).find((e) => !looksPersonalEmail(e)) ?? null;
}

const namesByReference = new WeakMap<LarcentraReference, MunicipalityName[]>();

/** Municipality short names of a reference, longest first (computed once per reference). */
function municipalityNames(reference: LarcentraReference): MunicipalityName[] {
  let names = namesByReference.get(reference);
  if (!names) {
    names = [...reference.municipalities.values()]
      .map((m) => ({ code: m.code, name: m.name }))
      .sort((a, b) => b.name.length - a.name.length);
    namesByReference.set(reference, names);
  }
  return names;
}

/** Parses one record into a centre with its services and municipalities. */
export function parseCentre(record: TableRecord, file: string, reference: LarcentraReference): ParsedCentre {
  const v = record.values;
  const at = (column: string): InputLocation => ({ file, row: record.row, column });
  const name = (v.name ?? '').trim();
  if (name === '') throw new InputError(at('name'), 'namnet saknas');

  const givenId = nullIfEmpty(v.id);
  if (givenId !== null && !ID_PATTERN.test(givenId)) {
    throw new InputError(
      at('id'),
      `id ska vara små bokstäver a–z, siffror och bindestreck, t.ex. "${slugify(givenId) || 'larcentrum-gavle'}" (värde "${givenId}")`,
    );
  }
  const id = givenId ?? slugify(name);
  if (id === '') throw new InputError(at('name'), 'namnet ger inget id; ange kolumnen id');

  const notes = (v.notes ?? '').trim();
  const organiser = (v.organiser ?? '').trim();

  // Municipality the centre is in: kommunkod, else the kommun name.
  let municipality: ReferenceMunicipality | undefined;
  const code = nullIfEmpty(v.kommunkod);
  const kommunName = nullIfEmpty(v.kommun);
  if (code !== null) {
    municipality = resolveMunicipality(code, reference, at('kommunkod'));
    if (!/^\d+$/.test(code)) {
      throw new InputError(
        at('kommunkod'),
        `kommunkod ska vara fyra siffror – "${code}" är ${describeMunicipality(municipality)}`,
      );
    }
    if (kommunName !== null) {
      const byName = municipalityByName(kommunName, reference);
      if (!byName || byName.code !== municipality.code) {
        throw new InputError(
          at('kommun'),
          `kommunkod ${municipality.code} är ${municipality.name}, men kolumnen kommun anger "${kommunName}"${byName ? ` (kod ${byName.code})` : `.${suggestMunicipalityNames(kommunName, reference)}`}`,
        );
      }
    }
  } else if (kommunName !== null) {
    municipality = resolveMunicipality(kommunName, reference, at('kommun'));
  }

  const lan = nullIfEmpty(v.lan);
  if (lan !== null) {
    const county = countyByName(lan, reference);
    if (!county) {
      const near = closestMatches(lan, [...reference.counties.values()], (c) => c.name, 1)[0];
      throw new InputError(
        at('lan'),
        `okänt län "${lan}"${near ? ` – menade du "${near.candidate.name}"?` : ''}`,
      );
    }
    if (municipality && municipality.countyCode !== county.code) {
      const right = reference.counties.get(municipality.countyCode);
      throw new InputError(
        at('lan'),
        `${municipality.name} ligger i ${right?.name ?? `län ${municipality.countyCode}`}, inte i ${county.name}`,
      );
    }
  }

  // Municipalities served: the location, the served_municipalities column and those named by the organiser.
  const served = new Map<string, 'location' | 'served'>();
  if (municipality) served.set(municipality.code, 'location');
  for (const item of splitList(v.served_municipalities ?? '', /[|,;]/)) {
    const m = resolveMunicipality(item, reference, at('served_municipalities'));
    if (!served.has(m.code)) served.set(m.code, 'served');
  }
  const namedByOrganiser = municipalitiesNamedIn(organiser, municipalityNames(reference));
  for (const c of namedByOrganiser) if (!served.has(c)) served.set(c, 'served');
  if (served.size === 0) {
    throw new InputError(
      at('kommunkod'),
      'kommunkod saknas – ange kommunkod, eller för ett nätverk kommunerna i served_municipalities (eller i organiser)',
    );
  }

  const postalRaw = nullIfEmpty(v.postal_code);
  let postalCode: string | null = null;
  if (postalRaw !== null) {
    const compact = postalRaw.replace(/\s+/g, '');
    if (!/^[1-9]\d{4}$/.test(compact)) {
      throw new InputError(
        at('postal_code'),
        `ogiltigt postnummer "${postalRaw}" – fem siffror, t.ex. "803 10"`,
      );
    }
    postalCode = compact;
    const known = reference.postalCodes.get(compact);
    const knownMunicipality = known ? reference.municipalities.get(known.municipalityCode) : undefined;
    if (
      known &&
      knownMunicipality &&
      municipality &&
      knownMunicipality.countyCode !== municipality.countyCode
    ) {
      throw new InputError(
        at('postal_code'),
        `postnummer ${postalRaw} hör till ${known.locality} i ${knownMunicipality.name}, inte till ${municipality.name}s län – fel postnummer eller kommunkod?`,
      );
    }
  }
  const postalTown = nullIfEmpty(v.postal_town);

  const coordinates = resolveCoordinates(record, file, reference, {
    name,
    municipality,
    postalCode,
    postalTown,
  });
  const { services, otherTags } = parseServices(record, file);
  const exam = v.exam_invigilation === undefined ? null : yesNo(record, 'exam_invigilation', file);
  if (exam === true) services.add('exam_invigilation');

  const openingHours = nullIfEmpty(v.opening_hours);
  const parsedHours = parseOpeningHours(openingHours);
  const evenings = v.open_evenings === undefined ? null : yesNo(record, 'open_evenings', file);
  const weekends = v.open_weekends === undefined ? null : yesNo(record, 'open_weekends', file);

  const sourceUrl = nullIfEmpty(v.source_url);
  if (sourceUrl !== null && !/^https?:\/\/\S+$/.test(sourceUrl)) {
    throw new InputError(
      at('source_url'),
      `källan ska vara en webbadress som börjar med http:// eller https:// (värde "${sourceUrl}")`,
    );
  }
  const sourceDate = nullIfEmpty(v.source_date);
  if (sourceDate !== null && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(sourceDate)) {
    throw new InputError(
      at('source_date'),
      `datum ska skrivas ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD (värde "${sourceDate}")`,
    );
  }

  const orderedServices = SERVICES.map((s) => s.code).filter((c) => services.has(c));
  return {
    centre: {
      id,
      name,
      status: parseStatus(record, file, name, notes),
      organiser: nullIfEmpty(organiser),
      organiserType: parseOrganiserType(record, file, organiser, namedByOrganiser.length),
      municipalityCode: municipality?.code ?? null,
      streetAddress: nullIfEmpty(v.street_address),
      postalCode,
      postalTown,
      lat: coordinates.lat,
      lon: coordinates.lon,
      coordinateOrigin: coordinates.origin,
      coordinateNote: coordinates.note,
      contactEmail: parseContact(record, file, notes),
      openingHours,
      openEvenings: evenings ?? parsedHours.evenings,
      openWeekends: weekends ?? parsedHours.weekends,
      nitusMember: v.nitus_member === undefined ? null : yesNo(record, 'nitus_member', file),
      otherTags,
      sourceUrl,
      sourceDate,
      notes: nullIfEmpty(notes),
      sourceFile: file,
      sourceRow: record.row,
    },
    services: orderedServices,
    municipalities: [...served].map(([municipalityCode, role]) => ({ municipalityCode, role })),
    location: { file, row: record.row },
  };
}

/** Parses every record; duplicate ids are reported with both rows. */
export function parseCentres(
  records: readonly TableRecord[],
  file: string,
  reference: LarcentraReference,
): ParsedCentre[] {
  const seen = new Map<string, number>();
  return records.map((record) => {
    const parsed = parseCentre(record, file, reference);
    const earlier = seen.get(parsed.centre.id);
    if (earlier !== undefined) {
      throw new InputError(
        { file, row: record.row, column: record.values.id ? 'id' : 'name' },
        `id "${parsed.centre.id}" finns redan på rad ${earlier} – ge centren olika namn eller en egen kolumn id`,
      );
    }
    seen.set(parsed.centre.id, record.row);
    return parsed;
  });
}
