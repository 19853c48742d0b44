import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import {
  prioritisationDecisions,
  prioritisationProposals,
  prioritisationRounds,
  prioritisationSectorTexts,
  prioritisationSettings,
  prioritisationVersions,
  prioritisationVotes,
} from '../../db/schema/index.js';

/**
 * SQL of the prioritisation module. Region-scoped calls run inside withRegion (RLS on the acting region); the
 * public reads of published versions run as the app's owner.
 */

export type RoundRow = typeof prioritisationRounds.$inferSelect;
export type VoteRow = typeof prioritisationVotes.$inferSelect;
export type ProposalRow = typeof prioritisationProposals.$inferSelect;
export type DecisionRow = typeof prioritisationDecisions.$inferSelect;
export type VersionRow = typeof prioritisationVersions.$inferSelect;
export type SettingsRow = typeof prioritisationSettings.$inferSelect;

export async function selectSettings(q: Queryable, regionId: string): Promise<SettingsRow | undefined> {
  const [row] = await q
    .select()
    .from(prioritisationSettings)
    .where(eq(prioritisationSettings.regionId, regionId));
  return row;
}

export async function insertSettings(
  q: Queryable,
  row: typeof prioritisationSettings.$inferInsert,
): Promise<void> {
  await q.insert(prioritisationSettings).values(row);
}

/** Updates the settings when `version` is current; false when it is stale. */
export async function updateSettings(
  q: Queryable,
  regionId: string,
  version: number,
  values: Pick<SettingsRow, 'weights' | 'listSize' | 'strategic'>,
  now: Date,
): Promise<boolean> {
  const rows = await q
    .update(prioritisationSettings)
    .set({ ...values, version: version + 1, updatedAt: now })
    .where(and(eq(prioritisationSettings.regionId, regionId), eq(prioritisationSettings.version, version)))
    .returning({ regionId: prioritisationSettings.regionId });
  return rows.length === 1;
}

export async function selectRounds(q: Queryable, regionId: string): Promise<RoundRow[]> {
  return q
    .select()
    .from(prioritisationRounds)
    .where(eq(prioritisationRounds.regionId, regionId))
    .orderBy(desc(prioritisationRounds.year));
}

export async function selectRound(q: Queryable, id: string): Promise<RoundRow | undefined> {
  const [row] = await q.select().from(prioritisationRounds).where(eq(prioritisationRounds.id, id));
  return row;
}

export async function selectRoundOfYear(
  q: Queryable,
  regionId: string,
  year: number,
): Promise<RoundRow | undefined> {
  const [row] = await q
    .select()
    .from(prioritisationRounds)
    .where(and(eq(prioritisationRounds.regionId, regionId), eq(prioritisationRounds.year, year)));
  return row;
}

export async function insertRound(
  q: Queryable,
  row: typeof prioritisationRounds.$inferInsert,
): Promise<void> {
  await q.insert(prioritisationRounds).values(row);
}

/** Bumps the round's version (and sets the state) when `version` is current; false when stale. */
export async function bumpRound(
  q: Queryable,
  id: string,
  version: number,
  values: { state?: string; consultationDeadline?: string | null },
  now: Date,
): Promise<boolean> {
  const rows = await q
    .update(prioritisationRounds)
    .set({ ...values, version: version + 1, updatedAt: now })
    .where(and(eq(prioritisationRounds.id, id), eq(prioritisationRounds.version, version)))
    .returning({ id: prioritisationRounds.id });
  return rows.length === 1;
}

export async function selectVotes(q: Queryable, roundId: string): Promise<VoteRow[]> {
  return q
    .select()
    .from(prioritisationVotes)
    .where(eq(prioritisationVotes.roundId, roundId))
    .orderBy(asc(prioritisationVotes.municipalityId), asc(prioritisationVotes.ssyk));
}

/** Inserts or replaces the municipality's votes on the given candidates. */
export async function upsertVotes(
  q: Queryable,
  rows: Array<typeof prioritisationVotes.$inferInsert>,
): Promise<void> {
  if (rows.length === 0) return;
  await q
    .insert(prioritisationVotes)
    .values(rows)
    .onConflictDoUpdate({
      target: [prioritisationVotes.roundId, prioritisationVotes.municipalityId, prioritisationVotes.ssyk],
      set: {
        vote: sql`excluded.vote`,
        comment: sql`excluded.comment`,
        votedBy: sql`excluded.voted_by`,
        votedAt: sql`excluded.voted_at`,
      },
    });
}

export async function selectProposals(q: Queryable, roundId: string): Promise<ProposalRow[]> {
  return q
    .select()
    .from(prioritisationProposals)
    .where(eq(prioritisationProposals.roundId, roundId))
    .orderBy(asc(prioritisationProposals.proposedAt));
}

export async function upsertProposal(
  q: Queryable,
  row: typeof prioritisationProposals.$inferInsert,
): Promise<void> {
  await q
    .insert(prioritisationProposals)
    .values(row)
    .onConflictDoUpdate({
      target: [
        prioritisationProposals.roundId,
        prioritisationProposals.municipalityId,
        prioritisationProposals.ssyk,
      ],
      set: {
        reason: sql`excluded.reason`,
        proposedBy: sql`excluded.proposed_by`,
        proposedAt: sql`excluded.proposed_at`,
      },
    });
}

export async function selectDecisions(q: Queryable, roundId: string): Promise<DecisionRow[]> {
  return q
    .select()
    .from(prioritisationDecisions)
    .where(eq(prioritisationDecisions.roundId, roundId))
    .orderBy(asc(prioritisationDecisions.ssyk));
}

export async function upsertDecisions(
  q: Queryable,
  rows: Array<typeof prioritisationDecisions.$inferInsert>,
): Promise<void> {
  if (rows.length === 0) return;
  await q
    .insert(prioritisationDecisions)
    .values(rows)
    .onConflictDoUpdate({
      target: [prioritisationDecisions.roundId, prioritisationDecisions.ssyk],
      set: {
        include: sql`excluded.include`,
        strategic: sql`excluded.strategic`,
        rationale: sql`excluded.rationale`,
        decidedBy: sql`excluded.decided_by`,
        decidedAt: sql`excluded.decided_at`,
      },
    });
}

/** Every published version of a region (all years), newest year and version first. */
export async function selectVersions(q: Queryable, regionId: string): Promise<VersionRow[]> {
  return q
    .select()
    .from(prioritisationVersions)
    .where(eq(prioritisationVersions.regionId, regionId))
    .orderBy(desc(prioritisationVersions.year), desc(prioritisationVersions.version));
}

/** Every published list (region × year) with when its newest version was published: the public index. */
export async function selectPublishedLists(
  q: Queryable,
): Promise<Array<{ regionId: string; year: number; publishedAt: Date }>> {
  return q
    .select({
      regionId: prioritisationVersions.regionId,
      year: prioritisationVersions.year,
      publishedAt: sql<Date>`max(${prioritisationVersions.publishedAt})`.mapWith((v) => new Date(v)),
    })
    .from(prioritisationVersions)
    .groupBy(prioritisationVersions.regionId, prioritisationVersions.year)
    .orderBy(asc(prioritisationVersions.regionId), desc(prioritisationVersions.year));
}

/** Inserts a new version; false when the (region, year, version) already exists (a concurrent publication). */
export async function insertVersion(
  q: Queryable,
  row: typeof prioritisationVersions.$inferInsert,
): Promise<boolean> {
  const rows = await q
    .insert(prioritisationVersions)
    .values(row)
    .onConflictDoNothing()
    .returning({ version: prioritisationVersions.version });
  return rows.length === 1;
}

// ---- sector pages -------------------------------------------------------------------------------------------------

export type SectorTextRow = typeof prioritisationSectorTexts.$inferSelect;

export async function selectSectorText(
  q: Queryable,
  regionId: string,
  fieldId: string,
): Promise<SectorTextRow | undefined> {
  const [row] = await q
    .select()
    .from(prioritisationSectorTexts)
    .where(
      and(eq(prioritisationSectorTexts.regionId, regionId), eq(prioritisationSectorTexts.fieldId, fieldId)),
    );
  return row;
}

export async function selectSectorTexts(q: Queryable, regionId: string): Promise<SectorTextRow[]> {
  return q
    .select()
    .from(prioritisationSectorTexts)
    .where(eq(prioritisationSectorTexts.regionId, regionId))
    .orderBy(asc(prioritisationSectorTexts.fieldId));
}

export async function insertSectorText(
  q: Queryable,
  row: typeof prioritisationSectorTexts.$inferInsert,
): Promise<void> {
  await q.insert(prioritisationSectorTexts).values(row);
}

/** Saves a narrative if `version` is still current; false when someone saved in between. */
export async function updateSectorText(
  q: Queryable,
  key: { regionId: string; fieldId: string; version: number },
  values: { textSv: string; textEn: string },
  now: Date,
): Promise<boolean> {
  const rows = await q
    .update(prioritisationSectorTexts)
    .set({ ...values, version: key.version + 1, updatedAt: now })
    .where(
      and(
        eq(prioritisationSectorTexts.regionId, key.regionId),
        eq(prioritisationSectorTexts.fieldId, key.fieldId),
        eq(prioritisationSectorTexts.version, key.version),
      ),
    )
    .returning({ regionId: prioritisationSectorTexts.regionId });
  return rows.length === 1;
}
