import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { serviceDefinition } from '../../core/learning-centres/services.js';
import type { CentreView } from './learning-centres.service.js';

/**
 * Exports of the registry. The columns are the import columns (larcentra.csv plus Semafor's extension columns),
 * so an exported file can be edited and imported again (`semafor larcentra import FILE`) with the same result.
 */
export const EXPORT_COLUMNS = [
  'id',
  'name',
  'kommunkod',
  'kommun',
  'lan',
  'status',
  'organiser',
  'organiser_type',
  'served_municipalities',
  'street_address',
  'postal_code',
  'postal_town',
  'lat',
  'lon',
  'coordinate_origin',
  'services',
  'service_codes',
  'exam_invigilation',
  'opening_hours',
  'open_evenings',
  'open_weekends',
  'nitus_member',
  'contact_email',
  'source_url',
  'source_date',
  'notes',
] as const;

type ExportColumn = (typeof EXPORT_COLUMNS)[number];

const yesNo = (v: boolean | null): string => (v === null ? '' : v ? 'ja' : 'nej');

/** One centre as export cells (strings; empty = not stated). */
export function exportRow(c: CentreView): Record<ExportColumn, string> {
  const serviceLabels = c.services.map((code) => serviceDefinition(code).sv);
  return {
    id: c.id,
    name: c.name,
    kommunkod: c.municipality?.code ?? '',
    kommun: c.municipality?.name ?? '',
    lan: c.county?.name ?? '',
    status: c.status,
    organiser: c.organiser ?? '',
    organiser_type: c.organiserType ?? '',
    served_municipalities: c.municipalities
      .filter((m) => m.role === 'served')
      .map((m) => m.code)
      .join('|'),
    street_address: c.address.street ?? '',
    postal_code: c.address.postalCode ?? '',
    postal_town: c.address.postalTown ?? '',
    lat: c.coordinates ? c.coordinates.lat.toFixed(6) : '',
    lon: c.coordinates ? c.coordinates.lon.toFixed(6) : '',
    coordinate_origin: c.coordinates?.origin ?? 'none',
    services: [...serviceLabels, ...c.otherTags].join('|'),
    service_codes: c.services.join('|'),
    exam_invigilation: c.services.includes('exam_invigilation') ? 'ja' : '',
    opening_hours: c.openingHours.text ?? '',
    open_evenings: yesNo(c.openingHours.evenings),
    open_weekends: yesNo(c.openingHours.weekends),
    nitus_member: yesNo(c.nitusMember),
    contact_email: c.contactEmail ?? '',
    source_url: c.source.url ?? '',
    source_date: c.source.date ?? '',
    notes: c.notes ?? '',
  };
}

/** CSV for Excel on Swedish Windows: UTF-8 with BOM, `;` separated, CRLF line ends, every field as text. */
export function centresToCsv(centres: readonly CentreView[]): string {
  const body = stringify(
    centres.map((c) => exportRow(c)),
    { header: true, columns: [...EXPORT_COLUMNS], delimiter: ';', record_delimiter: '\r\n' },
  );
  return `\uFEFF${body}`;
}

export interface XlsxMeta {
  /** What the export contains, e.g. "Gävleborgs län, tjänst: tentamen". */
  title: string;
  generatedAt: Date;
  importedAt: Date | null;
}

const COLUMN_WIDTHS: Partial<Record<ExportColumn, number>> = {
  id: 34,
  name: 44,
  kommun: 16,
  lan: 20,
  organiser: 36,
  street_address: 24,
  services: 50,
  service_codes: 36,
  opening_hours: 36,
  contact_email: 28,
  source_url: 40,
  notes: 80,
};

/** XLSX workbook: the registry sheet with a styled, frozen, filterable header, and an "Om" sheet. */
export async function centresToXlsx(centres: readonly CentreView[], meta: XlsxMeta): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Semafor';
  workbook.created = meta.generatedAt;
  const sheet = workbook.addWorksheet('Lärcentra', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((key) => ({ header: key, key, width: COLUMN_WIDTHS[key] ?? 14 }));
  for (const c of centres) sheet.addRow(exportRow(c));
  // Codes stay text ('0180'): every cell is written as a string, and the code columns get the text format.
  for (const key of ['kommunkod', 'postal_code', 'served_municipalities'] as const)
    sheet.getColumn(key).numFmt = '@';
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
  header.alignment = { vertical: 'middle' };
  header.height = 20;
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } };

  const about = workbook.addWorksheet('Om');
  about.columns = [
    { key: 'k', width: 24 },
    { key: 'v', width: 100 },
  ];
  about.addRows([
    { k: 'Innehåll', v: meta.title },
    { k: 'Antal lärcentra', v: String(centres.length) },
    { k: 'Skapad', v: meta.generatedAt.toISOString() },
    { k: 'Registret importerat', v: meta.importedAt?.toISOString() ?? '' },
    {
      k: 'Källa',
      v: 'Semafor lärcentraregister (larcentra.csv eller regionens egen fil). Tomt fält = uppgift saknas, inte "nej".',
    },
    {
      k: 'Import',
      v: 'Filen kan redigeras och läsas in igen: semafor larcentra import FIL.xlsx (samma kolumner).',
    },
  ]);
  about.getColumn('k').font = { bold: true };
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data);
}
