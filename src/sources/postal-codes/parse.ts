import { z } from 'zod';
import { decimalText, municipalityCode } from '../shared/codes.js';
import { parseRecord, type TableRecord } from '../shared/csv.js';

/** Columns of the geo-postal file (verbatim upstream header). */
export const POSTAL_COLUMNS = ['Postnummer', 'Ort', 'KnKod', 'Latitude', 'Longitude'] as const;

export interface PostalCodeRow {
  postalCode: string;
  locality: string;
  municipalityCode: string;
  lat: number;
  lon: number;
}

/** Five digits without a space ("62182"); Swedish codes run from 100 00 to 984 99. */
export const postalCodeText = z
  .string()
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^[1-9]\d{4}$/, 'postnummer ska vara fem siffror, t.ex. "80310" eller "803 10"'));

const latitude = decimalText.pipe(z.number().min(55).max(69.1, 'latitud utanför Sverige'));
const longitude = decimalText.pipe(z.number().min(10.5).max(24.2, 'longitud utanför Sverige'));

const recordSchema = z.object({
  Postnummer: postalCodeText,
  Ort: z.string().min(1, 'orten saknas'),
  KnKod: municipalityCode,
  Latitude: latitude,
  Longitude: longitude,
});

/** Parses the geo-postal records; errors name file, row and column. */
export function parsePostalCodes(records: readonly TableRecord[], file: string): PostalCodeRow[] {
  return records.map((record) => {
    const v = parseRecord(recordSchema, record, file);
    return {
      postalCode: v.Postnummer,
      locality: v.Ort,
      municipalityCode: v.KnKod,
      lat: v.Latitude,
      lon: v.Longitude,
    };
  });
}
