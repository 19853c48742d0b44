import {
  boolean,
  date,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * The yearly prioritised list (issue 12), owned by src/modules/prioritisation. Every table is region-owned
 * (`region_id`, row-level security on the acting region like audit_events); the published versions are also read
 * publicly (by the app's owner role, which RLS does not bind) and are immutable (a trigger refuses UPDATE/DELETE).
 */

/** A region's settings for the draft: weights, list size per band, strategic weights by field or SSYK. */
export const prioritisationSettings = pgTable('prioritisation_settings', {
  regionId: text('region_id').primaryKey(),
  /** Partial component weights; a missing component takes the method's default. */
  weights: jsonb('weights').$type<Record<string, number>>().notNull().default({}),
  /** Occupations proposed per band; null = the method's default (15). */
  listSize: integer('list_size'),
  /** Strategic weight 0–1 by field id or SSYK code. */
  strategic: jsonb('strategic').$type<Record<string, number>>().notNull().default({}),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A prioritisation round: region × year, `draft` → `consultation` → `decided` → `published`. Keeps the draft as it
 * was computed (rows with their score breakdown), the signal round and both method versions it used.
 */
export const prioritisationRounds = pgTable(
  'prioritisation_rounds',
  {
    id: text('id').primaryKey(),
    regionId: text('region_id').notNull(),
    year: integer('year').notNull(),
    state: text('state').notNull(),
    signalRound: text('signal_round').notNull(),
    methodVersion: text('method_version').notNull(),
    methodHash: text('method_hash').notNull(),
    signalMethodVersion: text('signal_method_version').notNull(),
    signalMethodHash: text('signal_method_hash').notNull(),
    /** The draft as computed when the round was opened (PriorityDraft without the region's name). */
    draft: jsonb('draft').$type<Record<string, unknown>>().notNull(),
    consultationDeadline: date('consultation_deadline', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('prioritisation_rounds_region_year').on(t.regionId, t.year)],
);

/** A municipality's view of one candidate: agree | disagree | not_relevant, with an optional comment. */
export const prioritisationVotes = pgTable(
  'prioritisation_votes',
  {
    roundId: text('round_id').notNull(),
    municipalityId: text('municipality_id').notNull(),
    ssyk: text('ssyk').notNull(),
    regionId: text('region_id').notNull(),
    vote: text('vote').notNull(),
    comment: text('comment'),
    votedBy: text('voted_by'),
    votedAt: timestamp('voted_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.municipalityId, t.ssyk] })],
);

/** A municipality's proposal to add an occupation that is not among the draft's proposals, with its reason. */
export const prioritisationProposals = pgTable(
  'prioritisation_proposals',
  {
    roundId: text('round_id').notNull(),
    municipalityId: text('municipality_id').notNull(),
    ssyk: text('ssyk').notNull(),
    regionId: text('region_id').notNull(),
    reason: text('reason').notNull(),
    proposedBy: text('proposed_by'),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.municipalityId, t.ssyk] })],
);

/** The strategist's decision per occupation: include or not, strategic flag, rationale where it departs. */
export const prioritisationDecisions = pgTable(
  'prioritisation_decisions',
  {
    roundId: text('round_id').notNull(),
    ssyk: text('ssyk').notNull(),
    regionId: text('region_id').notNull(),
    include: boolean('include').notNull(),
    strategic: boolean('strategic').notNull().default(false),
    rationale: text('rationale'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.ssyk] })],
);

/** One entry of a published list. */
export interface PublishedRow {
  ssyk: string;
  name: string;
  seqfBand: '4' | '5-6' | '6-8';
  field: string | null;
  strategic: boolean;
}

/**
 * A published list: immutable (trigger), versioned per region × year. A correction is a new version with a change
 * note. `origin` 'decision' (from a round) or 'import' (a list published before Semafor).
 */
export const prioritisationVersions = pgTable(
  'prioritisation_versions',
  {
    regionId: text('region_id').notNull(),
    year: integer('year').notNull(),
    version: integer('version').notNull(),
    roundId: text('round_id'),
    origin: text('origin').notNull(),
    title: text('title').notNull(),
    changeNote: text('change_note'),
    /** Signal round, methods, reference date of the data the list came from (null for imported lists). */
    basis: jsonb('basis').$type<Record<string, unknown> | null>(),
    rows: jsonb('rows').$type<PublishedRow[]>().notNull(),
    publishedBy: text('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.year, t.version] })],
);
