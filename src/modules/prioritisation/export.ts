import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { PublishedList } from './workflow.service.js';

/** Downloads of a published list: CSV for Excel (BOM, `;`, CRLF, like the learning-centre export) and XLSX. */

const BAND: Record<string, string> = { '4': 'SeQF 4', '5-6': 'SeQF 5–6', '6-8': 'SeQF 6–8' };
const COLUMNS = ['year', 'version', 'seqf_band', 'field', 'occupation', 'ssyk', 'strategic'] as const;

const rowsOf = (list: PublishedList) =>
  list.rows.map((r) => ({
    year: String(list.year),
    version: String(list.version),
    seqf_band: r.seqfBand,
    field: r.field ?? '',
    occupation: r.name,
    ssyk: r.ssyk,
    strategic: r.strategic ? 'ja' : '',
  }));

/** CSV with the import header's columns first (so a downloaded list can be imported again) plus version and strategic. */
export function listToCsv(list: PublishedList): string {
  return `\uFEFF${stringify(rowsOf(list), { header: true, columns: [...COLUMNS], delimiter: ';', record_delimiter: '\r\n' })}`;
}

/** XLSX: the list (band → field → occupation) with a styled frozen header, and an "Om" sheet with title, version, basis. */
export async function listToXlsx(list: PublishedList, generatedAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Semafor';
  workbook.created = generatedAt;
  const sheet = workbook.addWorksheet('Lista', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'Nivå', key: 'band', width: 12 },
    { header: 'Yrkesområde', key: 'field', width: 36 },
    { header: 'Yrke', key: 'occupation', width: 56 },
    { header: 'SSYK', key: 'ssyk', width: 8 },
    { header: 'Strategiskt', key: 'strategic', width: 12 },
  ];
  for (const r of list.rows)
    sheet.addRow({
      band: BAND[r.seqfBand],
      field: r.field ?? '',
      occupation: r.name,
      ssyk: r.ssyk,
      strategic: r.strategic ? 'ja' : '',
    });
  sheet.getColumn('ssyk').numFmt = '@';
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 5 } };
  const about = workbook.addWorksheet('Om');
  about.columns = [
    { key: 'k', width: 24 },
    { key: 'v', width: 100 },
  ];
  const basis = list.basis as {
    roundLabel?: string;
    referenceDate?: string;
    method?: { version?: string };
  } | null;
  about.addRows([
    { k: 'Titel', v: list.title },
    { k: 'Version', v: `${list.version}${list.changeNote ? ` (${list.changeNote})` : ''}` },
    { k: 'Publicerad', v: list.publishedAt.slice(0, 10) },
    {
      k: 'Ursprung',
      v: list.origin === 'import' ? 'Importerad lista från före Semafor' : 'Beslut i Semafor',
    },
    {
      k: 'Underlag',
      v: basis?.roundLabel ? `${basis.roundLabel}, data per ${basis.referenceDate ?? ''}` : '',
    },
    {
      k: 'Metod',
      v: basis?.method?.version ? `Prioriteringsmetod ${basis.method.version} (docs/prioritisation.md)` : '',
    },
    {
      k: 'Källor',
      v: 'Arbetsförmedlingen (bedömningar), SCB Yrkesregistret (anställda, åldrar), kommunernas samråd',
    },
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
