import ExcelJS from 'exceljs';
import { InputError } from '../../errors.js';
import type { SourceInput } from '../contract.js';
import { assertFileExists } from './csv.js';

/** A plain cell value: text, number or empty. */
export type Cell = string | number | null;

/** One worksheet row as plain values; `row` is the 1-based row number in the sheet, `cells[0]` is column A. */
export interface SheetRow {
  row: number;
  cells: Cell[];
}

/** Spreadsheet column letter of a 0-based index (0 → A). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function plain(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return plain(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return null;
}

/**
 * Reads one worksheet of an .xlsx file in the source input as plain rows (empty rows skipped), with exceljs'
 * streaming reader (about a third faster than loading the whole workbook, which also parses pivot caches).
 * `sheetId` is the N of `xl/worksheets/sheetN.xml` (1 = the first sheet created). A file that is not a readable
 * workbook, or lacks the sheet, is an input error naming the file.
 */
export async function readSheetRows(
  input: SourceInput,
  relativePath: string,
  sheetId = 1,
): Promise<SheetRow[]> {
  const absolute = input.file(relativePath);
  await assertFileExists(absolute, relativePath);
  const rows: SheetRow[] = [];
  let found = false;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(absolute, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      entries: 'ignore',
    });
    for await (const worksheet of reader) {
      const wanted = (worksheet as unknown as { id: number }).id === sheetId;
      found ||= wanted;
      for await (const row of worksheet) {
        if (!wanted) continue;
        const values = (row as ExcelJS.Row).values as ExcelJS.CellValue[];
        const cells: Cell[] = [];
        for (let c = 1; c < values.length; c++) cells.push(plain(values[c]));
        if (cells.some((c) => !isBlank(c))) rows.push({ row: (row as ExcelJS.Row).number, cells });
      }
    }
  } catch (error) {
    throw new InputError(
      { file: relativePath },
      `kan inte läsas som Excel-fil (.xlsx): ${(error as Error).message}`,
    );
  }
  if (!found) throw new InputError({ file: relativePath }, `bladet sheet${sheetId} saknas`);
  return rows;
}

/** True when a cell holds nothing but whitespace. */
export function isBlank(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}
