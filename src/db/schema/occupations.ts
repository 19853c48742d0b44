import { boolean, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * SSYK 2012 in Arbetsförmedlingen's variant (levels 1–4; 400 unit groups).
 * `searchText` is the Swedish and English label lower-cased in JavaScript (`foldSearchText`), because
 * PostgreSQL's lower() in the C locale leaves Å, Ä and Ö alone.
 */
export const ssykGroups = pgTable(
  'ssyk_groups',
  {
    code: text('code').primaryKey(),
    level: integer('level').notNull(),
    parentCode: text('parent_code'),
    labelSv: text('label_sv').notNull(),
    labelEn: text('label_en'),
    conceptId: text('concept_id'),
    definitionSv: text('definition_sv'),
    searchText: text('search_text').notNull().default(''),
  },
  (t) => [index('ssyk_groups_level_idx').on(t.level), index('ssyk_groups_parent_idx').on(t.parentCode)],
);

/**
 * SCB's variant of SSYK 2012 (all levels; 429 unit groups) with the explicit mapping of each code to an AF code.
 * `mappingRule`: 'identical' (same code in AF) | 'manager_level' (SCB "nivå 1/2" manager code → first three
 * digits + 0) | 'folded' (SCB-only group AF folds into a neighbour; `mappingNote` says why).
 */
export const ssykScbCodes = pgTable(
  'ssyk_scb_codes',
  {
    code: text('code').primaryKey(),
    level: integer('level').notNull(),
    parentCode: text('parent_code'),
    labelEn: text('label_en').notNull(),
    afCode: text('af_code').notNull(),
    mappingRule: text('mapping_rule').notNull(),
    mappingNote: text('mapping_note'),
  },
  (t) => [index('ssyk_scb_codes_af_idx').on(t.afCode)],
);

/** Arbetsförmedlingen's occupational fields (yrkesområden); `id` is a stable slug. */
export const occupationFields = pgTable('occupation_fields', {
  id: text('id').primaryKey(),
  nameSv: text('name_sv').notNull(),
  nameEn: text('name_en').notNull(),
  searchText: text('search_text').notNull().default(''),
});

/** Occupational field of each SSYK-4 group. */
export const ssykFields = pgTable(
  'ssyk_fields',
  {
    ssykCode: text('ssyk_code').primaryKey(),
    fieldId: text('field_id').notNull(),
  },
  (t) => [index('ssyk_fields_field_idx').on(t.fieldId)],
);

/** JobTech occupation names (yrkesbenämningar) → SSYK-4. */
export const occupationNames = pgTable(
  'occupation_names',
  {
    conceptId: text('concept_id').primaryKey(),
    name: text('name').notNull(),
    ssykCode: text('ssyk_code').notNull(),
    noEducationRequirement: boolean('no_education_requirement').notNull().default(false),
    searchText: text('search_text').notNull().default(''),
  },
  (t) => [index('occupation_names_ssyk_idx').on(t.ssykCode)],
);

/** Substitutability between occupation names: `toConceptId` can substitute `fromConceptId` to `percentage` %. */
export const occupationSubstitutes = pgTable(
  'occupation_substitutes',
  {
    fromConceptId: text('from_concept_id').notNull(),
    toConceptId: text('to_concept_id').notNull(),
    percentage: integer('percentage').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.fromConceptId, t.toConceptId] }),
    index('occupation_substitutes_to_idx').on(t.toConceptId),
  ],
);

/**
 * Education level band (SeQF) per SSYK-4 with the rule that produced it (src/core/seqf.ts). The default band
 * for the whole country has `geoId` 'country:SE' and origin 'default'; a region may add its own band for its
 * geography (origin 'region') without touching the default.
 */
export const seqfBands = pgTable(
  'seqf_bands',
  {
    ssykCode: text('ssyk_code').notNull(),
    geoId: text('geo_id').notNull().default('country:SE'),
    band: text('band').notNull(), // '4' | '5-6' | '6-8' | 'none'
    ruleId: text('rule_id').notNull(),
    rule: text('rule').notNull(),
    namesTotal: integer('names_total').notNull().default(0),
    namesWithoutRequirement: integer('names_without_requirement').notNull().default(0),
    origin: text('origin').notNull().default('default'), // 'default' | 'region'
  },
  (t) => [primaryKey({ columns: [t.ssykCode, t.geoId] })],
);
