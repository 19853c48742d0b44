import { eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { occupationNameSynonyms, occupationNames, ssykGroups } from '../../db/schema/index.js';

/** SSYK-4 groups with their Swedish label. */
export async function listSsyk4Labels(q: Queryable): Promise<Array<{ ssyk: string; label: string }>> {
  return q
    .select({ ssyk: ssykGroups.code, label: ssykGroups.labelSv })
    .from(ssykGroups)
    .where(eq(ssykGroups.level, 4));
}

/** Every occupation name with its SSYK-4 code. */
export async function listOccupationNamesWithSsyk(
  q: Queryable,
): Promise<Array<{ ssyk: string; name: string }>> {
  return q.select({ ssyk: occupationNames.ssykCode, name: occupationNames.name }).from(occupationNames);
}

/** Keywords (synonyms) with the SSYK-4 code of each occupation name they point at. */
export async function listSynonymsWithSsyk(q: Queryable): Promise<Array<{ ssyk: string; label: string }>> {
  return q
    .select({ ssyk: occupationNames.ssykCode, label: occupationNameSynonyms.label })
    .from(occupationNameSynonyms)
    .innerJoin(occupationNames, eq(occupationNames.conceptId, occupationNameSynonyms.occupationNameId));
}

/** Codes of SSYK-4 groups with an occupation name that a keyword containing the folded text points at. */
export async function findGroupCodesBySynonym(q: Queryable, folded: string): Promise<string[]> {
  const rows = await q
    .selectDistinct({ code: occupationNames.ssykCode })
    .from(occupationNameSynonyms)
    .innerJoin(occupationNames, eq(occupationNames.conceptId, occupationNameSynonyms.occupationNameId))
    .where(sql`strpos(${occupationNameSynonyms.searchText}, ${folded}) > 0`);
  return rows.map((r) => r.code);
}
