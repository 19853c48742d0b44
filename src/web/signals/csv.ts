/**
 * Excel-friendly CSV built in the browser: UTF-8 with a byte-order mark (so Excel reads å, ä, ö), `;` between
 * fields (Excel's list separator in Swedish), CRLF line ends, and numbers with a decimal comma in Swedish so
 * Excel reads them as numbers. Pure: no DOM; the page turns the text into a download.
 */

export type CsvValue = string | number | null | undefined;

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvValue;
}

export interface CsvOptions {
  /** Decimal separator for numbers (`,` for Swedish, `.` for English). */
  decimal: ',' | '.';
  /** Lines written above the header, e.g. the source and round (each becomes one one-field line). */
  preamble?: string[];
}

export const BOM = '\uFEFF';
export const DELIMITER = ';';
const EOL = '\r\n';

/** A number without grouping, with the chosen decimal separator and at most 4 decimals. */
export function csvNumber(value: number, decimal: ',' | '.'): string {
  if (!Number.isFinite(value)) return '';
  const text = String(Math.round(value * 10_000) / 10_000);
  return decimal === ',' ? text.replace('.', ',') : text;
}

/**
 * One field: numbers formatted, text quoted when it holds the delimiter, a quote, a line break or edge spaces.
 * Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a leading apostrophe.
 */
export function csvField(value: CsvValue, decimal: ',' | '.'): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return csvNumber(value, decimal);
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  if (/[";\r\n]/.test(text) || text !== text.trim()) return `"${text.replaceAll('"', '""')}"`;
  return text;
}

/** The whole CSV document, BOM first. */
export function buildCsv<T>(
  rows: readonly T[],
  columns: readonly CsvColumn<T>[],
  options: CsvOptions,
): string {
  const lines: string[] = [];
  for (const line of options.preamble ?? []) lines.push(csvField(line, options.decimal));
  lines.push(columns.map((c) => csvField(c.header, options.decimal)).join(DELIMITER));
  for (const row of rows)
    lines.push(columns.map((c) => csvField(c.value(row), options.decimal)).join(DELIMITER));
  return BOM + lines.join(EOL) + EOL;
}

/** A file name safe on every system: `semafor-signaler-county-21-2025-2.csv`. */
export function exportFileName(parts: readonly string[], extension: 'csv' | 'xlsx'): string {
  const base = parts
    .map((p) =>
      p
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[^A-Za-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .toLowerCase(),
    )
    .filter(Boolean)
    .join('-');
  return `${base || 'semafor'}.${extension}`;
}
