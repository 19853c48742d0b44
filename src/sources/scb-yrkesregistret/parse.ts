import type { labourMarketRounds, scbEmployees, scbEmployeesByAge } from '../../db/schema/index.js';
import { InputError } from '../../errors.js';
import type { LocatedRow } from '../shared/batches.js';
import { yearProblem } from '../shared/codes.js';
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

export const COUNTY_COLUMNS = ['year', 'county_code', 'ssyk4_code', 'sex', 'employees'] as const;
export const AGE_COLUMNS = ['year', 'ssyk4_code', 'age_group', 'sex', 'employees'] as const;

export type ScbKind = 'county' | 'age';

/**
 * Row-by-row aggregation of one SCB file, fed from a stream: validates year, SSYK code (mapped to AF), sex and
 * count, rejects duplicate input keys, and sums men and women per year × AF code × extra key (county or age group).
 * Keys are numbers and locations are only built when a row fails. Memory is bounded by the key space (plausible
 * years × 429 codes × 21 counties or 11 age groups × 2 sexes), not by the size of the file.
 */
export class ScbAggregator {
  private readonly iYear: number;
  private readonly iSsyk: number;
  private readonly iSex: number;
  private readonly iCount: number;
  private readonly iExtra: number;
  private readonly extraColumn: string;
  private readonly columns: readonly string[];
  private readonly totals = new Map<number, Totals>();
  private readonly seen = new Set<number>();
  private readonly extraIds = new Map<string, number>();
  private readonly checkedYears = new Map<string, number>();
  readonly years = new Set<number>();
  /** Counties (county file) or age groups (age file) seen, for the completeness check. */
  readonly extras = new Set<string>();
  /** Rows per year × county (or age group), key year × 1000 + extra id, for the completeness check. */
  private readonly cells = new Map<number, number>();
  rowsRead = 0;

  constructor(
    readonly kind: ScbKind,
    header: readonly string[],
    private readonly file: string,
    private readonly mapping: ReadonlyMap<string, ScbMapping>,
    private readonly now: Date = new Date(),
  ) {
    const index = (name: string): number => header.indexOf(name);
    this.columns = kind === 'county' ? COUNTY_COLUMNS : AGE_COLUMNS;
    this.extraColumn = kind === 'county' ? 'county_code' : 'age_group';
    for (const column of this.columns) {
      if (index(column) < 0) {
        throw new InputError(
          { file, row: 1, column },
          `kolumnen saknas (kolumner i filen: ${header.join(', ')})`,
        );
      }
    }
    this.iYear = index('year');
    this.iSsyk = index('ssyk4_code');
    this.iSex = index('sex');
    this.iCount = index('employees');
    this.iExtra = index(this.extraColumn);
  }

  private checkExtra(value: string): string | undefined {
    if (this.kind === 'county') return COUNTY_CODES.has(value) ? undefined : `okänd länskod "${value}"`;
    return AGE.test(value) ? undefined : `åldersgrupp ska se ut som "25-29" (värde "${value}")`;
  }

  /** Adds one data row (`line` = its 1-based line in the file). */
  add(fields: readonly string[], line: number): void {
    const { file } = this;
    const fail = (column: string, problem: string): never => {
      throw new InputError({ file, row: line, column }, problem);
    };
    const yearText = (fields[this.iYear] ?? '').trim();
    let year = this.checkedYears.get(yearText);
    if (year === undefined) {
      if (!YEAR.test(yearText)) fail('year', `året ska vara fyra siffror (värde "${yearText}")`);
      year = Number(yearText);
      const problem = yearProblem(year, 'statistics', this.now);
      if (problem) fail('year', problem);
      this.checkedYears.set(yearText, year);
    }
    const scbCode = (fields[this.iSsyk] ?? '').trim();
    const afCode = this.mapping.get(scbCode)?.afCode;
    if (afCode === undefined) {
      fail(
        'ssyk4_code',
        /^\d{4}$/.test(scbCode)
          ? `okänd SSYK-kod "${scbCode}"`
          : `SSYK-kod ska vara fyra siffror (värde "${scbCode}")`,
      );
    }
    const sex = (fields[this.iSex] ?? '').trim();
    if (!SEXES.has(sex)) fail('sex', `kön ska vara "men" eller "women" (värde "${sex}")`);
    const countText = (fields[this.iCount] ?? '').trim();
    if (!COUNT.test(countText)) fail('employees', `ska vara ett heltal ≥ 0 (värde "${countText}")`);
    const count = Number(countText);
    if (!Number.isSafeInteger(count)) fail('employees', `orimligt stort antal (värde "${countText}")`);
    const extra = (fields[this.iExtra] ?? '').trim();
    let extraId = this.extraIds.get(extra);
    if (extraId === undefined) {
      const problem = this.checkExtra(extra);
      if (problem) fail(this.extraColumn, problem);
      // Numeric keys below reserve three digits for the extra key; 21 counties or 10 age groups are far below.
      if (this.extraIds.size >= 999) fail(this.extraColumn, `för många olika värden (${this.extraIds.size})`);
      extraId = this.extraIds.size;
      this.extraIds.set(extra, extraId);
      this.extras.add(extra);
    }
    const base = (year as number) * 10_000;
    const inputKey = ((base + Number(scbCode)) * 1000 + extraId) * 2 + (sex === 'men' ? 0 : 1);
    if (this.seen.has(inputKey)) {
      fail(this.columns.join(', '), `dubblett av ${yearText}/${scbCode}/${extra}/${sex}`);
    }
    this.seen.add(inputKey);
    this.years.add(year as number);
    const cell = base / 10 + extraId;
    this.cells.set(cell, (this.cells.get(cell) ?? 0) + 1);
    this.rowsRead += 1;
    const key = (base + Number(afCode)) * 1000 + extraId;
    let t = this.totals.get(key);
    if (!t) {
      t = { year: year as number, afCode: afCode as string, extra, men: 0, women: 0, row: line };
      this.totals.set(key, t);
    }
    if (sex === 'men') t.men += count;
    else t.women += count;
  }

  /** Rows per year × county (or age group). */
  cellCounts(): Array<{ year: number; extra: string; rows: number }> {
    const extraOf = [...this.extraIds.keys()];
    return [...this.cells].map(([cell, rows]) => ({
      year: Math.floor(cell / 1000),
      extra: extraOf[cell % 1000] ?? '',
      rows,
    }));
  }

  /** Aggregated county rows (county file). */
  countyRows(): Array<LocatedRow<EmployeesRow>> {
    return [...this.totals.values()].map((t) => ({
      row: {
        year: t.year,
        geographyId: `county:${t.extra}`,
        ssykCode: t.afCode,
        men: t.men,
        women: t.women,
      },
      location: { file: this.file, row: t.row },
    }));
  }

  /** Aggregated age rows (age file). */
  ageRows(): Array<LocatedRow<AgeRow>> {
    return [...this.totals.values()].map((t) => ({
      row: { year: t.year, ssykCode: t.afCode, ageGroup: t.extra, men: t.men, women: t.women },
      location: { file: this.file, row: t.row },
    }));
  }
}

/** One period row per year with its series and whether a break precedes it. */
export function yearRounds(years: Iterable<number>, files: readonly string[]): Array<LocatedRow<RoundRow>> {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  return sorted.map((year, i) => {
    const series = seriesOf(year);
    const previous = i > 0 ? seriesOf(sorted[i - 1] as number) : undefined;
    const breakBefore = previous !== undefined && previous.id !== series.id;
    return {
      row: {
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
      location: { file: files[0] ?? SOURCE_ID },
    };
  });
}
