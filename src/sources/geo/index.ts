import { geoBoundaries, geographies, geographyMembers, population } from '../../db/schema/index.js';
import { InputError } from '../../errors.js';
import { defineSource, type SourceInput } from '../contract.js';
import { assertFileExists, readCsv } from '../shared/csv.js';
import { readJson } from '../shared/json.js';
import { assertAtLeast, assertCoversAll, assertHasRows } from '../shared/shape.js';
import { COUNTY_CODES } from '../shared/ssyk-reference.js';
import { readText } from '../shared/text.js';
import { readXlsxRecords } from '../shared/xlsx.js';
import {
  COUNTY_COLUMNS,
  MUNICIPALITY_COLUMNS,
  parseCounties,
  parseCountyConcepts,
  parseMunicipalities,
  parseSkrGroups,
  SKR_COLUMNS,
} from './parse-admin.js';
import { parseCountyBoundaries, parseMunicipalityBoundaries } from './parse-boundaries.js';
import { FA_COLUMNS, matchFaBoundaries, parseFaMembership, parseKml } from './parse-fa.js';
import { aggregatePopulation, POPULATION_COLUMNS } from './parse-population.js';
import { buildGeoBatches, type ParsedGeo } from './rows.js';

/** Files of the geo source, relative to the data directory (all verbatim copies of upstream files). */
export const GEO_FILES = {
  counties: 'geo-admin/counties.csv',
  municipalities: 'geo-admin/municipalities.csv',
  skr: 'geo-admin/LanKommunDeso.csv',
  populationBO: 'scb-population-deso/FolkmDesoBakgrKon_lan-B-O-2019.csv',
  populationSV: 'scb-population-deso/FolkmDesoBakgrKon_lan-S-V-2019.csv',
  municipalityBoundaries: 'geo-boundaries/swedish_municipalities.geojson',
  countyBoundaries: 'geo-boundaries/swedish_regions.geojson',
  fa: 'af-yrkesprognoser/kommuner.xlsx',
  faKml: 'af-yrkesprognoser/fa_regioner_tillvaxtverket.kml',
  euRegions: 'jobtech-taxonomy/raw/eu-regions.json',
} as const;

const GH = 'https://raw.githubusercontent.com';
const GEODATA = `${GH}/sjbrg/swedish-geodata/967319129a6a3e8494316421fb64cf5d140714a3`;
const AXELSSON_DESO = `${GH}/Axelsson2000/data/d1a422f4e3d1c6a761fc13ed2db90eed86e5203d`;
const AXELSSON_POP = `${GH}/Axelsson2000/data/48ae4005f7e7a1df7cc3571062c2459255319b6f`;
const OKFSE = `${GH}/okfse/sweden-geojson/ff67bcb030d7d09032ae5f443d27130f05fdf1e0`;
const YRKESINFO = `${GH}/team-vagledning/yrkesinfo/5bfe8dbb809198333fcc7af5360fcbec8f357054`;
const NORDIQFLOW = `${GH}/linneamoritznyc/nordiqflow/e9446007fc634331ce73ffb4b395dd356f9999dc`;

/**
 * Shape of the geo files: all 21 counties and at least 290 municipalities in a complete copy; every county has a
 * municipality; the population files cover every municipality of each county they cover (always: a file cut in
 * half lost whole municipalities of a county), and in a complete copy every municipality.
 */
function checkGeoShape(
  input: SourceInput,
  counties: ReadonlyMap<string, unknown>,
  municipalities: ReadonlyMap<string, { countyCode: string }>,
  population: ReadonlyArray<{ municipalityCode: string }>,
): void {
  const f = GEO_FILES;
  const withMunicipality = new Set([...municipalities.values()].map((m) => m.countyCode));
  for (const code of counties.keys()) {
    if (!withMunicipality.has(code)) {
      throw new InputError({ file: f.municipalities, column: 'county_code' }, `län ${code} har ingen kommun`);
    }
  }
  const populated = new Set(population.map((p) => p.municipalityCode));
  const populatedCounties = new Set([...populated].map((code) => municipalities.get(code)?.countyCode));
  const populationFiles = `${f.populationBO} / ${f.populationSV}`;
  assertHasRows(populated.size, populationFiles, 'befolkningsrader');
  for (const [code, m] of municipalities) {
    if (populatedCounties.has(m.countyCode) && !populated.has(code)) {
      throw new InputError(
        { file: populationFiles },
        `kommun ${code} saknas i befolkningsfilerna fast län ${m.countyCode} finns där; filerna verkar avkortade`,
      );
    }
  }
  assertCoversAll(input, populated, municipalities.keys(), populationFiles, 'befolkning för kommunerna');
}

/** DeSO areas of the 2018 division in LanKommunDeso.csv (geo-admin/PROVENANCE.md). */
export const DESO_AREA_COUNT = 5984;

/** Sweden's municipalities since 2003 (geo-admin/PROVENANCE.md). */
export const MUNICIPALITY_COUNT = 290;

/** Reads and parses every file of the geo source (no database). Also used by the parse-only benchmark. */
export async function readGeo(input: SourceInput): Promise<ParsedGeo> {
  const f = GEO_FILES;
  const [countyRecords, municipalityRecords, skrRecords, popBO, popSV, faRecords] = await Promise.all([
    readCsv(input, f.counties, { required: COUNTY_COLUMNS }),
    readCsv(input, f.municipalities, { required: MUNICIPALITY_COLUMNS }),
    readCsv(input, f.skr, { required: SKR_COLUMNS }),
    readCsv(input, f.populationBO, { required: POPULATION_COLUMNS }),
    readCsv(input, f.populationSV, { required: POPULATION_COLUMNS }),
    readXlsxRecords(input, f.fa, { required: FA_COLUMNS }),
  ]);
  // Each file's own shape is checked before the next file is checked against it, so a truncated file is blamed,
  // not the file that refers to the codes it lost.
  const counties = parseCounties(countyRecords, f.counties);
  assertHasRows(counties.size, f.counties);
  assertCoversAll(input, new Set(counties.keys()), COUNTY_CODES, f.counties, 'län', 'county_code');
  const municipalities = parseMunicipalities(municipalityRecords, f.municipalities, counties);
  assertAtLeast(input, municipalities.size, MUNICIPALITY_COUNT, f.municipalities, 'kommuner');
  const skr = parseSkrGroups(skrRecords, f.skr, municipalities);
  assertAtLeast(input, skrRecords.length, DESO_AREA_COUNT, f.skr, 'DeSO-områden');
  assertCoversAll(
    input,
    new Set(skr.municipalities.keys()),
    municipalities.keys(),
    f.skr,
    'kommungrupper',
    'KnKod',
  );
  const countyConcepts = parseCountyConcepts(await readJson(input, f.euRegions), f.euRegions, counties);
  const faRegions = parseFaMembership(faRecords, f.fa, municipalities);
  const kmlPath = input.file(f.faKml);
  await assertFileExists(kmlPath, f.faKml);
  const placemarks = parseKml((await readText(kmlPath, f.faKml)).text, f.faKml);
  const faBoundaries = matchFaBoundaries(placemarks, f.faKml, faRegions);
  const municipalityBoundaries = parseMunicipalityBoundaries(
    await readJson(input, f.municipalityBoundaries),
    f.municipalityBoundaries,
    municipalities,
  );
  const countyBoundaries = parseCountyBoundaries(
    await readJson(input, f.countyBoundaries),
    f.countyBoundaries,
    counties,
  );
  const populationRows = aggregatePopulation(
    [
      { file: f.populationBO, records: popBO },
      { file: f.populationSV, records: popSV },
    ],
    new Set(municipalities.keys()),
  );
  checkGeoShape(input, counties, municipalities, populationRows);
  return {
    files: {
      counties: f.counties,
      municipalities: f.municipalities,
      skr: f.skr,
      fa: f.fa,
      faKml: f.faKml,
      municipalityBoundaries: f.municipalityBoundaries,
      countyBoundaries: f.countyBoundaries,
    },
    counties,
    municipalities,
    skr,
    countyConcepts,
    faRegions,
    faBoundaries,
    municipalityBoundaries,
    countyBoundaries,
    population: populationRows,
    populationFiles: [f.populationBO, f.populationSV],
  };
}

/**
 * Geography: the country, 21 counties, 290 municipalities and 60 FA regions with membership, SKR municipality
 * groups, representative points, population (SCB 2019) and simplified boundaries. See README.md.
 */
export const geoSource = defineSource({
  meta: {
    id: 'geo',
    title: {
      sv: 'Geografi – län, kommuner, FA-regioner, befolkning och gränser',
      en: 'Geography – counties, municipalities, FA regions, population and boundaries',
    },
    description: {
      sv: '21 län, 290 kommuner och 60 funktionella analysregioner med kommuntillhörighet, SKR:s kommungrupper, befolkning per kommun 2019 (SCB) och förenklade gränser för kartor.',
      en: '21 counties, 290 municipalities and 60 functional analysis regions with membership, SKR municipality groups, population per municipality 2019 (SCB) and simplified boundaries for maps.',
    },
    publisher:
      'SCB (koder, befolkning), SKR (kommungrupper), Arbetsförmedlingen (FA-tillhörighet), Tillväxtverket (FA-gränser), Valmyndigheten via okfse (gränser)',
    licence:
      'Koder och befolkning: SCB öppna data (CC0); FA-tillhörighet och -gränser: Arbetsförmedlingens öppna data (CC0); kommun- och länsgränser: okfse/sweden-geojson ("feel free to reuse"); LanKommunDeso.csv: ingen licens angiven',
    homepage: 'https://www.scb.se/hitta-statistik/regional-statistik-och-kartor/regionala-indelningar/',
    cadence: 'Indelningen ändras sällan (senast 2007); befolkning årligen (här 31 dec 2019)',
  },
  version: 1,
  files: [
    { path: GEO_FILES.counties, url: `${GEODATA}/data/counties.csv` },
    { path: GEO_FILES.municipalities, url: `${GEODATA}/data/municipalities.csv` },
    { path: GEO_FILES.skr, url: `${AXELSSON_DESO}/LanKommunDeso.csv` },
    { path: GEO_FILES.populationBO, url: `${AXELSSON_POP}/FolkmDesoBakgrKon/lan-B-O-2019.csv` },
    { path: GEO_FILES.populationSV, url: `${AXELSSON_POP}/FolkmDesoBakgrKon/lan-S-V-2019.csv` },
    { path: GEO_FILES.municipalityBoundaries, url: `${OKFSE}/swedish_municipalities.geojson` },
    { path: GEO_FILES.countyBoundaries, url: `${OKFSE}/swedish_regions.geojson` },
    { path: GEO_FILES.fa, url: `${YRKESINFO}/storage/imports/kommuner/kommuner.xlsx` },
    { path: GEO_FILES.faKml, url: `${YRKESINFO}/storage/imports/fa_regioner/fa_regioner_tillvaxtverket.kml` },
    { path: GEO_FILES.euRegions, url: `${NORDIQFLOW}/data/raw/taxonomy/eu-regions.json` },
  ],
  dependsOn: [],
  targets: [
    // Custom areas (type `area`, ids `area:…`) belong to another module: never touched here.
    { name: 'geographies', table: geographies, key: ['id'], scope: "t.type <> 'area'" },
    {
      name: 'geography_members',
      table: geographyMembers,
      key: ['geographyId', 'municipalityCode'],
      scope: "t.geography_id NOT LIKE 'area:%'",
      references: [{ column: 'geographyId', table: 'geographies', tableColumn: 'id', label: 'geografi' }],
    },
    { name: 'population', table: population, key: ['municipalityCode', 'year'] },
    {
      name: 'geo_boundaries',
      table: geoBoundaries,
      key: ['geographyId'],
      scope: "t.geography_id NOT LIKE 'area:%'",
      references: [{ column: 'geographyId', table: 'geographies', tableColumn: 'id', label: 'geografi' }],
    },
  ],
  async read(input) {
    const batches = buildGeoBatches(await readGeo(input));
    async function* stream() {
      yield* batches;
    }
    return { expectedRows: batches.reduce((n, b) => n + b.rows.length, 0), batches: stream() };
  },
});
