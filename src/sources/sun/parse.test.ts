import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { cellText, loadWorkbookFile } from '../shared/xlsx.js';
import { FIELDS_SHEET, LEVELS_SHEET, parseSunWorkbook, SUN_FILE } from './parse.js';

type Cell = string | number | null;

/**
 * A miniature of SCB's workbook: titles in rows 1–2, the "Kod"/"Benämning" header in row 4 and blocks side by
 * side (columns B/C, E/F, H/I, K/L), codes partly stored as numbers like in the original.
 */
function miniWorkbook(
  options: { levels?: Cell[][]; fields?: Cell[][]; dropFieldsSheet?: boolean } = {},
): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const levels = workbook.addWorksheet(LEVELS_SHEET);
  levels.getRow(1).values = [null, 'SUN 2020', null, null, 'SUN 2020', null, null, 'SUN 2020'];
  levels.getRow(2).values = [null, 'Nivå 1-siffer', null, null, 'Nivå 2-siffer', null, null, 'Nivå 3-siffer'];
  levels.getRow(4).values = [null, 'Kod', 'Benämning', null, 'Kod', 'Benämning', null, 'Kod', 'Benämning'];
  const levelRows = options.levels ?? [
    [
      null,
      0,
      'Förskoleutbildning',
      null,
      '00',
      'Förskoleutbildning',
      null,
      '000',
      'Övrig förskoleutbildning',
    ],
    [
      null,
      5,
      'Eftergymnasial utbildning, minst 2 år',
      null,
      52,
      'Eftergymnasial utbildning, 2 år',
      null,
      525,
      'YH, 2 år ',
    ],
    [null, null, null, null, null, null, null, 526, 'Högskoleutbildning, generell, 2 år'],
    [null, 'Observera: not under tabellen', null, null, null, null, null, null, null],
  ];
  levelRows.forEach((values, i) => {
    levels.getRow(5 + i).values = values;
  });
  if (!options.dropFieldsSheet) {
    const fields = workbook.addWorksheet(FIELDS_SHEET);
    fields.getRow(4).values = [
      null,
      'Kod',
      'Benämning',
      null,
      'Kod',
      'Benämning',
      null,
      'Kod',
      'Benämning',
      null,
      'Kod',
      'Benämning',
    ];
    const fieldRows = options.fields ?? [
      [
        null,
        0,
        'Allmän utbildning',
        null,
        '01',
        'Bred, generell utbildning',
        null,
        '010',
        'Bred',
        null,
        '010a',
        'Allmän',
      ],
      [
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        '010x',
        { richText: [{ text: 'Annan ' }, { text: 'inriktning' }] },
      ],
    ];
    fieldRows.forEach((values, i) => {
      fields.getRow(5 + i).values = values as ExcelJS.CellValue[];
    });
  }
  return workbook;
}

function inputErrorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('parseSunWorkbook', () => {
  it('reads each block down to its first empty cell, pads numeric codes and derives parents', () => {
    const rows = parseSunWorkbook(miniWorkbook());
    expect(rows.levels.map((l) => l.row)).toEqual([
      { code: '0', digits: 1, parentCode: null, labelSv: 'Förskoleutbildning' },
      { code: '5', digits: 1, parentCode: null, labelSv: 'Eftergymnasial utbildning, minst 2 år' },
      { code: '00', digits: 2, parentCode: '0', labelSv: 'Förskoleutbildning' },
      { code: '52', digits: 2, parentCode: '5', labelSv: 'Eftergymnasial utbildning, 2 år' },
      { code: '000', digits: 3, parentCode: '00', labelSv: 'Övrig förskoleutbildning' },
      { code: '525', digits: 3, parentCode: '52', labelSv: 'YH, 2 år' },
      { code: '526', digits: 3, parentCode: '52', labelSv: 'Högskoleutbildning, generell, 2 år' },
    ]);
    expect(rows.levels[5]?.location).toEqual({ file: SUN_FILE, row: 6, column: `${LEVELS_SHEET}!H` });
    expect(rows.fields.map((f) => [f.row.code, f.row.level, f.row.parentCode, f.row.labelSv])).toEqual([
      ['0', 1, null, 'Allmän utbildning'],
      ['01', 2, '0', 'Bred, generell utbildning'],
      ['010', 3, '01', 'Bred'],
      ['010a', 4, '010', 'Allmän'],
      ['010x', 4, '010', 'Annan inriktning'],
    ]);
  });

  it('a missing sheet names the file and the sheet', () => {
    const error = inputErrorOf(() => parseSunWorkbook(miniWorkbook({ dropFieldsSheet: true })));
    expect(error.location).toEqual({ file: SUN_FILE, column: FIELDS_SHEET });
    expect(error.message).toContain('bladet saknas');
  });

  it('a missing Kod/Benämning column pair names the header row', () => {
    const workbook = miniWorkbook();
    const sheet = workbook.getWorksheet(LEVELS_SHEET);
    if (sheet) sheet.getCell('I4').value = 'Namn';
    const error = inputErrorOf(() => parseSunWorkbook(workbook));
    expect(error.location).toEqual({ file: SUN_FILE, row: 4, column: LEVELS_SHEET });
    expect(error.message).toContain('3 kolumnpar');
  });

  it('a bad code, a missing parent and a duplicate name sheet, row and column', () => {
    const bad = miniWorkbook({ levels: [[null, 0, 'A', null, '0x', 'B', null, '000', 'C']] });
    expect(inputErrorOf(() => parseSunWorkbook(bad)).location).toEqual({
      file: SUN_FILE,
      row: 5,
      column: `${LEVELS_SHEET}!E`,
    });
    const orphan = miniWorkbook({ levels: [[null, 0, 'A', null, '00', 'B', null, 100, 'C']] });
    expect(() => parseSunWorkbook(orphan)).toThrow(/överordnad kod "10" saknas/);
    const duplicate = miniWorkbook({
      levels: [
        [null, 0, 'A', null, '00', 'B', null, '000', 'C'],
        [null, 0, 'A igen', null, null, null, null, null, null],
      ],
    });
    const error = inputErrorOf(() => parseSunWorkbook(duplicate));
    expect(error.location).toEqual({ file: SUN_FILE, row: 6, column: `${LEVELS_SHEET}!B` });
    expect(error.message).toContain('finns redan på rad 5');
  });

  it('an empty label is an error', () => {
    const workbook = miniWorkbook({ levels: [[null, 0, ' ', null, '00', 'B', null, '000', 'C']] });
    expect(inputErrorOf(() => parseSunWorkbook(workbook)).location.column).toBe(`${LEVELS_SHEET}!C`);
  });
});

describe('cellText', () => {
  it('handles formulas, rich text and empty cells', () => {
    expect(cellText({ formula: 'A1', result: 12 } as ExcelJS.CellValue)).toBe('12');
    expect(cellText({ richText: [{ text: 'a' }, { text: 'b' }] })).toBe('ab');
    expect(cellText(null)).toBe('');
  });
});

describe('loadWorkbook', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'semafor-sun-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a written workbook and rejects a file that is not xlsx or is missing', async () => {
    const good = path.join(dir, 'good.xlsx');
    await miniWorkbook().xlsx.writeFile(good);
    expect(parseSunWorkbook(await loadWorkbookFile(good, SUN_FILE)).levels).toHaveLength(7);
    const bad = path.join(dir, 'bad.xlsx');
    await writeFile(bad, 'code,label\n1,x\n');
    await expect(loadWorkbookFile(bad, SUN_FILE)).rejects.toMatchObject({ location: { file: SUN_FILE } });
    await expect(loadWorkbookFile(path.join(dir, 'none.xlsx'), SUN_FILE)).rejects.toThrow(/saknas/);
  });
});
