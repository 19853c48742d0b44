import { InputError } from '../../errors.js';
import { isPriorityBand, type PriorityBand } from './method.js';

/**
 * Lists published before Semafor, as CSV with the header `year,seqf_band,field,occupation,ssyk` (`;` as separator
 * and a BOM accepted; `ssyk` may be empty). Pure parsing; the titles without SSYK are matched by the service.
 */

export interface PastListRow {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  year: number;
  seqfBand: PriorityBand;
  field: string | null;
  occupation: string;
  ssyk: string | null;
}

const HEADER = ['year', 'seqf_band', 'field', 'occupation', 'ssyk'] as const;

/** Splits one CSV line (double quotes, doubled quotes inside). */
function splitLine(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((v) => v.trim());
}

/** Normalises a band as written by people ("5–6", "SeQF 4", "6-8") to the list's codes. */
function band(value: string): PriorityBand | null {
  const v = value.replace(/seqf/i, '').replace(/[–—]/g, '-').replace(/\s+/g, '');
  return isPriorityBand(v) ? v : null;
}

/** Parses the file's text; errors name the file, line and column. */
export function parsePastList(text: string, file: string): PastListRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerLine = lines[0] ?? '';
  const sep = headerLine.includes(';') ? ';' : ',';
  return parsePastListTable(
    lines.map((raw, index) => ({ line: index + 1, cells: raw.trim() === '' ? [] : splitLine(raw, sep) })),
    file,
    sep,
  );
}

/**
 * Parses the rows of a table (CSV lines split into cells, or a spreadsheet's rows as text): the first row is the
 * header, empty rows are skipped. `line` is the row number the person sees (CSV line, sheet row).
 */
export function parsePastListTable(
  table: ReadonlyArray<{ line: number; cells: readonly string[] }>,
  file: string,
  sep = ',',
): PastListRow[] {
  const [first, ...body] = table;
  const header = (first?.cells ?? []).map((h) => h.trim().toLowerCase());
  for (const [i, name] of HEADER.entries()) {
    if (header[i] !== name)
      throw new InputError(
        { file, row: first?.line ?? 1, column: name },
        `rubriken ska vara ${HEADER.join(sep)}`,
      );
  }
  const rows: PastListRow[] = [];
  for (const { line, cells } of body) {
    if (cells.every((c) => c.trim() === '')) continue;
    const [year, seqf, field, occupation, ssyk] = cells.map((c) => c.trim());
    const y = Number(year);
    if (!/^\d{4}$/.test(year ?? '') || !Number.isInteger(y))
      throw new InputError({ file, row: line, column: 'year' }, `"${year ?? ''}" är inget år`);
    const b = band(seqf ?? '');
    if (!b)
      throw new InputError(
        { file, row: line, column: 'seqf_band' },
        `"${seqf ?? ''}" ska vara 4, 5-6 eller 6-8`,
      );
    if (!occupation) throw new InputError({ file, row: line, column: 'occupation' }, 'yrket saknas');
    if (ssyk && !/^\d{4}$/.test(ssyk))
      throw new InputError(
        { file, row: line, column: 'ssyk' },
        `"${ssyk}" är ingen SSYK-kod med fyra siffror`,
      );
    rows.push({ line, year: y, seqfBand: b, field: field || null, occupation, ssyk: ssyk || null });
  }
  return rows;
}
