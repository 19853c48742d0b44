import { z } from 'zod/mini';
import { SERVICE_CODES, type ServiceCode } from '../../core/learning-centres/services.js';
import { formatGeoId, parseGeoId } from '../search.js';

/**
 * URL state of the learning-centre pages. The list keeps its filters in `?service=a,b&evenings=true&weekends=true`
 * (plus the shared `geo`); the reach page keeps `?points=places&planned=true`. Wrong values are dropped, not errors.
 */

// The router JSON-parses query values: `true` arrives as a boolean, a lone code as a string.
const flag = z.catch(z.optional(z.boolean()), undefined);

export const listSearchSchema = z.object({
  service: z.catch(z.optional(z.string().check(z.trim(), z.maxLength(400))), undefined),
  evenings: flag,
  weekends: flag,
});

export type ListSearch = z.infer<typeof listSearchSchema>;

export const reachSearchSchema = z.object({
  points: z.catch(z.optional(z.enum(['postal', 'places'])), undefined),
  planned: flag,
});

export type ReachSearch = z.infer<typeof reachSearchSchema>;

/** Service codes of a `service` parameter, in vocabulary order, unknown codes dropped. */
export function parseServiceParam(value: string | undefined): ServiceCode[] {
  const wanted = new Set((value ?? '').split(',').map((s) => s.trim()));
  return SERVICE_CODES.filter((code) => wanted.has(code));
}

/** The `service` parameter for a set of codes (undefined when empty, so it leaves the URL). */
export function serviceParam(codes: readonly ServiceCode[]): string | undefined {
  const ordered = SERVICE_CODES.filter((code) => codes.includes(code));
  return ordered.length > 0 ? ordered.join(',') : undefined;
}

/** Toggles one code in a `service` parameter. */
export function toggleService(value: string | undefined, code: ServiceCode, on: boolean): string | undefined {
  const current = parseServiceParam(value);
  return serviceParam(on ? [...current, code] : current.filter((c) => c !== code));
}

/** The API filter of the list page's URL state (invalid geography ids are left out). */
export function listFilterOf(search: ListSearch & { geo?: string }): {
  geo: string | undefined;
  services: ServiceCode[];
  evenings: boolean;
  weekends: boolean;
} {
  const geo = parseGeoId(search.geo);
  return {
    geo: geo ? formatGeoId(geo) : undefined,
    services: parseServiceParam(search.service),
    evenings: search.evenings === true,
    weekends: search.weekends === true,
  };
}
