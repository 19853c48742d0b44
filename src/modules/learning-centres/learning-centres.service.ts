import type { OrganiserType } from '../../core/learning-centres/fields.js';
import {
  isServiceCode,
  SERVICES,
  type ServiceCode,
  suggestService,
} from '../../core/learning-centres/services.js';
import type { Queryable } from '../../db/client.js';
import { AppError, notFound } from '../../errors.js';
import type { CentreStatus, CoordinateOrigin } from '../../sources/larcentra/parse.js';
import { CENTRE_STATUSES } from '../../sources/larcentra/parse.js';
import { listGeographies, resolveMunicipalityCodes } from '../geographies/geographies.service.js';
import { lastSucceededRun } from '../imports/import-runs.service.js';
import { type CentreRecord, selectCentreIdsByMunicipality, selectCentres } from './learning-centres.repo.js';

/**
 * The learning-centre registry: list with filters (geography, services, evenings/weekends, status), one centre,
 * and the names of the places it belongs to. The registry is read-only here; the imported file is the source.
 */

const collator = new Intl.Collator('sv');

/** Swedish order with missing values (networks without a municipality or county) last. */
function compareNullsLast(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) return Number(a === undefined) - Number(b === undefined);
  return collator.compare(a, b);
}

/** How a centre relates to a municipality: located there, or serving it from elsewhere. */
export const MUNICIPALITY_ROLES = ['location', 'served'] as const;
export type MunicipalityRole = (typeof MUNICIPALITY_ROLES)[number];

export interface NamedCode {
  code: string;
  name: string;
}

export interface CentreView {
  id: string;
  name: string;
  status: CentreStatus;
  organiser: string | null;
  organiserType: OrganiserType | null;
  /** The municipality the centre is in (null for networks of several municipalities). */
  municipality: NamedCode | null;
  county: NamedCode | null;
  /** Every municipality the centre is in or serves, sorted by name. */
  municipalities: Array<NamedCode & { role: MunicipalityRole }>;
  address: { street: string | null; postalCode: string | null; postalTown: string | null };
  /** Null when no coordinate could be found (origin `none`). */
  coordinates: {
    lat: number;
    lon: number;
    origin: Exclude<CoordinateOrigin, 'none'>;
    note: string | null;
  } | null;
  contactEmail: string | null;
  openingHours: { text: string | null; evenings: boolean | null; weekends: boolean | null };
  nitusMember: boolean | null;
  services: ServiceCode[];
  otherTags: string[];
  source: { url: string | null; date: string | null; file: string; row: number };
  notes: string | null;
}

export interface CentreFilter {
  /** Geography id (`county:21`, `municipality:2180`, `fa:36`, `country:SE`): centres in or serving it. */
  geo?: string;
  /** Every listed service must be offered. */
  services?: readonly string[];
  evenings?: boolean;
  weekends?: boolean;
  status?: readonly string[];
}

export interface CentreList {
  centres: CentreView[];
  /** When the registry was last imported (null before the first import). */
  importedAt: Date | null;
}

/** Checks service codes, suggesting the closest vocabulary entry for an unknown one. */
export function parseServiceFilter(values: readonly string[] | undefined): ServiceCode[] {
  const codes: ServiceCode[] = [];
  for (const raw of values ?? []) {
    for (const value of raw
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '')) {
      if (isServiceCode(value)) {
        codes.push(value);
        continue;
      }
      const near = suggestService(value);
      throw new AppError(
        'validation_failed',
        `Okänd tjänst "${value}"${near ? ` – menade du "${near.code}"?` : ''} Tjänster: ${SERVICES.map((s) => s.code).join(', ')}`,
        { parameter: 'service', value, suggestion: near?.code ?? null },
      );
    }
  }
  return codes;
}

function parseStatusFilter(values: readonly string[] | undefined): CentreStatus[] | undefined {
  if (!values || values.length === 0) return undefined;
  const out: CentreStatus[] = [];
  for (const value of values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '')) {
    if (!(CENTRE_STATUSES as readonly string[]).includes(value)) {
      throw new AppError(
        'validation_failed',
        `Okänd status "${value}". Tillåtna: ${CENTRE_STATUSES.join(', ')}`,
        {
          parameter: 'status',
          value,
        },
      );
    }
    out.push(value as CentreStatus);
  }
  return out;
}

/** Municipality and county names keyed by code (from the geographies). */
export interface PlaceNames {
  municipalities: Map<string, { name: string; countyCode: string }>;
  counties: Map<string, string>;
}

export async function loadPlaceNames(q: Queryable): Promise<PlaceNames> {
  const [municipalities, counties] = await Promise.all([
    listGeographies(q, { type: 'municipality' }),
    listGeographies(q, { type: 'county' }),
  ]);
  return {
    municipalities: new Map(
      municipalities.map((m) => [
        m.code,
        { name: m.shortName, countyCode: (m.parentId ?? '').replace(/^county:/, '') },
      ]),
    ),
    counties: new Map(counties.map((c) => [c.code, c.name])),
  };
}

function toView(record: CentreRecord, names: PlaceNames): CentreView {
  const c = record.centre;
  const named = (code: string): NamedCode => ({ code, name: names.municipalities.get(code)?.name ?? code });
  const municipality = c.municipalityCode ? named(c.municipalityCode) : null;
  const countyCode = c.municipalityCode
    ? names.municipalities.get(c.municipalityCode)?.countyCode
    : undefined;
  const origin = c.coordinateOrigin as CoordinateOrigin;
  const known = new Set<string>(SERVICES.map((s) => s.code));
  return {
    id: c.id,
    name: c.name,
    status: c.status as CentreStatus,
    organiser: c.organiser,
    organiserType: c.organiserType as OrganiserType | null,
    municipality,
    county: countyCode ? { code: countyCode, name: names.counties.get(countyCode) ?? countyCode } : null,
    municipalities: record.municipalities
      .map((m) => ({
        ...named(m.code),
        role: m.role === 'location' ? ('location' as const) : ('served' as const),
      }))
      .sort((a, b) => collator.compare(a.name, b.name)),
    address: { street: c.streetAddress, postalCode: c.postalCode, postalTown: c.postalTown },
    coordinates:
      origin !== 'none' && c.lat !== null && c.lon !== null
        ? { lat: c.lat, lon: c.lon, origin, note: c.coordinateNote }
        : null,
    contactEmail: c.contactEmail,
    openingHours: { text: c.openingHours, evenings: c.openEvenings, weekends: c.openWeekends },
    nitusMember: c.nitusMember,
    services: SERVICES.map((s) => s.code).filter((code) => record.services.includes(code) && known.has(code)),
    otherTags: c.otherTags,
    source: { url: c.sourceUrl, date: c.sourceDate, file: c.sourceFile, row: c.sourceRow },
    notes: c.notes,
  };
}

/** Applies the non-geographic filters to views. */
function matches(
  view: CentreView,
  filter: { services: ServiceCode[]; evenings?: boolean; weekends?: boolean; status?: CentreStatus[] },
): boolean {
  if (!filter.services.every((s) => view.services.includes(s))) return false;
  if (filter.evenings !== undefined && (view.openingHours.evenings === true) !== filter.evenings)
    return false;
  if (filter.weekends !== undefined && (view.openingHours.weekends === true) !== filter.weekends)
    return false;
  if (filter.status && !filter.status.includes(view.status)) return false;
  return true;
}

/**
 * Centres matching the filter, sorted by county, municipality and name (Swedish collation). `evenings: true`
 * keeps centres whose opening hours say they are open in the evening; `false` keeps the others (not stated or
 * closed).
 */
export async function listCentres(q: Queryable, filter: CentreFilter = {}): Promise<CentreList> {
  const services = parseServiceFilter(filter.services);
  const status = parseStatusFilter(filter.status);
  const ids = filter.geo
    ? await selectCentreIdsByMunicipality(q, await resolveMunicipalityCodes(q, filter.geo))
    : undefined;
  const [records, names, run] = await Promise.all([
    selectCentres(q, ids),
    loadPlaceNames(q),
    lastSucceededRun(q, 'larcentra'),
  ]);
  const centres = records
    .map((r) => toView(r, names))
    .filter((v) => matches(v, { services, evenings: filter.evenings, weekends: filter.weekends, status }))
    .sort(
      (a, b) =>
        compareNullsLast(a.county?.name, b.county?.name) ||
        compareNullsLast(a.municipality?.name, b.municipality?.name) ||
        collator.compare(a.name, b.name),
    );
  return { centres, importedAt: run?.finishedAt ?? null };
}

/** One centre by id. */
export async function getCentre(q: Queryable, id: string): Promise<CentreView> {
  const [record] = await selectCentres(q, [id]);
  if (!record) throw notFound('Lärcentret', id);
  return toView(record, await loadPlaceNames(q));
}

/** The service vocabulary with Swedish and English labels. */
export function serviceVocabulary(): Array<{ code: ServiceCode; sv: string; en: string }> {
  return SERVICES.map((s) => ({ code: s.code, sv: s.sv, en: s.en }));
}
