import { index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * Search keywords of the JobTech Taxonomy (concept type `keyword`) that point at occupation names: colloquial
 * words ("Chaffis", "Frissa"), trades ("Asfaltarbete") and topics ("Fartyg", "Turism"). One row per keyword ×
 * occupation name, so a keyword that points at several names (and SSYK groups) stays one search word with several
 * targets; the SSYK-4 group follows from `occupation_names`. Owned by the `occupations` module (source
 * `jobtech-taxonomy`). `searchText` is the label folded in JavaScript (`foldSearchText`) like the other tables.
 */
export const occupationNameSynonyms = pgTable(
  'occupation_name_synonyms',
  {
    keywordConceptId: text('keyword_concept_id').notNull(),
    occupationNameId: text('occupation_name_id').notNull(),
    label: text('label').notNull(),
    searchText: text('search_text').notNull().default(''),
  },
  (t) => [
    primaryKey({ columns: [t.keywordConceptId, t.occupationNameId] }),
    index('occupation_name_synonyms_name_idx').on(t.occupationNameId),
  ],
);
