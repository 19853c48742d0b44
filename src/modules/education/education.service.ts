import { FLAG_THRESHOLD_KM } from '../../core/reach/coverage.js';
import { haversineKm } from '../../core/reach/distance.js';
import type { Queryable } from '../../db/client.js';
import { withRegion } from '../../db/region-scope.js';
import { AppError, notFound } from '../../errors.js';
import { type AuditContext, recordAudit } from '../audit/audit.service.js';
import {
  getGeography,
  listGeographies,
  resolveMunicipalityCodes,
} from '../geographies/geographies.service.js';
import { importRuns } from '../imports/import-runs.service.js';
import { listCentres } from '../learning-centres/learning-centres.service.js';
import { searchOccupations } from '../occupations/occupations.service.js';
import {
  deleteLocalOffer,
  deleteOfferOverrides,
  deleteOverrides,
  insertLocalOffer,
  insertOverride,
  type LocalOfferInsert,
  selectApplication,
  selectApplicationMunicipalities,
  selectApplications,
  selectKeyProgrammes,
  selectKeySun,
  selectLocalFingerprint,
  selectLocalOffer,
  selectLocalOffers,
  selectOverrides,
  selectYhProgrammes,
  selectYhTowns,
  updateLocalOffer,
} from './education.repo.js';

/**
 * Education supply: YH programmes (MYH) and the offers regions enter themselves, each mapped to SSYK-4
 * occupations through AF's key (programme number → `key`, SUN code → `sun_field`) and the region's own manual
 * mappings and overrides (`manual`, audited). Used by the gap analysis, the YH round view, the evidence pack and
 * (through `educationOffers`) by the needs module's "existing education offer".
 */

export const OFFER_FORMS = ['komvux', 'yrkesvux', 'yh', 'folkhogskola', 'university', 'other'] as const;
export type OfferForm = (typeof OFFER_FORMS)[number];
export const OFFER_STATUSES = ['planned', 'open', 'running'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
export const MAPPING_CONFIDENCES = ['key', 'sun_field', 'manual'] as const;
export type MappingConfidence = (typeof MAPPING_CONFIDENCES)[number];
export const OFFER_KINDS = ['yh', 'local'] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];
/** What a manual mapping can be about: an offer, or an application of a YH round (by MYH's diarienummer). */
export const MAPPING_KINDS = ['yh', 'local', 'application'] as const;
export type MappingKind = (typeof MAPPING_KINDS)[number];
/** `distance=`: absent/false = offers given in the geography; true = plus distance offers anywhere; only = those. */
export const DISTANCE_FILTERS = ['true', 'false', 'only'] as const;
export type DistanceFilter = (typeof DISTANCE_FILTERS)[number];

/** Roles that may enter local offers (issue 13) and those that may override mappings (region users). */
export const OFFER_WRITERS = ['admin', 'strateg', 'utbildningsanordnare', 'kommun', 'larcentrum'] as const;
export const MAPPING_WRITERS = ['admin', 'strateg'] as const;

export interface OfferOccupation {
  ssyk: string;
  name: string | null;
  confidence: MappingConfidence;
}

export interface OfferView {
  /** `yh:<programme number>:<n>` or `local:<uuid>`. */
  id: string;
  kind: OfferKind;
  /** What mappings refer to: the programme number for YH, the uuid for local offers. */
  mappingId: string;
  name: string;
  provider: string;
  form: OfferForm;
  status: OfferStatus;
  distance: boolean;
  municipalities: Array<{ code: string; name: string | null }>;
  /** Study towns that could not be placed in a municipality (YH only). */
  unplacedTowns: string[];
  places: number | null;
  students: number | null;
  startDate: string | null;
  learningCentreId: string | null;
  sunCode: string | null;
  programmeNumber: string | null;
  occupations: OfferOccupation[];
  /** The region that owns a local offer (null for imported ones) and its version for PATCH/DELETE. */
  regionId: string | null;
  version: number | null;
}

export interface OfferQuery {
  geo: string;
  ssyk?: string;
  form?: OfferForm;
  distance?: DistanceFilter;
}

/** The region whose mappings apply to a geography: its county (null for the country and FA regions). */
export async function regionOf(q: Queryable, geo: string): Promise<string | null> {
  if (geo.startsWith('county:')) return geo;
  if (geo.startsWith('municipality:'))
    return `county:${geo.slice('municipality:'.length, 'municipality:'.length + 2)}`;
  if (geo.startsWith('area:')) {
    const g = await getGeography(q, geo);
    return g.parentId?.startsWith('county:') ? g.parentId : null;
  }
  return null;
}

interface Catalogue {
  offers: OfferView[];
  names: Map<string, string>;
}

/**
 * Catalogues per database and region, kept until an education source is re-imported or a region writes an offer
 * or a mapping (the fingerprint changes): the gap analysis of all 21 counties then reads the tables once.
 */
const catalogueCache = new WeakMap<object, Map<string, { version: string; value: Promise<Catalogue> }>>();
const CATALOGUE_SOURCES = ['myh-yh-utbildningar', 'af-kopplingsschema', 'geo', 'ssyk', 'occupations'];
const GEO_SOURCES = ['geo', 'larcentra'];

export interface EducationDataVersion {
  /** What the offer catalogue is built from: the sources' latest successful runs and the region-entered rows. */
  catalogue: string;
  /** What the gap analysis' geography inputs (labour-market areas, learning centres) are built from. */
  geo: string;
}

/**
 * The data version behind the education caches, in two queries: the import runs of every source involved (one
 * read, newest first) and a fingerprint of the region-entered rows. Asked once per request and shared by the
 * catalogue and the geography inputs (it was nine queries per county, most of the warm gap analysis' time).
 */
export async function educationDataVersion(q: Queryable): Promise<EducationDataVersion> {
  const [runs, local] = await Promise.all([
    importRuns(q, { sourceIds: [...new Set([...CATALOGUE_SOURCES, ...GEO_SOURCES])] }),
    selectLocalFingerprint(q),
  ]);
  const last = new Map<string, number>();
  for (const r of runs) if (r.status === 'succeeded' && !last.has(r.sourceId)) last.set(r.sourceId, r.id);
  const of = (ids: string[]) => ids.map((id) => last.get(id) ?? 0).join(':');
  return { catalogue: `${of(CATALOGUE_SOURCES)}|${local}`, geo: of(GEO_SOURCES) };
}

async function loadCatalogue(
  q: Queryable,
  regionId: string | null,
  known?: EducationDataVersion,
): Promise<Catalogue> {
  const version = (known ?? (await educationDataVersion(q))).catalogue;
  let perDb = catalogueCache.get(q);
  if (!perDb) {
    perDb = new Map();
    catalogueCache.set(q, perDb);
  }
  const key = regionId ?? '';
  const cached = perDb.get(key);
  if (cached && cached.version === version) return cached.value;
  const value = readCatalogue(q, regionId, version);
  perDb.set(key, { version, value });
  value.catch(() => {
    if (perDb.get(key)?.value === value) perDb.delete(key);
  });
  return value;
}

/** Every offer (all YH programmes and every region's local offers) with key mappings and one region's manual ones. */
/** The tables behind a catalogue, read once per version and shared by every region's catalogue. */
async function readTables(q: Queryable) {
  const [programmes, towns, keyProgrammes, keySun, local, overrides, municipalities, occupations] =
    await Promise.all([
      selectYhProgrammes(q),
      selectYhTowns(q),
      selectKeyProgrammes(q),
      selectKeySun(q),
      selectLocalOffers(q),
      selectOverrides(q),
      listGeographies(q, { type: 'municipality' }),
      searchOccupations(q, {}),
    ]);
  return { programmes, towns, keyProgrammes, keySun, local, overrides, municipalities, occupations };
}

/**
 * The catalogue shared by every region: all offers with AF's key and each local offer's own region's mappings,
 * built once per version. A region's catalogue differs only in the YH programmes that region mapped by hand, so
 * `forRegion` copies the list and rebuilds just those (most regions have none, and get the shared list).
 */
interface BaseCatalogue extends Catalogue {
  forRegion(regionId: string | null): OfferView[];
}

const baseCache = new WeakMap<object, { version: string; value: Promise<BaseCatalogue> }>();

async function readCatalogue(q: Queryable, regionId: string | null, version: string): Promise<Catalogue> {
  let base = baseCache.get(q);
  if (!base || base.version !== version) {
    const value = readTables(q).then(buildBase);
    base = { version, value };
    baseCache.set(q, base);
    value.catch(() => {
      if (baseCache.get(q)?.value === value) baseCache.delete(q);
    });
  }
  const built = await base.value;
  return { offers: built.forRegion(regionId), names: built.names };
}

function buildBase(tables: Awaited<ReturnType<typeof readTables>>): BaseCatalogue {
  const { programmes, towns, keyProgrammes, keySun, local, overrides, municipalities, occupations } = tables;
  const names = new Map(occupations.results.map((o) => [o.ssyk, o.labelSv]));
  const municipalityName = new Map(municipalities.map((m) => [m.code, m.shortName || m.name]));
  const townsOf = new Map<string, typeof towns>();
  for (const t of towns) {
    const list = townsOf.get(t.programmeId);
    if (list) list.push(t);
    else townsOf.set(t.programmeId, [t]);
  }
  const byProgramme = new Map<string, string[]>();
  for (const k of keyProgrammes)
    byProgramme.set(k.programmeNumber, [...(byProgramme.get(k.programmeNumber) ?? []), k.ssyk]);
  const bySun = new Map<string, string[]>();
  for (const k of keySun) bySun.set(k.sunCode, [...(bySun.get(k.sunCode) ?? []), k.ssyk]);
  // Manual mappings: for YH programmes those of the region asked for; for a local offer those of its own region.
  const overridesOf = new Map<string, typeof overrides>();
  for (const o of overrides) {
    const key = `${o.regionId}|${o.offerKind}|${o.offerId}`;
    overridesOf.set(key, [...(overridesOf.get(key) ?? []), o]);
  }
  const mapping = (
    owner: string | null,
    kind: OfferKind,
    mappingId: string,
    fromKey: string[],
    fromSun: string[],
  ): OfferOccupation[] => {
    const out = new Map<string, MappingConfidence>();
    for (const s of fromKey) out.set(s, 'key');
    for (const s of fromSun) if (!out.has(s)) out.set(s, 'sun_field');
    for (const o of overridesOf.get(`${owner}|${kind}|${mappingId}`) ?? []) {
      if (o.action === 'remove') out.delete(o.ssyk);
      else out.set(o.ssyk, 'manual');
    }
    return [...out]
      .map(([ssyk, confidence]) => ({ ssyk, name: names.get(ssyk) ?? null, confidence }))
      .sort((a, b) => (a.ssyk < b.ssyk ? -1 : 1));
  };
  const offers: OfferView[] = [];
  for (const p of programmes) {
    const list = townsOf.get(p.id) ?? [];
    const codes = [...new Set(list.map((t) => t.municipalityCode).filter((c): c is string => c !== null))];
    offers.push({
      id: `yh:${p.id}`,
      kind: 'yh',
      mappingId: p.programmeNumber,
      name: p.name,
      provider: p.provider,
      form: 'yh',
      status: p.status === 'started' ? 'running' : 'open',
      distance: p.studyForm === 'distance',
      municipalities: codes.map((code) => ({ code, name: municipalityName.get(code) ?? null })),
      unplacedTowns: list.filter((t) => t.municipalityCode === null).map((t) => t.town),
      places: p.places,
      students: p.students,
      startDate: null,
      learningCentreId: null,
      sunCode: null,
      programmeNumber: p.programmeNumber,
      occupations: mapping(null, 'yh', p.programmeNumber, byProgramme.get(p.programmeNumber) ?? [], []),
      regionId: null,
      version: null,
    });
  }
  for (const o of local) {
    offers.push({
      id: `local:${o.id}`,
      kind: 'local',
      mappingId: o.id,
      name: o.name,
      provider: o.provider,
      form: o.form as OfferForm,
      status: o.status as OfferStatus,
      distance: o.distance,
      municipalities: o.municipalityCode
        ? [{ code: o.municipalityCode, name: municipalityName.get(o.municipalityCode) ?? null }]
        : [],
      unplacedTowns: [],
      places: o.places,
      students: null,
      startDate: o.startDate,
      learningCentreId: o.learningCentreId,
      sunCode: o.sunCode,
      programmeNumber: null,
      occupations: mapping(o.regionId, 'local', o.id, [], o.sunCode ? (bySun.get(o.sunCode) ?? []) : []),
      regionId: o.regionId,
      version: o.version,
    });
  }
  const yhAt = new Map<string, number[]>();
  offers.forEach((o, i) => {
    if (o.kind === 'yh') yhAt.set(o.mappingId, [...(yhAt.get(o.mappingId) ?? []), i]);
  });
  const yhOverridden = new Map<string, Set<string>>();
  for (const o of overrides) {
    if (o.offerKind !== 'yh') continue;
    const set = yhOverridden.get(o.regionId) ?? new Set<string>();
    set.add(o.offerId);
    yhOverridden.set(o.regionId, set);
  }
  const perRegion = new Map<string, OfferView[]>();
  const forRegion = (regionId: string | null): OfferView[] => {
    const changed = regionId ? yhOverridden.get(regionId) : undefined;
    if (!regionId || !changed) return offers;
    const cached = perRegion.get(regionId);
    if (cached) return cached;
    const copy = [...offers];
    for (const programmeNumber of changed) {
      const occupationsOf = mapping(
        regionId,
        'yh',
        programmeNumber,
        byProgramme.get(programmeNumber) ?? [],
        [],
      );
      for (const i of yhAt.get(programmeNumber) ?? []) {
        const offer = copy[i];
        if (offer) copy[i] = { ...offer, occupations: occupationsOf };
      }
    }
    perRegion.set(regionId, copy);
    return copy;
  };
  return { offers, names, forRegion };
}

function checkEnum<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  parameter: string,
): T | undefined {
  if (value === undefined || value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new AppError(
      'validation_failed',
      `Okänt värde "${value}" för ${parameter}. Tillåtna: ${allowed.join(', ')}`,
      {
        parameter,
        value,
      },
    );
  }
  return value as T;
}

/** Offers matching the filters, sorted by name (Swedish collation), with their SSYK mapping. */
export async function educationOffers(q: Queryable, query: OfferQuery): Promise<OfferView[]> {
  const form = checkEnum(query.form, OFFER_FORMS, 'form');
  const distance = checkEnum(query.distance, DISTANCE_FILTERS, 'distance') ?? 'false';
  if (query.ssyk !== undefined && query.ssyk !== '' && !/^\d{4}$/.test(query.ssyk)) {
    throw new AppError('validation_failed', 'SSYK-koden ska vara fyra siffror', { parameter: 'ssyk' });
  }
  const members = new Set(await resolveMunicipalityCodes(q, query.geo));
  const { offers } = await loadCatalogue(q, await regionOf(q, query.geo));
  return offers
    .filter((o) => {
      if (form && o.form !== form) return false;
      if (query.ssyk && !o.occupations.some((x) => x.ssyk === query.ssyk)) return false;
      const inGeo = o.municipalities.some((m) => members.has(m.code));
      if (distance === 'only') return o.distance;
      if (distance === 'true') return inGeo || o.distance;
      return inGeo;
    })
    .sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
}

const collator = new Intl.Collator('sv');

/** Offers of a geography (or of a region's own entries) that map to no occupation, so they can be fixed. */
export async function unmappedOffers(q: Queryable, geo: string): Promise<OfferView[]> {
  const offers = await educationOffers(q, { geo });
  return offers.filter((o) => o.occupations.length === 0);
}

// ---------------------------------------------------------------------------------------------------------------
// Writes: local offers and mapping overrides (authorised by role and region, audited, optimistic concurrency).

export interface EducationWriter {
  /** Regions where the caller may write (regionsWithRole for the route's roles). */
  regions: ReadonlySet<string>;
  audit: AuditContext;
}

export interface LocalOfferInput {
  provider: string;
  name: string;
  form: OfferForm;
  sunCode?: string | null;
  municipalityCode?: string | null;
  distance?: boolean;
  learningCentreId?: string | null;
  startDate?: string | null;
  places?: number | null;
  status: OfferStatus;
  /** Occupations the offer leads to (stored as manual mappings). */
  occupations?: string[];
}

async function checkOfferInput(q: Queryable, regionId: string, input: LocalOfferInput): Promise<void> {
  if (!input.provider.trim() || !input.name.trim()) {
    throw new AppError('validation_failed', 'Utbildningen behöver anordnare och namn');
  }
  checkEnum(input.form, OFFER_FORMS, 'form');
  checkEnum(input.status, OFFER_STATUSES, 'status');
  if (input.municipalityCode) {
    const county = `county:${input.municipalityCode.slice(0, 2)}`;
    const known = await resolveMunicipalityCodes(q, regionId).catch(() => [] as string[]);
    if (!known.includes(input.municipalityCode)) {
      throw new AppError(
        'validation_failed',
        county === regionId
          ? `Okänd kommunkod: ${input.municipalityCode}`
          : `Kommunen ${input.municipalityCode} ligger utanför regionen ${regionId}`,
        { municipalityCode: input.municipalityCode },
      );
    }
  } else if (!input.distance) {
    throw new AppError('validation_failed', 'Ange en kommun eller markera utbildningen som distans');
  }
  if (input.sunCode && !/^\d{3}[a-zåäö]$/.test(input.sunCode)) {
    throw new AppError('validation_failed', 'SUN-koden ska vara tre siffror och en bokstav, t.ex. "723a"');
  }
  if (input.startDate && !/^\d{4}-\d{2}-\d{2}$/.test(input.startDate)) {
    throw new AppError('validation_failed', 'Startdatum ska skrivas ÅÅÅÅ-MM-DD');
  }
  for (const ssyk of input.occupations ?? []) {
    if (!/^\d{4}$/.test(ssyk))
      throw new AppError('validation_failed', `SSYK-koden ska vara fyra siffror: ${ssyk}`);
  }
}

function rowValues(regionId: string, input: LocalOfferInput): LocalOfferInsert {
  return {
    regionId,
    provider: input.provider.trim(),
    name: input.name.trim(),
    form: input.form,
    sunCode: input.sunCode ?? null,
    municipalityCode: input.municipalityCode ?? null,
    distance: input.distance ?? false,
    learningCentreId: input.learningCentreId ?? null,
    startDate: input.startDate ?? null,
    places: input.places ?? null,
    status: input.status,
  };
}

async function offerView(q: Queryable, regionId: string, id: string): Promise<OfferView> {
  const { offers } = await loadCatalogue(q, regionId);
  const found = offers.find((o) => o.id === `local:${id}`);
  if (!found) throw notFound('Utbildningen', id);
  return found;
}

/** Creates a local offer of a region (with its occupations as manual mappings); audited. */
export async function createLocalOffer(
  q: Queryable,
  regionId: string,
  input: LocalOfferInput,
  writer: EducationWriter,
  now: Date,
): Promise<OfferView> {
  if (!writer.regions.has(regionId))
    throw new AppError('forbidden', 'Du kan inte lägga in utbildningar i regionen');
  await checkOfferInput(q, regionId, input);
  const id = await withRegion(q, regionId, async (tx) => {
    const row = await insertLocalOffer(tx, { ...rowValues(regionId, input), createdAt: now, updatedAt: now });
    if (!row) throw new AppError('internal', 'Utbildningen sparades inte');
    for (const ssyk of new Set(input.occupations ?? [])) {
      await insertOverride(tx, {
        regionId,
        offerKind: 'local',
        offerId: row.id,
        ssyk,
        action: 'add',
        createdAt: now,
      });
    }
    await recordAudit(
      tx,
      writer.audit,
      {
        regionId,
        entityType: 'education_offer',
        entityId: row.id,
        action: 'create',
        before: null,
        after: { ...rowValues(regionId, input), occupations: input.occupations ?? [] },
      },
      now,
    );
    return row.id;
  });
  return offerView(q, regionId, id);
}

async function ownedOffer(q: Queryable, id: string, writer: EducationWriter) {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw notFound('Utbildningen', id);
  const row = await selectLocalOffer(q, id);
  if (!row) throw notFound('Utbildningen', id);
  // Offers are public, so saying it belongs to another region reveals nothing.
  if (!writer.regions.has(row.regionId))
    throw new AppError('forbidden', 'Utbildningen hör till en annan region');
  return row;
}

function stale(id: string, version: number): AppError {
  return new AppError('conflict', 'Utbildningen har ändrats av någon annan sedan du läste den', {
    id,
    currentVersion: version,
  });
}

/** Changes a local offer; `version` must be the current one (else 409). Audited. */
export async function updateLocalOfferService(
  q: Queryable,
  id: string,
  input: Partial<LocalOfferInput> & { version: number },
  writer: EducationWriter,
  now: Date,
): Promise<OfferView> {
  const before = await ownedOffer(q, id, writer);
  if (input.version !== before.version) throw stale(id, before.version);
  const merged: LocalOfferInput = {
    provider: input.provider ?? before.provider,
    name: input.name ?? before.name,
    form: input.form ?? (before.form as OfferForm),
    sunCode: input.sunCode === undefined ? before.sunCode : input.sunCode,
    municipalityCode: input.municipalityCode === undefined ? before.municipalityCode : input.municipalityCode,
    distance: input.distance ?? before.distance,
    learningCentreId: input.learningCentreId === undefined ? before.learningCentreId : input.learningCentreId,
    startDate: input.startDate === undefined ? before.startDate : input.startDate,
    places: input.places === undefined ? before.places : input.places,
    status: input.status ?? (before.status as OfferStatus),
    occupations: input.occupations,
  };
  await checkOfferInput(q, before.regionId, merged);
  await withRegion(q, before.regionId, async (tx) => {
    const row = await updateLocalOffer(tx, id, input.version, rowValues(before.regionId, merged), now);
    if (!row) throw stale(id, before.version + 1);
    if (input.occupations) {
      await deleteOfferOverrides(tx, before.regionId, 'local', id);
      for (const ssyk of new Set(input.occupations)) {
        await insertOverride(tx, {
          regionId: before.regionId,
          offerKind: 'local',
          offerId: id,
          ssyk,
          action: 'add',
          createdAt: now,
        });
      }
    }
    const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...beforeValues } = before;
    await recordAudit(
      tx,
      writer.audit,
      {
        regionId: before.regionId,
        entityType: 'education_offer',
        entityId: id,
        action: 'update',
        before: beforeValues,
        after: {
          ...rowValues(before.regionId, merged),
          ...(input.occupations ? { occupations: input.occupations } : {}),
        },
      },
      now,
    );
  });
  return offerView(q, before.regionId, id);
}

/** Deletes a local offer with the version read (else 409); audited. */
export async function deleteLocalOfferService(
  q: Queryable,
  id: string,
  version: number,
  writer: EducationWriter,
  now: Date,
): Promise<void> {
  const before = await ownedOffer(q, id, writer);
  if (version !== before.version) throw stale(id, before.version);
  await withRegion(q, before.regionId, async (tx) => {
    if (!(await deleteLocalOffer(tx, id, version))) throw stale(id, before.version + 1);
    await deleteOfferOverrides(tx, before.regionId, 'local', id);
    const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...beforeValues } = before;
    await recordAudit(
      tx,
      writer.audit,
      {
        regionId: before.regionId,
        entityType: 'education_offer',
        entityId: id,
        action: 'delete',
        before: beforeValues,
        after: null,
      },
      now,
    );
  });
}

/**
 * A region user's decision on one offer × occupation: `add` maps it (confidence `manual`), `remove` drops a
 * mapping the key gave, `reset` returns to the key. Replaces earlier decisions on the same pair; audited.
 */
export async function setMapping(
  q: Queryable,
  regionId: string,
  input: { offerKind: MappingKind; offerId: string; ssyk: string; action: 'add' | 'remove' | 'reset' },
  writer: EducationWriter,
  now: Date,
): Promise<OfferOccupation[]> {
  if (!writer.regions.has(regionId))
    throw new AppError('forbidden', 'Du kan inte ändra kopplingar i regionen');
  if (!/^\d{4}$/.test(input.ssyk))
    throw new AppError('validation_failed', 'SSYK-koden ska vara fyra siffror');
  const { offers, names } = await loadCatalogue(q, regionId);
  let current: () => Promise<OfferOccupation[]>;
  if (input.offerKind === 'application') {
    if (!(await selectApplication(q, input.offerId))) throw notFound('YH-ansökan', input.offerId);
    current = async () => {
      const [mapped] = await applicationMappings(q, regionId, [input.offerId]);
      return mapped ?? [];
    };
  } else {
    const offer = offers.find((o) => o.kind === input.offerKind && o.mappingId === input.offerId);
    if (!offer) throw notFound('Utbildningen', `${input.offerKind}:${input.offerId}`);
    if (offer.kind === 'local' && offer.regionId !== regionId) {
      throw new AppError('forbidden', 'Utbildningen hör till en annan region');
    }
    current = async () =>
      (await loadCatalogue(q, regionId)).offers.find((o) => o.id === offer.id)?.occupations ?? [];
  }
  // The offer or application first (404), then the occupation (400), as the isolation matrix expects.
  if (!names.has(input.ssyk)) throw new AppError('validation_failed', `Okänd SSYK-kod: ${input.ssyk}`);
  const before = (await current()).map((o) => `${o.ssyk}:${o.confidence}`);
  await withRegion(q, regionId, async (tx) => {
    await deleteOverrides(tx, regionId, input.offerKind, input.offerId, input.ssyk);
    if (input.action !== 'reset') {
      await insertOverride(tx, {
        regionId,
        offerKind: input.offerKind,
        offerId: input.offerId,
        ssyk: input.ssyk,
        action: input.action,
        createdAt: now,
      });
    }
  });
  const after = await current();
  await withRegion(q, regionId, (tx) =>
    recordAudit(
      tx,
      writer.audit,
      {
        regionId,
        entityType: 'education_mapping',
        entityId: `${input.offerKind}:${input.offerId}`,
        action: input.action,
        before: { ssyk: input.ssyk, occupations: before },
        after: { ssyk: input.ssyk, occupations: after.map((o) => `${o.ssyk}:${o.confidence}`) },
      },
      now,
    ),
  );
  return after;
}

/**
 * The occupations of YH applications as a region sees them: AF's key by the application's SUN code
 * (`sun_field`), then the region's own decisions (`manual` adds, removals of key mappings). One list per id, in
 * order.
 */
export async function applicationMappings(
  q: Queryable,
  regionId: string | null,
  ids: readonly string[],
): Promise<OfferOccupation[][]> {
  const [bySun, overrides, { names }] = await Promise.all([
    keyBySun(q),
    regionId ? selectOverrides(q, regionId) : Promise.resolve([]),
    loadCatalogue(q, regionId),
  ]);
  const own = new Map<string, typeof overrides>();
  for (const o of overrides) {
    if (o.offerKind !== 'application') continue;
    own.set(o.offerId, [...(own.get(o.offerId) ?? []), o]);
  }
  const applications = new Map<string, string>();
  const wanted = new Set(ids);
  if (wanted.size > 0) {
    const rows = await Promise.all([...wanted].map((id) => selectApplication(q, id)));
    for (const r of rows) if (r) applications.set(r.id, r.sun4);
  }
  return ids.map((id) => {
    const out = new Map<string, MappingConfidence>();
    for (const s of bySun.get(applications.get(id) ?? '') ?? []) out.set(s, 'sun_field');
    for (const o of own.get(id) ?? []) {
      if (o.action === 'remove') out.delete(o.ssyk);
      else out.set(o.ssyk, 'manual');
    }
    return [...out]
      .map(([ssyk, confidence]) => ({ ssyk, name: names.get(ssyk) ?? null, confidence }))
      .sort((a, b) => (a.ssyk < b.ssyk ? -1 : 1));
  });
}

/** The region's manual decisions on YH applications: application id → SSYK added / removed. */
export async function applicationOverrides(
  q: Queryable,
  regionId: string | null,
): Promise<Map<string, { add: Set<string>; remove: Set<string> }>> {
  const out = new Map<string, { add: Set<string>; remove: Set<string> }>();
  if (!regionId) return out;
  for (const o of await selectOverrides(q, regionId)) {
    if (o.offerKind !== 'application') continue;
    const entry = out.get(o.offerId) ?? { add: new Set<string>(), remove: new Set<string>() };
    (o.action === 'remove' ? entry.remove : entry.add).add(o.ssyk);
    out.set(o.offerId, entry);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Geography helpers for the gap analysis.

/** Municipalities (of the region) with a learning centre within 30 km offering study places and invigilation. */
export async function municipalitiesWithCentreSupport(
  q: Queryable,
  codes: readonly string[],
): Promise<Set<string>> {
  const [{ centres }, municipalities] = await Promise.all([
    listCentres(q, { services: ['study_places', 'exam_invigilation'], status: ['active'] }),
    listGeographies(q, { type: 'municipality' }),
  ]);
  const points = centres.flatMap((c) => (c.coordinates ? [c.coordinates] : []));
  const wanted = new Set(codes);
  const out = new Set<string>();
  for (const m of municipalities) {
    if (!wanted.has(m.code) || m.lat === null || m.lon === null) continue;
    const here = { lat: m.lat, lon: m.lon };
    if (points.some((p) => haversineKm(here, p) <= FLAG_THRESHOLD_KM)) out.add(m.code);
  }
  return out;
}

/** Labour-market area (FA region) of each municipality: the set of municipalities in the same FA region. */
export async function labourMarketAreas(q: Queryable): Promise<Map<string, Set<string>>> {
  const regions = await listGeographies(q, { type: 'fa' });
  const out = new Map<string, Set<string>>();
  const memberLists = await Promise.all(regions.map((r) => resolveMunicipalityCodes(q, r.id)));
  for (const members of memberLists) {
    const set = new Set(members);
    for (const m of members) out.set(m, set);
  }
  return out;
}

/** Applications of a YH round (default 2024) with the municipalities they concern. */
export async function yhApplicationsOf(q: Queryable, year: number) {
  const [applications, multi] = await Promise.all([
    selectApplications(q, year),
    selectApplicationMunicipalities(q),
  ]);
  const multiOf = new Map<string, string[]>();
  for (const m of multi)
    multiOf.set(m.applicationId, [...(multiOf.get(m.applicationId) ?? []), m.municipalityCode]);
  return applications.map((a) => ({
    ...a,
    municipalityCodes: a.municipalityCode ? [a.municipalityCode] : (multiOf.get(a.id) ?? []),
  }));
}

/** SSYK groups of a SUN code by AF's key (for applications and offers that carry a SUN code). */
export async function keyBySun(q: Queryable): Promise<Map<string, string[]>> {
  const rows = await selectKeySun(q);
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.sunCode, [...new Set([...(out.get(r.sunCode) ?? []), r.ssyk])]);
  return out;
}

export { loadCatalogue as offerCatalogue };
