import { doublePrecision, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import type { Geometry } from 'geojson';

/**
 * Every geography the app knows: `country:SE`, `county:21`, `municipality:2180`, `fa:36`, `area:<slug>`.
 * Types: country | county | municipality | fa | area. Codes are strings ('0180').
 */
export const geographies = pgTable(
  'geographies',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    parentId: text('parent_id'),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    /** Free-form attributes from the source, e.g. SKR municipality group, JobTech concept id. */
    attributes: jsonb('attributes').$type<Record<string, string>>().notNull().default({}),
  },
  (t) => [index('geographies_type_idx').on(t.type), index('geographies_parent_idx').on(t.parentId)],
);

/** The municipalities that make up a geography (country, county, FA region, custom area). */
export const geographyMembers = pgTable(
  'geography_members',
  {
    geographyId: text('geography_id').notNull(),
    municipalityCode: text('municipality_code').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.geographyId, t.municipalityCode] }),
    index('geography_members_municipality_idx').on(t.municipalityCode),
  ],
);

/** Population per municipality and year (SCB). */
export const population = pgTable(
  'population',
  {
    municipalityCode: text('municipality_code').notNull(),
    year: integer('year').notNull(),
    total: integer('total').notNull(),
    women: integer('women').notNull(),
    men: integer('men').notNull(),
  },
  (t) => [primaryKey({ columns: [t.municipalityCode, t.year] })],
);

/** Simplified WGS84 boundary per geography, as a GeoJSON geometry ready for a web map. */
export const geoBoundaries = pgTable('geo_boundaries', {
  geographyId: text('geography_id').primaryKey(),
  geometry: jsonb('geometry').$type<Geometry>().notNull(),
  source: text('source').notNull(),
});
