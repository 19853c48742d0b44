import ExcelJS from 'exceljs';
import { InputError } from '../../errors.js';
import type { SourceInput } from '../contract.js';
import { assertColumns, assertFileExists, type TableRecord } from '../shared/csv.js';

/**
 * Reads one worksheet of an .xlsx file as table records (header in row 1, values as trimmed strings), so the same
 * row parsers and error locations work as for CSV files.
 */

/** The text of an exceljs cell value: strings as is, numbers without exponent, rich text joined, formulas' results. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return value.result === undefined ? '' : cellText(value.result as ExcelJS.CellValue);
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('error' in value) return '';
  return '';
}

/**
 * Worksheet → records. Row numbers are the sheet's own (header = 1), so messages match what Excel shows.
 * Rows where every cell is empty are skipped.
 */
export function worksheetRecords(
  worksheet: ExcelJS.Worksheet,
  file: string,
  required: readonly string[],
): TableRecord[] {
  const headerRow = worksheet.getRow(1);
  const header: string[] = [];
  for (let c = 1; c <= worksheet.columnCount; c++) header.push(cellText(headerRow.getCell(c).value).trim());
  assertColumns(file, header, required);
  const records: TableRecord[] = [];
  for (let r = 2; r <= worksheet.rowCount; r++) {
    const row = worksheet.getRow(r);
    const values: Record<string, string> = {};
    let empty = true;
    header.forEach((name, i) => {
      if (!name) return;
      const text = cellText(row.getCell(i + 1).value).trim();
      if (text !== '') empty = false;
      values[name] = text;
    });
    if (!empty) records.push({ row: r, values });
  }
  return records;
}

/** Reads the first (or the named) worksheet of a workbook from the source input. */
export async function readXlsx(
  input: SourceInput,
  relativePath: string,
  options: { required: readonly string[]; sheet?: string },
): Promise<TableRecord[]> {
  const absolutePath = input.file(relativePath);
  await assertFileExists(absolutePath, relativePath);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(absolutePath);
  } catch (error) {
    throw new InputError({ file: relativePath }, `kan inte läsas som xlsx: ${(error as Error).message}`);
  }
  const worksheet = options.sheet ? workbook.getWorksheet(options.sheet) : workbook.worksheets[0];
  if (!worksheet) {
    throw new InputError({ file: relativePath }, `bladet "${options.sheet ?? '(första)'}" saknas`);
  }
  return worksheetRecords(worksheet, relativePath, options.required);
}
