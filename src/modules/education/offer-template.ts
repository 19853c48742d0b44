import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { TEMPLATE_COLUMNS, templateCsvRows } from '../../core/education/offer-template.js';

/**
 * The downloadable template for local offers: CSV for Excel (BOM, `;`, CRLF) with the headings and one explanation
 * row (a `#` comment row that the import skips), and XLSX with an "Utbildningar" sheet to fill in (code columns
 * stored as text, so 0180 stays 0180) and a "Förklaring" sheet describing every column.
 */

export const TEMPLATE_SHEET = 'Utbildningar';
const HELP_SHEET = 'Förklaring';

/** The CSV template. */
export function offerTemplateCsv(lang: 'sv' | 'en' = 'sv'): string {
  return `\uFEFF${stringify(templateCsvRows(lang), { delimiter: ';', record_delimiter: '\r\n' })}`;
}

/** The XLSX template. */
export async function offerTemplateXlsx(lang: 'sv' | 'en' = 'sv'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Semafor';
  const sheet = workbook.addWorksheet(TEMPLATE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = TEMPLATE_COLUMNS.map((c) => ({
    header: c.heading,
    key: c.key,
    width: Math.max(12, c.heading.length + 4),
  }));
  for (const key of ['sunCode', 'ssyk', 'municipality', 'startDate', 'learningCentre'])
    sheet.getColumn(key).numFmt = '@';
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
  TEMPLATE_COLUMNS.forEach((c, i) => {
    header.getCell(i + 1).note = c.help[lang];
  });
  const help = workbook.addWorksheet(HELP_SHEET);
  const words =
    lang === 'sv'
      ? { column: 'Kolumn', required: 'Obligatorisk', help: 'Förklaring', example: 'Exempel', yes: 'ja' }
      : { column: 'Column', required: 'Required', help: 'Explanation', example: 'Example', yes: 'yes' };
  help.columns = [
    { header: words.column, key: 'heading', width: 16 },
    { header: words.required, key: 'required', width: 14 },
    { header: words.help, key: 'help', width: 100 },
    { header: words.example, key: 'example', width: 26 },
  ];
  for (const c of TEMPLATE_COLUMNS)
    help.addRow({
      heading: c.heading,
      required: c.required ? words.yes : '',
      help: c.help[lang],
      example: c.example,
    });
  help.getRow(1).font = { bold: true };
  help.getColumn('help').alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
