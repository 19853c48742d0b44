import type {
  afForecastConceptSsyk,
  afForecastConcepts,
  afForecastFaAssessments,
  afForecastHistory,
  afForecastIndex,
  afForecastOccupationSsyk,
  afForecastOccupations,
  labourMarketRounds,
} from '../../db/schema/index.js';
import { InputError, type InputLocation } from '../../errors.js';
import { assertPlausibleYear, yearProblem } from '../shared/codes.js';
import { assertColumns, type TableRecord } from '../shared/csv.js';
import { type AfSsyk, countyGeographyId } from '../shared/ssyk-reference.js';
import { type Cell, columnLetter, isBlank, type SheetRow } from '../shared/xlsx.js';
import type { ScbMapping } from '../ssyk/mapping.js';

/**
 * Pure parsing of Arbetsförmedlingen's Yrkesprognoser (bristindex): the county one-year assessments `1-ar.xlsx`,
 * the national five-year index `5-ar.xlsx`, the FA-region file `bedomning.csv`, the series `historik.csv` and an
 * optional forecast-occupation → SSYK mapping file.
 */
export const SOURCE_ID = 'af-yrkesprognoser';
/** bedomning.csv and historik.csv come from the source repository's `bristindex/v3/` folder and name no round. */
export const V3_ROUND = 'v3';

export type RoundRow = typeof labourMarketRounds.$inferInsert;
export type OccupationRow = typeof afForecastOccupations.$inferInsert;
export type OccupationSsykRow = typeof afForecastOccupationSsyk.$inferInsert;
export type IndexRow = typeof afForecastIndex.$inferInsert;
export type ConceptRow = typeof afForecastConcepts.$inferInsert;
export type ConceptSsykRow = typeof afForecastConceptSsyk.$inferInsert;
export type FaRow = typeof afForecastFaAssessments.$inferInsert;
export type HistoryRow = typeof afForecastHistory.$inferInsert;

export interface Located<T> {
  value: T;
  at: InputLocation;
}

/** AF's class texts of the 1–5 index (1-ar.xlsx); '-' = not assessed. */
export const CLASS_TEXTS = [
  'Mer påtagligt överskott',
  'Visst överskott',
  'Balans',
  'Viss brist',
  'Mer påtaglig brist',
] as const;

// ---------------------------------------------------------------------------------------------------------------
// Cells and numbers

/** A number from a cell (number, or text with decimal point or comma); blank → null. */
export function numberCell(cell: Cell | undefined, at: InputLocation): number | null {
  if (isBlank(cell)) return null;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new InputError(at, `ska vara ett tal (värde "${cell}")`);
    return cell;
  }
  const text = String(cell).trim();
  if (!/^-?\d+([.,]\d+)?$/.test(text)) throw new InputError(at, `ska vara ett tal (värde "${text}")`);
  return Number.parseFloat(text.replace(',', '.'));
}

function integerCell(cell: Cell | undefined, at: InputLocation): number | null {
  const n = numberCell(cell, at);
  if (n !== null && !Number.isInteger(n)) throw new InputError(at, `ska vara ett heltal (värde "${n}")`);
  return n;
}

function inRange(n: number | null, min: number, max: number, at: InputLocation): number | null {
  if (n !== null && (n < min || n > max))
    throw new InputError(at, `värdet ${n} ligger utanför ${min}–${max}`);
  return n;
}

function textCell(cell: Cell | undefined): string {
  return cell === null || cell === undefined ? '' : String(cell).trim();
}

// ---------------------------------------------------------------------------------------------------------------
// SSYK cells

export interface SsykSpec {
  spec: string;
  kind: 'unit' | 'list' | 'minor_group';
  codes: Array<{ ssykCode: string; viaScbCode: string | null }>;
}

function resolveCode(code: string, af: AfSsyk, scb: ReadonlyMap<string, ScbMapping>, at: InputLocation) {
  if (af.unitCodes.has(code)) return { ssykCode: code, viaScbCode: null };
  const mapped = scb.get(code);
  if (mapped) return { ssykCode: mapped.afCode, viaScbCode: code };
  throw new InputError(at, `okänd SSYK-kod "${code}"`);
}

/**
 * Reads an SSYK cell of 1-ar/5-ar.xlsx: one 4-digit code ('7114'), a comma list ('2223, 2226'), or a 3-digit
 * SSYK-3 group ('261' = all its SSYK-4 codes). Excel stored codes as numbers, so '0310' arrives as 310: a number
 * below 1000 is read as a 4-digit code with its leading zero restored when that code exists, else as an SSYK-3
 * group. SCB-only codes (e.g. '5322') are mapped to AF's code and keep the original in `viaScbCode`.
 */
export function resolveSsykCell(
  cell: Cell | undefined,
  af: AfSsyk,
  scb: ReadonlyMap<string, ScbMapping>,
  at: InputLocation,
): SsykSpec {
  if (isBlank(cell)) throw new InputError(at, 'SSYK-kod saknas');
  if (typeof cell === 'number' && !Number.isInteger(cell)) {
    throw new InputError(at, `SSYK-kod ska vara ett heltal (värde "${cell}")`);
  }
  const text = String(cell).trim();
  const tokens = text.split(/\s*,\s*/).filter((t) => t !== '');
  if (tokens.some((t) => !/^\d{1,4}$/.test(t))) {
    throw new InputError(at, `ogiltig SSYK-kod (värde "${text}")`);
  }
  if (tokens.length > 1) {
    if (tokens.some((t) => t.length !== 4)) {
      throw new InputError(at, `en lista av SSYK-koder ska bestå av fyrsiffriga koder (värde "${text}")`);
    }
    const codes = new Map<string, { ssykCode: string; viaScbCode: string | null }>();
    for (const token of tokens) {
      const resolved = resolveCode(token, af, scb, at);
      if (!codes.has(resolved.ssykCode)) codes.set(resolved.ssykCode, resolved);
    }
    return { spec: tokens.join(', '), kind: 'list', codes: [...codes.values()] };
  }
  const token = tokens[0] ?? '';
  if (token.length === 4) return { spec: token, kind: 'unit', codes: [resolveCode(token, af, scb, at)] };
  const padded = token.padStart(4, '0');
  if (af.unitCodes.has(padded))
    return { spec: padded, kind: 'unit', codes: [{ ssykCode: padded, viaScbCode: null }] };
  const units = token.length === 3 ? af.unitsOfMinorGroup.get(token) : undefined;
  if (units) {
    return {
      spec: token,
      kind: 'minor_group',
      codes: units.map((ssykCode) => ({ ssykCode, viaScbCode: null })),
    };
  }
  throw new InputError(at, `okänd SSYK-kod "${token}"`);
}

// ---------------------------------------------------------------------------------------------------------------
// 1-ar.xlsx and 5-ar.xlsx

export interface ForecastRows {
  occupations: Located<OccupationRow>[];
  occupationSsyk: Located<OccupationSsykRow>[];
  index: Located<IndexRow>[];
}

class OccupationRegistry {
  private readonly byName = new Map<string, Located<OccupationRow>>();
  readonly rows: ForecastRows = { occupations: [], occupationSsyk: [], index: [] };

  constructor(
    private readonly roundId: string,
    private readonly horizonYears: number,
  ) {}

  /** Registers an occupation once; later rows must name the same field and SSYK. */
  add(name: string, field: string, ssyk: SsykSpec, at: InputLocation, ssykColumn: string): void {
    const earlier = this.byName.get(name);
    if (earlier) {
      if (earlier.value.ssykSpec !== ssyk.spec || earlier.value.fieldName !== field) {
        throw new InputError(
          { ...at, column: ssykColumn },
          `prognosyrket "${name}" har SSYK "${earlier.value.ssykSpec}" och yrkesområde "${earlier.value.fieldName}" på rad ${earlier.at.row}`,
        );
      }
      return;
    }
    const value: OccupationRow = {
      roundId: this.roundId,
      horizonYears: this.horizonYears,
      occupationName: name,
      fieldName: field,
      ssykSpec: ssyk.spec,
      ssykKind: ssyk.kind,
    };
    const located = { value, at };
    this.byName.set(name, located);
    this.rows.occupations.push(located);
    for (const code of ssyk.codes) {
      this.rows.occupationSsyk.push({
        value: {
          roundId: this.roundId,
          horizonYears: this.horizonYears,
          occupationName: name,
          ssykCode: code.ssykCode,
          viaScbCode: code.viaScbCode,
        },
        at,
      });
    }
  }
}

function headerNames(row: SheetRow | undefined): string[] {
  return (row?.cells ?? []).map((c) => textCell(c));
}

/**
 * 1-ar.xlsx, sheet 1: one row per county × prognosis occupation. Columns are checked by position because two
 * carry the same name: Län, Yrkesområde, SSYK, Prognosyrke, (RR Om 1 år) = index, (RR Klartext, Om 1 år),
 * (RR Om 1 år) = rounded class, (RR Antal Kommuner Om 1 år), Korrigerat från. The round id RR ('18H') is read
 * from the header. A trailing pivot row "Inga val" with no other values is skipped.
 */
export function parseOneYear(
  rows: readonly SheetRow[],
  file: string,
  af: AfSsyk,
  scb: ReadonlyMap<string, ScbMapping>,
): ForecastRows & { roundId: string; counties: number; skippedRows: number } {
  const header = headerNames(rows[0]);
  const roundMatch = /^\((\d{2}[HV]) Om 1 år\)$/.exec(header[4] ?? '');
  const roundId = roundMatch?.[1];
  const expected = [
    'Län',
    'Yrkesområde',
    'SSYK',
    'Prognosyrke',
    `(${roundId ?? 'ÅÅH'} Om 1 år)`,
    `(${roundId ?? 'ÅÅH'} Klartext, Om 1 år)`,
    `(${roundId ?? 'ÅÅH'} Om 1 år)`,
    `(${roundId ?? 'ÅÅH'} Antal Kommuner Om 1 år)`,
    'Korrigerat från',
  ];
  const col = (i: number): string => `${expected[i]} [${columnLetter(i)}]`;
  expected.forEach((name, i) => {
    if (header[i] !== name) {
      throw new InputError(
        { file, row: rows[0]?.row ?? 1, column: col(i) },
        `kolumnen saknas (fann "${header[i] ?? ''}"; kolumner i filen: ${header.join(', ')})`,
      );
    }
  });
  if (!roundId) throw new Error('unreachable: header checked');
  // '18H' = the autumn round of 2018 (two-digit years since AF's first index, 2000 + NN).
  assertPlausibleYear(2000 + Number(roundId.slice(0, 2)), 'forecast', {
    file,
    row: rows[0]?.row ?? 1,
    column: col(4),
  });
  const registry = new OccupationRegistry(roundId, 1);
  const counties = new Set<string>();
  let skippedRows = 0;
  for (const { row, cells } of rows.slice(1)) {
    const at = (i: number): InputLocation => ({ file, row, column: col(i) });
    const lan = textCell(cells[0]);
    if (lan === 'Inga val' && cells.slice(1).every((c) => isBlank(c))) {
      skippedRows += 1;
      continue;
    }
    let geographyId: string;
    if (/^(00\b|riket\b)/i.test(lan)) geographyId = 'country:SE';
    else {
      const code = /^(\d{2})\b/.exec(lan)?.[1];
      if (!code)
        throw new InputError(
          at(0),
          `länet ska börja med länskoden, t.ex. "21 Gävleborgs län" (värde "${lan}")`,
        );
      geographyId = countyGeographyId(code, at(0));
      counties.add(geographyId);
    }
    const field = textCell(cells[1]);
    if (!field) throw new InputError(at(1), 'värdet saknas');
    const name = textCell(cells[3]);
    if (!name) throw new InputError(at(3), 'värdet saknas');
    const ssyk = resolveSsykCell(cells[2], af, scb, at(2));
    registry.add(name, field, ssyk, at(2), col(2));

    const indexText = textCell(cells[4]);
    const classText = textCell(cells[5]);
    const classCell = textCell(cells[6]);
    const assessed = !(indexText === '-' && classText === '-' && classCell === '-');
    if (!assessed) {
      // not assessed: nothing else to read
    } else if (indexText === '-' || classText === '-' || classCell === '-') {
      throw new InputError(at(4), 'index, klartext och klass ska alla vara "-" eller alla ha värden');
    } else if (!(CLASS_TEXTS as readonly string[]).includes(classText)) {
      throw new InputError(at(5), `okänd klartext "${classText}" (tillåtna: ${CLASS_TEXTS.join(', ')}, -)`);
    }
    const indexValue = assessed ? inRange(numberCell(cells[4], at(4)), 1, 5, at(4)) : null;
    const classValue = assessed ? inRange(integerCell(cells[6], at(6)), 1, 5, at(6)) : null;
    if (assessed && (indexValue === null || classValue === null)) {
      throw new InputError(at(indexValue === null ? 4 : 6), 'värdet saknas (använd "-" för ej bedömt)');
    }
    registry.rows.index.push({
      value: {
        roundId,
        horizonYears: 1,
        occupationName: name,
        geographyId,
        assessed,
        indexValue,
        classValue,
        classText: assessed ? classText : null,
        municipalityCount: inRange(integerCell(cells[7], at(7)), 0, 290, at(7)),
        correctedFrom: inRange(numberCell(cells[8], at(8)), 1, 5, at(8)),
      },
      at: { file, row },
    });
  }
  return { ...registry.rows, roundId, counties: counties.size, skippedRows };
}

/**
 * 5-ar.xlsx, sheet 1: Yrkesområde, SSYK, Prognosyrke, omfem (national index 1–5, five years ahead). The file names
 * no round; it is given the round of 1-ar.xlsx, published with it.
 */
export function parseFiveYear(
  rows: readonly SheetRow[],
  file: string,
  roundId: string,
  af: AfSsyk,
  scb: ReadonlyMap<string, ScbMapping>,
): ForecastRows {
  const header = headerNames(rows[0]);
  const names = ['Yrkesområde', 'SSYK', 'Prognosyrke', 'omfem'] as const;
  const position = new Map<string, number>();
  for (const name of names) {
    const i = header.indexOf(name);
    if (i < 0) {
      throw new InputError(
        { file, row: rows[0]?.row ?? 1, column: name },
        `kolumnen saknas (kolumner i filen: ${header.join(', ')})`,
      );
    }
    position.set(name, i);
  }
  const registry = new OccupationRegistry(roundId, 5);
  for (const { row, cells } of rows.slice(1)) {
    const cell = (name: (typeof names)[number]): Cell | undefined => cells[position.get(name) ?? -1];
    const at = (column: string): InputLocation => ({ file, row, column });
    const field = textCell(cell('Yrkesområde'));
    const name = textCell(cell('Prognosyrke'));
    if (!field) throw new InputError(at('Yrkesområde'), 'värdet saknas');
    if (!name) throw new InputError(at('Prognosyrke'), 'värdet saknas');
    const ssyk = resolveSsykCell(cell('SSYK'), af, scb, at('SSYK'));
    registry.add(name, field, ssyk, at('SSYK'), 'SSYK');
    const value = inRange(numberCell(cell('omfem'), at('omfem')), 1, 5, at('omfem'));
    if (value === null) throw new InputError(at('omfem'), 'värdet saknas');
    registry.rows.index.push({
      value: {
        roundId,
        horizonYears: 5,
        occupationName: name,
        geographyId: 'country:SE',
        assessed: true,
        indexValue: value,
        classValue: null,
        classText: null,
        municipalityCount: null,
        correctedFrom: null,
      },
      at: { file, row },
    });
  }
  return registry.rows;
}

// ---------------------------------------------------------------------------------------------------------------
// bedomning.csv and historik.csv

const CONCEPT_ID = /^[A-Za-z0-9_-]{6,20}$/;

function conceptIdOf(record: TableRecord, file: string): string {
  const value = record.values.conceptidprognosyrke ?? '';
  if (!CONCEPT_ID.test(value)) {
    throw new InputError(
      { file, row: record.row, column: 'conceptidprognosyrke' },
      `ogiltigt concept id (värde "${value}")`,
    );
  }
  return value;
}

const faGeographyId = (n: number): string => (n === 0 ? 'country:SE' : `fa:${String(n).padStart(2, '0')}`);

/** Header facts of bedomning.csv: the years in `bedömningNN` and `pil_YYYY_*` column names. */
export interface BedomningYears {
  assessmentYears: [number, number];
  arrowYears: [number, number];
}

/** Finds the two `bedömningNN` and the two `pil_YYYY_…` years; missing columns name what was expected. */
export function bedomningYears(header: readonly string[], file: string): BedomningYears {
  const assessment = header
    .map((h) => /^bedömning(\d{2})$/.exec(h)?.[1])
    .filter((y): y is string => y !== undefined)
    .map((y) => 2000 + Number(y))
    .sort();
  const arrows = [
    ...new Set(
      header.map((h) => /^pil_(\d{4})_tilltr$/.exec(h)?.[1]).filter((y): y is string => y !== undefined),
    ),
  ]
    .map(Number)
    .sort();
  const [shortYear, longYear] = assessment;
  for (const y of [...assessment, ...arrows]) {
    const problem = yearProblem(y, 'forecast');
    if (problem) throw new InputError({ file, row: 1 }, `rubrikraden: ${problem}`);
  }
  if (shortYear === undefined || longYear === undefined || assessment.length !== 2) {
    throw new InputError(
      { file, row: 1, column: 'bedömningNN' },
      `två kolumner "bedömning<år>" krävs (kolumner i filen: ${header.join(', ')})`,
    );
  }
  const [shortArrow, longArrow] = arrows;
  if (shortArrow === undefined || longArrow === undefined || arrows.length !== 2) {
    throw new InputError(
      { file, row: 1, column: 'pil_ÅÅÅÅ_tilltr' },
      `två kolumner "pil_<år>_tilltr" krävs (kolumner i filen: ${header.join(', ')})`,
    );
  }
  const required = [
    'conceptidprognosyrke',
    'fa15nr',
    'yrkesverksamma_antal',
    'andel_kvinnor',
    'andel_män',
    'special',
    'tillträde',
    'pension',
    'efterfråga',
    'index',
    'svårare_fa15nr',
    'lättare_fa15nr',
    ...[shortArrow, longArrow].flatMap((y) => [`pil_${y}_tilltr`, `pil_${y}_pension`, `pil_${y}_efterfråga`]),
  ];
  assertColumns(file, header, required);
  return { assessmentYears: [shortYear, longYear], arrowYears: [shortArrow, longArrow] };
}

/**
 * bedomning.csv (`;`, decimal comma): one row per forecast-occupation concept × fa15nr (0 = riket, 1–60 = FA
 * region). `index` 0 or blank = no local index (stored as null).
 */
export function parseBedomning(
  records: readonly TableRecord[],
  header: readonly string[],
  file: string,
): { rows: Located<FaRow>[]; years: BedomningYears; concepts: Set<string> } {
  const years = bedomningYears(header, file);
  const [shortYear, longYear] = years.assessmentYears;
  const [shortArrow, longArrow] = years.arrowYears;
  const sy = String(shortYear % 100).padStart(2, '0');
  const ly = String(longYear % 100).padStart(2, '0');
  const rows: Located<FaRow>[] = [];
  const concepts = new Set<string>();
  for (const record of records) {
    const at = (column: string): InputLocation => ({ file, row: record.row, column });
    const v = (column: string): string => record.values[column] ?? '';
    const int = (column: string, min: number, max: number): number | null =>
      inRange(integerCell(v(column), at(column)), min, max, at(column));
    const dec = (column: string): number | null =>
      inRange(numberCell(v(column), at(column)), 0, 100, at(column));
    const conceptId = conceptIdOf(record, file);
    concepts.add(conceptId);
    const fa = int('fa15nr', 0, 60);
    if (fa === null) throw new InputError(at('fa15nr'), 'värdet saknas');
    const index = int('index', 0, 5);
    const harder = int('svårare_fa15nr', 1, 60);
    const easier = int('lättare_fa15nr', 1, 60);
    rows.push({
      value: {
        roundId: V3_ROUND,
        conceptId,
        geographyId: faGeographyId(fa),
        localIndex: index === 0 ? null : index,
        assessmentShort: int(`bedömning${sy}`, 1, 5),
        assessmentLong: int(`bedömning${ly}`, 1, 5),
        employed: int('yrkesverksamma_antal', 0, 10_000_000),
        sharePctWomen: int('andel_kvinnor', 0, 100),
        sharePctMen: int('andel_män', 0, 100),
        special: int('special', 0, 99),
        entry: int('tillträde', 0, 99),
        retirement: int('pension', 0, 99),
        demand: int('efterfråga', 0, 99),
        arrowEntryShort: dec(`pil_${shortArrow}_tilltr`),
        arrowEntryLong: dec(`pil_${longArrow}_tilltr`),
        arrowRetirementShort: dec(`pil_${shortArrow}_pension`),
        arrowRetirementLong: dec(`pil_${longArrow}_pension`),
        arrowDemandShort: dec(`pil_${shortArrow}_efterfråga`),
        arrowDemandLong: dec(`pil_${longArrow}_efterfråga`),
        harderGeographyId: harder === null ? null : faGeographyId(harder),
        easierGeographyId: easier === null ? null : faGeographyId(easier),
      },
      at: { file, row: record.row },
    });
  }
  return { rows, years, concepts };
}

export const HISTORIK_COLUMNS = [
  'ar',
  'antalEFT',
  'antalPEN',
  'antalTILL',
  'antalEFTprognos',
  'antalTILLprognos',
  'antalPENprognos',
  'conceptidprognosyrke',
] as const;

/**
 * historik.csv (`;`, decimal comma): index series per concept and year. A row with a concept id but no year and no
 * values (the source has one) is skipped and counted.
 */
export function parseHistorik(
  records: readonly TableRecord[],
  file: string,
): {
  rows: Located<HistoryRow>[];
  skippedRows: number;
  concepts: Set<string>;
  years: [number, number] | null;
} {
  const rows: Located<HistoryRow>[] = [];
  const concepts = new Set<string>();
  let skippedRows = 0;
  let minYear = Number.POSITIVE_INFINITY;
  let maxYear = Number.NEGATIVE_INFINITY;
  const valueColumns = HISTORIK_COLUMNS.filter((c) => c !== 'ar' && c !== 'conceptidprognosyrke');
  for (const record of records) {
    const at = (column: string): InputLocation => ({ file, row: record.row, column });
    const v = (column: string): string => record.values[column] ?? '';
    const conceptId = conceptIdOf(record, file);
    if (v('ar') === '' && valueColumns.every((c) => v(c) === '')) {
      skippedRows += 1;
      continue;
    }
    const yearCell = integerCell(v('ar'), at('ar'));
    if (yearCell === null) throw new InputError(at('ar'), 'värdet saknas');
    // The series carries AF's own forecast years next to the past ones.
    const year = assertPlausibleYear(yearCell, 'forecast', at('ar'));
    concepts.add(conceptId);
    minYear = Math.min(minYear, year);
    maxYear = Math.max(maxYear, year);
    const dec = (column: string): number | null =>
      inRange(numberCell(v(column), at(column)), 0, 100, at(column));
    rows.push({
      value: {
        roundId: V3_ROUND,
        conceptId,
        year,
        demand: dec('antalEFT'),
        retirements: dec('antalPEN'),
        entrants: dec('antalTILL'),
        demandForecast: dec('antalEFTprognos'),
        entrantsForecast: dec('antalTILLprognos'),
        retirementsForecast: dec('antalPENprognos'),
      },
      at: { file, row: record.row },
    });
  }
  return { rows, skippedRows, concepts, years: rows.length === 0 ? null : [minYear, maxYear] };
}

/**
 * The optional mapping file (columns `conceptidprognosyrke`, `ssyk`; one row per concept × SSYK-4 code):
 * concept → AF SSYK-4 codes. Unknown codes are input errors.
 */
export function parseConceptMapping(
  records: readonly TableRecord[],
  file: string,
  af: AfSsyk,
): Map<string, Located<string>[]> {
  const mapping = new Map<string, Located<string>[]>();
  for (const record of records) {
    const conceptId = conceptIdOf(record, file);
    const code = (record.values.ssyk ?? '').padStart(4, '0');
    const at: InputLocation = { file, row: record.row, column: 'ssyk' };
    if (!/^\d{4}$/.test(code))
      throw new InputError(at, `SSYK-kod ska vara fyra siffror (värde "${record.values.ssyk}")`);
    if (!af.unitCodes.has(code)) throw new InputError(at, `okänd SSYK-kod "${code}"`);
    const list = mapping.get(conceptId) ?? [];
    if (!list.some((l) => l.value === code)) list.push({ value: code, at: { file, row: record.row } });
    mapping.set(conceptId, list);
  }
  return mapping;
}

/** Concept rows (mapped or not) and concept → SSYK rows for every concept seen in bedomning/historik. */
export function conceptRows(
  concepts: Iterable<string>,
  mapping: ReadonlyMap<string, Located<string>[]>,
  mappingFile: string,
  at: InputLocation,
): { concepts: Located<ConceptRow>[]; conceptSsyk: Located<ConceptSsykRow>[] } {
  const conceptList: Located<ConceptRow>[] = [];
  const conceptSsyk: Located<ConceptSsykRow>[] = [];
  for (const conceptId of [...new Set(concepts)].sort()) {
    const codes = mapping.get(conceptId) ?? [];
    conceptList.push({
      value: {
        roundId: V3_ROUND,
        conceptId,
        ssykMapped: codes.length > 0,
        mappingSource: codes.length > 0 ? mappingFile : null,
      },
      at,
    });
    for (const code of codes)
      conceptSsyk.push({ value: { roundId: V3_ROUND, conceptId, ssykCode: code.value }, at: code.at });
  }
  return { concepts: conceptList, conceptSsyk };
}
