import type { SignalClass } from '../../core/signals/types.js';
import type { Language } from '../../i18n/languages.js';
import { isOutlook, seqfKey } from './classes.js';
import type { CsvColumn } from './csv.js';
import { fieldNameOf, labelOf } from './table-data.js';
import type { XlsxColumn } from './xlsx.js';

/** The row shape the exports read (a row of GET /api/signals with its field resolved). */
export interface ExportRow {
  ssyk: string;
  label: { sv: string; en: string | null };
  field: { id: string; sv: string; en: string } | null;
  seqf: string | null;
  signalClass: SignalClass;
  watch: boolean;
  score: number | null;
  outlook: string | null;
  confidence: number;
  employees: { value: number; year: number } | null;
  retirements: { within5: number; within10: number; estimated: boolean } | null;
}

/** Texts the exports need, from the `signals` catalogue. */
export interface ExportTexts {
  column: (
    key:
      | 'occupation'
      | 'ssyk'
      | 'field'
      | 'seqf'
      | 'class'
      | 'score'
      | 'outlook'
      | 'confidence'
      | 'employees'
      | 'retirements5Estimated'
      | 'round'
      | 'geo',
  ) => string;
  className: (signalClass: SignalClass) => string;
  watch: string;
  seqf: (key: ReturnType<typeof seqfKey>) => string;
  outlook: (outlook: string | null) => string;
}

/**
 * The columns of an export of the overview, in the table's order. The class column holds the class text (and
 * "bevaka"/"watch" when in the watch band), so the file never depends on colour. Every row names the list's round
 * and area.
 */
export function exportColumns(
  texts: ExportTexts,
  language: Language,
  list: { geoName: string; roundId: string },
): Array<CsvColumn<ExportRow> & XlsxColumn<ExportRow>> {
  return [
    { header: texts.column('occupation'), value: (r) => labelOf(r, language), width: 42 },
    { header: texts.column('ssyk'), value: (r) => r.ssyk, width: 8 },
    { header: texts.column('field'), value: (r) => fieldNameOf(r, language) ?? '', width: 32 },
    { header: texts.column('seqf'), value: (r) => texts.seqf(seqfKey(r.seqf)), width: 28 },
    {
      header: texts.column('class'),
      value: (r) =>
        r.watch ? `${texts.className(r.signalClass)} (${texts.watch})` : texts.className(r.signalClass),
      width: 24,
      signalClass: (r) => r.signalClass,
    },
    { header: texts.column('score'), value: (r) => r.score, width: 12, numFmt: '0.00' },
    {
      header: texts.column('outlook'),
      value: (r) => texts.outlook(isOutlook(r.outlook) ? r.outlook : null),
      width: 16,
    },
    { header: texts.column('confidence'), value: (r) => r.confidence, width: 12 },
    {
      header: texts.column('employees'),
      value: (r) => r.employees?.value ?? null,
      width: 12,
      numFmt: '#,##0',
    },
    {
      header: texts.column('retirements5Estimated'),
      value: (r) => r.retirements?.within5 ?? null,
      width: 16,
      numFmt: '#,##0',
    },
    { header: texts.column('round'), value: () => list.roundId, width: 10 },
    { header: texts.column('geo'), value: () => list.geoName, width: 24 },
  ];
}
