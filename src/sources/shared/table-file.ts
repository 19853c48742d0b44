import { InputError } from '../../errors.js';
import { parseCsvText, type TableRecord } from './csv.js';
import { decodeText } from './text.js';
import { cellText, loadWorkbookBytes, sheetRows } from './xlsx.js';

/**
 * An uploaded table file as its heading and data rows: XLSX (by its zip signature or name; the sheet named `sheet`
 * or else the first) or CSV in any of the usual encodings and delimiters. Rows are numbered as the file shows them
 * (heading = row 1) so errors can name them; cells are trimmed text. Used by the imports users upload (education
 * offers, study-place visits).
 */
export async function readTableFile(
  file: string,
  bytes: Uint8Array,
  options: { sheet?: string } = {},
): Promise<{ header: string[]; records: TableRecord[] }> {
  if (bytes.length === 0) throw new InputError({ file }, 'filen är tom');
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (zip || /\.xlsx$/i.test(file)) {
    const workbook = await loadWorkbookBytes(bytes, file);
    const sheet = (options.sheet && workbook.getWorksheet(options.sheet)) || workbook.worksheets[0];
    if (!sheet) throw new InputError({ file }, 'arbetsboken har inga blad');
    const [head, ...body] = sheetRows(sheet);
    if (!head) throw new InputError({ file }, `bladet "${sheet.name}" är tomt`);
    const header = head.cells.map((c) => cellText(c).trim());
    const records = body.map(({ row, cells }) => {
      const values: Record<string, string> = {};
      header.forEach((h, i) => {
        if (h !== '') values[h] = cellText(cells[i]).trim();
      });
      return { row, values };
    });
    return { header, records };
  }
  const { text } = decodeText(bytes, file);
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const records = parseCsvText(text.replace(/^\uFEFF/, ''), file, { required: [] });
  const delimiter = [';', ',', '\t'].sort((a, b) => firstLine.split(b).length - firstLine.split(a).length)[0];
  const header = records[0]
    ? Object.keys(records[0].values)
    : firstLine.split(delimiter ?? ';').map((h) => h.replace(/^"|"$/g, '').trim());
  return { header, records };
}
