import type { Queryable } from '../../db/client.js';
import { selectVersions } from './prioritisation.repo.js';
import type { PublishedSummary } from './workflow.service.js';

/**
 * Every published version of a region for the operator's CLI (`semafor priorities list`): published lists are public,
 * so this read needs no account.
 */
export async function selectVersionsForCli(q: Queryable, region: string): Promise<PublishedSummary[]> {
  return (await selectVersions(q, region)).map((v) => ({
    regionId: v.regionId,
    year: v.year,
    version: v.version,
    origin: v.origin,
    title: v.title,
    changeNote: v.changeNote,
    publishedAt: v.publishedAt.toISOString(),
    count: v.rows.length,
  }));
}
