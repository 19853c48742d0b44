import { labourMarketRounds, scbEmployees, scbEmployeesByAge } from '../../db/schema/index.js';
import { AppError, InputError } from '../../errors.js';
import { defineSource, type RowBatch, type SourceInput } from '../contract.js';
import { toBatches } from '../shared/batches.js';
import { streamCsv } from '../shared/csv-stream.js';
import { assertContiguousYears, assertCoversAll, assertHasRows } from '../shared/shape.js';
import {
  COUNTY_CODES,
  readAfSsyk,
  readScbMapping,
  SSYK_AF_SOURCE_FILE,
  SSYK_SCB_SOURCE_FILE,
} from '../shared/ssyk-reference.js';
import type { ScbMapping } from '../ssyk/mapping.js';
import { AGE_COLUMNS, COUNTY_COLUMNS, ScbAggregator, type ScbKind, SOURCE_ID, yearRounds } from './parse.js';

export const COUNTY_FILE = 'scb-yrkesregistret/employees_ssyk4_county_sex_2014_2024.csv';
export const AGE_FILE = 'scb-yrkesregistret/employees_ssyk4_age_sex_national_2014_2024.csv';

/** SCB's age groups of the age file (PROVENANCE: 16-24, 25-29, …, 60-64, 65-69). */
export const AGE_GROUPS = [
  '16-24',
  '25-29',
  '30-34',
  '35-39',
  '40-44',
  '45-49',
  '50-54',
  '55-59',
  '60-64',
  '65-69',
];

/**
 * Streams one SCB file into an aggregator (memory bounded by the key space, not the file size) and checks its
 * shape: data rows present; every year × county (or age group) holds every SCB code of the structure file for both
 * sexes (PROVENANCE: exactly 858 rows = 429 codes × 2 per cell), so a file cut mid-year is refused; years without
 * gaps. For a complete copy also: all 21 counties (all 10 age groups) and every year of the range in the file name.
 */
export async function aggregateFile(
  input: SourceInput,
  kind: ScbKind,
  file: string,
  mapping: ReadonlyMap<string, ScbMapping>,
): Promise<ScbAggregator> {
  const stream = await streamCsv(input, file, {
    required: kind === 'county' ? COUNTY_COLUMNS : AGE_COLUMNS,
    delimiter: ',',
  });
  const aggregator = new ScbAggregator(kind, stream.header, file, mapping);
  for await (const batch of stream.batches) {
    for (const { fields, line } of batch) aggregator.add(fields, line);
  }
  assertHasRows(aggregator.rowsRead, file);
  const extraColumn = kind === 'county' ? 'county_code' : 'age_group';
  const perCell = mapping.size * 2;
  const cellCounts = aggregator.cellCounts();
  for (const { year, extra, rows: count } of cellCounts) {
    if (count !== perCell) {
      throw new InputError(
        { file, column: extraColumn },
        `år ${year}, ${kind === 'county' ? 'län' : 'åldersgrupp'} ${extra} har ${count} rader, väntade ${perCell} (${mapping.size} SSYK-koder × 2 kön); filen verkar avkortad`,
      );
    }
  }
  const cells = aggregator.years.size * aggregator.extras.size;
  if (cellCounts.length !== cells) {
    throw new InputError(
      { file, column: extraColumn },
      `alla år har inte samma ${kind === 'county' ? 'län' : 'åldersgrupper'} (${cellCounts.length} av ${cells} kombinationer av år och ${kind === 'county' ? 'län' : 'åldersgrupp'}); filen verkar avkortad`,
    );
  }
  assertContiguousYears(aggregator.years, file);
  if (kind === 'county') assertCoversAll(input, aggregator.extras, COUNTY_CODES, file, 'län', 'county_code');
  else assertCoversAll(input, aggregator.extras, AGE_GROUPS, file, 'åldersgrupper', 'age_group');
  const claimed = /_(\d{4})_(\d{4})\.csv$/.exec(file);
  if (claimed) {
    const years: string[] = [];
    for (let y = Number(claimed[1]); y <= Number(claimed[2]); y++) years.push(String(y));
    assertCoversAll(
      input,
      new Set([...aggregator.years].map(String)),
      years,
      file,
      'år som filnamnet anger',
      'year',
    );
  }
  return aggregator;
}

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
    const county = await aggregateFile(input, 'county', COUNTY_FILE, mapping);
    const age = await aggregateFile(input, 'age', AGE_FILE, mapping);
    const countyRows = county.countyRows();
    const ageRows = age.ageRows();
    const rounds = yearRounds([...county.years, ...age.years], [COUNTY_FILE, AGE_FILE]);
    async function* batches(): AsyncGenerator<RowBatch> {
      yield* toBatches('rounds', rounds);
      yield* toBatches('employees', countyRows, 10_000);
      yield* toBatches('employees_by_age', ageRows, 10_000);
    }
    return { expectedRows: rounds.length + countyRows.length + ageRows.length, batches: batches() };
  },
});
