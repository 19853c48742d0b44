import { z } from 'zod';
import { foldSearchText } from '../../core/search.js';
import { InputError } from '../../errors.js';
import type { LocatedRow } from '../shared/batches.js';
import { nonEmpty } from '../shared/codes.js';
import { jsonPath, parseJsonValue } from '../shared/json.js';
import { conceptsOf } from '../ssyk/parse.js';

export const KEYWORDS_FILE = 'jobtech-taxonomy/raw/keyword-concepts-with-relations.json';

/** A row for `occupation_name_synonyms`. */
export type OccupationNameSynonymRow = {
  keywordConceptId: string;
  occupationNameId: string;
  label: string;
  searchText: string;
};

const keywordConcept = z.object({
  id: nonEmpty,
  type: z.string(),
  preferred_label: z.string().trim().min(1, 'värdet saknas'),
  related: z.array(z.object({ id: nonEmpty, type: z.string() })),
});

/**
 * JobTech's `keyword-concepts-with-relations.json`: one row per keyword × related `occupation-name`. Relations of
 * other types (SUN education fields, skills, employment types) are not occupation knowledge and are skipped, and so
 * are keywords with no occupation-name relation. Checks: every concept is of type `keyword`, keyword ids are
 * unique, and a keyword does not name the same occupation name twice. Whether the occupation names exist is
 * checked by the import runner against `occupation_names` (file, record and JSON path in the message).
 * Locations: `row` = position of the keyword in the file (1-based), `column` = JSON path of the relation's id.
 */
export function parseKeywords(
  json: unknown,
  file: string = KEYWORDS_FILE,
): Array<LocatedRow<OccupationNameSynonymRow>> {
  const rows: Array<LocatedRow<OccupationNameSynonymRow>> = [];
  const seenKeywords = new Map<string, number>();
  conceptsOf(json, file).forEach((value, i) => {
    const row = i + 1;
    const basePath = ['data', 'concepts', i];
    const concept = parseJsonValue(keywordConcept, value, { file, row, basePath });
    if (concept.type !== 'keyword') {
      throw new InputError(
        { file, row, column: jsonPath([...basePath, 'type']) },
        `väntade "keyword", fick "${concept.type}"`,
      );
    }
    const earlier = seenKeywords.get(concept.id);
    if (earlier !== undefined) {
      throw new InputError(
        { file, row, column: jsonPath([...basePath, 'id']) },
        `dubblett av nyckelordet "${concept.id}" (finns redan i post ${earlier})`,
      );
    }
    seenKeywords.set(concept.id, row);
    const label = concept.preferred_label.replace(/\s+/g, ' ').trim();
    const names = new Set<string>();
    concept.related.forEach((relation, j) => {
      if (relation.type !== 'occupation-name') return;
      const column = jsonPath([...basePath, 'related', j, 'id']);
      if (names.has(relation.id)) {
        throw new InputError(
          { file, row, column },
          `nyckelordet "${label}" pekar två gånger på yrkesbenämningen "${relation.id}"`,
        );
      }
      names.add(relation.id);
      rows.push({
        row: {
          keywordConceptId: concept.id,
          occupationNameId: relation.id,
          label,
          searchText: foldSearchText(label),
        },
        location: { file, row, column },
      });
    });
  });
  return rows;
}
