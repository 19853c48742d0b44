import { z } from 'zod';
import { labourMarketRounds, scbEmployees, scbEmployeesByAge } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { defineSource, type RowBatch } from '../contract.js';
import { toBatches } from '../shared/batches.js';
import { assertFileExists } from '../shared/csv.js';
import {
  readAfSsyk,
  readScbMapping,
  SSYK_AF_SOURCE_FILE,
  SSYK_SCB_SOURCE_FILE,
} from '../shared/ssyk-reference.js';
import { readText } from '../shared/text.js';
import {
  AGE_COLUMNS,
  COUNTY_COLUMNS,
  parseAgeEmployees,
  parseCountyEmployees,
  SOURCE_ID,
  splitCsv,
  yearRounds,
} from './parse.js';

export const COUNTY_FILE = 'scb-yrkesregistret/employees_ssyk4_county_sex_2014_2024.csv';
export const AGE_FILE = 'scb-yrkesregistret/employees_ssyk4_age_sex_national_2014_2024.csv';

/** SCB's PxWeb API tables the extracts were pulled from (newest table of each series). */
const PXWEB = 'https://api.scb.se/OV0104/v1/doris/sv/ssd/START/AM/AM0208';

/** SCB Yrkesregistret (AM0208): employees per occupation, county, sex, age and year. */
export const scbYrkesregistretSource = defineSource({
  meta: {
    id: SOURCE_ID,
    title: {
      sv: 'SCB – Yrkesregistret (anställda per yrke)',
      en: 'Statistics Sweden – Occupational register',
    },
    description: {
      sv: 'Anställda per yrke (SSYK 2012, fyrsiffrig), län, kön och år 2014–2024, samt per åldersgrupp i riket; med seriebrotten 2019→2020 och 2022→2023.',
      en: 'Employees per occupation (SSYK 2012, 4-digit), county, sex and year 2014–2024, and per age group nationally; with the series breaks 2019→2020 and 2022→2023.',
    },
    publisher: 'Statistiska centralbyrån (SCB)',
    licence: 'SCB öppna data (CC0); utdragen i GitHub-förråden anger ingen licens',
    homepage:
      'https://www.scb.se/hitta-statistik/statistik-efter-amne/arbetsmarknad/sysselsattning-forvarvsarbete-och-arbetstider/yrkesregistret-med-yrkesstatistik/',
    cadence: 'Årligen',
  },
  version: 1,
  files: [
    { path: COUNTY_FILE, url: `${PXWEB}/AM0208M/YREG60BAS` },
    { path: AGE_FILE, url: `${PXWEB}/AM0208E/YREG51BAS` },
    SSYK_AF_SOURCE_FILE,
    SSYK_SCB_SOURCE_FILE,
  ],
  dependsOn: [],
  targets: [
    {
      name: 'rounds',
      table: labourMarketRounds,
      key: ['sourceId', 'dataset', 'roundId'],
      scope: `t.source_id = '${SOURCE_ID}'`,
    },
    { name: 'employees', table: scbEmployees, key: ['year', 'geographyId', 'ssykCode'] },
    { name: 'employees_by_age', table: scbEmployeesByAge, key: ['year', 'ssykCode', 'ageGroup'] },
  ],
  options: z.object({}),
  async read(input) {
    if (input.origin === 'online') {
      throw new AppError(
        'source_unavailable',
        'scb-yrkesregistret kan inte hämtas med --online: filerna är utdrag ur SCB:s PxWeb-tabeller (AM0208) som ' +
          'kräver frågor per tabell och serie. Importera från en datakatalog med --data KATALOG.',
      );
    }
    const af = await readAfSsyk(input);
    const mapping = await readScbMapping(input, af);
    const readTable = async (file: string, required: readonly string[]) => {
      const absolute = input.file(file);
      await assertFileExists(absolute, file);
      return splitCsv((await readText(absolute)).text, file, required);
    };
    const county = parseCountyEmployees(await readTable(COUNTY_FILE, COUNTY_COLUMNS), COUNTY_FILE, mapping);
    const age = parseAgeEmployees(await readTable(AGE_FILE, AGE_COLUMNS), AGE_FILE, mapping);
    const rounds = yearRounds([...county.years, ...age.years], [COUNTY_FILE, AGE_FILE]);
    const located = <T extends Record<string, unknown>>(rows: Array<{ value: T; at: { file: string } }>) =>
      rows.map((r) => ({ row: r.value, location: r.at }));
    async function* batches(): AsyncGenerator<RowBatch> {
      yield* toBatches('rounds', located(rounds));
      yield* toBatches('employees', located(county.rows), 10_000);
      yield* toBatches('employees_by_age', located(age.rows), 10_000);
    }
    return { expectedRows: rounds.length + county.rows.length + age.rows.length, batches: batches() };
  },
});
