import { integer, pgTable, text } from 'drizzle-orm/pg-core';

/** SUN 2020 education levels (1–3 digits). */
export const sunLevels = pgTable('sun_levels', {
  code: text('code').primaryKey(),
  digits: integer('digits').notNull(),
  parentCode: text('parent_code'),
  labelSv: text('label_sv').notNull(),
});

/** SUN 2020 education fields (levels 1–4, e.g. '010a'). */
export const sunFields = pgTable('sun_fields', {
  code: text('code').primaryKey(),
  level: integer('level').notNull(),
  parentCode: text('parent_code'),
  labelSv: text('label_sv').notNull(),
});
