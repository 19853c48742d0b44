import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Learning centres' daily work (issue 14), owned by src/modules/exam-booking: exam sessions, bookings and each
 * centre's booking settings. `centre_id` is the registry id (learning_centres.id); the staff organisation of a
 * centre is `learning_centre:<centre id>` (see src/modules/learning-centres/centre-organisation.service.ts). Every row
 * carries `region_id`, the tenant (the county of the centre's municipality).
 */

/** Exam sessions a centre publishes: a time, a room and a number of seats. `taken` counts live bookings. */
export const examSessions = pgTable(
  'exam_sessions',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id').notNull(),
    regionId: text('region_id').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    room: text('room').notNull(),
    seats: integer('seats').notNull(),
    /** Requested + confirmed bookings; raised only by `taken < seats` in one UPDATE, so seats are never oversold. */
    taken: integer('taken').notNull().default(0),
    /** 'open' | 'cancelled'. */
    status: text('status').notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('exam_sessions_centre_idx').on(t.centreId, t.startsAt)],
);

/**
 * Bookings of a seat. The personal fields (name, e-mail, phone, home municipality, institution, course, special
 * arrangements) are set to null `retention_days` after the exam by the daily job (`personal_data_deleted_at`);
 * status, fee, dates and the course code's absence keep the counts for statistics.
 */
export const examBookings = pgTable(
  'exam_bookings',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id').notNull(),
    centreId: text('centre_id').notNull(),
    regionId: text('region_id').notNull(),
    /** 'requested' | 'confirmed' | 'declined' | 'cancelled'. A move keeps the status and changes the session. */
    status: text('status').notNull(),
    name: text('name'),
    email: text('email'),
    phone: text('phone'),
    homeMunicipality: text('home_municipality'),
    institution: text('institution'),
    courseCode: text('course_code'),
    courseName: text('course_name'),
    examMinutes: integer('exam_minutes'),
    /** { extraTime, separateRoom, computer, other } as the student gave them. */
    arrangements: jsonb('arrangements').$type<{
      extraTime: boolean;
      separateRoom: boolean;
      computer: boolean;
      other: string | null;
    }>(),
    /** Resident of a free municipality when booked (kept after deletion, for the statistics). */
    resident: boolean('resident').notNull(),
    feeSek: integer('fee_sek').notNull(),
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
    /** Which consent text the student accepted (see CONSENT_TEXTS in the module). */
    consentVersion: text('consent_version').notNull(),
    declineReason: text('decline_reason'),
    /** Swedish calendar date of the exam: the deletion date is counted from it. */
    examDate: text('exam_date').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    personalDataDeletedAt: timestamp('personal_data_deleted_at', { withTimezone: true }),
    /** SHA-256 of the key in the student's own export link (sent in the booking's e-mails); null after deletion. */
    exportKeyHash: text('export_key_hash'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('exam_bookings_centre_idx').on(t.centreId, t.status),
    index('exam_bookings_session_idx').on(t.sessionId),
    index('exam_bookings_resit_idx').on(sql`lower(${t.email})`, t.courseCode),
    index('exam_bookings_exam_date_idx').on(t.examDate),
  ],
);

/** A centre's booking rules; absent columns (null) take the defaults of src/core/exam-booking/rules.ts. */
export const examBookingSettings = pgTable('exam_booking_settings', {
  centreId: text('centre_id').primaryKey(),
  regionId: text('region_id').notNull(),
  noticeWorkingDays: integer('notice_working_days'),
  feeSek: integer('fee_sek'),
  freeResits: integer('free_resits'),
  retentionDays: integer('retention_days'),
  freeMunicipalities: text('free_municipalities').array(),
  /** What the student tells the exam office of their university (address, contact); null = the centre's e-mail. */
  examOfficeNote: text('exam_office_note'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  version: integer('version').notNull().default(1),
});

/**
 * Registry fields edited in the web app (owned by src/modules/learning-centres). An edit wins over the registry
 * file: after each import the edited value is written back, and when the file brings a new value for an edited
 * field (different from both the edit and the file's value at the time of the edit) the file's value waits in
 * `conflict_value` for an admin's decision.
 */
export const learningCentreEdits = pgTable(
  'learning_centre_edits',
  {
    centreId: text('centre_id').notNull(),
    /** Field name as in the API (`openingHours`, `services`, `contactEmail`, `streetAddress`, …). */
    field: text('field').notNull(),
    regionId: text('region_id').notNull(),
    value: jsonb('value').$type<unknown>(),
    /** The file's value when the field was edited (null when the file had none). */
    importedValue: jsonb('imported_value').$type<unknown>(),
    conflictValue: jsonb('conflict_value').$type<unknown>(),
    conflictAt: timestamp('conflict_at', { withTimezone: true }),
    editedBy: text('edited_by'),
    editedAt: timestamp('edited_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.centreId, t.field] }),
    index('learning_centre_edits_region_idx').on(t.regionId),
  ],
);

/** Version of a centre's editable registry fields (optimistic concurrency for PATCH). */
export const learningCentreVersions = pgTable('learning_centre_versions', {
  centreId: text('centre_id').primaryKey(),
  version: integer('version').notNull().default(1),
});

/**
 * The 3M activity log of a centre (owned by src/modules/centre-activities): what the centre did as broker
 * (mäklare), engine (motor) or meeting place (mötesplats). Participants are a count and partners organisation
 * names, never people; `case_id` may link an employer-needs case of the needs module.
 */
export const centreActivities = pgTable(
  'centre_activities',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id').notNull(),
    regionId: text('region_id').notNull(),
    /** ISO date of the activity. */
    date: text('date').notNull(),
    /** 'maklare' | 'motor' | 'motesplats'. */
    role: text('role').notNull(),
    /** Free text: "företagsbesök", "studiecirkel", "öppet hus" … */
    type: text('type').notNull(),
    participants: integer('participants').notNull().default(0),
    partners: text('partners').array().notNull().default(sql`'{}'::text[]`),
    caseId: text('case_id'),
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('centre_activities_centre_idx').on(t.centreId, t.date)],
);
