import { readFile } from 'node:fs/promises';
import { yhProgrammes, yhProgrammeTowns } from '../../db/schema/index.js';
import { InputError } from '../../errors.js';
import { defineSource, type SourceInput } from '../contract.js';
import { PLACES_FILE } from '../places/index.js';
import { parsePlaces } from '../places/parse.js';
import { POSTAL_FILE } from '../postal-codes/index.js';
import { POSTAL_COLUMNS, parsePostalCodes } from '../postal-codes/parse.js';
import { inputFileExists, toBatches } from '../shared/batches.js';
import { readCsv } from '../shared/csv.js';
import { assertAtLeast, assertHasRows } from '../shared/shape.js';
import { buildTownIndex, parseProgrammes, type TownIndex, YH_COLUMNS } from './parse.js';

export const YH_FILE = 'myh-yh-utbildningar/yh_utbildningar_2025-04-23.csv';
export const MUNICIPALITIES_FILE = 'geo-admin/municipalities.csv';

const GH = 'https://raw.githubusercontent.com';
const YH_URL = `${GH}/DaDrummerthe1st/list_of_yrkeshogskolor/fd754c6d8894dfd8ff5d61cbdf34822613d3ec34/resources/csv/ISD-58612025-04-23v1.csv`;
const MUNICIPALITIES_URL = `${GH}/sjbrg/swedish-geodata/967319129a6a3e8494316421fb64cf5d140714a3/data/municipalities.csv`;
const POSTAL_URL = `${GH}/Axelsson2000/data/62e9edadcdefbeeb46ab67706a924d7beed04adf/Pnr-Ort-Kommun-KnKod-LnNamn-Lat-Long-GM_202409.csv`;
const PLACES_URL = `${GH}/JobtechSwe/elastic-importers/cd8f011f1bf3c307662e02c9f510f49850f3c2d0/importers/taxonomy/resources/platser.json`;

/** Rows and distinct programme numbers of the 2025-04-23 extract (PROVENANCE.md). */
export const YH_ROWS = 1385;

/** Reads the reference lists study towns are placed with (places are optional: without them fewer towns place). */
export async function readTownIndex(input: SourceInput): Promise<TownIndex> {
  const [municipalityRecords, postalRecords] = await Promise.all([
    readCsv(input, MUNICIPALITIES_FILE, { required: ['municipality_code', 'municipality_name_short'] }),
    readCsv(input, POSTAL_FILE, { required: POSTAL_COLUMNS }),
  ]);
  let places: Array<{ name: string; municipalityCode: string }> = [];
  if (await inputFileExists(input, PLACES_FILE)) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(input.file(PLACES_FILE), 'utf8'));
    } catch (error) {
      throw new InputError({ file: PLACES_FILE }, `ogiltig JSON: ${(error as Error).message}`);
    }
    places = parsePlaces(json, PLACES_FILE).map((p) => p.row);
  }
  return buildTownIndex({
    municipalities: municipalityRecords.map((r) => ({
      code: r.values.municipality_code ?? '',
      name: r.values.municipality_name_short ?? '',
    })),
    postal: parsePostalCodes(postalRecords, POSTAL_FILE),
    places,
  });
}

/** MYH's list of YH programmes with study towns placed in municipalities. */
export const myhYhUtbildningarSource = defineSource({
  meta: {
    id: 'myh-yh-utbildningar',
    title: { sv: 'MYH – yrkeshögskoleutbildningar', en: 'MYH – higher vocational (YH) programmes' },
    description: {
      sv: 'Yrkeshögskolans utbildningar (uttag 2025-04-23): anordnare, utbildningsnummer och namn, studieorter placerade i kommuner, bunden eller distans, status, platser och studerande. Orter som inte kan placeras listas i importens notering.',
      en: 'YH programmes (extract 2025-04-23): provider, programme number and name, study towns placed in municipalities, campus or distance, status, places and students. Towns that cannot be placed are listed in the import note.',
    },
    publisher: 'Myndigheten för yrkeshögskolan (MYH)',
    licence: 'Ingen licens angiven (kopia i DaDrummerthe1st/list_of_yrkeshogskolor)',
    homepage: 'https://www.yrkeshogskolan.se/hitta-utbildning/',
    cadence: 'Löpande hos MYH; denna kopia är ett uttag 2025-04-23',
  },
  version: 1,
  files: [
    { path: YH_FILE, url: YH_URL },
    { path: MUNICIPALITIES_FILE, url: MUNICIPALITIES_URL },
    { path: POSTAL_FILE, url: POSTAL_URL },
    { path: PLACES_FILE, url: PLACES_URL, optional: true },
  ],
  dependsOn: ['geo'],
  targets: [
    { name: 'yh_programmes', table: yhProgrammes, key: ['id'] },
    {
      name: 'yh_programme_towns',
      table: yhProgrammeTowns,
      key: ['programmeId', 'town'],
      references: [
        { column: 'municipalityCode', table: 'geographies', tableColumn: 'code', label: 'kommunkod' },
      ],
    },
  ],
  async read(input) {
    const index = await readTownIndex(input);
    const records = await readCsv(input, YH_FILE, { required: YH_COLUMNS });
    const parsed = parseProgrammes(records, YH_FILE, index);
    assertHasRows(parsed.programmes.length, YH_FILE, 'utbildningar');
    assertAtLeast(input, parsed.programmes.length, YH_ROWS, YH_FILE, 'utbildningsrader');
    const note =
      parsed.unplaced.length === 0
        ? `Alla ${parsed.distinctTowns} studieorter placerade i en kommun.`
        : `${parsed.unplaced.length} av ${parsed.distinctTowns} studieorter kunde inte placeras i en kommun (sparade utan kommunkod): ${parsed.unplaced
            .map((u) => `${u.town} (${u.programmes.join(', ')})`)
            .join('; ')}.`;
    return {
      expectedRows: parsed.programmes.length + parsed.towns.length,
      note,
      batches: (async function* () {
        yield* toBatches('yh_programmes', parsed.programmes);
        yield* toBatches('yh_programme_towns', parsed.towns);
      })(),
    };
  },
});
