import { type NeedCount, type PublicNeedCount, suppressNeedCount } from '../../core/cases/index.js';
import type { Queryable } from '../../db/client.js';
import { getGeography } from '../geographies/geographies.service.js';
import { selectNeedOccupationsInRange } from './needs.repo.js';

/**
 * Employer needs counted per occupation × geography, for the signals and the public occupation pages (contract 2 of
 * this round). A need with several occupations counts for each; a need counts in its municipality, every custom
 * area and FA region containing the municipality, and its county. Employers are counted once per cell.
 */
export type NeedGeoLevel = 'municipality' | 'area' | 'fa' | 'county';

export interface NeedCountRow extends NeedCount {
  ssyk: string;
  geoLevel: NeedGeoLevel;
  /** The geography's code: `2180`, `sodra-halsingland`, `36`, `21`. */
  geoCode: string;
  /** The geography's id: `municipality:2180`, `area:sodra-halsingland`, `fa:36`, `county:21`. */
  geoId: string;
}

export type PublicNeedCountRow = Omit<NeedCountRow, keyof NeedCount> & PublicNeedCount;

export interface NeedCountFilter {
  regionId?: string;
  /** ISO dates, inclusive. */
  since: string;
  until: string;
  ssyk?: string;
}

const LEVELS: readonly NeedGeoLevel[] = ['municipality', 'area', 'fa', 'county'];

/** The geographies a municipality counts in, by id. */
async function containing(q: Queryable, municipalityCodes: string[]) {
  const map = new Map<string, Array<{ id: string; code: string; level: NeedGeoLevel }>>();
  for (const code of municipalityCodes) {
    const geo = await getGeography(q, `municipality:${code}`).catch(() => null);
    const list: Array<{ id: string; code: string; level: NeedGeoLevel }> = [
      { id: `municipality:${code}`, code, level: 'municipality' },
    ];
    for (const g of geo?.memberOf ?? []) {
      if ((LEVELS as readonly string[]).includes(g.type) && g.type !== 'municipality') {
        list.push({ id: g.id, code: g.code, level: g.type as NeedGeoLevel });
      }
    }
    // A county is the municipality's parent even where no membership rows were imported.
    if (geo?.parentId?.startsWith('county:') && !list.some((g) => g.id === geo.parentId)) {
      list.push({ id: geo.parentId, code: geo.parentId.slice('county:'.length), level: 'county' });
    }
    map.set(code, list);
  }
  return map;
}

/** Internal counts (distinct employers, people, latest date) per occupation × geography; never public as such. */
export async function employerNeedCounts(q: Queryable, filter: NeedCountFilter): Promise<NeedCountRow[]> {
  const rows = (await selectNeedOccupationsInRange(q, filter)).filter(
    (r) => !filter.ssyk || r.ssyk === filter.ssyk,
  );
  const geos = await containing(q, [...new Set(rows.map((r) => r.municipalityCode))]);
  const cells = new Map<
    string,
    { row: Omit<NeedCountRow, keyof NeedCount>; employers: Set<string>; people: number; latest: string }
  >();
  for (const r of rows) {
    for (const g of geos.get(r.municipalityCode) ?? []) {
      const key = `${r.ssyk}|${g.id}`;
      let cell = cells.get(key);
      if (!cell) {
        cell = {
          row: { ssyk: r.ssyk, geoLevel: g.level, geoCode: g.code, geoId: g.id },
          employers: new Set(),
          people: 0,
          latest: r.recordedOn,
        };
        cells.set(key, cell);
      }
      // Employers are region-scoped rows: the same organisation in two regions counts as two only across regions.
      cell.employers.add(`${r.regionId}|${r.employerId}`);
      cell.people += r.people;
      if (r.recordedOn > cell.latest) cell.latest = r.recordedOn;
    }
  }
  return [...cells.values()]
    .map((c) => ({ ...c.row, employers: c.employers.size, people: c.people, latest: c.latest }))
    .sort(
      (a, b) =>
        a.ssyk.localeCompare(b.ssyk) ||
        LEVELS.indexOf(a.geoLevel) - LEVELS.indexOf(b.geoLevel) ||
        a.geoCode.localeCompare(b.geoCode),
    );
}

/** The same counts for public outputs: cells with fewer than 3 employers say only that ("färre än 3"). */
export async function publicNeedCounts(q: Queryable, filter: NeedCountFilter): Promise<PublicNeedCountRow[]> {
  return (await employerNeedCounts(q, filter)).map(({ employers, people, latest, ...row }) => ({
    ...row,
    ...suppressNeedCount({ employers, people, latest }),
  }));
}

/** The last 12 months up to `today` (ISO dates, inclusive), the window the indicator uses. */
export function lastTwelveMonths(today: string): { since: string; until: string } {
  const [y, m, d] = today.split('-');
  const since = new Date(Date.UTC(Number(y) - 1, Number(m) - 1, Number(d) + 1)).toISOString().slice(0, 10);
  return { since, until: today };
}
