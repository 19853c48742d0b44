import { parse } from 'csv-parse/sync';
import type { labourMarketRounds, scbEmployees, scbEmployeesByAge } from '../../db/schema/index.js';
import { InputError, type InputLocation } from '../../errors.js';
import { COUNTY_CODES } from '../shared/ssyk-reference.js';
import type { ScbMapping } from '../ssyk/mapping.js';

/**
 * Pure parsing of SCB Yrkesregistret extracts: employees per year × county × SSYK-4 (SCB's 429-code variant) ×
 * sex, and per year × SSYK-4 × age group × sex nationally. SCB codes are mapped to AF's 400 codes with the explicit
 * mapping and summed; men and women become two columns of one row.
 */
export const SOURCE_ID = 'scb-yrkesregistret';

type RoundRow = typeof labourMarketRounds.$inferInsert;
type EmployeesRow = typeof scbEmployees.$inferInsert;
type AgeRow = typeof scbEmployeesByAge.$inferInsert;

/** A plain delimited table: header and data rows as string arrays; `firstRow` is the file row of `rows[0]`. */
export interface PlainTable {
  header: string[];
  rows: string[][];
  /** 1-based file row of each data row. */
  lineOf: (index: number) => number;
}

/**
 * Splits a comma-separated text with a header row. Plain files (no quote characters, as SCB's numeric extracts
 * are) are split directly, which is several times faster than a general CSV parser on 200,000 rows; text with
 * quotes goes through csv-parse. Every row must have as many fields as the header.
 */
export function splitCsv(text: string, file: string, required: readonly string[]): PlainTable {
  let rows: string[][];
  const lines: number[] = [];
  if (!text.includes('"')) {
    const raw = text.split(/\r?\n/);
    rows = [];
    raw.forEach((line, i) => {
      if (line === '') return;
      rows.push(line.split(','));
      lines.push(i + 1);
    });
  } else {
    try {
      rows = parse(text, { skip_empty_lines: true, relax_quotes: false });
    } catch (error) {
      const e = error as { lines?: number; message: string };
      throw new InputError({ file, row: e.lines }, `trasig rad: ${e.message}`);
    }
    rows.forEach((_, i) => {
      lines.push(i + 1);
    });
  }
  const header = (rows[0] ?? []).map((h) => h.trim());
  for (const column of required) {
    if (!header.includes(column)) {
      throw new InputError(
        { file, row: 1, column },
        `kolumnen saknas (kolumner i filen: ${header.join(', ')})`,
      );
    }
  }
  const data = rows.slice(1);
  data.forEach((fields, i) => {
    if (fields.length !== header.length) {
      throw new InputError(
        { file, row: lines[i + 1] },
        `raden har ${fields.length} fält men rubrikraden har ${header.length}`,
      );
    }
  });
  return { header, rows: data, lineOf: (index) => lines[index + 1] ?? index + 2 };
}

/** Comparable series of Yrkesregistret and the documented breaks (scb-yrkesregistret/PROVENANCE.md). */
export interface Series {
  id: string;
  fromYear: number;
  label: string;
  note: string;
}

export const SERIES: readonly Series[] = [
  {
    id: 'yreg-2014',
    fromYear: 0,
    label: 'Yrkesregistret (YREG60/YREG60N, YREG51/YREG51N)',
    note: 'Äldre registerbas; 16–64 år.',
  },
  {
    id: 'bas-2020',
    fromYear: 2020,
    label: 'BAS-baserat yrkesregister (YREG60BAS, YREG51BAS)',
    note: 'Seriebrott 2019→2020: nytt BAS-baserat register. Jämför inte nivåer över brottet utan att säga det.',
  },
  {
    id: 'bas-2023',
    fromYear: 2023,
    label: 'BAS-baserat yrkesregister, 16–69 år',
    note: 'Seriebrott 2022→2023: från 2023 ingår 65–69 år (cirka +0,4 miljoner anställda).',
  },
];

/** The series a year belongs to (years after the last known break stay in the last series). */
export function seriesOf(year: number): Series {
  let found = SERIES[0] as Series;
  for (const s of SERIES) if (year >= s.fromYear) found = s;
  return found;
}

const SEXES = new Set(['men', 'women']);
const YEAR = /^\d{4}$/;
const COUNT = /^\d+$/;
const AGE = /^\d{2}-\d{2}$/;

interface Totals {
  year: number;
  afCode: string;
  extra: string;
  men: number;
  women: number;
  row: number;
}

/**
 * Shared row loop: validates year, SSYK code (mapped to AF), sex and count, rejects duplicate input keys, and sums
 * men and women per year × AF code × extra key (county or age group). Keys are numbers and locations are only
 * built when a row fails, since each file has about 200,000 rows.
 */
function aggregate(
  table: PlainTable,
  file: string,
  mapping: ReadonlyMap<string, ScbMapping>,
  columns: readonly string[],
  extraColumn: string,
  /** Returns a problem text when the extra key value is invalid. */
  checkExtra: (value: string) => string | undefined,
): { totals: Totals[]; years: Set<number> } {
  const index = (name: string): number => table.header.indexOf(name);
  const iYear = index('year');
  const iSsyk = index('ssyk4_code');
  const iSex = index('sex');
  const iCount = index('employees');
  const iExtra = index(extraColumn);
  const totals = new Map<number, Totals>();
  const seen = new Set<number>();
  const years = new Set<number>();
  const extraIds = new Map<string, number>();
  for (let i = 0; i < table.rows.length; i++) {
    const fields = table.rows[i] as string[];
    const fail = (column: string, problem: string): never => {
      throw new InputError({ file, row: table.lineOf(i), column }, problem);
    };
    const yearText = fields[iYear] ?? '';
    if (!YEAR.test(yearText)) fail('year', `året ska vara fyra siffror (värde "${yearText}")`);
    const scbCode = fields[iSsyk] ?? '';
    const afCode = mapping.get(scbCode)?.afCode;
    if (afCode === undefined) {
      fail(
        'ssyk4_code',
        /^\d{4}$/.test(scbCode)
          ? `okänd SSYK-kod "${scbCode}"`
          : `SSYK-kod ska vara fyra siffror (värde "${scbCode}")`,
      );
    }
    const sex = fields[iSex] ?? '';
    if (!SEXES.has(sex)) fail('sex', `kön ska vara "men" eller "women" (värde "${sex}")`);
    const countText = fields[iCount] ?? '';
    if (!COUNT.test(countText)) fail('employees', `ska vara ett heltal ≥ 0 (värde "${countText}")`);
    const extra = fields[iExtra] ?? '';
    let extraId = extraIds.get(extra);
    if (extraId === undefined) {
      const problem = checkExtra(extra);
      if (problem) fail(extraColumn, problem);
      extraId = extraIds.size;
      extraIds.set(extra, extraId);
    }
    const year = Number(yearText);
    const base = year * 10_000;
    const inputKey = ((base + Number(scbCode)) * 1000 + extraId) * 2 + (sex === 'men' ? 0 : 1);
    if (seen.has(inputKey)) fail(columns.join(', '), `dubblett av ${yearText}/${scbCode}/${extra}/${sex}`);
    seen.add(inputKey);
    years.add(year);
    const key = (base + Number(afCode)) * 1000 + extraId;
    let t = totals.get(key);
    if (!t) {
      t = { year, afCode: afCode as string, extra, men: 0, women: 0, row: table.lineOf(i) };
      totals.set(key, t);
    }
    if (sex === 'men') t.men += Number(countText);
    else t.women += Number(countText);
  }
  return { totals: [...totals.values()], years };
}

export const COUNTY_COLUMNS = ['year', 'county_code', 'ssyk4_code', 'sex', 'employees'] as const;
export const AGE_COLUMNS = ['year', 'ssyk4_code', 'age_group', 'sex', 'employees'] as const;

/** employees_ssyk4_county_sex: rows per year × county × AF SSYK-4 with men and women. */
export function parseCountyEmployees(
  table: PlainTable,
  file: string,
  mapping: ReadonlyMap<string, ScbMapping>,
): { rows: Array<{ value: EmployeesRow; at: InputLocation }>; years: Set<number> } {
  const { totals, years } = aggregate(table, file, mapping, COUNTY_COLUMNS, 'county_code', (county) =>
    COUNTY_CODES.has(county) ? undefined : `okänd länskod "${county}"`,
  );
  const rows = totals.map((t) => ({
    value: { year: t.year, geographyId: `county:${t.extra}`, ssykCode: t.afCode, men: t.men, women: t.women },
    at: { file, row: t.row },
  }));
  return { rows, years };
}

/** employees_ssyk4_age_sex_national: rows per year × AF SSYK-4 × age group with men and women. */
export function parseAgeEmployees(
  table: PlainTable,
  file: string,
  mapping: ReadonlyMap<string, ScbMapping>,
): { rows: Array<{ value: AgeRow; at: InputLocation }>; years: Set<number> } {
  const { totals, years } = aggregate(table, file, mapping, AGE_COLUMNS, 'age_group', (age) =>
    AGE.test(age) ? undefined : `åldersgrupp ska se ut som "25-29" (värde "${age}")`,
  );
  const rows = totals.map((t) => ({
    value: { year: t.year, ssykCode: t.afCode, ageGroup: t.extra, men: t.men, women: t.women },
    at: { file, row: t.row },
  }));
  return { rows, years };
}

/** One period row per year with its series and whether a break precedes it. */
export function yearRounds(
  years: Iterable<number>,
  files: readonly string[],
): Array<{ value: RoundRow; at: InputLocation }> {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  return sorted.map((year, i) => {
    const series = seriesOf(year);
    const previous = i > 0 ? seriesOf(sorted[i - 1] as number) : undefined;
    const breakBefore = previous !== undefined && previous.id !== series.id;
    return {
      value: {
        sourceId: SOURCE_ID,
        dataset: 'employees',
        roundId: String(year),
        label: `Anställda ${year}`,
        periodStart: `${year}-01-01`,
        periodEnd: `${year}-12-31`,
        publishedOn: null,
        dateBasis: 'Statistikåret i kolumnen "year"',
        series: series.id,
        breakBefore,
        note: breakBefore ? series.note : `Serie ${series.id}: ${series.label}`,
        attributes: { seriesLabel: series.label, files },
      },
      at: { file: files[0] ?? SOURCE_ID },
    };
  });
}
