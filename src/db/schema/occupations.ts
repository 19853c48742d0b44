import { boolean, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/** SSYK 2012 in Arbetsförmedlingen's variant (levels 1–4; 400 unit groups). */
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
  },
  (t) => [index('ssyk_groups_level_idx').on(t.level)],
);

/** SCB's variant of SSYK 2012 (429 unit groups) with the explicit mapping of each code to an AF code. */
export const ssykScbCodes = pgTable('ssyk_scb_codes', {
  code: text('code').primaryKey(),
  level: integer('level').notNull(),
  labelEn: text('label_en').notNull(),
  afCode: text('af_code').notNull(),
  /** How the AF code was chosen: 'identical' | 'manager_level' | 'folded'. */
  mappingRule: text('mapping_rule').notNull(),
});

/** Arbetsförmedlingen's occupational fields (yrkesområden). */
export const occupationFields = pgTable('occupation_fields', {
  id: text('id').primaryKey(),
  nameSv: text('name_sv').notNull(),
  nameEn: text('name_en').notNull(),
});

/** Occupational field of each SSYK-4 group. */
export const ssykFields = pgTable('ssyk_fields', {
  ssykCode: text('ssyk_code').primaryKey(),
  fieldId: text('field_id').notNull(),
});

/** JobTech occupation names (yrkesbenämningar) → SSYK-4. */
export const occupationNames = pgTable(
  'occupation_names',
  {
    conceptId: text('concept_id').primaryKey(),
    name: text('name').notNull(),
    ssykCode: text('ssyk_code').notNull(),
    noEducationRequirement: boolean('no_education_requirement').notNull().default(false),
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
  (t) => [primaryKey({ columns: [t.fromConceptId, t.toConceptId] })],
);

/** Education level band (SeQF) per SSYK-4 with the rule that produced it; regions can override later. */
export const seqfBands = pgTable('seqf_bands', {
  ssykCode: text('ssyk_code').primaryKey(),
  band: text('band').notNull(), // '4' | '5-6' | '6-8' | 'none'
  rule: text('rule').notNull(),
  origin: text('origin').notNull().default('default'), // 'default' | 'region'
});
