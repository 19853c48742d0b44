import { yhApplicationMunicipalities, yhApplications } from '../../db/schema/index.js';
import { defineSource } from '../contract.js';
import { toBatches } from '../shared/batches.js';
import { readCsv } from '../shared/csv.js';
import { assertAtLeast, assertHasRows } from '../shared/shape.js';
import { APPLICATION_COLUMNS, MULTI_COLUMNS, parseApplications, parseMultiMunicipalities } from './parse.js';

export const APPLICATIONS_FILE = 'api-samples/myh/resultat-ansokningsomgang-2024_tabell3_ansokningar.csv';
export const MULTI_FILE = 'api-samples/myh/resultat-ansokningsomgang-2024_tabell4_flera-kommuner.csv';
/** The application round the files describe (applications 2024, decisions 2025). */
export const ROUND_YEAR = 2024;
/** Rows of Tabell 3 and Tabell 4 (api-samples/PROVENANCE.md). */
export const APPLICATION_ROWS = 1272;
export const MULTI_ROWS = 842;

/**
 * MYH publishes the round as a workbook; the two CSVs are derived from it (codes joined from geo-admin, see
 * api-samples/PROVENANCE.md). Their URLs sit under MYH's statistics page so a mirror (SEMAFOR_ONLINE_MIRROR) can
 * serve them; MYH itself serves only the workbook.
 */
const MYH_STATISTICS = 'https://www.myh.se/om-oss/sok-handlingar-och-statistik/statistik-och-rapporter';

/** MYH's decisions in the 2024 application round: every application with SUN5, SeQF, place and places. */
export const myhAnsokningarSource = defineSource({
  meta: {
    id: 'myh-ansokningar',
    title: {
      sv: 'MYH – resultat ansökningsomgång 2024',
      en: 'MYH – result of the 2024 application round',
    },
    description: {
      sv: 'Alla 1 272 ansökningar om YH-utbildningar i omgång 2024 med MYH:s beslut (beviljad/avslag), utbildningsområde, SUN5, SeQF-nivå, kommun och län, studieform och sökta/beviljade platser.',
      en: 'All 1,272 applications for YH programmes in the 2024 round with MYH’s decision (granted/rejected), field, SUN5, SeQF level, municipality and county, study form and places applied for/granted.',
    },
    publisher: 'Myndigheten för yrkeshögskolan (MYH)',
    licence: 'Ingen licens angiven',
    homepage: MYH_STATISTICS,
    cadence: 'Årligen (beslut i januari)',
  },
  version: 1,
  files: [
    {
      path: APPLICATIONS_FILE,
      url: `${MYH_STATISTICS}/resultat-ansokningsomgang-2024_tabell3_ansokningar.csv`,
    },
    { path: MULTI_FILE, url: `${MYH_STATISTICS}/resultat-ansokningsomgang-2024_tabell4_flera-kommuner.csv` },
  ],
  dependsOn: ['geo'],
  targets: [
    {
      name: 'yh_applications',
      table: yhApplications,
      key: ['id'],
      references: [
        { column: 'municipalityCode', table: 'geographies', tableColumn: 'code', label: 'kommunkod' },
      ],
    },
    {
      name: 'yh_application_municipalities',
      table: yhApplicationMunicipalities,
      key: ['applicationId', 'municipalityCode'],
      references: [
        { column: 'municipalityCode', table: 'geographies', tableColumn: 'code', label: 'kommunkod' },
      ],
    },
  ],
  async read(input) {
    const applications = parseApplications(
      await readCsv(input, APPLICATIONS_FILE, { required: APPLICATION_COLUMNS }),
      APPLICATIONS_FILE,
      ROUND_YEAR,
    );
    assertHasRows(applications.length, APPLICATIONS_FILE, 'ansökningar');
    assertAtLeast(input, applications.length, APPLICATION_ROWS, APPLICATIONS_FILE, 'ansökningar');
    const ids = new Set(applications.map((a) => a.row.id));
    const multi = parseMultiMunicipalities(
      await readCsv(input, MULTI_FILE, { required: MULTI_COLUMNS }),
      MULTI_FILE,
      ids,
    );
    assertHasRows(multi.length, MULTI_FILE, 'kommunrader');
    assertAtLeast(input, multi.length, MULTI_ROWS, MULTI_FILE, 'kommunrader');
    return {
      expectedRows: applications.length + multi.length,
      batches: (async function* () {
        yield* toBatches('yh_applications', applications);
        yield* toBatches('yh_application_municipalities', multi);
      })(),
    };
  },
});
