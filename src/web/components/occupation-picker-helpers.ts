import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { MatchCandidate } from '../../core/occupation-match/index.js';
import { apiGet } from '../api.js';

/** One result of GET /api/occupations/search. */
export type OccupationCandidateJson = MatchCandidate;

export interface OccupationSearchJson {
  query: string;
  count: number;
  results: OccupationCandidateJson[];
}

/** A chosen occupation: SSYK-4 code and the label shown on its chip. */
export interface PickedOccupation {
  ssyk: string;
  label: string;
}

/** Results shown in the list; the API allows up to 50. */
export const PICKER_RESULT_LIMIT = 12;

/** What the user typed, trimmed and with runs of spaces collapsed, so "sjuk  " and "sjuk" share one request. */
export function pickerQueryText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The search request for the picker (TanStack Query); disabled for an empty query. */
export function occupationSearchQuery(text: string, limit = PICKER_RESULT_LIMIT) {
  const q = pickerQueryText(text);
  return queryOptions({
    queryKey: ['occupation-search', q, limit],
    queryFn: ({ signal }) =>
      apiGet<OccupationSearchJson>(`/api/occupations/search?q=${encodeURIComponent(q)}&limit=${limit}`, {
        signal,
      }),
    enabled: q !== '',
    // Keep the previous list while the next keystroke's answer is on its way (no flicker).
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

/** Adds an occupation (no duplicates, at most `max`); returns the same array when nothing changes. */
export function addPicked(
  picked: readonly PickedOccupation[],
  next: PickedOccupation,
  max = Number.POSITIVE_INFINITY,
): readonly PickedOccupation[] {
  if (picked.some((p) => p.ssyk === next.ssyk) || picked.length >= max) return picked;
  return [...picked, next];
}

/** Removes an occupation by code. */
export function removePicked(picked: readonly PickedOccupation[], ssyk: string): readonly PickedOccupation[] {
  return picked.filter((p) => p.ssyk !== ssyk);
}

/** The option to make active after an arrow key, Home or End (wrapping like most listboxes do). */
export function moveActive(
  current: number,
  key: 'ArrowDown' | 'ArrowUp' | 'Home' | 'End',
  count: number,
): number {
  if (count <= 0) return -1;
  switch (key) {
    case 'ArrowDown':
      return current < 0 || current >= count - 1 ? 0 : current + 1;
    case 'ArrowUp':
      return current <= 0 ? count - 1 : current - 1;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
  }
}

/**
 * What an option says besides the group's label: the code, and the occupation name or keyword that matched when
 * it is not the label itself (so "Chaffis" → "Lastbilsförare m.fl." is understandable).
 */
export function candidateDetail(candidate: OccupationCandidateJson): {
  code: string;
  matched: string | null;
} {
  const matched =
    candidate.via === 'code' || candidate.matchedName === candidate.label ? null : candidate.matchedName;
  return { code: candidate.ssyk, matched };
}
