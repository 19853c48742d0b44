// zod/mini: the same zod core, tree-shakable; classic zod's method-chaining API pulls ~80 kB into the first view.
import { z } from 'zod/mini';

/**
 * Search parameters shared by every page, so a view's state lives in its URL and survives sharing and reloads.
 * `geo` names the geography a page shows (`country:SE`, `county:21`, `municipality:2180`, `fa:36`). It is kept as
 * given when moving between pages; pages parse it with parseGeoId and show a helpful message when it is wrong.
 */
export const appSearchSchema = z.object({
  // The router JSON-parses query values, so `?geo=21` arrives as a number; keep it as the text the user wrote.
  geo: z.catch(
    z.optional(
      z.pipe(
        z.transform((value: unknown) => (typeof value === 'number' ? String(value) : value)),
        z.string().check(z.trim(), z.minLength(1), z.maxLength(64)),
      ),
    ),
    undefined,
  ),
});

export type AppSearch = z.infer<typeof appSearchSchema>;

export type GeoType = 'country' | 'county' | 'municipality' | 'fa';

export interface GeoId {
  type: GeoType;
  /** The code as text, leading zeros kept (`0180`). */
  code: string;
}

const GEO_PATTERNS: Record<GeoType, RegExp> = {
  country: /^SE$/,
  county: /^\d{2}$/,
  municipality: /^\d{4}$/,
  fa: /^\d{1,2}$/,
};

/** Parses a geography id such as `county:21`; undefined when it is not well-formed (whether it exists is the API's call). */
export function parseGeoId(value: string | undefined): GeoId | undefined {
  if (!value) return undefined;
  const match = /^(country|county|municipality|fa):(.+)$/.exec(value.trim());
  if (!match) return undefined;
  const type = match[1] as GeoType;
  const code = match[2]!;
  return GEO_PATTERNS[type].test(code) ? { type, code } : undefined;
}

/** The id form of a geography, as used in URLs and the API. */
export function formatGeoId(geo: GeoId): string {
  return `${geo.type}:${geo.code}`;
}
