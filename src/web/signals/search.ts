import type { SortingState } from '@tanstack/react-table';
import { z } from 'zod/mini';
import { SIGNAL_CLASSES } from '../../core/signals/types.js';

/**
 * URL state of the signal pages (validated with zod; a bad value is dropped instead of failing the page).
 * `geo` is validated by the root route and kept across pages.
 */

/** A geography id as the signal pages accept it: `county:21`, `fa:36`, `municipality:2180`, `country:SE`, `area:x`. */
export const GEO_ID = /^(country|county|municipality|fa|area):[A-Za-z0-9_-]{1,60}$/;

// The router JSON-parses query values (`?round=18` → 18): accept numbers and keep them as text.
// (z.pipe(z.transform(…), …) is what classic zod's preprocess builds; zod/mini spells it out.)
const numberAsText = z.transform((value: unknown) => (typeof value === 'number' ? String(value) : value));
const text = (max: number) =>
  z.catch(
    z.optional(z.pipe(numberAsText, z.string().check(z.trim(), z.minLength(1), z.maxLength(max)))),
    undefined,
  );

/** A value that may be left out, dropped (undefined) when it is wrong. */
const lenient = <T extends z.ZodMiniType>(schema: T) => z.catch(z.optional(schema), undefined);

const classParam = lenient(z.enum(SIGNAL_CLASSES as [string, ...string[]]));
const seqfParam = lenient(z.enum(['6-8', '5-6', '4', 'none', 'unknown']));
const mapTypeParam = lenient(z.enum(['county', 'fa', 'municipality']));
/** The signal method (docs/method-v2.md). Left out means v1, the default; an unknown value is dropped (→ v1). */
export const SIGNAL_METHODS = ['v1', 'v2'] as const;
export type SignalMethod = (typeof SIGNAL_METHODS)[number];
const methodParam = lenient(z.enum(SIGNAL_METHODS));

export const signalsSearchSchema = z.object({
  round: text(32),
  field: text(80),
  seqf: seqfParam,
  class: classParam,
  q: text(100),
  /** Column id, `-` first for descending: `-employees`. */
  sort: text(40),
  view: lenient(z.enum(['table', 'grouped'])),
  method: methodParam,
});
export type SignalsSearch = z.infer<typeof signalsSearchSchema>;

export const occupationSearchSchema = z.object({
  round: text(32),
  map: mapTypeParam,
  method: methodParam,
});
export type OccupationSearch = z.infer<typeof occupationSearchSchema>;

export const mapSearchSchema = z.object({
  ssyk: lenient(z.pipe(numberAsText, z.string().check(z.regex(/^\d{4}$/)))),
  field: text(80),
  type: mapTypeParam,
  round: text(32),
});
export type MapSearch = z.infer<typeof mapSearchSchema>;

/** `-employees` → [{ id: 'employees', desc: true }]; unknown columns are dropped. */
export function parseSort(sort: string | undefined, columns: readonly string[]): SortingState {
  if (!sort) return [];
  const desc = sort.startsWith('-');
  const id = desc ? sort.slice(1) : sort;
  return columns.includes(id) ? [{ id, desc }] : [];
}

/** The inverse of parseSort. */
export function formatSort(sorting: SortingState): string | undefined {
  const first = sorting[0];
  if (!first) return undefined;
  return first.desc ? `-${first.id}` : first.id;
}
