import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import type { SourceInput } from '../contract.js';
import type { TableRecord } from '../shared/csv.js';
import { buildAfSsyk } from '../shared/ssyk-reference.js';
import { readSheetRows, type SheetRow } from '../shared/xlsx.js';
import type { ScbMapping } from '../ssyk/mapping.js';
import {
  conceptRows,
  parseBedomning,
  parseConceptMapping,
  parseFiveYear,
  parseHistorik,
  parseOneYear,
  resolveSsykCell,
} from './parse.js';

const af = buildAfSsyk(
  ['0310', '2611', '2612', '2619', '5120', '5321', '5323', '7114', '8332'].map((code, i) => ({
    row: i + 2,
    values: { level: '4', ssyk_code: code, parent_code: code.slice(0, 3), label_sv: `Grupp ${code}` },
  })),
  'af.csv',
);
const scb = new Map<string, ScbMapping>([
  ['5322', { afCode: '5321', rule: 'folded', note: null }],
  ['5324', { afCode: '5323', rule: 'folded', note: null }],
]);

function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

const HEADER = [
  'Län',
  'Yrkesområde',
  'SSYK',
  'Prognosyrke',
  '(18H Om 1 år)',
  '(18H Klartext, Om 1 år)',
  '(18H Om 1 år)',
  '(18H Antal Kommuner Om 1 år)',
  'Korrigerat från',
];

/** Hand-made 1-ar.xlsx rows (values as exceljs returns them: codes as numbers, class as text). */
const oneYearRows = (): SheetRow[] => [
  { row: 1, cells: HEADER },
  {
    row: 2,
    cells: [
      '21 Gävleborgs län',
      'Bygg och anläggning',
      7114,
      'Anläggningsarbetare',
      4.41935,
      'Mer påtaglig brist',
      '5',
      10,
      ' ',
    ],
  },
  { row: 3, cells: ['21 Gävleborgs län', 'Transport', 8332, 'Lastbilsförare', 3.1, 'Balans', '3', 10, 3.4] },
  { row: 4, cells: ['03 Uppsala län', 'Transport', 8332, 'Lastbilsförare', '-', '-', '-', 0, ' '] },
  { row: 5, cells: ['03 Uppsala län', 'Juridik', 261, 'Jurister', 2.5, 'Visst överskott', '2', 8, ' '] },
  { row: 6, cells: ['21 Gävleborgs län', 'Juridik', 261, 'Jurister', 2.2, 'Visst överskott', '2', 10, ' '] },
  { row: 7, cells: ['Inga val'] },
];

describe('SSYK cells of the forecast files', () => {
  const at = { file: 'f.xlsx', row: 2, column: 'SSYK' };
  it('reads a unit code, restores a lost leading zero, expands an SSYK-3 group and maps SCB codes in lists', () => {
    expect(resolveSsykCell(7114, af, scb, at)).toEqual({
      spec: '7114',
      kind: 'unit',
      codes: [{ ssykCode: '7114', viaScbCode: null }],
    });
    expect(resolveSsykCell(310, af, scb, at)).toEqual({
      spec: '0310',
      kind: 'unit',
      codes: [{ ssykCode: '0310', viaScbCode: null }],
    });
    expect(resolveSsykCell(261, af, scb, at).codes.map((c) => c.ssykCode)).toEqual(['2611', '2612', '2619']);
    expect(resolveSsykCell('5321, 5322', af, scb, at)).toEqual({
      spec: '5321, 5322',
      kind: 'list',
      codes: [{ ssykCode: '5321', viaScbCode: null }],
    });
    expect(resolveSsykCell('5324', af, scb, at).codes).toEqual([{ ssykCode: '5323', viaScbCode: '5324' }]);
  });

  it('rejects unknown codes and junk, naming the cell', () => {
    expect(inputError(() => resolveSsykCell(7119, af, scb, at)).message).toBe(
      'f.xlsx, rad 2, kolumn "SSYK": okänd SSYK-kod "7119"',
    );
    expect(inputError(() => resolveSsykCell(999, af, scb, at)).message).toContain('okänd SSYK-kod "999"');
    expect(inputError(() => resolveSsykCell('71x4', af, scb, at)).message).toContain('ogiltig SSYK-kod');
    expect(inputError(() => resolveSsykCell(null, af, scb, at)).message).toContain('SSYK-kod saknas');
  });
});

describe('1-ar.xlsx and 5-ar.xlsx', () => {
  it('reads the county index with round, class, not-assessed rows and corrections', () => {
    const result = parseOneYear(oneYearRows(), '1-ar.xlsx', af, scb);
    expect(result.roundId).toBe('18H');
    expect(result.counties).toBe(2);
    expect(result.skippedRows).toBe(1);
    expect(result.index.map((r) => r.value)).toEqual([
      expect.objectContaining({
        geographyId: 'county:21',
        occupationName: 'Anläggningsarbetare',
        assessed: true,
        indexValue: 4.41935,
        classValue: 5,
        classText: 'Mer påtaglig brist',
        municipalityCount: 10,
        correctedFrom: null,
      }),
      expect.objectContaining({
        geographyId: 'county:21',
        occupationName: 'Lastbilsförare',
        classValue: 3,
        correctedFrom: 3.4,
      }),
      expect.objectContaining({
        geographyId: 'county:03',
        occupationName: 'Lastbilsförare',
        assessed: false,
        indexValue: null,
        classValue: null,
        classText: null,
        municipalityCount: 0,
      }),
      expect.objectContaining({ geographyId: 'county:03', occupationName: 'Jurister', horizonYears: 1 }),
      expect.objectContaining({ geographyId: 'county:21', occupationName: 'Jurister' }),
    ]);
    expect(result.occupations.map((o) => [o.value.occupationName, o.value.ssykKind])).toEqual([
      ['Anläggningsarbetare', 'unit'],
      ['Lastbilsförare', 'unit'],
      ['Jurister', 'minor_group'],
    ]);
    expect(result.occupationSsyk.filter((o) => o.value.occupationName === 'Jurister')).toHaveLength(3);
  });

  it('names file, row and column for a broken number, an unknown class text and a missing column', () => {
    const broken = oneYearRows();
    broken[2] = {
      row: 3,
      cells: ['21 Gävleborgs län', 'Transport', 8332, 'Lastbilsförare', '3,1x', 'Balans', '3', 10, ' '],
    };
    const error = inputError(() => parseOneYear(broken, '1-ar.xlsx', af, scb));
    expect(error.location).toEqual({ file: '1-ar.xlsx', row: 3, column: '(18H Om 1 år) [E]' });
    expect(error.message).toContain('ska vara ett tal (värde "3,1x")');

    const badText = oneYearRows();
    badText[1] = {
      row: 2,
      cells: ['21 Gävleborgs län', 'Bygg', 7114, 'Anläggningsarbetare', 4.4, 'Stor brist', '5', 10, ' '],
    };
    expect(inputError(() => parseOneYear(badText, '1-ar.xlsx', af, scb)).location.column).toBe(
      '(18H Klartext, Om 1 år) [F]',
    );

    const outOfRange = oneYearRows();
    outOfRange[1] = {
      row: 2,
      cells: [
        '21 Gävleborgs län',
        'Bygg',
        7114,
        'Anläggningsarbetare',
        7.2,
        'Mer påtaglig brist',
        '5',
        10,
        ' ',
      ],
    };
    expect(inputError(() => parseOneYear(outOfRange, '1-ar.xlsx', af, scb)).message).toContain('utanför 1–5');

    const missing = oneYearRows().map((r) => ({ ...r, cells: r.cells.filter((_, i) => i !== 5) }));
    expect(inputError(() => parseOneYear(missing, '1-ar.xlsx', af, scb)).location).toEqual({
      file: '1-ar.xlsx',
      row: 1,
      column: '(18H Klartext, Om 1 år) [F]',
    });

    const unknownCounty = oneYearRows();
    unknownCounty[1] = {
      row: 2,
      cells: ['99 Okänt län', 'Bygg', 7114, 'Anläggningsarbetare', 4.4, 'Mer påtaglig brist', '5', 10, ' '],
    };
    expect(inputError(() => parseOneYear(unknownCounty, '1-ar.xlsx', af, scb)).message).toContain(
      'okänd länskod "99"',
    );
  });

  it('rejects an occupation whose SSYK differs between rows', () => {
    const rows = oneYearRows();
    rows[5] = {
      row: 6,
      cells: ['21 Gävleborgs län', 'Juridik', 2611, 'Jurister', 2.2, 'Visst överskott', '2', 10, ' '],
    };
    const error = inputError(() => parseOneYear(rows, '1-ar.xlsx', af, scb));
    expect(error.location).toEqual({ file: '1-ar.xlsx', row: 6, column: 'SSYK [C]' });
  });

  it('reads the national five-year index with the given round', () => {
    const rows: SheetRow[] = [
      { row: 1, cells: ['Yrkesområde', 'SSYK', 'Prognosyrke', 'omfem'] },
      { row: 2, cells: ['Vård', '5321, 5322', 'Undersköterskor, hemtjänst och äldreboende', 4.45] },
      { row: 3, cells: ['Bygg', 7114, 'Anläggningsarbetare', 4.1] },
    ];
    const result = parseFiveYear(rows, '5-ar.xlsx', '18H', af, scb);
    expect(
      result.index.map((r) => [
        r.value.occupationName,
        r.value.geographyId,
        r.value.horizonYears,
        r.value.indexValue,
      ]),
    ).toEqual([
      ['Undersköterskor, hemtjänst och äldreboende', 'country:SE', 5, 4.45],
      ['Anläggningsarbetare', 'country:SE', 5, 4.1],
    ]);
    const missing = rows.map((r) => ({ ...r, cells: r.cells.slice(0, 3) }));
    expect(inputError(() => parseFiveYear(missing, '5-ar.xlsx', '18H', af, scb)).location).toEqual({
      file: '5-ar.xlsx',
      row: 1,
      column: 'omfem',
    });
  });
});

describe('reading a real .xlsx file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'semafor-xlsx-'));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    for (const row of oneYearRows()) sheet.addRow(row.cells);
    workbook.addWorksheet('pivot').addRow(['Radetiketter', 'Medel']);
    await workbook.xlsx.writeFile(path.join(dir, '1-ar.xlsx'));
    await writeFile(path.join(dir, 'broken.xlsx'), 'not a zip file');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const input = (): SourceInput => ({ origin: 'data_dir', file: (p) => path.join(dir, p) });

  it('gives the same rows as the hand-made fixture, with sheet row numbers', async () => {
    const rows = await readSheetRows(input(), '1-ar.xlsx');
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(parseOneYear(rows, '1-ar.xlsx', af, scb).index).toHaveLength(5);
  });

  it('names the file when it is missing or not a workbook', async () => {
    await expect(readSheetRows(input(), 'missing.xlsx')).rejects.toThrow(/missing\.xlsx: filen saknas/);
    await expect(readSheetRows(input(), 'broken.xlsx')).rejects.toThrow(/broken\.xlsx: är inte en Excel-fil/);
  });
});

const record = (row: number, values: Record<string, string>): TableRecord => ({ row, values });

const BEDOMNING_HEADER = [
  'conceptidprognosyrke',
  'fa15nr',
  'bedömning24',
  'bedömning26',
  'yrkesverksamma_antal',
  'andel_kvinnor',
  'andel_män',
  'special',
  'tillträde',
  'pension',
  'efterfråga',
  'pil_2022_tilltr',
  'pil_2026_tilltr',
  'pil_2022_pension',
  'pil_2026_pension',
  'pil_2022_efterfråga',
  'pil_2026_efterfråga',
  'index',
  'svårare_fa15nr',
  'lättare_fa15nr',
];
const bedomningRow = (row: number, values: string[]): TableRecord =>
  record(row, Object.fromEntries(BEDOMNING_HEADER.map((h, i) => [h, values[i] ?? ''])));

describe('bedomning.csv, historik.csv and the optional mapping', () => {
  const national = bedomningRow(2, [
    '1JfT_7TR_tqA',
    '0',
    '3',
    '2',
    '18053',
    '56',
    '44',
    '',
    '3',
    '3',
    '3',
    '1,13',
    '1,11',
    '0,73',
    '1,00',
    '1,03',
    '1,03',
    '',
    '',
    '',
  ]);
  const region = bedomningRow(3, [
    '1JfT_7TR_tqA',
    '6',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '1,16',
    '1,09',
    '0,35',
    '2,00',
    '1,03',
    '1,04',
    '3',
    '2',
    '1',
  ]);
  const noIndex = bedomningRow(4, [
    '1JfT_7TR_tqA',
    '4',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '1,05',
    '1,07',
    '0,18',
    '0,25',
    '1,02',
    '1,02',
    '0',
    '',
    '',
  ]);

  it('reads decimal commas, geography ids, the header years and index 0 as no index', () => {
    const result = parseBedomning([national, region, noIndex], BEDOMNING_HEADER, 'bedomning.csv');
    expect(result.years).toEqual({ assessmentYears: [2024, 2026], arrowYears: [2022, 2026] });
    expect(result.rows.map((r) => r.value)).toEqual([
      expect.objectContaining({
        geographyId: 'country:SE',
        assessmentShort: 3,
        assessmentLong: 2,
        employed: 18053,
        sharePctWomen: 56,
        localIndex: null,
        arrowEntryShort: 1.13,
      }),
      expect.objectContaining({
        geographyId: 'fa:06',
        localIndex: 3,
        harderGeographyId: 'fa:02',
        easierGeographyId: 'fa:01',
        arrowRetirementLong: 2,
      }),
      expect.objectContaining({ geographyId: 'fa:04', localIndex: null }),
    ]);
  });

  it('names file, row and column for a broken number and a missing column', () => {
    const broken = bedomningRow(5, [
      '1JfT_7TR_tqA',
      '7',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '1,1,6',
      '1,09',
      '',
      '',
      '',
      '',
      '3',
      '',
      '',
    ]);
    const error = inputError(() => parseBedomning([broken], BEDOMNING_HEADER, 'bedomning.csv'));
    expect(error.location).toEqual({ file: 'bedomning.csv', row: 5, column: 'pil_2022_tilltr' });
    expect(error.message).toContain('ska vara ett tal');
    const header = BEDOMNING_HEADER.filter((h) => h !== 'index');
    expect(inputError(() => parseBedomning([national], header, 'bedomning.csv')).location).toEqual({
      file: 'bedomning.csv',
      row: 1,
      column: 'index',
    });
    expect(
      inputError(() =>
        parseBedomning([bedomningRow(6, ['1JfT_7TR_tqA', '61'])], BEDOMNING_HEADER, 'bedomning.csv'),
      ).message,
    ).toContain('utanför 0–60');
  });

  it('reads the series and skips the empty row the source has', () => {
    const rows = [
      record(2, {
        ar: '2015',
        antalEFT: '1,00',
        antalPEN: '1,00',
        antalTILL: '1,00',
        antalEFTprognos: '',
        antalTILLprognos: '',
        antalPENprognos: '',
        conceptidprognosyrke: '1JfT_7TR_tqA',
      }),
      record(3, {
        ar: '',
        antalEFT: '',
        antalPEN: '',
        antalTILL: '',
        antalEFTprognos: '',
        antalTILLprognos: '',
        antalPENprognos: '',
        conceptidprognosyrke: 'GWv6_oua_bkS',
      }),
      record(4, {
        ar: '2026',
        antalEFT: '',
        antalPEN: '',
        antalTILL: '',
        antalEFTprognos: '1,53',
        antalTILLprognos: '1,17',
        antalPENprognos: '0,78',
        conceptidprognosyrke: '1JfT_7TR_tqA',
      }),
    ];
    const result = parseHistorik(rows, 'historik.csv');
    expect(result.skippedRows).toBe(1);
    expect(result.years).toEqual([2015, 2026]);
    expect(result.rows.map((r) => [r.value.year, r.value.demand, r.value.demandForecast])).toEqual([
      [2015, 1, null],
      [2026, null, 1.53],
    ]);
    const noYear = [record(2, { ...rows[0]?.values, ar: '' })];
    expect(inputError(() => parseHistorik(noYear, 'historik.csv')).location).toEqual({
      file: 'historik.csv',
      row: 2,
      column: 'ar',
    });
  });

  it('joins concepts to SSYK only through a mapping and marks the rest as unmapped', () => {
    const mapping = parseConceptMapping(
      [
        record(2, { conceptidprognosyrke: '1JfT_7TR_tqA', ssyk: '7114' }),
        record(3, { conceptidprognosyrke: '1JfT_7TR_tqA', ssyk: '8332' }),
      ],
      'map.csv',
      af,
    );
    const result = conceptRows(['1JfT_7TR_tqA', 'GWv6_oua_bkS'], mapping, 'map.csv', {
      file: 'bedomning.csv',
    });
    expect(
      result.concepts.map((c) => [c.value.conceptId, c.value.ssykMapped, c.value.mappingSource]),
    ).toEqual([
      ['1JfT_7TR_tqA', true, 'map.csv'],
      ['GWv6_oua_bkS', false, null],
    ]);
    expect(result.conceptSsyk.map((c) => c.value.ssykCode)).toEqual(['7114', '8332']);
    const error = inputError(() =>
      parseConceptMapping([record(2, { conceptidprognosyrke: '1JfT_7TR_tqA', ssyk: '7119' })], 'map.csv', af),
    );
    expect(error.location).toEqual({ file: 'map.csv', row: 2, column: 'ssyk' });
  });
});
