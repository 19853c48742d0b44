import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Employer needs and broker cases (issue 11), owned by `src/modules/employer-needs`. Every row belongs to one region
 * (`region_id` = `county:NN`, the tenant) and is protected by row-level security like `audit_events`: reads and
 * writes for one region run in `withRegion`. Dates the brokers think in (the day a need was heard, the feedback
 * deadline) are ISO date strings so no time zone moves them.
 */

/**
 * Employers (legal persons only: a sole trader's personal identity number is refused and never stored). The region
 * is the county of the municipality. `last_activity_at` drives the deletion of contacts.
 */
export const employers = pgTable(
  'employers',
  {
    id: text('id').primaryKey(),
    regionId: text('region_id').notNull(),
    /** Ten digits with hyphen, `556016-0680`. */
    organisationNumber: text('organisation_number').notNull(),
    name: text('name').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    address: text('address'),
    /** SNI 2007, five digits with an optional dot (`62.010` stored as `62010`). */
    sni: text('sni'),
    /** `micro` (<10), `small` (10–49), `medium` (50–249), `large` (250+). */
    sizeClass: text('size_class'),
    note: text('note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by'),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('employers_region_orgnr_idx').on(t.regionId, t.organisationNumber),
    index('employers_region_municipality_idx').on(t.regionId, t.municipalityCode),
  ],
);

/** Contact people at an employer: minimal, region-only, deleted on schedule (see module settings) or on request. */
export const employerContacts = pgTable(
  'employer_contacts',
  {
    id: text('id').primaryKey(),
    regionId: text('region_id').notNull(),
    employerId: text('employer_id').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull().default(''),
    email: text('email'),
    phone: text('phone'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('employer_contacts_employer_idx').on(t.regionId, t.employerId)],
);

/** A need an employer told a broker about. The area is derived from the employer's municipality when recorded. */
export const employerNeeds = pgTable(
  'employer_needs',
  {
    id: text('id').primaryKey(),
    regionId: text('region_id').notNull(),
    employerId: text('employer_id').notNull(),
    /** The day the need was heard (ISO date). */
    recordedOn: text('recorded_on').notNull(),
    recordedBy: text('recorded_by'),
    municipalityCode: text('municipality_code').notNull(),
    /** The region's labour-market area (`area:<slug>`) containing the municipality, when there is one. */
    areaId: text('area_id'),
    people: integer('people').notNull(),
    horizon: text('horizon').notNull(),
    seqfLevel: integer('seqf_level'),
    difficulty: text('difficulty').notNull(),
    channel: text('channel').notNull(),
    urgency: text('urgency').notNull().default('normal'),
    note: text('note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('employer_needs_region_date_idx').on(t.regionId, t.recordedOn),
    index('employer_needs_employer_idx').on(t.employerId),
  ],
);

/** The SSYK-4 occupations of a need. */
export const employerNeedOccupations = pgTable(
  'employer_need_occupations',
  {
    needId: text('need_id').notNull(),
    regionId: text('region_id').notNull(),
    ssyk: text('ssyk').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.needId, t.ssyk] }),
    index('employer_need_occupations_ssyk_idx').on(t.ssyk),
  ],
);

/** The case every need opens: status, feedback deadline (working days) and the feedback given. */
export const brokerCases = pgTable(
  'broker_cases',
  {
    id: text('id').primaryKey(),
    regionId: text('region_id').notNull(),
    needId: text('need_id').notNull(),
    status: text('status').notNull().default('new'),
    openedOn: text('opened_on').notNull(),
    deadline: text('deadline').notNull(),
    feedbackText: text('feedback_text'),
    feedbackOn: text('feedback_on'),
    closedOn: text('closed_on'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('broker_cases_need_idx').on(t.needId),
    index('broker_cases_region_status_idx').on(t.regionId, t.status),
  ],
);

/** Solutions proposed in a case (one or more). */
export const caseSolutions = pgTable(
  'case_solutions',
  {
    id: text('id').primaryKey(),
    regionId: text('region_id').notNull(),
    caseId: text('case_id').notNull(),
    kind: text('kind').notNull(),
    description: text('description').notNull().default(''),
    /** An education offer of the education module, when the solution is an existing offer. */
    educationOfferId: text('education_offer_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by'),
  },
  (t) => [index('case_solutions_case_idx').on(t.regionId, t.caseId)],
);

/** A region's settings of the module; a missing row means the documented defaults (24 months, 10 working days). */
export const employerNeedsSettings = pgTable('employer_needs_settings', {
  regionId: text('region_id').primaryKey(),
  contactRetentionMonths: integer('contact_retention_months').notNull().default(24),
  feedbackDeadlineDays: integer('feedback_deadline_days').notNull().default(10),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
  version: integer('version').notNull().default(1),
});
