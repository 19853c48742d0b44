import { boolean, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Learners of learning centres and their follow-up (issue 14), owned by src/modules/learners. Every row carries
 * `region_id`, the tenant (the county of the centre); RLS keeps reads and writes to the acting region.
 */

/**
 * A learner the centre supports, recorded with the learner's consent. Minimal: a name (so staff can find the
 * learner) and an e-mail (for the follow-up survey) are the only direct identifiers; both are set to null when the
 * row is anonymised `retention_months` after completion or drop-out. Withdrawing consent deletes the row and its
 * surveys.
 */
export const learners = pgTable(
  'learners',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id').notNull(),
    regionId: text('region_id').notNull(),
    name: text('name'),
    email: text('email'),
    /** komvux | yrkesvux | yh | university | folkhogskola | other */
    studyForm: text('study_form').notNull(),
    programme: text('programme').notNull(),
    /** SSYK-4 codes the programme leads to (occupation picker). */
    occupations: text('occupations').array().notNull(),
    provider: text('provider').notNull(),
    /** ISO date the studies started. */
    startDate: text('start_date').notNull(),
    homeMunicipality: text('home_municipality').notNull(),
    /** woman | man | other | unspecified */
    gender: text('gender').notNull(),
    /** '-24' | '25-34' | '35-44' | '45-54' | '55-' */
    ageBand: text('age_band').notNull(),
    /** ongoing | completed | dropped_out */
    completion: text('completion').notNull(),
    /** ISO date of completion or drop-out. */
    completionDate: text('completion_date'),
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
    consentVersion: text('consent_version').notNull(),
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('learners_centre_idx').on(t.centreId, t.startDate),
    index('learners_region_idx').on(t.regionId),
  ],
);

/**
 * The follow-up survey of a learner 6–12 months after completion: one single-use link per learner, stored only as
 * the SHA-256 of its token. The answers stay with the (later anonymised) learner row for the KPIs.
 */
export const learnerSurveys = pgTable(
  'learner_surveys',
  {
    id: text('id').primaryKey(),
    learnerId: text('learner_id').notNull().unique(),
    centreId: text('centre_id').notNull(),
    regionId: text('region_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    employed: boolean('employed'),
    /** Municipality code of the work (null when not employed or not said). */
    workMunicipality: text('work_municipality'),
    inOccupation: boolean('in_occupation'),
  },
  (t) => [index('learner_surveys_centre_idx').on(t.centreId)],
);

/** Study-place visits as counts per month (entered by staff or imported); optionally by gender and age band. */
export const studyPlaceVisits = pgTable(
  'study_place_visits',
  {
    centreId: text('centre_id').notNull(),
    /** YYYY-MM. */
    month: text('month').notNull(),
    /** A gender or 'all' when the count has no breakdown. */
    gender: text('gender').notNull(),
    /** An age band or 'all'. */
    ageBand: text('age_band').notNull(),
    regionId: text('region_id').notNull(),
    visits: integer('visits').notNull(),
    /** entered | imported */
    source: text('source').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.centreId, t.month, t.gender, t.ageBand] })],
);

/** Costs a centre enters for its grant report, per year and category (SEK). */
export const centreGrantCosts = pgTable(
  'centre_grant_costs',
  {
    centreId: text('centre_id').notNull(),
    year: integer('year').notNull(),
    /** staff | premises | equipment | activities | other */
    category: text('category').notNull(),
    regionId: text('region_id').notNull(),
    amountSek: integer('amount_sek').notNull(),
    note: text('note'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.centreId, t.year, t.category] })],
);

/**
 * A centre's learner settings; null columns take the documented defaults of src/core/learners/follow-up.ts
 * (survey 6–12 months after completion, link valid 30 days, anonymisation 24 months after completion).
 */
export const learnerSettings = pgTable('learner_settings', {
  centreId: text('centre_id').primaryKey(),
  regionId: text('region_id').notNull(),
  surveyAfterMonths: integer('survey_after_months'),
  surveyUntilMonths: integer('survey_until_months'),
  surveyLinkDays: integer('survey_link_days'),
  retentionMonths: integer('retention_months'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  version: integer('version').notNull().default(1),
});
