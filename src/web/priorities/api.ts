import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  publishedSummarySchema,
  roundDetailSchema,
  roundSummarySchema,
} from '../../modules/prioritisation/prioritisation.schemas.js';
import { apiGet } from '../api.js';

/** The prioritisation workflow API for the workshop and voting pages (issue 12). Writes use `apiSend`. */

export type RoundSummaryJson = z.infer<typeof roundSummarySchema>;
export type RoundDetailJson = z.infer<typeof roundDetailSchema>;
export type CandidateJson = RoundDetailJson['candidates'][number];
export type PublishedSummaryJson = z.infer<typeof publishedSummarySchema>;

export const BANDS = ['4', '5-6', '6-8'] as const;
export const VOTES = ['agree', 'disagree', 'not_relevant'] as const;
export type Vote = (typeof VOTES)[number];

export const roundsQuery = (regionId: string) =>
  queryOptions({
    queryKey: ['prioritisations', regionId],
    queryFn: ({ signal }) =>
      apiGet<{ region: string; rounds: RoundSummaryJson[]; published: PublishedSummaryJson[] }>(
        `/api/prioritisations?region=${encodeURIComponent(regionId)}`,
        { signal },
      ),
  });

export const roundQuery = (id: string) =>
  queryOptions({
    queryKey: ['prioritisation', id],
    queryFn: ({ signal }) =>
      apiGet<RoundDetailJson>(`/api/prioritisations/${encodeURIComponent(id)}`, { signal }),
  });

/** Where a decision departs from the draft or the municipalities' majority (as src/core/prioritisation/decision.ts). */
export function departuresOf(
  include: boolean,
  proposed: boolean,
  majority: 'include' | 'exclude' | null,
): Array<'draft' | 'majority'> {
  const out: Array<'draft' | 'majority'> = [];
  if (include !== proposed) out.push('draft');
  if (majority !== null && include !== (majority === 'include')) out.push('majority');
  return out;
}

/** The occupational fields (AF yrkesområden): the keys of the strategic weights besides SSYK codes. */
export interface OccupationFieldJson {
  id: string;
  nameSv: string;
  nameEn: string;
  groupCount: number;
}

// Same key and URL as the signal pages' queries, so the cache is shared when the user comes from there.
export const occupationFieldsQuery = queryOptions({
  queryKey: ['occupation-fields'],
  queryFn: ({ signal }) => apiGet<{ fields: OccupationFieldJson[] }>('/api/occupation-fields', { signal }),
  staleTime: 10 * 60_000,
});

/** The parts of GET /api/occupations/{ssyk} the strategic weights show: name and field. */
export interface OccupationNameJson {
  ssyk: string;
  labelSv: string;
  labelEn: string | null;
  field: { id: string; nameSv: string; nameEn: string } | null;
}

export const occupationNameQuery = (ssyk: string) =>
  queryOptions({
    queryKey: ['occupation', ssyk],
    queryFn: ({ signal }) =>
      apiGet<OccupationNameJson>(`/api/occupations/${encodeURIComponent(ssyk)}`, { signal }),
    staleTime: 10 * 60_000,
  });

/** A strategic-weight key is an SSYK-4 code (four digits) or an occupational field id. */
export const isOccupationKey = (key: string): boolean => /^\d{4}$/.test(key);

/**
 * Where an occupation's strategic value comes from, as the draft applies it (src/modules/prioritisation/
 * draft.service.ts): its own weight, else its field's, else none (0).
 */
export function strategicSource(
  strategic: Readonly<Record<string, number>>,
  ssyk: string,
  fieldId: string | null,
): 'occupation' | 'field' | 'none' {
  if (strategic[ssyk] !== undefined) return 'occupation';
  if (fieldId && strategic[fieldId] !== undefined) return 'field';
  return 'none';
}

/** A weight typed in Swedish or English (`0,5` or `0.5`): the number, or null when it is not a number 0–1. */
export function parseWeight(text: string): number | null {
  const raw = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(raw)) return null;
  const v = Number(raw);
  return v >= 0 && v <= 1 ? v : null;
}
