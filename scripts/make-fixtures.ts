/**
 * Builds the small fixture data set in test/fixtures/data from the real open data (SEMAFOR_DATA_DIR, else
 * ../shared/data), so the API and service tests run in a checkout without the real data.
 *
 *   node --import tsx scripts/make-fixtures.ts [--out DIR]
 *
 * Every fixture file has the real file's name, format, header and encoding; rows are real rows, kept when they
 * concern the two counties (COUNTIES) or the twelve occupations (SSYK) below. What is thinned rather than
 * filtered (boundaries, population, SKR groups) is said in the PROVENANCE.md this script writes. Re-running it
 * on the same real data gives the same files, except for the zip timestamps inside the two .xlsx files.
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { projectRoot } from '../src/config.js';
import {
  FIXTURE_COUNTIES,
  FIXTURE_LEARNING_CENTRE_MUNICIPALITIES,
  FIXTURE_SSYK,
} from '../src/testing/fixture-data.js';
import { realDataMissingReason, resolveRealDataDir } from '../src/testing/real-data-dir.js';

/** Uppsala and Gävleborg: one county near Stockholm, one further north; both in AF's county rounds. */
/** The counties and the dozen SSYK-4 groups the fixture keeps: one list, shared with the tests that read it. */
const COUNTIES = FIXTURE_COUNTIES;
const SSYK = FIXTURE_SSYK;

/** First year kept of the national age file (its size is years × SSYK × age groups × sex). */
const AGE_FROM_YEAR = 2023;

/** Municipalities of Gävleborg whose learning centres, postal codes and places are kept (Ljusdal, Bollnäs). */
const LEARNING_CENTRE_MUNICIPALITIES = FIXTURE_LEARNING_CENTRE_MUNICIPALITIES;

/** The fixture set must stay small: it lives in the repository. */
export const SIZE_BUDGET_BYTES = 300 * 1024;

const keepSsyk = new Set<string>(SSYK);
const keepCounty = new Set<string>(COUNTIES);

interface Context {
  from: string;
  to: string;
  notes: string[];
}

const BOM = '\uFEFF';

function readRaw(ctx: Context, file: string): string {
  return readFileSync(path.join(ctx.from, file), 'utf8');
}

function write(ctx: Context, file: string, content: string | Buffer): void {
  const target = path.join(ctx.to, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, content);
}

/**
 * Keeps the header and the lines whose record passes `keep` (records parsed with csv-parse, lines copied
 * verbatim, so quoting and number formats stay as in the real file).
 */
function filterCsv(
  ctx: Context,
  file: string,
  delimiter: string,
  keep: (record: Record<string, string>, index: number) => boolean,
  note: string,
): void {
  const text = readRaw(ctx, file);
  const bom = text.startsWith(BOM) ? BOM : '';
  const body = bom ? text.slice(1) : text;
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  const rows = parse(body, {
    delimiter,
    relax_quotes: true,
    raw: true,
    skip_empty_lines: true,
  }) as unknown as Array<{
    record: string[];
    raw: string;
  }>;
  const [header, ...data] = rows;
  if (!header) throw new Error(`${file}: tom fil`);
  const columns = header.record;
  const kept = data.filter((row, i) =>
    keep(Object.fromEntries(columns.map((c, j) => [c, row.record[j] ?? ''])), i),
  );
  const lines = [header, ...kept].map((r) => r.raw.replace(/[\r\n]+$/, ''));
  write(ctx, file, `${bom}${lines.join(eol)}${eol}`);
  ctx.notes.push(`- \`${file}\`: ${kept.length} of ${data.length} rows — ${note}`);
}

function copy(ctx: Context, file: string, note: string): void {
  write(ctx, file, readFileSync(path.join(ctx.from, file)));
  ctx.notes.push(`- \`${file}\`: verbatim copy — ${note}`);
}

/**
 * AF's municipality → FA region key, reduced to the three columns the geo reader uses (FA15Nr, FA15Namn,
 * kommunkod) and to the kept municipalities (the structural checks need every municipality in an FA region).
 * Returns the FA region numbers that remain, so the FA boundaries can be cut to the same regions.
 */
async function writeFaKey(ctx: Context, municipalities: ReadonlySet<string>): Promise<Set<string>> {
  const file = 'af-yrkesprognoser/kommuner.xlsx';
  const source = new ExcelJS.Workbook();
  await source.xlsx.readFile(path.join(ctx.from, file));
  const derived = new ExcelJS.Workbook();
  const sheet = derived.addWorksheet(source.worksheets[0]?.name ?? 'Blad1');
  const regions = new Set<string>();
  source.worksheets[0]?.eachRow((row, rowNumber) => {
    const [, fa, name, kommunkod] = row.values as unknown[];
    if (rowNumber > 1 && !municipalities.has(String(kommunkod).padStart(4, '0'))) return;
    if (rowNumber > 1) regions.add(String(fa));
    sheet.addRow([fa, name, kommunkod]);
  });
  write(ctx, file, Buffer.from(await derived.xlsx.writeBuffer()));
  ctx.notes.push(
    `- \`${file}\`: the columns FA15Nr, FA15Namn and kommunkod of the kept municipalities (${regions.size} FA regions)`,
  );
  return regions;
}

function writeJson(ctx: Context, file: string, value: unknown, note: string): void {
  write(ctx, file, `${JSON.stringify(value)}\n`);
  ctx.notes.push(`- \`${file}\`: ${note}`);
}

type Position = number[];

/** Every `step`-th point of a ring (at least four, closed), rounded to 4 decimals: a crude but valid outline. */
function thinRing(ring: Position[], points = 4): Position[] {
  const open = ring.slice(0, -1);
  const step = Math.max(1, Math.floor(open.length / points));
  const kept = open.filter((_, i) => i % step === 0).slice(0, points);
  const rounded = kept.map(([x, y]) => [Math.round((x ?? 0) * 1e4) / 1e4, Math.round((y ?? 0) * 1e4) / 1e4]);
  const distinct = rounded.filter((p, i) => i === 0 || p.join() !== rounded[i - 1]?.join());
  while (distinct.length < 3) distinct.push(rounded[0]!);
  return [...distinct, distinct[0]!];
}

/** Polygon or MultiPolygon → a Polygon of the largest part's outer ring, thinned. */
function thinGeometry(geometry: { type: string; coordinates: unknown }): {
  type: 'Polygon';
  coordinates: Position[][];
} {
  const polygons =
    geometry.type === 'MultiPolygon'
      ? (geometry.coordinates as Position[][][])
      : [geometry.coordinates as Position[][]];
  const largest = polygons.reduce((a, b) => ((b[0]?.length ?? 0) > (a[0]?.length ?? 0) ? b : a));
  return { type: 'Polygon', coordinates: [thinRing(largest[0] ?? [])] };
}

function thinGeoJson(ctx: Context, file: string, keepId: (id: string) => boolean = () => true): void {
  const json = JSON.parse(readRaw(ctx, file)) as {
    type: string;
    features: Array<{ type: string; properties: unknown; geometry: { type: string; coordinates: unknown } }>;
  };
  const round = (value: unknown): unknown =>
    Array.isArray(value) ? value.map((n) => (typeof n === 'number' ? Math.round(n * 1e4) / 1e4 : n)) : value;
  const kept = json.features.filter((f) => keepId(String((f.properties as { id?: unknown }).id)));
  const features = kept.map((f) => {
    const properties = f.properties as Record<string, unknown>;
    const point = properties.geo_point_2d;
    return {
      ...f,
      // The municipality name is not read (names come from municipalities.csv): dropped for size.
      properties:
        point === undefined ? properties : { ...properties, kom_namn: undefined, geo_point_2d: round(point) },
      geometry: thinGeometry(f.geometry),
    };
  });
  writeJson(
    ctx,
    file,
    { ...json, features },
    `${features.length} of ${json.features.length} features (those of the kept geographies) with the properties the adapter reads; each outline cut to about four points of the largest part (4 decimals), so maps are crude`,
  );
}

/** KML: every placemark kept, each <coordinates> list thinned like the GeoJSON outlines; styles dropped. */
function thinKml(ctx: Context, file: string, regions: ReadonlySet<string>): void {
  let dropped = 0;
  const text = readRaw(ctx, file).replace(/[ \t]*<Placemark>[\s\S]*?<\/Placemark>\n?/g, (placemark) => {
    const code = /<SimpleData name="FAKod">([^<]*)<\/SimpleData>/.exec(placemark)?.[1] ?? '';
    if (regions.has(code)) return placemark;
    dropped++;
    return '';
  });
  let placemarks = 0;
  const thinned = text
    // Islands: only the largest polygon of each placemark stays.
    .replace(/<MultiGeometry>([\s\S]*?)<\/MultiGeometry>/g, (_, inner: string) => {
      const polygons = inner.match(/<Polygon>[\s\S]*?<\/Polygon>/g) ?? [];
      const largest = polygons.reduce((a, b) => (b.length > a.length ? b : a), '');
      return `<MultiGeometry>${largest}</MultiGeometry>`;
    })
    .replace(/<Style id="inline">[\s\S]*?<\/Style>/g, '')
    .replace(/^[ \t]+/gm, '')
    .replace(/\n{2,}/g, '\n')
    .replace(/<coordinates>([\s\S]*?)<\/coordinates>/g, (_, list: string) => {
      const ring = list
        .trim()
        .split(/\s+/)
        .map((tuple) => tuple.split(',').map(Number));
      return `<coordinates>${thinRing(ring)
        .map((p) => p.join(','))
        .join(' ')}</coordinates>`;
    });
  placemarks = (thinned.match(/<Placemark>/g) ?? []).length;
  write(ctx, file, thinned);
  ctx.notes.push(
    `- \`${file}\`: the ${placemarks} placemarks of the kept FA regions (${dropped} dropped) with their data; inline styles and indentation dropped, each <coordinates> thinned to about four points`,
  );
}

/** XLSX: the first sheet (the one the adapters read), header rows kept, data rows filtered; other sheets dropped. */
async function filterXlsx(
  ctx: Context,
  file: string,
  headerRows: number,
  keep: (values: unknown[]) => boolean,
  note: string,
): Promise<void> {
  const source = new ExcelJS.Workbook();
  await source.xlsx.readFile(path.join(ctx.from, file));
  const sheet = source.worksheets[0];
  if (!sheet) throw new Error(`${file}: inget blad`);
  const target = new ExcelJS.Workbook();
  // Fixed metadata dates, so a re-run on the same data differs only in the zip's own timestamps.
  target.created = new Date('2024-01-01T00:00:00Z');
  target.modified = target.created;
  const out = target.addWorksheet(sheet.name);
  let total = 0;
  let kept = 0;
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const values = (row.values as unknown[]).slice(1);
    if (number > headerRows) {
      total++;
      if (!keep(values)) return;
      kept++;
    }
    out.addRow(values);
  });
  const buffer = Buffer.from(await target.xlsx.writeBuffer());
  write(ctx, file, buffer);
  ctx.notes.push(`- \`${file}\`: sheet "${sheet.name}" only, ${kept} of ${total} rows — ${note}`);
}

interface Concept {
  id: string;
  type?: string;
  ssyk_code_2012?: string;
  preferred_label?: string;
  narrower?: Concept[];
  [key: string]: unknown;
}

/** The SSYK hierarchy cut to the kept SSYK-4 groups, their ancestors and their occupation names. */
function cutHierarchy(concepts: Concept[]): Concept[] {
  const cut = (c: Concept): Concept | undefined => {
    if (c.type === 'ssyk-level-4') return keepSsyk.has(c.ssyk_code_2012 ?? '') ? c : undefined;
    if (!c.narrower) return c;
    const narrower = c.narrower.map(cut).filter((n): n is Concept => n !== undefined);
    return narrower.length > 0 ? { ...c, narrower } : undefined;
  };
  return concepts.map(cut).filter((c): c is Concept => c !== undefined);
}

function collect(concepts: Concept[], into: Concept[] = []): Concept[] {
  for (const c of concepts) {
    into.push(c);
    if (c.narrower) collect(c.narrower, into);
  }
  return into;
}

/**
 * The municipalities the fixture keeps: all of the fixture counties and the first (lowest code) of every other
 * county, so that every county still has a municipality while the list stays a small derived part of the real one.
 */
function fixtureMunicipalities(municipalityCounty: ReadonlyMap<string, string>): Set<string> {
  const kept = new Set<string>();
  const countiesWithOne = new Set<string>();
  for (const [code, county] of [...municipalityCounty].sort(([a], [b]) => a.localeCompare(b))) {
    if (keepCounty.has(county) || !countiesWithOne.has(county)) kept.add(code);
    countiesWithOne.add(county);
  }
  return kept;
}

async function build(ctx: Context): Promise<void> {
  // --- geo: complete administrative lists, thinned geometry and statistics -----------------------------
  copy(ctx, 'geo-admin/counties.csv', 'all 21 counties');
  const municipalityCounty = new Map<string, string>();
  for (const line of readRaw(ctx, 'geo-admin/municipalities.csv').split('\n').slice(1)) {
    const [code, , , county] = line.trim().split(',');
    if (code && county) municipalityCounty.set(code, county);
  }
  const keptMunicipalities = fixtureMunicipalities(municipalityCounty);
  filterCsv(
    ctx,
    'geo-admin/municipalities.csv',
    ',',
    (r) => keptMunicipalities.has(r.municipality_code ?? ''),
    `every municipality of counties ${COUNTIES.join(' and ')} and the first of every other county (${keptMunicipalities.size} of ${municipalityCounty.size}): each county keeps one municipality`,
  );
  const firstDeso = new Set<string>();
  filterCsv(
    ctx,
    'geo-admin/LanKommunDeso.csv',
    ',',
    (r) => {
      // One DeSO row per municipality of the two counties: enough for their SKR group and the county letter.
      if (!keepCounty.has(r.LnKod ?? '') || firstDeso.has(r.KnKod ?? '')) return false;
      firstDeso.add(r.KnKod ?? '');
      return true;
    },
    `the first DeSO row of each municipality in counties ${COUNTIES.join(' and ')} (SKR groups of the others are absent)`,
  );
  const desoCount = new Map<string, number>();
  const keptDeso = new Set<string>();
  for (const file of [
    'scb-population-deso/FolkmDesoBakgrKon_lan-B-O-2019.csv',
    'scb-population-deso/FolkmDesoBakgrKon_lan-S-V-2019.csv',
  ]) {
    filterCsv(
      ctx,
      file,
      ',',
      (r) => {
        const deso = r['DeSO.1'] ?? '';
        const municipality = deso.slice(0, 4);
        if (!keepCounty.has(municipalityCounty.get(municipality) ?? '')) return false;
        if (!keptDeso.has(deso)) {
          const n = desoCount.get(municipality) ?? 0;
          if (n >= 2) return false;
          desoCount.set(municipality, n + 1);
          keptDeso.add(deso);
        }
        return true;
      },
      `the rows of the first two DeSO areas of each municipality in counties ${COUNTIES.join(' and ')}: population figures are NOT the real totals`,
    );
  }
  thinGeoJson(ctx, 'geo-boundaries/swedish_municipalities.geojson', (id) => keptMunicipalities.has(id));
  thinGeoJson(ctx, 'geo-boundaries/swedish_regions.geojson');
  const keptFa = await writeFaKey(ctx, keptMunicipalities);
  thinKml(ctx, 'af-yrkesprognoser/fa_regioner_tillvaxtverket.kml', keptFa);
  const euRegions = JSON.parse(readRaw(ctx, 'jobtech-taxonomy/raw/eu-regions.json')) as {
    data: { concepts: Array<Concept & { national_nuts_level_3_code_2019?: string | null }> };
  };
  const swedish = euRegions.data.concepts.filter((c) => c.national_nuts_level_3_code_2019);
  writeJson(
    ctx,
    'jobtech-taxonomy/raw/eu-regions.json',
    { data: { concepts: swedish } },
    `${swedish.length} of ${euRegions.data.concepts.length} concepts: those with a Swedish national NUTS-3 code (the counties)`,
  );

  // --- ssyk and occupations: the twelve groups ---------------------------------------------------------
  const prefixes = new Set(SSYK.flatMap((code) => [1, 2, 3, 4].map((n) => code.slice(0, n))));
  const hierarchyFile = 'jobtech-taxonomy/raw/the-ssyk-hierarchy-with-occupations.json';
  const hierarchy = JSON.parse(readRaw(ctx, hierarchyFile)) as { data: { concepts: Concept[] } };
  const cutConcepts = cutHierarchy(hierarchy.data.concepts);
  const all = collect(cutConcepts);
  const occupationIds = new Set(all.filter((c) => c.type === 'occupation-name').map((c) => c.id));
  const ssykLabels = new Map(
    all
      .filter((c) => c.type === 'ssyk-level-4')
      .map((c) => [c.ssyk_code_2012 ?? '', c.preferred_label ?? '']),
  );
  const missing = SSYK.filter((code) => !ssykLabels.has(code));
  if (missing.length > 0) throw new Error(`SSYK saknas i ${hierarchyFile}: ${missing.join(', ')}`);
  writeJson(
    ctx,
    hierarchyFile,
    { data: { concepts: cutConcepts } },
    `the branches of the ${SSYK.length} SSYK-4 groups (${SSYK.join(', ')}) with their ${occupationIds.size} occupation names`,
  );
  for (const [level, file] of [
    [1, 'jobtech-taxonomy/raw/ssyk-level-1-groups.json'],
    [2, 'jobtech-taxonomy/raw/ssyk-level-2-groups.json'],
  ] as const) {
    const groups = JSON.parse(readRaw(ctx, file)) as { data: { concepts: Concept[] } };
    const kept = groups.data.concepts.filter((c) => prefixes.has(c.ssyk_code_2012 ?? ''));
    writeJson(
      ctx,
      file,
      { data: { concepts: kept } },
      `${kept.length} of ${groups.data.concepts.length} level-${level} groups: the ancestors of the kept groups`,
    );
  }
  filterCsv(
    ctx,
    'ssyk2012/structure_ssyk12_scb_en.csv',
    ',',
    (r) => prefixes.has(r.code ?? ''),
    'the codes of the kept groups and their ancestors',
  );
  const substitutes = JSON.parse(
    readRaw(ctx, 'jobtech-taxonomy/raw/substitutability-relations-between-occupations.json'),
  ) as { data: { concepts: Array<Concept & { substitutes: Concept[]; substituted_by: Concept[] }> } };
  const keptSubstitutes = substitutes.data.concepts
    .filter((c) => occupationIds.has(c.id))
    .map((c) => ({
      ...c,
      substitutes: c.substitutes.filter((s) => occupationIds.has(s.id)),
      substituted_by: c.substituted_by.filter((s) => occupationIds.has(s.id)),
    }));
  writeJson(
    ctx,
    'jobtech-taxonomy/raw/substitutability-relations-between-occupations.json',
    { data: { concepts: keptSubstitutes } },
    `${keptSubstitutes.length} of ${substitutes.data.concepts.length} occupation names (the kept ones), relations among them only`,
  );
  const noEducation = JSON.parse(
    readRaw(ctx, 'jobtech-taxonomy/raw/occupations-with-no-edcuational-requirements.json'),
  ) as { data: { concepts: Array<Concept & { related: Concept[] }> } };
  writeJson(
    ctx,
    'jobtech-taxonomy/raw/occupations-with-no-edcuational-requirements.json',
    {
      data: {
        concepts: noEducation.data.concepts.map((c) => ({
          ...c,
          related: c.related.filter((r) => occupationIds.has(r.id)),
        })),
      },
    },
    'the collection, related occupation names cut to the kept ones',
  );
  // Keywords (synonyms) of the kept occupation names only, with their other relations dropped: the fixture's
  // occupation search and title matching see the same kind of synonyms as the real data.
  const keywordsFile = 'jobtech-taxonomy/raw/keyword-concepts-with-relations.json';
  const keywords = JSON.parse(readRaw(ctx, keywordsFile)) as {
    data: { concepts: Array<Concept & { related: Concept[] }> };
  };
  const keptKeywords = keywords.data.concepts
    .map((c) => ({ ...c, related: c.related.filter((r) => occupationIds.has(r.id)) }))
    .filter((c) => c.related.length > 0);
  writeJson(
    ctx,
    keywordsFile,
    { data: { concepts: keptKeywords } },
    `${keptKeywords.length} of ${keywords.data.concepts.length} keywords: those related to a kept occupation name, with only those relations`,
  );
  const fields = JSON.parse(readRaw(ctx, 'af-yrkesomraden/Yrkesgrupper.json')) as {
    Yrkesgrupper: Array<Record<string, { Column3?: unknown }>>;
  };
  const keptFields = fields.Yrkesgrupper.filter((entry, i) => {
    const value = Object.values(entry)[0];
    return i === 0 || keepSsyk.has(String(value?.Column3 ?? ''));
  });
  writeJson(
    ctx,
    'af-yrkesomraden/Yrkesgrupper.json',
    { Yrkesgrupper: keptFields },
    `the header entry and the ${keptFields.length - 1} entries of the kept SSYK groups (of ${fields.Yrkesgrupper.length - 1})`,
  );

  // --- AF Yrkesbarometer ----------------------------------------------------------------------------------
  const barometerCounties = new Set(['00', ...COUNTIES]);
  const subsetFile = 'af-yrkesbarometer/yrkesbarometer_2025-2_subset.json';
  const subset = JSON.parse(readRaw(ctx, subsetFile)) as Array<{ lan: string; ssyk: string }>;
  const keptSubset = subset.filter((r) => barometerCounties.has(r.lan) && keepSsyk.has(r.ssyk));
  writeJson(
    ctx,
    subsetFile,
    keptSubset,
    `${keptSubset.length} of ${subset.length} assessments: the country and counties ${COUNTIES.join(', ')}`,
  );
  const nationalFile = 'af-yrkesbarometer/yrkesbarometer_2026-1_national.json';
  const national = JSON.parse(readRaw(ctx, nationalFile)) as Array<{ ssyk_text?: string }>;
  const labels = new Set(ssykLabels.values());
  const keptNational = national.filter((r) => r.ssyk_text && labels.has(r.ssyk_text.trim()));
  writeJson(
    ctx,
    nationalFile,
    keptNational,
    `${keptNational.length} of ${national.length} national assessments: those whose ssyk_text is the label of a kept SSYK group`,
  );

  // --- AF Yrkesprognoser --------------------------------------------------------------------------------
  await filterXlsx(
    ctx,
    'af-yrkesprognoser/1-ar.xlsx',
    1,
    (v) => keepCounty.has(String(v[0] ?? '').slice(0, 2)) && keepSsyk.has(String(v[2] ?? '')),
    `counties ${COUNTIES.join(', ')} × the kept SSYK groups (round 18H)`,
  );
  await filterXlsx(
    ctx,
    'af-yrkesprognoser/5-ar.xlsx',
    1,
    (v) => keepSsyk.has(String(v[1] ?? '')),
    'the kept SSYK groups',
  );
  // The snapshot cannot link bedomning.csv's forecast occupations to SSYK (their concept ids are not those of
  // saved-PROD.json and no mapping file exists), so a dozen of them are taken in sort order.
  const bedomningIds = readRaw(ctx, 'af-yrkesprognoser/bedomning.csv')
    .replace(BOM, '')
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(';')[0] ?? '')
    .filter(Boolean);
  const concepts = new Set([...new Set(bedomningIds)].sort().slice(0, 12));
  const faOfCounties = new Set<string>(['0']);
  const kommuner = new ExcelJS.Workbook();
  await kommuner.xlsx.readFile(path.join(ctx.from, 'af-yrkesprognoser/kommuner.xlsx'));
  kommuner.worksheets[0]?.eachRow((row, n) => {
    const [, fa, , kommunkod] = row.values as unknown[];
    if (n > 1 && keepCounty.has(municipalityCounty.get(String(kommunkod)) ?? '')) {
      faOfCounties.add(String(Number(fa)));
    }
  });
  filterCsv(
    ctx,
    'af-yrkesprognoser/bedomning.csv',
    ';',
    (r) => concepts.has(r.conceptidprognosyrke ?? '') && faOfCounties.has(r.fa15nr ?? ''),
    `the first ${concepts.size} forecast occupations by concept id (the snapshot has no link from these ids to SSYK) × the country (0) and FA regions ${[...faOfCounties].filter((f) => f !== '0').join(', ')}`,
  );
  filterCsv(
    ctx,
    'af-yrkesprognoser/historik.csv',
    ';',
    (r) => concepts.has(r.conceptidprognosyrke ?? ''),
    'the same forecast occupations',
  );

  // --- learning centres and what they are checked against --------------------------------------------
  const centreMunicipalities = new Set<string>(LEARNING_CENTRE_MUNICIPALITIES);
  const centreNote = `municipalities ${LEARNING_CENTRE_MUNICIPALITIES.join(', ')} only`;
  filterCsv(
    ctx,
    'geo-postal/Pnr-Ort-Kommun-KnKod-LnNamn-Lat-Long-GM_202409.csv',
    ',',
    (r) => centreMunicipalities.has(r.KnKod ?? ''),
    `${centreNote} (reach and geocoding elsewhere have no postal localities)`,
  );
  filterCsv(
    ctx,
    'larcentra/larcentra.csv',
    ',',
    (r) => centreMunicipalities.has(r.kommunkod ?? ''),
    centreNote,
  );
  const places = JSON.parse(readRaw(ctx, 'jobtech-places/platser.json')) as Array<{ kommunkod: string }>;
  const keptPlaces = places.filter((p) => centreMunicipalities.has(p.kommunkod));
  writeJson(
    ctx,
    'jobtech-places/platser.json',
    keptPlaces,
    `${keptPlaces.length} of ${places.length} places: ${centreNote}`,
  );

  // --- SCB Yrkesregistret -------------------------------------------------------------------------------
  filterCsv(
    ctx,
    'scb-yrkesregistret/employees_ssyk4_county_sex_2014_2024.csv',
    ',',
    (r) => keepCounty.has(r.county_code ?? '') && keepSsyk.has(r.ssyk4_code ?? ''),
    `counties ${COUNTIES.join(', ')} × the kept SSYK groups, all years`,
  );
  filterCsv(
    ctx,
    'scb-yrkesregistret/employees_ssyk4_age_sex_national_2014_2024.csv',
    ',',
    (r) => keepSsyk.has(r.ssyk4_code ?? '') && Number(r.year) >= AGE_FROM_YEAR,
    `the kept SSYK groups, years ${AGE_FROM_YEAR}–, all age groups (the earlier years are left out for size)`,
  );
}

/** Sum of the sizes of the files under dir. */
function totalBytes(dir: string, files: string[]): number {
  return files.reduce((n, f) => n + statSync(path.join(dir, f)).size, 0);
}

async function main(): Promise<void> {
  const from = resolveRealDataDir();
  if (!from) throw new Error(`Fixturerna byggs från riktiga data: ${realDataMissingReason()}.`);
  const outArg = process.argv.indexOf('--out');
  const to = path.resolve(
    outArg > 0 ? (process.argv[outArg + 1] ?? '') : path.join(projectRoot, 'test', 'fixtures', 'data'),
  );
  rmSync(to, { recursive: true, force: true });
  const ctx: Context = { from, to, notes: [] };
  await build(ctx);
  const files = ctx.notes.map((n) => /`([^`]+)`/.exec(n)?.[1] ?? '');
  const bytes = totalBytes(to, files);
  const provenance = `# Fixture data set (derived, small)

Made by \`node --import tsx scripts/make-fixtures.ts\` from the real open data (the snapshot in
\`../shared/data\`; see the PROVENANCE.md of each folder there for publisher, licence and upstream URLs). Do not
edit by hand: change the script and run it again.

What it is for: the API and service tests run on it everywhere, also without \`../shared/data\`
(\`src/testing/fixture-data.ts\`). The counts of the real data are checked by the real-data tests
(\`describeRealData\`), not here.

Selection: counties ${COUNTIES.join(' (Uppsala) and ')} (Gävleborg); SSYK-4 groups ${SSYK.join(', ')}; the
rounds the files hold (AF 18H county forecasts and five-year national forecasts, Yrkesbarometer 2025-2 and
2026-1). Administrative lists are cut: all 21 counties, every municipality of the two counties and one of each other county, and the FA regions of those municipalities, so the importer's
reference and shape checks see every county (completeness checks are off for the fixture); geometry is cut to crude outlines and population to two DeSO
areas per municipality of the two counties.

Total size: ${Math.round(bytes / 1024)} KB in ${files.length} files (budget ${SIZE_BUDGET_BYTES / 1024} KB).

## Files

${ctx.notes.join('\n')}
`;
  write(ctx, 'PROVENANCE.md', provenance);
  console.info(provenance);
  if (bytes > SIZE_BUDGET_BYTES) {
    throw new Error(
      `Fixturerna är ${Math.round(bytes / 1024)} KB, över budgeten ${SIZE_BUDGET_BYTES / 1024} KB.`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
