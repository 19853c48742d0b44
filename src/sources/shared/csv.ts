import { access } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { InputError, type InputLocation } from '../../errors.js';
import type { SourceInput } from '../contract.js';
import { readText } from './text.js';

/** One data row of a table file; `row` is the 1-based line in the file (header = row 1). */
export interface TableRecord {
  row: number;
  values: Record<string, string>;
}

export interface ReadCsvOptions {
  /** Columns that must be present in the header. */
  required: readonly string[];
  /** Field delimiter; detected from the header line when omitted. */
  delimiter?: ',' | ';' | '\t';
}

/** Throws a "file missing" input error when the file does not exist. */
export async function assertFileExists(absolutePath: string, displayName: string): Promise<void> {
  try {
    await access(absolutePath);
  } catch {
    throw new InputError({ file: displayName }, 'filen saknas eller kan inte läsas');
  }
}

function detectDelimiter(headerLine: string): ',' | ';' | '\t' {
  const counts = ([',', ';', '\t'] as const).map((d) => [d, headerLine.split(d).length] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[0] ?? ',';
}

/** Checks that a header has every required column; the error names the first missing one. */
export function assertColumns(file: string, header: readonly string[], required: readonly string[]): void {
  for (const column of required) {
    if (!header.includes(column)) {
      throw new InputError(
        { file, row: 1, column },
        `kolumnen saknas (kolumner i filen: ${header.join(', ')})`,
      );
    }
  }
}

/**
 * Reads a delimited text file from the source input: UTF-8 with or without BOM or Windows-1252, header row
 * required, every row the same number of fields. Errors name the file (as given in `relativePath`), row and column.
 */
export async function readCsv(
  input: SourceInput,
  relativePath: string,
  options: ReadCsvOptions,
): Promise<TableRecord[]> {
  const absolutePath = input.file(relativePath);
  await assertFileExists(absolutePath, relativePath);
  const { text } = await readText(absolutePath, relativePath);
  return parseCsvText(text, relativePath, options);
}

/** The pure part of {@link readCsv}: decoded text → records, with the same checks and error locations. */
export function parseCsvText(text: string, relativePath: string, options: ReadCsvOptions): TableRecord[] {
  if (text.trim() === '') throw new InputError({ file: relativePath }, 'filen är tom');
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = options.delimiter ?? detectDelimiter(firstLine);
  let rows: string[][];
  try {
    rows = parse(text, { delimiter, relax_quotes: false, skip_empty_lines: true, trim: false });
  } catch (error) {
    const e = error as { lines?: number; message: string };
    throw new InputError({ file: relativePath, row: e.lines }, `trasig rad: ${e.message}`);
  }
  const header = (rows[0] ?? []).map((h) => h.trim());
  assertColumns(relativePath, header, options.required);
  const records: TableRecord[] = [];
  for (let i = 1; i < rows.length; i++) {
    const fields = rows[i] ?? [];
    if (fields.length !== header.length) {
      throw new InputError(
        { file: relativePath, row: i + 1 },
        `raden har ${fields.length} fält men rubrikraden har ${header.length}`,
      );
    }
    const values: Record<string, string> = {};
    for (let c = 0; c < header.length; c++) values[header[c] ?? ''] = (fields[c] ?? '').trim();
    records.push({ row: i + 1, values });
  }
  return records;
}

/**
 * Validates one record with a zod schema whose keys are column names; the first issue becomes an input error
 * naming file, row and column.
 */
export function parseRecord<S extends z.ZodType>(schema: S, record: TableRecord, file: string): z.infer<S> {
  const result = schema.safeParse(record.values);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const column = issue?.path[0] === undefined ? undefined : String(issue.path[0]);
  const value = column === undefined ? undefined : record.values[column];
  const shown = value === undefined ? '' : ` (värde "${value}")`;
  throw new InputError({ file, row: record.row, column }, `${issue?.message ?? 'ogiltigt värde'}${shown}`);
}

/** Location helper for row batches. */
export function locationOf(file: string, record: TableRecord): InputLocation {
  return { file, row: record.row };
}
