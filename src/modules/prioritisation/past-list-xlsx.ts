import ExcelJS from 'exceljs';
import { InputError } from '../../errors.js';

/**
 * Reads a past list from an XLSX workbook (the first sheet, header `year,seqf_band,field,occupation,ssyk` in row 1)
 * into rows of text for the same parser as the CSV (core/prioritisation/past-list.ts), with the sheet's row numbers,
 * so an error names the file, row and column as the person sees them in Excel.
 */

const COLUMNS = ['year', 'seqf_band', 'field', 'occupation', 'ssyk'] as const;

function cellText(value: ExcelJS.CellValue, file: string, row: number, column: number): string {
  if (value === null || value === undefined) return '';
  const name = COLUMNS[column] ?? `kolumn ${column + 1}`;
  if (value instanceof Date) {
    // Excel turns "5-6" into a date when typed in a cell; the band cannot be recovered safely from it.
    throw new InputError(
      { file, row, column: name },
      "cellen har lästs som ett datum; skriv värdet som text (t.ex. '5-6)",
    );
  }
  if (typeof value === 'number') {
    // An SSYK code typed as a number loses its leading zero (0110 → 110).
    return column === 4 ? String(value).padStart(4, '0') : String(value);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('result' in value)
    return value.result === undefined ? '' : cellText(value.result as ExcelJS.CellValue, file, row, column);
  if ('text' in value) return String(value.text);
  throw new InputError({ file, row, column: name }, 'cellen har ett värde som inte kan läsas som text');
}

/** The first worksheet as `{ line, cells }` rows (line = the sheet's row number). */
export async function readPastListXlsx(
  data: Uint8Array,
  file: string,
): Promise<Array<{ line: number; cells: string[] }>> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new InputError({ file }, 'filen kan inte läsas som en Excel-arbetsbok (.xlsx)');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new InputError({ file }, 'arbetsboken har inget blad');
  const rows: Array<{ line: number; cells: string[] }> = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let c = 0; c < COLUMNS.length; c++) cells.push(cellText(row.getCell(c + 1).value, file, line, c));
    rows.push({ line, cells });
  });
  return rows;
}
