import { z } from 'zod';
import {
  CHANNELS,
  type Channel,
  DIFFICULTIES,
  type Difficulty,
  HORIZONS,
  type Horizon,
  URGENCIES,
  type Urgency,
} from './need.js';
import { checkOrganisationNumber, normaliseSni } from './organisation-number.js';

/**
 * The pure part of importing the brokers' own sheets (issue 11): which column holds what (a mapping proposed from
 * the header names brokers use, in Swedish and English), and each row read into an employer and a need with every
 * problem named by row and column. Titles are matched to SSYK elsewhere (the taxonomy lives in the database).
 */

import { IMPORT_FIELDS, type ImportField, REQUIRED_FIELDS } from './needs-import-fields.js';

export { IMPORT_FIELDS, type ImportField, REQUIRED_FIELDS };

/** Header names brokers use for each field (normalised with {@link normaliseHeader}). */
const HEADER_NAMES: Record<ImportField, readonly string[]> = {
  organisationNumber: [
    'organisationsnummer',
    'orgnr',
    'org nr',
    'orgnummer',
    'org nummer',
    'organisationsnr',
    'organisation number',
    'organization number',
    'org no',
    'org number',
    'corporate identity number',
    'company registration number',
    'registration number',
  ],
  employerName: [
    'arbetsgivare',
    'företag',
    'företagsnamn',
    'arbetsgivarens namn',
    'namn',
    'employer',
    'employer name',
    'company',
    'company name',
    'name',
    'organisation',
    'organization',
  ],
  municipality: [
    'kommun',
    'kommunkod',
    'kommunnamn',
    'municipality',
    'municipality code',
    'municipality name',
  ],
  title: [
    'yrke',
    'yrkestitel',
    'yrkesbenämning',
    'befattning',
    'titel',
    'tjänst',
    'roll',
    'kompetens',
    'kompetensbehov',
    'occupation',
    'job title',
    'title',
    'position',
    'role',
  ],
  ssyk: ['ssyk', 'ssykkod', 'ssyk kod', 'ssyk4', 'ssyk 4', 'ssyk code'],
  count: [
    'antal',
    'antal personer',
    'antal tjänster',
    'antal rekryteringar',
    'personer',
    'number',
    'count',
    'people',
    'headcount',
    'number of people',
    'positions',
  ],
  date: ['datum', 'registrerat', 'registrerad', 'besöksdatum', 'date', 'recorded', 'date recorded'],
  horizon: [
    'tidshorisont',
    'horisont',
    'när',
    'tidsperspektiv',
    'horizon',
    'when',
    'timeframe',
    'time frame',
  ],
  difficulty: [
    'svårighet',
    'rekryteringssvårighet',
    'rekryteringsproblem',
    'orsak',
    'difficulty',
    'recruitment difficulty',
    'reason',
  ],
  channel: ['kanal', 'källa', 'kontaktväg', 'channel', 'source'],
  urgency: ['brådska', 'angelägenhet', 'prioritet', 'urgency', 'priority'],
  seqfLevel: ['seqf', 'seqf nivå', 'nivå', 'seqf level', 'level'],
  note: [
    'anteckning',
    'anteckningar',
    'kommentar',
    'kommentarer',
    'notering',
    'övrigt',
    'fritext',
    'note',
    'notes',
    'comment',
    'comments',
  ],
  sni: ['sni', 'snikod', 'sni kod', 'sni code'],
  address: ['adress', 'besöksadress', 'arbetsplatsadress', 'address', 'workplace address'],
};

/** Lower case, punctuation to spaces, whitespace collapsed: "Org.nr:" → "org nr". */
export function normaliseHeader(header: string): string {
  return header
    .toLocaleLowerCase('sv')
    .replace(/[._:;,/()\-–—*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Columns about people (contacts) are never imported: they must not be taken for the employer's name. */
const PERSON_COLUMN = /kontakt|contact|e post|email|mail|telefon|phone|mobil|personnummer/;

/** Values used when a row (or the whole file) has no column for an optional field; printed with the mapping. */
export interface ImportDefaults {
  count: number;
  horizon: Horizon;
  difficulty: Difficulty;
  channel: Channel;
  urgency: Urgency;
}
export const IMPORT_DEFAULTS: ImportDefaults = {
  count: 1,
  horizon: '1y',
  difficulty: 'other',
  channel: 'other',
  urgency: 'normal',
};

/** A mapping file (JSON): which header holds each field, defaults, and chosen SSYK codes for titles. */
export const importMappingSchema = z.object({
  /** XLSX: the worksheet's name (default the first). */
  sheet: z.string().min(1).optional(),
  columns: z.partialRecord(z.enum(IMPORT_FIELDS), z.string().min(1)),
  defaults: z
    .object({
      count: z.number().int().min(1).optional(),
      horizon: z.enum(HORIZONS).optional(),
      difficulty: z.enum(DIFFICULTIES).optional(),
      channel: z.enum(CHANNELS).optional(),
      urgency: z.enum(URGENCIES).optional(),
    })
    .optional(),
  /** Title as written in the file → SSYK-4 code(s) chosen by a person (comma-separated for several). */
  titles: z.record(z.string(), z.string().regex(/^\d{4}(\s*,\s*\d{4})*$/)).optional(),
});
export type ImportMapping = z.infer<typeof importMappingSchema>;

/**
 * Proposes a mapping from the headers: first exact header names, then a header containing a known name as whole
 * words ("Antal personer som behövs" → count). Each header is used once; contact-person columns never.
 */
export function proposeMapping(headers: readonly string[]): ImportMapping {
  const columns: Partial<Record<ImportField, string>> = {};
  const used = new Set<number>();
  const normalised = headers.map(normaliseHeader);
  for (const field of IMPORT_FIELDS) {
    const names = HEADER_NAMES[field];
    const at = normalised.findIndex((h, i) => !used.has(i) && names.includes(h));
    if (at >= 0) {
      columns[field] = headers[at] as string;
      used.add(at);
    }
  }
  for (const field of IMPORT_FIELDS) {
    if (columns[field]) continue;
    const names = HEADER_NAMES[field];
    const at = normalised.findIndex(
      (h, i) =>
        !used.has(i) &&
        h !== '' &&
        !PERSON_COLUMN.test(h) &&
        names.some((n) => ` ${h} `.includes(` ${n} `) && n.length >= 3),
    );
    if (at >= 0) {
      columns[field] = headers[at] as string;
      used.add(at);
    }
  }
  return { columns, defaults: { ...IMPORT_DEFAULTS } };
}

/** Required fields the mapping has no column for. */
export function missingFields(mapping: ImportMapping): ImportField[] {
  return REQUIRED_FIELDS.filter((f) => !mapping.columns[f]);
}

/** One problem in the file: file, spreadsheet row (1-based) and column header. */
export interface ImportIssue {
  file: string;
  row: number;
  column: string;
  message: string;
}

/** Mapped columns that are not in the file's header (named on the header row). */
export function mappingProblems(
  mapping: ImportMapping,
  headers: readonly string[],
  file: string,
  headerRow: number,
): ImportIssue[] {
  const issues: ImportIssue[] = [];
  for (const [field, header] of Object.entries(mapping.columns)) {
    if (header && !headers.includes(header)) {
      issues.push({
        file,
        row: headerRow,
        column: header,
        message: `kolumnen för ${field} finns inte i filen (kolumner: ${headers.join(', ')})`,
      });
    }
  }
  return issues;
}

const text = (value: string): string =>
  value.toLocaleLowerCase('sv').replace(/[–—]/g, '-').replace(/\s+/g, ' ').trim();

const HORIZON_WORDS: Record<string, Horizon> = {
  now: 'now',
  nu: 'now',
  omgående: 'now',
  direkt: 'now',
  akut: 'now',
  '1y': '1y',
  'inom 1 år': '1y',
  'inom ett år': '1y',
  'inom året': '1y',
  '1 år': '1y',
  '<1 år': '1y',
  '< 1 år': '1y',
  'within a year': '1y',
  'within 1 year': '1y',
  '1-3y': '1-3y',
  '1-3 år': '1-3y',
  '1 - 3 år': '1-3y',
  '1-3 years': '1-3y',
  '3y+': '3y+',
  '3+ år': '3y+',
  '3 år+': '3y+',
  'mer än 3 år': '3y+',
  'över 3 år': '3y+',
  '>3 år': '3y+',
  '> 3 år': '3y+',
  'more than 3 years': '3y+',
  '3+ years': '3y+',
};
const DIFFICULTY_WORDS: Record<string, Difficulty> = {
  no_applicants: 'no_applicants',
  'inga sökande': 'no_applicants',
  'saknar sökande': 'no_applicants',
  'för få sökande': 'no_applicants',
  'no applicants': 'no_applicants',
  lacking_qualifications: 'lacking_qualifications',
  'saknar kompetens': 'lacking_qualifications',
  'saknar rätt kompetens': 'lacking_qualifications',
  'bristande kvalifikationer': 'lacking_qualifications',
  'sökande saknar kvalifikationer': 'lacking_qualifications',
  'lacking qualifications': 'lacking_qualifications',
  not_suitable: 'not_suitable',
  'inte lämpliga': 'not_suitable',
  'ej lämpliga': 'not_suitable',
  'not suitable': 'not_suitable',
  other: 'other',
  annat: 'other',
  övrigt: 'other',
};
const CHANNEL_WORDS: Record<string, Channel> = {
  company_visit: 'company_visit',
  företagsbesök: 'company_visit',
  besök: 'company_visit',
  'company visit': 'company_visit',
  business_breakfast: 'business_breakfast',
  näringslivsfrukost: 'business_breakfast',
  frukostmöte: 'business_breakfast',
  företagsfrukost: 'business_breakfast',
  'business breakfast': 'business_breakfast',
  business_office: 'business_office',
  näringslivskontor: 'business_office',
  näringslivskontoret: 'business_office',
  'business office': 'business_office',
  af_business_adviser: 'af_business_adviser',
  af: 'af_business_adviser',
  arbetsförmedlingen: 'af_business_adviser',
  'af företagsrådgivare': 'af_business_adviser',
  'af business adviser': 'af_business_adviser',
  politician: 'politician',
  politiker: 'politician',
  other: 'other',
  annat: 'other',
  övrigt: 'other',
};
const URGENCY_WORDS: Record<string, Urgency> = {
  low: 'low',
  låg: 'low',
  normal: 'normal',
  high: 'high',
  hög: 'high',
  brådskande: 'high',
};

/** A row read from the file: the employer (number checked) and the need, titles not yet matched. */
export interface ImportRow {
  row: number;
  organisationNumber: string;
  employerName: string;
  municipalityCode: string;
  title: string;
  /** SSYK-4 codes given in the file's SSYK column (then the title is not matched). */
  ssyk: string[];
  count: number;
  date: string;
  horizon: Horizon;
  difficulty: Difficulty;
  channel: Channel;
  urgency: Urgency;
  seqfLevel: number | null;
  note: string;
  sni: string | null;
  address: string | null;
}

/** Excel day number → ISO date (1900 date system; Excel counts 1900-02-29). */
function excelSerialDate(serial: number): string {
  const ms = Date.UTC(1899, 11, 30) + serial * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

function isoDate(value: string): string | null {
  const v = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$/.exec(v) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (iso) {
    const date = `${iso[1]}-${iso[2]}-${iso[3]}`;
    const parsed = new Date(`${date}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date ? date : null;
  }
  if (/^\d{5}$/.test(v)) {
    const serial = Number(v);
    if (serial > 30_000 && serial < 80_000) return excelSerialDate(serial);
  }
  return null;
}

/** The context a row is read in: today, the defaults, and how municipality names/codes resolve in the region. */
export interface RowContext {
  file: string;
  today: string;
  defaults: ImportDefaults;
  /** A municipality code or name → its code in the region, or null (not a municipality of the region). */
  municipality: (value: string) => string | null;
  regionName: string;
}

/**
 * Reads one data row with the mapping. Problems are collected (every problem of the row, not the first only).
 * A personal identity number is refused without echoing it: the message and the returned data never hold it.
 */
export function readImportRow(
  cells: ReadonlyMap<string, string>,
  row: number,
  mapping: ImportMapping,
  ctx: RowContext,
): { value: ImportRow | null; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const get = (field: ImportField): { column: string; value: string } | null => {
    const column = mapping.columns[field];
    if (!column) return null;
    return { column, value: (cells.get(column) ?? '').trim() };
  };
  const problem = (column: string, message: string) => issues.push({ file: ctx.file, row, column, message });
  const required = (field: ImportField, what: string): string => {
    const cell = get(field);
    if (!cell) return '';
    if (cell.value === '') problem(cell.column, `${what} saknas`);
    return cell.value;
  };

  const numberCell = get('organisationNumber');
  let organisationNumber = '';
  if (numberCell) {
    if (numberCell.value === '') problem(numberCell.column, 'organisationsnumret saknas');
    else {
      const checked = checkOrganisationNumber(numberCell.value);
      if (checked.ok) organisationNumber = checked.value;
      else problem(numberCell.column, checked.message);
    }
  }
  const employerName = required('employerName', 'arbetsgivarens namn');
  const municipalityText = required('municipality', 'kommunen');
  let municipalityCode = '';
  if (municipalityText) {
    const code = ctx.municipality(municipalityText);
    if (code) municipalityCode = code;
    else
      problem(
        mapping.columns.municipality as string,
        `"${municipalityText}" är ingen kommun i ${ctx.regionName} (ange kommunkod eller namn)`,
      );
  }
  const title = get('title')?.value ?? '';
  const ssykCell = get('ssyk');
  const ssyk: string[] = [];
  if (ssykCell && ssykCell.value !== '') {
    for (const part of ssykCell.value.split(/[,;\s]+/).filter(Boolean)) {
      if (/^\d{4}$/.test(part)) ssyk.push(part);
      else problem(ssykCell.column, `"${part}" är ingen SSYK-kod (fyra siffror, t.ex. 5321)`);
    }
  }
  if (title === '' && ssyk.length === 0 && mapping.columns.title) {
    problem(mapping.columns.title, 'yrket saknas');
  }

  let count = ctx.defaults.count;
  const countCell = get('count');
  if (countCell && countCell.value !== '') {
    const n = Number(countCell.value.replace(/\s/g, '').replace(',', '.'));
    if (!Number.isInteger(n) || n < 1 || n > 100_000) {
      problem(countCell.column, `"${countCell.value}" är inget antal personer (ett heltal, minst 1)`);
    } else count = n;
  }

  let date = ctx.today;
  const dateCell = get('date');
  if (dateCell && dateCell.value !== '') {
    const d = isoDate(dateCell.value);
    if (!d) problem(dateCell.column, `"${dateCell.value}" är inget datum (skriv ÅÅÅÅ-MM-DD)`);
    else if (d > ctx.today) problem(dateCell.column, `datumet ${d} ligger i framtiden`);
    else date = d;
  }

  const word = <T extends string>(
    field: ImportField,
    words: Record<string, T>,
    fallback: T,
    allowed: readonly string[],
  ): T => {
    const cell = get(field);
    if (!cell || cell.value === '') return fallback;
    const found = words[text(cell.value)];
    if (found) return found;
    problem(cell.column, `"${cell.value}" känns inte igen (tillåtna värden: ${allowed.join(', ')})`);
    return fallback;
  };
  const horizon = word('horizon', HORIZON_WORDS, ctx.defaults.horizon, [
    'nu',
    'inom 1 år',
    '1-3 år',
    '3+ år',
    ...HORIZONS,
  ]);
  const difficulty = word('difficulty', DIFFICULTY_WORDS, ctx.defaults.difficulty, [
    'inga sökande',
    'saknar kompetens',
    'inte lämpliga',
    'annat',
    ...DIFFICULTIES,
  ]);
  const channel = word('channel', CHANNEL_WORDS, ctx.defaults.channel, [
    'företagsbesök',
    'näringslivsfrukost',
    'näringslivskontor',
    'Arbetsförmedlingen',
    'politiker',
    'annat',
  ]);
  const urgency = word('urgency', URGENCY_WORDS, ctx.defaults.urgency, ['låg', 'normal', 'hög']);

  let seqfLevel: number | null = null;
  const seqfCell = get('seqfLevel');
  if (seqfCell && seqfCell.value !== '') {
    const n = Number(seqfCell.value);
    if (!Number.isInteger(n) || n < 1 || n > 8)
      problem(seqfCell.column, `"${seqfCell.value}" är ingen SeQF-nivå (1–8)`);
    else seqfLevel = n;
  }
  let sni: string | null = null;
  const sniCell = get('sni');
  if (sniCell && sniCell.value !== '') {
    sni = normaliseSni(sniCell.value);
    if (!sni) problem(sniCell.column, `"${sniCell.value}" är ingen SNI-kod (fem siffror, t.ex. 62.010)`);
  }
  const note = (get('note')?.value ?? '').slice(0, 5000);
  const address = get('address')?.value || null;

  if (issues.length > 0) return { value: null, issues };
  return {
    value: {
      row,
      organisationNumber,
      employerName,
      municipalityCode,
      title,
      ssyk,
      count,
      date,
      horizon,
      difficulty,
      channel,
      urgency,
      seqfLevel,
      note,
      sni,
      address,
    },
    issues,
  };
}

/** The key a title is resolved by: the same title in any case and spacing is one title. */
export function titleKey(title: string): string {
  return title.toLocaleLowerCase('sv').replace(/\s+/g, ' ').trim();
}

/** The chosen SSYK codes for a title from the mapping's `titles` section (keys compared by {@link titleKey}). */
export function resolvedTitle(mapping: ImportMapping, title: string): string[] | null {
  const key = titleKey(title);
  for (const [written, codes] of Object.entries(mapping.titles ?? {})) {
    if (titleKey(written) === key) return codes.split(',').map((c) => c.trim());
  }
  return null;
}
