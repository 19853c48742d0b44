import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The narrative of a region's sector page (one occupational field): written by the region's strategists, shown on
 * the public page `/prioriteringar/{region}/sektor/{field}`. Owned by the prioritisation module; `version` for
 * optimistic concurrency (409 on a stale save), every save audited.
 */
export const prioritisationSectorTexts = pgTable(
  'prioritisation_sector_texts',
  {
    regionId: text('region_id').notNull(),
    fieldId: text('field_id').notNull(),
    textSv: text('text_sv').notNull().default(''),
    textEn: text('text_en').notNull().default(''),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.fieldId] })],
);
