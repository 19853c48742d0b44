import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REFUSAL_CODES } from '../../core/exam-booking/rules.js';
import { registerDailyJob } from '../../server/daily-job.js';
import type { AppDeps } from '../../server/deps.js';
import { PUBLIC } from '../../server/policy.js';
import { auditContext, identityOf } from '../../server/request-context.js';
import { loadAuthSettings } from '../auth/auth-settings.js';
import { CENTRE_STAFF, centreParams } from '../learning-centres/centre-routes.js';
import {
  CONSENT_TEXTS,
  CURRENT_CONSENT_VERSION,
  changeBooking,
  checkBooking,
  createBooking,
  createSession,
  erasePastBookings,
  exportOwnBooking,
  getExamSettings,
  listAllSessions,
  listBookings,
  listSessions,
  putExamSettings,
} from './exam-booking.service.js';

const sessionSchema = z.object({
  id: z.string(),
  centreId: z.string(),
  start: z.string(),
  end: z.string(),
  room: z.string(),
  seats: z.number().int(),
  taken: z.number().int(),
  free: z.number().int(),
  status: z.string(),
  date: z.string().describe('Swedish calendar date of the exam'),
  lastBookingDay: z.string().describe('Last day a booking is accepted (working days of notice)'),
  bookable: z.boolean(),
  version: z.number().int(),
});

const feeSchema = z.object({ amount: z.number().int(), currency: z.literal('SEK') });
const refusalSchema = z.object({ code: z.enum(REFUSAL_CODES), message: z.string() });

const bookingSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  centreId: z.string(),
  status: z.string(),
  start: z.string(),
  end: z.string(),
  room: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  homeMunicipality: z.string().nullable(),
  institution: z.string().nullable(),
  courseCode: z.string().nullable(),
  courseName: z.string().nullable(),
  examMinutes: z.number().int().nullable(),
  arrangements: z
    .object({
      extraTime: z.boolean(),
      separateRoom: z.boolean(),
      computer: z.boolean(),
      other: z.string().nullable(),
    })
    .nullable(),
  fee: feeSchema,
  resident: z.boolean(),
  consent: z.object({ at: z.string(), version: z.string() }),
  declineReason: z.string().nullable(),
  createdAt: z.string(),
  personalDataDeletedAt: z.string().nullable(),
  version: z.number().int(),
});

const settingsSchema = z.object({
  noticeWorkingDays: z.number().int(),
  feeSek: z.number().int(),
  freeResits: z.number().int(),
  retentionDays: z.number().int(),
  freeMunicipalities: z.array(z.string()).nullable(),
  examOfficeNote: z.string().nullable(),
  version: z.number().int().nullable(),
});

const bookingBody = z.object({
  sessionId: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320),
  phone: z.string().trim().max(40).optional(),
  homeMunicipality: z.string().regex(/^\d{4}$/, 'Kommunkod med fyra siffror'),
  institution: z.string().trim().min(1).max(200).describe('University or YH provider'),
  courseCode: z.string().trim().min(1).max(40),
  courseName: z.string().trim().min(1).max(300),
  examMinutes: z.number().int().min(15).max(720).optional(),
  arrangements: z
    .object({
      extraTime: z.boolean().optional(),
      separateRoom: z.boolean().optional(),
      computer: z.boolean().optional(),
      other: z.string().trim().max(500).optional(),
    })
    .optional(),
  consent: z.boolean(),
  consentVersion: z.string().max(20).optional(),
});

const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
    requestId: z.string().optional(),
  }),
});

/** Public booking attempts per IP and minute (EXAM_BOOKING_RATE_LIMIT, default 10), like sign-in. */
function bookingRateLimit(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.EXAM_BOOKING_RATE_LIMIT);
  return Number.isInteger(n) && n > 0 ? n : 10;
}

/** Runs the deletion of past bookings' personal data at start and then once a day. */
/**
 * Exam invigilation (issue 14): sessions and the booking form are public, the centre's staff (`larcentrum` in the
 * organisation `learning_centre:<id>`) handle bookings; staff of another centre get 404 for everything internal.
 */
export function examBookingRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const mail = deps.auth ?? loadAuthSettings();
  return async (app) => {
    const db = deps.database.db;

    registerDailyJob(app, 'exam bookings: personal data deleted after the retention period', async () => ({
      erased: await erasePastBookings(db, new Date()),
    }));

    app.get(
      '/learning-centres/:id/exam-sessions',
      {
        config: { policy: PUBLIC },
        schema: {
          summary: 'Open exam sessions of a learning centre with free seats, and its booking rules',
          tags: ['exam-booking'],
          params: centreParams,
          response: {
            200: z.object({
              centre: z.object({ id: z.string(), name: z.string() }),
              sessions: z.array(sessionSchema),
              settings: z.object({
                noticeWorkingDays: z.number().int(),
                feeSek: z.number().int(),
                freeResits: z.number().int(),
                retentionDays: z.number().int(),
              }),
              consent: z.object({ version: z.string(), text: z.string() }),
            }),
          },
        },
      },
      async (request) => ({
        ...(await listSessions(db, request.params.id, new Date())),
        consent: { version: CURRENT_CONSENT_VERSION, text: CONSENT_TEXTS[CURRENT_CONSENT_VERSION] },
      }),
    );

    app.get(
      '/learning-centres/:id/exam-sessions/all',
      {
        config: { policy: CENTRE_STAFF },
        schema: {
          summary: 'All coming sessions of your centre, full ones included (staff)',
          tags: ['exam-booking'],
          params: centreParams,
          response: { 200: z.object({ sessions: z.array(sessionSchema) }) },
        },
      },
      async (request) => ({
        sessions: await listAllSessions(db, identityOf(request), request.params.id, new Date()),
      }),
    );

    app.post(
      '/learning-centres/:id/exam-sessions',
      {
        config: { policy: CENTRE_STAFF },
        schema: {
          summary: 'Publish an exam session (staff of the centre)',
          tags: ['exam-booking'],
          params: centreParams,
          body: z.object({
            start: z.iso.datetime({ offset: true }),
            end: z.iso.datetime({ offset: true }),
            room: z.string().trim().min(1).max(200),
            seats: z.number().int().min(1).max(500),
          }),
          response: { 201: sessionSchema },
        },
      },
      async (request, reply) => {
        const session = await createSession(
          db,
          identityOf(request),
          request.params.id,
          {
            start: new Date(request.body.start),
            end: new Date(request.body.end),
            room: request.body.room,
            seats: request.body.seats,
          },
          auditContext(request),
          new Date(),
        );
        return reply.status(201).send(session);
      },
    );

    app.post(
      '/exam-bookings/check',
      {
        config: {
          policy: PUBLIC,
          rateLimit: { max: bookingRateLimit() * 10, timeWindow: '1 minute' },
        },
        schema: {
          summary:
            'What would block a booking, and its fee (nothing is stored); the form asks before submitting',
          tags: ['exam-booking'],
          body: bookingBody.partial().extend({ sessionId: z.string().min(1).max(100) }),
          response: {
            200: z.object({
              ok: z.boolean(),
              refusals: z.array(refusalSchema),
              fee: feeSchema,
              lastBookingDay: z.string(),
            }),
          },
        },
      },
      async (request) => checkBooking(db, request.body, new Date()),
    );

    app.post(
      '/exam-bookings',
      {
        config: {
          policy: PUBLIC,
          rateLimit: { max: bookingRateLimit(), timeWindow: '1 minute' },
        },
        schema: {
          summary:
            'Book a seat at an exam session (public); 422 with too_late, session_full, resits_exceeded or consent_required',
          tags: ['exam-booking'],
          body: bookingBody,
          response: {
            201: z.object({
              id: z.string(),
              status: z.literal('requested'),
              fee: feeSchema,
              exportUrl: z.string().describe("The student's own export link (also in the receipt e-mail)"),
            }),
            422: errorSchema,
            429: errorSchema,
          },
        },
      },
      async (request, reply) => {
        const created = await createBooking(db, mail, request.body, new Date(), {
          baseUrl: mail.publicUrl ?? `${request.protocol}://${request.host}`,
        });
        return reply
          .status(201)
          .send({ id: created.id, status: created.status, fee: created.fee, exportUrl: created.exportUrl });
      },
    );

    app.get(
      '/exam-bookings/:id/export',
      {
        config: { policy: PUBLIC, rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          summary:
            "A student's own booking data as JSON (the personal link in the receipt e-mail; 404 once deleted)",
          tags: ['exam-booking'],
          params: z.object({ id: z.string().min(1).max(100) }),
          querystring: z.object({ key: z.string().min(16).max(100) }),
          response: {
            200: z.object({
              booking: bookingSchema.omit({ personalDataDeletedAt: true, version: true }),
              centre: z.object({ id: z.string(), name: z.string(), contactEmail: z.string().nullable() }),
              consentText: z.string(),
              deletion: z.string().describe('The day the personal data are deleted'),
              exportedAt: z.string(),
            }),
          },
        },
      },
      async (request, reply) => {
        const data = await exportOwnBooking(db, request.params.id, request.query.key);
        // Personal data: never cached by a shared cache; the download name tells the student what it is.
        reply.header('cache-control', 'no-store');
        if ((request.headers.accept ?? '').includes('application/octet-stream')) {
          reply.header(
            'content-disposition',
            `attachment; filename="tentamensbokning-${request.params.id}.json"`,
          );
        }
        return data;
      },
    );

    app.get(
      '/learning-centres/:id/exam-bookings',
      {
        config: { policy: CENTRE_STAFF },
        schema: {
          summary: 'Bookings of your centre (staff of the centre)',
          tags: ['exam-booking'],
          params: centreParams,
          querystring: z.object({
            status: z
              .string()
              .regex(/^(requested|confirmed|declined)(,(requested|confirmed|declined))*$/)
              .optional()
              .describe('Comma-separated statuses'),
          }),
          response: { 200: z.object({ bookings: z.array(bookingSchema) }) },
        },
      },
      async (request) => ({
        bookings: await listBookings(
          db,
          identityOf(request),
          request.params.id,
          request.query.status?.split(','),
        ),
      }),
    );

    app.patch(
      '/exam-bookings/:id',
      {
        config: { policy: CENTRE_STAFF },
        schema: {
          summary: 'Confirm, decline (with a reason) or move a booking (staff of its centre; 409 when stale)',
          tags: ['exam-booking'],
          params: z.object({ id: z.string().min(1).max(100) }),
          body: z.object({
            version: z.number().int().min(1),
            status: z.enum(['confirmed', 'declined']).optional(),
            reason: z.string().trim().max(1000).optional(),
            sessionId: z.string().min(1).max(100).optional().describe('Move to this session of the centre'),
          }),
          response: { 200: bookingSchema },
        },
      },
      async (request) =>
        changeBooking(
          db,
          mail,
          identityOf(request),
          request.params.id,
          request.body,
          auditContext(request),
          new Date(),
        ),
    );

    app.get(
      '/learning-centres/:id/exam-settings',
      {
        config: { policy: CENTRE_STAFF },
        schema: {
          summary: 'Booking rules of your centre with defaults filled in (staff)',
          tags: ['exam-booking'],
          params: centreParams,
          response: { 200: settingsSchema },
        },
      },
      async (request) => getExamSettings(db, identityOf(request), request.params.id),
    );

    app.put(
      '/learning-centres/:id/exam-settings',
      {
        config: { policy: CENTRE_STAFF },
        schema: {
          summary:
            'Change the booking rules of your centre (staff; send the version read, null the first time)',
          tags: ['exam-booking'],
          params: centreParams,
          body: z.object({
            version: z.number().int().min(1).nullable(),
            noticeWorkingDays: z.number().int().min(0).max(60).optional(),
            feeSek: z.number().int().min(0).max(100_000).optional(),
            freeResits: z.number().int().min(0).max(20).optional(),
            retentionDays: z.number().int().min(1).max(3650).optional(),
            freeMunicipalities: z
              .array(z.string().regex(/^\d{4}$/))
              .max(400)
              .nullable()
              .optional(),
            examOfficeNote: z.string().trim().max(2000).nullable().optional(),
          }),
          response: { 200: settingsSchema },
        },
      },
      async (request) =>
        putExamSettings(
          db,
          identityOf(request),
          request.params.id,
          request.body,
          auditContext(request),
          new Date(),
        ),
    );
  };
}
