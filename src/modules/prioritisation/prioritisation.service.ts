import type { Queryable } from '../../db/client.js';
import type { PriorityDraft } from './draft.service.js';
import { selectPublishedLists } from './prioritisation.repo.js';
import { draftWithSettings, publicList } from './workflow.service.js';

/**
 * The prioritisation module's service as other modules call it (contracts.md): the draft list of a region and its
 * published lists. The workflow (rounds, votes, decisions, publication) is in workflow.service.ts.
 */

export type { PriorityDraft } from './draft.service.js';
export * from './workflow.service.js';

/**
 * The draft list of a region (`county:NN`) in a signal round, with the region's saved settings. `employerNeeds`
 * (distinct employers with a recorded need per SSYK) is the seam for the needs register: without it the component
 * is left out.
 */
export async function draftPriorities(
  q: Queryable,
  query: { geo: string; round?: string; employerNeeds?: ReadonlyMap<string, number> },
): Promise<PriorityDraft> {
  return draftWithSettings(q, query);
}

/** The newest published version of a region's list (of `year`, else of the newest year), or null. */
export async function publishedPriorities(
  q: Queryable,
  query: { region: string; year?: number },
): Promise<{
  region: string;
  year: number;
  version: number;
  publishedAt: string;
  rows: Array<{ ssyk: string; name: string; seqfBand: '4' | '5-6' | '6-8'; field: string | null }>;
} | null> {
  const list = await publicList(q, query);
  if (!list) return null;
  return {
    region: list.region,
    year: list.year,
    version: list.version,
    publishedAt: list.publishedAt,
    rows: list.rows.map(({ ssyk, name, seqfBand, field }) => ({ ssyk, name, seqfBand, field })),
  };
}

/** Every published list (region × year) and when it last changed: public, for the sitemap and indexes. */
export async function publishedListIndex(
  q: Queryable,
): Promise<Array<{ region: string; year: number; publishedAt: Date }>> {
  return (await selectPublishedLists(q)).map((r) => ({
    region: r.regionId,
    year: r.year,
    publishedAt: r.publishedAt,
  }));
}
