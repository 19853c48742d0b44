import { skolverketStudyDirections } from '../../db/schema/index.js';
import { InputError } from '../../errors.js';
import { defineSource } from '../contract.js';
import { toBatches } from '../shared/batches.js';
import { assertFileExists } from '../shared/csv.js';
import { assertAtLeast, assertHasRows } from '../shared/shape.js';
import { readText } from '../shared/text.js';
import { parseAreas } from './parse.js';

export const AREAS_FILE =
  'api-samples/skolverket-planned-educations/v3_GET_adult-education-events_areas.json';
export const AREAS_URL = 'https://api.skolverket.se/planned-educations/v3/adult-education-events/areas';
/** Study areas and directions in the recorded response (api-samples/PROVENANCE.md). */
export const AREA_COUNT = 21;
export const DIRECTION_COUNT = 204;

/**
 * Skolverket's planned-educations API (adult education). Only the reference list of study areas and directions
 * was ever recorded; no `/adult-education-events` list is in the snapshot, so komvux/yrkesvux events do not come
 * from here yet (the description on /data says so) and local offers are entered by the regions instead.
 */
export const skolverketPlannedEducationsSource = defineSource({
  meta: {
    id: 'skolverket-planned-educations',
    title: {
      sv: 'Skolverket – planerade utbildningar (vuxenutbildning)',
      en: 'Skolverket – planned educations (adult education)',
    },
    description: {
      sv: 'Studieområden och inriktningar (21 områden, 204 inriktningar) från Skolverkets API för planerade vuxenutbildningar. Ögonblicksbilden innehåller inga utbildningstillfällen (adult-education-events): komvux- och yrkesvuxkurser finns därför inte här utan läggs in av regionen som lokala utbildningar.',
      en: 'Study areas and directions (21 areas, 204 directions) from Skolverket’s planned adult education API. The snapshot holds no education events (adult-education-events): komvux and yrkesvux courses are therefore not here but entered by the region as local offers.',
    },
    publisher: 'Skolverket',
    licence: 'Ingen licens angiven',
    homepage: 'https://www.skolverket.se/om-oss/oppna-data/api-for-planerade-utbildningar',
    cadence: 'Löpande (API)',
  },
  version: 1,
  files: [{ path: AREAS_FILE, url: AREAS_URL }],
  dependsOn: [],
  targets: [
    { name: 'skolverket_study_directions', table: skolverketStudyDirections, key: ['areaId', 'directionId'] },
  ],
  async read(input) {
    const absolute = input.file(AREAS_FILE);
    await assertFileExists(absolute, AREAS_FILE);
    const { text } = await readText(absolute, AREAS_FILE);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new InputError({ file: AREAS_FILE }, `ogiltig JSON: ${(error as Error).message}`);
    }
    const { areas, rows } = parseAreas(json, AREAS_FILE);
    assertHasRows(rows.length, AREAS_FILE, 'inriktningar');
    assertAtLeast(input, areas, AREA_COUNT, AREAS_FILE, 'studieområden');
    assertAtLeast(input, rows.length, DIRECTION_COUNT, AREAS_FILE, 'inriktningar');
    return {
      expectedRows: rows.length,
      note: 'Ögonblicksbilden innehåller bara studieområden och inriktningar; inga utbildningstillfällen (adult-education-events) finns att importera.',
      batches: (async function* () {
        yield* toBatches('skolverket_study_directions', rows);
      })(),
    };
  },
});
