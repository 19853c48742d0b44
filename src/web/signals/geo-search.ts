import { foldText } from './table-data.js';

/**
 * Search for the area picker: by name, short name or code; a municipality also brings the county it lies in
 * (and custom areas that contain it when their members are known), so "Bollnäs" finds Gävleborgs län too.
 * Pure, so the ranking is tested without a browser.
 */

export interface GeoLike {
  id: string;
  type: string;
  code: string;
  name: string;
  shortName: string;
  parentId: string | null;
}

export interface GeoHit {
  geo: GeoLike;
  /** Set when the hit came through a member municipality (its name). */
  via?: string;
}

const TYPE_ORDER = ['country', 'county', 'fa', 'area', 'municipality'];

/** Types the signal pages can show (signals are computed for these). */
export const SIGNAL_GEO_TYPES = new Set(['country', 'county', 'fa', 'municipality', 'area']);

/**
 * Ranked hits for a query: prefix matches of the name before other matches, then by type (country, county, FA
 * region, custom area, municipality) and name. Empty query → the country and the counties.
 * `members` (optional) maps area ids to member municipality ids.
 */
export function searchGeographies(
  geographies: readonly GeoLike[],
  query: string,
  options: { limit?: number; members?: ReadonlyMap<string, readonly string[]>; language?: 'sv' | 'en' } = {},
): GeoHit[] {
  const limit = options.limit ?? 30;
  const collator = new Intl.Collator(options.language === 'en' ? 'en' : 'sv');
  const q = foldText(query);
  const usable = geographies.filter((g) => SIGNAL_GEO_TYPES.has(g.type));
  if (!q) {
    return usable
      .filter((g) => g.type === 'country' || g.type === 'county')
      .sort(
        (a, b) => TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type) || collator.compare(a.name, b.name),
      )
      .map((geo) => ({ geo }));
  }
  const byId = new Map(usable.map((g) => [g.id, g]));
  const scored = new Map<string, { hit: GeoHit; rank: number }>();
  const add = (geo: GeoLike, rank: number, via?: string): void => {
    const existing = scored.get(geo.id);
    if (!existing || rank < existing.rank) scored.set(geo.id, { hit: via ? { geo, via } : { geo }, rank });
  };
  for (const geo of usable) {
    const name = foldText(geo.name);
    const short = foldText(geo.shortName);
    let rank: number | undefined;
    if (short === q || name === q) rank = 0;
    else if (short.startsWith(q) || name.startsWith(q)) rank = 1;
    else if (name.split(/[\s-]/).some((word) => word.startsWith(q))) rank = 2;
    else if (name.includes(q) || geo.code === q || geo.id === q) rank = 3;
    if (rank === undefined) continue;
    add(geo, rank);
    if (geo.type === 'municipality') {
      // The county of a matching municipality, and custom areas it belongs to.
      const county = geo.parentId ? byId.get(geo.parentId) : undefined;
      if (county) add(county, rank + 1, geo.shortName);
      for (const [areaId, memberIds] of options.members ?? []) {
        const area = byId.get(areaId);
        if (area && memberIds.includes(geo.id)) add(area, rank + 1, geo.shortName);
      }
    }
  }
  return [...scored.values()]
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        TYPE_ORDER.indexOf(a.hit.geo.type) - TYPE_ORDER.indexOf(b.hit.geo.type) ||
        collator.compare(a.hit.geo.name, b.hit.geo.name),
    )
    .slice(0, limit)
    .map((s) => s.hit);
}
