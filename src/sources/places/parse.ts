import { z } from 'zod';
import { InputError, type InputLocation } from '../../errors.js';
import { municipalityCode } from '../shared/codes.js';

export interface PlaceRow {
  municipalityCode: string;
  name: string;
  lat: number | null;
  lon: number | null;
}

const placeSchema = z.object({
  label: z.string().trim().min(1, 'namnet saknas'),
  latitud: z.number(),
  longitud: z.number(),
  kommunkod: municipalityCode,
});

/**
 * Parses platser.json (a list of `{label, latitud, longitud, kommunkod, type}`). `row` in errors is the 1-based
 * position in the list, `column` the field. A 0,0 coordinate (70 of the 2,012 places) is stored as missing.
 */
export function parsePlaces(json: unknown, file: string): Array<{ row: PlaceRow; location: InputLocation }> {
  if (!Array.isArray(json)) throw new InputError({ file }, 'filen ska innehålla en JSON-lista med platser');
  return json.map((item: unknown, index) => {
    const result = placeSchema.safeParse(item);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new InputError(
        { file, row: index + 1, column: issue?.path[0] === undefined ? undefined : String(issue.path[0]) },
        issue?.message ?? 'ogiltig plats',
      );
    }
    const v = result.data;
    const missing = v.latitud === 0 && v.longitud === 0;
    return {
      row: {
        municipalityCode: v.kommunkod,
        name: v.label,
        lat: missing ? null : v.latitud,
        lon: missing ? null : v.longitud,
      },
      location: { file, row: index + 1 },
    };
  });
}
