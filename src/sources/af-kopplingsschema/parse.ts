import { z } from 'zod';
import type { InputLocation } from '../../errors.js';
import { parseRecord, type TableRecord } from '../shared/csv.js';

/** Columns of AF's occupation ↔ education key that are read. */
export const KEY_COLUMNS = [
  'Yrkesgrupp',
  'SSYK Arbetsförmedlingen',
  'SUN 2020',
  'Utbildningsnummer',
  'Utbildningsnamn',
  'SUN 4 - MYH',
  'Kommentar MYH',
] as const;

/** A SUN 2020 field code of four positions, e.g. `481a` (AF's key also uses MYH's `x`/`z` residual letters). */
export const SUN4 = /^\d{3}[a-zåäö]$/;

const recordSchema = z.object({
  Yrkesgrupp: z.string().min(1, 'yrkesgruppen saknas'),
  'SSYK Arbetsförmedlingen': z.string().regex(/^\d{4}$/, 'SSYK-kod ska vara fyra siffror'),
  'SUN 2020': z.string(),
  // Mostly YH numbers ("YH00742"); older programmes carry MYH's earlier numbers ("201601700").
  Utbildningsnummer: z.union([
    z.literal(''),
    z
      .string()
      .regex(
        /^(?:YH\d{5}|\d{6,12})$/,
        'utbildningsnummer ska vara "YH" och fem siffror eller ett äldre nummer',
      ),
  ]),
  Utbildningsnamn: z.string(),
  'SUN 4 - MYH': z.string(),
  'Kommentar MYH': z.string(),
});

export type KeySunRow = {
  ssyk: string;
  sunCode: string;
  via: 'sun2020' | 'myh';
};

export type KeyProgrammeRow = {
  ssyk: string;
  programmeNumber: string;
  programmeName: string | null;
  comment: string | null;
};

function sunCodes(text: string, record: TableRecord, file: string, column: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[,;]/)) {
    const code = part.trim().toLowerCase();
    if (code === '') continue;
    // Validate through the same helper, so a broken code is reported with file, row and column.
    parseRecord(
      z.object({
        [column]: z.string().regex(SUN4, 'SUN-kod ska vara tre siffror och en bokstav, t.ex. "481a"'),
      }),
      { row: record.row, values: { [column]: code } },
      file,
    );
    out.push(code);
  }
  return out;
}

/**
 * Parses the key: one row per occupation × (SUN code list, YH programme). The rows repeat an occupation once per
 * linked programme, so the output keeps each distinct occupation × SUN code and occupation × programme once (the
 * first row's programme name and comment).
 */
export function parseKey(
  records: readonly TableRecord[],
  file: string,
): {
  sun: Array<{ row: KeySunRow; location: InputLocation }>;
  programmes: Array<{ row: KeyProgrammeRow; location: InputLocation }>;
  occupations: number;
} {
  const sun = new Map<string, { row: KeySunRow; location: InputLocation }>();
  const programmes = new Map<string, { row: KeyProgrammeRow; location: InputLocation }>();
  const occupations = new Set<string>();
  for (const record of records) {
    const v = parseRecord(recordSchema, record, file);
    const ssyk = v['SSYK Arbetsförmedlingen'];
    occupations.add(ssyk);
    const location = { file, row: record.row };
    for (const [column, via] of [
      ['SUN 2020', 'sun2020'],
      ['SUN 4 - MYH', 'myh'],
    ] as const) {
      for (const code of sunCodes(v[column], record, file, column)) {
        const key = `${ssyk}|${code}|${via}`;
        if (!sun.has(key))
          sun.set(key, { row: { ssyk, sunCode: code, via }, location: { ...location, column } });
      }
    }
    if (v.Utbildningsnummer !== '') {
      const key = `${ssyk}|${v.Utbildningsnummer}`;
      if (!programmes.has(key)) {
        programmes.set(key, {
          row: {
            ssyk,
            programmeNumber: v.Utbildningsnummer,
            programmeName: v.Utbildningsnamn || null,
            comment: v['Kommentar MYH'] || null,
          },
          location: { ...location, column: 'Utbildningsnummer' },
        });
      }
    }
  }
  return { sun: [...sun.values()], programmes: [...programmes.values()], occupations: occupations.size };
}
