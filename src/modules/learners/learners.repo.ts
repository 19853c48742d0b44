import { and, asc, eq, gt, inArray, isNotNull, isNull, like, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import {
  centreGrantCosts,
  learnerSettings,
  learnerSurveys,
  learners,
  studyPlaceVisits,
} from '../../db/schema/index.js';

/** The only SQL of the learners module: learners, follow-up surveys, visit counts, grant costs, settings. */

export type LearnerRow = typeof learners.$inferSelect;
export type SurveyRow = typeof learnerSurveys.$inferSelect;
export type LearnerSettingsRow = typeof learnerSettings.$inferSelect;

export async function insertLearner(q: Queryable, row: typeof learners.$inferInsert): Promise<LearnerRow> {
  const [created] = await q.insert(learners).values(row).returning();
  return created as LearnerRow;
}

export async function selectLearner(q: Queryable, id: string): Promise<LearnerRow | undefined> {
  const [row] = await q.select().from(learners).where(eq(learners.id, id));
  return row;
}

/** A centre's learners, oldest start first. */
export async function selectLearners(q: Queryable, centreId: string): Promise<LearnerRow[]> {
  return q
    .select()
    .from(learners)
    .where(eq(learners.centreId, centreId))
    .orderBy(asc(learners.startDate), asc(learners.createdAt));
}

/** Updates a learner when the version matches (raising it); undefined when stale. */
export async function updateLearner(
  q: Queryable,
  id: string,
  version: number,
  values: Partial<LearnerRow>,
): Promise<LearnerRow | undefined> {
  const [row] = await q
    .update(learners)
    .set({ ...values, version: sql`${learners.version} + 1` })
    .where(and(eq(learners.id, id), eq(learners.version, version)))
    .returning();
  return row;
}

/** Deletes a learner and their survey (consent withdrawn). */
export async function deleteLearner(q: Queryable, id: string): Promise<boolean> {
  await q.delete(learnerSurveys).where(eq(learnerSurveys.learnerId, id));
  const rows = await q.delete(learners).where(eq(learners.id, id)).returning({ id: learners.id });
  return rows.length === 1;
}

/** Learners (of every region) finished and still holding a name or e-mail: candidates for anonymisation. */
export async function selectNamedFinishedLearners(q: Queryable) {
  return q
    .select({
      id: learners.id,
      centreId: learners.centreId,
      regionId: learners.regionId,
      completion: learners.completion,
      completionDate: learners.completionDate,
      email: learners.email,
      updatedAt: learners.updatedAt,
    })
    .from(learners)
    .where(and(isNull(learners.anonymisedAt), sql`${learners.completion} <> 'ongoing'`));
}

/** Removes name and e-mail (the statistical fields stay). */
export async function anonymiseLearners(q: Queryable, ids: readonly string[], now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await q
    .update(learners)
    .set({ name: null, email: null, anonymisedAt: now })
    .where(and(inArray(learners.id, [...ids]), isNull(learners.anonymisedAt)))
    .returning({ id: learners.id });
  return rows.length;
}

/** Completed learners (of every region) with an e-mail and no survey yet. */
export async function selectSurveyCandidates(q: Queryable) {
  return q
    .select({
      id: learners.id,
      centreId: learners.centreId,
      regionId: learners.regionId,
      email: learners.email,
      completion: learners.completion,
      completionDate: learners.completionDate,
      programme: learners.programme,
    })
    .from(learners)
    .leftJoin(learnerSurveys, eq(learnerSurveys.learnerId, learners.id))
    .where(and(eq(learners.completion, 'completed'), isNotNull(learners.email), isNull(learnerSurveys.id)));
}

/** Records a sent survey; false when the learner already has one (a concurrent job run). */
export async function insertSurvey(q: Queryable, row: typeof learnerSurveys.$inferInsert): Promise<boolean> {
  const rows = await q
    .insert(learnerSurveys)
    .values(row)
    .onConflictDoNothing({ target: learnerSurveys.learnerId })
    .returning({ id: learnerSurveys.id });
  return rows.length === 1;
}

export async function selectSurveyByToken(q: Queryable, tokenHash: string): Promise<SurveyRow | undefined> {
  const [row] = await q.select().from(learnerSurveys).where(eq(learnerSurveys.tokenHash, tokenHash));
  return row;
}

/**
 * Stores the answers when the link is still unused and unexpired: one conditional UPDATE, so two submissions of
 * the same link cannot both count. Undefined when the link was used or has expired.
 */
export async function answerSurvey(
  q: Queryable,
  tokenHash: string,
  now: Date,
  answers: { employed: boolean | null; workMunicipality: string | null; inOccupation: boolean | null },
): Promise<SurveyRow | undefined> {
  const [row] = await q
    .update(learnerSurveys)
    .set({ ...answers, answeredAt: now })
    .where(
      and(
        eq(learnerSurveys.tokenHash, tokenHash),
        isNull(learnerSurveys.answeredAt),
        gt(learnerSurveys.expiresAt, now),
      ),
    )
    .returning();
  return row;
}

/** The surveys of a centre's learners. */
export async function selectSurveys(q: Queryable, centreId: string): Promise<SurveyRow[]> {
  return q.select().from(learnerSurveys).where(eq(learnerSurveys.centreId, centreId));
}

export async function selectSurveyOf(q: Queryable, learnerId: string): Promise<SurveyRow | undefined> {
  const [row] = await q.select().from(learnerSurveys).where(eq(learnerSurveys.learnerId, learnerId));
  return row;
}

/** Visit counts of a centre in a year. */
export async function selectVisits(q: Queryable, centreId: string, year: number) {
  return q
    .select()
    .from(studyPlaceVisits)
    .where(and(eq(studyPlaceVisits.centreId, centreId), like(studyPlaceVisits.month, `${year}-%`)))
    .orderBy(asc(studyPlaceVisits.month));
}

/** Writes visit counts (a month × gender × age band replaces the earlier count). */
export async function upsertVisits(q: Queryable, rows: Array<typeof studyPlaceVisits.$inferInsert>) {
  if (rows.length === 0) return;
  await q
    .insert(studyPlaceVisits)
    .values(rows)
    .onConflictDoUpdate({
      target: [
        studyPlaceVisits.centreId,
        studyPlaceVisits.month,
        studyPlaceVisits.gender,
        studyPlaceVisits.ageBand,
      ],
      set: {
        visits: sql`excluded.visits`,
        source: sql`excluded.source`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

export async function selectCosts(q: Queryable, centreId: string, year: number) {
  return q
    .select()
    .from(centreGrantCosts)
    .where(and(eq(centreGrantCosts.centreId, centreId), eq(centreGrantCosts.year, year)))
    .orderBy(asc(centreGrantCosts.category));
}

/** Replaces a centre's costs of a year (the categories sent are the new set). */
export async function replaceCosts(
  q: Queryable,
  centreId: string,
  year: number,
  rows: Array<typeof centreGrantCosts.$inferInsert>,
) {
  await q
    .delete(centreGrantCosts)
    .where(and(eq(centreGrantCosts.centreId, centreId), eq(centreGrantCosts.year, year)));
  if (rows.length > 0) await q.insert(centreGrantCosts).values(rows);
}

export async function selectLearnerSettings(
  q: Queryable,
  centreId: string,
): Promise<LearnerSettingsRow | undefined> {
  const [row] = await q.select().from(learnerSettings).where(eq(learnerSettings.centreId, centreId));
  return row;
}

/** Writes a centre's settings (insert at version 1, or update when the version matches); undefined when stale. */
export async function upsertLearnerSettings(
  q: Queryable,
  row: typeof learnerSettings.$inferInsert,
  version: number | null,
): Promise<LearnerSettingsRow | undefined> {
  if (version === null) {
    const [created] = await q.insert(learnerSettings).values(row).onConflictDoNothing().returning();
    return created;
  }
  const [updated] = await q
    .update(learnerSettings)
    .set({ ...row, version: sql`${learnerSettings.version} + 1` })
    .where(and(eq(learnerSettings.centreId, row.centreId), eq(learnerSettings.version, version)))
    .returning();
  return updated;
}
