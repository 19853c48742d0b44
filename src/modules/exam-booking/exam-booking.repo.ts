import { and, asc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { execute } from '../../db/execute.js';
import { examBookingSettings, examBookings, examSessions } from '../../db/schema/index.js';

/** The only SQL of exam invigilation: sessions, bookings and each centre's settings. */

export type SessionRow = typeof examSessions.$inferSelect;
export type BookingRow = typeof examBookings.$inferSelect;
export type SettingsRow = typeof examBookingSettings.$inferSelect;

export async function insertSession(
  q: Queryable,
  row: typeof examSessions.$inferInsert,
): Promise<SessionRow> {
  const [created] = await q.insert(examSessions).values(row).returning();
  return created as SessionRow;
}

export async function selectSession(q: Queryable, id: string): Promise<SessionRow | undefined> {
  const [row] = await q.select().from(examSessions).where(eq(examSessions.id, id));
  return row;
}

/** A centre's sessions starting after `from` (all statuses), earliest first. */
export async function selectSessions(q: Queryable, centreId: string, from: Date): Promise<SessionRow[]> {
  return q
    .select()
    .from(examSessions)
    .where(and(eq(examSessions.centreId, centreId), gt(examSessions.startsAt, from)))
    .orderBy(asc(examSessions.startsAt));
}

/**
 * Takes one seat when one is free: a single UPDATE with `taken < seats` in its WHERE, so concurrent bookings
 * serialise on the row lock and the seat count can never pass the number of seats. False when none was free.
 */
export async function takeSeat(q: Queryable, sessionId: string): Promise<boolean> {
  const { rows } = await execute<{ id: string }>(
    q,
    sql`UPDATE exam_sessions SET taken = taken + 1
        WHERE id = ${sessionId} AND status = 'open' AND taken < seats
        RETURNING id`,
  );
  return rows.length === 1;
}

/** Gives a seat back (a declined or moved booking). */
export async function releaseSeat(q: Queryable, sessionId: string): Promise<void> {
  await execute(q, sql`UPDATE exam_sessions SET taken = taken - 1 WHERE id = ${sessionId} AND taken > 0`);
}

export async function insertBooking(
  q: Queryable,
  row: typeof examBookings.$inferInsert,
): Promise<BookingRow> {
  const [created] = await q.insert(examBookings).values(row).returning();
  return created as BookingRow;
}

export async function selectBooking(q: Queryable, id: string): Promise<BookingRow | undefined> {
  const [row] = await q.select().from(examBookings).where(eq(examBookings.id, id));
  return row;
}

/** A centre's bookings, optionally of some statuses, with their session's start. */
export async function selectBookings(q: Queryable, centreId: string, statuses?: readonly string[]) {
  return q
    .select({
      booking: examBookings,
      startsAt: examSessions.startsAt,
      endsAt: examSessions.endsAt,
      room: examSessions.room,
    })
    .from(examBookings)
    .innerJoin(examSessions, eq(examSessions.id, examBookings.sessionId))
    .where(
      statuses
        ? and(eq(examBookings.centreId, centreId), inArray(examBookings.status, [...statuses]))
        : eq(examBookings.centreId, centreId),
    )
    .orderBy(asc(examSessions.startsAt), asc(examBookings.createdAt));
}

/** Earlier sittings of a course by one e-mail address at a centre (bookings not declined or cancelled). */
export async function countSittings(
  q: Queryable,
  centreId: string,
  email: string,
  courseCode: string,
): Promise<number> {
  const { rows } = await execute<{ n: number | string }>(
    q,
    sql`SELECT count(*) AS n FROM exam_bookings
        WHERE centre_id = ${centreId} AND lower(email) = ${email.toLowerCase()}
          AND upper(course_code) = ${courseCode.toUpperCase()}
          AND status IN ('requested', 'confirmed')`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** Updates a booking when its version is still `version`; the new row, or undefined when stale. */
export async function updateBooking(
  q: Queryable,
  id: string,
  version: number,
  values: Partial<typeof examBookings.$inferInsert>,
): Promise<BookingRow | undefined> {
  const [row] = await q
    .update(examBookings)
    .set({ ...values, version: sql`${examBookings.version} + 1` })
    .where(and(eq(examBookings.id, id), eq(examBookings.version, version)))
    .returning();
  return row;
}

/** Bookings whose personal data are due for deletion (exam date on or before the cut-off, not yet deleted). */
export async function selectBookingsToErase(q: Queryable) {
  return q
    .select({
      id: examBookings.id,
      centreId: examBookings.centreId,
      regionId: examBookings.regionId,
      examDate: examBookings.examDate,
      email: examBookings.email,
      updatedAt: examBookings.updatedAt,
    })
    .from(examBookings)
    .where(isNull(examBookings.personalDataDeletedAt));
}

/** Removes the personal fields of the bookings; status, fee, residence flag and dates remain for the counts. */
export async function eraseBookings(q: Queryable, ids: readonly string[], now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await q
    .update(examBookings)
    .set({
      name: null,
      email: null,
      phone: null,
      homeMunicipality: null,
      institution: null,
      courseCode: null,
      courseName: null,
      examMinutes: null,
      arrangements: null,
      declineReason: null,
      exportKeyHash: null,
      personalDataDeletedAt: now,
    })
    .where(and(inArray(examBookings.id, [...ids]), isNull(examBookings.personalDataDeletedAt)))
    .returning({ id: examBookings.id });
  return rows.length;
}

/** A booking with its session when the export key's hash matches (the student's own export link). */
export async function selectBookingByExportKey(q: Queryable, id: string, keyHash: string) {
  const [row] = await q
    .select({
      booking: examBookings,
      startsAt: examSessions.startsAt,
      endsAt: examSessions.endsAt,
      room: examSessions.room,
    })
    .from(examBookings)
    .innerJoin(examSessions, eq(examSessions.id, examBookings.sessionId))
    .where(and(eq(examBookings.id, id), eq(examBookings.exportKeyHash, keyHash)));
  return row;
}

/** Counts per centre and status of bookings for exams up to a date (for statistics; survive the deletion). */
export async function countBookings(q: Queryable, centreId: string, from: string, to: string) {
  return q
    .select({ status: examBookings.status, resident: examBookings.resident, n: sql<number>`count(*)::int` })
    .from(examBookings)
    .where(
      and(
        eq(examBookings.centreId, centreId),
        sql`${examBookings.examDate} >= ${from}`,
        lte(examBookings.examDate, to),
      ),
    )
    .groupBy(examBookings.status, examBookings.resident);
}

export async function selectSettings(q: Queryable, centreId: string): Promise<SettingsRow | undefined> {
  const [row] = await q.select().from(examBookingSettings).where(eq(examBookingSettings.centreId, centreId));
  return row;
}

/** Writes a centre's settings (insert at version 1 or update when the version matches); undefined when stale. */
export async function upsertSettings(
  q: Queryable,
  row: typeof examBookingSettings.$inferInsert,
  version: number | null,
): Promise<SettingsRow | undefined> {
  if (version === null) {
    const [created] = await q.insert(examBookingSettings).values(row).onConflictDoNothing().returning();
    return created;
  }
  const [updated] = await q
    .update(examBookingSettings)
    .set({ ...row, version: sql`${examBookingSettings.version} + 1` })
    .where(and(eq(examBookingSettings.centreId, row.centreId), eq(examBookingSettings.version, version)))
    .returning();
  return updated;
}
