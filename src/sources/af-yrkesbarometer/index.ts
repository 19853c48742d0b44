import {
  afBarometerAssessments,
  afBarometerOccupationSsyk,
  afBarometerOccupations,
  labourMarketRounds,
} from '../../db/schema/index.js';
import { InputError } from '../../errors.js';
import { defineSource, type RowBatch, type SourceFile } from '../contract.js';
import { assertFileExists } from '../shared/csv.js';
import { readAfSsyk, SSYK_AF_SOURCE_FILE } from '../shared/ssyk-reference.js';
import { readText } from '../shared/text.js';
import { BarometerCollector, type Located, SOURCE_ID } from './parse.js';

/** AF's official open-data file: the current round, every occupation × (riket + 21 län). */
export const OFFICIAL_URL = 'https://data.arbetsformedlingen.se/prognoser/yrkesbarometer.json';
export const SUBSET_FILE = 'af-yrkesbarometer/yrkesbarometer_2025-2_subset.json';
export const NATIONAL_FILE = 'af-yrkesbarometer/yrkesbarometer_2026-1_national.json';

/** Both snapshot files are copies of the official file (a subset, and a filtered national copy). */
const BAROMETER_FILES: SourceFile[] = [
  { path: SUBSET_FILE, url: OFFICIAL_URL },
  { path: NATIONAL_FILE, url: OFFICIAL_URL },
];

/** Rows of the rounds delivered by this run replace earlier rows of the same rounds; other rounds are kept. */
const roundScope = (table: string): string => `t.round_id IN (SELECT x.round_id FROM stage_${table} x)`;

function batch<T extends Record<string, unknown>>(target: string, rows: Located<T>[]): RowBatch {
  return { target, rows: rows.map((r) => r.value), locations: rows.map((r) => r.at) };
}

/** Arbetsförmedlingen's Yrkesbarometer: recruitment situation, job opportunities and outlook per occupation. */
export const afYrkesbarometerSource = defineSource({
  meta: {
    id: SOURCE_ID,
    title: { sv: 'Arbetsförmedlingen – Yrkesbarometer', en: 'Arbetsförmedlingen – Occupational barometer' },
    description: {
      sv: 'Rekryteringssituation (brist/balans/överskott/paradox), jobbmöjligheter och femårsprognos per yrke i riket och länen.',
      en: 'Recruitment situation (shortage/balance/surplus/paradox), job opportunities and five-year outlook per occupation, nationally and per county.',
    },
    publisher: 'Arbetsförmedlingen',
    licence: 'CC0 1.0 (Arbetsförmedlingens öppna data)',
    homepage: 'https://data.arbetsformedlingen.se/data/yrkesbarometer/',
    cadence: 'Två omgångar per år',
  },
  version: 1,
  files: [...BAROMETER_FILES, SSYK_AF_SOURCE_FILE],
  dependsOn: [],
  targets: [
    {
      name: 'rounds',
      table: labourMarketRounds,
      key: ['sourceId', 'dataset', 'roundId'],
      scope: `t.source_id = '${SOURCE_ID}' AND ${roundScope('labour_market_rounds')}`,
    },
    {
      name: 'occupations',
      table: afBarometerOccupations,
      key: ['roundId', 'occupationName'],
      scope: roundScope('af_barometer_occupations'),
    },
    {
      name: 'occupation_ssyk',
      table: afBarometerOccupationSsyk,
      key: ['roundId', 'occupationName', 'ssykCode'],
      scope: roundScope('af_barometer_occupation_ssyk'),
    },
    {
      name: 'assessments',
      table: afBarometerAssessments,
      key: ['roundId', 'occupationName', 'geographyId'],
      scope: roundScope('af_barometer_assessments'),
    },
  ],
  async read(input) {
    const af = await readAfSsyk(input);
    const collector = new BarometerCollector(af);
    const seenUrls = new Set<string>();
    for (const file of BAROMETER_FILES) {
      // Online, every declared path receives the same official file: read it once.
      if (input.origin === 'online' && seenUrls.has(file.url)) continue;
      seenUrls.add(file.url);
      const absolute = input.file(file.path);
      await assertFileExists(absolute, file.path);
      const { text } = await readText(absolute, file.path);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new InputError({ file: file.path }, `ogiltig JSON: ${(error as Error).message}`);
      }
      collector.addFile(file.path, json);
    }
    const result = collector.result();
    async function* batches(): AsyncGenerator<RowBatch> {
      yield batch('rounds', result.rounds);
      yield batch('occupations', result.occupations);
      yield batch('occupation_ssyk', result.occupationSsyk);
      yield batch('assessments', result.assessments);
    }
    return { expectedRows: collector.size, batches: batches() };
  },
});
