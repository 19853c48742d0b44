import {
  occupationFields,
  occupationNames,
  occupationSubstitutes,
  seqfBands,
  ssykFields,
} from '../../db/schema/index.js';
import { defineSource } from '../contract.js';
import { toBatches } from '../shared/batches.js';
import { readJson } from '../shared/json.js';
import { parseSsykHierarchy, SSYK_HIERARCHY_FILE } from '../ssyk/parse.js';
import {
  buildOccupationRows,
  FIELDS_FILE,
  NO_EDUCATION_FILE,
  parseNoEducationList,
  parseOccupationFields,
  parseSubstitutability,
  SUBSTITUTABILITY_FILE,
} from './parse.js';

/** linneamoritznyc/nordiqflow at the commit that added the JobTech taxonomy JSON files (see PROVENANCE). */
const JOBTECH_RAW =
  'https://raw.githubusercontent.com/linneamoritznyc/nordiqflow/e9446007fc634331ce73ffb4b395dd356f9999dc/data/raw/taxonomy';
/** RebeckaGothlin/react-jobsearch: AF's list of yrkesområden converted to JSON. */
const FIELDS_URL =
  'https://raw.githubusercontent.com/RebeckaGothlin/react-jobsearch/03f36ae8300ac8596981246db58310c3d0ba13a3/Yrkesgrupper.json';

const fileName = (relativePath: string): string => relativePath.slice(relativePath.lastIndexOf('/') + 1);

const ssykRef = { column: 'ssykCode', table: 'ssyk_groups', tableColumn: 'code', label: 'SSYK-kod' };
const nameRef = (column: string) => ({
  column,
  table: 'occupation_names',
  tableColumn: 'concept_id',
  label: 'yrkesbenämning',
});

/**
 * Occupation names (JobTech) → SSYK-4, occupational fields (AF) → SSYK-4, substitutability between
 * occupation names, AF's occupations without education requirement, and the default SeQF band per SSYK-4.
 */
export const occupationsSource = defineSource({
  meta: {
    id: 'occupations',
    title: {
      sv: 'Yrkesbenämningar, yrkesområden och utbildningsnivå',
      en: 'Occupation names, occupational fields and education level',
    },
    description: {
      sv:
        'JobTech Taxonomy: 2 412 yrkesbenämningar med SSYK-4, närliggande yrken (ersättningsbarhet) och listan ' +
        'Yrken utan krav på utbildning; Arbetsförmedlingens 21 yrkesområden. Ger även ett SeQF-band per yrkesgrupp.',
      en:
        'JobTech Taxonomy: 2,412 occupation names with SSYK-4, substitutability and the list of occupations without ' +
        "education requirement; Arbetsförmedlingen's 21 occupational fields. Also derives a SeQF band per group.",
    },
    publisher: 'Arbetsförmedlingen / JobTech',
    licence: 'Arbetsförmedlingens öppna data CC0 1.0; kopiorna i GitHub-förråden anger ingen licens.',
    homepage: 'https://jobtechdev.se/sv/komponenter/jobtech-taxonomy',
    cadence: 'JobTech Taxonomy uppdateras löpande (nya versioner flera gånger per år)',
  },
  version: 1,
  files: [
    { path: SSYK_HIERARCHY_FILE, url: `${JOBTECH_RAW}/${fileName(SSYK_HIERARCHY_FILE)}` },
    { path: SUBSTITUTABILITY_FILE, url: `${JOBTECH_RAW}/${fileName(SUBSTITUTABILITY_FILE)}` },
    { path: NO_EDUCATION_FILE, url: `${JOBTECH_RAW}/${fileName(NO_EDUCATION_FILE)}` },
    { path: FIELDS_FILE, url: FIELDS_URL },
  ],
  dependsOn: ['ssyk'],
  targets: [
    { name: 'occupation_fields', table: occupationFields, key: ['id'] },
    { name: 'occupation_names', table: occupationNames, key: ['conceptId'], references: [ssykRef] },
    {
      name: 'occupation_substitutes',
      table: occupationSubstitutes,
      key: ['fromConceptId', 'toConceptId'],
      references: [nameRef('fromConceptId'), nameRef('toConceptId')],
    },
    {
      name: 'ssyk_fields',
      table: ssykFields,
      key: ['ssykCode'],
      references: [
        ssykRef,
        { column: 'fieldId', table: 'occupation_fields', tableColumn: 'id', label: 'yrkesområde' },
      ],
    },
    {
      name: 'seqf_bands',
      table: seqfBands,
      key: ['ssykCode', 'geoId'],
      // Only the default bands belong to this source; regional overrides are kept.
      scope: "t.origin = 'default'",
      references: [ssykRef],
    },
  ],
  async read(input) {
    const hierarchy = parseSsykHierarchy(await readJson(input, SSYK_HIERARCHY_FILE), SSYK_HIERARCHY_FILE);
    const substitutes = parseSubstitutability(
      await readJson(input, SUBSTITUTABILITY_FILE),
      SUBSTITUTABILITY_FILE,
    );
    const noEducation = parseNoEducationList(await readJson(input, NO_EDUCATION_FILE), NO_EDUCATION_FILE);
    const fields = parseOccupationFields(await readJson(input, FIELDS_FILE), FIELDS_FILE);
    const rows = buildOccupationRows(hierarchy, noEducation, substitutes, fields);
    return {
      expectedRows:
        rows.fields.length +
        rows.names.length +
        rows.substitutes.length +
        rows.ssykFields.length +
        rows.seqfBands.length,
      batches: (async function* () {
        yield* toBatches('occupation_fields', rows.fields);
        yield* toBatches('occupation_names', rows.names);
        yield* toBatches('occupation_substitutes', rows.substitutes);
        yield* toBatches('ssyk_fields', rows.ssykFields);
        yield* toBatches('seqf_bands', rows.seqfBands);
      })(),
    };
  },
});
