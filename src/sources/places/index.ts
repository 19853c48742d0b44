import { places } from '../../db/schema/index.js';
import { InputError } from '../../errors.js';
import { defineSource } from '../contract.js';
import { inputFileExists, skippedStream } from '../shared/batches.js';
import { assertFileExists } from '../shared/csv.js';
import { assertAtLeast, assertHasRows } from '../shared/shape.js';
import { readText } from '../shared/text.js';
import { parsePlaces } from './parse.js';

export const PLACES_FILE = 'jobtech-places/platser.json';
const UPSTREAM =
  'https://raw.githubusercontent.com/JobtechSwe/elastic-importers/cd8f011f1bf3c307662e02c9f510f49850f3c2d0/importers/taxonomy/resources/platser.json';

/** JobTech's named places (localities) with municipality code and coordinates. */
export const placesSource = defineSource({
  meta: {
    id: 'places',
    title: { sv: 'Orter (JobTech)', en: 'Places (JobTech)' },
    description: {
      sv: '2 012 namngivna orter med kommunkod och koordinater (2018). 70 saknar koordinat (0,0) och ett 20-tal har koordinater från en annan ort med samma namn; analysen sorterar bort dem.',
      en: '2,012 named places with municipality code and coordinates (2018). 70 lack a coordinate (0,0) and about 20 carry the coordinates of a namesake elsewhere; the analysis filters them out.',
    },
    publisher: 'Arbetsförmedlingen / JobTech',
    licence: 'Apache-2.0 (repository JobtechSwe/elastic-importers)',
    homepage: 'https://github.com/JobtechSwe/elastic-importers',
    cadence: 'Ingen; ögonblicksbild från 2018',
  },
  version: 1,
  files: [{ path: PLACES_FILE, url: UPSTREAM, optional: true }],
  dependsOn: ['geo'],
  targets: [
    {
      name: 'places',
      table: places,
      key: ['municipalityCode', 'name'],
      references: [
        { column: 'municipalityCode', table: 'geographies', tableColumn: 'code', label: 'kommunkod' },
      ],
    },
  ],
  async read(input) {
    if (!(await inputFileExists(input, PLACES_FILE))) {
      return skippedStream(
        PLACES_FILE,
        'den valfria filen saknas; tabellen places lämnas som den är (räckvidden med orter som punkter använder de orter som redan finns)',
      );
    }
    const absolute = input.file(PLACES_FILE);
    await assertFileExists(absolute, PLACES_FILE);
    const { text } = await readText(absolute, PLACES_FILE);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new InputError({ file: PLACES_FILE }, `ogiltig JSON: ${(error as Error).message}`);
    }
    const parsed = parsePlaces(json, PLACES_FILE);
    assertHasRows(parsed.length, PLACES_FILE, 'orter');
    assertAtLeast(input, parsed.length, 2000, PLACES_FILE, 'orter');
    // PROVENANCE: all 290 municipalities have at least one place.
    assertAtLeast(
      input,
      new Set(parsed.map((p) => p.row.municipalityCode)).size,
      290,
      PLACES_FILE,
      'kommuner med orter',
    );
    async function* batches() {
      yield {
        target: 'places',
        rows: parsed.map((p) => ({ ...p.row })),
        locations: parsed.map((p) => p.location),
      };
    }
    return { expectedRows: parsed.length, batches: batches() };
  },
});
