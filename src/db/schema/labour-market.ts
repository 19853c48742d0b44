import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
} from 'drizzle-orm/pg-core';

/**
 * Labour-market knowledge base: Arbetsförmedlingen's Yrkesbarometer and Yrkesprognoser, SCB's Yrkesregistret.
 * Every figure carries its round (AF) or year (SCB); several rounds live side by side. Geographies use the ids of
 * the `geographies` table: `country:SE`, `county:21`, `fa:07`. SSYK codes are AF's 4-digit variant (400 codes,
 * `ssyk_groups.code`). See the README.md of each source adapter for the exact meaning of every column.
 */

/**
 * One row per round or period of a dataset, with its dates: Yrkesbarometer rounds ('2025-2'), forecast rounds
 * ('18H', 'v3'), SCB years ('2019'). `series`/`break_before` mark comparable series (SCB): never compare two
 * periods with different `series` without saying so.
 */
export const labourMarketRounds = pgTable(
  'labour_market_rounds',
  {
    sourceId: text('source_id').notNull(),
    /** Dataset within the source, e.g. 'barometer', '1-ar', '5-ar', 'bedomning', 'historik', 'employees'. */
    dataset: text('dataset').notNull(),
    roundId: text('round_id').notNull(),
    label: text('label').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    /** Publication date where the source states one (else null). */
    publishedOn: date('published_on', { mode: 'string' }),
    /** How the dates were determined (e.g. "från omgångens id"). */
    dateBasis: text('date_basis').notNull(),
    /** Comparable series id (SCB); null where not applicable. */
    series: text('series'),
    /** True when this period starts a new series (a break between it and the previous period). */
    breakBefore: boolean('break_before').notNull().default(false),
    note: text('note'),
    /** Dataset-specific facts, e.g. the horizon years of a forecast file. */
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.dataset, t.roundId] })],
);

/** Yrkesbarometer occupations per round (`yb_yrke`), with the field and how their SSYK codes were found. */
export const afBarometerOccupations = pgTable(
  'af_barometer_occupations',
  {
    roundId: text('round_id').notNull(),
    occupationName: text('occupation_name').notNull(),
    /** JobTech concept id of the barometer occupation (`yb_concept_id`), when the file has it. */
    conceptId: text('concept_id'),
    fieldName: text('field_name').notNull(),
    /** SSYK label(s) as written in the file (`ssyk_text`). */
    ssykText: text('ssyk_text'),
    /** 'code' (file has SSYK codes) | 'label' (labels mapped to codes) | 'unmapped' (no code found). */
    ssykSource: text('ssyk_source').notNull(),
    /** Why a label did not map (null when mapped). */
    mappingNote: text('mapping_note'),
    /** `antal_ssyk` when present. */
    ssykCount: integer('ssyk_count'),
    /** `yb_beskrivning`: explains a partial SSYK group. */
    description: text('description'),
    taxonomyVersion: integer('taxonomy_version'),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.occupationName] })],
);

/** Barometer occupation → SSYK-4 (one occupation can span several groups). */
export const afBarometerOccupationSsyk = pgTable(
  'af_barometer_occupation_ssyk',
  {
    roundId: text('round_id').notNull(),
    occupationName: text('occupation_name').notNull(),
    ssykCode: text('ssyk_code').notNull(),
    /** `del_av_ssyk` = 1: the occupation is only part of the SSYK group; null when the file does not say. */
    partOfGroup: boolean('part_of_group'),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.occupationName, t.ssykCode] }),
    index('af_barometer_occupation_ssyk_ssyk_idx').on(t.ssykCode),
  ],
);

/** One Yrkesbarometer assessment: round × occupation × geography (`country:SE` or `county:NN`). */
export const afBarometerAssessments = pgTable(
  'af_barometer_assessments',
  {
    roundId: text('round_id').notNull(),
    occupationName: text('occupation_name').notNull(),
    geographyId: text('geography_id').notNull(),
    /** 'brist' | 'balans' | 'overskott' | 'paradox' | null. */
    recruitment: text('recruitment'),
    /** 'stora' | 'medelstora' | 'sma' | null. */
    jobOpportunities: text('job_opportunities'),
    /** Five-year outlook of demand: 'oka' | 'oforandrad' | 'minska' | null. */
    outlook: text('outlook'),
    /** `paradox` list (reasons), null when the file does not carry it. */
    paradoxReasons: jsonb('paradox_reasons').$type<string[]>(),
    /** `hogsta_bedomningsniva`: 'nationellt' | 'nuts1' | 'nuts2' | 'lan' | null. */
    assessmentLevel: text('assessment_level'),
    /** `delvis_helt`: 'helt' | 'delvis' | null. */
    coverage: text('coverage'),
    textRecruitment: text('text_recruitment'),
    textOpportunities: text('text_opportunities'),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.occupationName, t.geographyId] }),
    index('af_barometer_assessments_geo_idx').on(t.geographyId, t.roundId),
  ],
);

/** Prognosis occupations (Prognosyrke) of a forecast round and horizon, with the SSYK cell as written. */
export const afForecastOccupations = pgTable(
  'af_forecast_occupations',
  {
    roundId: text('round_id').notNull(),
    horizonYears: integer('horizon_years').notNull(),
    occupationName: text('occupation_name').notNull(),
    fieldName: text('field_name').notNull(),
    /** The SSYK cell as written, e.g. '7114', '261', '2223, 2226, 2228, 2231'. */
    ssykSpec: text('ssyk_spec').notNull(),
    /** 'unit' (one SSYK-4) | 'list' (several SSYK-4) | 'minor_group' (an SSYK-3 group: all its SSYK-4 codes). */
    ssykKind: text('ssyk_kind').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.horizonYears, t.occupationName] })],
);

/** Prognosis occupation → AF SSYK-4 codes it covers. */
export const afForecastOccupationSsyk = pgTable(
  'af_forecast_occupation_ssyk',
  {
    roundId: text('round_id').notNull(),
    horizonYears: integer('horizon_years').notNull(),
    occupationName: text('occupation_name').notNull(),
    ssykCode: text('ssyk_code').notNull(),
    /** The SCB-only code in the file this AF code came from (e.g. '5322' → '5321'), else null. */
    viaScbCode: text('via_scb_code'),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.horizonYears, t.occupationName, t.ssykCode] }),
    index('af_forecast_occupation_ssyk_ssyk_idx').on(t.ssykCode),
  ],
);

/**
 * AF shortage index 1–5 (high = shortage) per round × horizon × prognosis occupation × geography:
 * 1-ar.xlsx (county, one year ahead) and 5-ar.xlsx (national, five years ahead).
 */
export const afForecastIndex = pgTable(
  'af_forecast_index',
  {
    roundId: text('round_id').notNull(),
    horizonYears: integer('horizon_years').notNull(),
    occupationName: text('occupation_name').notNull(),
    geographyId: text('geography_id').notNull(),
    /** False where AF did not assess ('-'); then value and class are null. */
    assessed: boolean('assessed').notNull(),
    indexValue: doublePrecision('index_value'),
    /** Rounded class 1–5 as given by AF (1-ar only). */
    classValue: integer('class_value'),
    /** AF's class text, e.g. 'Mer påtaglig brist' (1-ar only). */
    classText: text('class_text'),
    municipalityCount: integer('municipality_count'),
    /** 'Korrigerat från': the value before AF corrected it. */
    correctedFrom: doublePrecision('corrected_from'),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.horizonYears, t.occupationName, t.geographyId] }),
    index('af_forecast_index_geo_idx').on(t.geographyId, t.roundId),
  ],
);

/** Forecast-occupation concepts (`conceptidprognosyrke`) of bedomning.csv/historik.csv and whether they map to SSYK. */
export const afForecastConcepts = pgTable(
  'af_forecast_concepts',
  {
    roundId: text('round_id').notNull(),
    conceptId: text('concept_id').notNull(),
    /** True when a mapping to SSYK-4 was available; false rows cannot be joined to occupations. */
    ssykMapped: boolean('ssyk_mapped').notNull(),
    /** File the mapping came from, null when unmapped. */
    mappingSource: text('mapping_source'),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.conceptId] })],
);

/** Forecast-occupation concept → SSYK-4 (only where a mapping file provided it). */
export const afForecastConceptSsyk = pgTable(
  'af_forecast_concept_ssyk',
  {
    roundId: text('round_id').notNull(),
    conceptId: text('concept_id').notNull(),
    ssykCode: text('ssyk_code').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.conceptId, t.ssykCode] }),
    index('af_forecast_concept_ssyk_ssyk_idx').on(t.ssykCode),
  ],
);

/** bedomning.csv: per forecast occupation × geography (`country:SE` for fa15nr 0, else `fa:NN`). */
export const afForecastFaAssessments = pgTable(
  'af_forecast_fa_assessments',
  {
    roundId: text('round_id').notNull(),
    conceptId: text('concept_id').notNull(),
    geographyId: text('geography_id').notNull(),
    /** Local index 1–5 (FA regions); null where the file has 0 or blank (no index). */
    localIndex: integer('local_index'),
    /** National rows only: `bedömningNN` of the shorter and longer horizon (years in the round's attributes). */
    assessmentShort: integer('assessment_short'),
    assessmentLong: integer('assessment_long'),
    employed: integer('employed'),
    sharePctWomen: integer('share_pct_women'),
    sharePctMen: integer('share_pct_men'),
    special: integer('special'),
    entry: integer('entry'),
    retirement: integer('retirement'),
    demand: integer('demand'),
    /** `pil_<year>_*` relative change arrows (1.00 = unchanged); years in the round's attributes. */
    arrowEntryShort: doublePrecision('arrow_entry_short'),
    arrowEntryLong: doublePrecision('arrow_entry_long'),
    arrowRetirementShort: doublePrecision('arrow_retirement_short'),
    arrowRetirementLong: doublePrecision('arrow_retirement_long'),
    arrowDemandShort: doublePrecision('arrow_demand_short'),
    arrowDemandLong: doublePrecision('arrow_demand_long'),
    /** `svårare_fa15nr` / `lättare_fa15nr` as geography ids. */
    harderGeographyId: text('harder_geography_id'),
    easierGeographyId: text('easier_geography_id'),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.conceptId, t.geographyId] }),
    index('af_forecast_fa_assessments_geo_idx').on(t.geographyId, t.roundId),
  ],
);

/** historik.csv: index series per forecast occupation and year (2015 = 1.00). */
export const afForecastHistory = pgTable(
  'af_forecast_history',
  {
    roundId: text('round_id').notNull(),
    conceptId: text('concept_id').notNull(),
    year: integer('year').notNull(),
    demand: doublePrecision('demand'),
    retirements: doublePrecision('retirements'),
    entrants: doublePrecision('entrants'),
    demandForecast: doublePrecision('demand_forecast'),
    entrantsForecast: doublePrecision('entrants_forecast'),
    retirementsForecast: doublePrecision('retirements_forecast'),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.conceptId, t.year] })],
);

/**
 * SCB Yrkesregistret: employees per year × county × AF SSYK-4 (SCB codes mapped and summed), men and women.
 * Series and breaks per year are in `labour_market_rounds` (source 'scb-yrkesregistret').
 */
export const scbEmployees = pgTable(
  'scb_employees',
  {
    year: integer('year').notNull(),
    geographyId: text('geography_id').notNull(),
    ssykCode: text('ssyk_code').notNull(),
    men: integer('men').notNull(),
    women: integer('women').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.geographyId, t.ssykCode] }),
    index('scb_employees_ssyk_idx').on(t.ssykCode, t.year),
  ],
);

/** SCB Yrkesregistret, whole of Sweden: employees per year × AF SSYK-4 × age group, men and women. */
export const scbEmployeesByAge = pgTable(
  'scb_employees_by_age',
  {
    year: integer('year').notNull(),
    ssykCode: text('ssyk_code').notNull(),
    /** '16-24', '25-29', …, '60-64', '65-69'. */
    ageGroup: text('age_group').notNull(),
    men: integer('men').notNull(),
    women: integer('women').notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.ssykCode, t.ageGroup] })],
);
