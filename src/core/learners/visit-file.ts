import { AGE_BANDS, type AgeBand, type Gender } from './follow-up.js';

/**
 * Study-place visit counts from a file (issue 14): a centre's own counting sheet as CSV or XLSX, one row per month
 * (optionally split by gender and age band). Pure: the module decodes the file into heading + records; here are the
 * columns, the accepted spellings and the per-row rules. Every problem is collected so the user sees them all at
 * once, each naming the row (as the file numbers it, heading = row 1) and the column as the file spells it.
 */

export type VisitColumnKey = 'month' | 'visits' | 'gender' | 'ageBand';

/** The columns: the Swedish heading first (as the error messages name a missing one), then accepted others. */
export const VISIT_COLUMNS: ReadonlyArray<{
  key: VisitColumnKey;
  headings: readonly string[];
  required: boolean;
}> = [
  { key: 'month', headings: ['månad', 'month'], required: true },
  { key: 'visits', headings: ['besök', 'antal besök', 'visits'], required: true },
  { key: 'gender', headings: ['kön', 'gender'], required: false },
  { key: 'ageBand', headings: ['åldersgrupp', 'ålder', 'age band', 'ageband'], required: false },
];

export interface VisitFileRow {
  row: number;
  month: string;
  visits: number;
  gender: Gender | 'all';
  ageBand: AgeBand | 'all';
}

export interface VisitFileProblem {
  row?: number;
  column?: string;
  message: string;
}

/** The most rows a file may have (the API's limit for entered counts). */
export const MAX_VISIT_ROWS = 2000;
export const MAX_VISITS = 1_000_000;

const fold = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** Gender as written in Swedish or English, or the code; blank or "alla"/"totalt" is every gender. */
const GENDER_WORDS: Record<string, Gender | 'all'> = {
  '': 'all',
  all: 'all',
  alla: 'all',
  totalt: 'all',
  total: 'all',
  kvinna: 'woman',
  kvinnor: 'woman',
  woman: 'woman',
  women: 'woman',
  man: 'man',
  män: 'man',
  men: 'man',
  annat: 'other',
  other: 'other',
  'vill inte uppge': 'unspecified',
  'ej angivet': 'unspecified',
  unspecified: 'unspecified',
};

/** An age band as the code (`25-34`), as shown in the app (`25–34 år`, `55 år och äldre`), or blank for all. */
function ageBandOf(raw: string): AgeBand | 'all' | null {
  const s = fold(raw)
    .replace(/[–—]/g, '-')
    .replace(/\s*år\b/g, '')
    .replace(/\s+/g, '');
  if (s === '' || s === 'alla' || s === 'all' || s === 'totalt') return 'all';
  if (s === 'ochäldre' || /^55(-|\+|ochäldre|andolder)$/.test(s)) return '55-';
  if (/^(-|upp?till|under)24$/.test(s) || s === '0-24' || s === '16-24' || s === '18-24') return '-24';
  return (AGE_BANDS as readonly string[]).includes(s) ? (s as AgeBand) : null;
}

/** `2026-03`, `2026-3`, or a date in the month (`2026-03-01`, as Excel dates are read). */
function monthOf(raw: string): string | null {
  const m = /^(\d{4})-(\d{1,2})(?:-\d{1,2})?$/.exec(raw.trim());
  if (!m) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? `${m[1]}-${String(month).padStart(2, '0')}` : null;
}

/** A whole number, with spaces (also non-breaking) as thousands separators allowed, as Swedish sheets write it. */
function countOf(raw: string): number | null {
  const s = raw.replace(/[\s\u00a0\u202f]/g, '');
  return /^\d+$/.test(s) ? Number(s) : null;
}

/**
 * Reads the records of a visit file. `thisMonth` (YYYY-MM, the Swedish month today) bounds the months: a month that
 * has not begun cannot have visits. The same month × gender × age band twice is a problem (which count is right?).
 */
export function readVisitRecords(
  header: readonly string[],
  records: ReadonlyArray<{ row: number; values: Record<string, string> }>,
  thisMonth: string,
): { rows: VisitFileRow[]; problems: VisitFileProblem[] } {
  const problems: VisitFileProblem[] = [];
  const headingOf = {} as Record<VisitColumnKey, string | undefined>;
  for (const column of VISIT_COLUMNS) {
    headingOf[column.key] = header.find((h) => column.headings.includes(fold(h)));
    if (column.required && headingOf[column.key] === undefined) {
      problems.push({
        row: 1,
        column: column.headings[0],
        message: `kolumnen saknas (kolumner i filen: ${header.filter((h) => h !== '').join(', ') || 'inga'})`,
      });
    }
  }
  if (problems.length > 0) return { rows: [], problems };
  const data = records.filter((r) => Object.values(r.values).some((v) => v.trim() !== ''));
  if (data.length === 0) return { rows: [], problems: [{ message: 'filen har inga rader med besök' }] };
  if (data.length > MAX_VISIT_ROWS) {
    return {
      rows: [],
      problems: [{ message: `högst ${MAX_VISIT_ROWS} rader per fil (filen har ${data.length})` }],
    };
  }
  const rows: VisitFileRow[] = [];
  const seen = new Map<string, number>();
  for (const { row, values } of data) {
    const cell = (key: VisitColumnKey) => {
      const heading = headingOf[key];
      return heading === undefined ? '' : (values[heading] ?? '');
    };
    const problem = (key: VisitColumnKey, message: string) =>
      problems.push({ row, column: headingOf[key] as string, message });
    const before = problems.length;

    const month = monthOf(cell('month'));
    if (month === null) problem('month', `"${cell('month')}" är ingen månad: skriv ÅÅÅÅ-MM, t.ex. 2026-03`);
    else if (month > thisMonth) problem('month', `månaden ${month} har inte börjat`);
    const visits = countOf(cell('visits'));
    if (visits === null) problem('visits', `"${cell('visits')}" är inget antal: ett heltal, 0 eller mer`);
    else if (visits > MAX_VISITS) problem('visits', `högst ${MAX_VISITS} besök per rad`);
    const gender = GENDER_WORDS[fold(cell('gender'))];
    if (gender === undefined) {
      problem(
        'gender',
        `okänt kön "${cell('gender')}": kvinna, man, annat, vill inte uppge eller tomt för alla`,
      );
    }
    const ageBand = ageBandOf(cell('ageBand'));
    if (ageBand === null) {
      problem(
        'ageBand',
        `okänd åldersgrupp "${cell('ageBand')}": –24, 25–34, 35–44, 45–54, 55 år och äldre eller tomt för alla`,
      );
    }
    if (problems.length > before) continue;
    const parsed = {
      row,
      month: month as string,
      visits: visits as number,
      gender: gender as Gender | 'all',
      ageBand: ageBand as AgeBand | 'all',
    };
    const key = `${parsed.month}|${parsed.gender}|${parsed.ageBand}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problem(
        'month',
        `samma månad${parsed.gender === 'all' && parsed.ageBand === 'all' ? '' : ', kön och åldersgrupp'} som rad ${first}`,
      );
      continue;
    }
    seen.set(key, row);
    rows.push(parsed);
  }
  return { rows: problems.length > 0 ? [] : rows, problems };
}
