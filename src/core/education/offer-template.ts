/**
 * The template for importing local education offers (komvux/yrkesvux, folkhögskola, contract education, university
 * courses given at a learning centre; issue 13) and the pure reading of its rows. The module decodes the CSV/XLSX
 * file, checks codes against the database and writes; here are only the columns, their Swedish headings and
 * explanations, and the per-row rules. Every problem is collected (not just the first) so a preview can list
 * them all, each naming the row and the column as the file shows them.
 */

/** The forms a local offer can have (the API's `form` without `yh`: YH programmes come from MYH's files). */
export type LocalOfferForm = 'komvux' | 'yrkesvux' | 'folkhogskola' | 'university' | 'other';
export type LocalOfferStatus = 'planned' | 'open' | 'running';

export type TemplateColumnKey =
  | 'provider'
  | 'name'
  | 'form'
  | 'sunCode'
  | 'ssyk'
  | 'title'
  | 'municipality'
  | 'distance'
  | 'learningCentre'
  | 'startDate'
  | 'places'
  | 'status';

export interface TemplateColumn {
  key: TemplateColumnKey;
  /** The heading in the template (Swedish; the file is read by this heading or the English one). */
  heading: string;
  headingEn: string;
  required: boolean;
  help: { sv: string; en: string };
  example: string;
}

/** The template's columns in order. */
export const TEMPLATE_COLUMNS: readonly TemplateColumn[] = [
  {
    key: 'provider',
    heading: 'Anordnare',
    headingEn: 'Provider',
    required: true,
    help: { sv: 'Skolan, kommunen eller företaget som ger utbildningen.', en: 'Who gives the course.' },
    example: 'Vuxenutbildningen Gävle',
  },
  {
    key: 'name',
    heading: 'Utbildning',
    headingEn: 'Course',
    required: true,
    help: { sv: 'Utbildningens eller kursens namn.', en: 'Name of the course or programme.' },
    example: 'Undersköterska, yrkesvux',
  },
  {
    key: 'form',
    heading: 'Form',
    headingEn: 'Form',
    required: true,
    help: {
      sv: 'komvux, yrkesvux, folkhögskola, uppdragsutbildning, högskola (kurs vid lärcentrum) eller annan.',
      en: 'komvux, yrkesvux, folkhögskola, uppdragsutbildning (contract education), högskola (university course at a learning centre) or annan (other).',
    },
    example: 'yrkesvux',
  },
  {
    key: 'sunCode',
    heading: 'SUN-kod',
    headingEn: 'SUN code',
    required: false,
    help: {
      sv: 'Inriktning enligt SUN 2020, tre siffror och en bokstav (t.ex. 723a). Ange SUN-kod, SSYK eller yrke.',
      en: 'Field by SUN 2020, three digits and a letter (e.g. 723a). Give a SUN code, SSYK or an occupation.',
    },
    example: '723a',
  },
  {
    key: 'ssyk',
    heading: 'SSYK',
    headingEn: 'SSYK',
    required: false,
    help: {
      sv: 'Yrken som utbildningen leder till, SSYK 2012 med fyra siffror; flera skiljs med komma.',
      en: 'Occupations the course leads to, SSYK 2012 four digits; separate several with commas.',
    },
    example: '5321',
  },
  {
    key: 'title',
    heading: 'Yrke',
    headingEn: 'Occupation',
    required: false,
    help: {
      sv: 'Yrket i fritext (ett per rad) när SSYK-koden inte är känd; tvetydiga titlar får du välja bland förslag.',
      en: 'The occupation as free text (one per row) when the SSYK code is not known; ambiguous titles are shown for review.',
    },
    example: 'Undersköterska',
  },
  {
    key: 'municipality',
    heading: 'Kommun',
    headingEn: 'Municipality',
    required: false,
    help: {
      sv: 'Kommunkod (fyra siffror) eller kommunens namn där utbildningen ges. Tom om den bara ges på distans.',
      en: 'Municipality code (four digits) or name where it is given. Empty when given only at distance.',
    },
    example: '2180',
  },
  {
    key: 'distance',
    heading: 'Distans',
    headingEn: 'Distance',
    required: false,
    help: { sv: 'ja eller nej (tomt = nej).', en: 'ja (yes) or nej (no); empty = no.' },
    example: 'nej',
  },
  {
    key: 'learningCentre',
    heading: 'Lärcentrum',
    headingEn: 'Learning centre',
    required: false,
    help: {
      sv: 'Lärcentrum där utbildningen ges eller stöds: id eller namn som i lärcentrumregistret.',
      en: 'Learning centre where it is given or supported: id or name as in the register.',
    },
    example: '',
  },
  {
    key: 'startDate',
    heading: 'Start',
    headingEn: 'Start',
    required: false,
    help: { sv: 'Startdatum ÅÅÅÅ-MM-DD.', en: 'Start date YYYY-MM-DD.' },
    example: '2027-01-18',
  },
  {
    key: 'places',
    heading: 'Platser',
    headingEn: 'Places',
    required: false,
    help: { sv: 'Antal platser (heltal).', en: 'Number of places (whole number).' },
    example: '24',
  },
  {
    key: 'status',
    heading: 'Status',
    headingEn: 'Status',
    required: true,
    help: {
      sv: 'planerad, öppen (går att söka) eller pågår.',
      en: 'planerad (planned), öppen (open for applications) or pågår (running).',
    },
    example: 'öppen',
  },
];

/** A comment row (the template's explanation row) starts with this character and is skipped. */
export const COMMENT_MARK = '#';

const FORM_WORDS: Record<string, LocalOfferForm> = {
  komvux: 'komvux',
  yrkesvux: 'yrkesvux',
  folkhögskola: 'folkhogskola',
  folkhogskola: 'folkhogskola',
  uppdragsutbildning: 'other',
  högskola: 'university',
  hogskola: 'university',
  universitet: 'university',
  university: 'university',
  annan: 'other',
  other: 'other',
};

const STATUS_WORDS: Record<string, LocalOfferStatus> = {
  planerad: 'planned',
  planned: 'planned',
  öppen: 'open',
  open: 'open',
  pågår: 'running',
  pågående: 'running',
  running: 'running',
};

const YES = new Set(['ja', 'j', 'x', 'yes', 'true', '1']);
const NO = new Set(['', 'nej', 'n', 'no', 'false', '0']);

/** One row of the file as the reader gives it: the row number the user sees and the values by heading. */
export interface TemplateRecord {
  row: number;
  values: Record<string, string>;
}

/** A row that passed the per-row rules (codes are checked against the database by the module). */
export interface TemplateRow {
  row: number;
  provider: string;
  name: string;
  form: LocalOfferForm;
  /** What the file said for the form, e.g. "uppdragsutbildning" (kept for the preview). */
  formText: string;
  sunCode: string | null;
  ssyk: string[];
  title: string | null;
  /** Municipality code or name, as written. */
  municipality: string | null;
  distance: boolean;
  learningCentre: string | null;
  startDate: string | null;
  places: number | null;
  status: LocalOfferStatus;
}

/** A row with problems: its well-formed codes, so the module can still check them against the database. */
export type RejectedRow = Pick<TemplateRow, 'row' | 'sunCode' | 'ssyk' | 'municipality' | 'learningCentre'>;

/** A problem with the file: row and column (the heading as in the file) when it is about one cell. */
export interface TemplateProblem {
  row?: number;
  column?: string;
  message: string;
}

const normaliseHeading = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/\s*\*$/, '')
    .replace(/\s+/g, ' ');

/**
 * Which column of the file holds which field: by the Swedish or English heading, case-insensitively. Unknown
 * columns are reported (a misspelt heading must not silently drop a field); missing required columns too.
 */
export function mapTemplateHeader(header: readonly string[]): {
  columns: Map<TemplateColumnKey, string>;
  problems: TemplateProblem[];
} {
  const columns = new Map<TemplateColumnKey, string>();
  const problems: TemplateProblem[] = [];
  for (const raw of header) {
    const h = normaliseHeading(raw);
    if (h === '') continue;
    const column = TEMPLATE_COLUMNS.find(
      (c) => normaliseHeading(c.heading) === h || normaliseHeading(c.headingEn) === h,
    );
    if (!column) {
      problems.push({
        row: 1,
        column: raw,
        message: `okänd kolumn (mallens kolumner: ${TEMPLATE_COLUMNS.map((c) => c.heading).join(', ')})`,
      });
    } else if (columns.has(column.key)) {
      problems.push({ row: 1, column: raw, message: 'kolumnen finns två gånger' });
    } else columns.set(column.key, raw);
  }
  for (const c of TEMPLATE_COLUMNS) {
    if (c.required && !columns.has(c.key))
      problems.push({ row: 1, column: c.heading, message: 'kolumnen saknas' });
  }
  return { columns, problems };
}

function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The natural key of an offer within a region: the same provider, course, form, place and start. */
export function offerKey(o: {
  provider: string;
  name: string;
  form: string;
  municipalityCode: string | null;
  startDate: string | null;
}): string {
  return [o.provider, o.name, o.form, o.municipalityCode ?? '', o.startDate ?? '']
    .map((s) => s.trim().toLowerCase().replace(/\s+/g, ' '))
    .join('|');
}

/**
 * Reads the template's data rows: skips comment rows (first cell starting with `#`) and blank rows, applies the
 * per-row rules and returns the rows that passed with every problem found. The caller writes nothing unless
 * `problems` is empty (and the module's own checks pass).
 */
export function readTemplateRows(
  header: readonly string[],
  records: readonly TemplateRecord[],
): { rows: TemplateRow[]; rejected: RejectedRow[]; problems: TemplateProblem[] } {
  const { columns, problems } = mapTemplateHeader(header);
  const rows: TemplateRow[] = [];
  const rejected: RejectedRow[] = [];
  if (problems.length > 0) return { rows, rejected, problems };
  const first = header.find((h) => h.trim() !== '') ?? '';
  const heading = (key: TemplateColumnKey) =>
    columns.get(key) ?? TEMPLATE_COLUMNS.find((c) => c.key === key)?.heading ?? key;
  for (const record of records) {
    const cells = Object.values(record.values);
    if ((record.values[first] ?? '').trim().startsWith(COMMENT_MARK)) continue;
    if (cells.every((v) => v.trim() === '')) continue;
    const value = (key: TemplateColumnKey) => {
      const column = columns.get(key);
      return column === undefined ? '' : (record.values[column] ?? '').trim();
    };
    const before = problems.length;
    const problem = (key: TemplateColumnKey, message: string) =>
      problems.push({ row: record.row, column: heading(key), message });

    const provider = value('provider');
    const name = value('name');
    if (provider === '') problem('provider', 'anordnare saknas');
    else if (provider.length > 300) problem('provider', 'högst 300 tecken');
    if (name === '') problem('name', 'utbildningens namn saknas');
    else if (name.length > 300) problem('name', 'högst 300 tecken');

    const formText = value('form');
    const form = FORM_WORDS[formText.toLowerCase()];
    if (formText.toLowerCase() === 'yh')
      problem('form', 'YH-utbildningar läses från MYH:s filer och läggs inte in här');
    else if (!form)
      problem(
        'form',
        `okänd form "${formText}" (tillåtna: ${Object.keys(FORM_WORDS).slice(0, 7).join(', ')})`,
      );

    const sunText = value('sunCode').toLowerCase();
    if (sunText !== '' && !/^\d{3}[a-zåäö]$/.test(sunText))
      problem('sunCode', `"${sunText}" är ingen SUN-kod (tre siffror och en bokstav, t.ex. 723a)`);
    const ssyk = value('ssyk')
      .split(/[\s,;]+/)
      .filter(Boolean);
    for (const code of ssyk)
      if (!/^\d{4}$/.test(code)) problem('ssyk', `"${code}" är ingen SSYK-kod (fyra siffror)`);
    const title = value('title');
    if (title.length > 200) problem('title', 'högst 200 tecken');
    if (sunText === '' && ssyk.length === 0 && title === '')
      problem('ssyk', 'ange SUN-kod, SSYK eller yrke så att utbildningen kan kopplas till yrken');

    const municipality = value('municipality');
    const distanceText = value('distance').toLowerCase();
    let distance = false;
    if (YES.has(distanceText)) distance = true;
    else if (!NO.has(distanceText)) problem('distance', `skriv ja eller nej, inte "${value('distance')}"`);
    if (municipality === '' && !distance && NO.has(distanceText))
      problem('municipality', 'ange kommun eller skriv ja under Distans');

    const startDate = value('startDate');
    if (startDate !== '' && !isIsoDate(startDate))
      problem('startDate', `"${startDate}" är inget datum (ÅÅÅÅ-MM-DD)`);
    const placesText = value('places').replace(/\s/g, '');
    const places = placesText === '' ? null : Number(placesText);
    if (places !== null && (!Number.isInteger(places) || places < 0 || places > 100000))
      problem('places', `"${value('places')}" är inget antal platser (heltal 0–100000)`);

    const statusText = value('status');
    const status = STATUS_WORDS[statusText.toLowerCase()];
    if (!status) problem('status', `okänd status "${statusText}" (planerad, öppen, pågår)`);

    if (problems.length > before || !form || !status) {
      rejected.push({
        row: record.row,
        sunCode: /^\d{3}[a-zåäö]$/.test(sunText) ? sunText : null,
        ssyk: ssyk.filter((c) => /^\d{4}$/.test(c)),
        municipality: municipality || null,
        learningCentre: value('learningCentre') || null,
      });
      continue;
    }
    rows.push({
      row: record.row,
      provider,
      name,
      form,
      formText,
      sunCode: sunText || null,
      ssyk: [...new Set(ssyk)],
      title: title || null,
      municipality: municipality || null,
      distance,
      learningCentre: value('learningCentre') || null,
      startDate: startDate || null,
      places,
      status,
    });
  }
  return { rows, rejected, problems };
}

/** The template as rows of cells: the heading row and one explanation row (a comment row, skipped on import). */
export function templateCsvRows(lang: 'sv' | 'en' = 'sv'): string[][] {
  const explanation = TEMPLATE_COLUMNS.map(
    (c, i) =>
      `${i === 0 ? `${COMMENT_MARK} ` : ''}${c.required ? (lang === 'sv' ? 'Obligatorisk. ' : 'Required. ') : ''}${c.help[lang]}`,
  );
  return [TEMPLATE_COLUMNS.map((c) => c.heading), explanation];
}
