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
