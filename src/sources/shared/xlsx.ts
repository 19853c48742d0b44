import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { InputError } from '../../errors.js';
import type { SourceInput } from '../contract.js';
import { assertColumns, assertFileExists, type TableRecord } from './csv.js';

/**
 * The one Excel (.xlsx) reader of every source adapter: it checks the zip container first, loads the workbook with
 * exceljs' buffered (JSZip) path and turns cells into plain values with one set of rules.
 *
 * Why not exceljs' streaming WorkbookReader: it reads the zip with unzipper's forward-only parser, which on a
 * truncated file simply stops emitting entries without an error, so the worksheet iterator's promise never
 * settles. With a database lock or server keeping the event loop alive the import hung; without anything else
 * pending, Node ended the process with exit code 13 (unsettled top-level await) and no message. JSZip reads the
 * central directory at the end of the file and rejects at once when it is missing.
 */

/** A plain cell value: text, number or empty. */
export type Cell = string | number | null;

/** One worksheet row as plain values; `row` is the 1-based row number in the sheet, `cells[0]` is column A. */
export interface SheetRow {
  row: number;
  cells: Cell[];
}

/** Upper bound on loading one workbook; exceljs never needed more than a few seconds for the real files. */
const DEFAULT_LOAD_TIMEOUT_MS = 120_000;

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

/**
 * An exceljs cell value as a plain value. Numbers stay numbers (parsers decide how to read codes Excel stored as
 * numbers), dates become ISO dates, rich text and hyperlinks their text, formulas their cached result, and error
 * cells their error text (e.g. "#N/A"), so that a parser reports them with the value instead of reading "empty".
 */
export function plainCell(value: ExcelJS.CellValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return null;
  if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
  if ('error' in value) return String(value.error);
  if ('result' in value) return plainCell(value.result as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return null;
  if ('text' in value) return plainCell(value.text as ExcelJS.CellValue);
  return null;
}

/** The text of a cell: numbers as written (no exponent for whole numbers), empty for no value. */
export function cellText(value: ExcelJS.CellValue | Cell | undefined): string {
  const cell = plainCell(value as ExcelJS.CellValue);
  if (cell === null) return '';
  if (typeof cell === 'number') {
    return Number.isInteger(cell) && Math.abs(cell) < 1e21 ? cell.toFixed(0) : String(cell);
  }
  return cell;
}

/** True when a cell holds nothing but whitespace. */
export function isBlank(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

function u16(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

function u32(bytes: Uint8Array, at: number): number {
  return (u16(bytes, at) + u16(bytes, at + 2) * 0x10000) >>> 0;
}

/**
 * Checks the zip container of an .xlsx file before exceljs sees it: the local-file signature at the start, and the
 * end-of-central-directory record (within the last 64 KiB + 22 bytes) pointing at a central directory that lies
 * inside the file. A file cut anywhere loses that record or the directory, and is reported as truncated.
 */
export function assertZipContainer(bytes: Uint8Array, file: string): void {
  if (bytes.length === 0) throw new InputError({ file }, 'filen är tom');
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (!isZip) {
    throw new InputError(
      { file },
      'är inte en Excel-fil (.xlsx): filen börjar inte som ett zip-arkiv (spara den som Excel-arbetsbok)',
    );
  }
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let at = bytes.length - 22; at >= earliest; at--) {
    if (bytes[at] === 0x50 && bytes[at + 1] === 0x4b && bytes[at + 2] === 0x05 && bytes[at + 3] === 0x06) {
      end = at;
      break;
    }
  }
  if (end < 0) {
    throw new InputError(
      { file },
      'Excel-filen är avkortad eller skadad: zip-arkivets innehållsförteckning saknas i slutet av filen',
    );
  }
  const directorySize = u32(bytes, end + 12);
  const directoryOffset = u32(bytes, end + 16);
  if (directoryOffset + directorySize > end) {
    throw new InputError(
      { file },
      'Excel-filen är avkortad eller skadad: zip-arkivets innehållsförteckning pekar utanför filen',
    );
  }
}

/**
 * Loads a workbook from bytes: zip check, then exceljs with a time bound (a parser that never settles becomes an
 * input error instead of a hang). Any failure is an input error naming the file.
 */
export async function loadWorkbookBytes(
  bytes: Uint8Array,
  file: string,
  timeoutMs = DEFAULT_LOAD_TIMEOUT_MS,
): Promise<ExcelJS.Workbook> {
  assertZipContainer(bytes, file);
  const workbook = new ExcelJS.Workbook();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new InputError(
            { file },
            `Excel-filen kunde inte läsas inom ${Math.round(timeoutMs / 1000)} sekunder`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    // exceljs' type says Buffer; a Uint8Array view over the same memory avoids a copy.
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await Promise.race([workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer), timeout]);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      { file },
      `kan inte läsas som Excel-fil (.xlsx), filen är troligen skadad eller avkortad: ${(error as Error).message}`,
    );
  } finally {
    clearTimeout(timer);
  }
  return workbook;
}

/** Loads a workbook from an absolute path; `displayName` is how errors name the file. */
export async function loadWorkbookFile(absolutePath: string, displayName: string): Promise<ExcelJS.Workbook> {
  await assertFileExists(absolutePath, displayName);
  return loadWorkbookBytes(await readFile(absolutePath), displayName);
}

/** Loads a workbook of the source input. */
export async function loadWorkbook(input: SourceInput, relativePath: string): Promise<ExcelJS.Workbook> {
  return loadWorkbookFile(input.file(relativePath), relativePath);
}

/** Finds a worksheet by name or position (1 = first); a missing one is an input error listing the sheets. */
export function requireSheet(
  workbook: ExcelJS.Workbook,
  file: string,
  sheet: string | number = 1,
): ExcelJS.Worksheet {
  const found = typeof sheet === 'string' ? workbook.getWorksheet(sheet) : workbook.worksheets[sheet - 1];
  if (!found) {
    const names = workbook.worksheets.map((w) => w.name).join(', ');
    throw new InputError(
      { file, column: typeof sheet === 'string' ? sheet : undefined },
      `bladet ${typeof sheet === 'string' ? `"${sheet}"` : `nr ${sheet}`} saknas (blad i filen: ${names || 'inga'})`,
    );
  }
  return found;
}

/** A worksheet's non-empty rows as plain values. */
export function sheetRows(worksheet: ExcelJS.Worksheet): SheetRow[] {
  const rows: SheetRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells: Cell[] = [];
    for (let c = 1; c < values.length; c++) cells.push(plainCell(values[c]));
    if (cells.some((c) => !isBlank(c))) rows.push({ row: rowNumber, cells });
  });
  return rows;
}

/** Reads one worksheet (by name or position, default the first) of an .xlsx file as plain rows. */
export async function readSheetRows(
  input: SourceInput,
  relativePath: string,
  sheet: string | number = 1,
): Promise<SheetRow[]> {
  const workbook = await loadWorkbook(input, relativePath);
  return sheetRows(requireSheet(workbook, relativePath, sheet));
}

/**
 * Rows → table records: the first non-empty row is the header, values are trimmed texts keyed by header name
 * (cells beyond the header are ignored, missing cells are ''), row numbers are the sheet's own so messages match
 * what Excel shows. The same row parsers and error locations then work as for CSV files.
 */
export function sheetRecords(
  rows: readonly SheetRow[],
  file: string,
  required: readonly string[],
): { header: string[]; records: TableRecord[] } {
  const [head, ...body] = rows;
  if (!head) throw new InputError({ file }, 'bladet är tomt');
  const header = head.cells.map((c) => cellText(c).trim());
  assertColumns(file, header, required);
  const records = body.map(({ row, cells }) => {
    const values: Record<string, string> = {};
    header.forEach((name, i) => {
      if (name !== '') values[name] = cellText(cells[i]).trim();
    });
    return { row, values };
  });
  return { header, records };
}

/** Reads a worksheet of an .xlsx file as table records with a header row (see {@link sheetRecords}). */
export async function readXlsxRecords(
  input: SourceInput,
  relativePath: string,
  options: { required: readonly string[]; sheet?: string | number },
): Promise<TableRecord[]> {
  const rows = await readSheetRows(input, relativePath, options.sheet);
  return sheetRecords(rows, relativePath, options.required).records;
}
