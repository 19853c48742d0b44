import { access } from 'node:fs/promises';
import {
  afForecastConceptSsyk,
  afForecastConcepts,
  afForecastFaAssessments,
  afForecastHistory,
  afForecastIndex,
  afForecastOccupationSsyk,
  afForecastOccupations,
  labourMarketRounds,
} from '../../db/schema/index.js';
import { InputError } from '../../errors.js';
import { defineSource, type RowBatch, type SourceInput } from '../contract.js';
import { toBatches } from '../shared/batches.js';
import { readCsv } from '../shared/csv.js';
import { assertAtLeast, assertHasRows } from '../shared/shape.js';
import {
  COUNTY_CODES,
  readAfSsyk,
  readScbMapping,
  SSYK_AF_SOURCE_FILE,
  SSYK_SCB_SOURCE_FILE,
} from '../shared/ssyk-reference.js';
import { readSheetRows } from '../shared/xlsx.js';
import {
  conceptRows,
  HISTORIK_COLUMNS,
  type Located,
  parseBedomning,
  parseConceptMapping,
  parseFiveYear,
  parseHistorik,
  parseOneYear,
  type RoundRow,
  SOURCE_ID,
  V3_ROUND,
} from './parse.js';

export const ONE_YEAR_FILE = 'af-yrkesprognoser/1-ar.xlsx';
export const FIVE_YEAR_FILE = 'af-yrkesprognoser/5-ar.xlsx';
export const BEDOMNING_FILE = 'af-yrkesprognoser/bedomning.csv';
export const HISTORIK_FILE = 'af-yrkesprognoser/historik.csv';
/**
 * Optional: forecast-occupation concept → SSYK-4 (`conceptidprognosyrke;ssyk`). Not in the snapshot; when present
 * it joins bedomning/historik to SSYK. Not a declared file (the contract has no optional files), so its content
 * is not part of the content hash: re-import with `--force` after adding or changing it.
 */
export const CONCEPT_MAPPING_FILE = 'af-yrkesprognoser/prognosyrke_ssyk.csv';

/** team-vagledning/yrkesinfo at the snapshot commit (see af-yrkesprognoser/PROVENANCE.md). */
const REPO =
  'https://raw.githubusercontent.com/team-vagledning/yrkesinfo/5bfe8dbb809198333fcc7af5360fcbec8f357054';

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

function* located<T extends Record<string, unknown>>(
  target: string,
  rows: Located<T>[],
): Generator<RowBatch> {
  yield* toBatches(
    target,
    rows.map((r) => ({ row: r.value, location: r.at })),
    5000,
  );
}

async function readMapping(input: SourceInput, af: Awaited<ReturnType<typeof readAfSsyk>>) {
  const absolute = input.file(CONCEPT_MAPPING_FILE);
  if (input.origin !== 'data_dir' || !(await exists(absolute))) return new Map<string, Located<string>[]>();
  const records = await readCsv(input, CONCEPT_MAPPING_FILE, { required: ['conceptidprognosyrke', 'ssyk'] });
  return parseConceptMapping(records, CONCEPT_MAPPING_FILE, af);
}

/** Arbetsförmedlingen's Yrkesprognoser (bristindex): county, national and FA-region assessments. */
/** FA regions of 2015 (Tillväxtverket): bedomning.csv has riket + 60 regions per prognosis occupation. */
const FA_REGION_COUNT = 60;

/**
 * Shape of the forecast files. Always: bedomning.csv has data rows and every prognosis occupation has a row for
 * every geography the file uses (PROVENANCE: 174 occupations × (riket + 60 FA regions) = 10,614 rows; a file cut
 * in half leaves occupations without their later regions). Complete copy: all 60 FA regions in bedomning.csv and
 * all 21 counties in 1-ar.xlsx.
 */
function checkForecastShape(
  input: SourceInput,
  counties: number,
  rows: ReadonlyArray<{ value: { conceptId: string; geographyId: string } }>,
  faRegions: ReadonlySet<string>,
): void {
  assertHasRows(rows.length, BEDOMNING_FILE);
  const geographies = new Set(rows.map((r) => r.value.geographyId));
  const perConcept = new Map<string, number>();
  for (const r of rows) perConcept.set(r.value.conceptId, (perConcept.get(r.value.conceptId) ?? 0) + 1);
  for (const [concept, count] of perConcept) {
    if (count !== geographies.size) {
      throw new InputError(
        { file: BEDOMNING_FILE, column: 'fa15nr' },
        `prognosyrket ${concept} har ${count} rader men filen har ${geographies.size} områden (riket och FA-regioner); filen verkar avkortad`,
      );
    }
  }
  assertAtLeast(input, faRegions.size, FA_REGION_COUNT, BEDOMNING_FILE, 'FA-regioner');
  assertAtLeast(input, counties, COUNTY_CODES.size, ONE_YEAR_FILE, 'län');
}

export const afYrkesprognoserSource = defineSource({
  meta: {
    id: SOURCE_ID,
    title: {
      sv: 'Arbetsförmedlingen – Yrkesprognoser (bristindex)',
      en: 'Arbetsförmedlingen – Occupational forecasts',
    },
    description: {
      sv: 'Bristindex 1–5 per prognosyrke: länen på ett års sikt (omgång 18H), riket på fem års sikt, lokalt index per FA-region och indexserier 2015–2026.',
      en: 'Shortage index 1–5 per forecast occupation: counties one year ahead (round 18H), national five years ahead, local index per FA region and index series 2015–2026.',
    },
    publisher: 'Arbetsförmedlingen',
    licence: 'Arbetsförmedlingens öppna data (CC0 1.0); källförrådet anger ingen licens',
    homepage: 'https://github.com/team-vagledning/yrkesinfo',
    cadence: 'Ersatt av Yrkesbarometern; filerna uppdateras inte längre',
  },
  version: 1,
  files: [
    { path: ONE_YEAR_FILE, url: `${REPO}/storage/imports/bristindex/1-ar.xlsx` },
    { path: FIVE_YEAR_FILE, url: `${REPO}/storage/imports/bristindex/5-ar.xlsx` },
    { path: BEDOMNING_FILE, url: `${REPO}/storage/imports/bristindex/v3/bedomning.csv` },
    { path: HISTORIK_FILE, url: `${REPO}/storage/imports/bristindex/v3/historik.csv` },
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
    { name: 'occupations', table: afForecastOccupations, key: ['roundId', 'horizonYears', 'occupationName'] },
    {
      name: 'occupation_ssyk',
      table: afForecastOccupationSsyk,
      key: ['roundId', 'horizonYears', 'occupationName', 'ssykCode'],
    },
    {
      name: 'index',
      table: afForecastIndex,
      key: ['roundId', 'horizonYears', 'occupationName', 'geographyId'],
    },
    { name: 'concepts', table: afForecastConcepts, key: ['roundId', 'conceptId'] },
    { name: 'concept_ssyk', table: afForecastConceptSsyk, key: ['roundId', 'conceptId', 'ssykCode'] },
    { name: 'fa', table: afForecastFaAssessments, key: ['roundId', 'conceptId', 'geographyId'] },
    { name: 'history', table: afForecastHistory, key: ['roundId', 'conceptId', 'year'] },
  ],
  async read(input) {
    const af = await readAfSsyk(input);
    const scb = await readScbMapping(input, af);
    const one = parseOneYear(await readSheetRows(input, ONE_YEAR_FILE), ONE_YEAR_FILE, af, scb);
    const five = parseFiveYear(
      await readSheetRows(input, FIVE_YEAR_FILE),
      FIVE_YEAR_FILE,
      one.roundId,
      af,
      scb,
    );

    const bedomningRecords = await readCsv(input, BEDOMNING_FILE, {
      required: ['conceptidprognosyrke', 'fa15nr', 'index'],
      delimiter: ';',
    });
    const bedomningHeader = Object.keys(bedomningRecords[0]?.values ?? {});
    const bedomning = parseBedomning(bedomningRecords, bedomningHeader, BEDOMNING_FILE);
    const historik = parseHistorik(
      await readCsv(input, HISTORIK_FILE, { required: HISTORIK_COLUMNS, delimiter: ';' }),
      HISTORIK_FILE,
    );
    const mapping = await readMapping(input, af);
    const concepts = conceptRows(
      [...bedomning.concepts, ...historik.concepts],
      mapping,
      CONCEPT_MAPPING_FILE,
      { file: BEDOMNING_FILE },
    );
    const mappedCount = concepts.concepts.filter((c) => c.value.ssykMapped).length;

    const [shortYear, longYear] = bedomning.years.assessmentYears;
    const faRegions = new Set(
      bedomning.rows.map((r) => r.value.geographyId).filter((g) => g.startsWith('fa:')),
    );
    checkForecastShape(input, one.counties, bedomning.rows, faRegions);
    const mappingText =
      mappedCount === 0
        ? 'Prognosyrkena (conceptidprognosyrke) kan inte kopplas till SSYK: ingen mappningsfil fanns.'
        : `${mappedCount} av ${concepts.concepts.length} prognosyrken kopplade till SSYK via ${CONCEPT_MAPPING_FILE}.`;
    const round = (row: Omit<RoundRow, 'sourceId' | 'series' | 'breakBefore'>): Located<RoundRow> => ({
      value: { sourceId: SOURCE_ID, series: null, breakBefore: false, ...row },
      at: { file: SOURCE_ID },
    });
    const yy = Number(one.roundId.slice(0, 2)) + 2000;
    const autumn = one.roundId.endsWith('H');
    const rounds: Located<RoundRow>[] = [
      round({
        dataset: '1-ar',
        roundId: one.roundId,
        label: `Yrkesprognoser ${one.roundId}, län, ett års sikt`,
        periodStart: autumn ? `${yy}-07-01` : `${yy}-01-01`,
        periodEnd: autumn ? `${yy}-12-31` : `${yy}-06-30`,
        publishedOn: null,
        dateBasis: `Omgångens id i kolumnrubrikerna ("${one.roundId}": H = hösten, V = våren ${yy}); bedömningen avser ett år framåt`,
        note: `${one.occupations.length} prognosyrken × ${one.counties} län; index 1–5 (högt = brist); "-" = ej bedömt`,
        attributes: {
          horizonYears: 1,
          counties: one.counties,
          skippedRows: one.skippedRows,
          file: ONE_YEAR_FILE,
        },
      }),
      round({
        dataset: '5-ar',
        roundId: one.roundId,
        label: `Yrkesprognoser ${one.roundId}, riket, fem års sikt`,
        periodStart: autumn ? `${yy}-07-01` : `${yy}-01-01`,
        periodEnd: autumn ? `${yy}-12-31` : `${yy}-06-30`,
        publishedOn: null,
        dateBasis: `Filen anger ingen omgång; den publicerades tillsammans med 1-ar.xlsx (omgång ${one.roundId}) och har samma prognosyrken`,
        note: `${five.occupations.length} prognosyrken, riket; index 1–5 på fem års sikt`,
        attributes: { horizonYears: 5, file: FIVE_YEAR_FILE },
      }),
      round({
        dataset: 'bedomning',
        roundId: V3_ROUND,
        label: `Yrkesprognoser (bristindex v3), FA-regioner, ${shortYear} och ${longYear}`,
        periodStart: `${shortYear}-01-01`,
        periodEnd: `${longYear}-12-31`,
        publishedOn: null,
        dateBasis: `Bedömningsåren i kolumnnamnen (bedömning${shortYear % 100}, bedömning${longYear % 100}); filen ändrades senast 2024-01-15 i källförrådet`,
        note: `${bedomning.concepts.size} prognosyrken × (riket + ${faRegions.size} FA-regioner). ${mappingText}`,
        attributes: {
          assessmentYears: bedomning.years.assessmentYears,
          arrowYears: bedomning.years.arrowYears,
          faRegions: faRegions.size,
          conceptsMapped: mappedCount,
          concepts: concepts.concepts.length,
          file: BEDOMNING_FILE,
        },
      }),
      round({
        dataset: 'historik',
        roundId: V3_ROUND,
        label: 'Yrkesprognoser (bristindex v3), indexserier',
        periodStart: `${historik.years?.[0] ?? shortYear}-01-01`,
        periodEnd: `${historik.years?.[1] ?? longYear}-12-31`,
        publishedOn: null,
        dateBasis: 'Första och sista året i kolumnen "ar"',
        note: `${historik.concepts.size} prognosyrken; index per år (startår = 1,00). ${mappingText}`,
        attributes: { skippedRows: historik.skippedRows, conceptsMapped: mappedCount, file: HISTORIK_FILE },
      }),
    ];

    const groups: Array<[string, Located<Record<string, unknown>>[]]> = [
      ['rounds', rounds],
      ['occupations', [...one.occupations, ...five.occupations]],
      ['occupation_ssyk', [...one.occupationSsyk, ...five.occupationSsyk]],
      ['index', [...one.index, ...five.index]],
      ['concepts', concepts.concepts],
      ['concept_ssyk', concepts.conceptSsyk],
      ['fa', bedomning.rows],
      ['history', historik.rows],
    ];
    const expectedRows = groups.reduce((n, [, rows]) => n + rows.length, 0);
    async function* batches(): AsyncGenerator<RowBatch> {
      for (const [target, rows] of groups) yield* located(target, rows);
    }
    return { expectedRows, batches: batches() };
  },
});
