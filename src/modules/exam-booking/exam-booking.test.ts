import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import { subtractWorkingDays } from '../../core/calendar/working-days.js';
import { addCalendarDays, swedishCalendarDate } from '../../core/exam-booking/rules.js';
import type { Database } from '../../db/client.js';
import { auditEvents, examBookings, outbox } from '../../db/schema/index.js';
import { testEngines } from '../../db/testing.js';
import { type App, buildApp } from '../../server/app.js';
import { injectAs, type SeededAccount } from '../../testing/seed-accounts.js';
import { centreStaff, seedCentreStaff } from '../../testing/seed-centre-staff.js';
import { startSmtp } from '../../testing/smtp.js';
import { loadAuthSettings } from '../auth/auth-settings.js';
import { createBooking, erasePastBookings } from './exam-booking.service.js';

const DAY = 24 * 60 * 60 * 1000;

const PEOPLE = {
  gavle: centreStaff('gavle'),
  sandviken: centreStaff('sandviken'),
  admin21: ['county:21', 'admin'],
} as const;

/** A working-hours session `days` calendar days ahead (09:00–13:00 Swedish time in winter, UTC+1). */
function sessionAt(days: number) {
  const date = swedishCalendarDate(new Date(Date.now() + days * DAY));
  return { start: `${date}T09:00:00+01:00`, end: `${date}T13:00:00+01:00`, date };
}

const student = (over: Record<string, unknown> = {}) => ({
  name: 'Stina Student',
  email: 'stina@student.example',
  homeMunicipality: '2180',
  institution: 'Umeå universitet',
  courseCode: 'PE1234',
  courseName: 'Pedagogik A',
  examMinutes: 300,
  arrangements: { extraTime: true },
  consent: true,
  ...over,
});

describe.each(testEngines())('exam invigilation booking on $name', (engine) => {
  let database: Database;
  let app: App;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let accounts: Record<keyof typeof PEOPLE, SeededAccount>;
  let session: { id: string; date: string };
  let exportLink = '';

  beforeAll(async () => {
    database = await engine.open();
    smtp = await startSmtp();
    accounts = await seedCentreStaff(database.db, { accounts: PEOPLE });
    app = await buildApp({
      database,
      config: { dataDir: undefined, projectRoot },
      logger: false,
      auth: loadAuthSettings({
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        MAIL_FROM: 'Semafor <noreply@semafor.test>',
      }),
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await smtp?.close();
  });

  const as = injectAs(
    () => app,
    () => accounts,
  );

  async function publish(days: number, seats = 10, who: 'gavle' | 'sandviken' = 'gavle') {
    const at = sessionAt(days);
    const res = await as(who, 'POST', `/api/learning-centres/${who}/exam-sessions`, {
      start: at.start,
      end: at.end,
      room: 'Sal 2',
      seats,
    });
    expect(res.statusCode, res.body).toBe(201);
    return { id: res.json().id as string, date: at.date };
  }

  it('links a centre organisation to the registry: name and region come from the centre', async () => {
    const events = await database.db.select().from(auditEvents);
    expect(events.some((e) => e.organisationId === null && e.entityType === 'user')).toBe(true);
    const me = await as('gavle', 'GET', '/api/me');
    expect(me.json().memberships).toEqual([
      expect.objectContaining({
        organisationId: 'learning_centre:gavle',
        organisationType: 'learning_centre',
        organisationName: 'Gävle Lärcentrum',
        regionId: 'county:21',
        role: 'larcentrum',
      }),
    ]);
  });

  it('staff publish sessions; the public list shows open sessions with free seats and the rules', async () => {
    session = await publish(40);
    expect((await as(null, 'POST', '/api/learning-centres/gavle/exam-sessions', {})).statusCode).toBe(401);
    // Staff of another centre, or a region admin, cannot publish here.
    const other = await as('sandviken', 'POST', '/api/learning-centres/gavle/exam-sessions', {
      ...sessionAt(40),
      room: 'x',
      seats: 1,
    });
    expect(other.statusCode).toBe(404);
    const list = await as(null, 'GET', '/api/learning-centres/gavle/exam-sessions');
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body.centre).toEqual({ id: 'gavle', name: 'Gävle Lärcentrum' });
    expect(body.settings).toEqual({ noticeWorkingDays: 7, feeSek: 800, freeResits: 2, retentionDays: 90 });
    expect(body.sessions).toEqual([
      expect.objectContaining({ id: session.id, seats: 10, free: 10, bookable: true, date: session.date }),
    ]);
    expect(body.sessions[0].lastBookingDay).toBe(subtractWorkingDays(session.date, 7));
    const bad = await as('gavle', 'POST', '/api/learning-centres/gavle/exam-sessions', {
      start: sessionAt(40).end,
      end: sessionAt(40).start,
      room: 'Sal 2',
      seats: 2,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('books a seat: 201 requested, free for residents of the region, 800 SEK for others', async () => {
    const res = await as(null, 'POST', '/api/exam-bookings', { sessionId: session.id, ...student() });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({
      id: expect.any(String),
      status: 'requested',
      fee: { amount: 0, currency: 'SEK' },
      exportUrl: expect.stringMatching(/\/larcentra\/bokning\/[\w-]+\?nyckel=[\w-]{20,}$/),
    });
    exportLink = res.json().exportUrl;
    const visitor = await as(null, 'POST', '/api/exam-bookings', {
      sessionId: session.id,
      ...student({ email: 'olle@student.example', homeMunicipality: '0180' }),
    });
    expect(visitor.json().fee).toEqual({ amount: 800, currency: 'SEK' });
    // The receipt went out over SMTP.
    expect(smtp.received.some((m) => m.includes('stina@student.example'))).toBe(true);
  });

  it("the student's own export: the link in the receipt gives the booking as JSON; a wrong key gives 404", async () => {
    const url = new URL(exportLink);
    const id = url.pathname.split('/').pop() as string;
    const key = url.searchParams.get('nyckel') as string;
    expect(smtp.received.some((m) => m.replace(/=\r?\n/g, '').includes(key))).toBe(true);
    const kept = (await database.db.select().from(examBookings)).find((b) => b.id === id);
    expect(kept?.exportKeyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(kept)).not.toContain(key);
    const own = await as(null, 'GET', `/api/exam-bookings/${id}/export?key=${key}`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.headers['cache-control']).toBe('no-store');
    expect(own.json()).toMatchObject({
      booking: { id, name: 'Stina Student', email: 'stina@student.example', courseCode: 'PE1234' },
      centre: { id: 'gavle', name: 'Gävle Lärcentrum' },
      consentText: expect.stringContaining('Jag godkänner'),
    });
    expect((await as(null, 'GET', `/api/exam-bookings/${id}/export?key=${'x'.repeat(32)}`)).statusCode).toBe(
      404,
    );
  });

  it('refuses with 422 and a Swedish message: consent, too late, resits, full', async () => {
    const noConsent = await as(null, 'POST', '/api/exam-bookings', {
      sessionId: session.id,
      ...student({ email: 'x@student.example', consent: false }),
    });
    expect(noConsent.statusCode).toBe(422);
    expect(noConsent.json().error.code).toBe('consent_required');
    expect(noConsent.json().error.message).toContain('godkänna');

    const soon = await publish(2);
    const late = await as(null, 'POST', '/api/exam-bookings', { sessionId: soon.id, ...student() });
    expect(late.statusCode).toBe(422);
    expect(late.json().error.code).toBe('too_late');
    expect(late.json().error.message).toMatch(/minst 7 arbetsdagar före tentamen/);

    // First sitting above, then two free resits, then refused.
    for (const days of [50, 60]) {
      const s = await publish(days);
      expect(
        (await as(null, 'POST', '/api/exam-bookings', { sessionId: s.id, ...student() })).statusCode,
      ).toBe(201);
    }
    const fourth = await publish(70);
    const resit = await as(null, 'POST', '/api/exam-bookings', {
      sessionId: fourth.id,
      ...student({ email: 'STINA@student.example', courseCode: 'pe1234' }),
    });
    expect(resit.statusCode).toBe(422);
    expect(resit.json().error.code).toBe('resits_exceeded');

    // The check endpoint gives the same answer without storing anything.
    const check = await as(null, 'POST', '/api/exam-bookings/check', {
      sessionId: fourth.id,
      email: 'stina@student.example',
      courseCode: 'PE1234',
      homeMunicipality: '0180',
    });
    expect(check.json()).toMatchObject({
      ok: false,
      refusals: [{ code: 'resits_exceeded' }],
      fee: { amount: 800, currency: 'SEK' },
    });

    const tiny = await publish(40, 1);
    expect(
      (
        await as(null, 'POST', '/api/exam-bookings', {
          sessionId: tiny.id,
          ...student({ email: 'a@s.example' }),
        })
      ).statusCode,
    ).toBe(201);
    const full = await as(null, 'POST', '/api/exam-bookings', {
      sessionId: tiny.id,
      ...student({ email: 'b@s.example' }),
    });
    expect(full.statusCode).toBe(422);
    expect(full.json().error.code).toBe('session_full');
    // A full session is no longer offered.
    const offered = (await as(null, 'GET', '/api/learning-centres/gavle/exam-sessions')).json().sessions;
    expect(offered.map((s: { id: string }) => s.id)).not.toContain(tiny.id);
  });

  it('never oversells: 50 simultaneous bookings for 10 seats, exactly 10 succeed', async () => {
    const s = await publish(45, 10);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        createBooking(
          database.db,
          { smtp: undefined },
          { sessionId: s.id, ...student({ email: `race${i}@student.example` }) } as Parameters<
            typeof createBooking
          >[2],
          new Date(),
        ),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(ok).toHaveLength(10);
    expect(refused.map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(
      Array(40).fill('session_full'),
    );
    const list = (await as('gavle', 'GET', '/api/learning-centres/gavle/exam-bookings')).json().bookings;
    expect(list.filter((b: { sessionId: string }) => b.sessionId === s.id)).toHaveLength(10);
    const all = (await as('gavle', 'GET', '/api/learning-centres/gavle/exam-sessions/all')).json().sessions;
    expect(all.find((x: { id: string }) => x.id === s.id)).toMatchObject({ taken: 10, free: 0 });
  });

  it('staff of one centre see nothing of another centre’s bookings', async () => {
    const own = await as('gavle', 'GET', '/api/learning-centres/gavle/exam-bookings');
    expect(own.statusCode).toBe(200);
    expect(own.json().bookings.length).toBeGreaterThan(0);
    expect((await as('sandviken', 'GET', '/api/learning-centres/gavle/exam-bookings')).statusCode).toBe(404);
    expect((await as('admin21', 'GET', '/api/learning-centres/gavle/exam-bookings')).statusCode).toBe(403);
    expect((await as(null, 'GET', '/api/learning-centres/gavle/exam-bookings')).statusCode).toBe(401);
    const booking = own.json().bookings[0];
    const patch = await as('sandviken', 'PATCH', `/api/exam-bookings/${booking.id}`, {
      version: booking.version,
      status: 'confirmed',
    });
    expect(patch.statusCode).toBe(404);
    expect(
      (await as('sandviken', 'GET', '/api/learning-centres/sandviken/exam-bookings')).json().bookings,
    ).toEqual([]);
  });

  it('staff confirm (ics to the student), decline with a reason, move; stale versions get 409; all audited', async () => {
    const list = (
      await as('gavle', 'GET', '/api/learning-centres/gavle/exam-bookings?status=requested')
    ).json().bookings as Array<{ id: string; version: number; email: string; sessionId: string }>;
    const stina = list.find((b) => b.email === 'stina@student.example' && b.sessionId === session.id)!;
    const before = smtp.received.length;
    const confirmed = await as('gavle', 'PATCH', `/api/exam-bookings/${stina.id}`, {
      version: stina.version,
      status: 'confirmed',
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', version: stina.version + 1 });
    const mail = smtp.received.slice(before).join('\n');
    expect(mail).toContain('text/calendar');
    expect(mail).toContain('tentamen.ics');
    expect(mail).toMatch(/tentamensexpeditionen/);
    const [stored] = (await database.db.select().from(outbox)).filter(
      (m) => m.to === 'stina@student.example' && m.subject.startsWith('Bekräftad'),
    );
    expect(stored?.attachments?.[0]?.content).toContain('BEGIN:VEVENT');
    expect(stored?.sentAt).not.toBeNull();

    const stale = await as('gavle', 'PATCH', `/api/exam-bookings/${stina.id}`, {
      version: stina.version,
      status: 'confirmed',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.currentVersion).toBe(stina.version + 1);

    const other = list.find((b) => b.email === 'olle@student.example')!;
    const noReason = await as('gavle', 'PATCH', `/api/exam-bookings/${other.id}`, {
      version: other.version,
      status: 'declined',
    });
    expect(noReason.statusCode).toBe(400);
    const declined = await as('gavle', 'PATCH', `/api/exam-bookings/${other.id}`, {
      version: other.version,
      status: 'declined',
      reason: 'Inga skrivvakter den dagen.',
    });
    expect(declined.json()).toMatchObject({
      status: 'declined',
      declineReason: 'Inga skrivvakter den dagen.',
    });

    const later = await publish(55, 3);
    const moved = await as('gavle', 'PATCH', `/api/exam-bookings/${stina.id}`, {
      version: stina.version + 1,
      sessionId: later.id,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ sessionId: later.id, status: 'confirmed' });
    const sessions = (await as('gavle', 'GET', '/api/learning-centres/gavle/exam-sessions/all')).json()
      .sessions;
    expect(sessions.find((x: { id: string }) => x.id === later.id).taken).toBe(1);
    // Original session: 2 booked, one declined, one moved away.
    expect(sessions.find((x: { id: string }) => x.id === session.id).taken).toBe(0);

    const audit = (await database.db.select().from(auditEvents)).filter((e) =>
      e.entityType.startsWith('exam_'),
    );
    expect(audit.filter((e) => e.entityId === stina.id).map((e) => e.action)).toEqual([
      'create',
      'confirm',
      'move',
    ]);
    expect(audit.filter((e) => e.entityType === 'exam_session').every((e) => e.actorId !== null)).toBe(true);
    // The trail outlives the booking's personal data, so it holds none.
    expect(JSON.stringify(audit)).not.toContain('stina@');
  });

  it('centre settings change the rules (audited, versioned)', async () => {
    const read = (await as('gavle', 'GET', '/api/learning-centres/gavle/exam-settings')).json();
    expect(read).toMatchObject({
      noticeWorkingDays: 7,
      feeSek: 800,
      freeResits: 2,
      retentionDays: 90,
      version: null,
    });
    const put = await as('gavle', 'PUT', '/api/learning-centres/gavle/exam-settings', {
      version: null,
      feeSek: 650,
      examOfficeNote: 'Tentamen skickas till tenta@gavle.example',
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ feeSek: 650, version: 1 });
    expect(
      (await as('gavle', 'PUT', '/api/learning-centres/gavle/exam-settings', { version: null, feeSek: 1 }))
        .statusCode,
    ).toBe(409);
    expect((await as('sandviken', 'GET', '/api/learning-centres/gavle/exam-settings')).statusCode).toBe(404);
    const check = await as(null, 'POST', '/api/exam-bookings/check', {
      sessionId: (await publish(80)).id,
      homeMunicipality: '0180',
    });
    expect(check.json().fee.amount).toBe(650);
  });

  it('deletes personal data 90 days after the exam; the counts remain', async () => {
    const rows = await database.db.select().from(examBookings);
    const total = rows.length;
    expect(await erasePastBookings(database.db, new Date())).toBe(0);
    // The day before the 90th day nothing goes; on it, the bookings of the first session go.
    const dayBefore = new Date(`${addCalendarDays(session.date, 89)}T12:00:00Z`);
    expect(await erasePastBookings(database.db, dayBefore)).toBe(0);
    const due = rows.filter((r) => r.examDate <= session.date).length;
    const onDay = new Date(`${addCalendarDays(session.date, 90)}T12:00:00Z`);
    expect(await erasePastBookings(database.db, onDay)).toBe(due);
    const after = await database.db.select().from(examBookings);
    expect(after).toHaveLength(total);
    const erased = after.filter((r) => r.personalDataDeletedAt !== null);
    expect(erased).toHaveLength(due);
    for (const r of erased) {
      expect([r.name, r.email, r.phone, r.homeMunicipality, r.courseCode, r.arrangements]).toEqual([
        null,
        null,
        null,
        null,
        null,
        null,
      ]);
      expect(r.status).toMatch(/requested|confirmed|declined/);
      // The key of the student's export link goes with the personal data (the link then answers 404).
      expect(r.exportKeyHash).toBeNull();
    }
    // The outbox copies of their messages went too; messages about bookings still kept remain.
    const mail = await database.db.select().from(outbox);
    expect(mail.filter((m) => m.to === 'olle@student.example')).toEqual([]);
    expect(mail.some((m) => m.to === 'stina@student.example')).toBe(true);
  });
});
