import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  addCalendarDays,
  type BookingAnswer,
  type ExamBookingSettings,
  evaluateBooking,
  swedishCalendarDate,
  withDefaults,
} from '../../core/exam-booking/rules.js';
import type { Queryable } from '../../db/client.js';
import { withRegion } from '../../db/region-scope.js';
import { AppError } from '../../errors.js';
import { type AuditContext, recordAudit } from '../audit/audit.service.js';
import type { AuthSettings } from '../auth/auth-settings.js';
import type { Identity } from '../auth/roles.js';
import { resolveMunicipalityCodes } from '../geographies/geographies.service.js';
import {
  type CentreTenant,
  centreTenant,
  requireCentreStaff,
} from '../learning-centres/centre-organisation.service.js';
import { deleteMailTo, sendMail } from '../mail/mail.service.js';
import { bookingMessage } from './exam-booking.messages.js';
import {
  type BookingRow,
  countBookings,
  countSittings,
  eraseBookings,
  insertBooking,
  insertSession,
  releaseSeat,
  type SessionRow,
  type SettingsRow,
  selectBooking,
  selectBookingByExportKey,
  selectBookings,
  selectBookingsToErase,
  selectSession,
  selectSessions,
  selectSettings,
  takeSeat,
  updateBooking,
  upsertSettings,
} from './exam-booking.repo.js';

/**
 * Exam invigilation at learning centres (issue 14): staff publish sessions, students book a seat on a public form,
 * staff confirm, decline or move the booking and the student is told by e-mail (outbox) with a calendar file.
 * Rules come from src/core/exam-booking; each centre's settings override the defaults.
 */

/** The consent texts a student can accept; the version accepted is stored with the booking. */
export const CONSENT_TEXTS = {
  '2026-1':
    'Jag godkänner att lärcentret sparar uppgifterna i formuläret för att ordna min tentamen. Uppgifterna raderas när tiden efter tentamen har gått ut; antalet bokningar sparas för statistik.',
} as const;
export type ConsentVersion = keyof typeof CONSENT_TEXTS;
export const CURRENT_CONSENT_VERSION: ConsentVersion = '2026-1';

export interface SessionView {
  id: string;
  centreId: string;
  start: string;
  end: string;
  room: string;
  seats: number;
  taken: number;
  free: number;
  status: string;
  /** The Swedish calendar date of the exam and the last day to book it. */
  date: string;
  lastBookingDay: string;
  bookable: boolean;
  version: number;
}

export interface BookingView {
  id: string;
  sessionId: string;
  centreId: string;
  status: string;
  start: string;
  end: string;
  room: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  homeMunicipality: string | null;
  institution: string | null;
  courseCode: string | null;
  courseName: string | null;
  examMinutes: number | null;
  arrangements: BookingRow['arrangements'];
  fee: { amount: number; currency: 'SEK' };
  resident: boolean;
  consent: { at: string; version: string };
  declineReason: string | null;
  createdAt: string;
  personalDataDeletedAt: string | null;
  version: number;
}

export interface BookingInput {
  sessionId: string;
  name: string;
  email: string;
  phone?: string | undefined;
  homeMunicipality: string;
  institution: string;
  courseCode: string;
  courseName: string;
  examMinutes?: number | undefined;
  arrangements?:
    | { extraTime?: boolean; separateRoom?: boolean; computer?: boolean; other?: string | undefined }
    | undefined;
  consent: boolean;
  consentVersion?: string | undefined;
}

/** Today's Swedish calendar date. */
export const swedishToday = (now: Date): string => swedishCalendarDate(now);

function settingsOf(row: SettingsRow | undefined): ExamBookingSettings {
  return withDefaults({
    noticeWorkingDays: row?.noticeWorkingDays ?? undefined,
    feeSek: row?.feeSek ?? undefined,
    freeResits: row?.freeResits ?? undefined,
    retentionDays: row?.retentionDays ?? undefined,
    freeMunicipalities: row?.freeMunicipalities ?? undefined,
  });
}

function sessionView(s: SessionRow, settings: ExamBookingSettings, today: string): SessionView {
  const date = swedishCalendarDate(s.startsAt);
  const answer = evaluateBooking({
    today,
    sessionDate: date,
    seats: s.seats,
    taken: s.taken,
    regionMunicipalities: [],
    earlierSittings: 0,
    settings,
  });
  return {
    id: s.id,
    centreId: s.centreId,
    start: s.startsAt.toISOString(),
    end: s.endsAt.toISOString(),
    room: s.room,
    seats: s.seats,
    taken: s.taken,
    free: Math.max(0, s.seats - s.taken),
    status: s.status,
    date,
    lastBookingDay: answer.lastBookingDay,
    bookable: s.status === 'open' && answer.ok,
    version: s.version,
  };
}

function bookingView(b: BookingRow, s: { startsAt: Date; endsAt: Date; room: string }): BookingView {
  return {
    id: b.id,
    sessionId: b.sessionId,
    centreId: b.centreId,
    status: b.status,
    start: s.startsAt.toISOString(),
    end: s.endsAt.toISOString(),
    room: s.room,
    name: b.name,
    email: b.email,
    phone: b.phone,
    homeMunicipality: b.homeMunicipality,
    institution: b.institution,
    courseCode: b.courseCode,
    courseName: b.courseName,
    examMinutes: b.examMinutes,
    arrangements: b.arrangements,
    fee: { amount: b.feeSek, currency: 'SEK' },
    resident: b.resident,
    consent: { at: b.consentAt.toISOString(), version: b.consentVersion },
    declineReason: b.declineReason,
    createdAt: b.createdAt.toISOString(),
    personalDataDeletedAt: b.personalDataDeletedAt?.toISOString() ?? null,
    version: b.version,
  };
}

/** A centre's settings with defaults filled in, and the version to send back when changing them. */
export async function getExamSettings(
  q: Queryable,
  identity: Identity,
  centreId: string,
): Promise<ExamBookingSettings & { examOfficeNote: string | null; version: number | null }> {
  await requireCentreStaff(q, identity, centreId);
  const row = await selectSettings(q, centreId);
  return { ...settingsOf(row), examOfficeNote: row?.examOfficeNote ?? null, version: row?.version ?? null };
}

/** Changes a centre's booking settings (staff of the centre; audited; 409 when the version is stale). */
export async function putExamSettings(
  q: Queryable,
  identity: Identity,
  centreId: string,
  input: Partial<ExamBookingSettings> & { examOfficeNote?: string | null; version: number | null },
  audit: AuditContext,
  now: Date,
) {
  const centre = await requireCentreStaff(q, identity, centreId);
  return withRegion(q, centre.regionId, async (tx) => {
    const before = await selectSettings(tx, centreId);
    const row = await upsertSettings(
      tx,
      {
        centreId,
        regionId: centre.regionId,
        noticeWorkingDays: input.noticeWorkingDays ?? before?.noticeWorkingDays ?? null,
        feeSek: input.feeSek ?? before?.feeSek ?? null,
        freeResits: input.freeResits ?? before?.freeResits ?? null,
        retentionDays: input.retentionDays ?? before?.retentionDays ?? null,
        freeMunicipalities:
          input.freeMunicipalities !== undefined
            ? input.freeMunicipalities
            : (before?.freeMunicipalities ?? null),
        examOfficeNote:
          input.examOfficeNote !== undefined ? input.examOfficeNote : (before?.examOfficeNote ?? null),
        updatedAt: now,
      },
      input.version,
    );
    if (!row) {
      throw new AppError('conflict', 'Inställningarna har ändrats av någon annan. Läs in dem igen.', {
        currentVersion: before?.version ?? null,
      });
    }
    const plain = (r: SettingsRow | undefined) =>
      r
        ? {
            noticeWorkingDays: r.noticeWorkingDays,
            feeSek: r.feeSek,
            freeResits: r.freeResits,
            retentionDays: r.retentionDays,
            freeMunicipalities: r.freeMunicipalities,
            examOfficeNote: r.examOfficeNote,
          }
        : null;
    await recordAudit(
      tx,
      { ...audit, organisationId: `learning_centre:${centreId}` },
      {
        regionId: centre.regionId,
        entityType: 'exam_booking_settings',
        entityId: centreId,
        action: before ? 'update' : 'create',
        before: plain(before),
        after: plain(row),
      },
      now,
    );
    return { ...settingsOf(row), examOfficeNote: row.examOfficeNote, version: row.version };
  });
}

/** Publishes an exam session (staff of the centre; audited). */
export async function createSession(
  q: Queryable,
  identity: Identity,
  centreId: string,
  input: { start: Date; end: Date; room: string; seats: number },
  audit: AuditContext,
  now: Date,
): Promise<SessionView> {
  const centre = await requireCentreStaff(q, identity, centreId);
  if (input.end <= input.start) {
    throw new AppError('validation_failed', 'Sluttiden måste ligga efter starttiden', {
      start: input.start.toISOString(),
      end: input.end.toISOString(),
    });
  }
  if (input.start <= now) {
    throw new AppError('validation_failed', 'Tillfället måste ligga i framtiden', {
      start: input.start.toISOString(),
    });
  }
  return withRegion(q, centre.regionId, async (tx) => {
    const row = await insertSession(tx, {
      id: randomUUID(),
      centreId,
      regionId: centre.regionId,
      startsAt: input.start,
      endsAt: input.end,
      room: input.room.trim(),
      seats: input.seats,
      createdAt: now,
    });
    await recordAudit(
      tx,
      { ...audit, organisationId: `learning_centre:${centreId}` },
      {
        regionId: centre.regionId,
        entityType: 'exam_session',
        entityId: row.id,
        action: 'create',
        before: null,
        after: {
          start: row.startsAt.toISOString(),
          end: row.endsAt.toISOString(),
          room: row.room,
          seats: row.seats,
        },
      },
      now,
    );
    return sessionView(row, settingsOf(await selectSettings(tx, centreId)), swedishToday(now));
  });
}

/** Sessions of a centre from now on. Public callers get only open sessions with free seats. */
export async function listSessions(
  q: Queryable,
  centreId: string,
  now: Date,
  options: { all?: boolean } = {},
): Promise<{ centre: { id: string; name: string }; sessions: SessionView[]; settings: PublicSettings }> {
  const centre = await centreTenant(q, centreId);
  const settings = settingsOf(await selectSettings(q, centreId));
  const today = swedishToday(now);
  const sessions = (await selectSessions(q, centreId, now))
    .map((s) => sessionView(s, settings, today))
    .filter((s) => options.all || (s.status === 'open' && s.free > 0));
  return {
    centre: { id: centre.centreId, name: centre.name },
    sessions,
    settings: publicSettings(settings),
  };
}

/** Every coming session of a centre, full and closed ones too (its staff; others get not_found). */
export async function listAllSessions(
  q: Queryable,
  identity: Identity,
  centreId: string,
  now: Date,
): Promise<SessionView[]> {
  await requireCentreStaff(q, identity, centreId);
  return (await listSessions(q, centreId, now, { all: true })).sessions;
}

export interface PublicSettings {
  noticeWorkingDays: number;
  feeSek: number;
  freeResits: number;
  retentionDays: number;
}

const publicSettings = (s: ExamBookingSettings): PublicSettings => ({
  noticeWorkingDays: s.noticeWorkingDays,
  feeSek: s.feeSek,
  freeResits: s.freeResits,
  retentionDays: s.retentionDays,
});

interface Evaluation {
  answer: BookingAnswer;
  session: SessionRow;
  centre: CentreTenant;
  settings: ExamBookingSettings;
  settingsRow: SettingsRow | undefined;
}

async function evaluate(
  q: Queryable,
  input: Partial<BookingInput> & { sessionId: string },
  now: Date,
): Promise<Evaluation> {
  const session = await selectSession(q, input.sessionId);
  if (session?.status !== 'open') {
    throw new AppError('not_found', 'Tentamenstillfället finns inte', { id: input.sessionId });
  }
  const centre = await centreTenant(q, session.centreId);
  const settingsRow = await selectSettings(q, session.centreId);
  const settings = settingsOf(settingsRow);
  const regionMunicipalities = settings.freeMunicipalities
    ? []
    : await resolveMunicipalityCodes(q, centre.regionId).catch(() => []);
  const earlierSittings =
    input.email && input.courseCode
      ? await withRegion(q, centre.regionId, (tx) =>
          countSittings(tx, session.centreId, input.email as string, input.courseCode as string),
        )
      : 0;
  const answer = evaluateBooking({
    today: swedishToday(now),
    sessionDate: swedishCalendarDate(session.startsAt),
    seats: session.seats,
    taken: session.taken,
    homeMunicipality: input.homeMunicipality,
    regionMunicipalities,
    earlierSittings,
    consent: input.consent,
    settings,
  });
  return { answer, session, centre, settings, settingsRow };
}

/** What would happen to a booking (the form asks before submitting): refusals and the fee, nothing stored. */
export async function checkBooking(
  q: Queryable,
  input: Partial<BookingInput> & { sessionId: string },
  now: Date,
): Promise<{
  ok: boolean;
  refusals: BookingAnswer['refusals'];
  fee: BookingAnswer['fee'];
  lastBookingDay: string;
}> {
  const { answer } = await evaluate(q, input, now);
  return { ok: answer.ok, refusals: answer.refusals, fee: answer.fee, lastBookingDay: answer.lastBookingDay };
}

function refuse(answer: BookingAnswer): never {
  const first = answer.refusals[0];
  if (!first) throw new AppError('internal', 'Bokningen nekades utan skäl');
  throw new AppError(first.code, first.message, { refusals: answer.refusals, fee: answer.fee });
}

/**
 * Books a seat for a student (public). The rules are checked first; the seat is then taken by a conditional
 * UPDATE in the same transaction as the booking's insert, so concurrent requests for the last seats never
 * oversell (the losers get session_full).
 */
export async function createBooking(
  q: Queryable,
  mail: Pick<AuthSettings, 'smtp'>,
  input: BookingInput,
  now: Date,
  options: { baseUrl?: string | undefined } = {},
): Promise<{
  id: string;
  status: 'requested';
  fee: { amount: number; currency: 'SEK' };
  delivery: string;
  exportUrl: string;
}> {
  const { answer, session, centre } = await evaluate(q, input, now);
  // The student's own export link: a random key, stored only as its hash, sent in the receipt.
  const exportKey = randomBytes(24).toString('base64url');
  if (!answer.ok) refuse(answer);
  const consentVersion = (input.consentVersion ?? CURRENT_CONSENT_VERSION) as string;
  if (!(consentVersion in CONSENT_TEXTS)) {
    throw new AppError('validation_failed', `Okänd version av samtyckestexten: ${consentVersion}`);
  }
  const booking = await withRegion(q, centre.regionId, async (tx) => {
    if (!(await takeSeat(tx, session.id))) {
      throw new AppError('session_full', 'Tillfället är fullbokat. Välj ett annat tillfälle.', {
        refusals: [{ code: 'session_full', message: 'Tillfället är fullbokat. Välj ett annat tillfälle.' }],
      });
    }
    const row = await insertBooking(tx, {
      id: randomUUID(),
      sessionId: session.id,
      centreId: session.centreId,
      regionId: centre.regionId,
      status: 'requested',
      name: input.name.trim(),
      email: input.email.trim().toLowerCase(),
      phone: input.phone?.trim() || null,
      homeMunicipality: input.homeMunicipality,
      institution: input.institution.trim(),
      courseCode: input.courseCode.trim().toUpperCase(),
      courseName: input.courseName.trim(),
      examMinutes: input.examMinutes ?? null,
      arrangements: {
        extraTime: input.arrangements?.extraTime ?? false,
        separateRoom: input.arrangements?.separateRoom ?? false,
        computer: input.arrangements?.computer ?? false,
        other: input.arrangements?.other?.trim() || null,
      },
      resident: answer.resident,
      feeSek: answer.fee.amount,
      consentAt: now,
      consentVersion,
      examDate: swedishCalendarDate(session.startsAt),
      createdAt: now,
      updatedAt: now,
      exportKeyHash: hashKey(exportKey),
    });
    // The public write is audited too, without the student's data (the trail outlives the booking's deletion).
    await recordAudit(
      tx,
      { actorId: null, organisationId: `learning_centre:${session.centreId}` },
      {
        regionId: centre.regionId,
        entityType: 'exam_booking',
        entityId: row.id,
        action: 'create',
        before: null,
        after: { sessionId: row.sessionId, status: row.status, fee: row.feeSek },
      },
      now,
    );
    return row;
  });
  const settingsRow = await selectSettings(q, session.centreId);
  const exportUrl = `${options.baseUrl ?? ''}/larcentra/bokning/${booking.id}?nyckel=${exportKey}`;
  const delivery = await notify(q, mail, booking, session, centre, settingsRow, 'requested', exportUrl);
  return { id: booking.id, status: 'requested', fee: answer.fee, delivery, exportUrl };
}

const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/**
 * A student's own booking data (the link in the receipt e-mail: booking id and key). Public, but only with the key;
 * a wrong key and a booking whose personal data are already deleted both answer not_found.
 */
export async function exportOwnBooking(
  q: Queryable,
  id: string,
  key: string,
): Promise<{
  booking: Omit<BookingView, 'personalDataDeletedAt' | 'version'>;
  centre: { id: string; name: string; contactEmail: string | null };
  consentText: string;
  deletion: string;
  exportedAt: string;
}> {
  const found = await selectBookingByExportKey(q, id, hashKey(key));
  if (!found || found.booking.personalDataDeletedAt) {
    throw new AppError('not_found', 'Bokningen finns inte, eller så är uppgifterna redan raderade', { id });
  }
  const centre = await centreTenant(q, found.booking.centreId);
  const settings = settingsOf(await selectSettings(q, found.booking.centreId));
  const { personalDataDeletedAt: _d, version: _v, ...booking } = bookingView(found.booking, found);
  return {
    booking,
    centre: { id: centre.centreId, name: centre.name, contactEmail: centre.contactEmail },
    consentText:
      CONSENT_TEXTS[found.booking.consentVersion as ConsentVersion] ?? found.booking.consentVersion,
    deletion: addCalendarDays(found.booking.examDate, settings.retentionDays),
    exportedAt: new Date().toISOString(),
  };
}

/**
 * Exams invigilated at a centre in a year (confirmed bookings whose exam date has passed), for the KPIs and the
 * grant report; the rows survive the deletion of personal data, so past years keep their counts.
 */
export async function examsInvigilated(
  q: Queryable,
  centreId: string,
  year: number,
  now: Date,
): Promise<number> {
  const centre = await centreTenant(q, centreId);
  const today = swedishToday(now);
  const last = `${year}-12-31` < today ? `${year}-12-31` : today;
  const rows = await withRegion(q, centre.regionId, (tx) =>
    countBookings(tx, centreId, `${year}-01-01`, last),
  );
  return rows.filter((r) => r.status === 'confirmed').reduce((n, r) => n + r.n, 0);
}

async function notify(
  q: Queryable,
  mail: Pick<AuthSettings, 'smtp'>,
  booking: BookingRow,
  session: SessionRow,
  centre: CentreTenant,
  settingsRow: SettingsRow | undefined,
  kind: 'requested' | 'confirmed' | 'declined' | 'moved',
  exportUrl?: string,
): Promise<string> {
  if (!booking.email) return 'none';
  const message = bookingMessage(kind, {
    booking,
    session,
    centre,
    examOfficeNote: settingsRow?.examOfficeNote ?? null,
    exportUrl,
  });
  const sent = await sendMail(q, mail, { ...message, to: booking.email, regionId: centre.regionId });
  return sent.delivery;
}

/** A centre's bookings (staff of that centre only), optionally of some statuses. */
export async function listBookings(
  q: Queryable,
  identity: Identity,
  centreId: string,
  statuses?: readonly string[],
): Promise<BookingView[]> {
  const centre = await requireCentreStaff(q, identity, centreId);
  return withRegion(q, centre.regionId, async (tx) =>
    (await selectBookings(tx, centreId, statuses)).map((r) => bookingView(r.booking, r)),
  );
}

export interface BookingChange {
  version: number;
  status?: 'confirmed' | 'declined' | undefined;
  reason?: string | undefined;
  /** Move to another session of the same centre. */
  sessionId?: string | undefined;
}

/**
 * Confirms, declines (with a reason) or moves a booking (staff of its centre; audited; 409 on a stale version).
 * Declining gives the seat back; moving takes a seat in the new session in the same transaction. The student is
 * told by e-mail, with a calendar file when the booking stands.
 */
export async function changeBooking(
  q: Queryable,
  mail: Pick<AuthSettings, 'smtp'>,
  identity: Identity,
  id: string,
  change: BookingChange,
  audit: AuditContext,
  now: Date,
): Promise<BookingView> {
  if (!change.status && !change.sessionId) {
    throw new AppError(
      'validation_failed',
      'Ange status (confirmed, declined) eller ett nytt tillfälle (sessionId)',
    );
  }
  if (change.status === 'declined' && !change.reason?.trim()) {
    throw new AppError('validation_failed', 'Ange ett skäl när bokningen avböjs');
  }
  // Which centre the booking belongs to is itself internal: look it up across regions only to check the caller.
  const found = await selectBooking(q, id);
  if (!found) throw new AppError('not_found', `Bokningen finns inte: ${id}`, { id });
  const centre = await requireCentreStaff(q, identity, found.centreId).catch(() => {
    throw new AppError('not_found', `Bokningen finns inte: ${id}`, { id });
  });
  const { updated, session, kind } = await withRegion(q, centre.regionId, async (tx) => {
    const before = await selectBooking(tx, id);
    if (!before) throw new AppError('not_found', `Bokningen finns inte: ${id}`, { id });
    if (before.version !== change.version) {
      throw new AppError('conflict', 'Bokningen har ändrats av någon annan. Läs in den igen.', {
        currentVersion: before.version,
      });
    }
    if (before.personalDataDeletedAt || before.status === 'declined') {
      throw new AppError('validation_failed', 'Bokningen är avslutad och kan inte ändras');
    }
    const values: Partial<BookingRow> = { updatedAt: now };
    let kind: 'confirmed' | 'declined' | 'moved' = 'confirmed';
    let sessionId = before.sessionId;
    if (change.sessionId && change.sessionId !== before.sessionId) {
      const target = await selectSession(tx, change.sessionId);
      if (!target || target.centreId !== before.centreId || target.status !== 'open') {
        throw new AppError('validation_failed', 'Det nya tillfället finns inte hos lärcentret', {
          sessionId: change.sessionId,
        });
      }
      if (target.startsAt <= now)
        throw new AppError('validation_failed', 'Det nya tillfället har redan varit');
      if (!(await takeSeat(tx, target.id))) {
        throw new AppError('session_full', 'Det nya tillfället är fullbokat. Välj ett annat tillfälle.');
      }
      await releaseSeat(tx, before.sessionId);
      values.sessionId = target.id;
      values.examDate = swedishCalendarDate(target.startsAt);
      sessionId = target.id;
      kind = 'moved';
    }
    if (change.status === 'declined') {
      await releaseSeat(tx, sessionId);
      values.status = 'declined';
      values.declineReason = change.reason?.trim() ?? null;
      kind = 'declined';
    } else if (change.status === 'confirmed') {
      values.status = 'confirmed';
      if (kind !== 'moved') kind = 'confirmed';
    }
    const updated = await updateBooking(tx, id, change.version, values);
    if (!updated) {
      throw new AppError('conflict', 'Bokningen har ändrats av någon annan. Läs in den igen.', {
        currentVersion: before.version + 1,
      });
    }
    const state = (b: BookingRow) => ({ status: b.status, sessionId: b.sessionId, version: b.version });
    await recordAudit(
      tx,
      { ...audit, organisationId: `learning_centre:${before.centreId}` },
      {
        regionId: centre.regionId,
        entityType: 'exam_booking',
        entityId: id,
        action: kind === 'moved' ? 'move' : kind === 'declined' ? 'decline' : 'confirm',
        before: state(before),
        after: state(updated),
      },
      now,
    );
    const session = (await selectSession(tx, updated.sessionId)) as SessionRow;
    return { updated, session, kind };
  });
  await notify(q, mail, updated, session, centre, await selectSettings(q, updated.centreId), kind);
  return bookingView(updated, session);
}

/**
 * The daily job: removes the personal data of bookings whose exam was `retentionDays` (per centre, default 90)
 * or more ago. The booking rows stay with status, fee, residence and dates, so the counts remain.
 */
export async function erasePastBookings(q: Queryable, now: Date): Promise<number> {
  const today = swedishToday(now);
  const candidates = await selectBookingsToErase(q);
  const retention = new Map<string, number>();
  const due: string[] = [];
  for (const c of candidates) {
    let days = retention.get(c.centreId);
    if (days === undefined) {
      days = settingsOf(await selectSettings(q, c.centreId)).retentionDays;
      retention.set(c.centreId, days);
    }
    if (addCalendarDays(c.examDate, days) <= today) {
      due.push(c.id);
      // The outbox keeps copies of the booking's messages (name, course, time): they go with the booking. A
      // minute's margin covers the message sent just after the booking's last change.
      if (c.email) await deleteMailTo(q, c.email, c.regionId, new Date(c.updatedAt.getTime() + 60_000));
    }
  }
  return eraseBookings(q, due, now);
}
