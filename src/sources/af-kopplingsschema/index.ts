import { educationKeyProgrammes, educationKeySun } from '../../db/schema/index.js';
import { defineSource } from '../contract.js';
import { toBatches } from '../shared/batches.js';
import { assertAtLeast, assertHasRows } from '../shared/shape.js';
import { readXlsxRecords } from '../shared/xlsx.js';
import { KEY_COLUMNS, parseKey } from './parse.js';

export const KEY_FILE = 'af-yrkesprognoser/kopplingsschema.xlsx';
const KEY_URL =
  'https://raw.githubusercontent.com/team-vagledning/yrkesinfo/5bfe8dbb809198333fcc7af5360fcbec8f357054/storage/imports/sunkoder/kopplingsschema.xlsx';
/** Data rows of the key and the SSYK-4 groups it covers (af-yrkesprognoser/PROVENANCE.md; 400 = every AF group). */
export const KEY_ROWS = 1567;
export const KEY_OCCUPATIONS = 400;

/** AF's curated key between occupations (SSYK-4), SUN 2020 fields and YH programmes. */
export const afKopplingsschemaSource = defineSource({
  meta: {
    id: 'af-kopplingsschema',
    title: {
      sv: 'Arbetsförmedlingen – koppling yrke ↔ SUN ↔ YH',
      en: 'Arbetsförmedlingen – occupation ↔ SUN ↔ YH key',
    },
    description: {
      sv: 'Arbetsförmedlingens kopplingsschema: yrkesgrupp (SSYK-4) ↔ SUN 2020-inriktningar ↔ YH-utbildningar (utbildningsnummer). Kurerat men ofullständigt; vissa kopplingar har en kommentar om att de är tveksamma.',
      en: 'Arbetsförmedlingen’s key: occupation (SSYK-4) ↔ SUN 2020 fields ↔ YH programmes (programme number). Curated but incomplete; some links carry a comment that they are doubtful.',
    },
    publisher: 'Arbetsförmedlingen',
    licence: 'Arbetsförmedlingens öppna data (CC0 1.0); källförrådet anger ingen licens',
    homepage: 'https://github.com/team-vagledning/yrkesinfo',
    cadence: 'Ingen; senast ändrad 2021-04-28',
  },
  version: 1,
  files: [{ path: KEY_FILE, url: KEY_URL }],
  dependsOn: [],
  targets: [
    { name: 'education_key_sun', table: educationKeySun, key: ['ssyk', 'sunCode', 'via'] },
    { name: 'education_key_programmes', table: educationKeyProgrammes, key: ['ssyk', 'programmeNumber'] },
  ],
  async read(input) {
    const records = await readXlsxRecords(input, KEY_FILE, { required: KEY_COLUMNS });
    assertHasRows(records.length, KEY_FILE, 'kopplingar');
    assertAtLeast(input, records.length, KEY_ROWS, KEY_FILE, 'rader');
    const parsed = parseKey(records, KEY_FILE);
    assertAtLeast(input, parsed.occupations, KEY_OCCUPATIONS, KEY_FILE, 'yrkesgrupper');
    return {
      expectedRows: parsed.sun.length + parsed.programmes.length,
      batches: (async function* () {
        yield* toBatches('education_key_sun', parsed.sun);
        yield* toBatches('education_key_programmes', parsed.programmes);
      })(),
    };
  },
});
