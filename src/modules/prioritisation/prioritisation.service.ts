import type { Queryable } from '../../db/client.js';
import { type DraftQuery, draftPriorities as draftFromSignals, type PriorityDraft } from './draft.service.js';

/**
 * The prioritisation module's service (the contract other modules call): the draft list of a region and, once
 * published, its lists.
 */

export type { PriorityDraft } from './draft.service.js';

/** The draft list of a region (`county:NN`) in a signal round, with the region's settings. */
export async function draftPriorities(
  q: Queryable,
  query: Pick<DraftQuery, 'geo' | 'round' | 'employerNeeds'>,
): Promise<PriorityDraft> {
  return draftFromSignals(q, query);
}
