import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  caseSchema,
  contactSchema,
  employerSchema,
  linkedOfferSchema,
  needSchema,
} from '../../modules/employer-needs/employer-needs.routes.js';
import { apiGet } from '../api.js';

/** The employer-needs API for the broker pages (issue 11). Writes use `apiSend` from the account API. */

export type EmployerJson = z.infer<typeof employerSchema>;
export type ContactJson = z.infer<typeof contactSchema>;
export type NeedJson = z.infer<typeof needSchema>;
export type CaseJson = z.infer<typeof caseSchema>;

export const CASE_STATUSES = [
  'new',
  'dialogue',
  'solution_proposed',
  'feedback_given',
  'closed',
  'withdrawn',
] as const;
export const OPEN_STATUSES = ['new', 'dialogue', 'solution_proposed', 'feedback_given'] as const;
export const HORIZONS = ['now', '1y', '1-3y', '3y+'] as const;
export const DIFFICULTIES = ['no_applicants', 'lacking_qualifications', 'not_suitable', 'other'] as const;
export const CHANNELS = [
  'company_visit',
  'business_breakfast',
  'business_office',
  'af_business_adviser',
  'politician',
  'other',
] as const;
export const SOLUTION_KINDS = [
  'education_offer',
  'learning_centre',
  'new_programme_yrkesvux',
  'new_programme_yh',
  'new_programme_contract',
  'validation',
  'af_recruitment',
  'not_education',
] as const;

const region = (r: string | undefined) => (r ? `region=${encodeURIComponent(r)}` : '');
const qs = (parts: string[]) => {
  const s = parts.filter(Boolean).join('&');
  return s ? `?${s}` : '';
};

export const casesQuery = (regionId: string | undefined) =>
  queryOptions({
    queryKey: ['cases', regionId ?? null],
    queryFn: ({ signal }) =>
      apiGet<{ regionId: string; today: string; cases: CaseJson[] }>(`/api/cases${qs([region(regionId)])}`, {
        signal,
      }),
  });

export const needsQuery = (regionId: string | undefined, from?: string) =>
  queryOptions({
    queryKey: ['employer-needs', regionId ?? null, from ?? null],
    queryFn: ({ signal }) =>
      apiGet<{ regionId: string; needs: NeedJson[] }>(
        `/api/employer-needs${qs([region(regionId), from ? `from=${from}` : ''])}`,
        { signal },
      ),
  });

export const caseQuery = (id: string) =>
  queryOptions({
    queryKey: ['case', id],
    queryFn: ({ signal }) => apiGet<CaseJson>(`/api/cases/${encodeURIComponent(id)}`, { signal }),
  });

export type LinkedOfferJson = z.infer<typeof linkedOfferSchema>;

/** Existing education offers for a case (its need's occupations, in the region or at a distance). */
export const caseOffersQuery = (id: string) =>
  queryOptions({
    queryKey: ['case', id, 'education-offers'],
    queryFn: ({ signal }) =>
      apiGet<{ caseId: string; regionId: string; offers: LinkedOfferJson[] }>(
        `/api/cases/${encodeURIComponent(id)}/education-offers`,
        { signal },
      ),
  });

export const employerQuery = (id: string) =>
  queryOptions({
    queryKey: ['employer', id],
    queryFn: ({ signal }) =>
      apiGet<EmployerJson & { contacts: ContactJson[] }>(`/api/employers/${encodeURIComponent(id)}`, {
        signal,
      }),
  });

export const employerNeedsQuery = (id: string) =>
  queryOptions({
    queryKey: ['employer-needs', 'employer', id],
    queryFn: ({ signal }) =>
      apiGet<{ regionId: string; needs: NeedJson[] }>(
        `/api/employer-needs?employer=${encodeURIComponent(id)}`,
        {
          signal,
        },
      ),
  });

export const employerSearchQuery = (q: string) =>
  queryOptions({
    queryKey: ['employers', q],
    queryFn: ({ signal }) =>
      apiGet<{ regionId: string; employers: EmployerJson[] }>(`/api/employers?q=${encodeURIComponent(q)}`, {
        signal,
      }),
  });

export interface OccupationHit {
  ssyk: string;
  labelSv: string;
  labelEn: string | null;
}

/** Occupation names and labels for SSYK codes (public list; cached for the session). */
export const occupationListQuery = queryOptions({
  queryKey: ['occupations', 'all'],
  queryFn: ({ signal }) => apiGet<{ results: OccupationHit[] }>('/api/occupations', { signal }),
  staleTime: Number.POSITIVE_INFINITY,
});

export interface MunicipalityJson {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
}

export const municipalitiesQuery = queryOptions({
  queryKey: ['geographies', 'municipality'],
  queryFn: ({ signal }) =>
    apiGet<{ geographies: MunicipalityJson[] }>('/api/geographies?type=municipality', { signal }),
  staleTime: Number.POSITIVE_INFINITY,
});

/** Today in Sweden as an ISO date (the default day a need was heard). */
export function swedishToday(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
}

/** The ISO date twelve months before `today`. */
export function yearBefore(today: string): string {
  const [y, m, d] = today.split('-');
  return `${Number(y) - 1}-${m}-${d}`;
}
