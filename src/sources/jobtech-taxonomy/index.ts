import { occupationNameSynonyms } from '../../db/schema/index.js';
import { defineSource } from '../contract.js';
import { toBatches } from '../shared/batches.js';
import { readJson } from '../shared/json.js';
import { assertAtLeast, assertHasRows } from '../shared/shape.js';
import { KEYWORDS_FILE, parseKeywords } from './parse.js';

/** linneamoritznyc/nordiqflow at the commit that added the JobTech taxonomy JSON files (see PROVENANCE). */
const JOBTECH_RAW =
  'https://raw.githubusercontent.com/linneamoritznyc/nordiqflow/e9446007fc634331ce73ffb4b395dd356f9999dc/data/raw/taxonomy';

/** The copy of December 2025 has 170 keyword → occupation-name relations (33 keywords). */
const COMPLETE_RELATIONS = 170;

/**
 * JobTech Taxonomy search keywords that point at occupation names (synonyms for occupation search and title
 * matching). The occupation names themselves (2,412 → SSYK-4) come from the `occupations` source, which reads the
 * same hierarchy file; this source adds what that one does not read.
 */
export const jobtechTaxonomySource = defineSource({
  meta: {
    id: 'jobtech-taxonomy',
    title: {
      sv: 'JobTech Taxonomy – sökord för yrkesbenämningar',
      en: 'JobTech Taxonomy – search keywords for occupation names',
    },
    description: {
      sv:
        'Sökord (t.ex. "Chaffis", "Frissa", "Farmacevt", "Fartyg") som JobTech kopplar till yrkesbenämningar; ' +
        'används som synonymer när yrken söks och när fritextyrken matchas mot SSYK-4.',
      en:
        'Search keywords (e.g. "Chaffis", "Frissa", "Farmacevt", "Fartyg") that JobTech links to occupation names; ' +
        'used as synonyms when occupations are searched and free-text titles are matched to SSYK-4.',
    },
    publisher: 'Arbetsförmedlingen / JobTech',
    licence: 'Arbetsförmedlingens öppna data CC0 1.0; kopian i GitHub-förrådet anger ingen licens.',
    homepage: 'https://jobtechdev.se/sv/komponenter/jobtech-taxonomy',
    cadence: 'JobTech Taxonomy uppdateras löpande (nya versioner flera gånger per år)',
  },
  version: 1,
  files: [{ path: KEYWORDS_FILE, url: `${JOBTECH_RAW}/keyword-concepts-with-relations.json` }],
  dependsOn: ['occupations'],
  targets: [
    {
      name: 'occupation_name_synonyms',
      table: occupationNameSynonyms,
      key: ['keywordConceptId', 'occupationNameId'],
      references: [
        {
          column: 'occupationNameId',
          table: 'occupation_names',
          tableColumn: 'concept_id',
          label: 'yrkesbenämning',
        },
      ],
    },
  ],
  async read(input) {
    const rows = parseKeywords(await readJson(input, KEYWORDS_FILE), KEYWORDS_FILE);
    assertHasRows(rows.length, KEYWORDS_FILE, 'kopplingar från nyckelord till yrkesbenämningar');
    assertAtLeast(input, rows.length, COMPLETE_RELATIONS, KEYWORDS_FILE, 'kopplingar till yrkesbenämningar');
    return {
      expectedRows: rows.length,
      batches: (async function* () {
        yield* toBatches('occupation_name_synonyms', rows);
      })(),
    };
  },
});
