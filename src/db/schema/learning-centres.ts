import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
} from 'drizzle-orm/pg-core';

/**
 * Learning centres (lärcentrum / lärcentra): one row per centre, imported from larcentra.csv or a region's own
 * file with the same columns. Empty fields in the file mean "not stated", so most columns are nullable.
 */
export const learningCentres = pgTable(
  'learning_centres',
  {
    /** Stable slug, from the file's `id` column or the name. */
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** 'active' | 'planned' | 'historical' (as marked in the file). */
    status: text('status').notNull(),
    organiser: text('organiser'),
    /** 'municipality' | 'kommunalforbund' | 'other'; null when no organiser is stated. */
    organiserType: text('organiser_type'),
    /** Municipality the centre is in; null for networks that cover several municipalities. */
    municipalityCode: text('municipality_code'),
    streetAddress: text('street_address'),
    postalCode: text('postal_code'),
    postalTown: text('postal_town'),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    /** 'given' | 'postal_code' | 'locality' | 'municipality_centroid' | 'none'. */
    coordinateOrigin: text('coordinate_origin').notNull(),
    /** How the coordinate was found (postal code, locality name, …), in Swedish. */
    coordinateNote: text('coordinate_note'),
    /** A function address (shared mailbox), not a person's. */
    contactEmail: text('contact_email'),
    openingHours: text('opening_hours'),
    openEvenings: boolean('open_evenings'),
    openWeekends: boolean('open_weekends'),
    nitusMember: boolean('nitus_member'),
    /** Free-text labels from the file that are not in the service vocabulary (education offers etc.). */
    otherTags: jsonb('other_tags').$type<string[]>().notNull().default([]),
    sourceUrl: text('source_url'),
    sourceDate: text('source_date'),
    notes: text('notes'),
    /** File and row the centre was read from. */
    sourceFile: text('source_file').notNull(),
    sourceRow: integer('source_row').notNull(),
  },
  (t) => [index('learning_centres_municipality_idx').on(t.municipalityCode)],
);

/** Services of a centre, codes from the fixed vocabulary in src/core/learning-centres/services.ts. */
export const learningCentreServices = pgTable(
  'learning_centre_services',
  {
    centreId: text('centre_id').notNull(),
    service: text('service').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.centreId, t.service] }),
    index('learning_centre_services_service_idx').on(t.service),
  ],
);

/** Municipalities a centre is located in ('location') or serves ('served'). */
export const learningCentreMunicipalities = pgTable(
  'learning_centre_municipalities',
  {
    centreId: text('centre_id').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    role: text('role').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.centreId, t.municipalityCode] }),
    index('learning_centre_municipalities_code_idx').on(t.municipalityCode),
  ],
);

/** Swedish postal codes with postal locality, municipality and coordinates (geo-postal, Sep 2024). */
export const postalCodes = pgTable(
  'postal_codes',
  {
    postalCode: text('postal_code').primaryKey(),
    locality: text('locality').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
  },
  (t) => [index('postal_codes_municipality_idx').on(t.municipalityCode)],
);

/** Named places (localities) with municipality and coordinates (JobTech, 2018); lat/lon null where missing. */
export const places = pgTable(
  'places',
  {
    municipalityCode: text('municipality_code').notNull(),
    name: text('name').notNull(),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
  },
  (t) => [primaryKey({ columns: [t.municipalityCode, t.name] })],
);
