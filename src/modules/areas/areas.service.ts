import type { Queryable } from '../../db/client.js';
import { AppError, notFound } from '../../errors.js';
import {
  deleteArea,
  insertArea,
  selectAreaMembers,
  selectAreas,
  selectGeographyById,
  selectMunicipalities,
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
}
