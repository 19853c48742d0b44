import type { Queryable } from '../../db/client.js';
import { AppError, notFound } from '../../errors.js';
import { type AuditContext, recordAudit } from '../audit/audit.service.js';
import {
  bumpAreaVersion,
  deleteArea,
  deleteAreaOwner,
  insertArea,
  insertAreaOwner,
  selectAreaMembers,
  selectAreaOwner,
  selectAreaOwners,
  selectAreas,
  selectGeographyById,
  selectMunicipalities,
  selectRegionBrokers,
  setBrokerAreas,
  updateAreaRow,
} from './areas.repo.js';

/**
 * Custom labour-market areas (e.g. Gävleborg's four Semaforen areas): any set of municipalities, stored as a
 * geography of type 'area' with id `area:<slug>`. The geo import never touches them; signals are computed for
 * them by aggregating their members.
 */

export interface Area {
  id: string;
  name: string;
  parentId: string | null;
  members: Array<{ code: string; name: string | null }>;
  /** The region that edits the area (null for areas made by the CLI across county borders). */
  regionId: string | null;
  /** Version for optimistic concurrency: PATCH and DELETE send the version they read. */
  version: number | null;
}

const collator = new Intl.Collator('sv');

/** URL-safe slug of a Swedish name: "Södra Hälsingland" → "sodra-halsingland". */
export function slugify(name: string): string {
  return name
    .toLocaleLowerCase('sv')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Parses "2121,2182, 2183" into distinct four-digit codes. */
export function parseMunicipalityCodes(text: string): string[] {
  const codes = text
    .split(/[\s,;]+/)
    .map((c) => c.trim())
    .filter(Boolean);
  const bad = codes.filter((c) => !/^\d{4}$/.test(c));
  if (bad.length > 0) {
    throw new AppError('validation_failed', `Kommunkoder ska vara fyra siffror: ${bad.join(', ')}`, {
      codes: bad,
    });
  }
  return [...new Set(codes)];
}

export async function listAreas(q: Queryable): Promise<Area[]> {
  const areas = await selectAreas(q);
  const owners = new Map((await selectAreaOwners(q)).map((o) => [o.areaId, o]));
  const members = await selectAreaMembers(
    q,
    areas.map((a) => a.id),
  );
  const names = new Map(
    (await selectMunicipalities(q, [...new Set(members.map((m) => m.code))])).map((m) => [m.code, m.name]),
  );
  return areas
    .map((a) => ({
      id: a.id,
      name: a.name,
      parentId: a.parentId,
      members: members
        .filter((m) => m.areaId === a.id)
        .map((m) => ({ code: m.code, name: names.get(m.code) ?? null }))
        .sort((x, y) => (x.code < y.code ? -1 : 1)),
      regionId: owners.get(a.id)?.regionId ?? null,
      version: owners.get(a.id)?.version ?? null,
    }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

/** Creates an area from a name and municipality codes; the parent is the common county, else the country. */
export async function addArea(
  q: Queryable,
  input: { name: string; municipalities: string[]; slug?: string },
): Promise<Area> {
  const name = input.name.trim();
  if (!name) throw new AppError('validation_failed', 'Området behöver ett namn');
  const slug = input.slug ? slugify(input.slug) : slugify(name);
  if (!slug) throw new AppError('validation_failed', `Kan inte bilda en id av namnet "${name}"`);
  const codes = [...new Set(input.municipalities)];
  if (codes.length === 0) throw new AppError('validation_failed', 'Området behöver minst en kommun');
  const found = await selectMunicipalities(q, codes);
  const known = new Set(found.map((m) => m.code));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length > 0) {
    throw new AppError('validation_failed', `Okända kommunkoder: ${unknown.join(', ')}`, { unknown });
  }
  const id = `area:${slug}`;
  if (await selectGeographyById(q, id)) throw new AppError('conflict', `Området finns redan: ${id}`, { id });
  const counties = new Set(found.map((m) => m.parentId));
  const parentId = counties.size === 1 ? ([...counties][0] ?? 'country:SE') : 'country:SE';
  await insertArea(q, { id, code: slug, name, parentId }, codes);
  const area = (await listAreas(q)).find((a) => a.id === id);
  if (!area) throw new AppError('internal', 'Området sparades inte');
  return area;
}

export async function removeArea(q: Queryable, id: string): Promise<void> {
  const areaId = id.startsWith('area:') ? id : `area:${slugify(id)}`;
  if (!(await deleteArea(q, areaId))) throw notFound('Område', areaId);
  await deleteAreaOwner(q, areaId);
}

/** Who may write an area: the caller's regions where they are admin or strateg. */
export interface AreaWriter {
  regions: ReadonlySet<string>;
  audit: AuditContext;
}

const auditView = (a: Area) => ({
  name: a.name,
  municipalities: a.members.map((m) => m.code),
  version: a.version,
});

/** Checks a region-owned area's municipalities: known, and all in the region's county. */
async function checkMunicipalities(
  q: Queryable,
  regionId: string,
  municipalities: string[],
): Promise<string[]> {
  const codes = [...new Set(municipalities)];
  if (codes.length === 0) throw new AppError('validation_failed', 'Området behöver minst en kommun');
  const found = await selectMunicipalities(q, codes);
  const unknown = codes.filter((c) => !found.some((m) => m.code === c));
  if (unknown.length > 0) {
    throw new AppError('validation_failed', `Okända kommunkoder: ${unknown.join(', ')}`, { unknown });
  }
  const outside = found.filter((m) => m.parentId !== regionId).map((m) => m.code);
  if (outside.length > 0) {
    throw new AppError('validation_failed', `Kommunerna ligger utanför regionen: ${outside.join(', ')}`, {
      outside,
      regionId,
    });
  }
  return codes;
}

/** Creates an area owned by a region (API): its municipalities must lie in the region; audited. */
export async function createRegionArea(
  q: Queryable,
  input: { name: string; municipalities: string[]; regionId: string },
  writer: AreaWriter,
  now: Date,
): Promise<Area> {
  if (!writer.regions.has(input.regionId)) {
    throw new AppError('forbidden', 'Du kan bara skapa områden i din egen region', {
      regionId: input.regionId,
    });
  }
  const codes = await checkMunicipalities(q, input.regionId, input.municipalities);
  return q.transaction(async (tx) => {
    const area = await addArea(tx, { name: input.name, municipalities: codes });
    await insertAreaOwner(tx, area.id, input.regionId, now);
    const owned = { ...area, regionId: input.regionId, version: 1 };
    await recordAudit(
      tx,
      writer.audit,
      {
        regionId: input.regionId,
        entityType: 'area',
        entityId: area.id,
        action: 'create',
        before: null,
        after: auditView(owned),
      },
      now,
    );
    return owned;
  });
}

/** The area when the writer may change it: 404 when it does not exist, 403 when another region owns it. */
async function ownedArea(
  q: Queryable,
  id: string,
  writer: AreaWriter,
): Promise<Area & { regionId: string; version: number }> {
  const area = (await listAreas(q)).find((a) => a.id === id);
  if (!area) throw notFound('Område', id);
  // Areas are public, so saying that it exists but is not yours reveals nothing: 403.
  if (area.regionId === null || area.version === null || !writer.regions.has(area.regionId)) {
    throw new AppError('forbidden', 'Området hör till en annan region', { id });
  }
  return { ...area, regionId: area.regionId, version: area.version };
}

function stale(area: { id: string; version: number }): AppError {
  return new AppError('conflict', 'Området har ändrats av någon annan sedan du läste det', {
    id: area.id,
    currentVersion: area.version,
  });
}

/** Renames an area and/or replaces its municipalities; `version` must be the current one (else 409). */
export async function updateRegionArea(
  q: Queryable,
  id: string,
  input: { version: number; name?: string; municipalities?: string[]; brokers?: string[] },
  writer: AreaWriter,
  now: Date,
): Promise<Area> {
  const before = await ownedArea(q, id, writer);
  const brokersBefore = await selectRegionBrokers(q, before.regionId);
  const assignedBefore = brokersBefore
    .filter((b) => b.areas.includes(id))
    .map((b) => b.userId)
    .sort();
  if (input.brokers) {
    const known = new Set(brokersBefore.map((b) => b.userId));
    const unknown = input.brokers.filter((u) => !known.has(u));
    if (unknown.length > 0) {
      throw new AppError('validation_failed', 'Bara regionens kompetensmäklare kan tilldelas området', {
        unknown,
      });
    }
  }
  if (input.version !== before.version) throw stale(before);
  const name = input.name === undefined ? before.name : input.name.trim();
  if (!name) throw new AppError('validation_failed', 'Området behöver ett namn');
  const codes =
    input.municipalities === undefined
      ? before.members.map((m) => m.code)
      : await checkMunicipalities(q, before.regionId, input.municipalities);
  return q.transaction(async (tx) => {
    if (!(await bumpAreaVersion(tx, id, input.version, now))) {
      const current = await selectAreaOwner(tx, id);
      throw stale({ id, version: current?.version ?? before.version });
    }
    await updateAreaRow(tx, id, name, codes);
    const assigned = input.brokers ? [...new Set(input.brokers)].sort() : assignedBefore;
    if (input.brokers) {
      for (const broker of brokersBefore) {
        const has = broker.areas.includes(id);
        const wants = assigned.includes(broker.userId);
        if (has !== wants) {
          const areas = wants ? [...broker.areas, id] : broker.areas.filter((a) => a !== id);
          await setBrokerAreas(tx, before.regionId, broker.userId, areas);
        }
      }
    }
    const after = (await listAreas(tx)).find((a) => a.id === id);
    if (!after) throw new AppError('internal', 'Området sparades inte');
    await recordAudit(
      tx,
      writer.audit,
      {
        regionId: before.regionId,
        entityType: 'area',
        entityId: id,
        action: 'update',
        before: { ...auditView(before), brokers: assignedBefore },
        after: { ...auditView(after), brokers: assigned },
      },
      now,
    );
    return after;
  });
}

/** Deletes a region's area; with `version`, only when it is still the current one. */
export async function deleteRegionArea(
  q: Queryable,
  id: string,
  input: { version?: number },
  writer: AreaWriter,
  now: Date,
): Promise<void> {
  const before = await ownedArea(q, id, writer);
  if (input.version !== undefined && input.version !== before.version) throw stale(before);
  await q.transaction(async (tx) => {
    if (input.version !== undefined && !(await bumpAreaVersion(tx, id, input.version, now)))
      throw stale(before);
    await deleteArea(tx, id);
    await deleteAreaOwner(tx, id);
    await recordAudit(
      tx,
      writer.audit,
      {
        regionId: before.regionId,
        entityType: 'area',
        entityId: id,
        action: 'delete',
        before: auditView(before),
        after: null,
      },
      now,
    );
  });
}
