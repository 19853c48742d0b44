import path from 'node:path';
import {
  learningCentreMunicipalities,
  learningCentreServices,
  learningCentres,
} from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { defineSource, type RowBatch, type SourceAdapter } from '../contract.js';
import { assertAtLeast } from '../shared/shape.js';
import { parseCentres } from './parse.js';
import { REFERENCE_FILES, readCentreRecords, readReference } from './read.js';

/** The hand-compiled national list in the data directory. */
export const LARCENTRA_FILE = 'larcentra/larcentra.csv';

const GH = 'https://raw.githubusercontent.com';
const REFERENCE_URLS: Record<keyof typeof REFERENCE_FILES, string> = {
  municipalities: `${GH}/sjbrg/swedish-geodata/967319129a6a3e8494316421fb64cf5d140714a3/data/municipalities.csv`,
  counties: `${GH}/sjbrg/swedish-geodata/967319129a6a3e8494316421fb64cf5d140714a3/data/counties.csv`,
  municipalityBoundaries: `${GH}/okfse/sweden-geojson/ff67bcb030d7d09032ae5f443d27130f05fdf1e0/swedish_municipalities.geojson`,
  postal: `${GH}/Axelsson2000/data/62e9edadcdefbeeb46ab67706a924d7beed04adf/Pnr-Ort-Kommun-KnKod-LnNamn-Lat-Long-GM_202409.csv`,
};

/**
 * larcentra.csv has no machine-readable upstream: it was compiled by hand from public pages (see its
 * PROVENANCE.md). The URL names the page whose member list it stands in for; `read` refuses the online path.
 */
const NO_UPSTREAM_URL = 'https://www.nitus.se/larcentra';

export interface LarcentraSourceOptions {
  /** Path of the centre file relative to the data directory (`.csv` or `.xlsx`). */
  file?: string;
  /** Name used in messages (e.g. the path the user typed); defaults to `file`. */
  displayName?: string;
}

/** Floor for the national list (61 centres in the data directory's copy): a copy cut in half is refused. */
export const NATIONAL_MINIMUM = 55;

/**
 * Builds the learning-centre adapter for a file (the national list by default, or a region's own file with the
 * same columns). The reference files for validation and coordinates come from the same data directory.
 */
export function createLarcentraSource(options: LarcentraSourceOptions = {}): SourceAdapter {
  const file = options.file ?? LARCENTRA_FILE;
  const displayName = options.displayName ?? file;
  return defineSource({
    meta: {
      id: 'larcentra',
      title: { sv: 'Lärcentra', en: 'Learning centres' },
      description: {
        sv: 'Kommunala lärcentra (lärcentrum, högskolecentrum, CFL, campus) med huvudman, kommuner, tjänster, öppettider och Nitus-medlemskap. Handsammanställd lista över 61 centra från offentliga webbsidor – ofullständig; en regions egen fil med samma kolumner kan ersätta den.',
        en: 'Municipal learning centres (lärcentrum, högskolecentrum, CFL, campus) with organiser, municipalities, services, opening hours and Nitus membership. Hand-compiled list of 61 centres from public web pages – incomplete; a region’s own file with the same columns can replace it.',
      },
      publisher: 'Kommuner, kommunalförbund och Nitus (offentliga webbsidor, handsammanställt)',
      licence: 'Ingen licens (fakta från offentliga sidor, varje rad med källa)',
      homepage: 'https://www.nitus.se/',
      cadence: 'Ingen; sidorna är daterade 2012–2026. Regionens egen fil är källan när den finns.',
    },
    version: 2,
    files: [
      { path: file, url: NO_UPSTREAM_URL },
      ...Object.entries(REFERENCE_FILES).map(([key, p]) => ({
        path: p,
        url: REFERENCE_URLS[key as keyof typeof REFERENCE_FILES],
      })),
    ],
    dependsOn: ['geo'],
    targets: [
      { name: 'learning_centres', table: learningCentres, key: ['id'] },
      { name: 'learning_centre_services', table: learningCentreServices, key: ['centreId', 'service'] },
      {
        name: 'learning_centre_municipalities',
        table: learningCentreMunicipalities,
        key: ['centreId', 'municipalityCode'],
        references: [
          { column: 'municipalityCode', table: 'geographies', tableColumn: 'code', label: 'kommunkod' },
        ],
      },
    ],
    async read(input) {
      if (input.origin === 'online') {
        throw new AppError(
          'source_unavailable',
          'Lärcentra har ingen maskinläsbar källa på nätet: listan är handsammanställd. Importera från datakatalogen (semafor import larcentra) eller en egen fil (semafor larcentra import FIL).',
        );
      }
      const [reference, records] = await Promise.all([
        readReference(input),
        readCentreRecords(input, file, displayName),
      ]);
      const centres = parseCentres(records, displayName, reference);
      // The national list has 61 centres (PROVENANCE); a region's own file may hold a handful, so the floor applies
      // to the national list only (the runner's shrink guard compares any file with its previous import).
      if (file === LARCENTRA_FILE) {
        assertAtLeast(input, centres.length, NATIONAL_MINIMUM, displayName, 'lärcentra');
      }
      async function* batches(): AsyncGenerator<RowBatch> {
        yield {
          target: 'learning_centres',
          rows: centres.map((c) => ({ ...c.centre })),
          locations: centres.map((c) => c.location),
        };
        const services = centres.flatMap((c) =>
          c.services.map((service) => ({ row: { centreId: c.centre.id, service }, at: c.location })),
        );
        yield {
          target: 'learning_centre_services',
          rows: services.map((s) => s.row),
          locations: services.map((s) => s.at),
        };
        const municipalities = centres.flatMap((c) =>
          c.municipalities.map((m) => ({ row: { centreId: c.centre.id, ...m }, at: c.location })),
        );
        yield {
          target: 'learning_centre_municipalities',
          rows: municipalities.map((m) => m.row),
          locations: municipalities.map((m) => m.at),
        };
      }
      return { expectedRows: centres.length * 4, batches: batches() };
    },
  });
}

/** The default adapter: `larcentra/larcentra.csv` in the data directory. */
export const larcentraSource = createLarcentraSource();

/** The data-directory-relative path a user's file is linked under for a one-off import. */
export function linkedFileName(userPath: string): string {
  return `larcentra/${path.basename(userPath)}`;
}
