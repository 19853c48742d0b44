import { postalCodes } from '../../db/schema/index.js';
import { defineSource } from '../contract.js';
import { locationOf, readCsv } from '../shared/csv.js';
import { assertAtLeast, assertHasRows } from '../shared/shape.js';
import { POSTAL_COLUMNS, parsePostalCodes } from './parse.js';

export const POSTAL_FILE = 'geo-postal/Pnr-Ort-Kommun-KnKod-LnNamn-Lat-Long-GM_202409.csv';
const UPSTREAM =
  'https://raw.githubusercontent.com/Axelsson2000/data/62e9edadcdefbeeb46ab67706a924d7beed04adf/Pnr-Ort-Kommun-KnKod-LnNamn-Lat-Long-GM_202409.csv';

/** Postal codes → postal locality, municipality and coordinates (used to place learning centres and localities). */
/** The September 2024 list has 15,463 postal codes (PROVENANCE); a complete copy has at least this many. */
export const POSTAL_MINIMUM = 15_000;

export const postalCodesSource = defineSource({
  meta: {
    id: 'postal-codes',
    title: {
      sv: 'Postnummer med ort, kommun och koordinater',
      en: 'Postal codes with locality, municipality and coordinates',
    },
    description: {
      sv: '15 463 postnummer (september 2024) med postort, kommunkod och koordinat per ort. Box- och företagsnummer saknas (cirka 82 % täckning).',
      en: '15,463 postal codes (September 2024) with postal locality, municipality code and a coordinate per locality. Box and company codes are missing (about 82 % coverage).',
    },
    publisher: 'Sammanställning av Dataman/Axelsson2000 (postnummer från PostNord)',
    licence:
      'Ingen licens angiven (samma lista utan koordinater publiceras som CC0 av sjbrg/swedish-geodata)',
    homepage: 'https://github.com/Axelsson2000/data',
    cadence: 'Ingen fast; detta uttag september 2024',
  },
  version: 1,
  files: [{ path: POSTAL_FILE, url: UPSTREAM }],
  dependsOn: ['geo'],
  targets: [
    {
      name: 'postal_codes',
      table: postalCodes,
      key: ['postalCode'],
      references: [
        { column: 'municipalityCode', table: 'geographies', tableColumn: 'code', label: 'kommunkod' },
      ],
    },
  ],
  async read(input) {
    const records = await readCsv(input, POSTAL_FILE, { required: POSTAL_COLUMNS });
    const rows = parsePostalCodes(records, POSTAL_FILE);
    assertHasRows(rows.length, POSTAL_FILE, 'postnummer');
    assertAtLeast(input, rows.length, POSTAL_MINIMUM, POSTAL_FILE, 'postnummer');
    async function* batches() {
      for (let start = 0; start < rows.length; start += 5000) {
        yield {
          target: 'postal_codes',
          rows: rows.slice(start, start + 5000).map((r) => ({ ...r })),
          locations: records.slice(start, start + 5000).map((r) => locationOf(POSTAL_FILE, r)),
        };
      }
    }
    return { expectedRows: rows.length, batches: batches() };
  },
});
