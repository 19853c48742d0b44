import {
  boolean,
  date,
  doublePrecision,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import type { InputDefaults } from '../../core/signals/types.js';

/**
 * Computed signals (src/core/signals): one row per method version × round × geography × SSYK-4. Computing with a
 * new method version adds rows and keeps the old ones for comparison. `inputs` holds every indicator with its
 * source and period exactly as the method saw them; the full bilingual explanation is rendered from it with the
 * stored method version (guarded by `method_hash`).
 */
export const signals = pgTable(
  'signals',
  {
    methodVersion: text('method_version').notNull(),
    roundId: text('round_id').notNull(),
    geographyId: text('geography_id').notNull(),
    ssykCode: text('ssyk_code').notNull(),
    methodHash: text('method_hash').notNull(),
    /** 'brist' | 'balans' | 'overskott' | 'paradox' | 'otillrackligt_underlag'. */
    signalClass: text('signal_class').notNull(),
    score: doublePrecision('score'),
    watch: boolean('watch').notNull(),
    /** 'oka' | 'oforandrad' | 'minska' | null. */
    outlook: text('outlook'),
    confidence: integer('confidence').notNull(),
    // `json` rather than `jsonb`: written in bulk and read whole, never queried inside; json loads about twice as
    // fast (measured in PGlite).
    drivers: json('drivers').$type<string[]>().notNull(),
    /**
     * The method's input (indicators, outlook sources, context, members), with provenance reduced against the
     * round's `signal_runs.input_defaults`.
     */
    inputs: json('inputs').$type<Record<string, unknown>>().notNull(),
    /** Context facts copied from `inputs.context` for the list view (null when the source has none). */
    employees: integer('employees'),
    employeesYear: integer('employees_year'),
    retirements5: integer('retirements_5'),
    retirements10: integer('retirements_10'),
    retirementsEstimated: boolean('retirements_estimated'),
  },
  (t) => [
    // The primary key also serves one occupation across geographies (the map, ~90 rows): a range scan over the
    // round's part of the key (a skip scan in PGlite, which is PostgreSQL 18). A second index on (method, round,
    // ssyk) was dropped: with the key it added about a third to the index work of every recomputation's COPY.
    primaryKey({ columns: [t.methodVersion, t.roundId, t.geographyId, t.ssykCode] }),
  ],
);

/** One row per computed method version × round: when, from which inputs, how many signals and which levels. */
export const signalRuns = pgTable(
  'signal_runs',
  {
    methodVersion: text('method_version').notNull(),
    roundId: text('round_id').notNull(),
    methodHash: text('method_hash').notNull(),
    /** Human label of the round, e.g. "Yrkesprognoser 18H, län, ett års sikt". */
    label: text('label').notNull(),
    /** The AF dataset the round comes from, e.g. 'af-yrkesbarometer/barometer'. */
    dataset: text('dataset').notNull(),
    referenceDate: date('reference_date', { mode: 'string' }).notNull(),
    /** Geography types computed for the round, e.g. ['country','county','fa','area']. */
    geographyTypes: jsonb('geography_types').$type<string[]>().notNull(),
    /** Hash of everything the computation read (import runs, areas, method); unchanged → no recompute. */
    inputHash: text('input_hash').notNull(),
    signalCount: integer('signal_count').notNull(),
    /**
     * Provenance shared by the round's stored inputs (see src/modules/signals/stored-inputs.ts): rows store only
     * what differs from it. Null for rows written before the compact form, which store their inputs whole.
     */
    inputDefaults: json('input_defaults').$type<InputDefaults>(),
    seconds: doublePrecision('seconds').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.methodVersion, t.roundId] })],
);

/**
 * What the stored signals of a method version were last computed from, as a whole: the data version (a hash of
 * the latest successful import of every signal-input source and the custom areas) and the method hash. Written
 * when a full computation has finished; a data version that differs from the database's current one means the
 * signals are out of date (an import ended before computing, or areas changed), and import, serve and compute
 * recompute them.
 */
export const signalState = pgTable('signal_state', {
  methodVersion: text('method_version').primaryKey(),
  methodHash: text('method_hash').notNull(),
  dataVersion: text('data_version').notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
});
