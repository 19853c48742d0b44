import { z } from 'zod';
import { InputError, type InputLocation } from '../../errors.js';
import { parseRecord, type TableRecord } from '../shared/csv.js';

/** The columns of Tabell 3 that are read (Swedish names as in MYH's workbook), plus the appended codes. */
export const APPLICATION_COLUMNS = [
  'Utbildningsområde',
  'SUN5 inriktning',
  'SUN5 inriktning namn',
  'Utbildningsnamn',
  'Beslut',
  'Diarienummer',
  'Flera kommuner',
  'Antal kommuner',
  'YH-poäng',
  'Studieform',
  'Studietakt %',
  'Typ av examen',
  'SeQF nivå',
  'Smalt yrkesområde',
  'Utbildningsanordnare administrativ enhet',
  'Huvudmannatyp',
  'Sökta utbildningsomgångar',
  'Beviljade utbildningsomgångar',
  'Sökta platser per utbildningsomgång',
  'Sökta platser totalt',
  'Beviljade platser totalt',
  'kommunkod',
  'lanskod',
] as const;

export const MULTI_COLUMNS = ['Diarienummer', 'kommunkod', 'lanskod'] as const;

export type ApplicationRow = {
  id: string;
  roundYear: number;
  field: string;
  sun5: string;
  sun5Name: string;
  sun4: string;
  name: string;
  decision: 'granted' | 'rejected';
  multipleMunicipalities: boolean;
  municipalityCount: number;
  countyCode: string | null;
  municipalityCode: string | null;
  yhPoints: number | null;
  studyForm: 'campus' | 'distance';
  pacePercent: number | null;
  examType: string | null;
  seqf: number | null;
  narrowField: boolean | null;
  provider: string;
  ownerType: string | null;
  roundsApplied: number | null;
  roundsGranted: number | null;
  placesPerRound: number | null;
  placesAppliedTotal: number | null;
  placesGrantedTotal: number | null;
  sourceRow: number;
};

const count = z
  .string()
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.union([z.literal(''), z.string().regex(/^\d+$/, 'ska vara ett heltal eller tomt')]))
  .transform((s) => (s === '' ? null : Number(s)));
const yesNo = z
  .enum(['Ja', 'Nej', ''], { message: 'ska vara Ja, Nej eller tomt' })
  .transform((s) => (s === '' ? null : s === 'Ja'));
const optionalText = z.string().transform((s) => (s === '' ? null : s));

const recordSchema = z.object({
  Utbildningsområde: z.string().min(1, 'utbildningsområdet saknas'),
  'SUN5 inriktning': z
    .string()
    .regex(/^\d{3}[a-zåäö0-9]{2}$/i, 'SUN5 ska vara tre siffror och två tecken, t.ex. "481ab"'),
  'SUN5 inriktning namn': z.string(),
  Utbildningsnamn: z.string().min(1, 'utbildningsnamnet saknas'),
  Beslut: z.enum(['Beviljad', 'Avslag'], { message: 'beslutet ska vara Beviljad eller Avslag' }),
  Diarienummer: z.string().regex(/^MYH \d{4}\/\d+$/, 'diarienumret ska se ut som "MYH 2024/3742"'),
  'Flera kommuner': z.enum(['Ja', 'Nej'], { message: 'ska vara Ja eller Nej' }),
  'Antal kommuner': count,
  'YH-poäng': count,
  Studieform: z.enum(['Bunden', 'Distans'], { message: 'studieformen ska vara Bunden eller Distans' }),
  'Studietakt %': count,
  'Typ av examen': optionalText,
  'SeQF nivå': count,
  'Smalt yrkesområde': yesNo,
  'Utbildningsanordnare administrativ enhet': z.string().min(1, 'utbildningsanordnaren saknas'),
  Huvudmannatyp: optionalText,
  'Sökta utbildningsomgångar': count,
  'Beviljade utbildningsomgångar': count,
  'Sökta platser per utbildningsomgång': count,
  'Sökta platser totalt': count,
  'Beviljade platser totalt': count,
  kommunkod: z.union([z.literal(''), z.string().regex(/^\d{4}$/, 'kommunkod ska vara fyra siffror')]),
  lanskod: z.union([z.literal(''), z.string().regex(/^\d{2}$/, 'länskod ska vara två siffror')]),
});

/** Parses Tabell 3: one row per application of the round with MYH's decision. */
export function parseApplications(
  records: readonly TableRecord[],
  file: string,
  roundYear: number,
): Array<{ row: ApplicationRow; location: InputLocation }> {
  return records.map((record) => {
    const v = parseRecord(recordSchema, record, file);
    const multiple = v['Flera kommuner'] === 'Ja';
    if (!multiple && (v.kommunkod === '' || v.lanskod === '')) {
      throw new InputError(
        { file, row: record.row, column: 'kommunkod' },
        'kommunkod och länskod saknas för en utbildning i en kommun',
      );
    }
    if (v.kommunkod !== '' && !v.kommunkod.startsWith(v.lanskod)) {
      throw new InputError(
        { file, row: record.row, column: 'kommunkod' },
        `kommunkoden ${v.kommunkod} ligger inte i län ${v.lanskod}`,
      );
    }
    const sun5 = v['SUN5 inriktning'].toLowerCase();
    return {
      row: {
        id: v.Diarienummer,
        roundYear,
        field: v.Utbildningsområde,
        sun5,
        sun5Name: v['SUN5 inriktning namn'],
        sun4: sun5.slice(0, 4),
        name: v.Utbildningsnamn,
        decision: v.Beslut === 'Beviljad' ? 'granted' : 'rejected',
        multipleMunicipalities: multiple,
        municipalityCount: v['Antal kommuner'] ?? 1,
        countyCode: v.lanskod === '' ? null : v.lanskod,
        municipalityCode: v.kommunkod === '' ? null : v.kommunkod,
        yhPoints: v['YH-poäng'],
        studyForm: v.Studieform === 'Bunden' ? 'campus' : 'distance',
        pacePercent: v['Studietakt %'],
        examType: v['Typ av examen'],
        seqf: v['SeQF nivå'],
        narrowField: v['Smalt yrkesområde'],
        provider: v['Utbildningsanordnare administrativ enhet'],
        ownerType: v.Huvudmannatyp,
        roundsApplied: v['Sökta utbildningsomgångar'],
        roundsGranted: v['Beviljade utbildningsomgångar'],
        placesPerRound: v['Sökta platser per utbildningsomgång'],
        placesAppliedTotal: v['Sökta platser totalt'],
        placesGrantedTotal: v['Beviljade platser totalt'],
        sourceRow: record.row,
      },
      location: { file, row: record.row },
    };
  });
}

const multiSchema = z.object({
  Diarienummer: z.string().regex(/^MYH \d{4}\/\d+$/, 'diarienumret ska se ut som "MYH 2024/3742"'),
  kommunkod: z.string().regex(/^\d{4}$/, 'kommunkod ska vara fyra siffror'),
  lanskod: z.string().regex(/^\d{2}$/, 'länskod ska vara två siffror'),
});

/** Parses Tabell 4: the municipalities of applications that run in several; each must be in Tabell 3. */
export function parseMultiMunicipalities(
  records: readonly TableRecord[],
  file: string,
  applications: ReadonlySet<string>,
): Array<{
  row: { applicationId: string; municipalityCode: string; countyCode: string };
  location: InputLocation;
}> {
  return records.map((record) => {
    const v = parseRecord(multiSchema, record, file);
    if (!applications.has(v.Diarienummer)) {
      throw new InputError(
        { file, row: record.row, column: 'Diarienummer' },
        `ansökan ${v.Diarienummer} finns inte i tabell 3`,
      );
    }
    return {
      row: { applicationId: v.Diarienummer, municipalityCode: v.kommunkod, countyCode: v.lanskod },
      location: { file, row: record.row },
    };
  });
}
