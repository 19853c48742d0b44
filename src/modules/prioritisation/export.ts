import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { printHtmlToPdf } from '../documents/print-pdf.js';
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

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const BAND_ORDER = ['4', '5-6', '6-8'] as const;
const collator = new Intl.Collator('sv');

/**
 * The published list as a print document (the same grouping as the public page and its print view: band → field
 * → occupation, with title, version, date, basis, method and sources). Swedish: the list is the region's decision.
 */
export function listToHtml(list: PublishedList): string {
  const basis = list.basis as {
    roundLabel?: string;
    referenceDate?: string;
    method?: { version?: string };
  } | null;
  const date = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeZone: 'Europe/Stockholm' }).format(
    new Date(list.publishedAt),
  );
  const bands = BAND_ORDER.map((band) => {
    const rows = list.rows.filter((r) => r.seqfBand === band);
    if (rows.length === 0) return '';
    const fields = [...new Set(rows.map((r) => r.field ?? 'Övrigt'))].sort((a, b) => collator.compare(a, b));
    const sections = fields
      .map((field) => {
        const items = rows
          .filter((r) => (r.field ?? 'Övrigt') === field)
          .sort((a, b) => collator.compare(a.name, b.name))
          .map(
            (r) =>
              `<li>${escapeHtml(r.name)} <span class="code">(SSYK ${escapeHtml(r.ssyk)})</span>${r.strategic ? ' <strong>– strategiskt</strong>' : ''}</li>`,
          )
          .join('');
        return `<h3>${escapeHtml(field)}</h3><ul>${items}</ul>`;
      })
      .join('');
    return `<section><h2>${escapeHtml(BAND[band] ?? band)}</h2>${sections}</section>`;
  }).join('');
  const about = [
    `Version ${list.version}${list.changeNote ? ` (${escapeHtml(list.changeNote)})` : ''}, publicerad ${escapeHtml(date)}.`,
    list.origin === 'import'
      ? 'Importerad lista från före Semafor.'
      : `Underlag: ${escapeHtml(basis?.roundLabel ?? '')}${basis?.referenceDate ? `, data per ${escapeHtml(basis.referenceDate)}` : ''}. Metod: prioriteringsmetod ${escapeHtml(basis?.method?.version ?? '')}.`,
    'Källor: Arbetsförmedlingen (bedömningar), SCB Yrkesregistret (anställda, åldrar), kommunernas samråd.',
  ];
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${escapeHtml(list.title)}</title>
<style>
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10.5pt; color: #111; margin: 18mm 16mm; }
h1 { font-size: 17pt; margin: 0 0 4mm; } h2 { font-size: 13pt; margin: 7mm 0 2mm; border-bottom: 1px solid #555; }
h3 { font-size: 11pt; margin: 4mm 0 1mm; } ul { margin: 0 0 2mm 5mm; padding: 0; } li { margin: 0.6mm 0; }
.code { color: #444; } .about { color: #333; font-size: 9.5pt; } section { break-inside: auto; } h2, h3 { break-after: avoid; }
</style></head><body>
<h1>${escapeHtml(list.title)}</h1>
<p class="about">${about.join('<br>')}</p>
${bands}
<p class="about">Permanent adress: /prioriteringar/${escapeHtml(list.region)}/${list.year}?version=${list.version}</p>
</body></html>`;
}

/** The published list as PDF, printed by Chromium from `listToHtml`. */
export function listToPdf(list: PublishedList): Promise<Buffer> {
  return printHtmlToPdf(listToHtml(list));
}
