import type { SignalClass } from '../../core/signals/types.js';
import { CLASS_STYLES } from './classes.js';
import type { CsvValue } from './csv.js';

/**
 * A styled XLSX of the current view, built in the browser with exceljs (this module is loaded only when the user
 * asks for the file, so exceljs never weighs on the first page load). The signal column gets the traffic-light
 * fill and its text, the header row is bold and frozen, and the sheet has an autofilter.
 */

export interface XlsxColumn<T> {
  header: string;
  value: (row: T) => CsvValue;
  /** Column width in characters. */
  width?: number;
  /** When set, the cell is filled with this class's traffic-light colour. */
  signalClass?: (row: T) => SignalClass | undefined;
  /** Number format, e.g. '0.00' or '#,##0'. */
  numFmt?: string;
}

export interface XlsxOptions {
  sheetName: string;
  /** Lines above the table (title, source, filters). */
  preamble: string[];
}

const argb = (hex: string): string => `FF${hex.replace('#', '').toUpperCase()}`;

/** The workbook as bytes. */
export async function buildXlsx<T>(
  rows: readonly T[],
  columns: readonly XlsxColumn<T>[],
  options: XlsxOptions,
): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Semafor';
  const sheet = workbook.addWorksheet(options.sheetName.slice(0, 31));

  options.preamble.forEach((line, index) => {
    const cell = sheet.getCell(index + 1, 1);
    cell.value = line;
    if (index === 0) cell.font = { bold: true, size: 14 };
  });
  const headerRow = options.preamble.length + 2;
  sheet.getRow(headerRow).values = columns.map((c) => c.header);
  sheet.getRow(headerRow).font = { bold: true };
  sheet.getRow(headerRow).eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EDF3' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF8A94A3' } } };
  });
  columns.forEach((column, index) => {
    sheet.getColumn(index + 1).width = column.width ?? Math.max(10, column.header.length + 2);
  });

  rows.forEach((row, r) => {
    const excelRow = sheet.getRow(headerRow + 1 + r);
    columns.forEach((column, c) => {
      const cell = excelRow.getCell(c + 1);
      const value = column.value(row);
      cell.value =
        value === undefined || value === null || (typeof value === 'number' && !Number.isFinite(value))
          ? null
          : value;
      if (column.numFmt && typeof value === 'number') cell.numFmt = column.numFmt;
      const signalClass = column.signalClass?.(row);
      if (signalClass) {
        const style = CLASS_STYLES[signalClass];
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(style.fill) } };
        cell.font = { bold: true, color: { argb: argb(style.text) } };
        cell.border = {
          top: { style: 'thin', color: { argb: argb(style.stroke) } },
          bottom: { style: 'thin', color: { argb: argb(style.stroke) } },
          left: { style: 'thin', color: { argb: argb(style.stroke) } },
          right: { style: 'thin', color: { argb: argb(style.stroke) } },
        };
      }
    });
  });

  sheet.views = [{ state: 'frozen', ySplit: headerRow }];
  sheet.autoFilter = {
    from: { row: headerRow, column: 1 },
    to: { row: headerRow + rows.length, column: columns.length },
  };
  return workbook.xlsx.writeBuffer();
}
