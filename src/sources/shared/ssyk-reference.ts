import { InputError, type InputLocation } from '../../errors.js';
import type { SourceFile, SourceInput } from '../contract.js';
import { mapScbCodeToAf, type ScbMapping } from '../ssyk/mapping.js';
import { parseSsykHierarchy, SSYK_HIERARCHY_FILE } from '../ssyk/parse.js';
import { assertFileExists, readCsv, type TableRecord } from './csv.js';
import { parseJsonText } from './json.js';
import { assertAtLeast } from './shape.js';
import { readText } from './text.js';

/**
 * SSYK 2012 reference lists read straight from the data directory, so labour-market adapters can validate codes,
 * map SSYK labels to codes and map SCB's 429-code variant to AF's 400 codes while parsing (without a database).
 * Adapters that use it declare these files as their own.
 */
/** AF's SSYK list comes from JobTech's verbatim SSYK hierarchy, the same file the `ssyk` source reads. */
export const SSYK_AF_FILE = SSYK_HIERARCHY_FILE;
export const SSYK_SCB_FILE = 'ssyk2012/structure_ssyk12_scb_en.csv';

export const SSYK_AF_SOURCE_FILE: SourceFile = {
  path: SSYK_AF_FILE,
  url: 'https://raw.githubusercontent.com/linneamoritznyc/nordiqflow/e9446007fc634331ce73ffb4b395dd356f9999dc/data/raw/taxonomy/the-ssyk-hierarchy-with-occupations.json',
};
export const SSYK_SCB_SOURCE_FILE: SourceFile = {
  path: SSYK_SCB_FILE,
  url: 'https://raw.githubusercontent.com/joseph-data/AI_Econ_daioe_years_v2/7a0550355c909a184180759e69a68a3135656aa2/structure_ssyk12.csv',
};

/** SSYK 2012 unit groups (ssyk2012/PROVENANCE.md): AF/JobTech use 400 codes, SCB's structure file 429. */
export const AF_UNIT_GROUPS = 400;
export const SCB_UNIT_GROUPS = 429;

/**
 * The SSYK lists are complete in a full copy: all 400 (AF) and 429 (SCB) unit groups. A test fixture with a dozen
 * occupations passes with `SEMAFOR_IMPORT_PARTIAL=1` (see shared/shape.ts); parents of every code are always
 * checked by the parsers.
 */
export function checkSsykShape(input: SourceInput, afUnitGroups: number, scbUnitGroups: number): void {
  assertAtLeast(input, afUnitGroups, AF_UNIT_GROUPS, SSYK_AF_FILE, 'yrkesgrupper (SSYK-4)');
  assertAtLeast(input, scbUnitGroups, SCB_UNIT_GROUPS, SSYK_SCB_FILE, 'fyrsiffriga SSYK-koder');
}

/** AF's SSYK 2012 (JobTech variant): 400 unit groups with Swedish labels, and the minor groups above them. */
export interface AfSsyk {
  /** Level-4 codes ('0110' … '9629'). */
  unitCodes: ReadonlySet<string>;
  /** Level-4 label (normalised, see {@link normaliseLabel}) → code. */
  codeByLabel: ReadonlyMap<string, string>;
  /** Level-3 code → its level-4 codes. */
  unitsOfMinorGroup: ReadonlyMap<string, readonly string[]>;
}

/** Normalises an SSYK label for matching: NFC, single spaces, trimmed, lower case (Swedish). */
export function normaliseLabel(label: string): string {
  return label.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('sv');
}

/** Builds the AF SSYK lists from the records of `ssyk2012_af_levels.csv`. */
export function buildAfSsyk(records: readonly TableRecord[], file: string = SSYK_AF_FILE): AfSsyk {
  const unitCodes = new Set<string>();
  const codeByLabel = new Map<string, string>();
  const unitsOfMinorGroup = new Map<string, string[]>();
  for (const record of records) {
    const { level, ssyk_code: code, parent_code: parent, label_sv: label } = record.values;
    if (level !== '4') continue;
    if (!code || !/^\d{4}$/.test(code)) {
      throw new InputError(
        { file, row: record.row, column: 'ssyk_code' },
        `ogiltig SSYK-4-kod "${code ?? ''}"`,
      );
    }
    unitCodes.add(code);
    const key = normaliseLabel(label ?? '');
    const clash = codeByLabel.get(key);
    if (clash) {
      throw new InputError(
        { file, row: record.row, column: 'label_sv' },
        `benämningen "${label}" finns redan för ${clash}`,
      );
    }
    codeByLabel.set(key, code);
    const group = parent && /^\d{3}$/.test(parent) ? parent : code.slice(0, 3);
    unitsOfMinorGroup.set(group, [...(unitsOfMinorGroup.get(group) ?? []), code]);
  }
  if (unitCodes.size === 0) throw new InputError({ file }, 'inga SSYK-4-koder (nivå 4) i filen');
  return { unitCodes, codeByLabel, unitsOfMinorGroup };
}

/** Reads AF's SSYK list (400 unit groups with labels) from JobTech's SSYK hierarchy JSON. */
export async function readAfSsyk(input: SourceInput): Promise<AfSsyk> {
  const absolute = input.file(SSYK_AF_FILE);
  await assertFileExists(absolute, SSYK_AF_FILE);
  const { text } = await readText(absolute, SSYK_AF_FILE);
  const hierarchy = parseSsykHierarchy(parseJsonText(text, SSYK_AF_FILE), SSYK_AF_FILE);
  assertAtLeast(
    input,
    hierarchy.groups.filter((g) => g.level === 4).length,
    AF_UNIT_GROUPS,
    SSYK_AF_FILE,
    'yrkesgrupper (SSYK-4)',
  );
  return buildAfSsyk(
    hierarchy.groups.map((g, i) => ({
      row: i + 1,
      values: {
        level: String(g.level),
        ssyk_code: g.code,
        parent_code: g.parentCode ?? '',
        label_sv: g.labelSv,
      },
    })),
  );
}

/**
 * Builds the explicit SCB → AF mapping for every 4-digit code of SCB's structure file, with the rules of the
 * `ssyk` adapter ({@link mapScbCodeToAf}); a code without a rule is an input error, so "every SCB code mapped"
 * holds by construction.
 */
export function buildScbMapping(
  records: readonly TableRecord[],
  af: AfSsyk,
  file: string = SSYK_SCB_FILE,
): Map<string, ScbMapping> {
  const mapping = new Map<string, ScbMapping>();
  for (const record of records) {
    const code = record.values.code ?? '';
    if (!/^\d{4}$/.test(code)) continue;
    const mapped = mapScbCodeToAf(code, af.unitCodes);
    if (!mapped) {
      throw new InputError(
        { file, row: record.row, column: 'code' },
        `SCB-koden ${code} saknar motsvarighet hos AF`,
      );
    }
    mapping.set(code, mapped);
  }
  if (mapping.size === 0) throw new InputError({ file }, 'inga SSYK-4-koder i filen');
  return mapping;
}

/** Reads SCB's SSYK structure and maps every 4-digit code to AF's code. */
export async function readScbMapping(input: SourceInput, af: AfSsyk): Promise<Map<string, ScbMapping>> {
  const records = await readCsv(input, SSYK_SCB_FILE, { required: ['code', 'name'] });
  const mapping = buildScbMapping(records, af);
  assertAtLeast(input, mapping.size, SCB_UNIT_GROUPS, SSYK_SCB_FILE, 'fyrsiffriga SSYK-koder');
  return mapping;
}

/** Result of mapping an SSYK label text (possibly several comma-joined labels) to codes. */
export type LabelMatch = { ok: true; codes: string[] } | { ok: false; problem: string };

/**
 * Maps a label text to AF SSYK-4 codes. The text is either one label or several labels joined by ", ". Labels may
 * themselves contain ", " (e.g. "Maskinoperatörer, mejeri"), so the text is split into pieces and every way of
 * regrouping consecutive pieces into known labels is tried; exactly one complete reading must exist.
 */
export function matchSsykLabels(text: string, af: AfSsyk): LabelMatch {
  const whole = af.codeByLabel.get(normaliseLabel(text));
  if (whole) return { ok: true, codes: [whole] };
  const pieces = text.split(',').map((p) => p.trim());
  const readings: string[][] = [];
  const walk = (start: number, codes: string[]): void => {
    if (readings.length > 1) return;
    if (start === pieces.length) {
      readings.push(codes);
      return;
    }
    for (let end = start + 1; end <= pieces.length; end++) {
      const code = af.codeByLabel.get(normaliseLabel(pieces.slice(start, end).join(', ')));
      if (code) walk(end, [...codes, code]);
    }
  };
  walk(0, []);
  const [first, second] = readings;
  if (!first)
    return { ok: false, problem: `ingen känd SSYK-benämning eller kombination av benämningar: "${text}"` };
  if (second) {
    return { ok: false, problem: `tvetydig: kan läsas som ${first.join('+')} eller ${second.join('+')}` };
  }
  return { ok: true, codes: [...new Set(first)] };
}

/** The 21 Swedish county codes (län), valid since 2007. */
export const COUNTY_CODES: ReadonlySet<string> = new Set([
  '01',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '12',
  '13',
  '14',
  '17',
  '18',
  '19',
  '20',
  '21',
  '22',
  '23',
  '24',
  '25',
]);

/** Geography id of a county code, or an input error naming where the bad code was found. */
export function countyGeographyId(code: string, where: InputLocation): string {
  if (!COUNTY_CODES.has(code)) throw new InputError(where, `okänd länskod "${code}"`);
  return `county:${code}`;
}
