import { z } from 'zod';
import { InputError } from '../../errors.js';
import { countyCode, municipalityCode, nonEmpty } from '../shared/codes.js';
import { parseRecord, type TableRecord } from '../shared/csv.js';

/** Parsers for the administrative division: counties, municipalities, SKR groups, JobTech county ids. Pure. */

export interface County {
  code: string;
  name: string;
  shortName: string;
  row: number;
}

export interface Municipality {
  code: string;
  name: string;
  shortName: string;
  countyCode: string;
  row: number;
}

/** SKR kommungruppsindelning 2017 plus county letter and region name, from LanKommunDeso.csv. */
export interface SkrGroup {
  groupCode: string;
  group: string;
  mainGroupCode: string;
  mainGroup: string;
  groupKey: string;
}

export interface CountyExtra {
  letter: string;
  regionName: string;
}

export const COUNTY_COLUMNS = ['county_code', 'county_name', 'county_name_short'] as const;
export const MUNICIPALITY_COLUMNS = [
  'municipality_code',
  'municipality_name',
  'municipality_name_short',
  'county_code',
] as const;
export const SKR_COLUMNS = [
  'LnKod',
  'LnBokstav',
  'KnKod',
  'KnInd-LandstingEllerRegionNamn',
  'KnInd-KommungruppKod',
  'KnInd-Kommungrupp-2017',
  'KnInd-HuvudgruppNamn',
  'KnInd-HuvudgruppKod',
  'KnInd-Grupp',
  'DeSO',
] as const;

const countyRow = z.object({ county_code: countyCode, county_name: nonEmpty, county_name_short: nonEmpty });
const municipalityRow = z.object({
  municipality_code: municipalityCode,
  municipality_name: nonEmpty,
  municipality_name_short: nonEmpty,
  county_code: countyCode,
});
const skrRow = z.object({
  LnKod: countyCode,
  LnBokstav: z.string().regex(/^[A-Z]{1,2}$/, 'länsbokstav ska vara en eller två versaler'),
  KnKod: municipalityCode,
  'KnInd-LandstingEllerRegionNamn': nonEmpty,
  'KnInd-KommungruppKod': z.string().regex(/^[1-9]$/, 'kommungruppskod ska vara 1–9'),
  'KnInd-Kommungrupp-2017': nonEmpty,
  'KnInd-HuvudgruppNamn': nonEmpty,
  'KnInd-HuvudgruppKod': z.string().regex(/^[A-C]$/, 'huvudgruppskod ska vara A, B eller C'),
  'KnInd-Grupp': z.string().regex(/^[A-C][1-9]$/, 'grupp ska vara t.ex. "C6"'),
  DeSO: z.string().regex(/^\d{4}[A-C]\d{4}$/, 'DeSO-kod ska vara t.ex. "1082A0010"'),
});

function duplicate(file: string, row: number, column: string, code: string, firstRow: number): InputError {
  return new InputError(
    { file, row, column },
    `koden "${code}" förekommer två gånger (första gången på rad ${firstRow})`,
  );
}

/** counties.csv → counties by code; rejects duplicate codes. */
export function parseCounties(records: readonly TableRecord[], file: string): Map<string, County> {
  const counties = new Map<string, County>();
  for (const record of records) {
    const v = parseRecord(countyRow, record, file);
    const existing = counties.get(v.county_code);
    if (existing) throw duplicate(file, record.row, 'county_code', v.county_code, existing.row);
    counties.set(v.county_code, {
      code: v.county_code,
      name: v.county_name,
      shortName: v.county_name_short,
      row: record.row,
    });
  }
  return counties;
}

/**
 * municipalities.csv → municipalities by code; rejects duplicate codes, unknown county codes and a county code
 * that is not the first two digits of the municipality code.
 */
export function parseMunicipalities(
  records: readonly TableRecord[],
  file: string,
  counties: ReadonlyMap<string, County>,
): Map<string, Municipality> {
  const municipalities = new Map<string, Municipality>();
  for (const record of records) {
    const v = parseRecord(municipalityRow, record, file);
    const existing = municipalities.get(v.municipality_code);
    if (existing) throw duplicate(file, record.row, 'municipality_code', v.municipality_code, existing.row);
    if (!counties.has(v.county_code)) {
      throw new InputError(
        { file, row: record.row, column: 'county_code' },
        `okänd länskod "${v.county_code}" (kommun ${v.municipality_code})`,
      );
    }
    if (!v.municipality_code.startsWith(v.county_code)) {
      throw new InputError(
        { file, row: record.row, column: 'county_code' },
        `länskoden "${v.county_code}" stämmer inte med kommunkoden "${v.municipality_code}"`,
      );
    }
    municipalities.set(v.municipality_code, {
      code: v.municipality_code,
      name: v.municipality_name,
      shortName: v.municipality_name_short,
      countyCode: v.county_code,
      row: record.row,
    });
  }
  return municipalities;
}

/**
 * LanKommunDeso.csv (one row per DeSO) → SKR group per municipality and letter/region name per county. Every
 * municipality must be known and in the same county as in municipalities.csv; all rows of one municipality
 * (or county) must agree.
 */
export function parseSkrGroups(
  records: readonly TableRecord[],
  file: string,
  municipalities: ReadonlyMap<string, Municipality>,
): { municipalities: Map<string, SkrGroup>; counties: Map<string, CountyExtra> } {
  const groups = new Map<string, SkrGroup & { row: number }>();
  const counties = new Map<string, CountyExtra & { row: number }>();
  // One row per DeSO area: a repeated area means a repeated (or pasted-twice) block of the file.
  const desoRows = new Map<string, number>();
  for (const record of records) {
    const v = parseRecord(skrRow, record, file);
    const firstRow = desoRows.get(v.DeSO);
    if (firstRow !== undefined) throw duplicate(file, record.row, 'DeSO', v.DeSO, firstRow);
    desoRows.set(v.DeSO, record.row);
    const municipality = municipalities.get(v.KnKod);
    if (!municipality) {
      throw new InputError({ file, row: record.row, column: 'KnKod' }, `okänd kommunkod "${v.KnKod}"`);
    }
    if (municipality.countyCode !== v.LnKod) {
      throw new InputError(
        { file, row: record.row, column: 'LnKod' },
        `kommun ${v.KnKod} ligger i län ${municipality.countyCode}, inte "${v.LnKod}"`,
      );
    }
    const group = {
      groupCode: v['KnInd-KommungruppKod'],
      group: v['KnInd-Kommungrupp-2017'],
      mainGroupCode: v['KnInd-HuvudgruppKod'],
      mainGroup: v['KnInd-HuvudgruppNamn'],
      groupKey: v['KnInd-Grupp'],
      row: record.row,
    };
    const seen = groups.get(v.KnKod);
    if (!seen) groups.set(v.KnKod, group);
    else if (seen.groupKey !== group.groupKey || seen.group !== group.group) {
      throw new InputError(
        { file, row: record.row, column: 'KnInd-Grupp' },
        `kommun ${v.KnKod} har kommungrupp "${group.groupKey}" här men "${seen.groupKey}" på rad ${seen.row}`,
      );
    }
    const extra = { letter: v.LnBokstav, regionName: v['KnInd-LandstingEllerRegionNamn'], row: record.row };
    const seenCounty = counties.get(v.LnKod);
    if (!seenCounty) counties.set(v.LnKod, extra);
    else if (seenCounty.letter !== extra.letter || seenCounty.regionName !== extra.regionName) {
      throw new InputError(
        { file, row: record.row, column: 'LnBokstav' },
        `län ${v.LnKod} har andra uppgifter här än på rad ${seenCounty.row}`,
      );
    }
  }
  const strip = <T extends { row: number }>(m: Map<string, T>): Map<string, Omit<T, 'row'>> =>
    new Map([...m].map(([k, { row: _row, ...rest }]) => [k, rest]));
  return { municipalities: strip(groups), counties: strip(counties) };
}

const euRegionsFile = z.object({
  data: z.object({
    concepts: z.array(
      z.object({
        id: z.string(),
        preferred_label: z.string(),
        national_nuts_level_3_code_2019: z.string().nullable().optional(),
        nuts_level_3_code_2021: z.string().nullable().optional(),
      }),
    ),
  }),
});

export interface CountyConcept {
  conceptId: string;
  nuts3: string | null;
}

/**
 * JobTech `eu-regions.json` → JobTech concept id and NUTS-3 code per Swedish county. Swedish counties are the
 * concepts whose `national_nuts_level_3_code_2019` is a county code; every county must appear exactly once.
 */
export function parseCountyConcepts(
  json: unknown,
  file: string,
  counties: ReadonlyMap<string, County>,
): Map<string, CountyConcept> {
  const parsed = euRegionsFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      { file, column: issue?.path.join('.') },
      `oväntad struktur: ${issue?.message ?? 'ogiltig JSON'}`,
    );
  }
  const result = new Map<string, CountyConcept>();
  parsed.data.data.concepts.forEach((concept, index) => {
    const code = concept.national_nuts_level_3_code_2019;
    if (!code || !(concept.nuts_level_3_code_2021 ?? '').startsWith('SE')) return;
    const column = `data.concepts[${index}].national_nuts_level_3_code_2019`;
    if (!counties.has(code)) throw new InputError({ file, column }, `okänd länskod "${code}"`);
    if (result.has(code)) throw new InputError({ file, column }, `länskoden "${code}" förekommer två gånger`);
    result.set(code, { conceptId: concept.id, nuts3: concept.nuts_level_3_code_2021 ?? null });
  });
  for (const code of counties.keys()) {
    if (!result.has(code)) throw new InputError({ file }, `länet ${code} saknas bland regionerna`);
  }
  return result;
}
