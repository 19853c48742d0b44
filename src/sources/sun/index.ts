import { sunFields, sunLevels } from '../../db/schema/index.js';
import { defineSource } from '../contract.js';
import { inputFileExists, skippedStream, toBatches } from '../shared/batches.js';
import { assertAtLeast } from '../shared/shape.js';
import { loadWorkbook } from '../shared/xlsx.js';
import { parseSunWorkbook, SUN_FILE } from './parse.js';

/** JobtechSwe/jobtech-taxonomy-database at the commit that added SCB's SUN 2020 workbook (see PROVENANCE). */
const SUN_URL =
  'https://raw.githubusercontent.com/JobtechSwe/jobtech-taxonomy-database/50c9b0f9140e013e36f2f548733cb6b91737c327/resources/suncode-2020.xlsx';

/** SUN 2020 (Svensk utbildningsnomenklatur): education levels and fields, SCB, from SCB's own workbook. */
export const sunSource = defineSource({
  meta: {
    id: 'sun',
    title: {
      sv: 'SUN 2020 – utbildningsnivåer och inriktningar',
      en: 'SUN 2020 – education levels and fields',
    },
    description: {
      sv: 'Svensk utbildningsnomenklatur: 71 nivåkoder och 531 inriktningskoder.',
      en: 'Swedish educational nomenclature: 71 level codes and 531 field codes.',
    },
    publisher: 'Statistiska centralbyrån (SCB)',
    licence:
      'SCB:s klassifikation, fri att använda; kopia i JobtechSwe/jobtech-taxonomy-database (EPL-1.0 för koden)',
    homepage:
      'https://www.scb.se/dokumentation/klassifikationer-och-standarder/svensk-utbildningsnomenklatur-sun/',
    cadence: 'Vid revision av klassifikationen',
  },
  version: 2,
  files: [{ path: SUN_FILE, url: SUN_URL, optional: true }],
  dependsOn: [],
  targets: [
    { name: 'sun_levels', table: sunLevels, key: ['code'] },
    { name: 'sun_fields', table: sunFields, key: ['code'] },
  ],
  async read(input) {
    if (!(await inputFileExists(input, SUN_FILE))) {
      return skippedStream(
        SUN_FILE,
        'den valfria filen saknas; tabellerna sun_levels och sun_fields lämnas som de är (ingen vy eller signal bygger på dem)',
      );
    }
    const rows = parseSunWorkbook(await loadWorkbook(input, SUN_FILE), SUN_FILE);
    // SUN 2020 has 71 level codes and 531 field codes (sun2020/PROVENANCE.md).
    assertAtLeast(input, rows.levels.length, 71, SUN_FILE, 'nivåkoder');
    assertAtLeast(input, rows.fields.length, 531, SUN_FILE, 'inriktningskoder');
    return {
      expectedRows: rows.levels.length + rows.fields.length,
      batches: (async function* () {
        yield* toBatches('sun_levels', rows.levels);
        yield* toBatches('sun_fields', rows.fields);
      })(),
    };
  },
});
