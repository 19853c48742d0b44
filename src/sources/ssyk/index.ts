import { ssykGroups, ssykScbCodes } from '../../db/schema/index.js';
import { defineSource } from '../contract.js';
import { toBatches } from '../shared/batches.js';
import { readCsv } from '../shared/csv.js';
import { readJson } from '../shared/json.js';
import { checkSsykShape } from '../shared/ssyk-reference.js';
import {
  buildSsykRows,
  parseScbStructure,
  parseSsykDefinitions,
  parseSsykHierarchy,
  SSYK_HIERARCHY_FILE,
  SSYK_LEVEL1_FILE,
  SSYK_LEVEL2_FILE,
  SSYK_SCB_EN_FILE,
} from './parse.js';

/** linneamoritznyc/nordiqflow at the commit that added the JobTech taxonomy JSON files (see PROVENANCE). */
const JOBTECH_RAW =
  'https://raw.githubusercontent.com/linneamoritznyc/nordiqflow/e9446007fc634331ce73ffb4b395dd356f9999dc/data/raw/taxonomy';
/** joseph-data/AI_Econ_daioe_years_v2, branch scb_pull (SCB's English SSYK structure). */
const SCB_EN_URL =
  'https://raw.githubusercontent.com/joseph-data/AI_Econ_daioe_years_v2/7a0550355c909a184180759e69a68a3135656aa2/structure_ssyk12.csv';

const fileName = (relativePath: string): string => relativePath.slice(relativePath.lastIndexOf('/') + 1);

/** SSYK 2012 levels 1–4: AF/JobTech variant (400 unit groups) and SCB's variant (429) mapped to AF codes. */
export const ssykSource = defineSource({
  meta: {
    id: 'ssyk',
    title: {
      sv: 'SSYK 2012 – yrkesklassificering (AF:s och SCB:s varianter)',
      en: 'SSYK 2012 – occupational classification (AF and SCB variants)',
    },
    description: {
      sv:
        'Yrkesgrupper på nivå 1–4 med svenska benämningar och definitioner ur JobTech Taxonomy (400 yrkesgrupper) ' +
        'och engelska benämningar från SCB; SCB:s 429 yrkesgrupper med explicit koppling till AF:s koder.',
      en:
        'Occupational groups at levels 1–4 with Swedish labels and definitions from the JobTech Taxonomy (400 unit ' +
        "groups) and English labels from SCB; SCB's 429 unit groups explicitly mapped to AF codes.",
    },
    publisher:
      'Statistiska centralbyrån (klassifikationen); Arbetsförmedlingen/JobTech och SCB (benämningar)',
    licence:
      'Arbetsförmedlingens öppna data CC0 1.0; SCB:s klassifikation fri att använda. Kopiorna i GitHub-förråden ' +
      'anger ingen licens.',
    homepage:
      'https://www.scb.se/dokumentation/klassifikationer-och-standarder/standard-for-svensk-yrkesklassificering-ssyk/',
    cadence: 'Vid revision av klassifikationen (SSYK 2012); JobTech Taxonomy uppdateras löpande',
  },
  version: 1,
  files: [
    { path: SSYK_HIERARCHY_FILE, url: `${JOBTECH_RAW}/${fileName(SSYK_HIERARCHY_FILE)}` },
    { path: SSYK_LEVEL1_FILE, url: `${JOBTECH_RAW}/${fileName(SSYK_LEVEL1_FILE)}` },
    { path: SSYK_LEVEL2_FILE, url: `${JOBTECH_RAW}/${fileName(SSYK_LEVEL2_FILE)}` },
    { path: SSYK_SCB_EN_FILE, url: SCB_EN_URL },
  ],
  dependsOn: [],
  targets: [
    { name: 'ssyk_groups', table: ssykGroups, key: ['code'] },
    {
      name: 'ssyk_scb_codes',
      table: ssykScbCodes,
      key: ['code'],
      references: [{ column: 'afCode', table: 'ssyk_groups', tableColumn: 'code', label: 'AF:s SSYK-kod' }],
    },
  ],
  async read(input) {
    const hierarchy = parseSsykHierarchy(await readJson(input, SSYK_HIERARCHY_FILE), SSYK_HIERARCHY_FILE);
    const level1 = parseSsykDefinitions(await readJson(input, SSYK_LEVEL1_FILE), SSYK_LEVEL1_FILE, 1);
    const level2 = parseSsykDefinitions(await readJson(input, SSYK_LEVEL2_FILE), SSYK_LEVEL2_FILE, 2);
    const scb = parseScbStructure(
      await readCsv(input, SSYK_SCB_EN_FILE, { required: ['code', 'name'], delimiter: ',' }),
      SSYK_SCB_EN_FILE,
    );
    checkSsykShape(
      input,
      hierarchy.groups.filter((g) => g.level === 4).length,
      scb.filter((c) => c.level === 4).length,
    );
    const rows = buildSsykRows(hierarchy, { level1, level2 }, scb);
    return {
      expectedRows: rows.groups.length + rows.scbCodes.length,
      batches: (async function* () {
        yield* toBatches('ssyk_groups', rows.groups);
        yield* toBatches('ssyk_scb_codes', rows.scbCodes);
      })(),
    };
  },
});
