import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Education supply (issue 13): imported YH programmes and YH applications, AF's occupation ↔ SUN ↔ YH key,
 * Skolverket's study directions, and the offers a region enters itself, with their occupation mapping overrides.
 * The imported tables belong to their source adapters; the region tables to src/modules/education.
 */

/** MYH's list of YH programmes: one row per intake line of the export (a programme number can recur). */
export const yhProgrammes = pgTable(
  'yh_programmes',
  {
    /** `<programme number>:<n>`: the n-th line of the programme in the file (the export has no intake id). */
    id: text('id').primaryKey(),
    programmeNumber: text('programme_number').notNull(),
    name: text('name').notNull(),
    provider: text('provider').notNull(),
    providerPostalCode: text('provider_postal_code'),
    /** The provider's municipality from its postal code (geo-postal); null when the code is unknown. */
    providerMunicipalityCode: text('provider_municipality_code'),
    /** 'campus' (Bunden) | 'distance' (Distans). */
    studyForm: text('study_form').notNull(),
    /** 'granted' (Beviljat) | 'started' (Startat). */
    status: text('status').notNull(),
    places: integer('places'),
    students: integer('students'),
    /** Studieort as in the file (comma-separated towns). */
    studyTowns: text('study_towns').notNull(),
    sourceRow: integer('source_row').notNull(),
  },
  (t) => [index('yh_programmes_number_idx').on(t.programmeNumber)],
);

/** Study towns of a programme line, placed in a municipality when the town can be placed. */
export const yhProgrammeTowns = pgTable(
  'yh_programme_towns',
  {
    programmeId: text('programme_id').notNull(),
    town: text('town').notNull(),
    /** Null when the town could not be placed (listed in the import note and the source README). */
    municipalityCode: text('municipality_code'),
    /** 'municipality' | 'postal_locality' | 'place' | null. */
    placedBy: text('placed_by'),
  },
  (t) => [
    primaryKey({ columns: [t.programmeId, t.town] }),
    index('yh_programme_towns_municipality_idx').on(t.municipalityCode),
  ],
);

/** MYH's decisions on the applications of one round (Tabell 3 of "Resultat ansökningsomgång"). */
export const yhApplications = pgTable('yh_applications', {
  /** Diarienummer, e.g. `MYH 2024/3742`. */
  id: text('id').primaryKey(),
  roundYear: integer('round_year').notNull(),
  field: text('field').notNull(),
  /** MYH's SUN5 (e.g. `481ab`); the first four characters are the SUN 2020 field. */
  sun5: text('sun5').notNull(),
  sun5Name: text('sun5_name').notNull(),
  sun4: text('sun4').notNull(),
  name: text('name').notNull(),
  /** 'granted' (Beviljad) | 'rejected' (Avslag). */
  decision: text('decision').notNull(),
  multipleMunicipalities: boolean('multiple_municipalities').notNull(),
  municipalityCount: integer('municipality_count').notNull(),
  /** Null when the programme runs in several municipalities (see yh_application_municipalities). */
  countyCode: text('county_code'),
  municipalityCode: text('municipality_code'),
  yhPoints: integer('yh_points'),
  studyForm: text('study_form').notNull(),
  pacePercent: integer('pace_percent'),
  examType: text('exam_type'),
  /** SeQF level (5 or 6); null where the workbook leaves it empty. */
  seqf: integer('seqf'),
  narrowField: boolean('narrow_field'),
  provider: text('provider').notNull(),
  ownerType: text('owner_type'),
  roundsApplied: integer('rounds_applied'),
  roundsGranted: integer('rounds_granted'),
  placesPerRound: integer('places_per_round'),
  placesAppliedTotal: integer('places_applied_total'),
  placesGrantedTotal: integer('places_granted_total'),
  sourceRow: integer('source_row').notNull(),
});

/** Municipalities of applications that run in several (Tabell 4). */
export const yhApplicationMunicipalities = pgTable(
  'yh_application_municipalities',
  {
    applicationId: text('application_id').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    countyCode: text('county_code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.municipalityCode] })],
);

/** AF's occupation ↔ SUN 2020 key (kopplingsschema.xlsx), one row per distinct SSYK-4 × SUN code. */
export const educationKeySun = pgTable(
  'education_key_sun',
  {
    ssyk: text('ssyk').notNull(),
    sunCode: text('sun_code').notNull(),
    /** 'sun2020' (AF's SUN 2020 column) | 'myh' (the SUN-4 MYH column of a linked YH programme). */
    via: text('via').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ssyk, t.sunCode, t.via] }),
    index('education_key_sun_code_idx').on(t.sunCode),
  ],
);

/** AF's occupation ↔ YH programme links (kopplingsschema.xlsx), one row per distinct SSYK-4 × programme. */
export const educationKeyProgrammes = pgTable(
  'education_key_programmes',
  {
    ssyk: text('ssyk').notNull(),
    programmeNumber: text('programme_number').notNull(),
    programmeName: text('programme_name'),
    /** The reviewer's comment ("Kommentar MYH") on a doubtful link; null when none. */
    comment: text('comment'),
  },
  (t) => [
    primaryKey({ columns: [t.ssyk, t.programmeNumber] }),
    index('education_key_programmes_number_idx').on(t.programmeNumber),
  ],
);

/** Skolverket planned-educations: study areas and their directions (the `directionIds` events filter by). */
export const skolverketStudyDirections = pgTable(
  'skolverket_study_directions',
  {
    areaId: integer('area_id').notNull(),
    areaName: text('area_name').notNull(),
    areaNameEn: text('area_name_en'),
    directionId: integer('direction_id').notNull(),
    directionName: text('direction_name').notNull(),
    directionNameEn: text('direction_name_en'),
  },
  (t) => [primaryKey({ columns: [t.areaId, t.directionId] })],
);

/**
 * Local offers a region enters (komvux, yrkesvux, folkhögskola, university courses at a learning centre, …).
 * Region-owned: row-level security binds reads and writes to the acting region (migration, hand-written part).
 */
export const educationOffers = pgTable(
  'education_offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionId: text('region_id').notNull(),
    provider: text('provider').notNull(),
    name: text('name').notNull(),
    /** komvux | yrkesvux | yh | folkhogskola | university | other. */
    form: text('form').notNull(),
    sunCode: text('sun_code'),
    /** Null for offers given only at distance. */
    municipalityCode: text('municipality_code'),
    distance: boolean('distance').notNull().default(false),
    learningCentreId: text('learning_centre_id'),
    startDate: text('start_date'),
    places: integer('places'),
    /** planned | open | running. */
    status: text('status').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('education_offers_region_idx').on(t.regionId)],
);

/**
 * A region's manual occupation mapping of an offer: for local offers the occupations entered with the offer, and
 * for imported YH programmes/applications an override (`add` a mapping, or `remove` one the key gave).
 */
export const educationMappingOverrides = pgTable(
  'education_mapping_overrides',
  {
    id: serial('id').primaryKey(),
    regionId: text('region_id').notNull(),
    /** 'local' (education_offers.id) | 'yh' (yh_programmes.programme_number) | 'application' (yh_applications.id). */
    offerKind: text('offer_kind').notNull(),
    offerId: text('offer_id').notNull(),
    ssyk: text('ssyk').notNull(),
    /** 'add' | 'remove'. */
    action: text('action').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('education_mapping_overrides_region_idx').on(t.regionId, t.offerKind, t.offerId)],
);
